"""Translations for text the core produces (error messages, segment names, playbooks, sheet names).

The Qt layer translates its own widgets with Qt's translation system (``.ts``/``.qm``); the core
cannot use Qt, yet its messages reach the command line and the workbook too. Each core module
declares its texts next to the code that uses them, in English and French, with :class:`Messages`;
a test checks that every key has both languages and the same placeholders.
"""

from __future__ import annotations

import locale
import os
import string
from collections.abc import Callable
from dataclasses import dataclass

LANGUAGES = ("en", "fr")
_REGISTRY: list[Messages] = []


def normalize_lang(lang: str | None) -> str:
    """Return ``"fr"`` or ``"en"`` for any language tag (``fr_FR.UTF-8``, ``FR``, ``en-GB``...)."""
    if lang and lang.strip().lower().startswith("fr"):
        return "fr"
    return "en"


def system_language() -> str:
    """The user's language from the environment (LC_ALL, LC_MESSAGES, LANG, then the OS locale)."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            return normalize_lang(value)
    try:
        loc = locale.getlocale()[0]
    except ValueError:
        loc = None
    return normalize_lang(loc)


@dataclass
class Messages:
    """A group of translatable texts: ``key -> (english, french)``, with ``{name}`` placeholders."""

    texts: dict[str, tuple[str, str]]

    def __post_init__(self) -> None:
        _REGISTRY.append(self)

    def __call__(self, key: str, lang: str = "en", /, **params: object) -> str:
        """The text for ``key`` in ``lang``, with its placeholders filled from ``params``."""
        en, fr = self.texts[key]
        template = fr if normalize_lang(lang) == "fr" else en
        return template.format(**params) if params else template

    def has(self, key: str) -> bool:
        """True when this group defines ``key``."""
        return key in self.texts


def all_messages() -> list[Messages]:
    """Every message group defined so far (used by the completeness test)."""
    return list(_REGISTRY)


def placeholders(template: str) -> set[str]:
    """The ``{name}`` fields a template uses."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class Phrase:
    """A message parameter that is itself translated (a list of reasons, a label): rendered in the
    language of the message it fills."""

    def __init__(self, render: Callable[[str], str]) -> None:
        self.render = render

    def __str__(self) -> str:
        return self.render("en")


def _in_lang(params: dict[str, object], lang: str) -> dict[str, object]:
    return {k: (v.render(lang) if isinstance(v, Phrase) else v) for k, v in params.items()}


class UserError(Exception):
    """Input the app cannot use: shown to the user in their language, never as a traceback.

    ``messages``/``key``/``params`` give the text; :meth:`text` renders it in a language.
    """

    def __init__(self, messages: Messages, key: str, /, **params: object) -> None:
        self.messages = messages
        self.key = key
        self.params = params
        super().__init__(messages(key, "en", **_in_lang(params, "en")))

    def text(self, lang: str) -> str:
        """The message in ``lang`` ("en" or "fr")."""
        return self.messages(self.key, lang, **_in_lang(self.params, lang))


def takes_plural(count: float, lang: str) -> bool:
    """Whether a noun after ``count`` takes the plural: in English for every count but 1
    ("0 customers", "1 customer"); in French from 2 on ("0 client", "1,5 commande", "2 clients")."""
    if normalize_lang(lang) == "fr":
        return abs(count) >= 2
    return count != 1


def group_digits(count: float, lang: str) -> str:
    """A whole count with the language's digit grouping: "12,345" / "12 345" (a narrow no-break
    space, French typography)."""
    text = f"{round(count):,d}"
    return text.replace(",", "\u202f") if normalize_lang(lang) == "fr" else text


def count_text(messages: Messages, key: str, count: float, lang: str, /, **params: object) -> str:
    """``messages(key)`` for a count: the singular form ``key + "_one"`` when the language takes
    the singular for ``count`` (and the group defines it), else ``key``; ``{n}`` is the count with
    its digits grouped (:func:`group_digits`) unless ``params`` gives ``n`` already."""
    one = key + "_one"
    chosen = one if messages.has(one) and not takes_plural(count, lang) else key
    params.setdefault("n", group_digits(count, lang))
    return messages(chosen, lang, **params)


def counted(messages: Messages, key: str, count: float, /, **params: object) -> Phrase:
    """:func:`count_text` as a message parameter, rendered in the language of the message it
    fills (a ``UserError`` is raised before anyone knows the language, and French and English
    do not take the plural for the same counts)."""
    return Phrase(lambda lang: count_text(messages, key, count, lang, **params))
