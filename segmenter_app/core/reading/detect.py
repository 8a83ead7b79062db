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

from segmenter_app.core.i18n import Messages, Phrase, UserError, group_digits
from segmenter_app.core.reading.details import technical

T = Messages(
    {
        "missing": (
            "The file {path} does not exist. Check the path and try again.",
            "Le fichier {path} n'existe pas. Vérifiez le chemin et réessayez.",
        ),
        "folder": (
            "{path} is a folder, not a file. Give the path of the CSV or Excel file inside it.",
            "{path} est un dossier, pas un fichier. Donnez le chemin du fichier CSV ou Excel qu'il contient.",
        ),
        "not_regular": (
            "{path} is not an ordinary file (a pipe, a device or a socket), so it cannot be read as an "
            "export. Save the data to a CSV or Excel file and give that file.",
            "{path} n'est pas un fichier ordinaire (un tube, un périphérique ou un socket) : il ne peut "
            "pas être lu comme un export. Enregistrez les données dans un fichier CSV ou Excel et "
            "donnez ce fichier.",
        ),
        "bad_name": (
            "The name of the file {path} is not readable text (it was written by another system's "
            "character set). Rename the file, for example without accents, and give it again.",
            "Le nom du fichier {path} n'est pas un texte lisible (il a été écrit dans le jeu de "
            "caractères d'un autre système). Renommez le fichier, par exemple sans accents, et "
            "donnez-le à nouveau.",
        ),
        "empty": (
            "The file {path} holds no data (it is empty or has only blank lines). Export the data again "
            "from your software.",
            "Le fichier {path} ne contient aucune donnée (il est vide ou n'a que des lignes blanches). "
            "Exportez à nouveau les données depuis votre logiciel.",
        ),
        "encrypted": (
            "The file {path} is protected by a password. Open it in Excel or LibreOffice, remove the "
            "password (File > Info > Protect workbook), save it, and import it again.",
            "Le fichier {path} est protégé par un mot de passe. Ouvrez-le dans Excel ou LibreOffice, "
            "retirez le mot de passe (Fichier > Informations > Protéger le classeur), enregistrez-le "
            "et importez-le à nouveau.",
        ),
        "damaged": (
            "The file {path} is damaged or incomplete ({detail}). Export or download it again.",
            "Le fichier {path} est endommagé ou incomplet ({detail}). Exportez-le ou téléchargez-le à "
            "nouveau.",
        ),
        "too_big": (
            "The file {path} expands to more than the safety limit ({detail}); it may be a "
            "malicious archive. Save it again from your spreadsheet software, or split it.",
            "Le fichier {path} se décompresse au-delà de la limite de sécurité ({detail}) ; il s'agit "
            "peut-être d'une archive malveillante. Enregistrez-le à nouveau depuis votre tableur, ou "
            "découpez-le.",
        ),
        "xml_entities": (
            "The file {path} contains XML entity declarations, which spreadsheets never write; it may be "
            "a malicious file and was not opened. Save it again from Excel or LibreOffice if you trust it.",
            "Le fichier {path} contient des déclarations d'entités XML, qu'un tableur n'écrit jamais ; il "
            "s'agit peut-être d'un fichier malveillant et il n'a pas été ouvert. Enregistrez-le à nouveau "
            "depuis Excel ou LibreOffice si vous en êtes sûr.",
        ),
        "binary": (
            "The file {path} is not a spreadsheet or a text export: it holds binary data (an image, a "
            "PDF or a program, for instance). Export your data as CSV or Excel (XLSX) and import that file.",
            "Le fichier {path} n'est ni un tableur ni un export texte : il contient des données binaires "
            "(une image, un PDF ou un programme, par exemple). Exportez vos données en CSV ou en Excel "
            "(XLSX) et importez ce fichier.",
        ),
        "zip_archive": (
            "The file {path} is a ZIP archive (holding {names}), not a spreadsheet. Extract it and import "
            "the CSV or Excel file it holds, or export your data as CSV or Excel (XLSX).",
            "Le fichier {path} est une archive ZIP (contenant {names}), pas un classeur. Décompressez-la "
            "et importez le fichier CSV ou Excel qu'elle contient, ou exportez vos données en CSV ou en "
            "Excel (XLSX).",
        ),
        "document": (
            "The file {path} is a {app} document, not a spreadsheet. Copy its table into a spreadsheet "
            "and save it as Excel (XLSX) or CSV, or export your data from your software as CSV or Excel.",
            "Le fichier {path} est un document {app}, pas un classeur. Copiez son tableau dans un tableur "
            "et enregistrez-le en Excel (XLSX) ou CSV, ou exportez vos données depuis votre logiciel en "
            "CSV ou en Excel.",
        ),
        "html": (
            "The file {path} is a web page (HTML), not a spreadsheet, even if its name ends in .xls or "
            ".csv. Open it in Excel or LibreOffice and save it as Excel (XLSX), or export your data "
            "as CSV.",
            "Le fichier {path} est une page web (HTML), pas un classeur, même si son nom finit par .xls "
            "ou .csv. Ouvrez-le dans Excel ou LibreOffice et enregistrez-le en Excel (XLSX), ou exportez "
            "vos données en CSV.",
        ),
        "xml_spreadsheet": (
            "The file {path} is an Excel 2003 XML spreadsheet, a format that is not read here. Open it "
            "in Excel or LibreOffice and save it as Excel (XLSX).",
            "Le fichier {path} est un classeur XML Excel 2003, un format qui n'est pas lu ici. Ouvrez-le "
            "dans Excel ou LibreOffice et enregistrez-le en Excel (XLSX).",
        ),
        "xml": (
            "The file {path} is an XML document, not a table. Export your data as CSV or Excel (XLSX) "
            "and import that file.",
            "Le fichier {path} est un document XML, pas un tableau. Exportez vos données en CSV ou en "
            "Excel (XLSX) et importez ce fichier.",
        ),
        "project": (
            "The file {path} is a Segmenter project, not a sales or results export. Open it in "
            "Segmenter's window, or give it to 'segmenter measure' as PROJECT (its first file).",
            "Le fichier {path} est un projet Segmenter, pas un export de ventes ou de résultats. "
            "Ouvrez-le dans la fenêtre de Segmenter, ou donnez-le à « segmenter measure » comme premier fichier "
            "(PROJECT).",
        ),
        "compressed": (
            "The file {path} is compressed ({kind}), not a spreadsheet. Extract it first (with 7-Zip "
            "or your system's archive tool) and import the CSV or Excel file it holds.",
            "Le fichier {path} est compressé ({kind}), ce n'est pas un classeur. Décompressez-le "
            "d'abord (avec 7-Zip ou l'outil d'archives de votre système) et importez le fichier CSV ou "
            "Excel qu'il contient.",
        ),
        "json": (
            "The file {path} is a JSON file (data for programs), not a table. Export your data as CSV "
            "or Excel (XLSX), or open the file in Excel (Data > Get Data > From JSON) and save it as XLSX.",
            "Le fichier {path} est un fichier JSON (des données pour les programmes), pas un tableau. "
            "Exportez vos données en CSV ou en Excel (XLSX), ou ouvrez le fichier dans Excel (Données > "
            "Obtenir des données > À partir d'un fichier JSON) et enregistrez-le en XLSX.",
        ),
        "flat_ods": (
            "The file {path} is a flat OpenDocument spreadsheet (.fods), a format that is not read here. "
            "Open it in LibreOffice Calc and save it as an ODS or Excel (XLSX) file.",
            "Le fichier {path} est un classeur OpenDocument à plat (.fods), un format qui n'est pas lu "
            "ici. Ouvrez-le dans LibreOffice Calc et enregistrez-le en ODS ou en Excel (XLSX).",
        ),
        "sheet_extent": (
            "A sheet of {path} has values from A1 to {cell} ({rows} rows by {columns} columns, most of them "
            "empty), too large to read: a value was typed far below or right of the table. In Excel, "
            "press Ctrl+End to reach it, delete the rows and columns past the table, save, and import "
            "the file again.",
            "Une feuille de {path} a des valeurs de A1 à {cell} ({rows} lignes sur {columns} colonnes, "
            "vides pour la plupart), trop grande pour être lue : une valeur a été saisie loin sous le "
            "tableau ou à sa droite. Dans Excel, appuyez sur Ctrl+Fin pour l'atteindre, supprimez les "
            "lignes et les colonnes au-delà du tableau, enregistrez, puis importez à nouveau le fichier.",
        ),
        "unsupported": (
            "The file {path} is not a spreadsheet or a text export ({detail}). Export your data as "
            "CSV or Excel (XLSX) and import that file.",
            "Le fichier {path} n'est ni un tableur ni un export texte ({detail}). Exportez vos données "
            "en CSV ou en Excel (XLSX) et importez ce fichier.",
        ),
    }
)

# Safety caps for ZIP-based files (XLSX, ODS), checked before parsing.
MAX_ENTRIES = 10_000
MAX_TOTAL_UNCOMPRESSED = 4 * 1024**3  # 4 GiB: a million-row sheet is a few hundred MB
MAX_RATIO = 200  # XML compresses 5-30x; bombs 1000x and more
RATIO_MIN_SIZE = 10 * 1024**2  # the ratio is only checked on entries expanding past 10 MiB
# A .csv.gz is held to the same caps (text compresses 4-15x; a gzip bomb about 1000x).
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
