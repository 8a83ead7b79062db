"""Every text the workbook and the mailing files show, in English and French.

Sheet names, column headers and a few notes live here so the writers stay free of wording and a
test can check that both languages exist for each key.
"""

from __future__ import annotations

from segmenter_app.core import schema as s
from segmenter_app.core.i18n import Messages

SHEETS = Messages(
    {
        "summary": ("Summary", "Synthèse"),
        "plan": ("Action plan", "Plan d'action"),
        "all": ("All customers", "Tous les clients"),
        "excluded": ("Excluded rows", "Lignes exclues"),
        "method": ("Method", "Méthode"),
        "results": ("Results", "Résultats"),
        "segment": ("Segment", "Segment"),
        "continued": ("{name} ({number})", "{name} ({number})"),
    }
)

PROGRESS = Messages(
    {
        "writing": ("Writing the sheet {sheet}", "Écriture de la feuille {sheet}"),
    }
)

# Column headers. Keys are schema column names or plan fields, so a lookup by column works.
HEADERS = Messages(
    {
        s.CUSTOMER_ID: ("Customer", "Client"),
        "customer_pseudonym": ("Customer (pseudonym)", "Client (pseudonyme)"),
        s.EMAIL: ("Email", "E-mail"),
        s.PHONE: ("Phone", "Téléphone"),
        s.FIRST_NAME: ("First name", "Prénom"),
        s.LAST_NAME: ("Last name", "Nom"),
        s.CITY: ("City", "Ville"),
        s.POSTCODE: ("Postcode", "Code postal"),
        s.REGION: ("Region", "Région"),
        s.COUNTRY: ("Country", "Pays"),
        s.AGE: ("Age", "Âge"),
        s.BIRTH_DATE: ("Birth date", "Date de naissance"),
        s.GENDER: ("Gender", "Genre"),
        s.CONSENT: ("Marketing consent", "Consentement marketing"),
        s.OPT_OUT: ("Opted out", "Désinscrit"),
        s.C_RECENCY: ("Days since last purchase", "Jours depuis le dernier achat"),
        s.C_FREQUENCY: ("Orders", "Commandes"),
        s.C_MONETARY: ("Net spend", "Dépense nette"),
        s.C_AVG_BASKET: ("Average basket", "Panier moyen"),
        s.C_FIRST: ("First purchase", "Premier achat"),
        s.C_LAST: ("Last purchase", "Dernier achat"),
        s.C_TENURE: ("Days as customer", "Ancienneté (jours)"),
        s.C_GAP: ("Mean days between purchases", "Jours moyens entre achats"),
        s.C_NEXT: ("Expected next purchase", "Prochain achat attendu"),
        s.C_RETURNS_SHARE: ("Returns share", "Part des retours"),
        s.C_DISCOUNT_SHARE: ("Orders with a discount", "Commandes avec remise"),
        s.C_FAV_CATEGORY: ("Favourite category", "Catégorie préférée"),
        s.C_MAIN_CHANNEL: ("Main channel", "Canal principal"),
        s.C_AGE_BAND: ("Age band", "Tranche d'âge"),
        s.C_HAS_EMAIL: ("Has an email", "A un e-mail"),
        s.C_HAS_PHONE: ("Has a phone", "A un téléphone"),
        s.C_CONTACTABLE: ("Contactable", "Contactable"),
        "segment": ("Segment", "Segment"),
        "segment_key": ("Segment key", "Clé du segment"),
        "reason": ("Why in this segment", "Pourquoi dans ce segment"),
        "action": ("Suggested action", "Action suggérée"),
        "control": ("Control group", "Groupe témoin"),
        "clv": ("Predicted lifetime value", "Valeur vie prédite"),
        # Summary
        "sum_customers": ("Customers", "Clients"),
        "sum_share": ("Share of customers", "Part des clients"),
        "sum_revenue": ("Revenue", "Chiffre d'affaires"),
        "sum_revenue_share": ("Share of revenue", "Part du chiffre d'affaires"),
        "sum_avg_basket": ("Average basket", "Panier moyen"),
        "sum_recency_days": ("Mean days since last purchase", "Jours moyens depuis le dernier achat"),
        "sum_frequency": ("Mean orders", "Commandes en moyenne"),
        "total": ("Total", "Total"),
        # Action plan
        "persona": ("Portrait", "Portrait"),
        "objective": ("Objective", "Objectif"),
        "message": ("Message", "Message"),
        "offer": ("Offer", "Offre"),
        "channel": ("Channel", "Canal"),
        "timing": ("Timing", "Calendrier"),
        "kpi": ("KPI to watch", "Indicateur à suivre"),
        "avoid": ("Avoid", "À éviter"),
        "cost_per_contact": ("Cost per contact", "Coût par contact"),
        "response_rate": ("Expected response rate", "Taux de réponse attendu"),
        "expected_revenue": ("Expected revenue", "Chiffre d'affaires attendu"),
        "budget": ("Budget", "Budget"),
        "roi": ("Expected return on investment", "Retour sur investissement attendu"),
        "priority": ("Priority", "Priorité"),
        "control_share": ("Control group share", "Part du groupe témoin"),
        "contacts": ("Customers to contact", "Clients à contacter"),
        "expected_return": ("Expected net return", "Gain net attendu"),
        "control_size": ("Control group size", "Taille du groupe témoin"),
        "control_note": ("About the control group", "À propos du groupe témoin"),
        # Excluded rows
        "file": ("File", "Fichier"),
        "source_row": ("Row in file", "Ligne du fichier"),
        "exclusion_reason": ("Reason", "Motif"),
        # Method and results
        "item": ("Item", "Élément"),
        "value": ("Value", "Valeur"),
    }
)

