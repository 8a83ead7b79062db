"""Per-segment CSV files for mailing tools (Mailchimp, Brevo, Sendinblue...).

One file per segment: email, first name, last name, segment, suggested action. UTF-8 with a
byte-order mark so Excel opens accents correctly; comma-separated in English, semicolon in
French (what Excel expects in each locale). Only customers who may be contacted by email are
listed: a usable address, not opted out, consent given when the data has a consent column, and
not in the control group (who must not receive the campaign, or the measure means nothing).
"""

from __future__ import annotations

import csv
import io
import logging
import os
import re
from pathlib import Path
from typing import Any

import pandas as pd

from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.export.atomic import check_not_input, replace_text_file
from segmenter_app.core.export.customer_sheets import action_text, order_customers
from segmenter_app.core.export.labels import header
from segmenter_app.core.export.safe_text import csv_safe, csv_safe_email
from segmenter_app.core.i18n import Messages, UserError

log = logging.getLogger(__name__)

MESSAGES = Messages(
    {
        "no_recipient": (
            "No mailing file was written: no customer outside the control group has an email "
            "address that may be used (with consent, not opted out). Add the customers file that "
            "holds the emails, or check its column roles.",
            "Aucun fichier d'envoi n'a été écrit : aucun client hors groupe témoin n'a d'adresse "
            "e-mail utilisable (avec consentement, sans désinscription). Ajoutez le fichier clients "
            "qui contient les e-mails, ou vérifiez les rôles de ses colonnes.",
        ),
        "not_folder": (
            "{path} is a file, not a folder. Choose a folder for the mailing files.",
            "{path} est un fichier, pas un dossier. Choisissez un dossier pour les fichiers d'envoi.",
        ),
        "cannot_create": (
            "Cannot create the folder {path}: choose a folder you can write to.",
            "Impossible de créer le dossier {path} : choisissez un dossier où vous pouvez écrire.",
        ),
        "no_segments": (
            "There are no segments to export yet: run the grouping step first.",
            "Il n'y a pas encore de segments à exporter : lancez d'abord l'étape de regroupement.",
        ),
    }
)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_YES = {"1", "true", "yes", "y", "oui", "o", "x", "vrai", "ok", "opt-in", "optin", "subscribed", "inscrit"}
_NO = {
    "0",
    "false",
    "no",
    "n",
    "non",
    "faux",
    "",
    "opt-out",
    "optout",
    "unsubscribed",
    "désinscrit",
    "desinscrit",
}
_FILE_UNSAFE = re.compile(
    r'[<>:"/\\|?*\x00-\x1f\x7f\ud800-\udfff]'
)  # and lone surrogates: no file system takes them
_MAX_NAME_BYTES = 150  # of the segment's name in a file name (see safe_file_name)
_RESERVED_FILES = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}


