"""How a project's values and tables are written (see :mod:`project` for the file's layout):
values as JSON with tagged types for what JSON lacks (timestamps, tuples, dicts with non-text
keys, the analysis' dataclasses), tables as Parquet with what is needed to rebuild their dtypes
and index exactly. No pickle: a file from elsewhere cannot run code when it is opened."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from segmenter_app.core.analysis import Analysis, InputFile, RowAccount, Segmentation

# The only classes a project may rebuild (never a class named by the file itself).
DATACLASSES: dict[str, type] = {
    "Analysis": Analysis,
    "InputFile": InputFile,
    "RowAccount": RowAccount,
    "Segmentation": Segmentation,
}


# --- Values -> JSON -------------------------------------------------------------------------------


class Encoder:
    """Turns the analysis into JSON-able values, collecting its tables on the way."""

    def __init__(self) -> None:
        self.tables: dict[str, pd.DataFrame] = {}
        self.lossy: list[str] = []

    def table(self, frame: pd.DataFrame, path: str) -> str:
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", path).strip("_") or "table"
        base, n = name, 1
        while name in self.tables:
            n += 1
            name = f"{base}_{n}"
        self.tables[name] = frame
        return name

    def encode(self, value: Any, path: str) -> Any:
        if value is None or isinstance(value, bool | str):
            return value
        if isinstance(value, int | float) and not isinstance(value, np.generic):
            return value
        if isinstance(value, np.generic):
            if isinstance(value, np.datetime64 | np.timedelta64):
                return self.encode(
                    pd.Timestamp(value) if isinstance(value, np.datetime64) else pd.Timedelta(value), path
                )
            return {"__np__": value.dtype.str, "value": value.item()}
        if value is pd.NaT:
            return {"__nat__": True}
        if value is pd.NA:
            return {"__na__": True}
        if isinstance(value, pd.Timestamp):
            return {
                "__ts__": value.isoformat(),
                "unit": value.unit,
                "tz": str(value.tz) if value.tz else None,
            }
        if isinstance(value, pd.Timedelta):
            return {"__td__": int(value.value)}
        if isinstance(value, dt.datetime):
            return {"__datetime__": value.isoformat()}
        if isinstance(value, dt.date):
            return {"__date__": value.isoformat()}
        if isinstance(value, pd.DataFrame):
            return {"__table__": self.table(value, path)}
        if isinstance(value, pd.Series):
            frame = value.to_frame(name="values")
            return {"__series__": self.table(frame, path), "name": self.encode(value.name, path + ".name")}
        if isinstance(value, np.ndarray):
            return {"__ndarray__": self.encode(value.tolist(), path), "dtype": value.dtype.str}
        if isinstance(value, tuple):
            return {"__tuple__": [self.encode(v, f"{path}.{i}") for i, v in enumerate(value)]}
        if isinstance(value, set | frozenset):
            return {"__set__": [self.encode(v, f"{path}.{i}") for i, v in enumerate(sorted(value, key=repr))]}
        if isinstance(value, list):
            return [self.encode(v, f"{path}.{i}") for i, v in enumerate(value)]
        if isinstance(value, dict):
            if all(isinstance(k, str) and not (k.startswith("__") and k.endswith("__")) for k in value):
                return {k: self.encode(v, f"{path}.{k}") for k, v in value.items()}
            return {
                "__pairs__": [
                    [self.encode(k, path), self.encode(v, f"{path}.{i}")]
                    for i, (k, v) in enumerate(value.items())
                ]
            }
        if dataclasses.is_dataclass(value) and type(value).__name__ in DATACLASSES:
            names = [f.name for f in dataclasses.fields(value)]
            extra = [k for k in vars(value) if k not in names and not k.startswith("_")]
            return {
                "__dc__": type(value).__name__,
                "fields": {k: self.encode(getattr(value, k), f"{path}.{k}") for k in names},
                "extra": {k: self.encode(getattr(value, k), f"{path}.{k}") for k in extra},
            }
        # Something the format does not know: kept as text, and said in the manifest.
        self.lossy.append(path)
        return {"__text__": str(value), "type": type(value).__name__}


class Decoder:
    """Rebuilds values from their JSON form, reading tables on demand."""

    def __init__(self, read_table: Callable[[str], pd.DataFrame]) -> None:
        self.read_table = read_table

    def decode(self, value: Any) -> Any:
        if isinstance(value, list):
            return [self.decode(v) for v in value]
        if not isinstance(value, dict):
            return value
        if "__np__" in value:
            return np.array(value["value"], dtype=np.dtype(value["__np__"]))[()]
        if "__nat__" in value:
            return pd.NaT
        if "__na__" in value:
            return pd.NA
        if "__ts__" in value:
            stamp = pd.Timestamp(value["__ts__"])
            if value.get("tz"):
                stamp = stamp.tz_convert(value["tz"])
            return stamp.as_unit(value["unit"]) if value.get("unit") else stamp
        if "__td__" in value:
            return pd.Timedelta(int(value["__td__"]), unit="ns")
        if "__datetime__" in value:
            return dt.datetime.fromisoformat(value["__datetime__"])
        if "__date__" in value:
            return dt.date.fromisoformat(value["__date__"])
        if "__table__" in value:
            return self.read_table(value["__table__"])
        if "__series__" in value:
            series = self.read_table(value["__series__"])["values"]
            series.name = self.decode(value.get("name"))
            return series
        if "__ndarray__" in value:
            return np.array(self.decode(value["__ndarray__"]), dtype=np.dtype(value["dtype"]))
        if "__tuple__" in value:
            return tuple(self.decode(v) for v in value["__tuple__"])
        if "__set__" in value:
            return {self.decode(v) for v in value["__set__"]}
        if "__pairs__" in value:
            return {self.decode(k): self.decode(v) for k, v in value["__pairs__"]}
        if "__dc__" in value:
            cls = DATACLASSES.get(value["__dc__"])
            if cls is None:
                raise ValueError(f"unknown class {value['__dc__']!r}")
            known = {f.name for f in dataclasses.fields(cls)}
            fields = {k: self.decode(v) for k, v in value.get("fields", {}).items() if k in known}
            obj = cls(**fields)
            for k, v in value.get("extra", {}).items():
                setattr(obj, k, self.decode(v))
            return obj
        if "__text__" in value:
            return value["__text__"]
        return {k: self.decode(v) for k, v in value.items()}


# --- Tables <-> Parquet ---------------------------------------------------------------------------


def _json_cell(value: Any) -> str | None:
    """One cell of a mixed-type column as tagged JSON text (None stays None)."""
    if value is None:
        return None
    return json.dumps(Encoder().encode(value, "cell"), ensure_ascii=False)


def table_bytes(frame: pd.DataFrame) -> tuple[bytes, dict[str, Any]]:
    """A table as Parquet bytes, and what is needed to rebuild it exactly."""
    meta: dict[str, Any] = {
        "rows": len(frame),
        "columns": Encoder().encode(list(frame.columns), "columns"),
        "dtypes": [str(d) for d in frame.dtypes],
        "index_dtype": str(frame.index.dtype),
        "json_columns": [],
    }
    out = frame.copy(deep=False)
    out.columns = [f"c{i}" for i in range(frame.shape[1])]
    for i, column in enumerate(out.columns):
        series = out[column]
        if series.dtype == object:
            kind = pd.api.types.infer_dtype(series, skipna=True)
            missing = {type(v).__name__ for v in series[series.isna()].head(10000)}
            if kind in ("string", "empty") and len(missing) <= 1:
                # Text: stored as a Parquet string column; the kind of its empty cells is noted.
                meta.setdefault("missing", {})[str(i)] = missing.pop() if missing else None
            else:
                # Mixed values (text and numbers...): each cell as tagged JSON, rebuilt on load.
                out[column] = pd.Series([_json_cell(v) for v in series], index=series.index, dtype=object)
                meta["json_columns"].append(i)
    if out.index.dtype == object and pd.api.types.infer_dtype(out.index, skipna=True) not in (
        "string",
        "empty",
    ):
        raise TypeError("table index with mixed types")
    buffer = io.BytesIO()
    out.to_parquet(buffer, engine="pyarrow", index=None, compression="zstd")  # None keeps a RangeIndex
    return buffer.getvalue(), meta


def table_from_bytes(data: bytes, meta: dict[str, Any]) -> pd.DataFrame:
    """Rebuild a table written by :func:`table_bytes`."""
    frame = pd.read_parquet(io.BytesIO(data), engine="pyarrow")
    decoder = Decoder(lambda name: pd.DataFrame())
    for i in meta.get("json_columns", []):
        column = frame.columns[i]
        frame[column] = pd.Series(
            [decoder.decode(json.loads(v)) if isinstance(v, str) else None for v in frame[column]],
            index=frame.index,
            dtype=object,
        )
    for column, dtype in zip(frame.columns, meta.get("dtypes", []), strict=False):
        if str(frame[column].dtype) != dtype:
            frame[column] = _as_dtype(frame[column], dtype)
    empty_cells = {"NoneType": None, "float": float("nan"), "NAType": pd.NA, "NaTType": pd.NaT}
    for i, kind in meta.get("missing", {}).items():
        column = frame.columns[int(i)]
        if kind in empty_cells and frame[column].dtype == object:
            values = frame[column].to_numpy(copy=True)
            values[pd.isna(values)] = empty_cells[kind]
            frame[column] = pd.Series(values, index=frame.index, dtype=object)
    if str(frame.index.dtype) != meta.get("index_dtype", str(frame.index.dtype)):
        frame.index = pd.Index(_as_dtype(frame.index.to_series(), meta["index_dtype"]), name=frame.index.name)
    frame.columns = (
        pd.Index(decoder.decode(meta["columns"])) if meta.get("columns") is not None else frame.columns
    )
    return frame


def _as_dtype(series: pd.Series, dtype: str) -> pd.Series:
    """A column back in its saved dtype ("object" text columns come back as str otherwise)."""
    try:
        return series.astype(dtype)
    except (TypeError, ValueError):
        return series
