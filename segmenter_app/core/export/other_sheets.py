"""The Action plan, Excluded rows, Method and Results sheets."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

import segmenter_app
from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.export import columns as k
from segmenter_app.core.export.book import Book
from segmenter_app.core.export.labels import HEADERS, METHOD, RESULTS, SHEETS, header, reason_label
from segmenter_app.core.export.pseudonymize import unknown_text_attributes
from segmenter_app.core.export.results_labels import figure_label, part_label, value_label
from segmenter_app.core.export.summary_sheet import set_print_layout
from segmenter_app.core.i18n import count_text, group_digits
from segmenter_app.core.reading.values import normalize_ids

# Plan fields shown, in order, with their cell kind and column width; the plan's other fields
# are internal. The printed page holds the columns up to the control share (PRINTED_FIELDS).
PLAN_FIELDS: tuple[tuple[str, str, float], ...] = (
    ("priority", k.INTEGER, 9.0),
    ("persona", k.TEXT, 34.0),
    ("objective", k.TEXT, 24.0),
    ("message", k.TEXT, 34.0),
    ("offer", k.TEXT, 26.0),
    ("channel", k.TEXT, 18.0),
    ("timing", k.TEXT, 20.0),
    ("kpi", k.TEXT, 18.0),
    ("budget", k.CURRENCY, 11.0),
    ("expected_revenue", k.CURRENCY, 12.0),
    ("expected_return", k.CURRENCY, 12.0),
    ("roi", k.PERCENT, 11.0),
    ("control_share", k.PERCENT, 10.0),
    ("avoid", k.TEXT, 28.0),
    ("contacts", k.INTEGER, 11.0),
    ("cost_per_contact", k.CURRENCY, 11.0),
    ("response_rate", k.PERCENT, 11.0),
    ("control_size", k.INTEGER, 11.0),
    ("control_note", k.TEXT, 34.0),
)
PRINTED_FIELDS = 13  # priority ... control_share


def write_all(book: Book, analysis: Analysis, pseudonym: Any) -> None:
    """The sheets after the customer sheets: Excluded rows, Method, Results (when measured)."""
    write_excluded(book, analysis, pseudonym)
    write_method(book, analysis, pseudonym)
    if analysis.measurements:
        write_results(book, analysis, pseudonym)


# --- Action plan -----------------------------------------------------------------------------
def write_plan(book: Book, analysis: Analysis) -> None:
    """One row per segment, by priority: who they are, what to do, what it costs and returns."""
    lang = analysis.lang
    seg = analysis.segmentation
    assert seg is not None
    counts = seg.counts()
    keys = [str(key) for key in seg.segments["key"]]
    plans = analysis.plans or {}

    def priority(key: str) -> float:
        value = (plans.get(key) or {}).get("priority")
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else np.inf

    order = {key: index for index, key in enumerate(keys)}
    keys = sorted(keys, key=lambda key: (priority(key), order[key]))
    printed = {name for name, _, _ in PLAN_FIELDS[:PRINTED_FIELDS]}
    present = [f for f in PLAN_FIELDS if any(f[0] in (plans.get(key) or {}) for key in keys)]
    cols = [
        k.text_column(header("segment", lang), [seg.name_of(key) for key in keys], wrap=True, width=18.0),
        k.number_column(HEADERS("sum_customers", lang), [int(counts.get(key, 0)) for key in keys], k.INTEGER),
    ]
    cols[1].width = 10.0
    last_printed = 1
    for name, kind, width in present:
        values = [_plan_value((plans.get(key) or {}).get(name)) for key in keys]
        if kind == k.TEXT:
            cols.append(k.text_column(header(name, lang), values, wrap=True, width=width))
        else:
            cols.append(k.number_column(header(name, lang), values, kind))
            cols[-1].width = width
        if name in printed:
            last_printed = len(cols) - 1
    book.count_removed(cols)
    titles = [SHEETS("plan", lang)] + ([] if plans else [METHOD("no_plan", lang)])
    ws, sheet = book.add_sheet(SHEETS("plan", lang))
    for index, title in enumerate(titles):
        book.write_title(ws, index, title, size=14 if index == 0 else 11)
    header_row = len(titles) + 1
    set_print_layout(ws, header_row, lang)
    book.write_table(sheet, cols, kind="plan", ws=ws, sheet_name=sheet, first_row=header_row, compact=True)
    # The printed page: the plan itself; cost details and notes stay on screen.
    ws.print_area(0, 0, header_row + len(keys), last_printed)
    ws.freeze_panes(header_row + 1, 1)


def _plan_value(value: Any) -> Any:
    """A plan field as a cell value (lists joined, structures as JSON)."""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


# --- Excluded rows -----------------------------------------------------------------------------
_BOOKKEEPING = ("source", "source_row", "reason")
# Cells of the columns without a role (product options, UTM fields, custom fields) the Excluded
# rows sheet holds at most: ~4 s of writing. A 1,000-column export with 10,000 excluded rows
# took 21 s to write its 10 million cells; past this budget the sheet keeps the columns with a
# role and the first columns without one, and the Method sheet says how many were left out (the
# file and row number find them in the file, which is never modified).
EXCLUDED_EXTRA_CELLS = 2_000_000


def write_excluded(book: Book, analysis: Analysis, pseudonym: Any) -> None:
    """Every excluded input row with its file, row number, reason and original values.

    The rows are made into cells one sheet at a time: 13 million excluded rows (a 300 MB file of
    one line repeated) held every cell as a Python object at once, 8.9 GB.
    """
    lang = analysis.lang
    excluded = analysis.excluded
    if excluded is None:
        excluded = pd.DataFrame(columns=["source", "source_row", "reason"])
    # The bookkeeping columns come first; a file's own column may have the same name (a web
    # shop's "source", a returns export's "reason"), so columns are taken by position.
    head: dict[str, int] = {}
    for position, column in enumerate(excluded.columns):
        if column in _BOOKKEEPING and column not in head:
            head[column] = position
    roles = _roles_of_columns(analysis)
    extra_room = EXCLUDED_EXTRA_CELLS // max(len(excluded), 1)
    left_out = 0
    shown: list[tuple[int, str | None]] = []  # (position, role) of the file's columns shown
    for position, column in enumerate(excluded.columns):
        if position in head.values():
            continue
        role = roles.get(str(column))
        if pseudonym is not None and (role in pseudonym.LEFT_OUT or role not in s.ROLES):
            continue  # names and contacts, and columns of unknown meaning (a full name, an address)
        if role not in s.ROLES:
            if extra_room <= 0:
                left_out += 1
                continue
            extra_room -= 1
        shown.append((position, role))
    capacity = max(book.max_rows - 1, 1)  # rows below the header of one sheet
    part = 1
    first_sheet = None
    for begin in range(0, max(len(excluded), 1), capacity):
        chunk = excluded.iloc[begin : begin + capacity]
        cols = _excluded_columns(chunk, head, shown, analysis, pseudonym)
        book.count_removed(cols)
        written = book.write_table(SHEETS("excluded", lang), cols, kind="excluded", freeze_cols=0, part=part)
        del cols  # this sheet's cells, before the next sheet's are made
        part += len(written)
        first_sheet = first_sheet or (written[0].name if written else None)
    if left_out and first_sheet:
        book.text.left_out_unmapped.append((first_sheet, left_out))


def _excluded_columns(
    excluded: pd.DataFrame,
    head: dict[str, int],
    shown: list[tuple[int, str | None]],
    analysis: Analysis,
    pseudonym: Any,
) -> list[k.Column]:
    """The Excluded rows columns of these rows: file, row number, reason, then the ``shown``
    columns of the file (by position, with their role)."""
    lang = analysis.lang
    names = [Path(inp.path).name for inp in analysis.inputs]

    def bookkeeping(name: str, default: Any) -> pd.Series:
        return excluded.iloc[:, head[name]] if name in head else pd.Series(default, index=excluded.index)

    source = pd.to_numeric(bookkeeping("source", np.nan), errors="coerce")
    files = [names[int(i)] if i == i and 0 <= int(i) < len(names) else "" for i in source.tolist()]
    reasons = bookkeeping("reason", "").astype(object)
    labels = {key: reason_label(str(key), lang) for key in pd.unique(reasons.dropna())}
    cols = [
        k.text_column(header("file", lang), files),
        k.number_column(header("source_row", lang), bookkeeping("source_row", np.nan), k.INTEGER),
        k.text_column(header("exclusion_reason", lang), reasons.map(labels)),
    ]
    for position, role in shown:
        column = excluded.columns[position]
        values = excluded.iloc[:, position]
        if pseudonym is not None and role == s.CUSTOMER_ID:
            # The id as the import made it ("17850.0" in the file is customer "17850"), so the
            # pseudonym here is the one All customers shows for the same customer.
            normal = normalize_ids(values.reset_index(drop=True))
            cells = [None if v is None or v != v or str(v).strip() == "" else str(v) for v in normal.tolist()]
            hashed = pseudonym.hash_ids([c for c in cells if c is not None])
            it = iter(hashed)
            cols.append(k.text_column(str(column), [None if c is None else next(it) for c in cells]))
            continue
        # Original values: numbers stay numbers, everything else is the text the file held.
        kind = k.kind_of(values)
        cols.append(k.column_for_series(str(column), values, None if kind != k.BOOL else k.TEXT))
    return cols


def _roles_of_columns(analysis: Analysis) -> dict[str, str]:
    """Input column name -> role, over all input files."""
    roles: dict[str, str] = {}
    for inp in analysis.inputs:
        for column, role in (inp.mapping or {}).items():
            roles.setdefault(str(column), str(role))
    return roles


# --- Method ------------------------------------------------------------------------------------
def write_method(book: Book, analysis: Analysis, pseudonym: Any) -> None:
    """How the segments were made: inputs, mapping, criteria, method, parameters, cut points."""
    lang = analysis.lang
    seg = analysis.segmentation
    assert seg is not None
    items: list[tuple[str, Any]] = [
        (METHOD("app_version", lang), f"{segmenter_app.APP_NAME} {segmenter_app.__version__}"),
        (METHOD("written_at", lang), dt.datetime.now().replace(microsecond=0)),
        (METHOD("language", lang), lang),
        (METHOD("as_of", lang), analysis.as_of),
        (METHOD("method", lang), seg.method),
        (METHOD("parameters", lang), seg.parameters),
        (METHOD("goal", lang), analysis.goal),
        (METHOD("criteria", lang), ", ".join(analysis.criteria) if analysis.criteria else None),
        (METHOD("customers", lang), len(seg.assignments)),
        (METHOD("control_share", lang), analysis.control_share),
        (METHOD("seed", lang), analysis.seed),
        (METHOD("edits", lang), len(analysis.edits)),
        (METHOD("rows_read", lang), analysis.account.read),
        (METHOD("rows_kept", lang), analysis.account.kept),
    ]
    for reason, count in analysis.account.excluded.items():
        items.append((METHOD("rows_excluded", lang, reason=reason_label(reason, lang)), count))
    items.append((METHOD("rows_after_as_of", lang), analysis.rows_after_as_of))
    if pseudonym is not None:
        items.append((METHOD("pseudonymized", lang), METHOD("yes", lang)))
        left_out = unknown_text_attributes(analysis.customer_attributes)
        roles = _roles_of_columns(analysis)
        excluded = analysis.excluded if analysis.excluded is not None else pd.DataFrame()
        left_out += [
            str(c)
            for c in excluded.columns[3:]
            if roles.get(str(c)) not in s.ROLES and str(c) not in left_out
        ]
        if left_out:
            items.append((METHOD("left_out_unknown", lang), ", ".join(left_out)))
    details, edits = seg.details, analysis.edits
    if pseudonym is not None:  # customers listed in the details (rules' Others, moves) hashed too
        ids = set(seg.assignments.index.astype(str))
        details, edits = pseudonym.hide_listed_ids(details, ids), pseudonym.hide_listed_ids(edits, ids)
    for key, value in flatten(details):
        items.append((f"{METHOD('details', lang)}: {key}", value))
    for index, edit in enumerate(edits, start=1):
        items.append((f"{METHOD('edits', lang)} {index}", edit))
    items.append((METHOD("removed_characters", lang), book.text.removed_characters))
    items.append((METHOD("cut_cells", lang), len(book.text.cuts)))
    for cut in book.text.cuts[:1000]:
        length = group_digits(cut.length, lang)  # "40,000 characters" / "40 000 caractères"
        items.append(("", METHOD("cut_cell", lang, sheet=cut.sheet, cell=cut.cell, length=length)))
    for sheet_name, count in book.text.left_out_columns:
        items.append(("", count_text(METHOD, "left_out_columns", count, lang, sheet=sheet_name)))
    for sheet_name, count in book.text.left_out_unmapped:
        items.append(("", count_text(METHOD, "left_out_unmapped", count, lang, sheet=sheet_name)))

    ws, sheet = book.add_sheet(SHEETS("method", lang))
    book.write_title(ws, 0, METHOD("title", lang))
    values = [_cell_value(v) for _, v in items]
    cols = [
        k.text_column(header("item", lang), [name for name, _ in items], width=45.0),
        k.mixed_column(
            header("value", lang),
            values,
            wrap=True,
            width=70.0,
            # 0.1 read as a number: the plan shows the same share as 10.0%.
            number_kinds={
                i: k.PERCENT for i, (name, _) in enumerate(items) if name == METHOD("control_share", lang)
            },
        ),
    ]
    book.count_removed(cols)
    book.write_table(sheet, cols, kind="method", ws=ws, sheet_name=sheet, first_row=2, compact=True)

    row = 2 + len(items) + 2
    book.write_title(ws, row, METHOD("inputs", lang), size=12)
    input_cols = _input_columns(analysis, lang, pseudonym)
    book.count_removed(input_cols)
    if analysis.inputs:
        book.write_table(
            sheet, input_cols, kind="method", ws=ws, sheet_name=sheet, first_row=row + 1, freeze=False
        )
    ws.set_column(0, 0, 45.0)
    ws.set_column(1, 1, 70.0, book.fmt(k.TEXT, wrap=True))


def _cell_value(value: Any) -> Any:
    """Timestamps as datetimes (NaT blank); everything else as it is."""
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.to_pydatetime()
    return value


def _input_columns(analysis: Analysis, lang: str, pseudonym: Any) -> list[k.Column]:
    """One row per input file: where, what, how read, its own row account and mapping."""
    inputs = analysis.inputs
    accounts = [inp.account for inp in inputs]
    return [
        k.text_column(METHOD("input_path", lang), [inp.path for inp in inputs], width=45.0),
        k.text_column(METHOD("input_format", lang), [inp.format for inp in inputs]),
        k.text_column(METHOD("input_fingerprint", lang), [inp.fingerprint for inp in inputs], width=20.0),
        k.number_column(METHOD("input_size", lang), [inp.size_bytes for inp in inputs], k.INTEGER),
        k.text_column(METHOD("input_encoding", lang), [inp.encoding for inp in inputs]),
        k.text_column(METHOD("input_delimiter", lang), [_show_delimiter(inp.delimiter) for inp in inputs]),
        k.text_column(METHOD("input_sheet", lang), [inp.sheet for inp in inputs]),
        k.number_column(METHOD("input_header_row", lang), [inp.header_row for inp in inputs], k.INTEGER),
        k.number_column(METHOD("input_rows", lang), [inp.rows_read for inp in inputs], k.INTEGER),
        k.number_column(METHOD("input_kept", lang), [a.kept if a else None for a in accounts], k.INTEGER),
        k.number_column(
            METHOD("input_excluded", lang),
            [sum(a.excluded.values()) if a else None for a in accounts],
            k.INTEGER,
        ),
        k.text_column(
            METHOD("input_mapping", lang),
            ["; ".join(f"{col} → {role}" for col, role in (inp.mapping or {}).items()) for inp in inputs],
            wrap=True,
            width=60.0,
        ),
    ]


def _show_delimiter(delimiter: str | None) -> str | None:
    """A delimiter one can see (a tab is invisible in a cell)."""
    return {"\t": "TAB", " ": "SPACE", "  ": "SPACE SPACE"}.get(delimiter, delimiter) if delimiter else None


def flatten(value: Any, prefix: str = "", depth: int = 0) -> list[tuple[str, Any]]:
    """Nested details as (dotted key, scalar or JSON text) pairs, in their order."""
    if isinstance(value, dict) and depth < 2:
        out: list[tuple[str, Any]] = []
        for key, item in value.items():
            out += flatten(item, f"{prefix}.{key}" if prefix else str(key), depth + 1)
        return out
    if isinstance(value, (list, tuple)):
        return [(prefix, json.dumps(list(value), ensure_ascii=False, default=_json_default))]
    if isinstance(value, dict):
        return [(prefix, json.dumps(value, ensure_ascii=False, default=_json_default))]
    if isinstance(value, np.generic):
        value = value.item()
    return [(prefix, value)]


def _json_default(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (pd.Timestamp, dt.date)):
        return value.isoformat()
    return str(value)


# --- Results -----------------------------------------------------------------------------------
def write_results(book: Book, analysis: Analysis, pseudonym: Any = None) -> None:
    """Each measurement: its figures, then each of its tables (per segment, per period...).
    With ``pseudonym``, the customers a measurement lists are shown by their pseudonyms."""
    lang = analysis.lang
    ws, sheet = book.add_sheet(SHEETS("results", lang))
    row = 0
    first = True
    measurements = analysis.measurements
    if pseudonym is not None and analysis.segmentation is not None:
        from segmenter_app.core.measure.pseudonyms import pseudonymize_measurement

        ids = set(analysis.segmentation.assignments.index.astype(str))
        measurements = [pseudonymize_measurement(m, pseudonym, ids) for m in measurements]
    for number, measurement in enumerate(measurements, start=1):
        book.write_title(
            ws, row, str(measurement.get("title") or METHOD("results_title", lang, number=number))
        )
        row += 2
        items, tables = _figures_and_tables(measurement, lang)
        if items:
            names = [figure_label(name, lang, RESULTS, header) for name, _ in items]
            cols = [
                k.text_column(header("item", lang), names, width=40.0),
                k.mixed_column(
                    header("value", lang),
                    [value_label(name, v, lang) for name, v in items],
                    width=40.0,
                    number_kinds={i: k.PERCENT for i, (name, _) in enumerate(items) if _is_share(name)},
                ),
            ]
            book.count_removed(cols)
            book.write_table(
                sheet, cols, kind="results", ws=ws, sheet_name=sheet, first_row=row, freeze=first
            )
            first = False
            row += len(items) + 2
        for title, value in tables:
            frame = _as_frame(value)
            if frame.empty:
                continue
            book.write_title(ws, row, figure_label(title, lang, RESULTS, header), size=12)
            row += 1
            cols = [
                _results_column(
                    str(c), [value_label(str(c), _cell_value(v), lang) for v in frame[c].tolist()], lang
                )
                for c in frame.columns
            ]
            book.count_removed(cols)
            book.write_table(
                sheet, cols, kind="results", ws=ws, sheet_name=sheet, first_row=row, freeze=first
            )
            first = False
            row += len(frame) + 2


def _figures_and_tables(
    measurement: dict[str, Any], lang: str
) -> tuple[list[tuple[str, Any]], list[tuple[str, Any]]]:
    """A measurement's figures as (dotted key, value) pairs, and its tables as (title, records).

    A table inside a figure (the migration's moves, its customers who left the best segments)
    is a table of its own, titled by its dotted key: as one JSON text in a cell, a big shop's
    list passed the cell's 32,767 characters and was cut, and no reader could sort or filter it.
    """
    items: list[tuple[str, Any]] = []
    tables: list[tuple[str, Any]] = []

    def walk(value: Any, path: str, depth: int) -> None:
        if _is_table(value):
            tables.append((path, value))
        elif isinstance(value, dict) and depth < 2:  # as deep as flatten() goes
            for key, item in value.items():
                walk(item, f"{path}.{key}", depth + 1)
        else:
            items.extend(flatten(value, path, 2))

    for key, value in measurement.items():
        if key != "title":
            walk(value, str(key), 0)  # named in words when written (results_labels.figure_label)
    return items, tables


# A measurement's shares (conversion, control, reactivation rates; the uplift in points and its
# interval) are fractions: 0.7778 read as a number on the Results sheet, where the plan and the
# Summary show their shares as percentages.
# Returns on investment are (revenue - cost) / cost, as the plan's, which shows 2.5 as 250.0%.
_SHARE = re.compile(r"(?:_rate|_share|^uplift|^uplift_low|^uplift_high|^roi|_roi)$")


def _is_share(key: str) -> bool:
    """Whether a measurement's figure (``Total.conversion_rate``, ``uplift``) is a share."""
    return _SHARE.search(key.rsplit(".", 1)[-1]) is not None


def _results_column(key: str, values: list[Any], lang: str) -> k.Column:
    """A column of a measurement's table: shares as percentages, anything else as it is."""
    title = part_label(key, lang, RESULTS, header)
    numbers = all(v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)) for v in values)
    if numbers and _is_share(key):
        return k.number_column(title, values, k.PERCENT)
    return k.mixed_column(title, values, width=16.0)


def _is_table(value: Any) -> bool:
    """A list of records, a DataFrame, or a mapping of records: written as a table."""
    if isinstance(value, pd.DataFrame):
        return True
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return True
    return isinstance(value, dict) and bool(value) and all(isinstance(v, dict) for v in value.values())


def _as_frame(value: Any) -> pd.DataFrame:
    if isinstance(value, pd.DataFrame):
        return value.reset_index() if value.index.name else value
    if isinstance(value, dict):
        frame = pd.DataFrame.from_dict(value, orient="index")
        frame.index.name = "key"
        return frame.reset_index()
    return pd.DataFrame(value)
