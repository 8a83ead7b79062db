"""Turning chosen criteria into the numbers k-means works on, and back into words.

Numbers: missing values take the median, skewed ones (amounts, counts) are log-transformed so a
few big customers do not make their own clusters, then all are standardised. Categories: the most
frequent values (and "other", and "missing") one-hot encoded. Dates are left out (they are
already summarised as days in the customer table).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from segmenter_app.core import schema as s
from segmenter_app.core.i18n import Messages, UserError
from segmenter_app.core.segmentation.labels import IDENTIFYING

SKEW_LIMIT = 1.0
MAX_CATEGORIES = 8
DEFAULT_CRITERIA = (s.C_RECENCY, s.C_FREQUENCY, s.C_MONETARY, s.C_AVG_BASKET)
# Whether a customer can be reached says how to talk to a group, not what the group is.
CONTACT_FLAGS = (s.C_HAS_EMAIL, s.C_HAS_PHONE, s.C_CONTACTABLE, s.CONSENT, s.OPT_OUT)

MESSAGES = Messages(
    {
        "no_criteria": (
            "None of the chosen criteria can be used for clusters ({criteria}). Choose numbers or categories "
            "that most customers have.",
            "Aucun des critères choisis n'est utilisable pour les groupes ({criteria}). Choisissez des nombres "
            "ou des catégories que la plupart des clients ont.",
        ),
        "unknown_criteria": (
            "The customer table has no criterion '{name}'. Available: {available}.",
            "La table clients n'a pas de critère « {name} ». Disponibles : {available}.",
        ),
    }
)


@dataclass
class Features:
    """The matrix k-means sees, and how each criterion was prepared."""

    matrix: np.ndarray  # rows = customers (table order), standardised / one-hot columns
    columns: list[str]  # matrix column names: the criterion, or "criterion=value" for categories
    source: list[str]  # matrix column -> criterion
    numeric: list[str]
    categorical: list[str]
    transforms: dict[str, str] = field(default_factory=dict)  # criterion -> "log" | "none" | "one-hot"
    imputed: dict[str, int] = field(default_factory=dict)  # criterion -> missing values filled
    left_out: list[str] = field(default_factory=list)


def default_criteria(customers: pd.DataFrame, chosen: list[str] | None) -> list[str]:
    """The criteria to cluster on: the chosen ones, else recency/frequency/spend/basket when the
    table has them, else every usable column that most customers have."""
    if chosen:
        missing = [c for c in chosen if c not in customers.columns]
        if missing:
            raise UserError(
                MESSAGES,
                "unknown_criteria",
                name=missing[0],
                available=", ".join(map(str, customers.columns)),
            )
        return list(chosen)
    behavioural = [
        c
        for c in DEFAULT_CRITERIA
        if c in customers.columns and customers[c].notna().mean() > 0.5 and customers[c].nunique() > 1
    ]
    if behavioural:
        return behavioural
    return [
        c
        for c in customers.columns
        if c not in IDENTIFYING
        and c not in CONTACT_FLAGS
        and not (c == s.C_AGE_BAND and s.AGE in customers.columns)  # the band repeats the age
        and not pd.api.types.is_datetime64_any_dtype(customers[c])
        and customers[c].notna().mean() > 0.5
        and customers[c].nunique() > 1
    ]


def _is_numeric(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


def build_features(customers: pd.DataFrame, criteria: list[str]) -> Features:
    """Prepare the criteria (see the module docstring); raises when none is usable."""
    blocks: list[np.ndarray] = []
    columns: list[str] = []
    source: list[str] = []
    numeric: list[str] = []
    categorical: list[str] = []
    transforms: dict[str, str] = {}
    imputed: dict[str, int] = {}
    left_out: list[str] = []
    for criterion in criteria:
        column = customers[criterion]
        if pd.api.types.is_datetime64_any_dtype(column) or column.notna().sum() == 0 or column.nunique() < 2:
            left_out.append(criterion)
            continue
        if _is_numeric(column):
            values = column.astype(float)
            missing = int(values.isna().sum())
            if missing:
                imputed[criterion] = missing
                values = values.fillna(values.median())
            skew = float(values.skew()) if len(values) > 2 else 0.0
            if abs(skew) > SKEW_LIMIT:
                values = np.sign(values) * np.log1p(values.abs())
                transforms[criterion] = "log"
            else:
                transforms[criterion] = "none"
            std = float(values.std(ddof=0)) or 1.0
            blocks.append(((values - values.mean()) / std).to_numpy()[:, None])
            columns.append(criterion)
            source.append(criterion)
            numeric.append(criterion)
        else:
            text = column.astype("string").fillna("(missing)")
            top = text.value_counts().index[:MAX_CATEGORIES].tolist()
            text = text.where(text.isin(top), "(other)")
            dummies = pd.get_dummies(text).astype(float)
            blocks.append(dummies.to_numpy())
            columns.extend(f"{criterion}={value}" for value in dummies.columns)
            source.extend([criterion] * dummies.shape[1])
            categorical.append(criterion)
            transforms[criterion] = "one-hot"
    if not blocks:
        raise UserError(MESSAGES, "no_criteria", criteria=", ".join(criteria))
    return Features(
        matrix=np.hstack(blocks),
        columns=columns,
        source=source,
        numeric=numeric,
        categorical=categorical,
        transforms=transforms,
        imputed=imputed,
        left_out=left_out,
    )


def as_details(features: Features) -> dict[str, Any]:
    """How the criteria were prepared, for the report."""
    return {
        "criteria": features.numeric + features.categorical,
        "transforms": features.transforms,
        "imputed_missing": features.imputed,
        "left_out": features.left_out,
        "matrix_columns": features.columns,
    }
