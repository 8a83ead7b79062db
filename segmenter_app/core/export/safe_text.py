"""Text made safe for a spreadsheet cell (OWASP CSV/formula injection) and for XML.

Three things can go wrong with text copied from a shop's export into a workbook:

* a name or note starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (or their
  full-width forms, which some spreadsheet programs normalise) can become a live formula when the
  cell is edited or the sheet is saved as CSV. In the workbook such a text is stored as a text
  cell with Excel's "quote prefix" style (what a leading apostrophe typed by hand produces): the
  value reads back unchanged and Excel never evaluates it. In CSV files, where no style exists,
  the text gets a leading apostrophe (OWASP's recommendation).
* an email address can start with a formula character too ("=info@shop.fr" and "-jo@shop.fr"
  are valid addresses). The mailing CSVs are made for mailing tools, which need the exact
  address: an apostrophe in front makes it another address, which bounces or reaches nobody.
  So :func:`csv_safe_email` writes a *plain* address unchanged even when it starts with
  ``=``, ``+`` or ``-``: its local part holds only letters, digits and ``. _ % + - =``, its
  domain only letters, digits, hyphens and dots. Such a text cannot be a harmful formula: with
  no brackets it calls no function (no HYPERLINK, WEBSERVICE or IMPORTXML to send data out),
  with no ``|`` it cannot reach another program (DDE), with no ``!``, ``[`` or quote it cannot
  point into another sheet or file; a spreadsheet that opens the mailing CSV shows at worst an
  error value such as #NAME? in that cell. Any other address that starts with a formula
  character (quotes, brackets, ``|`` are allowed in addresses but never needed in real ones)
  keeps the apostrophe, as every other text does. The workbook, made for people, stores every
  address as it is in a text cell with the quote-prefix style, so nothing changes there.
* characters XML 1.0 forbids (most C0 control characters, lone surrogates, U+FFFE/U+FFFF) make
  Excel refuse the file or ask to repair it: they are removed, and counted.
* a cell holds at most 32,767 characters (UTF-16 code units): longer text is cut, and the cut is
  listed so the user knows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_CELL_CHARS = 32_767

# Characters that start a formula in Excel, LibreOffice or Google Sheets, with the full-width
# forms (U+FF1D = U+FF0B + U+FF0D - U+FF20 @) that some programs fold to ASCII. Leading spaces do
# not make a text safe: some programs strip them before parsing.
_TRIGGERS = "=+-@\t\r\n\uff1d\uff0b\uff0d\uff20"
RISKY = re.compile(r"^[ \u00a0\u3000]*[" + re.escape(_TRIGGERS) + "]")
# XML 1.0 allows \t \n \r, U+0020-U+D7FF, U+E000-U+FFFD and the astral planes; anything else
# (C0 controls, lone surrogates, U+FFFE, U+FFFF) is removed.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# One search tells whether a text needs any work; most texts take the fast path. A carriage
# return is turned into a line feed (Excel's line break): XML readers would otherwise each
# decode the escaped form differently.
_NEEDS_WORK = re.compile(RISKY.pattern + "|" + FORBIDDEN.pattern + "|\r")


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Excel's cell limit."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def cut_utf16(text: str, limit: int = MAX_CELL_CHARS) -> str:
    """``text`` cut to at most ``limit`` UTF-16 code units, never splitting a character."""
    if len(text) <= limit // 2 or utf16_len(text) <= limit:
        return text
    units = 0
    for index, ch in enumerate(text):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > limit:
            return text[:index]
    return text


def is_risky(text: str) -> bool:
    """True when ``text`` would start a formula if a spreadsheet parsed it."""
    return RISKY.match(text) is not None


@dataclass
class Cut:
    """A text that was cut: where, and how long it was."""

    sheet: str
    cell: str
    length: int


@dataclass
class TextStats:
    """What the cleaning did over a whole export: counts for the report and the Method sheet."""

    removed_characters: int = 0
    neutralized_cells: int = 0
    cuts: list[Cut] = field(default_factory=list)
    left_out_columns: list[tuple[str, int]] = field(default_factory=list)  # (sheet, columns)
    left_out_unmapped: list[tuple[str, int]] = field(default_factory=list)  # (sheet, columns)


@dataclass
class CleanColumn:
    """A column of cleaned texts: values (None for blank) and the rows needing a quote prefix."""

    values: list[str | None]
    risky_rows: list[int]
    cut_rows: list[tuple[int, int]]  # (row index, original length)
    removed: int


def clean_text(text: str) -> tuple[str, bool, int, int]:
    """Clean one text: returns (text, risky, removed characters, original length if cut else 0)."""
    removed = 0
    if _NEEDS_WORK.search(text) is not None:
        risky = RISKY.match(text) is not None
        text, removed = FORBIDDEN.subn("", text)
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
    else:
        risky = False
    original = 0
    if len(text) > MAX_CELL_CHARS // 2:
        cut = cut_utf16(text)
        if len(cut) < len(text):
            original = utf16_len(text)
            text = cut
    return text, risky or RISKY.match(text) is not None, removed, original


def clean_column(values: list[object]) -> CleanColumn:
    """Clean a column of texts (``None`` or NaN stay blank, other objects become their text).

    The loop does a single regular-expression search per text when nothing is wrong, which
    keeps the cost small next to writing the cell.
    """
    out: list[str | None] = []
    append = out.append
    risky: list[int] = []
    cuts: list[tuple[int, int]] = []
    removed = 0
    needs_work = _NEEDS_WORK.search
    half = MAX_CELL_CHARS // 2
    for index, value in enumerate(values):
        text = value if type(value) is str else _to_text(value)
        if text is None:
            append(None)
            continue
        if needs_work(text) is not None or len(text) > half:
            text, is_bad, n_removed, original = clean_text(text)
            removed += n_removed
            if is_bad:
                risky.append(index)
            if original:
                cuts.append((index, original))
        append(text if text != "" else None)
    return CleanColumn(out, risky, cuts, removed)


def _to_text(value: object) -> str | None:
    """The text of a non-string value (None, NaN, NaT and pd.NA give None)."""
    if value is None:
        return None
    try:
        if value != value:
            return None
    except (TypeError, ValueError):  # pd.NA raises on bool()
        return None
    return str(value)


def csv_safe(text: str | None) -> str:
    """A text for a CSV cell: forbidden characters removed, a leading apostrophe when risky."""
    if text is None:
        return ""
    risky = RISKY.match(text) is not None
    text = FORBIDDEN.sub("", text)
    return "'" + text if risky or RISKY.match(text) else text


# A plain address: what csv_safe_email may write unchanged even after a formula character.
PLAIN_EMAIL = re.compile(r"[A-Za-z0-9._%+=-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def csv_safe_email(address: str | None) -> str:
    """An email address for a mailing CSV cell: unchanged when it is a plain address (see the
    module's docstring: it cannot run as a harmful formula, and a mailing tool needs it exact),
    else :func:`csv_safe` (a leading apostrophe when it starts with a formula character)."""
    if address is not None and PLAIN_EMAIL.fullmatch(address):
        return address
    return csv_safe(address)
