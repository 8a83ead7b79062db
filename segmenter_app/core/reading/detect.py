"""What a file is, from its first bytes (never from its extension), and whether it is safe to open.

Text (CSV/TSV/semicolon, possibly gzip-compressed), XLSX/XLSM and ODS (ZIP archives, checked for
size, compression ratio and entry count before any parser sees them), XLS (OLE2 compound file),
and the Office files that cannot be read: password-protected (an OLE2 file holding an
``EncryptedPackage``), truncated or damaged archives, empty files.
"""

from __future__ import annotations

import gzip
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from segmenter_app.core.i18n import UserError
from segmenter_app.core.reading.archive_checks import (
    MAX_RATIO,
    MAX_TOTAL_UNCOMPRESSED,
    RATIO_MIN_SIZE,
    check_no_dtd,
    check_sheet_extents,
    check_zip_caps,
)
from segmenter_app.core.reading.details import technical
from segmenter_app.core.reading.detect_messages import T

__all__ = ["Sniffed", "T", "check_regular_file", "check_sheet_extents", "sniff"]


# A .csv.gz is held to the same caps as a workbook (text compresses 4-15x; a gzip bomb about 1000x).
_INFLATE_CHUNK = 1 << 22

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
GZIP_MAGIC = b"\x1f\x8b"


@dataclass
class Sniffed:
    """What a file turned out to be."""

    format: str  # "csv", "xlsx", "xls", "ods"
    compression: str | None = None  # "gzip" for a .csv.gz
    macro_enabled: bool = False
    head: bytes = b""  # the first bytes of the (decompressed) content, for text sniffing
    details: dict = field(default_factory=dict)


def sniff(path: str | Path) -> Sniffed:
    """Detect the file's format from its content and run the safety checks; raise UserError if unusable."""
    p = Path(path)
    check_regular_file(p)
    if p.stat().st_size == 0:
        raise UserError(T, "empty", path=p.name)
    with p.open("rb") as fh:
        head = fh.read(1 << 16)
        if not head.startswith((GZIP_MAGIC, OLE2_MAGIC, b"PK")):
            head = _complete_lines(fh, head)
    if head.startswith(GZIP_MAGIC):
        check_gzip_size(p)
        try:
            with gzip.open(p, "rb") as gz:
                inner = gz.read(1 << 20)
        except (OSError, EOFError) as exc:
            raise UserError(T, "damaged", path=p.name, detail=technical(str(exc) or "gzip")) from None
        if not inner.strip():
            raise UserError(T, "empty", path=p.name)
        if inner.startswith((ZIP_MAGIC, OLE2_MAGIC)):  # a workbook compressed again: say so
            raise UserError(T, "compressed", path=p.name, kind="gzip")
        return Sniffed("csv", compression="gzip", head=inner)
    if head.startswith(OLE2_MAGIC):
        return _sniff_ole2(p, head)
    if head.startswith(ZIP_MAGIC) or head.startswith(b"PK"):
        return _sniff_zip(p)
    if not head.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise UserError(T, "empty", path=p.name)
    for magic, kind in _COMPRESSED:
        if magic.match(head):
            raise UserError(T, "compressed", path=p.name, kind=kind)
    if head.startswith(b"%PDF-"):
        # A PDF's first kilobytes can be plain text (its objects before the first stream): read as
        # CSV it gave "no customer column", not what the file is.
        raise UserError(T, "binary", path=p.name)
    if _looks_binary(head):
        raise UserError(T, "binary", path=p.name)
    markup = _markup_kind(head)
    if markup is not None:
        raise UserError(T, markup, path=p.name)
    if b"\x00" in head and not _utf16_like(head[:4096]):
        # A few NUL bytes in a text export (a till's padded fields, zeros a crash left at the end):
        # never data; the text readers drop them too (see text.read_text_table).
        return Sniffed("csv", head=head.replace(b"\x00", b""), details={"nul": True})
    return Sniffed("csv", head=head)


def check_regular_file(p: Path) -> None:
    """Refuse a path that is missing, a folder, or not an ordinary file (a FIFO would block the
    read forever, a device would give endless bytes), or whose name is not valid text."""
    if p.is_file():
        check_name_is_text(p)
        return
    if p.is_dir():
        raise UserError(T, "folder", path=str(p))
    if p.exists():
        raise UserError(T, "not_regular", path=str(p))
    raise UserError(T, "missing", path=str(p))


def check_name_is_text(p: Path) -> None:
    """Refuse a file whose name is not valid UTF-8 (written by an older system or copied from an
    old disk: "ventes\\xe9.csv"): the readers cannot open it (they stopped with an internal
    error after reading it for ever, retrying another encoding)."""
    try:
        str(p).encode("utf-8")
    except UnicodeEncodeError:
        shown = str(p).encode("utf-8", "replace").decode("utf-8")
        raise UserError(T, "bad_name", path=shown) from None