METHOD = Messages(
    {
        "title": ("How these segments were made", "Comment ces segments ont été construits"),
        "app_version": ("Application version", "Version de l'application"),
        "written_at": ("Workbook written", "Classeur écrit le"),
        "language": ("Language", "Langue"),
        "as_of": ("Analysis date", "Date d'analyse"),
        "method": ("Method", "Méthode"),
        "parameters": ("Parameters", "Paramètres"),
        "goal": ("Goal", "Objectif"),
        "criteria": ("Criteria", "Critères"),
        "edits": (
            "Manual edits (renames, merges, moves)",
            "Modifications manuelles (renommages, fusions, déplacements)",
        ),
        "control_share": ("Control group share", "Part du groupe témoin"),
        "seed": ("Random seed of the control group", "Graine aléatoire du groupe témoin"),
        "customers": ("Customers segmented", "Clients segmentés"),
        "rows_read": ("Rows read", "Lignes lues"),
        "rows_kept": ("Rows kept", "Lignes conservées"),
        "rows_excluded": ("Rows excluded: {reason}", "Lignes exclues : {reason}"),
        "rows_after_as_of": (
            "Rows dated after the analysis date (kept, not segmented)",
            "Lignes postérieures à la date d'analyse (conservées, non segmentées)",
        ),
        "details": ("Method details", "Détails de la méthode"),
        "inputs": ("Input files", "Fichiers importés"),
        "input_path": ("File", "Fichier"),
        "input_format": ("Format", "Format"),
        "input_fingerprint": ("Fingerprint (SHA-256)", "Empreinte (SHA-256)"),
        "input_size": ("Size (bytes)", "Taille (octets)"),
        "input_encoding": ("Encoding", "Encodage"),
        "input_delimiter": ("Delimiter", "Séparateur"),
        "input_sheet": ("Sheet", "Feuille"),
        "input_header_row": ("Header row", "Ligne d'en-tête"),
        "input_rows": ("Rows read", "Lignes lues"),
        "input_kept": ("Rows kept", "Lignes conservées"),
        "input_excluded": ("Rows excluded", "Lignes exclues"),
        "input_mapping": ("Column mapping", "Correspondance des colonnes"),
        "pseudonymized": (
            "Identifiers pseudonymized (HMAC-SHA256; names, emails and phones left out)",
            "Identifiants pseudonymisés (HMAC-SHA256 ; noms, e-mails et téléphones retirés)",
        ),
        "left_out_unknown": (
            "Columns left out (their meaning is unknown and they may identify a person)",
            "Colonnes retirées (leur sens est inconnu et elles peuvent identifier une personne)",
        ),
        "removed_characters": (
            "Characters removed (not allowed in Excel files)",
            "Caractères retirés (interdits dans un fichier Excel)",
        ),
        "cut_cells": ("Texts cut to 32,767 characters", "Textes coupés à 32 767 caractères"),
        "cut_cell": (
            "Cut: sheet {sheet}, cell {cell}, {length} characters",
            "Coupé : feuille {sheet}, cellule {cell}, {length} caractères",
        ),
        "left_out_columns": (
            "Left out: sheet {sheet}, its last {n} columns (Excel shows at most 16,384 columns)",
            "Retirées : feuille {sheet}, ses {n} dernières colonnes (Excel affiche au plus 16 384 colonnes)",
        ),
        "left_out_columns_one": (
            "Left out: sheet {sheet}, its last column (Excel shows at most 16,384 columns)",
            "Retirée : feuille {sheet}, sa dernière colonne (Excel affiche au plus 16 384 colonnes)",
        ),
        "left_out_unmapped": (
            "Left out: sheet {sheet}, {n} columns without a role (too many cells for one sheet; "
            "the file and row number find their values in the file)",
            "Retirées : feuille {sheet}, {n} colonnes sans rôle (trop de cellules pour une feuille ; "
            "le fichier et le numéro de ligne retrouvent leurs valeurs dans le fichier)",
        ),
        "left_out_unmapped_one": (
            "Left out: sheet {sheet}, 1 column without a role (too many cells for one sheet; "
            "the file and row number find its values in the file)",
            "Retirée : feuille {sheet}, 1 colonne sans rôle (trop de cellules pour une feuille ; "
            "le fichier et le numéro de ligne retrouvent ses valeurs dans le fichier)",
        ),
        "summary_title": ("Customer segments as of {date}", "Segments de clients au {date}"),
        "summary_subtitle": (
            "{n} customers, method: {method}",
            "{n} clients, méthode : {method}",
        ),
        "summary_subtitle_one": (
            "{n} customer, method: {method}",
            "{n} client, méthode : {method}",
        ),
        "chart_sizes": ("Customers per segment", "Clients par segment"),
        "chart_revenue": ("Share of revenue per segment", "Part du chiffre d'affaires par segment"),
        "results_title": ("Measurement {number}", "Mesure {number}"),
        "no_plan": ("No action plan yet.", "Pas encore de plan d'action."),
        "yes": ("yes", "oui"),
        "no": ("no", "non"),
    }
)

