"""The project file: the whole :class:`Analysis` saved to one file and opened again identically.

Format (``.segmenter``, a zip archive; no pickle anywhere, so opening a file from elsewhere
cannot run code):

- ``manifest.json``: ``format`` ("segmenter-project"), ``version`` (:data:`FORMAT_VERSION`),
  the app version that wrote it, when, and one entry per table (file, rows, how its columns were
  stored);
- ``analysis.json``: every field of the analysis (inputs with their fingerprints and mappings,
  row account, analysis date, criteria, method, parameters and details, edits, plans, control
  share and seed, measurements...), with tagged values for what JSON lacks (timestamps, tuples,
  dicts with non-text keys, dataclasses of the analysis) and references to the tables;
- ``tables/*.parquet``: every table (transactions, customer attributes, excluded rows, customer
  table, segment assignments with the control flags, segment list), with their dtypes and index.

Saving writes a temporary file beside the target and moves it into place, so an interrupted save
never leaves half a project. A file written by an older format version is migrated step by step
(:data:`MIGRATIONS`); a newer or unknown one is refused with a message saying what to do.
"""

from __future__ import annotations

import errno
import json
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from segmenter_app import __version__
from segmenter_app.core import project_damage as damage
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.file_mode import new_file_mode
from segmenter_app.core.i18n import Messages, Phrase, UserError

# How values and tables are written (project_codec.py); the private names keep this module's own.
from segmenter_app.core.project_codec import Decoder as _Decoder
from segmenter_app.core.project_codec import Encoder as _Encoder
from segmenter_app.core.project_codec import table_bytes as _table_bytes
from segmenter_app.core.project_codec import table_from_bytes as _table_from_bytes

FORMAT_NAME = "segmenter-project"
FORMAT_VERSION = 1
OLDEST_SUPPORTED = 1
SUFFIX = ".segmenter"
# Migrations from version v to v + 1, applied to the decoded JSON of analysis.json and manifest.
MIGRATIONS: dict[int, Callable[[dict[str, Any], dict[str, Any]], None]] = {}

P = Messages(
    {
        "not_project": (
            "'{path}' is not a Segmenter project file. Open a file saved by Segmenter (.segmenter).",
            "« {path} » n'est pas un fichier de projet Segmenter. Ouvrez un fichier enregistré par Segmenter (.segmenter).",
        ),
        "missing": (
            "The project file '{path}' does not exist. Check the name and the folder.",
            "Le fichier de projet « {path} » n'existe pas. Vérifiez le nom et le dossier.",
        ),
        "newer": (
            "'{path}' was saved by a newer version of Segmenter ({app}, project format {version}). Update Segmenter to open it.",
            "« {path} » a été enregistré par une version plus récente de Segmenter ({app}, format de projet {version}). Mettez Segmenter à jour pour l'ouvrir.",
        ),
        "too_old": (
            "'{path}' was saved by an old version of Segmenter (project format {version}) that this version can no longer open. Open it with Segmenter {app} or earlier, or redo the analysis from the original files.",
            "« {path} » a été enregistré par une ancienne version de Segmenter (format de projet {version}) que cette version ne sait plus ouvrir. Ouvrez-le avec Segmenter {app} ou antérieur, ou refaites l'analyse à partir des fichiers d'origine.",
        ),
        "damaged": (
            "The project file '{path}' is damaged ({detail}). Open an earlier copy, or redo the analysis from the original files.",
            "Le fichier de projet « {path} » est endommagé ({detail}). Ouvrez une copie antérieure, ou refaites l'analyse à partir des fichiers d'origine.",
        ),
        "is_input": (
            "'{path}' is one of the analysis' input files: choose another name for the project, so the original data is never overwritten.",
            "« {path} » est l'un des fichiers d'entrée de l'analyse : choisissez un autre nom pour le projet, afin de ne jamais écraser les données d'origine.",
        ),
        "is_folder_open": (
            "'{path}' is a folder, not a project file. Give the path of the .segmenter file saved by Segmenter.",
            "« {path} » est un dossier, pas un fichier de projet. Donnez le chemin du fichier .segmenter enregistré par Segmenter.",
        ),
        "is_folder": (
            "'{path}' is a folder. Choose a file name for the project.",
            "« {path} » est un dossier. Choisissez un nom de fichier pour le projet.",
        ),
        "special": (
            "'{path}' is not an ordinary file but a device or a pipe, which saving would replace. Choose a file name for the project, ending in .segmenter.",
            "« {path} » n'est pas un fichier ordinaire mais un périphérique ou un tube, que l'enregistrement remplacerait. Choisissez un nom de fichier pour le projet, terminé par .segmenter.",
        ),
        "disk_full": (
            "The project could not be saved to '{path}': the disk is full. Free some space or choose another folder; the previous copy, if any, is unchanged.",
            "Le projet n'a pas pu être enregistré dans « {path} » : le disque est plein. Libérez de la place ou choisissez un autre dossier ; la copie précédente, s'il y en a une, est intacte.",
        ),
        "read_only": (
            "The project could not be saved to '{path}': the disk is read-only. Choose a folder on another disk; the previous copy, if any, is unchanged.",
            "Le projet n'a pas pu être enregistré dans « {path} » : le disque est en lecture seule. Choisissez un dossier sur un autre disque ; la copie précédente, s'il y en a une, est intacte.",
        ),
        "denied": ("permission denied", "permission refusée"),
        "file_in_the_way": (
            "a file has the name of one of its folders",
            "un fichier porte le nom d'un de ses dossiers",
        ),
        "name_too_long": ("the name is too long", "le nom est trop long"),
        "cannot_write": (
            "The project could not be saved to '{path}' ({detail}). Close it if another program has it open, or choose another folder.",
            "Le projet n'a pas pu être enregistré dans « {path} » ({detail}). Fermez-le s'il est ouvert dans un autre programme, ou choisissez un autre dossier.",
        ),
    }
)

