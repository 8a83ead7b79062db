"""Where a table's header is among its first rows, and what its columns are called.

Title rows and blank rows above a table are skipped, a header on two rows (merged cells over the
labels below them) is joined into one name per column, and names are made unique.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

__all__ = ["find_header", "header_depth", "is_text_label", "merged_header", "unique_names"]

_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")
_NUMERIC_CELL = re.compile(r"^[\s\-+()€$£%.,\d/:'\u00a0\u202f]+$")


def is_text_label(cell: str) -> bool:
    """True for a cell that looks like a column name rather than a value (not a number or date)."""
    cell = cell.strip()
    return bool(cell) and not _NUMERIC_CELL.match(cell)


def find_header(rows: list[list[str]]) -> int:
    """The 0-based index of the header row among the first rows (title and blank rows skipped), or
    -1 when the file has no header (its first row holds values only, like CDNOW's).

    The header is made of labels (not numbers or dates) and is followed by a row of about the
    same width. Preferred: the first such row that names nearly every column of the table (so a
    block of "Shop: X" / "Period: Y" lines above the table is skipped); else the first such row
    with at least half the table's width.
    """
    filled = [[c for c in row if c is not None and str(c).strip()] for row in rows]
    if not filled:
        return 0
    width = max((len(f) for f in filled), default=0)
    if width == 0:
        return 0

    def labels_only(cells: list) -> bool:
        return sum(1 for c in cells if is_text_label(str(c))) >= 0.8 * len(cells)

    # The width of the rows holding values (numbers, dates): the table's own width.
    data_width = max((len(f) for f in filled[:60] if f and not labels_only(f)), default=0)

    def candidate(i: int, cells: list, minimum: float) -> bool:
        if len(cells) < max(1, minimum) or (width > 1 and len(cells) < 2):
            return False
        if not labels_only(cells):
            return False
        following = [f for f in filled[i + 1 : i + 4] if f]
        if following and len(following[0]) < 0.4 * len(cells):
            return False
        if data_width and len(cells) > data_width:
            # Wider than every row of values ("Shop;Centre;Period;Q1 2024" above a three-column
            # table): a line of information, when a row of labels as wide as the values follows it
            # before the first row of values.
            for f in filled[i + 1 : i + 6]:
                if f and not labels_only(f):
                    break
                if len(f) >= 2 and 0.8 * data_width <= len(f) <= data_width:
                    return False
        return True

    for minimum in (0.9 * width, (width + 1) // 2):
        for i, cells in enumerate(filled[:40]):
            if candidate(i, cells, minimum):
                return i
    first = next((cells for cells in filled if cells), [])
    if len(rows) > 1 and not any(is_text_label(str(c)) for c in first):
        return -1  # the table starts with values (ids, dates, amounts): the file has no header row
    return 0


def _cell(row: list[Any], j: int) -> str:
    return str(row[j]).strip() if j < len(row) and row[j] is not None else ""


def header_depth(rows: list[list[Any]], header_index: int) -> int:
    """2 when the header goes on in the row below it, else 1: a header with merged cells ("Order"
    over "Date" and "Amount") leaves its cells blank over the second row's labels. That row must
    hold labels only, one of them under a blank header cell, and values (numbers, dates) must
    follow it, so a first data row of text is not taken for a header."""
    if header_index < 0 or header_index + 1 >= len(rows):
        return 1
    top, sub = rows[header_index], rows[header_index + 1]
    filled = [j for j in range(len(sub)) if _cell(sub, j)]
    if not filled:
        return 1
    if all(_cell(top, j) and _UNIT.match(_cell(sub, j)) for j in filled) and _values_follow(
        rows, header_index
    ):
        return 2  # a row of units under the labels: "Montant" over "(€)", "Poids" over "kg"
    if not all(is_text_label(_cell(sub, j)) for j in filled):
        return 1
    if all(_cell(top, j) for j in filled):
        return 1
    following = next((r for r in rows[header_index + 2 :] if any(_cell(r, j) for j in range(len(r)))), None)
    if following is None or all(
        is_text_label(_cell(following, j)) or not _cell(following, j) for j in range(len(following))
    ):
        return 1
    return 2


# A unit written under a column's label: a currency, a measure, a count, in brackets or not.
_UNIT = re.compile(
    r"^[(\[]?\s*(?:€|\$|£|%|EUR|USD|GBP|CHF|HT|TTC|kg|g|l|cl|ml|m|cm|m2|m²|pcs|pces|pièces|pieces|u|"
    r"unités?|units?|qty|qté|jours?|days?|h|min|ans|years?)\s*[)\]]?$|^[(\[][^()\[\]]{1,12}[)\]]$",
    re.IGNORECASE,
)


def _values_follow(rows: list[list[Any]], header_index: int) -> bool:
    """Whether the first filled row below the header's two rows holds values (numbers or dates)."""
    following = next((r for r in rows[header_index + 2 :] if any(_cell(r, j) for j in range(len(r)))), None)
    return following is not None and any(
        _cell(following, j) and not is_text_label(_cell(following, j)) for j in range(len(following))
    )


def merged_header(top: list[Any], sub: list[Any]) -> list[str | None]:
    """The names of a two-row header: a label of the second row joined to the header cell above it,
    or to the merged cell it stands under (the last filled one to its left): "Order Date"."""
    names: list[str | None] = []
    carry = ""
    for j in range(max(len(top), len(sub))):
        above, below = _cell(top, j), _cell(sub, j)
        if above:
            carry = above
        elif not below:
            carry = ""
        head = above or (carry if below else "")
        names.append(" ".join(x for x in (head, below) if x) or None)
    return names


def unique_names(cells: list[Any]) -> list[str]:
    """Header cells as unique column names ("Column 3" for a blank one, "Name (2)" for a repeat,
    line breaks inside a cell as spaces)."""
    names: list[str] = []
    seen: dict[str, int] = {}
    for i, cell in enumerate(cells):
        name = "" if cell is None or (isinstance(cell, float) and np.isnan(cell)) else str(cell).strip()
        if "\n" in name or "\r" in name:
            name = _LINE_BREAKS.sub(" ", name)  # "Montant\n(TTC)", typed with Alt+Enter in Excel
        name = name.lstrip("\ufeff") or f"Column {i + 1}"
        key = name.lower()
        if key in seen:
            seen[key] += 1
            name = f"{name} ({seen[key]})"
        else:
            seen[key] = 1
        names.append(name)
    return names
