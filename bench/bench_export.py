"""Export: the segmented workbook for 100,000 customers against a bare XlsxWriter write.

The baseline writes exactly the cells of the segment sheets and All customers (the bulk of the
file: two rows per customer) with XlsxWriter in constant-memory mode, one ``write_row`` per row,
from values already in Python lists, with no cleaning, no formats, no tables, no charts, no
other sheets. The figure is ``write_workbook`` doing everything (ordering the customers,
converting and cleaning every column, all sheets, tables, charts, the atomic move), measured in
the same run. Goal: at most 1.3 times the baseline.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter

from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis, InputFile, RowAccount, Segmentation
from segmenter_app.core.segmentation import rfm

CUSTOMERS = 100_000
# The ten segments of the RFM grid, named as the app names them (tests/test_actions_support.py
# takes its names from the same place).
SEGMENT_NAMES = [rfm.MESSAGES(key) for key in rfm.SEGMENT_ORDER if key != "no_purchase"]


def make_analysis(n: int = CUSTOMERS, seed: int = 7) -> Analysis:
    """A realistic shop: names, emails, phones, cities, RFM figures, ten segments, plans."""
    rng = np.random.default_rng(seed)
    ids = pd.Index([f"{100000 + i}" for i in range(n)], name=s.CUSTOMER_ID)
    as_of = pd.Timestamp("2024-12-31")
    frequency = rng.geometric(0.35, n)
    monetary = np.round(rng.gamma(1.6, 90.0, n) * frequency, 2)
    recency = rng.integers(0, 730, n)
    last = as_of - pd.to_timedelta(recency, unit="D")
    tenure = recency + rng.integers(0, 900, n)
    first = as_of - pd.to_timedelta(tenure, unit="D")
    gap = np.where(frequency > 1, (tenure - recency) / np.maximum(frequency - 1, 1), np.nan)
    first_names = rng.choice(["Marie", "Jean", "Zoé", "Lucas", "Chloé", "Hugo", "Léa", "Louis"], n)
    last_names = rng.choice(["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit"], n)
    emails = [
        f"{f.lower()}.{name.lower()}{i}@example.fr" if i % 7 else None
        for i, (f, name) in enumerate(zip(first_names, last_names, strict=True))
    ]
    phones = [
        f"+33 6 {i % 100:02d} {i // 100 % 100:02d} {i // 10000:02d} 00" if i % 3 == 0 else None
        for i in range(n)
    ]
    customers = pd.DataFrame(
        {
            s.C_RECENCY: recency,
            s.C_FREQUENCY: frequency,
            s.C_MONETARY: monetary,
            s.C_AVG_BASKET: np.round(monetary / frequency, 2),
            s.C_FIRST: first,
            s.C_LAST: last,
            s.C_TENURE: tenure,
            s.C_GAP: gap,
            s.C_RETURNS_SHARE: np.round(rng.random(n) * 0.1, 3),
            s.FIRST_NAME: first_names,
            s.LAST_NAME: last_names,
            s.EMAIL: emails,
            s.PHONE: phones,
            s.CITY: rng.choice(["Lyon", "Paris", "Marseille", "Lille", "Nantes", "Villeurbanne"], n),
            s.COUNTRY: "France",
            s.C_CONTACTABLE: [e is not None for e in emails],
        },
        index=ids,
    )
    keys = [f"rfm:{i}" for i in range(len(SEGMENT_NAMES))]
    seg_of = rng.integers(0, len(keys), n)
    assignments = pd.DataFrame(
        {
            s.A_SEGMENT: np.array(keys)[seg_of],
            s.A_REASON: [
                f"R={1 + r % 5}, F={1 + f % 5}: {SEGMENT_NAMES[g]}"
                for r, f, g in zip(recency, frequency, seg_of, strict=True)
            ],
            s.A_CONTROL: rng.random(n) < 0.1,
            "r_score": 1 + recency % 5,
            "f_score": 1 + frequency % 5,
            "m_score": 1 + (monetary.astype(int) % 5),
        },
        index=ids,
    )
    segmentation = Segmentation(
        "rfm",
        {},
        assignments,
        pd.DataFrame({"key": keys, "name": SEGMENT_NAMES}),
        {"cut_points": {"recency": [30, 90, 180, 365]}},
    )
    plans = {
        key: {
            "priority": i + 1,
            "persona": f"{name}: a typical customer of this group, in a few plain sentences.",
            "objective": f"Keep {name} buying",
            "message": "Thank you for being with us",
            "offer": "Free delivery over 60 €",
            "channel": "email",
            "timing": "within two weeks",
            "kpi": "repeat purchase rate",
            "avoid": "habitual discounts",
            "cost_per_contact": 0.02,
            "response_rate": 0.05,
            "budget": 200.0,
            "expected_revenue": 4000.0,
            "roi": 3.2,
            "control_share": 0.1,
        }
        for i, (key, name) in enumerate(zip(keys, SEGMENT_NAMES, strict=True))
    }
    excluded = pd.DataFrame(
        {
            "source": 0,
            "source_row": np.arange(2, 2002),
            "reason": "no_customer_id",
            "Client": "",
            "Montant": "12,50",
        }
    )
    account = RowAccount(read=500_000, kept=498_000, excluded={"no_customer_id": 2000})
    return Analysis(
        lang="en",
        inputs=[InputFile(path="bench-orders.csv", format="csv", rows_read=500_000, account=account)],
        excluded=excluded,
        account=account,
        as_of=as_of,
        customers=customers,
        segmentation=segmentation,
        plans=plans,
    )


def _baseline_rows(analysis: Analysis) -> list[tuple[str, list[str], list[list]]]:
    """The cells of the segment sheets and All customers, as plain row lists (not timed)."""
    from segmenter_app.core.export.customer_sheets import customer_columns, order_customers

    rows = order_customers(analysis)
    everyone, segment_col = customer_columns(analysis, rows)
    per_segment = [c for c in everyone if c is not segment_col]
    sheets = []
    for key, start, stop in rows.bounds:
        values = [c.values[start:stop] for c in per_segment]
        sheets.append(
            (
                key.replace(":", "_"),
                [c.header for c in per_segment],
                [list(r) for r in zip(*values, strict=True)],
            )
        )
    values = [c.values for c in everyone]
    sheets.append(("All", [c.header for c in everyone], [list(r) for r in zip(*values, strict=True)]))
    return sheets


def bare_write(path: Path, sheets: list[tuple[str, list[str], list[list]]]) -> float:
    """XlsxWriter, constant memory, one write_row per row: the cost of the cells alone."""
    start = time.process_time()
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    for name, header, body in sheets:
        ws = workbook.add_worksheet(name)
        ws.write_row(0, 0, header)
        for r, row in enumerate(body, start=1):
            ws.write_row(r, 0, row)
    workbook.close()
    return time.process_time() - start


def ours(path: Path, analysis: Analysis) -> float:
    """The whole export, as the app runs it."""
    from segmenter_app.core.export import write_workbook

    start = time.process_time()
    write_workbook(analysis, path)
    return time.process_time() - start


def run(workdir: Path) -> list[dict]:
    """One run of each (each takes tens of seconds on 4 million cells; ratios in one run).

    Times are CPU seconds of this process: the machine is shared, and wall-clock times of two
    runs a minute apart moved by 40% under other people's load, CPU times much less.
    """
    analysis = make_analysis()
    sheets = _baseline_rows(analysis)
    cells = sum(len(header) * (len(body) + 1) for _, header, body in sheets)
    baseline = bare_write(workdir / "export-baseline.xlsx", sheets)
    del sheets
    value = ours(workdir / "export-100k.xlsx", analysis)
    return [
        {
            "name": f"workbook, {CUSTOMERS:,} customers ({cells:,} customer cells)",
            "value": round(value, 2),
            "unit": "s CPU",
            "baseline": round(baseline, 2),
            "ratio": round(value / baseline, 2),
            "goal": 1.3,
        }
    ]


if __name__ == "__main__":
    work = Path(__file__).resolve().parent / "_work"
    work.mkdir(exist_ok=True)
    for row in run(work):
        print(row)
