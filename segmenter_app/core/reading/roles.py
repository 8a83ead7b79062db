"""Column roles: which input column is the customer id, the order date, the amount...

Roles are detected from the header (French and English names, accents and case ignored) and,
when the header says nothing, from the values (emails, phone numbers, dates), each with a
confidence in [0, 1]. Built-in presets recognise the exports of Shopify (orders, customers),
WooCommerce, PrestaShop, SumUp and Square by their header and give their exact mapping.

A mapping the user confirmed is remembered under the file's *header signature* (a hash of its
normalized column names), so the next export from the same tool is mapped the same way. A mapping
can also be saved to and loaded from a JSON file (``--mapping FILE.json`` on the command line)::

    {"version": 1,
     "columns": {"N° commande": "order_id", "Date": "order_date", "Montant TTC": "amount"},
     "date_order": "dmy",          # optional: "auto", "dmy", "mdy", "ymd"
     "kind": "orders",             # optional: "orders" or "customers"
     "sheet": "Ventes",            # optional
     "header_row": 3}              # optional, 1-based

Columns absent from ``columns`` are detected as usual; ``"ignore"`` excludes a column. A plain
``{"column": "role"}`` object is accepted too.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from segmenter_app.core import schema
from segmenter_app.core.i18n import Messages, UserError

# Roles the import understands beyond the schema's: a product code (SKU, StockCode) helps find
# postage and fee lines; an order status finds cancelled orders.
PRODUCT_CODE = "product_code"
STATUS = "status"
ALL_ROLES: tuple[str, ...] = (*schema.ROLES, PRODUCT_CODE, STATUS, schema.IGNORE)

T = Messages(
    {
        "bad_mapping_file": (
            "The mapping file {path} cannot be read ({detail}). It must be a JSON object such as "
            '{{"columns": {{"Date": "order_date"}}}}.',
            "Le fichier de correspondance {path} est illisible ({detail}). Il doit contenir un objet JSON "
            'comme {{"columns": {{"Date": "order_date"}}}}.',
        ),
        "bad_role": (
            "The mapping gives column {column} the unknown role {role}. Known roles: {roles}.",
            "La correspondance donne à la colonne {column} le rôle inconnu {role}. Rôles connus : {roles}.",
        ),
    }
)


def normalize_header(name: str) -> str:
    """Lower case, accents removed, punctuation as spaces: "N° Commande" -> "n commande"."""
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("°", " ").replace("º", " ")
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return text.strip()


def _n(*names: str) -> set[str]:
    return {normalize_header(n) for n in names}


# Header synonyms per role (normalized). Exact match -> high confidence; containing -> lower.
SYNONYMS: dict[str, set[str]] = {
    schema.CUSTOMER_ID: _n(
        "customerid",
        "customer id",
        "customer",
        "customer number",
        "customer no",
        "client",
        "id client",
        "client id",
        "code client",
        "numero client",
        "n client",
        "no client",
        "num client",
        "ref client",
        "clientid",
        "member id",
        "id adherent",
        "user id",
        "userid",
        "buyer id",
        "id",
        "customer code",
        "identifiant client",
        "compte client",
        "carte fidelite",
        "n carte fidelite",
        "loyalty card",
    ),
    schema.EMAIL: _n(
        "email",
        "e mail",
        "mail",
        "courriel",
        "adresse email",
        "adresse e mail",
        "email address",
        "customer email",
        "e-mail",
        "adresse mail",
        "billing email",
        "email client",
    ),
    schema.PHONE: _n(
        "phone",
        "telephone",
        "tel",
        "mobile",
        "portable",
        "phone number",
        "numero de telephone",
        "gsm",
        "cell",
        "billing phone",
        "telephone mobile",
        "tel portable",
        "customer phone",
    ),
    schema.FIRST_NAME: _n("first name", "firstname", "prenom", "given name", "billing first name"),
    schema.LAST_NAME: _n(
        "last name", "lastname", "nom", "surname", "family name", "nom de famille", "billing last name"
    ),
    schema.ORDER_ID: _n(
        "invoiceno",
        "invoice no",
        "invoice",
        "invoice number",
        "order id",
        "order",
        "order number",
        "order no",
        "n commande",
        "no commande",
        "numero commande",
        "numero de commande",
        "commande",
        "id commande",
        "ticket",
        "n ticket",
        "numero ticket",
        "facture",
        "n facture",
        "numero facture",
        "numero de facture",
        "transaction id",
        "receipt number",
        "receipt",
        "reference commande",
        "order reference",
        "sale id",
        "n vente",
        "vente",
        "order_id",
        "orderid",
    ),
    schema.ORDER_DATE: _n(
        "invoicedate",
        "invoice date",
        "date",
        "order date",
        "created at",
        "date commande",
        "date de commande",
        "date facture",
        "date de facture",
        "date vente",
        "date de vente",
        "transaction date",
        "purchase date",
        "paid at",
        "date d achat",
        "date achat",
        "jour",
        "date ticket",
        "date de la commande",
        "order_date",
        "date time",
        "datetime",
        "date heure",
        "sale date",
        "date created",
        "date de creation",
    ),
    schema.AMOUNT: _n(
        "amount",
        "total",
        "montant",
        "montant ttc",
        "total ttc",
        "total price",
        "line total",
        "revenue",
        "sales",
        "ca",
        "chiffre d affaires",
        "net sales",
        "gross sales",
        "prix total",
        "montant total",
        "order total",
        "total paid",
        "montant paye",
        "total amount",
        "sale amount",
        "montant de la vente",
        "total commande",
        "montant commande",
        "net total",
        "total net",
        "ttc",
        "grand total",
    ),
    schema.QUANTITY: _n(
        "quantity",
        "qty",
        "quantite",
        "qte",
        "nb",
        "nombre",
        "units",
        "qte vendue",
        "lineitem quantity",
        "item quantity",
    ),
    schema.UNIT_PRICE: _n(
        "unitprice",
        "unit price",
        "price",
        "prix",
        "prix unitaire",
        "pu",
        "prix ttc",
        "prix unitaire ttc",
        "lineitem price",
        "item price",
        "prix de vente",
        "selling price",
        "pu ttc",
    ),
    schema.PRODUCT: _n(
        "description",
        "product",
        "produit",
        "article",
        "item",
        "libelle",
        "designation",
        "lineitem name",
        "product name",
        "nom du produit",
        "item name",
        "nom produit",
        "libelle article",
        "items",
    ),
    schema.CATEGORY: _n(
        "category",
        "categorie",
        "famille",
        "rayon",
        "product type",
        "type de produit",
        "department",
        "product category",
        "categorie produit",
        "famille produit",
        "item category",
    ),
    schema.DISCOUNT: _n(
        "discount",
        "remise",
        "reduction",
        "discount amount",
        "rabais",
        "montant remise",
        "taux de remise",
        "remise %",
        "discounts",
        "cart discount",
        "total discount",
        "montant de la remise",
    ),
    schema.COUPON: _n(
        "coupon",
        "code promo",
        "discount code",
        "promo code",
        "voucher",
        "bon de reduction",
        "code reduction",
        "coupon code",
    ),
    schema.CHANNEL: _n(
        "channel",
        "canal",
        "source",
        "sales channel",
        "canal de vente",
        "point de vente",
        "store",
        "boutique",
        "magasin",
        "location",
        "source name",
        "origine",
        "mode de vente",
    ),
    schema.CITY: _n(
        "city",
        "ville",
        "town",
        "localite",
        "billing city",
        "commune",
        "shipping city",
        "ville de facturation",
    ),
    schema.POSTCODE: _n(
        "postcode",
        "postal code",
        "zip",
        "zip code",
        "code postal",
        "cp",
        "billing zip",
        "postcode billing",
        "shipping zip",
        "zipcode",
    ),
    schema.REGION: _n(
        "region", "state", "province", "departement", "county", "billing province", "shipping province"
    ),
    schema.COUNTRY: _n("country", "pays", "billing country", "country code", "shipping country", "code pays"),
    schema.AGE: _n("age", "age client"),
    schema.BIRTH_DATE: _n(
        "birth date",
        "birthdate",
        "date of birth",
        "dob",
        "date de naissance",
        "naissance",
        "birthday",
        "anniversaire",
        "ne le",
        "date naissance",
    ),
    schema.GENDER: _n("gender", "sex", "sexe", "genre", "civilite", "title", "civility"),
    schema.CONSENT: _n(
        "consent",
        "marketing consent",
        "consentement",
        "consentement marketing",
        "accepts marketing",
        "accepts email marketing",
        "optin",
        "opt in",
        "newsletter",
        "accepte marketing",
        "accepte newsletter",
        "accepts sms marketing",
        "email marketing",
        "abonne newsletter",
        "consentement email",
    ),
    schema.OPT_OUT: _n(
        "opt out",
        "optout",
        "unsubscribed",
        "desabonne",
        "desinscrit",
        "do not contact",
        "ne pas contacter",
        "blacklist",
        "liste rouge",
        "unsubscribe",
    ),
    PRODUCT_CODE: _n(
        "stockcode",
        "stock code",
        "sku",
        "reference produit",
        "ref",
        "code article",
        "ean",
        "lineitem sku",
        "product id",
        "product code",
        "reference",
        "ref article",
        "code produit",
        "item sku",
        "barcode",
        "gtin",
    ),
    STATUS: _n(
        "status", "statut", "order status", "etat", "financial status", "statut commande", "etat commande"
    ),
}

# Words that, inside a longer header, point to a role (lower confidence than an exact name).
_KEYWORDS: list[tuple[str, str]] = [
    ("e mail", schema.EMAIL),
    ("email", schema.EMAIL),
    ("courriel", schema.EMAIL),
    ("phone", schema.PHONE),
    ("telephone", schema.PHONE),
    ("mobile", schema.PHONE),
    ("first name", schema.FIRST_NAME),
    ("prenom", schema.FIRST_NAME),
    ("last name", schema.LAST_NAME),
    ("birth", schema.BIRTH_DATE),
    ("naissance", schema.BIRTH_DATE),
    ("customer id", schema.CUSTOMER_ID),
    ("id client", schema.CUSTOMER_ID),
    ("client id", schema.CUSTOMER_ID),
    ("code client", schema.CUSTOMER_ID),
    ("customer", schema.CUSTOMER_ID),
    ("client", schema.CUSTOMER_ID),
    ("invoice", schema.ORDER_ID),
    ("commande", schema.ORDER_ID),
    ("order", schema.ORDER_ID),
    ("ticket", schema.ORDER_ID),
    ("facture", schema.ORDER_ID),
    ("date", schema.ORDER_DATE),
    ("quantit", schema.QUANTITY),
    ("qty", schema.QUANTITY),
    ("unit price", schema.UNIT_PRICE),
    ("prix unitaire", schema.UNIT_PRICE),
    ("price", schema.UNIT_PRICE),
    ("prix", schema.UNIT_PRICE),
    ("montant", schema.AMOUNT),
    ("amount", schema.AMOUNT),
    ("total", schema.AMOUNT),
    ("discount", schema.DISCOUNT),
    ("remise", schema.DISCOUNT),
    ("coupon", schema.COUPON),
    ("promo", schema.COUPON),
    ("canal", schema.CHANNEL),
    ("channel", schema.CHANNEL),
    ("categor", schema.CATEGORY),
    ("ville", schema.CITY),
    ("city", schema.CITY),
    ("postal", schema.POSTCODE),
    ("zip", schema.POSTCODE),
    ("country", schema.COUNTRY),
    ("pays", schema.COUNTRY),
    ("region", schema.REGION),
    ("gender", schema.GENDER),
    ("sexe", schema.GENDER),
    ("consent", schema.CONSENT),
    ("marketing", schema.CONSENT),
    ("newsletter", schema.CONSENT),
    ("unsubscrib", schema.OPT_OUT),
    ("sku", PRODUCT_CODE),
    ("product", schema.PRODUCT),
    ("produit", schema.PRODUCT),
    ("article", schema.PRODUCT),
    ("age", schema.AGE),
    ("genre", schema.GENDER),
]


@dataclass
class RoleGuess:
    """The role detected for one column, how sure, and why (shown to the user)."""

    column: str
    role: str
    confidence: float
    reason: str  # "preset:shopify_orders", "header", "header-word", "values", "memory", "mapping"


# --- Presets: exact exports of common tools (normalized header -> role) --------------------------

PRESETS: dict[str, dict[str, str]] = {
    "shopify_orders": {
        "name": schema.ORDER_ID,
        "email": schema.EMAIL,
        "created at": schema.ORDER_DATE,
        "paid at": schema.IGNORE,
        "total": schema.AMOUNT,
        "lineitem quantity": schema.QUANTITY,
        "lineitem name": schema.PRODUCT,
        "lineitem price": schema.UNIT_PRICE,
        "lineitem sku": PRODUCT_CODE,
        "discount code": schema.COUPON,
        "discount amount": schema.DISCOUNT,
        "billing city": schema.CITY,
        "billing zip": schema.POSTCODE,
        "billing province": schema.REGION,
        "billing country": schema.COUNTRY,
        "billing phone": schema.PHONE,
        "phone": schema.PHONE,
        "accepts marketing": schema.CONSENT,
        "source": schema.CHANNEL,
        "financial status": STATUS,
        "subtotal": schema.IGNORE,
        "billing name": schema.IGNORE,
        "id": schema.IGNORE,
        "customer id": schema.CUSTOMER_ID,
    },
    "shopify_customers": {
        "customer id": schema.CUSTOMER_ID,
        "first name": schema.FIRST_NAME,
        "last name": schema.LAST_NAME,
        "email": schema.EMAIL,
        "accepts email marketing": schema.CONSENT,
        "accepts marketing": schema.CONSENT,
        "default address city": schema.CITY,
        "default address zip": schema.POSTCODE,
        "default address province code": schema.REGION,
        "default address country code": schema.COUNTRY,
        "city": schema.CITY,
        "zip": schema.POSTCODE,
        "country": schema.COUNTRY,
        "phone": schema.PHONE,
        "total spent": schema.IGNORE,
        "total orders": schema.IGNORE,
        "accepts sms marketing": schema.IGNORE,
    },
    "woocommerce_orders": {
        "order id": schema.ORDER_ID,
        "order number": schema.ORDER_ID,
        "order date": schema.ORDER_DATE,
        "order status": STATUS,
        "customer user id": schema.CUSTOMER_ID,
        "customer id": schema.CUSTOMER_ID,
        "billing email address": schema.EMAIL,
        "billing email": schema.EMAIL,
        "billing phone": schema.PHONE,
        "billing first name": schema.FIRST_NAME,
        "billing last name": schema.LAST_NAME,
        "billing city": schema.CITY,
        "billing postcode": schema.POSTCODE,
        "billing country": schema.COUNTRY,
        "billing state": schema.REGION,
        "order total amount": schema.AMOUNT,
        "order total": schema.AMOUNT,
        "cart discount amount": schema.DISCOUNT,
        "coupon code": schema.COUPON,
        "coupons": schema.COUPON,
        "item name": schema.PRODUCT,
        "product name": schema.PRODUCT,
        "quantity": schema.QUANTITY,
        "item cost": schema.UNIT_PRICE,
        "sku": PRODUCT_CODE,
        "payment method title": schema.IGNORE,
    },
    "prestashop_orders": {
        "id": schema.ORDER_ID,
        "reference": schema.ORDER_ID,
        "customer": schema.IGNORE,
        "id customer": schema.CUSTOMER_ID,
        "email": schema.EMAIL,
        "total": schema.AMOUNT,
        "total paid tax incl": schema.AMOUNT,
        "date": schema.ORDER_DATE,
        "date add": schema.ORDER_DATE,
        "status": STATUS,
        "etat": STATUS,
        "pays": schema.COUNTRY,
        "country": schema.COUNTRY,
        "nouveau client": schema.IGNORE,
        "new client": schema.IGNORE,
        "paiement": schema.IGNORE,
        "payment": schema.IGNORE,
        "client": schema.CUSTOMER_ID,
    },
    "sumup_sales": {
        "transaction id": schema.ORDER_ID,
        "date": schema.ORDER_DATE,
        "total": schema.AMOUNT,
        "amount": schema.AMOUNT,
        "description": schema.PRODUCT,
        "customer email": schema.EMAIL,
        "email": schema.EMAIL,
        "payment method": schema.IGNORE,
        "card type": schema.IGNORE,
        "receipt number": schema.ORDER_ID,
        "tip amount": schema.IGNORE,
        "fee": schema.IGNORE,
        "payout": schema.IGNORE,
        "status": STATUS,
        "statut": STATUS,
        "quantite": schema.QUANTITY,
    },
    "square_sales": {
        "date": schema.ORDER_DATE,
        "time": schema.IGNORE,
        "transaction id": schema.ORDER_ID,
        "customer id": schema.CUSTOMER_ID,
        "customer name": schema.IGNORE,
        "customer reference id": schema.IGNORE,
        "item": schema.PRODUCT,
        "category": schema.CATEGORY,
        "qty": schema.QUANTITY,
        "gross sales": schema.AMOUNT,
        "net sales": schema.IGNORE,
        "discounts": schema.DISCOUNT,
        "location": schema.CHANNEL,
        "sku": PRODUCT_CODE,
        "channel": schema.CHANNEL,
        "payment id": schema.IGNORE,
        "device name": schema.IGNORE,
        "price point name": schema.IGNORE,
    },
}
# Headers that identify each preset (all must be present, normalized).
PRESET_MARKERS: dict[str, set[str]] = {
    "shopify_orders": {"name", "email", "financial status", "lineitem name"},
    "shopify_customers": {"customer id", "first name", "last name", "email", "total spent"},
    "woocommerce_orders": {"order status", "billing email address"},
    "prestashop_orders": {"id", "reference", "total", "paiement"},
    "sumup_sales": {"transaction id", "payment method", "card type"},
    "square_sales": {"gross sales", "net sales", "transaction id", "item"},
}


def detect_preset(columns: list[str]) -> str | None:
    """The name of the preset whose marker headers are all present, if any."""
    normalized = {normalize_header(c) for c in columns}
    for name, markers in PRESET_MARKERS.items():
        if markers <= normalized:
            return name
    return None


def detect_roles(frame: pd.DataFrame, memory: dict[str, str] | None = None) -> dict[str, RoleGuess]:
    """The role of each column with a confidence; each role goes to at most one column.

    ``memory`` (a remembered mapping for this header signature) wins over detection.
    """
    columns = list(frame.columns)
    candidates: list[RoleGuess] = []
    preset = detect_preset(columns)
    for col in columns:
        if memory and col in memory:
            candidates.append(RoleGuess(col, memory[col], 1.0, "memory"))
            continue
        norm = normalize_header(col)
        if preset and norm in PRESETS[preset]:
            candidates.append(RoleGuess(col, PRESETS[preset][norm], 0.98, f"preset:{preset}"))
            continue
        exact = [role for role, names in SYNONYMS.items() if norm in names]
        for role in exact:
            # "id" or "client" alone are weaker than "customer id".
            conf = (
                0.6 if norm in {"id", "client", "customer", "reference", "ref", "source", "total"} else 0.95
            )
            candidates.append(RoleGuess(col, role, conf, "header"))
        if not exact:
            for word, role in _KEYWORDS:
                if re.search(rf"\b{re.escape(word)}", norm):
                    candidates.append(RoleGuess(col, role, 0.7, "header-word"))
                    break
        value_guess = _guess_from_values(col, frame[col])
        if value_guess is not None:
            candidates.append(value_guess)
    return _assign(columns, candidates)


def _assign(columns: list[str], candidates: list[RoleGuess]) -> dict[str, RoleGuess]:
    """Greedy: the most confident (column, role) pairs first; one role per column and per role."""
    out: dict[str, RoleGuess] = {}
    taken: set[str] = set()
    order = sorted(candidates, key=lambda g: (-g.confidence, columns.index(g.column)))
    for guess in order:
        if guess.column in out:
            continue
        if guess.role != schema.IGNORE and guess.role in taken:
            continue
        out[guess.column] = guess
        if guess.role != schema.IGNORE:
            taken.add(guess.role)
    for col in columns:
        out.setdefault(col, RoleGuess(col, schema.IGNORE, 0.0, "none"))
    return {c: out[c] for c in columns}


def _guess_from_values(column: str, series: pd.Series) -> RoleGuess | None:
    """Emails, phones and dates recognised from a sample of the values."""
    sample = series.dropna().head(500).astype("str")
    if sample.empty:
        return None
    share = lambda pattern: float(sample.str.match(pattern).mean())  # noqa: E731
    if share(r"^\s*[^@\s]+@[^@\s]+\.[A-Za-z]{2,}\s*$") > 0.8:
        return RoleGuess(column, schema.EMAIL, 0.85, "values")
    if share(r"^\s*(?:\+|00)?[\d .\-()]{9,18}\s*$") > 0.8 and share(r"^\s*(?:\+33|0033|0)[1-9]") > 0.6:
        return RoleGuess(column, schema.PHONE, 0.6, "values")
    return None


def header_signature(columns: list[str]) -> str:
    """A short hash of the normalized column names, in order (same export tool = same signature)."""
    joined = "\x1f".join(normalize_header(c) for c in columns)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


# --- Memory and JSON files -----------------------------------------------------------------------


def memory_path() -> Path:
    """Where remembered mappings are kept (``SEGMENTER_CONFIG_DIR`` overrides, for tests)."""
    override = os.environ.get("SEGMENTER_CONFIG_DIR")
    if override:
        return Path(override) / "mappings.json"
    from platformdirs import user_config_dir

    return Path(user_config_dir("Segmenter", appauthor=False)) / "mappings.json"


def _load_store(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def remember_mapping(columns: list[str], mapping: dict[str, str], path: Path | None = None) -> None:
    """Remember the user's mapping for files with these columns (atomic write)."""
    target = path or memory_path()
    store = _load_store(target)
    store[header_signature(columns)] = {"columns": dict(mapping)}
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(store, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, target)


