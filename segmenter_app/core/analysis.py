"""The :class:`Analysis`: the state carried from step to step.

Each step reads what the steps before it produced and adds its own: Collect fills ``inputs``,
``transactions``, ``customer_attributes``, ``excluded`` and ``account``; the customer table fills
``customers``; Choose criteria fills ``criteria`` and ``goal``; Group fills ``segmentation``;
Act fills ``plans`` and ``control``; Measure fills ``measurements``. The GUI holds exactly one
Analysis; the command line builds one the same way; the project file saves and reloads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd


@dataclass
class RowAccount:
    """What happened to every input row: ``read == kept + sum(excluded.values())`` per file."""

    read: int = 0
    kept: int = 0
    excluded: dict[str, int] = field(default_factory=dict)  # reason key -> rows

    def add(self, other: RowAccount) -> None:
        """Add another file's account to this one."""
        self.read += other.read
        self.kept += other.kept
        for reason, count in other.excluded.items():
            self.excluded[reason] = self.excluded.get(reason, 0) + count

    @property
    def balanced(self) -> bool:
        """True when every row read is either kept or excluded."""
        return self.read == self.kept + sum(self.excluded.values())


@dataclass
class InputFile:
    """One imported file and how it was read."""

    path: str
    format: str = ""  # "csv", "xlsx", "xls", "ods" (detected from the content)
    fingerprint: str = ""  # sha256 of the file's bytes, to recognise it later
    size_bytes: int = 0
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    header_row: int = 1  # 1-based row number of the header in the file or sheet
    rows_read: int = 0  # data rows below the header (totals and trailing blanks included)
    mapping: dict[str, str] = field(default_factory=dict)  # input column -> role
    kind: str = "orders"  # "orders" (one row per line or per order) or "customers"
    account: RowAccount | None = None  # this file's own row account
    warnings: list[str] = field(default_factory=list)  # already translated, for the user
    details: dict[str, Any] = field(default_factory=dict)  # reader specifics (sheets, date orders...)


@dataclass
class Segmentation:
    """The output every method produces: one segment per customer, and why.

    ``assignments`` is indexed by customer id with at least the columns ``segment`` (a segment
    key) and ``reason`` (text in the analysis language); methods add their own (R/F/M scores,
    cluster, probabilities). ``segments`` lists the segment keys in display/priority order with
    their names (the user may rename them). ``details`` holds what the method wants to show or
    report: cut points, silhouette, fitted parameters, validation.
    """

    method: str
    parameters: dict[str, Any]
    assignments: pd.DataFrame
    segments: pd.DataFrame  # columns: key, name (index 0..n-1 = display order)
    details: dict[str, Any] = field(default_factory=dict)

    def name_of(self, key: str) -> str:
        """The display name of a segment key."""
        match = self.segments.loc[self.segments["key"] == key, "name"]
        return str(match.iloc[0]) if len(match) else key

    def counts(self) -> pd.Series:
        """Customers per segment key, in display order, zero for empty segments."""
        counts = self.assignments["segment"].value_counts()
        return counts.reindex(self.segments["key"], fill_value=0)


@dataclass
class Analysis:
    """Everything one segmentation project knows, step by step."""

    lang: str = "en"
    # Step 1, Collect
    inputs: list[InputFile] = field(default_factory=list)
    transactions: pd.DataFrame | None = None  # see schema.py, "Transaction table"
    customer_attributes: pd.DataFrame | None = None  # index customer_id, role-named columns
    excluded: pd.DataFrame | None = None  # source, source_row, reason, then original values
    account: RowAccount = field(default_factory=RowAccount)
    as_of: pd.Timestamp | None = None  # analysis date; later transactions are left out
    rows_after_as_of: int = 0  # kept transactions dated after as_of (accounted, not segmented)
    customers: pd.DataFrame | None = None  # see schema.py, "Customer table"
    # Step 2, Choose criteria
    goal: str | None = None
    criteria: list[str] = field(default_factory=list)
    # The method the chosen goal proposes ("rfm", "rules", "clusters", "predictive"): the Group step
    # starts with it until the user picks one there. None when no goal was chosen.
    suggested_method: str | None = None
    # Step 3, Group
    segmentation: Segmentation | None = None
    edits: list[dict[str, Any]] = field(default_factory=list)  # renames, merges, moves, replayable
    # Step 4, Act
    plans: dict[str, dict[str, Any]] = field(default_factory=dict)  # segment key -> plan fields
    control_share: float = 0.1
    seed: int = 20261123
    # Step 5, Measure
    measurements: list[dict[str, Any]] = field(default_factory=list)
    # Bookkeeping
    timings_s: dict[str, float] = field(default_factory=dict)
    project_path: str | None = None
