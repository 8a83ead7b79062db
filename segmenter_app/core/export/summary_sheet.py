"""The Summary sheet: one row per segment with its size and value, and two native charts.

It is the sheet a shop owner prints, so it gets a title, a landscape page fitted to the width,
the header row repeated on each page, and charts Excel draws itself (they follow the data if
the user edits it).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.export import columns as k
from segmenter_app.core.export.book import Book, SheetInfo
from segmenter_app.core.export.labels import HEADERS, METHOD, SHEETS, header
from segmenter_app.core.i18n import count_text

# Summary column -> cell kind, in the order shown.
SUMMARY_FIELDS: tuple[tuple[str, str], ...] = (
    ("customers", k.INTEGER),
    ("share", k.PERCENT),
    ("revenue", k.CURRENCY),
    ("revenue_share", k.PERCENT),
    ("avg_basket", k.CURRENCY),
    ("recency_days", k.NUMBER),
    ("frequency", k.NUMBER),
    ("clv", k.CURRENCY),
)


def summary_table(analysis: Analysis) -> pd.DataFrame:
    """The per-segment summary (the lead's ``segment_summary``, shared with the report)."""
    from segmenter_app.core.summary import segment_summary

    return segment_summary(analysis)


def summary_header(name: str, lang: str) -> str:
    """Header of a summary column (its own wording: these are per-segment totals and means)."""
    return HEADERS("sum_" + name, lang) if HEADERS.has("sum_" + name) else header(name, lang)


def set_print_layout(ws, header_row: int, lang: str) -> None:
    """Landscape, fitted to one page wide, header row repeated, sheet name and page numbers."""
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(header_row)
    ws.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    ws.center_horizontally()
    ws.set_header('&L&"-,Bold"&A&R&D')
    ws.set_footer("&C&P / &N")


def write_summary(book: Book, analysis: Analysis) -> list[SheetInfo]:
    """Write the Summary sheet (title, table, totals line, charts)."""
    lang = analysis.lang
    table = summary_table(analysis)
    fields = [(name, kind) for name, kind in SUMMARY_FIELDS if name in table.columns]
    if "clv" in table.columns and table["clv"].isna().all():
        fields = [(name, kind) for name, kind in fields if name != "clv"]
    cols = [k.text_column(header("segment", lang), table["name"].astype(str))]
    cols += [k.column_for_series(summary_header(name, lang), table[name], kind) for name, kind in fields]
    for col in cols[1:]:
        col.width = 13.0  # headers wrap (compact table): the page stays narrow enough to print
    book.count_removed(cols)

    seg = analysis.segmentation
    assert seg is not None
    as_of = analysis.as_of.date().isoformat() if analysis.as_of is not None else "-"
    customers = int(table["customers"].sum()) if "customers" in table else 0
    titles = [
        METHOD("summary_title", lang, date=as_of),
        count_text(METHOD, "summary_subtitle", customers, lang, method=seg.method),  # 12 345 clients
    ]
    ws, name = book.add_sheet(SHEETS("summary", lang))
    for index, title in enumerate(titles):
        book.write_title(ws, index, title, size=14 if index == 0 else 11)
    header_row = len(titles) + 1
    set_print_layout(ws, header_row, lang)
    info = book.write_table(
        name, cols, kind="summary", ws=ws, sheet_name=name, first_row=header_row, compact=True
    )
    n = len(table)
    totals_row = header_row + n + 1
    _write_totals(book, ws, totals_row, analysis, fields, table)
    if n:
        _charts(book, ws, name, header_row, n, fields, totals_row + 2, lang)
    return info


def _write_totals(book: Book, ws, row: int, analysis: Analysis, fields, table: pd.DataFrame) -> None:
    """A totals line under the table, as values (no formulas anywhere in the workbook)."""
    bold = {kind: book.fmt(kind, bold=True, top=1) for _, kind in fields}
    ws.write_string(row, 0, HEADERS("total", analysis.lang), book.fmt(k.TEXT, bold=True, top=1))
    customers = analysis.customers
    totals: dict[str, float] = {
        "customers": float(table["customers"].sum()),
        "share": 1.0,
        "revenue": float(table["revenue"].sum()),
        "revenue_share": 1.0,
    }
    if customers is not None and len(customers):
        segmented = customers.reindex(analysis.segmentation.assignments.index)  # type: ignore[union-attr]
        orders = (
            float(pd.to_numeric(segmented.get(s.C_FREQUENCY), errors="coerce").sum())
            if s.C_FREQUENCY in segmented
            else 0.0
        )
        if orders > 0:
            totals["avg_basket"] = totals["revenue"] / orders
        for name, column in (("recency_days", s.C_RECENCY), ("frequency", s.C_FREQUENCY)):
            if column in segmented:
                totals[name] = float(pd.to_numeric(segmented[column], errors="coerce").mean())
    if "clv" in table.columns:
        weights = table["customers"].to_numpy(dtype=float)
        values = table["clv"].to_numpy(dtype=float)
        ok = np.isfinite(values) & (weights > 0)
        if ok.any():
            totals["clv"] = float(np.average(values[ok], weights=weights[ok]))
    for index, (name, kind) in enumerate(fields, start=1):
        value = totals.get(name)
        if value is not None and np.isfinite(value):
            ws.write_number(row, index, value, bold[kind])


def _charts(book: Book, ws, name: str, header_row: int, n: int, fields, row: int, lang: str) -> None:
    """Column charts of the segment sizes and of their share of revenue, below the table."""
    first, last = header_row + 1, header_row + n
    positions = {field: index for index, (field, _) in enumerate(fields, start=1)}
    height = max(288, min(20 * n + 160, 480))
    specs = [("customers", "chart_sizes", "#4472C4", 0), ("revenue_share", "chart_revenue", "#ED7D31", 1)]
    for field, title_key, colour, slot in specs:
        if field not in positions:
            continue
        column = positions[field]
        chart = book.workbook.add_chart({"type": "bar"})
        chart.add_series(
            {
                "name": METHOD(title_key, lang),
                "categories": [name, first, 0, last, 0],
                "values": [name, first, column, last, column],
                "fill": {"color": colour},
                "data_labels": {"value": True, "num_format": "0%" if field == "revenue_share" else "#,##0"},
            }
        )
        chart.set_title({"name": METHOD(title_key, lang), "name_font": {"size": 12}})
        chart.set_legend({"none": True})
        chart.set_y_axis({"reverse": True})  # first segment at the top, as in the table
        chart.set_x_axis(
            {
                "num_format": "0%" if field == "revenue_share" else "#,##0",
                "major_gridlines": {"visible": True},
            }
        )
        chart.set_size({"width": 520, "height": height})
        # Stacked, not side by side: the page is fitted to the table's width when printed; the
        # second chart starts a new printed page rather than being cut in two.
        at = row + slot * (height // 20 + 2)
        ws.insert_chart(at, 0, chart, {"x_offset": 0, "y_offset": 5})
        if slot:
            ws.set_h_pagebreaks([at])
