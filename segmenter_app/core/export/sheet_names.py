"""Worksheet names Excel accepts: at most 31 characters, none of ``[]:*?/\\``, unique.

Excel compares sheet names without regard to case, refuses a name that starts or ends with an
apostrophe, and reserves "History". Segment names come from the user (renames) and from the
data (cluster names, rule names), so every name goes through :class:`SheetNamer`.
"""

from __future__ import annotations

import re

MAX_SHEET_NAME = 31
_INVALID = re.compile(r"[\x00-\x1f\ud800-\udfff\ufffe\uffff]")
# Readable stand-ins for the characters Excel forbids in sheet names.
_REPLACE = str.maketrans({"[": "(", "]": ")", ":": " -", "/": "-", "\\": "-", "*": "", "?": ""})
_RESERVED = {"HISTORY"}
_ESCAPE_LIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def clean_sheet_name(name: str, fallback: str = "Sheet") -> str:
    """``name`` with forbidden characters replaced, trimmed to 31 characters, never empty.

    A sheet's name is an escaped XML string for Excel: ``_x000D_`` in it reads as a carriage
    return and ``_x003A_`` as a colon (XlsxWriter writes the name as it is). Such a pattern
    (a column name that went through openpyxl, in a cluster's name) loses its first
    underscore, so Excel reads the name as every other program does.
    """
    text = _INVALID.sub("", _ESCAPE_LIKE.sub(r" \1", str(name)).translate(_REPLACE))
    text = " ".join(text.split())  # newlines and runs of spaces
    text = text.strip("'").strip()
    text = _cut(text, MAX_SHEET_NAME).strip().strip("'").strip()
    if not text:
        text = fallback
    if same_name_key(text) in _RESERVED:
        text = text + "_"
    return text


def same_name_key(name: str) -> str:
    """What a spreadsheet compares when it checks two sheet names for equality, ignoring case.

    Excel and LibreOffice compare the names in upper case, one character to one character:
    "Kapı" (dotless ı) is "KAPI" for them, while Python's ``lower()`` keeps "kapı" and "kapi"
    apart (LibreOffice renamed such a second sheet "Kapı -1"). A letter whose capital is two
    letters ("ß" -> "SS") is kept as it is, as they keep it.
    """
    out = []
    for ch in name:
        upper = ch.upper()
        out.append(upper if len(upper) == 1 else ch)
    return "".join(out)


def _cut(text: str, limit: int) -> str:
    """Cut to ``limit`` UTF-16 code units (Excel counts in UTF-16)."""
    units = 0
    for index, ch in enumerate(text):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > limit:
            return text[:index]
    return text


class SheetNamer:
    """Hands out unique, valid sheet names for one workbook.

    The workbook's own sheets (All customers, Excluded rows, Method...) are written after the
    segment sheets, whose names come from the user; those names are held first, so a segment
    called "All customers" becomes "All customers (2)" rather than taking the name of the sheet
    every reader looks for.
    """

    def __init__(self) -> None:
        self._taken: set[str] = set()
        self._held: set[str] = set()

    def hold(self, names: list[str]) -> None:
        """Keep these names for the sheets that will ask for them with ``held=True``."""
        self._held.update(same_name_key(clean_sheet_name(name)) for name in names)

    def reserve(self, name: str, *, held: bool = False) -> str:
        """A unique valid name close to ``name`` ("Name (2)" style when taken), now taken.

        ``held``: the caller is the sheet a held name was kept for, so it may take it.
        """
        base = clean_sheet_name(name)
        if held and same_name_key(base) in self._held:
            self._held.discard(same_name_key(base))
        candidate = base
        number = 2
        while same_name_key(candidate) in self._taken or same_name_key(candidate) in self._held:
            suffix = f" ({number})"
            candidate = _cut(base, MAX_SHEET_NAME - len(suffix)).rstrip().rstrip("'") + suffix
            number += 1
        self._taken.add(same_name_key(candidate))
        return candidate

    def taken(self, name: str) -> bool:
        """True when ``name`` (any case) is already used."""
        return same_name_key(name) in self._taken
