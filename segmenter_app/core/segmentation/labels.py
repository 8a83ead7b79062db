"""Plain names of the customer table's columns, and the family each criterion belongs to.

Shared by the criteria catalogue, the rules (to write conditions in words) and the cluster
descriptions. Columns the app does not know are placed by words in their name.
"""

from __future__ import annotations

import re

from segmenter_app.core import schema as s
from segmenter_app.core.i18n import Messages

FAMILIES = ("behavioural", "demographic", "geographic", "psychographic", "technological")

LABELS = Messages(
    {
        s.C_RECENCY: ("days since last purchase", "jours depuis le dernier achat"),
        s.C_FREQUENCY: ("orders", "commandes"),
        s.C_MONETARY: ("total spend", "dépense totale"),
        s.C_AVG_BASKET: ("average basket", "panier moyen"),
        s.C_FIRST: ("first purchase", "premier achat"),
        s.C_LAST: ("last purchase", "dernier achat"),
        s.C_TENURE: ("days since first purchase", "jours depuis le premier achat"),
        s.C_GAP: ("days between purchases", "jours entre deux achats"),
        s.C_NEXT: ("expected next purchase", "prochain achat attendu"),
        s.C_RETURNS_SHARE: ("share returned", "part retournée"),
        s.C_DISCOUNT_SHARE: ("share of orders with a discount", "part des commandes avec remise"),
        s.C_FAV_CATEGORY: ("favourite category", "catégorie préférée"),
        s.C_MAIN_CHANNEL: ("main channel", "canal principal"),
        s.C_AGE_BAND: ("age band", "tranche d'âge"),
        s.C_HAS_EMAIL: ("has an email", "a un e-mail"),
        s.C_HAS_PHONE: ("has a phone", "a un téléphone"),
        s.C_CONTACTABLE: ("can be contacted", "peut être contacté"),
        s.CITY: ("city", "ville"),
        s.POSTCODE: ("postcode", "code postal"),
        s.REGION: ("region", "région"),
        s.COUNTRY: ("country", "pays"),
        s.AGE: ("age", "âge"),
        s.BIRTH_DATE: ("birth date", "date de naissance"),
        s.GENDER: ("gender", "genre"),
        s.CONSENT: ("marketing consent", "consentement marketing"),
        s.OPT_OUT: ("unsubscribed", "désinscrit"),
        "family_behavioural": ("Behavioural", "Comportemental"),
        "family_demographic": ("Demographic", "Démographique"),
        "family_geographic": ("Geographic", "Géographique"),
        "family_psychographic": ("Psychographic", "Psychographique"),
        "family_technological": ("Technological", "Technologique"),
    }
)

KNOWN_FAMILIES: dict[str, str] = {
    **{c: "behavioural" for c in s.BEHAVIOURAL_COLUMNS},
    s.C_FIRST: "behavioural",
    s.C_LAST: "behavioural",
    s.C_NEXT: "behavioural",
    s.C_FAV_CATEGORY: "behavioural",
    s.C_MAIN_CHANNEL: "behavioural",
    s.AGE: "demographic",
    s.C_AGE_BAND: "demographic",
    s.BIRTH_DATE: "demographic",
    s.GENDER: "demographic",
    s.CITY: "geographic",
    s.POSTCODE: "geographic",
    s.REGION: "geographic",
    s.COUNTRY: "geographic",
    s.C_HAS_EMAIL: "technological",
    s.C_HAS_PHONE: "technological",
    s.C_CONTACTABLE: "technological",
    s.CONSENT: "technological",
    s.OPT_OUT: "technological",
}

# Identifying columns: never criteria (they describe one person, not a group).
IDENTIFYING = frozenset({s.EMAIL, s.PHONE, s.FIRST_NAME, s.LAST_NAME, s.CUSTOMER_ID})

# Short words must stand alone ("age" in "page_views" is not an age); (?<![a-z]) and (?![a-z]) mark
# the word's edges, since "_" counts as a letter for \b.
_KEYWORDS: tuple[tuple[str, str], ...] = (
    (
        "technological",
        r"device|appareil|mobile|(?<![a-z])(os|app)(?![a-z])|browser|navigateur|platform|plateforme|newsletter",
    ),
    (
        "psychographic",
        r"interest|int[ée]r[êe]t|hobb|loisir|valeurs?(?![a-z])|lifestyle|style|personalit|pr[ée]f[ée]r|"
        r"(?<![a-z])tags?(?![a-z])|passion",
    ),
    (
        "demographic",
        r"(?<![a-z])(age|âge|sex)(?![a-z])|gender|genre|occupation|(?<![a-z])job|m[ée]tier|profession|income|"
        r"revenu|salaire|salary|education|family|famille|child|enfant|marital|civilit",
    ),
    (
        "geographic",
        r"city|ville|zip|postcode|postal|region|r[ée]gion|(?<![a-z])state(?![a-z])|d[ée]partement|country|pays|"
        r"(?<![a-z])(lat|lon|lng)(?![a-z])|address|adresse|urban|rural",
    ),
)


def label(column: str, lang: str) -> str:
    """The plain name of a column (its own name when the app does not know it)."""
    return LABELS(column, lang) if LABELS.has(column) else column.replace("_", " ")


def family(column: str) -> str:
    """The criterion family of a column: known columns by role, others by words in their name."""
    if column in KNOWN_FAMILIES:
        return KNOWN_FAMILIES[column]
    name = column.lower()
    for fam, pattern in _KEYWORDS:
        if re.search(pattern, name):
            return fam
    return "behavioural"


def family_label(fam: str, lang: str) -> str:
    """The translated name of a family."""
    return LABELS(f"family_{fam}", lang)
