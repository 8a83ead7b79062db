"""Whitespace-aligned (fixed-width) text files: their layout found from the content, and their rows.

Old till systems, accounting reports and published data sets (CDNOW) print tables as columns
separated by spaces, often without a header. Two layouts are told apart from the sample lines:
:data:`WHITESPACE` (any run of spaces or tabs separates fields) and :data:`WIDE_SPACES` (runs of
two or more spaces do; single spaces belong to the values, as in "Jean Dupont"). Ordinary text with
single spaces between words is neither (see :func:`detect_aligned`).

When the columns line up (a fixed-width file), their character spans are found from the positions
that are blank on the data lines (:func:`column_spans`), and every line is cut on them: an empty
cell stays empty instead of shifting the next values left, and words of one cell stay together.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa

# Pseudo-delimiters of whitespace-aligned files (shown as is in the report: " " is "SPACE").
WHITESPACE = " "  # fields separated by any run of spaces or tabs
WIDE_SPACES = "  "  # fields separated by runs of two or more spaces (or a tab); single spaces are data
ALIGNED = (WHITESPACE, WIDE_SPACES)
_SPLITTERS = {WHITESPACE: re.compile(r"[ \t]+"), WIDE_SPACES: re.compile(r" {2,}|\t")}
_TOKEN = re.compile(r"[^ \t\r\n]+")
# Share of the lines (below the title lines) that must have the same number of fields.
_CONSISTENT = 0.9
# A position is a column gap when it is blank on this share of the data lines (an odd long line
# does not erase a boundary; that line is then split on spaces instead).
_GAP_SHARE = 0.97
SPAN_SAMPLE = 200  # data lines the column spans are computed from

Span = tuple[int, int]


def split_aligned(line: str, delimiter: str) -> list[str]:
    """One line split into its fields on spaces (leading/trailing blanks ignored).

    Only spaces and tabs separate fields: a non-breaking space inside "1 234,56" stays in the value.
    """
    stripped = line.strip(" \t\r\n")
    return _SPLITTERS[delimiter].split(stripped) if stripped else []


def detect_aligned(lines: list[str]) -> str | None:
    """:data:`WHITESPACE`, :data:`WIDE_SPACES` or None for the sample lines of a text file.

    A layout qualifies when at least 90% of the lines below the top third (title lines sit on top)
    split into the same number (>1) of fields. Splitting on every run of spaces also needs evidence
    that the spaces align columns rather than separate words ("Jean Dupont" on every line): runs of
    two or more spaces or tabs inside most lines, or fields that start or end at the same position
    on every line. When both layouts qualify, the one that splits the header line (the first line
    of two or more wide fields) like the data wins, then the one with more columns. Failing both,
    a fixed-width file whose lines have empty cells is recognised by its column spans.
    """
    lines = [ln.rstrip("\r\n") for ln in lines if ln.strip()]
    if not lines:
        return None
    body = lines[len(lines) // 3 :] if len(lines) > 2 else lines
    header = next((ln for ln in lines if len(split_aligned(ln, WIDE_SPACES)) >= 2), None)
    found: list[tuple[bool, int, int, str]] = []
    for order, delim in enumerate((WIDE_SPACES, WHITESPACE)):
        counts = [len(split_aligned(ln, delim)) for ln in body]
        mode, freq = Counter(counts).most_common(1)[0]
        if mode < 2 or freq < _CONSISTENT * len(body):
            continue
        if delim == WHITESPACE and not _spaces_align(body, mode):
            continue
        header_fits = header is not None and len(split_aligned(header, delim)) == mode
        found.append((header_fits, mode, order, delim))
    if found:
        return max(found)[3]
    # Empty cells make the number of fields vary; the columns still line up.
    spans = column_spans(body)
    if len(body) >= 5 and spans is not None and len(spans) >= 2:
        return WHITESPACE
    return None


def _spaces_align(body: list[str], mode: int) -> bool:
    """True when the spaces of these lines look like column separators rather than between words."""
    inner = sum(1 for ln in body if re.search(r"\S(?: {2,}|\t)\S", ln))
    if inner >= 0.5 * len(body):
        return True
    # Fixed width: every field starts (left-aligned text) or ends (right-aligned numbers) at the
    # same position on nearly every line.
    spans = [[m.span() for m in _TOKEN.finditer(ln)] for ln in body]
    spans = [sp for sp in spans if len(sp) == mode]
    if len(spans) < 3:
        return False
    for field in range(mode):
        starts = Counter(sp[field][0] for sp in spans).most_common(1)[0][1]
        ends = Counter(sp[field][1] for sp in spans).most_common(1)[0][1]
        if max(starts, ends) < _CONSISTENT * len(spans):
            return False
    return True


def column_spans(lines: list[str]) -> list[Span] | None:
    """The character spans of the columns of fixed-width data lines, or None when they do not line up.

    A column is a run of positions that are not blank on every line; columns are separated by
    positions blank on nearly every line. None when a tab is involved (its width is unknown), when
    fewer than 3 lines or 2 columns are found, or when a column is filled on less than a fifth of
    the lines (a stray word, not a column).
    """
    lines = [ln.rstrip("\r\n") for ln in lines if ln.strip()]
    if len(lines) < 3 or any("\t" in ln for ln in lines):
        return None
    width = max(len(ln) for ln in lines)
    filled = [0] * width
    for ln in lines:
        for m in _TOKEN.finditer(ln):
            for p in range(m.start(), m.end()):
                filled[p] += 1
    limit = (1 - _GAP_SHARE) * len(lines)
    spans: list[Span] = []
    start = None
    for p in range(width + 1):
        used = p < width and filled[p] > limit
        if used and start is None:
            start = p
        elif not used and start is not None:
            spans.append((start, p))
            start = None
    if len(spans) < 2:
        return None
    counts = [0] * len(spans)
    for ln in lines:
        cells = place(ln, spans)
        if cells is None:
            continue
        for i, cell in enumerate(cells):
            counts[i] += cell is not None
    if min(counts) < 0.2 * len(lines):
        return None
    return spans


def place(line: str, spans: list[Span]) -> list[str | None] | None:
    """The line's words placed in the columns they lie in (words of one column joined by a space).

    None when a word lies across a gap or outside every column: that line does not follow the
    layout and is split on spaces instead.
    """
    cells: list[list[str]] = [[] for _ in spans]
    column = 0
    for m in _TOKEN.finditer(line):
        start, end = m.span()
        while column < len(spans) and spans[column][1] <= start:
            column += 1
        if column == len(spans) or start < spans[column][0] or end > spans[column][1]:
            return None
        cells[column].append(m.group())
    return [" ".join(words) if words else None for words in cells]


def split_lines(lines: list[str], delimiter: str) -> list[list[str]]:
    """Sample lines split into fields: cut on the column spans when they line up, else on spaces.

    A line off the layout (a title above the table, a header not aligned with its columns) is split
    the way that gives as many fields as there are columns, else on wide spaces only, so that a
    title such as "SALES REPORT - SHOP X" stays one cell and is not taken for a header.
    """
    nonblank = [ln for ln in lines if ln.strip()]
    spans = column_spans(nonblank[len(nonblank) // 3 :] if len(nonblank) > 2 else nonblank)
    rows = []
    for line in lines:
        cells = place(line, spans) if spans is not None else None
        if cells is not None:
            rows.append([c or "" for c in cells])
            continue
        fields = split_aligned(line, delimiter)
        if spans is not None and len(fields) != len(spans):
            fields = split_aligned(line, WIDE_SPACES)
        rows.append(fields)
    return rows


def read_aligned(
    path: Path,
    encoding: str,
    delimiter: str,
    header_index: int,
    names: list[str],
    compression: str | None,
    nrows: int | None,
    check: Callable[[], None] | None,
) -> tuple[pd.DataFrame, list[tuple[int, str]]]:
    """The data lines below the header (any line ending), with the contract of ``text.read_text_table``.

    Lines are cut on the column spans of the first data lines when they line up and there are as
    many columns as names; other lines are split on spaces. A line with fewer fields than the header
    has its last cells empty; one with more is listed as malformed with its text, for the caller to
    set aside.
    """
    width = len(names)
    sample: list[str] = []
    with _open_text(path, compression, encoding) as fh:
        for index, line in enumerate(fh):
            if index > header_index:
                sample.append(line)
            if len(sample) >= SPAN_SAMPLE:
                break
    spans = column_spans(sample)
    if spans is not None and len(spans) != width:
        spans = None
    rows: list[list[str | None]] = []
    malformed: list[tuple[int, str]] = []
    with _open_text(path, compression, encoding) as fh:
        for index, line in enumerate(fh):
            if index <= header_index:
                continue
            if nrows is not None and len(rows) >= nrows:
                break
            if check is not None and index % 50_000 == 0:
                check()
            line = line.lstrip("\ufeff")
            cells = place(line, spans) if spans is not None else None
            if cells is None:
                fields: list[str | None] = list(split_aligned(line, delimiter))
                if len(fields) > width:
                    malformed.append((len(rows), line.rstrip("\r\n")))
                    fields = fields[:width]
                cells = fields + [None] * (width - len(fields))
            rows.append(cells)
    frame = (
        pd.DataFrame(rows, columns=names, dtype="str") if rows else pd.DataFrame(columns=names, dtype="str")
    )
    return frame, malformed


def _open_text(path: Path, compression: str | None, encoding: str) -> io.TextIOWrapper:
    """The file as text lines; newline=None: CRLF, LF and the CR of old Macs all end a line."""
    raw = pa.input_stream(str(path), compression=compression)
    return io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline=None)
