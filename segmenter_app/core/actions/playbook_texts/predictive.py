"""Playbook texts for the predictive segments (churn risk, active), in English and French."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # --- Churn risk (predictive) ------------------------------------------------------------
    "churn_risk.name": ("Churn risk", "Risque de départ"),
    "churn_risk.objective": (
        "Keep valuable customers whose chance of still being active has dropped.",
        "Garder des clients précieux dont la probabilité d'être encore actifs a baissé.",
    ),
    "churn_risk.message": (
        "We have not seen you for a while and we value you: here is something picked for you. Is there anything we could do better?",
        "Nous ne vous avons pas vu depuis un moment et vous comptez pour nous : voici une attention choisie pour vous. Pouvons-nous faire mieux ?",
    ),
    "churn_risk.offer": (
        "A personal offer on their favourite products (a gift or free delivery from {threshold}); ask what would bring them back.",
        "Une offre personnelle sur leurs produits préférés (un cadeau ou la livraison offerte dès {threshold}) ; demandez ce qui les ferait revenir.",
    ),
    "churn_risk.offer_discount": (
        "A personal {discount} off their favourite products from {threshold}; ask what would bring them back.",
        "Une remise personnelle de {discount} sur leurs produits préférés dès {threshold} ; demandez ce qui les ferait revenir.",
    ),
    "churn_risk.timing": (
        "Now, before the probability drops further; one follow-up two weeks later.",
        "Maintenant, avant que la probabilité ne baisse encore ; un suivi deux semaines plus tard.",
    ),
    "churn_risk.kpi": (
        "Reactivation rate, probability of being active at the next analysis, revenue won back.",
        "Taux de réactivation, probabilité d'être actif à la prochaine analyse, chiffre d'affaires regagné.",
    ),
    "churn_risk.avoid": (
        "Waiting for the next season; generic promotions.",
        "Attendre la prochaine saison ; les promotions génériques.",
    ),
    # --- Active (predictive) ----------------------------------------------------------------
    "active.name": ("Likely active", "Probablement actifs"),
    "active.objective": (
        "Keep active customers engaged and grow their basket.",
        "Garder l'intérêt des clients actifs et faire grandir leur panier.",
    ),
    "active.message": (
        "Thank you for your visits! Here are our latest products chosen for you.",
        "Merci de vos visites ! Voici nos derniers produits choisis pour vous.",
    ),
    "active.offer": (
        "Recommendations based on their purchases; free delivery from {threshold}.",
        "Des recommandations selon leurs achats ; livraison offerte dès {threshold}.",
    ),
    "active.offer_discount": (
        "Recommendations based on their purchases; free delivery from {threshold}.",
        "Des recommandations selon leurs achats ; livraison offerte dès {threshold}.",
    ),
    "active.timing": (
        "At their usual rhythm.",
        "À leur rythme habituel.",
    ),
    "active.kpi": (
        "Average basket, purchase frequency.",
        "Panier moyen, fréquence d'achat.",
    ),
    "active.avoid": (
        "Discounts they do not need; too many messages.",
        "Des remises dont ils n'ont pas besoin ; trop de messages.",
    ),
}
