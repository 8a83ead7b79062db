"""Customer ids written another way by another tool: leading zeros a spreadsheet dropped
("00042" saved as 42), Excel's leading apostrophe, case.

Two ids are the same in a *loose* form when they differ only in those ways. A loose form is used
only where it names one id: "004" and "4" both known stay apart, and an id known as written is
never rewritten.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["loose_id_map", "loose_keys"]


def loose_keys(ids: pd.Series) -> pd.Series:
    """An id as another tool may have written it: trimmed, without Excel's leading apostrophe,
    case-folded, and a number without its leading zeros ("00004" and "4" are one key)."""
    key = ids.astype("string").str.strip().str.lstrip("'").str.strip().str.casefold()
    digits = key.str.fullmatch(r"\d+").fillna(False)
    stripped = key.str.lstrip("0").mask(lambda k: k == "", "0")
    return key.mask(digits, stripped)


def loose_id_map(ids: pd.Series, known: pd.Index) -> pd.Series:
    """For each of ``ids`` not in ``known``, the one known id with the same loose key (NA when
    none, or when several known ids share it: "004" and "4" both customers stays unmatched)."""
    known_text = pd.Series(known.astype(str), index=known.astype(str))
    keys = loose_keys(known_text)
    unique = keys[~keys.duplicated(keep=False)]
    lookup = pd.Series(unique.index, index=unique.to_numpy())
    exact = ids.isin(known_text.index)
    return loose_keys(ids).map(lookup).where(~exact & ids.notna())
