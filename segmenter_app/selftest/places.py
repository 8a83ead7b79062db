"""The ``places`` check: logs and settings in the user's folders, nothing beside the executable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from segmenter_app.selftest.context import CheckFailed, Context, short_error, snapshot


def check_places(ctx: Context) -> dict[str, Any]:
    """Logs and settings in the user's folders, and nothing written beside the executable."""
    from segmenter_app.logs import log_dir

    root = ctx.app_root
    logs = log_dir()
    details: dict[str, Any] = {"app_root": str(root), "log_dir": str(logs)}
    problems: list[str] = []
    if _inside(logs, root):
        problems.append(f"the log folder {logs} is inside the application folder")
    try:
        from PySide6.QtCore import QSettings

        from segmenter_app.ui.settings import settings as app_settings

        store = app_settings()
        details["settings"] = store.fileName()
        details["settings_format"] = "native" if store.format() == QSettings.Format.NativeFormat else "ini"
        if store.fileName() and _inside(Path(store.fileName()), root):
            problems.append(f"settings are stored inside the application folder: {store.fileName()}")
    except ImportError as exc:
        problems.append(f"the settings store is unavailable: {short_error(exc)}")
    if ctx.frozen:
        after = snapshot(root)
        changed = sorted(k for k in after if ctx.snapshot.get(k) != after[k])
        if changed:
            problems.append("written beside the executable: " + ", ".join(changed[:10]))
        details["files_checked"] = len(after)
    if problems:
        raise CheckFailed("; ".join(problems))
    return details


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True