def recall_mapping(columns: list[str], path: Path | None = None) -> dict[str, str] | None:
    """The mapping remembered for files with these columns, if any."""
    entry = _load_store(path or memory_path()).get(header_signature(columns))
    if isinstance(entry, dict) and isinstance(entry.get("columns"), dict):
        return {str(k): str(v) for k, v in entry["columns"].items() if k in columns}
    return None


def load_mapping_file(path: str | Path) -> dict[str, Any]:
    """Read and validate a mapping JSON file (format in the module docstring)."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise UserError(T, "bad_mapping_file", path=str(p), detail=str(exc)[:200]) from None
    if not isinstance(data, dict):
        raise UserError(T, "bad_mapping_file", path=str(p), detail="not an object")
    return normalize_mapping(data, str(p))


def normalize_mapping(data: dict[str, Any], origin: str = "mapping") -> dict[str, Any]:
    """The canonical form {"columns": {...}, options...} of a mapping given flat or nested."""
    if "columns" in data and isinstance(data["columns"], dict):
        out = dict(data)
    else:
        out = {"columns": {k: v for k, v in data.items() if isinstance(v, str) and k != "version"}}
    for column, role in out["columns"].items():
        if role not in ALL_ROLES:
            raise UserError(T, "bad_role", column=column, role=role, roles=", ".join(ALL_ROLES))
    out.setdefault("version", 1)
    return out


def save_mapping_file(path: str | Path, mapping: dict[str, str], **options: Any) -> None:
    """Write a mapping JSON file that :func:`load_mapping_file` reads back."""
    data = {"version": 1, "columns": dict(mapping), **{k: v for k, v in options.items() if v is not None}}
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