def truthy(value: Any) -> bool | None:
    """A yes/no cell as a bool (French and English words, 1/0, x); None when unknown."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return None if value != value else bool(value)
    text = str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    return None


def recipients(analysis: Analysis) -> pd.DataFrame:
    """Customers who may receive an email, in segment display order, with their segment key."""
    rows = order_customers(analysis)
    table = rows.table
    keep = pd.Series(True, index=table.index)
    if s.A_CONTROL in table.columns:
        keep &= ~table[s.A_CONTROL].map(lambda v: truthy(v) is True).astype(bool)
    email = (
        table[s.EMAIL].map(lambda v: str(v).strip() if isinstance(v, str) else "")
        if s.EMAIL in table
        else None
    )
    if email is None:
        return table.iloc[0:0].assign(**{s.EMAIL: pd.Series(dtype=object)})
    keep &= email.map(lambda v: bool(_EMAIL.match(v)))
    if s.OPT_OUT in table.columns:
        keep &= ~table[s.OPT_OUT].map(lambda v: truthy(v) is True).astype(bool)
    if s.CONSENT in table.columns:
        keep &= table[s.CONSENT].map(lambda v: truthy(v) is True).astype(bool)
    if s.C_CONTACTABLE in table.columns:
        # The customer table's own verdict (consent and opt-out as the import understood them).
        keep &= table[s.C_CONTACTABLE].map(lambda v: truthy(v) is not False).astype(bool)
    out = table.loc[keep].copy()
    out[s.EMAIL] = email[keep]
    return out


def safe_file_name(name: str, index: int, count: int = 99) -> str:
    """A file name every system accepts, numbered so the files sort in segment order.

    The number has as many digits as ``count`` (the number of segments) needs, at least two:
    with 100 segments or more, "100 ..." would otherwise sort before "11 ...".

    File systems count a name's length in bytes (255 on ext4 and APFS) or UTF-16 units (255 on
    NTFS), not in characters: 80 emoji are 320 bytes. The segment's part is cut to
    ``_MAX_NAME_BYTES`` of UTF-8, which leaves room for the number, the suffix and the
    temporary file's additions (atomic.py), and never splits a character.
    """
    text = _FILE_UNSAFE.sub(" ", name)
    text = " ".join(text.split())[:80]
    text = text.encode("utf-8")[:_MAX_NAME_BYTES].decode("utf-8", errors="ignore")
    text = text.strip().rstrip(". ") or "segment"
    if text.lower() in _RESERVED_FILES:
        text = "_" + text
    digits = max(2, len(str(count)))
    return f"{index:0{digits}d} {text}.csv"


def write_mailing_csvs(
    analysis: Analysis, folder: str | os.PathLike[str], *, inputs_guard: bool = True
) -> list[Path]:
    """Write one CSV per segment that has someone to email; return the files written (none
    when no customer may be emailed: the caller says it with ``MESSAGES("no_recipient")``).

    Columns: email, first name, last name, segment, suggested action (headers in
    ``analysis.lang``). Each file is written atomically; texts that could start a formula get
    a leading apostrophe (OWASP), except a plain email address, written exactly as it is so the
    mailing tool can use it (``safe_text.csv_safe_email`` says why that is safe). The mailing files an earlier export left in the folder that
    this one does not write again are removed (see :func:`_stale_files`). Raises
    ``i18n.UserError`` when the folder cannot be used.
    """
    seg = analysis.segmentation
    if seg is None:
        raise UserError(MESSAGES, "no_segments")
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise UserError(MESSAGES, "not_folder", path=str(target))
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(MESSAGES, "cannot_create", path=str(target)) from exc
    lang = analysis.lang
    delimiter = _delimiter(lang)
    heads = _heads(lang)
    people = recipients(analysis)
    by_segment = people.groupby(people[s.A_SEGMENT].astype(str), sort=False) if len(people) else {}
    groups = dict(iter(by_segment)) if len(people) else {}
    written: list[Path] = []
    keys = seg.segments["key"].astype(str).tolist()
    for index, key in enumerate(keys, start=1):
        group = groups.get(key)
        if group is None or group.empty:
            continue
        name = seg.name_of(key)
        action = action_text(analysis.plans.get(key)) or ""
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow(heads)
        seen: set[str] = set()
        firsts = group[s.FIRST_NAME] if s.FIRST_NAME in group else pd.Series(None, index=group.index)
        lasts = group[s.LAST_NAME] if s.LAST_NAME in group else pd.Series(None, index=group.index)
        for email, first, last in zip(group[s.EMAIL], firsts, lasts, strict=True):
            if email.lower() in seen:
                continue  # one message per address, even when two customers share it
            seen.add(email.lower())
            writer.writerow(
                [csv_safe_email(email), _cell(first), _cell(last), csv_safe(name), csv_safe(action)]
            )
        path = target / safe_file_name(name, index, len(keys))
        replace_text_file(
            path, buffer.getvalue(), encoding="utf-8-sig", inputs=analysis.inputs if inputs_guard else ()
        )
        written.append(path)
    for stale in _stale_files(target, written):
        try:
            if inputs_guard:
                check_not_input(stale, analysis.inputs)  # never remove a file this analysis read
            stale.unlink()
        except UserError:
            continue
        except OSError as exc:
            log.warning("could not remove the earlier mailing file %s: %s", stale, exc)
    return written


def _delimiter(lang: str) -> str:
    return ";" if lang == "fr" else ","


def _heads(lang: str) -> list[str]:
    return [
        header(s.EMAIL, lang),
        header(s.FIRST_NAME, lang),
        header(s.LAST_NAME, lang),
        header("segment", lang),
        header("action", lang),
    ]


_NUMBERED = re.compile(r"^\d{2,} .+\.csv$")


def _stale_files(target: Path, written: list[Path]) -> list[Path]:
    """Mailing files of an earlier export in ``target`` that this export did not write again.

    A segment renamed, gone, or now without anyone to email kept its old file beside the new
    ones, and whoever imported the folder into a mailing tool wrote to customers who are now in
    another segment or in the control group. A file counts as an earlier mailing file only when
    its name is numbered as :func:`safe_file_name` writes them and its first line is this
    module's header row, in English or French: the user's own files are never touched.
    """
    keep = {p.name for p in written}
    first_lines = set()
    for lang in ("en", "fr"):
        line = io.StringIO()
        csv.writer(line, delimiter=_delimiter(lang), lineterminator="").writerow(_heads(lang))
        first_lines.add(line.getvalue())
    stale = []
    for path in target.iterdir():
        if path.name in keep or not _NUMBERED.match(path.name) or not path.is_file():
            continue
        try:
            with path.open("r", encoding="utf-8-sig", newline="") as handle:
                first = handle.readline(4096).rstrip("\r\n")
        except (OSError, UnicodeDecodeError):
            continue
        if first in first_lines:
            stale.append(path)
    return stale


def _cell(value: Any) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return csv_safe(str(value).strip())
