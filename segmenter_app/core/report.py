"""The JSON report of a ``segment`` run: the automation interface, so its keys stay stable.

Keys: ``app``, ``command``, ``lang``, ``inputs`` (path, format, rows read, mapping used, how it
was read), ``rows`` (read, kept, excluded by reason, after_as_of; ``read == kept + sum(excluded)``),
``as_of``, ``customers``, ``method``, ``parameters``, ``details`` (the method's cut points, fit,
quality...), ``segments`` (key, name, customers, revenue, shares, averages, quality, action),
``warnings``, ``timings_s``, ``output``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from segmenter_app import __version__
from segmenter_app.core import schema
from segmenter_app.core.analysis import Analysis, InputFile, RowAccount
from segmenter_app.core.i18n import Messages, UserError, count_text
from segmenter_app.core.summary import segment_summary

T = Messages(
    {
        "no_purchase": (
            "{n} customers have only returns, no purchase, up to the analysis date: they are in no segment (their rows are still counted as kept).",
            "{n} clients n'ont que des retours, aucun achat, jusqu'à la date d'analyse : ils ne sont dans aucun segment (leurs lignes restent comptées comme conservées).",
        ),
        "no_purchase_one": (
            "{n} customer has only returns, no purchase, up to the analysis date: they are in no segment (their rows are still counted as kept).",
            "{n} client n'a que des retours, aucun achat, jusqu'à la date d'analyse : il n'est dans aucun segment (ses lignes restent comptées comme conservées).",
        ),
        "special": (
            "'{path}' is not an ordinary file but a device or a pipe, which writing the report would replace. Choose a file name for the report, ending in .json.",
            "« {path} » n'est pas un fichier ordinaire mais un périphérique ou un tube, que l'écriture du rapport remplacerait. Choisissez un nom de fichier pour le rapport, terminé par .json.",
        ),
    }
)


def jsonable(value: Any) -> Any:
    """Convert numpy/pandas values (and NaN) into plain JSON values."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [jsonable(v) for v in value]
    if isinstance(value, pd.DataFrame):
        return [jsonable(row) for row in value.to_dict(orient="records")]
    if isinstance(value, pd.Series):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.isoformat()
    if isinstance(value, np.ndarray):
        return [jsonable(v) for v in value.tolist()]
    if isinstance(value, dt.date):  # datetime too
        return value.isoformat()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def account_dict(account: RowAccount) -> dict[str, Any]:
    """A row account as report JSON."""
    return {"read": account.read, "kept": account.kept, "excluded": dict(sorted(account.excluded.items()))}


def build_report(analysis: Analysis, outputs: dict[str, Any], command: str = "segment") -> dict[str, Any]:
    """The report of a finished run (see the module docstring for the keys)."""
    seg = analysis.segmentation
    segments: list[dict[str, Any]] = []
    if seg is not None:
        summary = segment_summary(analysis)
        quality = _scorecard(analysis)
        for row in summary.to_dict(orient="records"):
            key = row["key"]
            entry = dict(row)
            if key in quality.index:
                entry["quality"] = quality.loc[key].to_dict()
            plan = analysis.plans.get(key)
            if plan:
                entry["action"] = plan
            segments.append(entry)
    rows = account_dict(analysis.account)
    rows["after_as_of"] = analysis.rows_after_as_of
    warnings = [w for f in analysis.inputs for w in f.warnings] + _coverage_warnings(analysis)
    if outputs.get("csv_files") == []:  # mailing files asked for, the folder left empty: said
        from segmenter_app.core.export.mailing import MESSAGES as MAILING

        warnings.append(MAILING("no_recipient", analysis.lang))
    if seg is not None and seg.details.get("stale_recency"):  # RFM long after the last sale
        warnings.append(str(seg.details["stale_recency"]))
    report = {
        "app": {"name": "Segmenter", "version": __version__},
        "command": command,
        "lang": analysis.lang,
        "inputs": [
            {
                "path": f.path,
                "format": f.format,
                "kind": f.kind,
                "rows_read": f.rows_read,
                "mapping": f.mapping,
                "encoding": f.encoding,
                "delimiter": f.delimiter,
                "sheet": f.sheet,
                "header_row": f.header_row,
                "fingerprint": f.fingerprint,
                "account": account_dict(f.account) if f.account else None,
                "warnings": f.warnings,
            }
            for f in analysis.inputs
        ],
        "rows": rows,
        "as_of": analysis.as_of.date().isoformat() if analysis.as_of is not None else None,
        "customers": len(analysis.customers) if analysis.customers is not None else 0,
        "method": seg.method if seg else None,
        "parameters": seg.parameters if seg else {},
        "details": _details(analysis, outputs),
        "segments": segments,
        "warnings": warnings,
        "timings_s": analysis.timings_s,
        "output": {k: v for k, v in outputs.items() if k != "export"},
        "export": outputs.get("export"),
    }
    return jsonable(report)


