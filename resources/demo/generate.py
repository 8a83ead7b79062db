"""Generates the demo shop's sales export, deterministically (same seed, same file).

"La Cave du Marché", a wine and delicatessen shop in Lyon with a till and a small web shop:
about 300 customers over two years (November 2024 to October 2026), one row per order line,
exported the way French tills export: ``;``-separated UTF-8 with BOM, French headers, comma
decimals with a space as thousands separator, dd/mm/yyyy dates, a discount rate and a promo
code, the channel, and customer details repeated on each line (email, phone, city, postcode,
birth date, sex, marketing consent) filled in for part of the customers only.

It also holds what real exports hold: anonymous till sales with no customer, returns as negative
lines, a shipping-fee line, a duplicated line, and a line with no price.

Run ``python resources/demo/generate.py`` to rewrite ``ventes_cave_du_marche.csv``.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import numpy as np

SEED = 1789
OUT = Path(__file__).with_name("ventes_cave_du_marche.csv")
START = dt.date(2024, 11, 1)
END = dt.date(2026, 10, 31)

FIRST_F = [
    "Camille",
    "Léa",
    "Manon",
    "Chloé",
    "Inès",
    "Sarah",
    "Julie",
    "Claire",
    "Anne",
    "Sophie",
    "Élodie",
    "Margaux",
    "Louise",
    "Hélène",
    "Nathalie",
    "Isabelle",
    "Céline",
    "Agnès",
]
FIRST_M = [
    "Lucas",
    "Hugo",
    "Louis",
    "Thomas",
    "Nicolas",
    "Julien",
    "Antoine",
    "Pierre",
    "Marc",
    "François",
    "Jérôme",
    "Olivier",
    "Mathieu",
    "Étienne",
    "Benoît",
    "Rémi",
    "Yann",
    "Paul",
]
LAST = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Legrand",
    "Garnier",
    "Faure",
    "Rousseau",
    "Blanc",
    "Guérin",
    "Muller",
]
CITIES = [
    ("Lyon", "69002", 30),
    ("Lyon", "69006", 18),
    ("Lyon", "69003", 14),
    ("Villeurbanne", "69100", 12),
    ("Caluire-et-Cuire", "69300", 6),
    ("Écully", "69130", 4),
    ("Oullins", "69600", 4),
    ("Vénissieux", "69200", 3),
    ("Paris", "75011", 4),
    ("Grenoble", "38000", 2),
    ("Annecy", "74000", 2),
    ("Saint-Étienne", "42000", 1),
]
PRODUCTS = [  # product, category, price (EUR)
    ("Côtes-du-Rhône Villages 2022", "Vins rouges", 12.90),
    ("Saint-Joseph 2021", "Vins rouges", 24.50),
    ("Morgon Côte du Py 2022", "Vins rouges", 18.90),
    ("Crozes-Hermitage 2022", "Vins rouges", 19.80),
    ("Côte-Rôtie 2019", "Vins rouges", 62.00),
    ("Hermitage 2018", "Vins rouges", 89.00),
    ("Condrieu 2022", "Vins blancs", 45.00),
    ("Mâcon-Villages 2023", "Vins blancs", 13.50),
    ("Chablis 1er cru 2021", "Vins blancs", 32.00),
    ("Crémant de Bourgogne", "Bulles", 15.90),
    ("Champagne brut réserve", "Bulles", 38.50),
    ("Champagne millésimé 2015", "Bulles", 74.00),
    ("Saucisson de Lyon", "Épicerie fine", 9.80),
    ("Coffret fromages affinés", "Épicerie fine", 29.00),
    ("Huile d'olive AOP 50 cl", "Épicerie fine", 16.50),
    ("Terrine de campagne", "Épicerie fine", 7.90),
    ("Chartreuse verte 70 cl", "Spiritueux", 42.00),
    ("Whisky single malt 12 ans", "Spiritueux", 56.00),
    ("Coffret dégustation 6 vins", "Coffrets", 95.00),
    ("Coffret Noël prestige", "Coffrets", 149.00),
]
CHANNELS = ["Boutique", "Site web", "Téléphone"]
COUPONS = ["BIENVENUE10", "NOEL15", "FIDELE10", "SOLDES20"]


def french_number(value: float) -> str:
    """1234.5 -> '1 234,50' (space thousands separator, comma decimals)."""
    text = f"{abs(value):,.2f}".replace(",", " ").replace(".", ",")
    return ("-" if value < 0 else "") + text


def random_date(rng: np.random.Generator, start: dt.date, end: dt.date) -> dt.date:
    """A uniform random day in [start, end]."""
    return start + dt.timedelta(days=int(rng.integers(0, (end - start).days + 1)))


def make_customers(rng: np.random.Generator, n: int = 300) -> list[dict]:
    """Customers with an archetype that drives how often and how much they buy."""
    weights = np.array([c[2] for c in CITIES], dtype=float)
    customers = []
    for i in range(n):
        female = rng.random() < 0.52
        first = rng.choice(FIRST_F if female else FIRST_M)
        last = rng.choice(LAST)
        city, postcode, _ = CITIES[rng.choice(len(CITIES), p=weights / weights.sum())]
        archetype = rng.choice(
            ["one_time", "occasional", "regular", "vip", "lapsed"], p=[0.38, 0.27, 0.18, 0.06, 0.11]
        )
        joined = random_date(rng, START, END - dt.timedelta(days=10))
        email = ""
        if rng.random() < 0.78:
            domain = rng.choice(
                ["gmail.com", "orange.fr", "free.fr", "laposte.net", "yahoo.fr", "hotmail.fr"]
            )
            email = f"{first.lower()}.{last.lower()}{int(rng.integers(1, 99)) if rng.random() < 0.3 else ''}@{domain}"
            email = (
                email.replace("é", "e")
                .replace("è", "e")
                .replace("ç", "c")
                .replace("ë", "e")
                .replace("ô", "o")
            )
            if rng.random() < 0.05:  # some tills keep capitals and stray spaces
                email = " " + email.upper()
        phone = ""
        if rng.random() < 0.6:
            digits = "".join(str(d) for d in rng.integers(0, 10, 8))
            phone = ("06 " if rng.random() < 0.6 else "07 ") + " ".join(
                digits[k : k + 2] for k in range(0, 8, 2)
            )
            if rng.random() < 0.25:
                phone = "+33 " + phone[1:]
        birth = ""
        if rng.random() < 0.55:
            birth = random_date(rng, dt.date(1948, 1, 1), dt.date(2003, 12, 31)).strftime("%d/%m/%Y")
        sex = ("F" if female else "H") if rng.random() < 0.7 else ""
        consent = "oui" if email and rng.random() < 0.7 else ("non" if rng.random() < 0.6 else "")
        customers.append(
            {
                "id": f"C{i + 1:04d}",
                "first": first,
                "last": last,
                "email": email,
                "phone": phone,
                "city": city,
                "postcode": postcode,
                "birth": birth,
                "sex": sex,
                "consent": consent,
                "archetype": archetype,
                "joined": joined,
                "channel": rng.choice(CHANNELS, p=[0.6, 0.32, 0.08]),
                "coupon_lover": rng.random() < 0.15,
            }
        )
    return customers


def order_dates(rng: np.random.Generator, customer: dict) -> list[dt.date]:
    """Purchase days: a Poisson process between joining and (for lapsed customers) leaving."""
    archetype = customer["archetype"]
    joined = customer["joined"]
    if archetype == "one_time":
        return [joined]
    per_year = {"occasional": 2.5, "regular": 8.0, "vip": 16.0, "lapsed": 6.0}[archetype]
    end = END
    if archetype == "lapsed":
        end = min(END, joined + dt.timedelta(days=int(rng.integers(60, 300))))
    dates = [joined]
    day = joined
    while True:
        day = day + dt.timedelta(days=max(1, int(rng.exponential(365 / per_year))))
        if day > end:
            break
        dates.append(day)
    return dates


def make_rows(rng: np.random.Generator, customers: list[dict]) -> list[list[str]]:
    """One row per order line, in date order, with the messiness of a real export."""
    lines = []
    for customer in customers:
        for day in order_dates(rng, customer):
            n_lines = 1 + int(rng.poisson(0.8 if customer["archetype"] != "vip" else 1.8))
            channel = customer["channel"] if rng.random() < 0.8 else rng.choice(CHANNELS)
            coupon = ""
            if (customer["coupon_lover"] and rng.random() < 0.7) or rng.random() < 0.06:
                coupon = rng.choice(COUPONS)
            rate = {"": 0, "BIENVENUE10": 10, "NOEL15": 15, "FIDELE10": 10, "SOLDES20": 20}[coupon]
            lines.append((day, customer, channel, coupon, rate, n_lines))
    for _ in range(120):  # anonymous till sales: no customer on the ticket
        lines.append((random_date(rng, START, END), None, "Boutique", "", 0, 1))
    lines.sort(key=lambda item: (item[0], item[1]["id"] if item[1] else ""))

    rows: list[list[str]] = []
    for order_seq, (day, customer, channel, coupon, rate, n_lines) in enumerate(lines, start=1):
        order_id = f"{'W' if channel == 'Site web' else 'T'}{day.year % 100:02d}-{order_seq:05d}"
        picks = rng.choice(len(PRODUCTS), size=n_lines, replace=False)
        for p in picks:
            product, category, price = PRODUCTS[p]
            qty = int(rng.choice([1, 1, 1, 2, 2, 3, 6])) if category != "Coffrets" else 1
            total = qty * price * (1 - rate / 100)
            rows.append(
                line(order_id, day, customer, product, category, qty, price, rate, coupon, total, channel)
            )
        if channel == "Site web":
            rows.append(
                line(order_id, day, customer, "Frais de port", "Livraison", 1, 6.90, 0, "", 6.90, channel)
            )
        if customer and rng.random() < 0.02:  # a returned bottle, a few days later
            product, category, price = PRODUCTS[picks[0]]
            back = min(END, day + dt.timedelta(days=int(rng.integers(2, 15))))
            rows.append(
                line(
                    f"AV-{order_seq:05d}",
                    back,
                    customer,
                    product,
                    category,
                    -1,
                    price,
                    0,
                    "",
                    -price,
                    channel,
                )
            )
    rows.insert(len(rows) // 3, list(rows[len(rows) // 3]))  # a line exported twice
    broken = rows[len(rows) // 2]
    broken[11] = ""  # a line with no unit price
    return rows


def line(order_id, day, customer, product, category, qty, price, rate, coupon, total, channel) -> list[str]:
    """One CSV row in the till's column order."""
    c = customer or {}
    return [
        order_id,
        day.strftime("%d/%m/%Y"),
        c.get("id", ""),
        c.get("first", ""),
        c.get("last", ""),
        c.get("email", ""),
        c.get("phone", ""),
        c.get("city", ""),
        c.get("postcode", ""),
        c.get("birth", ""),
        c.get("sex", ""),
        french_number(price),
        product,
        category,
        str(qty),
        f"{rate} %" if rate else "",
        coupon,
        french_number(total),
        channel,
        c.get("consent", ""),
    ]


HEADER = [
    "N° commande",
    "Date",
    "Client",
    "Prénom",
    "Nom",
    "E-mail",
    "Téléphone",
    "Ville",
    "Code postal",
    "Date de naissance",
    "Sexe",
    "Prix unitaire",
    "Produit",
    "Catégorie",
    "Quantité",
    "Remise",
    "Code promo",
    "Montant TTC",
    "Canal",
    "Consentement marketing",
]


def main() -> None:
    """Write the demo file."""
    rng = np.random.default_rng(SEED)
    customers = make_customers(rng)
    rows = make_rows(rng, customers)
    # Column 11 is "Prix unitaire" in HEADER order; keep the broken line aligned with it.
    with OUT.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADER)
        writer.writerows(rows)
    print(f"{OUT.name}: {len(rows)} lines, {len(customers)} customers")


if __name__ == "__main__":
    main()