_GZIP_CHECKED: dict[tuple, None] = {}  # files already inflated once in this process (by identity)


def check_gzip_size(p: Path) -> None:
    """Refuse a gzip file that inflates past the caps of the ZIP archives (a gzip bomb), before
    any reader holds its text: more than :data:`MAX_TOTAL_UNCOMPRESSED`, or past
    :data:`RATIO_MIN_SIZE` with more than :data:`MAX_RATIO` times the file's size.

    The trailer's size field cannot be trusted (modulo 4 GiB, per member, and written by whoever
    made the file), so the file is inflated once, by chunks, counting and discarding the output
    (about 0.2 s for the 48 MB of text of a 7.6 MB export); it stops as soon as a cap is passed.
    """
    stat = p.stat()
    key = (str(p.resolve()), stat.st_size, stat.st_mtime_ns, stat.st_ino)
    if key in _GZIP_CHECKED:
        return
    limit = MAX_TOTAL_UNCOMPRESSED
    if stat.st_size * MAX_RATIO < limit:
        limit = max(RATIO_MIN_SIZE, stat.st_size * MAX_RATIO)
    inflated = 0
    inflater = zlib.decompressobj(wbits=31)
    pending = b""
    with p.open("rb") as fh:
        while True:
            data = inflater.unconsumed_tail or pending or fh.read(1 << 16)
            pending = b""
            if not data:
                break
            try:
                inflated += len(inflater.decompress(data, _INFLATE_CHUNK))
            except zlib.error:
                return  # damaged, or trailing bytes after a member: the reader has the last word
            if inflated > limit:
                detail = f"{max(1, stat.st_size // 1024)} KiB → > {limit // 1024**2} MiB"
                raise UserError(T, "too_big", path=p.name, detail=technical(detail))
            if inflater.eof:  # a further member (cat a.gz b.gz) starts a new stream
                pending = inflater.unused_data
                inflater = zlib.decompressobj(wbits=31)
    _GZIP_CHECKED[key] = None


# Compressed files other than gzip (which is read), by their first bytes.
_COMPRESSED = (
    (re.compile(rb"BZh[1-9]1AY&SY"), "bzip2"),
    (re.compile(re.escape(b"\xfd7zXZ\x00")), "xz"),
    (re.compile(re.escape(b"7z\xbc\xaf\x27\x1c")), "7z"),
    (re.compile(re.escape(b"Rar!\x1a\x07")), "RAR"),
    (re.compile(re.escape(b"\x28\xb5\x2f\xfd")), "zstd"),
)
# A JSON document: an object, or an array of objects, arrays or strings. A CSV line starts
# with neither "{" nor "[" followed by these ("[Order],[Date]" is a header, not JSON).
_JSON = re.compile(rb'(?:\{\s*(?:"|\})|\[\s*(?:\{|\[|"|\]))')


def _markup_kind(head: bytes) -> str | None:
    """ "html", "xml_spreadsheet", "flat_ods", "xml" or "json" for text that is markup or data
    for programs rather than a table of values.

    Many web tools export an HTML table named ``.xls``, and Excel 2003 saved "XML Spreadsheet"
    files; read as CSV they would give one column of tags. Shop platforms' APIs give JSON.
    """
    probe = head[:4096].replace(b"\x00", b"").lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").lower()
    if probe.startswith((b"<!doctype html", b"<html", b"<table", b"<meta", b"<head", b"<body")):
        return "html"
    if probe.startswith(b"<?xml") or probe.startswith(b"<workbook") or probe.startswith(b"<office:"):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in probe or b"<workbook" in probe:
            return "xml_spreadsheet"
        if b"<office:document" in probe and b"opendocument.spreadsheet" in probe:
            return "flat_ods"
        return "html" if b"<html" in probe else "xml"  # XHTML opens with an XML declaration
    # A page saved by a browser or an old tool opens with a comment ("<!-- saved from url=...
    # -->") or a style sheet before its <html> or <table>.
    if probe.startswith(b"<") and (b"<html" in probe or b"<table" in probe):
        return "html"
    if _JSON.match(probe):
        return "json"
    return None


MAX_HEAD = 16 << 20  # how far to read for the first lines (a header of thousands of columns)


def _complete_lines(fh: BinaryIO, head: bytes) -> bytes:
    """The sample extended, 64 KiB at a time, until it holds the header and a first data row.

    Only for lines longer than the usual sample; it stops as soon as two lines are complete, so a
    monster line further down does not take over the sample.
    """
    while (head.count(b"\n") or head.count(b"\r")) < 2 and len(head) < MAX_HEAD:
        more = fh.read(1 << 16)
        if not more:
            break
        head += more
    return head


