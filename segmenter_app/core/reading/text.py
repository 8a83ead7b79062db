"""Text exports (CSV, TSV, semicolon, pipe; plain or gzip): encoding, delimiter and the table itself.

The encoding is found from the byte-order mark, then UTF-16 without one (Excel's "Unicode text"),
then strict UTF-8, then Japanese Windows text (cp932, by its Japanese words), then Mac Roman (Excel
for Mac's "CSV", old Macs: see :func:`_mac_roman_like`), then Polish and Czech Windows text
(cp1250, by its letters inside words and its "zł" and "Kč"), then cp1252 (Windows tills and Excel
"CSV (separator: semicolon)" in France).
The delimiter is the one among ``, ; TAB |`` that splits the most lines into the same number of
fields (title lines above the header do not count against it). When none of them does, the file
may be a whitespace-aligned (fixed-width) report, as old systems and data sets print them: its
columns are separated by runs of spaces, or by runs of two or more spaces when single spaces belong
to the values, as in "Jean Dupont" (see aligned.py). The table is read by pyarrow with every column
as text (aligned files by aligned.py); the values are interpreted later, column by column, with the whole column
in view (see values.py).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from segmenter_app.core.i18n import UserError
from segmenter_app.core.reading.aligned import (
    ALIGNED,
    WHITESPACE,
    WIDE_SPACES,
    detect_aligned,
    read_aligned,
    split_aligned,
    split_lines,
)
from segmenter_app.core.reading.details import technical

__all__ = [
    "ALIGNED",
    "DELIMITERS",
    "WHITESPACE",
    "WIDE_SPACES",
    "decode_head",
    "detect_aligned",
    "detect_delimiter",
    "detect_encoding",
    "read_text_table",
    "sample_lines",
    "split_aligned",
    "split_rows",
]

DELIMITERS = (",", ";", "\t", "|")
# A comma between a digit and one or two digits that end the number: a decimal comma.
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d{1,2}(?!\d))")
SAMPLE_LINES = 200

# The csv module refuses fields over 128 KiB by default; a long description or a pasted document in
# one cell is still data (pyarrow has no such limit, the exact reader must not be stricter).
csv.field_size_limit(2**31 - 1)


def detect_encoding(head: bytes) -> str:
    """The text encoding of a file from its first bytes (see the module docstring)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16"
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"
    sample = head[:4096]
    if sample.count(0) > len(sample) * 0.2:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        return "utf-16-le" if odd > even else "utf-16-be"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=False)  # a character cut at the end of the sample is fine
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if _japanese_windows(head):
        return "cp932"
    try:
        head.decode("cp1252")
        windows = True
    except UnicodeDecodeError:
        windows = False
    if _mac_roman_like(head, windows):
        return "mac_roman"
    if windows and _CENTRAL_EUROPEAN.search(head.decode("cp1250", errors="replace")):
        return "cp1250"
    return "cp1252" if windows else "latin-1"


def _japanese_windows(head: bytes) -> bool:
    """Japanese Windows text (cp932, Shift_JIS: Excel's CSV in Japan): the whole sample reads as it
    and shows Japanese characters (Western text read that way fails on an accent before a space)."""
    try:
        text = codecs.getincrementaldecoder("cp932")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    # Kana and full-width forms, not kanji alone (pairs of Western accented letters read as kanji
    # too), in words of two or more (a Mac's "ÉLODIE" reads as one katakana before "ODIE").
    words = re.findall("[\u3040-\u30ff\u4e00-\u9fff\uff01-\uff5e]{2,}", text)
    return len(words) >= 2 and len(re.findall("[\u3040-\u30ff\uff01-\uff5e]", "".join(words))) >= 2


# Letters of Polish and Czech Windows text (cp1250) inside a word, where Windows-1252 shows
# symbols or letters no Western word has there ("Wroc³aw", "1 234,56 z³", "Dìèín", "12,50 Kè").
# Not "ż": its byte is a Mac's "ø" ("Søren").
_CENTRAL_EUROPEAN = re.compile(r"[A-Za-z][łą][a-z]|\dzł\b|\bzł\b|[A-Za-z][ěů][a-z]|\bKč\b")


def _mac_roman_like(head: bytes, windows: bool) -> bool:
    """A text from Excel for Mac's "CSV" or an old Mac: its accented letters (é è ç à) are bytes
    0x80-0x9F, where Windows has punctuation (€ ’ –) and holes. Taken for Mac Roman when most of
    its non-ASCII bytes are there and either the lines end with CR alone (the Mac way; Windows
    writes CR LF) or the bytes are not valid Windows text at all (è is 0x8F, a hole of cp1252),
    or when nearly all of them are there (see below)."""
    high = [b for b in head if b >= 0x80]
    if not high:
        return False
    # Windows' usual punctuation (€ … ‘ ’ “ ” – —) is no sign of a Mac when the text reads as Windows.
    common = {0x80, 0x85, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97} if windows else set()
    lower_block = sum(1 for b in high if b < 0xA0 and b not in common)
    cr_only = b"\r" in head and b"\n" not in head
    if cr_only or not windows:
        return lower_block > len(high) / 2
    # Windows text puts its accented letters at 0xC0-0xFF: none there, and Ž ˆ ‰ Š instead
    # (Mac Roman's é à â ä), is a Mac file with line feeds (Excel for Mac 2016 and later).
    return lower_block >= 3 and lower_block >= 0.9 * len(high)


