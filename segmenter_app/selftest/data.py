"""The data checks: each shipped input format imported, segmented, and a workbook written.

``read_<format>`` imports one small file of ``resources/selftest/`` and compares its row account
with ``expected.json``; ``segmentation`` and ``clusters`` group the CSV's customers;
``workbook`` exports them and reads the workbook back.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from segmenter_app.selftest.context import CheckFailed, Context

FORMATS = ("csv", "xlsx", "xls", "ods")


def selftest_files_dir() -> Path:
    """``resources/selftest``: the four small files and what an import must find in them."""
    from segmenter_app.resources import resources_dir

    return resources_dir() / "selftest"


def check_read(ctx: Context, fmt: str) -> dict[str, Any]:
    """Import one of the shipped files and compare the row account with ``expected.json``."""
    from segmenter_app import selftest
    from segmenter_app.core import collect
    from segmenter_app.core.analysis import Analysis

    # Looked up on the package, where a caller (the tests) may point it at other files.
    folder = selftest.selftest_files_dir()
    if not ctx.expected:
        ctx.expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    path = folder / f"orders.{fmt}"
    if not path.is_file():
        raise CheckFailed(f"the self-test file is missing: {path}")
    analysis = Analysis(lang="en")
    collect.import_files(analysis, [str(path)])
    want = ctx.expected["rows"]
    account = analysis.account
    if account.read != want or account.kept != want or not account.balanced:
        raise CheckFailed(
            f"{path.name}: read {account.read}, kept {account.kept}, excluded {account.excluded}; expected {want} rows kept"
        )
    detected = analysis.inputs[0].format if analysis.inputs else None
    if detected != fmt:
        raise CheckFailed(f"{path.name} was detected as {detected!r}, not {fmt!r}")
    tx = analysis.transactions
    customers = int(tx["customer_id"].nunique())
    revenue = round(float(tx["amount"].sum()), 2)
    if customers != ctx.expected["customers"] or abs(revenue - ctx.expected["revenue"]) > 0.01:
        raise CheckFailed(
            f"{path.name}: {customers} customers and {revenue} revenue; expected {ctx.expected['customers']} and {ctx.expected['revenue']}"
        )
    ctx.analyses[fmt] = analysis
    return {"rows": account.read, "customers": customers, "revenue": revenue}


def check_segmentation(ctx: Context) -> dict[str, Any]:
    """Customer table and RFM segments on the CSV import; every customer in exactly one segment."""
    ctx.need("read_csv")
    from segmenter_app.core import customers, segmentation

    analysis = ctx.analyses["csv"]
    customers.build_customer_table(analysis)
    n = len(analysis.customers)
    if n != ctx.expected["customers"]:
        raise CheckFailed(f"the customer table has {n} customers, expected {ctx.expected['customers']}")
    result = segmentation.segment(analysis, "rfm")
    counts = result.counts()
    if int(counts.sum()) != n or result.assignments.index.nunique() != n:
        raise CheckFailed(f"segments hold {int(counts.sum())} customers, expected {n}")
    return {"customers": n, "segments": {str(k): int(v) for k, v in counts.items() if v}}


def check_clusters(ctx: Context) -> dict[str, Any]:
    """k-means clusters on the same customers: the clustering code and NumPy's compiled parts work."""
    ctx.need("segmentation")
    from segmenter_app.core import segmentation

    analysis = ctx.analyses["csv"]
    rfm = analysis.segmentation
    try:
        result = segmentation.segment(analysis, "clusters", {"k": 3})
        counts = result.counts()
        if int(counts.sum()) != len(analysis.customers):
            raise CheckFailed(
                f"clusters hold {int(counts.sum())} customers, expected {len(analysis.customers)}"
            )
        return {"clusters": {str(k): int(v) for k, v in counts.items() if v}}
    finally:
        analysis.segmentation = rfm  # the workbook check exports the RFM segments


def check_workbook(ctx: Context) -> dict[str, Any]:
    """Plans, control group, the segmented workbook written, then read back with openpyxl."""
    ctx.need("segmentation")
    import openpyxl

    from segmenter_app.core import actions, export

    analysis = ctx.analyses["csv"]
    actions.suggest_plans(analysis)
    actions.draw_control(analysis)
    path = ctx.scratch / "selftest-segments.xlsx"
    stats = export.write_workbook(analysis, str(path))
    if not path.is_file() or path.stat().st_size == 0:
        raise CheckFailed(f"write_workbook did not write {path}")
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        sheets = {ws.title: ws.max_row for ws in workbook.worksheets}
    finally:
        workbook.close()
    segments = int((analysis.segmentation.counts() > 0).sum())
    if len(sheets) < segments + 1:
        raise CheckFailed(f"the workbook has {len(sheets)} sheets for {segments} segments and a summary")
    expected_sheets = stats.get("sheets") if isinstance(stats, dict) else None
    if isinstance(expected_sheets, list | tuple) and list(sheets) != list(expected_sheets):
        raise CheckFailed(f"sheets read back {list(sheets)} differ from those written {expected_sheets}")
    return {"sheets": sheets, "bytes": path.stat().st_size}
