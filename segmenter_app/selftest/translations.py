"""The ``translations`` check: every core text in both languages, and the Qt files load."""

from __future__ import annotations

from typing import Any

from segmenter_app.selftest.context import CheckFailed, Context


def check_translations(ctx: Context) -> dict[str, Any]:
    """Every core text exists in English and French, and the Qt translation files load."""
    from segmenter_app.core import i18n

    groups = i18n.all_messages()
    keys = 0
    problems: list[str] = []
    for group in groups:
        for key, (en, fr) in group.texts.items():
            keys += 1
            if not en.strip() or not fr.strip():
                problems.append(f"{key}: empty text")
            elif i18n.placeholders(en) != i18n.placeholders(fr):
                problems.append(f"{key}: placeholders differ")
    if not groups:
        problems.append("no core messages were registered (the app's modules did not load)")
    from segmenter_app.resources import translations_dir

    folder = translations_dir()
    if not folder.is_dir():
        raise CheckFailed(f"the translations folder is missing: {folder}")
    # The window's own loader, as at start-up: Qt's strings and the app's, for each language.
    from segmenter_app.ui.app import apply_language, ensure_application

    app = ensure_application()
    loaded: dict[str, list[str]] = {}
    for lang in ("fr", "en"):
        loaded[lang] = apply_language(app, lang)
        wanted = [f"segmenter_{lang}"] + (["qtbase_fr"] if lang == "fr" else [])
        missing = [name for name in wanted if name not in loaded[lang]]
        if missing:
            problems.append(f"{', '.join(missing)} did not load (looked in {folder})")
    if problems:
        raise CheckFailed("; ".join(problems[:10]))
    return {"core_message_groups": len(groups), "core_keys": keys, "qt_translations": loaded}