# --- Save / load ----------------------------------------------------------------------------------


def save_project(analysis: Analysis, path: str | os.PathLike[str]) -> Path:
    """Save the whole analysis to ``path`` (atomic); returns the resolved path.

    Sets ``analysis.project_path``. Refuses to overwrite one of the analysis' input files.
    """
    target = Path(path).expanduser().resolve()
    for item in analysis.inputs:
        try:
            if item.path and Path(item.path).resolve() == target:
                raise UserError(P, "is_input", path=str(target))
        except OSError:
            continue
    analysis.project_path = str(target)
    encoder = _Encoder()
    body = encoder.encode(analysis, "analysis")
    tables_meta: dict[str, Any] = {}
    blobs: dict[str, bytes] = {}
    for name, frame in encoder.tables.items():
        data, meta = _table_bytes(frame)
        meta["file"] = f"tables/{name}.parquet"
        tables_meta[name] = meta
        blobs[meta["file"]] = data
    manifest = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "app_version": __version__,
        "saved_at": pd.Timestamp.now(tz="UTC").floor("s").isoformat(),
        "tables": tables_meta,
        "lossy": encoder.lossy,
    }
    if target.is_dir():
        raise UserError(P, "is_folder", path=str(target))
    if target.exists() and not target.is_file():
        # A device or a pipe: the move into place would replace the device itself.
        raise UserError(P, "special", path=str(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:  # a read-only place, or one where files cannot be made (/proc)
        raise _save_error(target, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("manifest.json", _json_text(manifest, indent=1))
            zf.writestr("analysis.json", _json_text(body))
            for name, data in blobs.items():
                zf.writestr(zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0)), data, zipfile.ZIP_STORED)
        _ordinary_mode(target, Path(tmp))
        os.replace(tmp, target)
    except OSError as exc:  # permission, disk full...
        Path(tmp).unlink(missing_ok=True)
        raise _save_error(target, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _json_text(value: Any, indent: int | None = None) -> str:
    """``value`` as JSON text that UTF-8 can hold: a file name that is not valid UTF-8 (an old
    system's "\xe9", kept by Python as a lone surrogate) is written escaped, and read back as
    the same name."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(value, ensure_ascii=True, indent=indent)
    return text


def _save_error(target: Path, exc: OSError) -> UserError:
    """What to say when saving failed: a full or read-only disk as such ("close it in another
    program" would mislead), else the system's own words ("Permission denied"), never a Python
    error name."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return UserError(P, "disk_full", path=str(target))
    if exc.errno == errno.EROFS:
        return UserError(P, "read_only", path=str(target))
    key = _SAVE_ERRORS.get(exc.errno or 0)
    if key is not None:  # said in the user's language, not in the system's English
        return UserError(P, "cannot_write", path=str(target), detail=Phrase(lambda lang: P(key, lang)))
    words = exc.strerror or (os.strerror(exc.errno) if exc.errno else "?")
    return UserError(P, "cannot_write", path=str(target), detail=words)


_SAVE_ERRORS = {
    errno.EACCES: "denied",
    errno.EPERM: "denied",
    # A file where a folder of the path should be ("shop.csv/project.segmenter").
    errno.EEXIST: "file_in_the_way",
    errno.ENOTDIR: "file_in_the_way",
    errno.ENAMETOOLONG: "name_too_long",
}


def _ordinary_mode(target: Path, tmp: Path) -> None:
    """The permissions the saved project gets: those of the file it replaces, else the usual ones
    for a new file (mkstemp makes the temporary file private, which turned a shared project
    folder's files unreadable to the others, and the exports beside it are not)."""
    # Never os.umask to read the umask: setting it, even briefly, races with other threads.
    mode = target.stat().st_mode & 0o777 if target.is_file() else new_file_mode(target.parent)
    os.chmod(tmp, mode)


def read_manifest(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The manifest of a project file (format, version, app version, tables), checked.

    Raises ``UserError``: "not_project" for a file that is not a Segmenter project, "damaged"
    with what is wrong (cut short, a part missing or corrupted, a manifest entry missing...).
    """
    p = Path(path)
    if not p.exists():
        raise UserError(P, "missing", path=str(p))
    if p.is_dir():
        raise UserError(P, "is_folder_open", path=str(p))
    if not p.is_file():  # a pipe would block the open for ever, a device give endless bytes
        raise UserError(P, "not_project", path=str(p))
    try:
        with zipfile.ZipFile(p) as zf:
            damage.check_archive(zf)  # a zip bomb would fill the disk or the memory
            if "manifest.json" not in zf.namelist() and "analysis.json" not in zf.namelist():
                raise UserError(P, "not_project", path=str(p))  # some other zip
            manifest = damage.json_part(zf, "manifest.json")
    except zipfile.BadZipFile:
        if damage.looks_cut_short(p):
            raise UserError(P, "damaged", path=str(p), detail=damage.detail("cut_short")) from None
        raise UserError(P, "not_project", path=str(p)) from None
    except damage.Damaged as exc:
        raise UserError(P, "damaged", path=str(p), detail=exc.detail) from None
    except OSError:
        raise UserError(P, "damaged", path=str(p), detail=damage.detail("unreadable")) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise UserError(P, "not_project", path=str(p))
    version = manifest.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise UserError(P, "damaged", path=str(p), detail=damage.detail("manifest_entry", entry="version"))
    if version > FORMAT_VERSION:
        raise UserError(P, "newer", path=str(p), app=manifest.get("app_version", "?"), version=version)
    if version < OLDEST_SUPPORTED:
        raise UserError(P, "too_old", path=str(p), version=version, app=__version__)
    try:
        damage.check_tables(manifest)
    except damage.Damaged as exc:
        raise UserError(P, "damaged", path=str(p), detail=exc.detail) from None
    return manifest


def load_project(path: str | os.PathLike[str]) -> Analysis:
    """Open a project file saved by :func:`save_project` (migrating older format versions).

    Raises ``UserError`` when the file is missing, not a project, damaged (the message says what
    is wrong: a part missing, corrupted, not JSON, values of the wrong kind...), or from a newer
    or too old version of the format.
    """
    p = Path(path).expanduser().resolve()
    manifest = read_manifest(p)
    tables = manifest.get("tables", {})

    def read_table(name: str) -> pd.DataFrame:
        if not isinstance(name, str) or name not in tables:
            raise damage.Damaged("table_unlisted", name=str(name)[:80])
        meta = tables[name]
        data = damage.read_part(zf, meta["file"])
        try:
            return _table_from_bytes(data, meta)
        except Exception:  # not Parquet, or not the columns the manifest describes
            raise damage.Damaged("table_unreadable", part=meta["file"]) from None

    try:
        with zipfile.ZipFile(p) as zf:
            body = damage.json_part(zf, "analysis.json")
            version = manifest["version"]
            while version < FORMAT_VERSION:
                MIGRATIONS[version](manifest, body)
                version += 1
            analysis = _Decoder(read_table).decode(body)
    except UserError:
        raise
    except damage.Damaged as exc:
        raise UserError(P, "damaged", path=str(p), detail=exc.detail) from None
    except zipfile.BadZipFile:
        raise UserError(P, "damaged", path=str(p), detail=damage.detail("cut_short")) from None
    except OSError:
        raise UserError(P, "damaged", path=str(p), detail=damage.detail("unreadable")) from None
    except Exception:  # analysis.json decoded into something the analysis cannot hold
        raise UserError(P, "damaged", path=str(p), detail=damage.detail("wrong_values")) from None
    if not isinstance(analysis, Analysis):
        raise UserError(P, "damaged", path=str(p), detail=damage.detail("wrong_values"))
    analysis.project_path = str(p)
    return analysis
