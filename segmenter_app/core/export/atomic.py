"""Safe saving: write beside the target, then move into place; never over an input file.

The workbook (or CSV) is written to a temporary file in the target's folder and moved over the
target with :func:`os.replace`, which is atomic on the same file system: the user sees either the
old file or the new one, never half of one. Whatever fails on the way (an error, a cancel, a full
disk) removes the temporary file and leaves the old target as it was.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from segmenter_app.core.analysis import InputFile
from segmenter_app.core.file_mode import new_file_mode
from segmenter_app.core.i18n import Messages, UserError

MESSAGES = Messages(
    {
        "is_input": (
            "{path} is one of the files you imported; the app never writes over its input files. Choose another name for the export.",
            "{path} est l'un des fichiers importés ; l'application n'écrit jamais par-dessus ses fichiers d'entrée. Choisissez un autre nom pour l'export.",
        ),
        "locked": (
            "Cannot write {path}: the file is open in another program (Excel?) or the folder is read-only. Close the file, or choose another name or folder, then export again.",
            "Impossible d'écrire {path} : le fichier est ouvert dans un autre programme (Excel ?) ou le dossier est en lecture seule. Fermez le fichier, ou choisissez un autre nom ou dossier, puis exportez à nouveau.",
        ),
        "disk_full": (
            "Cannot write {path}: the disk is full. Free some space on it (empty the recycle bin, delete files you no longer need), or choose a folder on another disk, then export again.",
            "Impossible d'écrire {path} : le disque est plein. Libérez de la place (videz la corbeille, supprimez des fichiers devenus inutiles), ou choisissez un dossier sur un autre disque, puis exportez à nouveau.",
        ),
        "quota": (
            "Cannot write {path}: your storage quota on this disk is used up. Delete files you no longer need there, ask your administrator for more space, or choose a folder on another disk, then export again.",
            "Impossible d'écrire {path} : votre quota d'espace sur ce disque est atteint. Supprimez-y des fichiers devenus inutiles, demandez plus d'espace à votre administrateur, ou choisissez un dossier sur un autre disque, puis exportez à nouveau.",
        ),
        "read_only": (
            "Cannot write {path}: the disk is read-only (a locked USB key, a CD, a disk mounted for reading only). Choose a folder on another disk, then export again.",
            "Impossible d'écrire {path} : le disque est en lecture seule (une clé USB verrouillée, un CD, un disque monté en lecture seule). Choisissez un dossier sur un autre disque, puis exportez à nouveau.",
        ),
        "no_folder": (
            "The folder {folder} does not exist. Choose an existing folder for the export.",
            "Le dossier {folder} n'existe pas. Choisissez un dossier existant pour l'export.",
        ),
        "is_folder": (
            "{path} is a folder. Choose a file name for the export.",
            "{path} est un dossier. Choisissez un nom de fichier pour l'export.",
        ),
    }
)

_CHUNK = 1 << 20
# Write failures whose cause is the disk, not the file: saying "open in another program" would
# send the user looking for a program that is not there.
_DISK_ERRORS = {errno.ENOSPC: "disk_full", errno.EDQUOT: "quota", errno.EROFS: "read_only"}


def disk_error(exc: BaseException) -> str | None:
    """The message key for a full disk, a used-up quota or a read-only disk behind ``exc`` (an
    ``OSError``, or an error wrapping one, as XlsxWriter's ``FileCreateError`` does); else None."""
    seen: set[int] = set()
    pending: list[object] = [exc]
    while pending:
        error = pending.pop()
        if not isinstance(error, BaseException) or id(error) in seen:
            continue
        seen.add(id(error))
        if isinstance(error, OSError) and error.errno in _DISK_ERRORS:
            return _DISK_ERRORS[error.errno]
        pending.extend([error.__cause__, error.__context__, *error.args])
    return None


def write_error(target: Path, exc: BaseException) -> UserError:
    """The :class:`UserError` for a failed write of ``target``: the disk's own message when the
    disk is full, over quota or read-only, else "the file is open in another program"."""
    return UserError(MESSAGES, disk_error(exc) or "locked", path=str(target))


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes (the fingerprint the import records)."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def check_not_input(target: Path, inputs: Iterable[InputFile]) -> None:
    """Raise :class:`UserError` when ``target`` is one of the imported files.

    Compared by resolved path, by identity on disk (a hard link or another spelling of the same
    file), and by content fingerprint (the same file reached another way, e.g. a copy kept under
    the name the user types).
    """
    resolved = target.resolve()
    inputs = list(inputs)
    fingerprints = {inp.fingerprint.lower() for inp in inputs if inp.fingerprint}
    for inp in inputs:
        source = Path(inp.path)
        same = source.resolve() == resolved
        if not same and resolved.exists() and source.exists():
            with contextlib.suppress(OSError):
                same = os.path.samefile(source, resolved)
        if same:
            raise UserError(MESSAGES, "is_input", path=str(target))
    if fingerprints and resolved.is_file():
        try:
            fingerprint = file_sha256(resolved)
        except OSError:
            return
        if fingerprint in fingerprints:
            raise UserError(MESSAGES, "is_input", path=str(target))


def check_target(target: Path) -> None:
    """Raise :class:`UserError` when ``target`` cannot be a file we write."""
    if target.is_dir():
        raise UserError(MESSAGES, "is_folder", path=str(target))
    if not target.parent.is_dir():
        raise UserError(MESSAGES, "no_folder", folder=str(target.parent))


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str], inputs: Iterable[InputFile] = ()) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success move it over ``target``.

    Raises :class:`UserError` when ``target`` is an input file, its folder is missing, the target
    is locked or not writable (the message tells the user to close the file in Excel or choose
    another name), or the disk is full, over quota or read-only, even when the writer inside the
    ``with`` meets it (the message says to free space or choose another folder). On any failure
    the temporary file is removed and the old target, if any, is left untouched.
    """
    target = Path(target)
    check_target(target)
    check_not_input(target, inputs)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix="." + target.stem[:40] + ".", suffix=".tmp", dir=target.parent)
    except OSError as exc:  # read-only folder, or a place where files cannot be made (/proc)
        raise write_error(target, exc) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        try:
            yield tmp
        except OSError as exc:
            # The writer met a full disk (or a quota, a read-only disk): said as such. Any other
            # error of the writer is not the user's to fix and goes on as it is.
            if disk_error(exc) is None:
                raise
            raise write_error(target, exc) from exc
        _keep_mode(target, tmp)
        try:
            os.replace(tmp, target)
        except OSError as exc:
            raise write_error(target, exc) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _keep_mode(target: Path, tmp: Path) -> None:
    """Give the new file ordinary permissions (mkstemp makes it private to the user)."""
    with contextlib.suppress(OSError):
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, new_file_mode(target.parent))  # never os.umask: it races with other threads


def replace_text_file(target: Path, text: str, *, encoding: str, inputs: Iterable[InputFile] = ()) -> None:
    """Write a text file atomically (used for CSV files and the key file)."""
    with atomic_path(target, inputs) as tmp, tmp.open("w", encoding=encoding, newline="") as fh:
        fh.write(text)