def _utf16_like(sample: bytes) -> bool:
    """UTF-16 without BOM: a NUL every other byte."""
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(even, odd) > len(sample) * 0.3 and min(even, odd) < len(sample) * 0.05


def _looks_binary(head: bytes) -> bool:
    """NUL bytes outside a UTF-16 text, or many control characters.

    A text with a few NUL bytes (at most 2 % of the sample or 8, or only as padding at its end)
    and no other control characters is still text: tills pad fixed-width fields with NULs, and a file
    copied from a crashed disk ends with zeros. Images, PDFs and programs show other control bytes
    beside their NULs."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    sample = head[:4096]
    nul = sample.count(0)
    if nul and _utf16_like(sample):
        return False
    if nul:
        text = sample.replace(b"\x00", b"")
        others = sum(1 for b in text if b < 9 or (13 < b < 32 and b != 26))  # 26: DOS end of file
        padding = b"\x00" not in sample.rstrip(b"\x00")
        few = padding or nul <= max(len(sample) * 0.02, 8)
        return not (text.strip() and few and others <= len(text) * 0.005)
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > len(sample) * 0.05


def _sniff_ole2(p: Path, head: bytes) -> Sniffed:
    """An OLE2 compound file: a legacy XLS, or an encrypted XLSX (OOXML wrapped in OLE2)."""
    with p.open("rb") as fh:
        data = fh.read(min(p.stat().st_size, 8 << 20))
    if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
        raise UserError(T, "encrypted", path=p.name)
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return Sniffed("xls")
    for stream, app in (("WordDocument", "Word"), ("PowerPoint Document", "PowerPoint")):
        if stream.encode("utf-16-le") in data:
            raise UserError(T, "document", path=p.name, app=app)
    raise UserError(
        T, "unsupported", path=p.name, detail=technical("OLE2 file without a workbook (Word? Outlook?)")
    )


def _sniff_zip(p: Path) -> Sniffed:
    """A ZIP archive: XLSX/XLSM or ODS, after checking it cannot expand into a bomb."""
    try:
        with zipfile.ZipFile(p) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            if len(names) < len(infos):
                # Two parts of one name: readers disagree on which one counts (Python's and
                # calamine's take the last, others the first), so what Excel shows may not be
                # what would be segmented. Office never writes such an archive.
                seen: set[str] = set()
                twice = next(i.filename for i in infos if i.filename in seen or seen.add(i.filename))
                raise UserError(T, "damaged", path=p.name, detail=technical(f"two entries named {twice}"))
            check_zip_caps(p.name, infos)
            check_no_dtd(p.name, zf, infos)
            if "xl/workbook.xml" in names or any(n.startswith("xl/") for n in names):
                if "xl/workbook.xml" not in names:
                    raise UserError(T, "damaged", path=p.name, detail=technical("xl/workbook.xml missing"))
                check_sheet_extents(p, zf, infos)
                return Sniffed("xlsx", macro_enabled="xl/vbaProject.bin" in names)
            if "mimetype" in names:
                mimetype = zf.read("mimetype")[:200]
                if b"opendocument.spreadsheet" in mimetype:
                    if "content.xml" not in names:
                        raise UserError(T, "damaged", path=p.name, detail=technical("content.xml missing"))
                    return Sniffed("ods")
            if "manifest.json" in names and "analysis.json" in names:
                # Segmenter's own project: "extract it" (the ZIP advice) would be no help.
                raise UserError(T, "project", path=p.name)
            for folder, app in _DOCUMENTS.items():
                if any(n.startswith(folder) for n in names):
                    raise UserError(T, "document", path=p.name, app=app)
            if "mimetype" in names and b"opendocument" in zf.read("mimetype")[:200]:
                raise UserError(T, "document", path=p.name, app="OpenDocument")
            files = sorted(n.rsplit("/", 1)[-1] for n in names if not n.endswith("/"))
            if not files:  # an empty archive: nothing to extract
                raise UserError(T, "empty", path=p.name)
            shown = ", ".join(files[:5]) + (", …" if len(files) > 5 else "")
            raise UserError(T, "zip_archive", path=p.name, names=shown or "-")
    except (zipfile.BadZipFile, zlib.error, NotImplementedError) as exc:
        raise UserError(T, "damaged", path=p.name, detail=technical(str(exc))) from None
    except (OSError, EOFError, ValueError, KeyError, RuntimeError) as exc:
        raise UserError(T, "damaged", path=p.name, detail=technical(str(exc) or "read error")) from None


# Office Open XML files that are not workbooks, by the folder of their main part.
_DOCUMENTS = {"word/": "Word", "ppt/": "PowerPoint", "visio/": "Visio"}
