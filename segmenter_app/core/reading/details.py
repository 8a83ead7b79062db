"""The technical detail in brackets of a "damaged file" message, in the message's language.

The detail comes from a library (zipfile, zlib, gzip, calamine, the json module) or from our own
checks, in English. A French message with "(File is not a zip file)" inside reads as half a
translation: the details the readers meet are translated here; any other text stays as the
library wrote it (it is what support needs), marked as a technical detail in French.
"""

from __future__ import annotations

import re

from segmenter_app.core.i18n import Phrase, normalize_lang

__all__ = ["technical"]

# (pattern on the English text, French text; groups are kept by number)
_FRENCH: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.I), french)
    for pattern, french in (
        (r"^file is not a zip file$", "ce n'est pas une archive ZIP valide"),
        (r"^bad magic number for (?:file|central directory)", "en-tête d'archive abîmé"),
        (r"^truncated file header$", "en-tête d'archive tronqué"),
        (r"compression method|compression type", "méthode de compression inconnue"),
        (r"^bad crc-32|crc", "somme de contrôle fausse : contenu abîmé"),
        (
            r"error -?\d+ while decompressing|invalid (?:stored )?block|incorrect header check|"
            r"invalid distance|invalid code",
            "données compressées abîmées",
        ),
        (
            r"ended before the end-of-stream marker|unexpected end of|truncated|eof",
            "fichier coupé avant sa fin",
        ),
        (r"^not a gzipped file", "ce n'est pas un fichier gzip valide"),
        (r"^gzip$", "gzip"),
        (r"^gzip of a binary file$", "gzip d'un fichier binaire"),
        (r"^ole2 file without a workbook", "fichier OLE2 sans classeur (Word ? Outlook ?)"),
        (r"^(.+) missing$", r"\1 absent"),
        (r"^read error$", "erreur de lecture"),
        (r"^(\d+) entries > (\d+)$", r"\1 entrées > \2"),
        (r"^(\d+) MiB uncompressed$", r"\1 Mio une fois décompressé"),
        (r"^(.+): ratio (\d+):1$", r"\1 : taux de compression \2:1"),
        (r"^(\d+) KiB → > (\d+) MiB$", r"\1 Kio → > \2 Mio"),
        (r"^not an object$", "ce n'est pas un objet JSON"),
        (
            r'^"columns" must map column names to roles$',
            "« columns » doit associer des noms de colonnes à des rôles",
        ),
        (r"^expecting .*line (\d+) column (\d+)", r"JSON invalide, ligne \1, colonne \2"),
        (r"\bline (\d+) column (\d+)", r"JSON invalide, ligne \1, colonne \2"),
    )
)


def _french(text: str) -> str:
    for pattern, french in _FRENCH:
        found = pattern.search(text)
        if found is not None:
            return found.expand(french) if "\\" in french else french
    return f"détail technique : {text}" if text else text


def technical(text: str | None) -> Phrase:
    """``text`` (a library's or a check's English detail) as a message parameter: as written in
    English, translated in French where known."""
    text = (text or "").strip()
    return Phrase(lambda lang: _french(text) if normalize_lang(lang) == "fr" else text)
