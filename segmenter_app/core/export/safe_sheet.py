"""XlsxWriter's worksheet, except that a text is always written as the text it is.

XlsxWriter takes a string that starts with ``<r>`` and ends with ``</r>`` for rich text it built
itself and copies it into the sheet's XML unescaped. A cell of an input file of that form (a
product name, a note, a hostile export) therefore became raw XML in the workbook:

- ``<r>zero</r>`` made the sheet invalid (LibreOffice showed an empty cell; Excel offers to
  repair the file and drops content);
- a crafted one could close the cell and add cells of its own, formulas included, past the
  neutralization of risky texts (safe_text.py).

Such a string is written here as what it reads as: one plain run of rich text holding the string,
escaped. A reader shows exactly the string. Every other string takes XlsxWriter's usual path.
"""

from __future__ import annotations

from typing import Any

from xlsxwriter.worksheet import Worksheet

from segmenter_app.core.export.safe_text import MAX_CELL_CHARS, cut_utf16, utf16_len

__all__ = ["SafeWorksheet", "plain_run"]

_OPEN = '<r><t xml:space="preserve">'
_CLOSE = "</t></r>"


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plain_run(text: str) -> str:
    """``text`` as one run of rich text, escaped: what XlsxWriter copies into the XML as it is.

    Cut so the whole run stays within Excel's limit: XlsxWriter would otherwise cut the markup
    itself, in the middle of an escape or of the closing tags.
    """
    run = _OPEN + _escaped(text) + _CLOSE
    while utf16_len(run) > MAX_CELL_CHARS:
        text = text[: len(text) - max(1, (utf16_len(run) - MAX_CELL_CHARS) // 5)]
        run = _OPEN + _escaped(text) + _CLOSE
    return run


class SafeWorksheet(Worksheet):
    """A worksheet whose strings never reach the XML unescaped (see the module docstring)."""

    def _write_string(self, row: int, col: int, string: str, cell_format: Any = None) -> Any:
        """Store a string cell; one that XlsxWriter would copy raw is stored as a plain run."""
        if isinstance(string, str):
            string = cut_utf16(string)  # XlsxWriter's cut, done first: the test below sees the text written
            if string.startswith("<r>") and string.endswith("</r>"):
                string = plain_run(string)
        return super()._write_string(row, col, string, cell_format)
