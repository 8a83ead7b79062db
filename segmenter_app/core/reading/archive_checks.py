"""Safety checks of ZIP-based workbooks (XLSX, ODS) before any parser sees them: size, compression
ratio and entry count (bombs), DTDs and entities (XML bombs), and cells so far from the table that
the workbook reader would abort the process."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from segmenter_app.core.i18n import Phrase, UserError, group_digits
from segmenter_app.core.reading.details import technical
from segmenter_app.core.reading.detect_messages import T

# Safety caps for ZIP-based files (XLSX, ODS), checked before parsing.
MAX_ENTRIES = 10_000
MAX_TOTAL_UNCOMPRESSED = 4 * 1024**3  # 4 GiB: a million-row sheet is a few hundred MB
MAX_RATIO = 200  # XML compresses 5-30x; bombs 1000x and more
RATIO_MIN_SIZE = 10 * 1024**2  # the ratio is only checked on entries expanding past 10 MiB


def check_no_dtd(name: str, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse XML parts that declare a DTD or entities: Office never writes them, XML bombs do.

    This guards the Rust reader (calamine) the same way defusedxml guards openpyxl and our own
    parsing of workbook.xml.
    """
    for info in infos:
        if not info.filename.endswith((".xml", ".rels")):
            continue
        with zf.open(info) as fh:
            start = fh.read(4096)
        if b"<!DOCTYPE" in start or b"<!ENTITY" in start:
            raise UserError(T, "xml_entities", path=name)


EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384
# The workbook reader (calamine) allocates a sheet's whole rectangle, from its first to its last
# cell, at about 32 bytes a cell, and aborts the process when that fails: a rectangle past this
# many cells is refused first (an ordinary export of a million rows and 20 columns is 20 million).
MAX_SHEET_CELLS = 150_000_000
# Cell and row references far right (column AAA and beyond) or far down (row 1,000,000 and beyond):
# rare in a table, so finding them costs one pass of a regular expression over the sheet's XML.
_FAR_REF = re.compile(rb' r="(?:([A-Z]{3,})(\d+)|([A-Z]{0,2})(\d{7,}))"')
_LAST_ROW = re.compile(rb'<row[^>]*?\sr="(\d+)"')
_SCANNED: dict[tuple, None] = {}  # workbooks already checked in this process (by identity)


# Scanning a sheet costs about a fifth of reading it (inflating its XML, then the expression),
# which a million-row export cannot afford (the reading's own goal is 1.3 times a bare read). Sheets
# past this size are scanned only when their <dimension> spans a far rectangle; a file crafted to
# hide a far cell in a large sheet with a small or no dimension is the case left uncovered.
SCAN_MAX_BYTES = 64 << 20
_DIMENSION = re.compile(rb'<dimension\s+ref="([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?"')


def _dimension_is_far(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether the sheet's ``<dimension>`` (in its first bytes) spans a rectangle past Excel's
    limits or :data:`MAX_SHEET_CELLS`; False when it has none."""
    with zf.open(info) as fh:
        head = fh.read(1 << 16)
    found = _DIMENSION.search(head)
    if not found or not found.group(3):
        return False
    column = 0
    for letter in found.group(3):
        column = column * 26 + letter - 64
    rows = int(found.group(4))
    return rows > EXCEL_ROWS or column > EXCEL_COLUMNS or rows * column > MAX_SHEET_CELLS


def _column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def check_sheet_extents(p: Path, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse a workbook with a cell past Excel's last row or column (no spreadsheet writes one),
    or whose cells span a rectangle too large to read (a stray value at XFD1048576 beside a
    table at A1): the workbook reader would abort the whole process on it, without a word.

    One pass of a regular expression over each sheet's XML finds the far references (columns
    from AAA, rows from 1,000,000); the sheet's last row is its last ``<row>``'s number.
    """
    stat = p.stat()
    key = (str(p.resolve()), stat.st_size, stat.st_mtime_ns, stat.st_ino)
    if key in _SCANNED:
        return
    for info in infos:
        if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
            continue
        if info.file_size > SCAN_MAX_BYTES and not _dimension_is_far(zf, info):
            continue
        far_row = far_column = last_row = 0
        tail = b""
        with zf.open(info) as fh:
            while True:
                chunk = fh.read(4 << 20)
                data = tail + chunk
                # A reference cut by the chunk's end is searched again with the next chunk.
                for found in _FAR_REF.finditer(data if not chunk else data[:-128]):
                    letters = found.group(1) or found.group(3) or b""
                    row = int(found.group(2) or found.group(4))
                    column = 0
                    for letter in letters:
                        column = column * 26 + letter - 64
                    if row > EXCEL_ROWS or column > EXCEL_COLUMNS:
                        cell = letters.decode() + str(row)
                        detail = technical(f"{info.filename}: {cell} > XFD1048576")
                        raise UserError(T, "damaged", path=p.name, detail=detail)
                    far_row, far_column = max(far_row, row), max(far_column, column)
                rows = _LAST_ROW.findall(data[-(1 << 16) :])
                if rows:
                    last_row = int(rows[-1])
                if not chunk:
                    break
                tail = data[-256:]
        # Columns up to ZZ are not searched (every table has them): only a far column is known.
        height = max(far_row, last_row)
        if far_column and height * far_column > MAX_SHEET_CELLS:
            corner = f"{_column_letters(far_column)}{height}"
            rows = Phrase(lambda lang, n=height: group_digits(n, lang))
            columns = Phrase(lambda lang, n=far_column: group_digits(n, lang))
            raise UserError(T, "sheet_extent", path=p.name, rows=rows, columns=columns, cell=corner)
    _SCANNED[key] = None


def check_zip_caps(name: str, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse archives with too many entries, too much uncompressed data, or a bomb-like ratio."""
    if len(infos) > MAX_ENTRIES:
        raise UserError(T, "too_big", path=name, detail=technical(f"{len(infos)} entries > {MAX_ENTRIES}"))
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise UserError(T, "too_big", path=name, detail=technical(f"{total // 1024**2} MiB uncompressed"))
    for info in infos:
        if info.file_size > RATIO_MIN_SIZE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise UserError(T, "too_big", path=name, detail=technical(f"{info.filename}: ratio {ratio}:1"))