def decode_head(head: bytes, encoding: str) -> str:
    """The sample decoded, tolerating a character cut at its end."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    return decoder.decode(head, final=False)


def sample_lines(text: str, limit: int = SAMPLE_LINES) -> list[str]:
    """The first complete lines of a decoded sample (the last, possibly cut, line dropped)."""
    lines = text.splitlines()
    if len(lines) > 1 and not text.endswith(("\n", "\r")):
        lines = lines[:-1]
    return lines[:limit]


def detect_delimiter(lines: list[str]) -> str:
    """The delimiter that splits the most lines into a constant number (>1) of fields.

    When no real delimiter splits the lines consistently, a whitespace-aligned layout
    (:func:`detect_aligned`) is tried before falling back to the best (or the comma).
    """
    best, best_score, best_consistency = ",", -1.0, 0.0
    nonblank = [ln for ln in lines if ln.strip()]
    if not nonblank:
        return ","
    joined = "\n".join(nonblank)
    commas = joined.count(",")
    decimal_commas = commas > 0 and len(_DECIMAL_COMMA.findall(joined)) == commas
    for delim in DELIMITERS:
        counts = [len(row) for row in csv.reader(nonblank, delimiter=delim)]
        # Lines of one field above and below the table are titles and footers ("Ventes de
        # janvier", "Page 1 sur 1"), not lines the delimiter fails to split: in a small file they
        # outweighed the table. Left out when the lines between them are a table: two lines at
        # least, all split alike or most of the file (aligned text with a comma in a name or two
        # is not a comma file).
        first = next((i for i, c in enumerate(counts) if c > 1), len(counts))
        last = len(counts) - next((i for i, c in enumerate(reversed(counts)) if c > 1), len(counts))
        block = counts[first:last]
        if len(block) >= 2 and (len(set(block)) == 1 or len(block) >= len(counts) / 2):
            counts = block
        if not counts:
            continue
        mode, freq = Counter(counts).most_common(1)[0]
        if mode < 2:
            continue
        # Consistency over the lines, mostly the lower ones (titles sit on top), then width.
        lower = counts[len(counts) // 3 :] or counts
        consistency = sum(1 for c in lower if c == mode) / len(lower)
        score = consistency + freq / len(counts) + min(mode, 50) / 1000
        if delim == "," and decimal_commas:
            # Every comma sits inside a number ("12,50", "1 234,5"): decimals, and another
            # delimiter splits the lines ("K1;03/01/2024;12,50;note" must not hand it the file).
            score -= 1.0
        if score > best_score:
            best, best_score, best_consistency = delim, score, consistency
    if best_consistency < 0.8:
        aligned = detect_aligned(nonblank)
        if aligned is not None:
            return aligned
    return best


def split_rows(lines: list[str], delimiter: str) -> list[list[str]]:
    """The sample lines split into fields (for header detection and previews)."""
    if delimiter in ALIGNED:
        return split_lines(lines, delimiter)
    # Read as one text, so a line break inside a quoted cell ("Montant\n(TTC)") stays in it.
    return [row for row in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)]


def open_stream(path: Path, compression: str | None, drop_nul: bool = False) -> pa.NativeFile:
    """A byte stream over the file, decompressed on the fly for a .gz; ``drop_nul``: without its
    NUL bytes (see :func:`has_nul`)."""
    stream = pa.input_stream(str(path), compression=compression)
    if drop_nul:
        return pa.lib.TransformInputStream(stream, _drop_nul)
    return stream


def _drop_nul(buffer: pa.Buffer) -> bytes:
    return bytes(buffer).replace(b"\x00", b"")


def has_nul(path: Path, encoding: str, compression: str | None) -> bool:
    """Whether the start of a text file (not UTF-16, whose characters hold NUL bytes) has NUL
    bytes: detect.sniff let a few through as text, and they are dropped as the file is read."""
    if encoding.lower().replace("-", "").startswith("utf16"):
        return False
    with pa.input_stream(str(path), compression=compression) as stream:
        return b"\x00" in stream.read(1 << 16)


class MalformedRows(Exception):
    """pyarrow met rows with a different number of fields; the exact Python reader takes over."""


def read_text_table(
    path: Path,
    *,
    encoding: str,
    delimiter: str,
    header_index: int,
    names: list[str],
    compression: str | None,
    nrows: int | None = None,
    check: Callable[[], None] | None = None,
    quoted: bool = True,
) -> tuple[pd.DataFrame, list[tuple[int, str]]]:
    """Read the data rows below the header as text columns.

    Returns the frame (columns ``names``, string dtype, empty cells as NA) with one row per record
    below the header, blank ones included, in file order: row ``i`` is record
    ``header_index + 1 + i`` (0-based). Records with more fields than the header are listed as
    (frame position, original text); their frame row holds their first fields, for the caller to exclude.
    pyarrow reads the file; when it meets such a record, the exact Python reader takes over.
    """
    if delimiter in ALIGNED:
        return read_aligned(path, encoding, delimiter, header_index, names, compression, nrows, check)
    nul = has_nul(path, encoding, compression)
    if nrows is None:
        try:
            return _read_pyarrow(path, encoding, delimiter, header_index, names, compression, quoted, nul), []
        except MalformedRows:
            pass
        except pa.ArrowInvalid as exc:
            # Invalid UTF-8 is the caller's business (it reads again as cp1252); anything else pyarrow
            # refuses (a header alone with no line end, odd quoting) the exact reader handles.
            if "UTF8" in str(exc) or "utf-8" in str(exc).lower():
                raise
    return _read_python(path, encoding, delimiter, header_index, names, compression, nrows, check, nul)


def _read_pyarrow(
    path: Path,
    encoding: str,
    delimiter: str,
    header_index: int,
    names: list[str],
    compression: str | None,
    quoted: bool = True,
    nul: bool = False,
) -> pd.DataFrame:
    malformed = []

    def handler(row: pacsv.InvalidRow) -> str:
        malformed.append(row)
        return "skip"

    enc = "utf8" if encoding in ("utf-8", "utf-8-sig") else encoding
    read_options = pacsv.ReadOptions(
        skip_rows=header_index + 1,
        column_names=names,
        encoding=enc,
        block_size=16 << 20,
    )
    parse_options = pacsv.ParseOptions(
        delimiter=delimiter,
        invalid_row_handler=handler,
        ignore_empty_lines=False,
        # Line breaks inside quoted values need a slower parser: only when the file has quotes. A
        # quoted line break missed this way shows as a malformed row, and the exact reader takes over.
        newlines_in_values=quoted,
    )
    convert_options = pacsv.ConvertOptions(
        column_types=dict.fromkeys(names, pa.large_string()),  # what pandas keeps: no copy later
        # Empty and blank cells are read as missing directly (no second pass over the table).
        null_values=["", " ", "  ", "\t"],
        strings_can_be_null=True,
        quoted_strings_can_be_null=True,
    )
    with open_stream(path, compression, nul) as stream:
        table = pacsv.read_csv(
            stream, read_options=read_options, parse_options=parse_options, convert_options=convert_options
        )
    if malformed:
        raise MalformedRows()
    frame = table.to_pandas(
        types_mapper={pa.large_string(): pd.StringDtype("pyarrow", na_value=float("nan"))}.get
    )
    # A UTF-8 BOM pyarrow kept in front of the very first field is not part of the data.
    return frame


def _read_python(
    path: Path,
    encoding: str,
    delimiter: str,
    header_index: int,
    names: list[str],
    compression: str | None,
    nrows: int | None,
    check: Callable[[], None] | None,
    nul: bool = False,
) -> tuple[pd.DataFrame, list[tuple[int, str]]]:
    """Exact, slower reader: every record kept in order, malformed ones reported with their text."""
    width = len(names)
    rows: list[list[str]] = []
    malformed: list[tuple[int, str]] = []
    raw = open_stream(path, compression, nul)
    with io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="") as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        for index, row in enumerate(_records(reader, path)):
            if index <= header_index:
                continue
            if nrows is not None and len(rows) + len(malformed) >= nrows:
                break
            if check is not None and index % 50_000 == 0:
                check()
            if len(row) == width:
                rows.append(row)
            elif len(row) < width:
                # A shorter record (trailing empty fields left out, a totals line): pad it.
                rows.append(row + [""] * (width - len(row)))
            elif not any(cell.strip() for cell in row[width:]):
                rows.append(row[:width])  # only empty extra fields (a trailing delimiter)
            else:
                malformed.append((index - header_index - 1, delimiter.join(row)))
                rows.append(row[:width])  # kept for display; the caller excludes it by position
    frame = (
        pd.DataFrame(rows, columns=names, dtype="str") if rows else pd.DataFrame(columns=names, dtype="str")
    )
    return frame, malformed


def _records(reader: Iterator[list[str]], path: Path) -> Iterator[list[str]]:
    """The reader's records; what the csv module cannot parse is reported as a damaged file."""
    try:
        yield from reader
    except csv.Error as exc:  # a NUL byte in a text file, for instance
        from segmenter_app.core.reading.detect import T as DETECT

        raise UserError(DETECT, "damaged", path=path.name, detail=technical(str(exc)[:200])) from None
