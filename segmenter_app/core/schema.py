"""Names shared by every step: column roles, the transaction table and the customer table.

These are the contracts between the steps. The import produces transactions and customer
attributes with these columns; the customer table adds the behavioural figures; segmentation,
actions, measure and export read them by these names only.
"""

from __future__ import annotations

# --- Column roles the user maps input columns to (step 1) --------------------------------------
CUSTOMER_ID = "customer_id"
EMAIL = "email"
PHONE = "phone"
FIRST_NAME = "first_name"
LAST_NAME = "last_name"
ORDER_ID = "order_id"
ORDER_DATE = "order_date"
AMOUNT = "amount"  # line or order total, tax included as the shop reports it
QUANTITY = "quantity"
UNIT_PRICE = "unit_price"
PRODUCT = "product"
CATEGORY = "category"
DISCOUNT = "discount"  # discount amount or rate on the line/order
COUPON = "coupon"  # discount code used
CHANNEL = "channel"
CITY = "city"
POSTCODE = "postcode"
REGION = "region"
COUNTRY = "country"
AGE = "age"
BIRTH_DATE = "birth_date"
GENDER = "gender"
CONSENT = "consent"  # marketing consent (yes = may be contacted)
OPT_OUT = "opt_out"  # unsubscribed / do not contact (yes = may not be contacted)
IGNORE = "ignore"
# Roles only the import uses (not columns of the tables below): a product code (SKU, StockCode)
# finds postage and fee lines; an order status finds cancelled orders.
PRODUCT_CODE = "product_code"
STATUS = "status"

ROLES: tuple[str, ...] = (
    CUSTOMER_ID,
    EMAIL,
    PHONE,
    FIRST_NAME,
    LAST_NAME,
    ORDER_ID,
    ORDER_DATE,
    AMOUNT,
    QUANTITY,
    UNIT_PRICE,
    PRODUCT,
    CATEGORY,
    DISCOUNT,
    COUPON,
    CHANNEL,
    CITY,
    POSTCODE,
    REGION,
    COUNTRY,
    AGE,
    BIRTH_DATE,
    GENDER,
    CONSENT,
    OPT_OUT,
)
# Roles that describe the customer rather than the order: kept once per customer.
CUSTOMER_ROLES: tuple[str, ...] = (
    EMAIL,
    PHONE,
    FIRST_NAME,
    LAST_NAME,
    CITY,
    POSTCODE,
    REGION,
    COUNTRY,
    AGE,
    BIRTH_DATE,
    GENDER,
    CONSENT,
    OPT_OUT,
)

# --- Transaction table (one row per kept order line or order) ----------------------------------
# customer_id: str; order_id: str; date: datetime64[ns]; amount: float (net, negative for a
# return); quantity: float (NaN when unknown); product, category, coupon, channel: str or NA;
# discount: float (>= 0, 0 when none); is_return: bool; source: int (index in Analysis.inputs);
# source_row: int (1-based row number in the input file, header = its own row number).
T_CUSTOMER = "customer_id"
T_ORDER = "order_id"
T_DATE = "date"
T_AMOUNT = "amount"
T_QUANTITY = "quantity"
T_PRODUCT = "product"
T_CATEGORY = "category"
T_DISCOUNT = "discount"
T_COUPON = "coupon"
T_CHANNEL = "channel"
T_IS_RETURN = "is_return"
T_SOURCE = "source"
T_SOURCE_ROW = "source_row"

# --- Customer table (index: customer_id, str) ---------------------------------------------------
# Behavioural figures, computed as of Analysis.as_of from transactions dated up to as_of.
C_RECENCY = "recency_days"  # days from the last purchase to as_of
C_FREQUENCY = "frequency"  # distinct orders (net purchases)
C_MONETARY = "monetary"  # net spend (purchases minus returns)
C_AVG_BASKET = "avg_basket"  # monetary / frequency
C_FIRST = "first_purchase"
C_LAST = "last_purchase"
C_TENURE = "tenure_days"  # days from the first purchase to as_of
C_GAP = "mean_gap_days"  # mean days between distinct purchase days (NaN with one)
C_NEXT = "expected_next_purchase"  # last purchase + typical gap (NaT with one purchase)
C_RETURNS_SHARE = "returns_share"  # returned value / gross purchases
C_DISCOUNT_SHARE = "discount_share"  # share of orders with a discount or coupon
C_FAV_CATEGORY = "favourite_category"
C_MAIN_CHANNEL = "main_channel"
C_AGE_BAND = "age_band"
C_HAS_EMAIL = "has_email"  # a syntactically valid email
C_HAS_PHONE = "has_phone"
C_CONTACTABLE = "contactable"  # reachable and not opted out (consent when a consent column exists)
# Customer attributes (email, phone, names, city, country, gender, age...) keep their role names.

BEHAVIOURAL_COLUMNS: tuple[str, ...] = (
    C_RECENCY,
    C_FREQUENCY,
    C_MONETARY,
    C_AVG_BASKET,
    C_TENURE,
    C_GAP,
    C_RETURNS_SHARE,
    C_DISCOUNT_SHARE,
)

# --- Segment assignment (one row per customer) -------------------------------------------------
A_SEGMENT = "segment"  # segment key, e.g. "rfm:champions", "rule:2", "cluster:0", "churn_risk"
A_REASON = "reason"  # why this customer is in it, in the analysis language
A_CONTROL = "control"  # True when kept out of the campaign as the control group