# Columns of a measurement's tables (Results sheet) whose plan or customer header says something
# else: the plan's "roi" is expected, a measurement's is measured; "control" there is a count.
RESULTS = Messages(
    {
        "roi": ("Return on investment", "Retour sur investissement"),
        "control": ("Customers in the control group", "Clients du groupe témoin"),
    }
)

# Labels of the exclusion reasons the import uses (stable keys, see notes/contracts.md).
REASONS = Messages(
    {
        "no_customer_id": ("No customer id", "Pas d'identifiant client"),
        "unreadable_date": ("Unreadable date", "Date illisible"),
        "unreadable_amount": ("Unreadable amount", "Montant illisible"),
        "duplicate": ("Duplicate row", "Ligne en double"),
        "zero_price": ("Zero price", "Prix nul"),
        "non_product": (
            "Not a product (postage, fee, adjustment)",
            "Pas un produit (port, frais, ajustement)",
        ),
        "cancellation": ("Cancellation", "Annulation"),
        "return": ("Return", "Retour"),
        "blank_row": ("Blank row", "Ligne vide"),
        "total_row": ("Total row", "Ligne de total"),
    }
)


def reason_label(key: str, lang: str) -> str:
    """The label of an exclusion reason key: the import's own label when it defines one."""
    try:  # The import declares its reasons (and may add more than the contract lists).
        from segmenter_app.core.cleaning import REASONS as IMPORT_REASONS
    except ImportError:  # pragma: no cover - the import part is always present in the app
        IMPORT_REASONS = None
    if IMPORT_REASONS is not None and IMPORT_REASONS.has(key):
        return IMPORT_REASONS(key, lang)
    return REASONS(key, lang) if REASONS.has(key) else key


def header(key: str, lang: str) -> str:
    """The header of a column: its translation when known, else the column's own name."""
    return HEADERS(key, lang) if HEADERS.has(key) else str(key)
