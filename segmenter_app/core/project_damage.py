"""What is wrong with a damaged project file, said in the user's words (never a Python error name).

:mod:`segmenter_app.core.project` raises its "damaged" message ("The project file ... is damaged
({detail}). Open an earlier copy, or redo the analysis from the original files.") with one of
these details, in the user's language: the file cut short, a part missing, corrupted or not
JSON, a manifest entry missing or of the wrong kind, a table that cannot be read, values of the
wrong kind. The helpers here read the archive's parts and turn their failures into those details.
"""

from __future__ import annotations

import json
import zipfile
import zlib
from pathlib import Path
from typing import Any

from segmenter_app.core.i18n import Messages, Phrase, group_digits

D = Messages(
    {
        "cut_short": (
            "it is cut short, as after an interrupted copy, download or save",
            "il est tronqué, comme après une copie, un téléchargement ou un enregistrement interrompu",
        ),
        "unreadable": (
            "it could not be read from the disk",
            "il n'a pas pu être lu sur le disque",
        ),
        "part_missing": ("its part {part} is missing", "il lui manque sa partie {part}"),
        "part_corrupt": (
            "its part {part} is corrupted",
            "sa partie {part} est altérée",
        ),
        "part_not_json": (
            "its part {part} is not valid JSON",
            "sa partie {part} n'est pas du JSON valide",
        ),
        "manifest_entry": (
            "its manifest has no valid '{entry}' entry",
            "son manifeste n'a pas d'entrée « {entry} » valide",
        ),
        "table_unreadable": (
            "its table {part} cannot be read",
            "sa table {part} est illisible",
        ),
        "table_unlisted": (
            "analysis.json refers to a table ({name}) the manifest does not list",
            "analysis.json renvoie à une table ({name}) que le manifeste ne mentionne pas",
        ),
        "too_many_parts": (
            "it holds {count} parts, more than the {limit} a project can have",
            "il contient {count} parties, plus que les {limit} qu'un projet peut avoir",
        ),
        "too_big": (
            "it would expand to {size} MiB, past the safety limit of {limit} MiB",
            "il se décompresserait en {size} Mio, au-delà de la limite de sécurité de {limit} Mio",
        ),
        "part_too_big": (
            "its part {part} would expand {ratio} times, past the safety limit",
            "sa partie {part} se décompresserait {ratio} fois, au-delà de la limite de sécurité",
        ),
        "wrong_values": (
            "its part analysis.json holds values of the wrong kind",
            "sa partie analysis.json contient des valeurs du mauvais type",
        ),
    }
)

# Limits against hostile archives (a zip bomb would fill the disk or the memory).
MAX_MEMBERS = 1000
MAX_TOTAL_BYTES = 32 * 1024**3
MAX_RATIO = 200  # uncompressed / compressed for members over 10 MiB
# What reading one member of a zip raises when its bytes are damaged (a wrong CRC, a broken
# deflate stream, an end of file in the middle, a compression method nobody wrote).
CORRUPT = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError)
# Names save_project writes first: a file starting with one is a project, even cut short.
FIRST_PARTS = ("manifest.json", "analysis.json", "tables/")


def detail(key: str, **params: object) -> Phrase:
    """One of the details above, rendered in the language of the message it fills (whole
    numbers with the language's digit grouping)."""

    def render(lang: str) -> str:
        shown = {k: group_digits(v, lang) if isinstance(v, int) else v for k, v in params.items()}
        return D(key, lang, **shown)

    return Phrase(render)


class Damaged(Exception):
    """A part of the archive is unusable; ``detail`` says which and how."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.detail = detail(key, **params)


def looks_cut_short(path: Path) -> bool:
    """True when ``path`` starts like a project archive (a zip whose first member is one of the
    parts :func:`save_project` writes first) although it cannot be opened as a zip: the end,
    where a zip lists its members, is missing."""
    try:
        with path.open("rb") as fh:
            head = fh.read(30 + 64)
    except OSError:
        return False
    if len(head) < 30 or not head.startswith(b"PK\x03\x04"):
        return False
    length = int.from_bytes(head[26:28], "little")
    name = head[30 : 30 + length].decode("utf-8", errors="replace")
    return name.startswith(FIRST_PARTS)


def read_part(zf: zipfile.ZipFile, name: str) -> bytes:
    """The bytes of the member ``name``; :class:`Damaged` when it is missing or corrupted."""
    try:
        return zf.read(name)
    except KeyError:
        raise Damaged("part_missing", part=name) from None
    except CORRUPT:
        raise Damaged("part_corrupt", part=name) from None


def json_part(zf: zipfile.ZipFile, name: str) -> Any:
    """The member ``name`` decoded as UTF-8 JSON; :class:`Damaged` when it is not."""
    data = read_part(zf, name)
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise Damaged("part_not_json", part=name) from None


def check_tables(manifest: dict[str, Any]) -> None:
    """:class:`Damaged` when the manifest's ``tables`` entry is not one description per table,
    each naming its file (the loader relies on it)."""
    tables = manifest.get("tables", {})
    if not isinstance(tables, dict):
        raise Damaged("manifest_entry", entry="tables")
    for meta in tables.values():
        if not isinstance(meta, dict) or not isinstance(meta.get("file"), str):
            raise Damaged("manifest_entry", entry="tables")
        if not isinstance(meta.get("dtypes", []), list) or not isinstance(meta.get("json_columns", []), list):
            raise Damaged("manifest_entry", entry="tables")
        if not isinstance(meta.get("missing", {}), dict):
            raise Damaged("manifest_entry", entry="tables")


def check_archive(zf: zipfile.ZipFile) -> None:
    """:class:`Damaged` for an archive that would expand beyond reason (a zip bomb)."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise Damaged("too_many_parts", count=len(infos), limit=MAX_MEMBERS)
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_BYTES:
        raise Damaged("too_big", size=total // 1024**2, limit=MAX_TOTAL_BYTES // 1024**2)
    for info in infos:
        if info.file_size > 10 * 1024**2 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise Damaged(
                "part_too_big", part=info.filename, ratio=info.file_size // max(info.compress_size, 1)
            )
