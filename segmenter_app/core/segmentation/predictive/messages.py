"""Texts of the predictive method (segment names, reasons, refusals), in English and French."""

from __future__ import annotations

from segmenter_app.core.i18n import Messages

MESSAGES = Messages(
    {
        "high_value": ("High future value", "Forte valeur future"),
        "churn_risk": ("Churn risk", "Risque de départ"),
        "active": ("Active", "Actifs"),
        "one_time": ("One-time buyers", "Acheteurs d'une seule fois"),
        "lost": ("Probably lost", "Probablement perdus"),
        "reason": (
            "{p}% likely still active · {n} purchases expected in {days} days × {basket} {currency} "
            "= {clv} {currency} · {spent} {currency} spent so far",
            "{p} % de chances d'être encore actif · {n} achats attendus en {days} jours × {basket} {currency} "
            "= {clv} {currency} · {spent} {currency} dépensés jusqu'ici",
        ),
        "reason_once": (
            "Bought once so far · {n} purchases expected in {days} days × {basket} {currency} "
            "= {clv} {currency} · {spent} {currency} spent so far",
            "Un seul achat jusqu'ici · {n} achats attendus en {days} jours × {basket} {currency} "
            "= {clv} {currency} · {spent} {currency} dépensés jusqu'ici",
        ),
        "no_history": (
            "No purchase up to the analysis date: nothing to predict from.",
            "Aucun achat jusqu'à la date d'analyse : rien pour prédire.",
        ),
        "no_transactions": (
            "Predictions need the dated order history: import order files (step 1) first.",
            "Les prédictions ont besoin de l'historique daté des commandes : importez d'abord des fichiers "
            "de commandes (étape 1).",
        ),
        "thin_customers": (
            "Too few customers to predict: {having} a purchase, the model needs at least {needed}. "
            "Use RFM or rules instead.",
            "Trop peu de clients pour prédire : {having} un achat, le modèle en demande au moins {needed}. "
            "Utilisez plutôt le RFM ou des règles.",
        ),
        "having": ("{n} have", "{n} ont"),
        "having_one": ("{n} has", "{n} a"),
        "bought": ("{n} customers bought", "{n} clients ont acheté"),
        "bought_one": ("{n} customer bought", "{n} client a acheté"),
        "days": ("{n} days", "{n} jours"),
        "days_one": ("{n} day", "{n} jour"),
        "thin_repeat": (
            "Too few repeat buyers to predict: only {bought} on two different days, the model "
            "needs at least {needed} to learn how often customers come back. Use RFM or rules instead.",
            "Trop peu de clients fidèles pour prédire : seulement {bought} deux jours différents, "
            "le modèle en demande au moins {needed} pour apprendre à quel rythme les clients reviennent. "
            "Utilisez plutôt le RFM ou des règles.",
        ),
        "thin_span": (
            "The history is too short to predict: it covers {days}, the model needs at least {needed}.",
            "L'historique est trop court pour prédire : il couvre {days}, le modèle en demande au moins {needed}.",
        ),
        "thin_spend": (
            "Too few repeat buyers with a positive spend ({count}, at least {needed} needed) for the basket "
            "model: each customer's own average basket is used instead.",
            "Trop peu de clients fidèles avec une dépense positive ({count}, au moins {needed}) pour le modèle "
            "de panier : le panier moyen de chaque client est utilisé à la place.",
        ),
        "no_fit": (
            "The purchase model could not be fitted reliably on this data (the history is too irregular). "
            "Use RFM or rules instead.",
            "Le modèle d'achat n'a pas pu être ajusté de façon fiable sur ces données (historique trop "
            "irrégulier). Utilisez plutôt le RFM ou des règles.",
        ),
        "bad_parameters": (
            "Predictive parameters not understood ({value}): horizon_days is a whole number of days, "
            "alive_threshold and high_value_share are between 0 and 1.",
            "Paramètres de prédiction non compris ({value}) : horizon_days est un nombre entier de jours, "
            "alive_threshold et high_value_share sont entre 0 et 1.",
        ),
    }
)
