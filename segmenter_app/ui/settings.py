"""The user's preferences kept between runs (QSettings): language, recent projects, window geometry.

Stored where the platform keeps applications' settings (Qt's native format, user scope): the
registry under ``HKEY_CURRENT_USER/Software/Segmenter`` on Windows, a property list in
``~/Library/Preferences`` on macOS, ``~/.config/Segmenter/Segmenter.conf`` on Linux. Tests and
portable runs point it to an INI file with :func:`use_settings_file`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "Segmenter"
APPLICATION = "Segmenter"
MAX_RECENT = 8
_override: str | None = None


def use_settings_file(path: str | Path | None) -> None:
    """Keep settings in ``path`` instead of the user's configuration (tests, portable runs)."""
    global _override
    _override = None if path is None else str(path)


def settings() -> QSettings:
    """The application's settings store."""
    if _override is not None:
        return QSettings(_override, QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def language() -> str | None:
    """The language chosen in Preferences ("en" or "fr"), or None to follow the system."""
    value = settings().value("language", "")
    return str(value) if value in ("en", "fr") else None


def set_language(lang: str | None) -> None:
    """Remember the interface language; None follows the system."""
    settings().setValue("language", lang or "")


def recent_files() -> list[str]:
    """Recently opened or saved project files, most recent first, only those that still exist."""
    value = settings().value("recent_files", [])
    if isinstance(value, str):  # QSettings returns a bare string for a one-element list
        value = [value]
    return [str(p) for p in (value or []) if p and Path(str(p)).exists()]


def add_recent_file(path: str | Path) -> list[str]:
    """Put ``path`` first in the recent files (without duplicates); return the new list."""
    path = str(Path(path).resolve())
    files = [p for p in recent_files() if p != path]
    files.insert(0, path)
    files = files[:MAX_RECENT]
    settings().setValue("recent_files", files)
    return files


def clear_recent_files() -> None:
    """Forget the recent files."""
    settings().setValue("recent_files", [])


def geometry(name: str) -> QByteArray | None:
    """A saved window geometry or state blob, or None the first time."""
    value = settings().value(name)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def set_geometry(name: str, blob: QByteArray) -> None:
    """Save a window geometry or state blob."""
    settings().setValue(name, blob)
