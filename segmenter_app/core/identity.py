"""Who is who across files: one customer id per kept row, matching on id, email and phone.

Each kept row points to identity keys: its customer id (scoped to its *id space*), its normalized
email and its canonical phone. Rows sharing a key are the same customer (connected components of
the graph rows-keys, found by a vectorized union-find in numpy). Id spaces: every orders file has its own (two tools number customers
independently), except files whose customer-id columns have the same name (two periods of one
export); a customers file shares the id space of the orders file whose ids it overlaps
most, so it joins on customer id. An email or phone that several ids of the same file share (a
family or company address) is not used to match.

The displayed customer id is the id from the first file that has one (``17850``), else the email,
else the phone; an id met in two files for two different customers gets `` (file N)`` appended.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from segmenter_app.core import schema
from segmenter_app.core.cleaning import CUSTOMERS, CleanResult
from segmenter_app.core.id_forms import loose_id_map
from segmenter_app.core.reading.role_names import normalize_header


def _id_spaces(results: list[CleanResult], id_columns: list[str | None]) -> list[int]:
    """The id space of each file (see the module docstring)."""
    # Orders files whose customer-id column has the same name come from the same system (two
    # periods of the same export): they share an id space.
    first_with_name: dict[str, int] = {}
    spaces = list(range(len(results)))
    for i, r in enumerate(results):
        name = normalize_header(id_columns[i]) if id_columns[i] else None
        if r.kind == CUSTOMERS or name is None:
            continue
        spaces[i] = first_with_name.setdefault(name, i)
    order_ids = {
        i: set(r.kept[schema.T_CUSTOMER].dropna().unique())
        for i, r in enumerate(results)
        if r.kind != CUSTOMERS
    }
    for i, r in enumerate(results):
        if r.kind != CUSTOMERS or not order_ids:
            continue
        mine = set(r.kept[schema.T_CUSTOMER].dropna().unique())
        best = max(order_ids, key=lambda j: len(mine & order_ids[j]))
        if mine & order_ids[best]:
            spaces[i] = spaces[best]
    return spaces


def align_customer_files(results: list[CleanResult]) -> list[dict[str, str]]:
    """Write a customers file's ids as the orders file it fits best writes them, when they differ
    only in form (id_forms.py: leading zeros a spreadsheet dropped, Excel's apostrophe, case), so
    the two files join on customer id. Returns, per file, the ids rewritten (new id -> the id as
    the file wrote it), for the matches to show both.

    A customers list opened and saved in Excel loses the zeros of "00042" while the till's orders
    keep them: the files shared no id, so every customer's attributes were left unjoined.
    """
    rewritten: list[dict[str, str]] = [{} for _ in results]
    orders = [
        pd.Index(r.kept[schema.T_CUSTOMER].dropna().unique())
        for r in results
        if r.kind != CUSTOMERS and len(r.kept)
    ]
    if not orders:
        return rewritten
    everyone = orders[0].append(orders[1:]) if len(orders) > 1 else orders[0]
    for i, r in enumerate(results):
        if r.kind != CUSTOMERS or not len(r.kept):
            continue
        ids = r.kept[schema.T_CUSTOMER].astype("string")
        if not (ids.notna() & ~ids.isin(everyone)).any():
            continue  # the usual case: every id is written as an orders file writes it
        best: tuple[int, pd.Series] | None = None
        for known in orders:
            loose = loose_id_map(ids, known)
            fits = int(ids.isin(known).sum()) + int(loose.notna().sum())
            if loose.notna().any() and (best is None or fits > best[0]):
                best = (fits, loose)
        if best is None:
            continue
        found = best[1].notna().to_numpy()
        column = r.kept[schema.T_CUSTOMER].astype("string").copy()
        new = best[1][found].astype("string").to_numpy()
        rewritten[i] = dict(zip(map(str, new), map(str, column[found].to_numpy()), strict=True))
        column[found] = new
        r.kept[schema.T_CUSTOMER] = column.astype(r.kept[schema.T_CUSTOMER].dtype)
    return rewritten


def resolve(
    results: list[CleanResult], paths: list[str], id_columns: list[str | None] | None = None
) -> tuple[list[pd.Series], list[dict]]:
    """A customer id per kept row of each file, and the list of customers matched across files.

    ``id_columns`` names each file's customer-id column (None when it has none). A customers
    file's ids are first aligned with an orders file's (:func:`align_customer_files`).
    """
    align_customer_files(results)
    spaces = _id_spaces(results, id_columns or [None] * len(results))
    frames = []
    for i, r in enumerate(results):
        k = r.kept
        ids = k[schema.T_CUSTOMER]
        frames.append(
            pd.DataFrame(
                {
                    "file": i,
                    "id": ids.to_numpy(dtype=object),
                    "id_key": ("i" + str(spaces[i]) + "|" + ids).to_numpy(dtype=object),
                    "email": ("e|" + k["email_norm"]).to_numpy(dtype=object),
                    "phone": ("p|" + k["phone_norm"]).to_numpy(dtype=object),
                }
            )
        )
    rows = pd.concat(frames, ignore_index=True)
    # An email/phone shared by several ids of one file identifies a household, not a customer.
    for col in ("email", "phone"):
        with_id = rows[rows["id"].notna() & rows[col].notna()]
        shared = with_id.groupby(["file", col])["id"].nunique()
        ambiguous = set(shared[shared > 1].index.get_level_values(col))
        if ambiguous:
            rows.loc[rows[col].isin(ambiguous) & rows["id"].notna(), col] = None
    keys = pd.concat([rows["id_key"], rows["email"], rows["phone"]]).dropna().unique()
    key_index = pd.Index(keys)
    n_rows, n_keys = len(rows), len(key_index)
    src, dst = [], []
    for col in ("id_key", "email", "phone"):
        present = rows[col].notna().to_numpy()
        src.append(np.flatnonzero(present))
        dst.append(key_index.get_indexer(rows.loc[present, col]) + n_rows)
    labels = connected_components(n_rows + n_keys, np.concatenate(src), np.concatenate(dst))
    rows["component"] = labels[:n_rows]
    display = _display_ids(rows)
    rows["customer"] = display.reindex(rows["component"]).to_numpy()
    matches = _matches(rows, paths)
    out = []
    for i in range(len(results)):
        part = rows.loc[rows["file"] == i, "customer"].reset_index(drop=True)
        out.append(part.astype("str"))
    return out, matches


def connected_components(size: int, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Component number of each of ``size`` nodes linked by the edges ``first[i] - second[i]``.

    Components are numbered 0, 1, ... in the order of their smallest node (as SciPy's
    ``csgraph.connected_components`` does). Vectorized union-find: each round hooks the larger root
    of every edge whose ends have different roots under the smaller one, then pointer jumping
    flattens every tree to its root; parents only ever decrease, so each component's root ends as
    its smallest node. A handful of rounds suffices (each at least halves the roots of a chain).
    """
    parent = np.arange(size, dtype=np.int64)
    first = np.asarray(first, dtype=np.int64)
    second = np.asarray(second, dtype=np.int64)
    while len(first):
        a, b = parent[first], parent[second]
        differ = a != b
        if not differ.any():
            break
        a, b = a[differ], b[differ]
        np.minimum.at(parent, np.maximum(a, b), np.minimum(a, b))
        while True:  # pointer jumping: every node points straight at its root
            grand = parent[parent]
            if np.array_equal(grand, parent):
                break
            parent = grand
        # Edges already inside one tree never change again: keep only the others.
        first, second = first[differ], second[differ]
    # Roots are the components' smallest nodes: numbering them in node order needs no sort.
    number = np.cumsum(parent == np.arange(size)) - 1
    return number[parent]


def _display_ids(rows: pd.DataFrame) -> pd.Series:
    """The id shown for each component: first file's id, else email, else phone; unique."""
    first_id = (
        rows.dropna(subset=["id"]).sort_values("file", kind="stable").groupby("component")["id"].first()
    )
    email = rows.dropna(subset=["email"]).groupby("component")["email"].first().str.slice(2)
    phone = rows.dropna(subset=["phone"]).groupby("component")["phone"].first().str.slice(2)
    display = first_id.combine_first(email).combine_first(phone)
    first_file = rows.groupby("component")["file"].min()
    duplicated = display.duplicated(keep="first")
    if duplicated.any():
        suffix = " (file " + (first_file.reindex(display.index) + 1).astype(str) + ")"
        display = display.where(~duplicated, display + suffix)
    return display


def _matches(rows: pd.DataFrame, paths: list[str]) -> list[dict]:
    """Customers whose rows come from more than one file, with what linked them.

    Computed for all customers at once: a loop of pandas calls per matched customer took 60 s
    for 18,000 customers found in an orders file and a customers file.
    """
    per = rows.groupby("component")["file"].nunique()
    multi = per[per > 1].index
    if len(multi) == 0:
        return []
    sub = rows[rows["component"].isin(multi)]
    first = sub.drop_duplicates("component")  # components in order of their first row
    pairs = sub[["component", "file"]].drop_duplicates().sort_values(["component", "file"])
    files_of: dict[Any, list[int]] = {}
    for component, f in zip(pairs["component"].tolist(), pairs["file"].tolist(), strict=True):
        files_of.setdefault(component, []).append(int(f))
    via_of: dict[Any, str] = {}
    for col in ("phone", "email"):  # email last: it wins when both link files
        linked = sub.dropna(subset=[col]).groupby(["component", col])["file"].nunique()
        for component in linked[linked > 1].index.get_level_values("component").unique().tolist():
            via_of[component] = col
    named = sub.dropna(subset=["id"])[["component", "file", "id"]].drop_duplicates()
    ids_of: dict[tuple[Any, int], list[Any]] = {}
    for component, f, value in zip(
        named["component"].tolist(), named["file"].tolist(), named["id"].tolist(), strict=True
    ):
        ids_of.setdefault((component, int(f)), []).append(value)
    out = []
    for component, customer in zip(first["component"].tolist(), first["customer"].tolist(), strict=True):
        files = files_of[component]
        out.append(
            {
                "customer_id": str(customer),
                "via": via_of.get(component, "id"),
                "sources": [paths[f] for f in files],
                "ids": {Path(paths[f]).name: sorted(ids_of.get((component, f), [])) for f in files},
            }
        )
    return out