def _coverage_warnings(analysis: Analysis) -> list[str]:
    """Say when customers of the sales are in no segment (only returns up to the analysis date)."""
    tx, table = analysis.transactions, analysis.customers
    if tx is None or tx.empty or table is None or analysis.as_of is None:
        return []
    dated = tx.loc[(tx[schema.T_DATE] < analysis.as_of + pd.Timedelta(days=1)).to_numpy(), schema.T_CUSTOMER]
    ids = pd.Index(dated.dropna().astype(str).unique())
    missing = int((~ids.isin(table.index.astype(str))).sum())
    return [count_text(T, "no_purchase", missing, analysis.lang)] if missing else []


def _details(analysis: Analysis, outputs: dict[str, Any]) -> Any:
    """The method's details; with a pseudonymized export, the customers they list are hashed
    with the same key, so the report does not give back the ids the workbook hides."""
    seg = analysis.segmentation
    if seg is None:
        return {}
    key_file = outputs.get("key_file")
    if not key_file or not Path(key_file).is_file():
        return seg.details
    from segmenter_app.core.export.pseudonymize import Pseudonymizer, read_key

    pseudonym = Pseudonymizer(read_key(Path(key_file)))
    return pseudonym.hide_listed_ids(seg.details, set(seg.assignments.index.astype(str)))


def _scorecard(analysis: Analysis) -> pd.DataFrame:
    """The quality scorecard indexed by segment key."""
    from segmenter_app.core.segmentation import quality

    card = quality.scorecard(analysis)
    return card.set_index("key") if "key" in card.columns else card


def write_report(
    report: dict[str, Any], path: str | os.PathLike[str], inputs: Iterable[InputFile] = ()
) -> None:
    """Write the report as strict UTF-8 JSON, atomically (a reader never sees half a file).

    Missing folders are created. Raises ``UserError`` when ``path`` is one of ``inputs`` (an
    input file is never overwritten), a folder, or cannot be written.
    """
    from segmenter_app.core.export.atomic import MESSAGES, atomic_path

    target = Path(path)
    if target.exists() and not target.is_file() and not target.is_dir():
        # A device or a pipe: the atomic move would replace it (as root, /dev/full itself).
        raise UserError(T, "special", path=str(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        raise UserError(MESSAGES, "locked", path=str(target)) from None
    # allow_nan=False: NaN and Infinity are not JSON; jsonable() already turned them into null.
    # default=str: a value of a type JSON lacks is written as text rather than failing the run.
    text = json.dumps(report, ensure_ascii=False, indent=2, allow_nan=False, default=str)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # A path whose name is not valid UTF-8 (an old system's "\xe9"): escaped, still JSON.
        text = json.dumps(report, ensure_ascii=True, indent=2, allow_nan=False, default=str)
    with atomic_path(target, inputs) as tmp:
        tmp.write_text(text, encoding="utf-8")
