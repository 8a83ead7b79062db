"""Pseudonymized exports: customer ids replaced by keyed hashes, identifying columns left out.

The hash is HMAC-SHA256 with a random 256-bit key kept in a separate file the user chooses (not
in the workbook). The same key gives the same pseudonyms in every export, so a shop can send
two months of sheets to an agency and still match customers, while nobody without the key can
go back from a pseudonym to the customer id (a plain hash of an id could be reversed by trying
every id). Names, emails, phones and birth dates are left out of the workbook entirely, and so
are the columns of unknown meaning that hold text or dates (a full name or an address may
hide there).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from segmenter_app.core import schema as s
from segmenter_app.core.analysis import InputFile
from segmenter_app.core.export.atomic import check_not_input, replace_text_file
from segmenter_app.core.i18n import Messages, UserError

MESSAGES = Messages(
    {
        "bad_key": (
            "The key file {path} does not hold a pseudonymization key. Choose the key file an earlier export made, or a new file name to create a key.",
            "Le fichier de clé {path} ne contient pas de clé de pseudonymisation. Choisissez le fichier de clé créé par un export précédent, ou un nouveau nom de fichier pour créer une clé.",
        ),
        "key_is_workbook": (
            "The key file must be a separate file, not the workbook itself ({path}). Choose another name for the key file.",
            "Le fichier de clé doit être un fichier à part, pas le classeur lui-même ({path}). Choisissez un autre nom pour le fichier de clé.",
        ),
        "key_header": (
            "# Segmenter pseudonymization key (HMAC-SHA256). Keep it apart from the exported files: with it, pseudonyms can be matched to customer ids.",
            "# Clé de pseudonymisation Segmenter (HMAC-SHA256). Gardez-la à part des fichiers exportés : elle permet de relier les pseudonymes aux identifiants clients.",
        ),
    }
)

KEY_BYTES = 32
PSEUDONYM_HEX = 32  # 128 bits of the HMAC: no collisions in practice, still readable
_KEY_LINE = re.compile(r"^[0-9a-fA-F]{64}$")


class Pseudonymizer:
    """Keyed hashes of customer identifiers."""

    # Roles whose columns never appear in a pseudonymized export: names and contacts, and the
    # birth date, which identifies almost as well as a name (All customers leaves it out too).
    LEFT_OUT = frozenset({s.FIRST_NAME, s.LAST_NAME, s.EMAIL, s.PHONE, s.BIRTH_DATE})

    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("a pseudonymization key needs at least 128 bits")
        self._key = key

    @classmethod
    def from_key_file(
        cls,
        path: str | os.PathLike[str],
        *,
        inputs: Iterable[InputFile] = (),
        workbook: Path | None = None,
        lang: str = "en",
    ) -> Pseudonymizer:
        """The key in ``path``; a new random key is created there when the file does not exist."""
        key_path = Path(path)
        if workbook is not None and key_path.resolve() == Path(workbook).resolve():
            raise UserError(MESSAGES, "key_is_workbook", path=str(key_path))
        if key_path.exists():
            return cls(read_key(key_path))
        check_not_input(key_path, inputs)
        key = secrets.token_bytes(KEY_BYTES)
        replace_text_file(
            key_path, MESSAGES("key_header", lang) + "\n" + key.hex() + "\n", encoding="utf-8", inputs=inputs
        )
        return cls(key)

    def hash_value(self, text: str) -> str:
        """The pseudonym of one identifier (leading/trailing spaces ignored)."""
        digest = hmac.new(self._key, text.strip().encode("utf-8"), hashlib.sha256).hexdigest()
        return digest[:PSEUDONYM_HEX]

    def hide_listed_ids(self, value: Any, ids: set[str]) -> Any:
        """``value`` (details, edits: dicts and lists) with the customer ids it lists hashed.

        Only texts inside lists are ids (listed customers, moved customers); a lone text such as
        a rule id "3" stays as it is even when a customer is called "3".
        """
        if isinstance(value, dict):
            return {key: self.hide_listed_ids(item, ids) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            texts = [v for v in value if isinstance(v, str) and v in ids]
            hashed = dict(zip(texts, self.hash_ids(texts), strict=True))
            return [hashed.get(v, v) if isinstance(v, str) else self.hide_listed_ids(v, ids) for v in value]
        return value

    def hash_ids(self, ids: list[str]) -> list[str]:
        """Pseudonyms of many identifiers, in order."""
        key = self._key
        new = hmac.new
        sha = hashlib.sha256
        return [new(key, str(i).strip().encode("utf-8"), sha).hexdigest()[:PSEUDONYM_HEX] for i in ids]


def unknown_text_attributes(customer_attributes: pd.DataFrame | None) -> list[str]:
    """Customer columns the import kept without a role whose values are text or dates.

    Nobody said what they hold: a full name, a street address, a note or a date of birth is
    as identifying as the name columns, so a pseudonymized export leaves them out (numbers,
    such as an income or a score a cluster is described by, stay).
    """
    if customer_attributes is None:
        return []
    roles = set(s.ROLES)
    left_out = []
    for name in customer_attributes.columns:
        series = customer_attributes[name]
        if name in roles or str(name).startswith("_"):
            continue
        if pd.api.types.is_bool_dtype(series.dtype) or pd.api.types.is_numeric_dtype(series.dtype):
            continue
        left_out.append(str(name))
    return left_out


def read_key(path: Path) -> bytes:
    """The key a key file holds (comment lines start with ``#``)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(MESSAGES, "bad_key", path=str(path)) from exc
    for line in lines:
        line = line.strip()
        if _KEY_LINE.match(line):
            return bytes.fromhex(line)
    raise UserError(MESSAGES, "bad_key", path=str(path))
