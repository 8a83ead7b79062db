"""Names of a measurement's figures on the Results sheet, in English and French.

A measurement (core/measure) is a nested mapping with stable keys (``Total.conversion_rate``,
``source.details.unmatched_rows``): the JSON report keeps those keys; the workbook, read by a shop
owner, names each part of the path in words and joins them with " › ". A key with no name here
(a segment's own name, a key a later version adds) is written as it is.
"""

from __future__ import annotations

from collections.abc import Callable

from segmenter_app.core.i18n import Messages

FIGURES = Messages(
    {
        "title": ("Title", "Titre"),
        "id": ("Measurement", "Mesure"),
        "format": ("Format version", "Version du format"),
        "label": ("Results file", "Fichier de résultats"),
        "kind": ("Kind of results", "Type de résultats"),
        "measured_at": ("Measured on", "Mesuré le"),
        "lang": ("Language", "Langue"),
        "currency": ("Currency", "Devise"),
        "source": ("Source", "Source"),
        "path": ("File", "Fichier"),
        "fingerprint": ("File fingerprint (SHA-256)", "Empreinte du fichier (SHA-256)"),
        "rows_read": ("Rows read", "Lignes lues"),
        "unmatched_customers": ("Customers not in the project", "Clients absents du projet"),
        "details": ("Details", "Détails"),
        "columns": ("Columns", "Colonnes"),
        "sheet": ("Sheet", "Feuille"),
        "unmatched_rows": ("Rows of unknown customers", "Lignes de clients inconnus"),
        "ambiguous_email_rows": ("Rows with a shared e-mail", "Lignes à l'e-mail partagé"),
        "ids_matched_loosely": ("Ids matched in another form", "Identifiants reconnus sous une autre forme"),
        "unreadable_revenue": ("Unreadable revenues", "Chiffres d'affaires illisibles"),
        "contradicted_customers": ("Customers both converted and not", "Clients à la fois convertis et non"),
        "revenue_currency": ("Currency of the revenue", "Devise du chiffre d'affaires"),
        "campaign_date": ("Campaign date", "Date de la campagne"),
        "window_days": ("Window (days)", "Fenêtre (jours)"),
        "control_observed": ("Control group in the results", "Groupe témoin dans les résultats"),
        "contacted_not_in_results": ("Contacted, not in the results", "Contactés absents des résultats"),
        "Total": ("All segments", "Tous les segments"),
        "total": ("All segments", "Tous les segments"),
        "segments": ("Per segment", "Par segment"),
        "key": ("Key", "Clé"),
        "name": ("Segment", "Segment"),
        "customers": ("Customers", "Clients"),
        "contacted": ("Contacted", "Contactés"),
        "conversions": ("Conversions", "Conversions"),
        "conversion_rate": ("Conversion rate", "Taux de conversion"),
        "control_conversions": ("Control conversions", "Conversions du groupe témoin"),
        "control_rate": ("Control conversion rate", "Taux de conversion du groupe témoin"),
        "revenue": ("Revenue", "Chiffre d'affaires"),
        "control_revenue": ("Control revenue", "Chiffre d'affaires du groupe témoin"),
        "avg_basket": ("Average basket", "Panier moyen"),
        "revenue_per_contacted": ("Revenue per contacted customer", "Chiffre d'affaires par client contacté"),
        "revenue_per_control": ("Revenue per control customer", "Chiffre d'affaires par client témoin"),
        "cost_per_contact": ("Cost per contact", "Coût par contact"),
        "cost": ("Cost", "Coût"),
        "rate_kind": ("Kind of rate", "Type de taux"),
        "reactivation_rate": ("Reactivation rate", "Taux de réactivation"),
        "retention_rate": ("Retention rate", "Taux de rétention"),
        "expected_conversions": ("Expected conversions", "Conversions attendues"),
        "clv": ("Lifetime value", "Valeur vie client"),
        "uplift": ("Conversion uplift", "Hausse de la conversion"),
        "uplift_low": ("Conversion uplift, low", "Hausse de la conversion, bas"),
        "uplift_high": ("Conversion uplift, high", "Hausse de la conversion, haut"),
        "uplift_verdict": ("Conversion verdict", "Verdict sur la conversion"),
        "uplift_text": ("Conversion uplift in words", "Hausse de la conversion en clair"),
        "revenue_uplift": ("Revenue uplift per customer", "Hausse du chiffre d'affaires par client"),
        "revenue_uplift_low": ("Revenue uplift, low", "Hausse du chiffre d'affaires, bas"),
        "revenue_uplift_high": ("Revenue uplift, high", "Hausse du chiffre d'affaires, haut"),
        "revenue_verdict": ("Revenue verdict", "Verdict sur le chiffre d'affaires"),
        "revenue_text": ("Revenue uplift in words", "Hausse du chiffre d'affaires en clair"),
        "incremental_revenue": ("Incremental revenue", "Chiffre d'affaires additionnel"),
        "incremental_roi": ("Incremental return on investment", "Retour sur investissement additionnel"),
        "alerts": ("Alerts", "Alertes"),
        "migration": ("Moves between segments", "Passages entre segments"),
        "from": ("From", "De"),
        "to": ("To", "Vers"),
        "moves": ("Moves", "Passages"),
        "left_best": ("Customers who left the best segments", "Clients sortis des meilleurs segments"),
    }
)


# Values that are codes in the report ("likely_real") and words on the sheet, by the key they are under.
VALUES = Messages(
    {
        "likely_real": ("Likely real", "Probablement réel"),
        "likely_negative": ("Likely negative", "Probablement négatif"),
        "not_enough_evidence": ("Not enough evidence yet", "Pas encore assez d'éléments"),
        "reactivation": ("Reactivation", "Réactivation"),
        "retention": ("Retention", "Rétention"),
        "campaign": ("Campaign results", "Résultats de campagne"),
        "sales": ("Later sales export", "Export de ventes ultérieur"),
    }
)
CODED_KEYS = frozenset({"uplift_verdict", "revenue_verdict", "rate_kind", "kind"})


def value_label(key: str, value: object, lang: str) -> object:
    """A figure's value as the sheet shows it: a code under :data:`CODED_KEYS` in words."""
    if key.rsplit(".", 1)[-1] in CODED_KEYS and isinstance(value, str) and VALUES.has(value):
        return VALUES(value, lang)
    return value


def part_label(
    part: str, lang: str, own: Messages | None = None, fallback: Callable[[str, str], str] | None = None
) -> str:
    """One key in words: ``own`` names first (the Results sheet's measured return on investment),
    then :data:`FIGURES`, then ``fallback`` (the workbook's column headers), else the key itself."""
    if own is not None and own.has(part):
        return own(part, lang)
    if FIGURES.has(part):
        return FIGURES(part, lang)
    return fallback(part, lang) if fallback is not None else part


def figure_label(
    key: str, lang: str, own: Messages | None = None, fallback: Callable[[str, str], str] | None = None
) -> str:
    """A figure's dotted key in words ("Total.conversion_rate" -> "All segments › Conversion
    rate"), each part named by :func:`part_label`."""
    return " › ".join(part_label(part, lang, own, fallback) for part in key.split("."))
