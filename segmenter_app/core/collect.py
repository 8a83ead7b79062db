"""Step 1, Collect: files in, transactions, customer attributes and the row account out.

:func:`import_files` reads every file (format by content, see ``reading/``), maps its columns to
roles (a given mapping, else a remembered one, else detection), cleans it (``cleaning.py``: every
row kept or excluded with a reason), then brings the files together:

- order files are appended; a customers file (no order date) is joined to them on customer id, or
  on email/phone when the ids do not match;
- customers are matched across files on normalized email and phone (an email or phone shared by
  several ids of the same file is not used to match, it is a family or a company address); each
  file's ``InputFile.details["matches"]`` lists the customers matched with another file
  (``customer_id``, ``via`` "email"/"phone"/"id", ``sources``, ``ids``) and ``matches_count``.

The GUI uses :func:`preview_file` (first rows as read, with what was detected, re-readable with
overrides) and :func:`detect_mapping` (the role of each column with a confidence) before the import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from segmenter_app.core import currency, schema
from segmenter_app.core.analysis import Analysis, InputFile, RowAccount
from segmenter_app.core.assemble import assemble
from segmenter_app.core.cleaning import ORDERS, REASONS, CleanResult, clean_file, file_kind
from segmenter_app.core.i18n import LANGUAGES, Messages, Phrase, UserError
from segmenter_app.core.identity import align_customer_files
from segmenter_app.core.progress import CancelToken, ProgressFn, no_progress
from segmenter_app.core.reading import roles as roles_mod
from segmenter_app.core.reading.detect import check_regular_file
from segmenter_app.core.reading.roles import RoleGuess, detect_roles, load_mapping_file, recall_mapping
from segmenter_app.core.reading.table import RawTable, fingerprint, list_sheets, read_table

__all__ = [
    "ImportOptions",
    "detect_mapping",
    "import_files",
    "list_sheets",
    "load_mapping",
    "preview_file",
    "render",
]

T = Messages(
    {
        "no_files": (
            "No file to import. Choose at least one file.",
            "Aucun fichier à importer. Choisissez au moins un fichier.",
        ),
        "no_orders": (
            "None of the files holds orders (a date and an amount per row). Add the sales or orders "
            "export of your shop.",
            "Aucun des fichiers ne contient de commandes (une date et un montant par ligne). Ajoutez "
            "l'export des ventes ou des commandes de votre boutique.",
        ),
        "nothing_kept": (
            "No row could be kept from the files: {reasons}. Check the column roles and the date order.",
            "Aucune ligne n'a pu être conservée : {reasons}. Vérifiez les rôles des colonnes et l'ordre "
            "des dates.",
        ),
        "no_rows": (
            "The files hold a header but no row of data: {names}. Export them again with their rows "
            "(check the period or the filters of the export).",
            "Les fichiers ont un en-tête mais aucune ligne de données : {names}. Exportez-les à nouveau "
            "avec leurs lignes (vérifiez la période ou les filtres de l'export).",
        ),
        "own_workbook": (
            "{path} is a workbook written by Segmenter (its segments and plan), not a sales or "
            "customers export. Give the exports it was made from, or open its project to see it again.",
            "{path} est un classeur écrit par Segmenter (ses segments et son plan), pas un export de "
            "ventes ou de clients. Donnez les exports dont il est issu, ou ouvrez son projet pour le "
            "revoir.",
        ),
        "same_content": (
            "{first} and {second} hold exactly the same data (two copies of one export?): every sale "
            "would count twice. Import only one of them.",
            "{first} et {second} contiennent exactement les mêmes données (deux copies d'un même export ?) : "
            "chaque vente compterait deux fois. N'importez que l'un des deux.",
        ),
        "reading": ("Reading {name}", "Lecture de {name}"),
        "cleaning": ("Checking the rows of {name}", "Vérification des lignes de {name}"),
        "joining": ("Matching customers across files", "Rapprochement des clients entre fichiers"),
        "ids_aligned": (
            "{count} customer ids of this file are written differently in the orders (leading zeros "
            "dropped by a spreadsheet, case, a leading apostrophe): they were matched to them.",
            "{count} identifiants clients de ce fichier s'écrivent autrement dans les commandes (zéros de "
            "tête retirés par un tableur, majuscules, apostrophe en tête) : ils leur ont été rapprochés.",
        ),
        "ids_aligned_one": (
            "1 customer id of this file is written differently in the orders (leading zeros dropped by "
            "a spreadsheet, case, a leading apostrophe): it was matched to them.",
            "1 identifiant client de ce fichier s'écrit autrement dans les commandes (zéros de tête "
            "retirés par un tableur, majuscules, apostrophe en tête) : il leur a été rapproché.",
        ),
    }
)


@dataclass
class ImportOptions:
    """How to import: ``date_order`` "auto"/"dmy"/"mdy"/"ymd" (forces the day/month order of
    ambiguous date columns), ``returns`` "net" (keep returns and cancellations, netted against
    purchases) or "exclude", ``duplicates`` "exclude" (rows identical to an earlier row are set
    aside) or "keep" (kept as purchases of their own), and per-file overrides keyed by path
    (``sheet``, ``header_row``, ``encoding``, ``delimiter``, ``kind``). ``remember`` saves the
    mapping used for each header."""

    date_order: str = "auto"
    returns: str = "net"
    duplicates: str = "exclude"
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    remember: bool = False
    lang: str | None = None


def load_mapping(path: str | Path) -> dict[str, Any]:
    """Read a ``--mapping FILE.json`` (format in ``reading/roles.py``)."""
    return load_mapping_file(path)


def render(note: tuple[Messages, str, dict[str, Any]], lang: str) -> str:
    """A (messages, key, params) note in ``lang``; params that are (messages, key) or a Phrase are
    translated too."""
    messages, key, params = note
    rendered = {
        k: (v[0](v[1], lang) if isinstance(v, tuple) else v.render(lang) if isinstance(v, Phrase) else v)
        for k, v in params.items()
    }
    return messages(key, lang, **rendered)


def detect_mapping(raw: RawTable, mapping: dict[str, Any] | None = None) -> dict[str, RoleGuess]:
    """The role of each column of a raw table: given mapping > remembered > detected."""
    given = (mapping or {}).get("columns", {}) if mapping else {}
    memory = recall_mapping(list(raw.frame.columns)) or {}
    memory.update({k: v for k, v in given.items() if k in raw.frame.columns})
    guesses = detect_roles(raw.frame, memory)
    for column in given:
        if column in guesses:
            guesses[column].reason = "mapping"
    return guesses


def preview_file(path: str | Path, rows: int = 50, lang: str = "en", **overrides: Any) -> dict[str, Any]:
    """What the GUI shows before importing a file: the first ``rows`` rows as read and what was found.

    ``overrides``: ``sheet``, ``encoding``, ``delimiter``, ``header_row`` (1-based). Returns
    {"format", "encoding", "delimiter", "sheet", "sheets" [{name, state}], "header_row",
    "columns", "rows" (DataFrame of text), "source_rows", "roles" {column: RoleGuess},
    "kind", "notes" (untranslated), "warnings" (the notes in ``lang``)}.
    """
    raw = read_table(path, nrows=rows, **{k: v for k, v in overrides.items() if v is not None})
    guesses = detect_mapping(raw)
    mapping = {c: g.role for c, g in guesses.items()}
    return {
        "format": raw.format,
        "encoding": raw.encoding,
        "delimiter": raw.delimiter,
        "compression": raw.compression,
        "sheet": raw.sheet,
        "sheets": raw.sheets,
        "header_row": raw.header_row,
        "columns": list(raw.frame.columns),
        "rows": raw.frame,
        "source_rows": raw.source_rows.tolist(),
        "roles": guesses,
        "kind": file_kind(mapping),
        "notes": raw.notes,
        "warnings": [render(note, lang) for note in raw.notes],
        "details": raw.details,
    }


def import_files(
    analysis: Analysis,
    paths: list[str] | list[Path],
    *,
    mapping: dict[str, Any] | None = None,
    options: ImportOptions | None = None,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> None:
    """Import the files into ``analysis`` (inputs, transactions, customer_attributes, excluded, account).

    ``mapping`` is a parsed mapping file (applied to every file that has its columns). Raises
    ``i18n.UserError`` for unusable input, ``progress.Cancelled`` when cancelled.
    """
    options = options or ImportOptions()
    lang = options.lang or analysis.lang
    if not paths:
        raise UserError(T, "no_files")
    for path in paths:
        # Before the fingerprints start: hashing a pipe (a FIFO chosen in the GUI) would block its
        # thread for ever, and a folder is said as such, as the command line does.
        check_regular_file(Path(path))
    results: list[CleanResult] = []
    inputs: list[InputFile] = []
    count = len(paths)
    # The files' sha256 (to recognise them later) is computed beside the reading (hashlib frees the GIL).
    import concurrent.futures as cf

    hasher = cf.ThreadPoolExecutor(max_workers=1, thread_name_prefix="segmenter-hash")
    digests = [hasher.submit(fingerprint, p) for p in paths]
    hasher.shutdown(wait=False)
    for source, path in enumerate(paths):
        name = Path(path).name
        span = 0.9 / count
        progress(source * span, T("reading", lang, name=name))
        override = dict((mapping or {}).get("files", {}).get(name, {}))
        override.update(options.overrides.get(str(path), {}))
        read_kwargs = {
            k: override.get(k, (mapping or {}).get(k))
            for k in ("sheet", "header_row", "encoding", "delimiter")
        }
        raw = read_table(
            path,
            progress=_slice(
                progress, source * span, source * span + span * 0.6, T("reading", lang, name=name)
            ),
            cancel=cancel,
            **{k: v for k, v in read_kwargs.items() if v is not None},
        )
        if cancel is not None:
            cancel.check()
        if read_kwargs.get("sheet") is None:  # a sheet chosen by the user is theirs to read
            _refuse_own_workbook(raw, name)
        file_columns = {**(mapping or {}).get("columns", {}), **override.get("columns", {})}
        guesses = detect_mapping(raw, {"columns": file_columns} if file_columns else None)
        file_mapping = {c: g.role for c, g in guesses.items()}
        kind = file_kind(file_mapping, override.get("kind") or (mapping or {}).get("kind"))
        progress(source * span + span * 0.6, T("cleaning", lang, name=name))
        date_order = override.get("date_order") or (mapping or {}).get("date_order") or options.date_order
        clean_progress = _slice(
            progress, source * span + span * 0.6, (source + 1) * span, T("cleaning", lang, name=name)
        )

        def tick(fraction: float, _progress: ProgressFn = clean_progress) -> None:
            if cancel is not None:
                cancel.check()
            _progress(fraction, "")

        result = clean_file(
            raw,
            file_mapping,
            source,
            kind=kind,
            date_order=date_order,
            returns=options.returns,
            duplicates=options.duplicates,
            tick=tick,
        )
        if options.remember:
            roles_mod.remember_mapping(list(raw.frame.columns), file_mapping)
        results.append(result)
        clean_progress(1.0, "")
        digest = digests[source].result()
        inputs.append(_input_file(raw, path, result, file_mapping, guesses, kind, lang, digest))
        if cancel is not None:
            cancel.check()
    seen: dict[str, str] = {}
    for inp in inputs:
        if inp.fingerprint in seen:
            raise UserError(
                T, "same_content", first=Path(seen[inp.fingerprint]).name, second=Path(inp.path).name
            )
        seen[inp.fingerprint] = inp.path
    if not any(r.kind == ORDERS for r in results) and not any(len(r.kept) for r in results):
        raise UserError(T, "no_orders")
    progress(0.9, T("joining", lang))
    rewritten = align_customer_files(results)
    for inp, aligned in zip(inputs, rewritten, strict=True):
        if aligned:
            # Said on the file whose ids were rewritten: its customers now join the orders.
            inp.details["ids_matched_loosely"] = len(aligned)
            key = "ids_aligned" if len(aligned) > 1 else "ids_aligned_one"
            inp.warnings.append(T(key, lang, count=len(aligned)))
            for other, texts in inp.details["warnings_by_lang"].items():
                texts.append(T(key, other, count=len(aligned)))
    customer_ids, matches = _resolve_identities(results, inputs)
    for inp, aligned in zip(inputs, rewritten, strict=True):
        # The matches show each file's ids as the file writes them ("42" beside "00042").
        name = Path(inp.path).name
        for match in matches if aligned else ():
            if name in match["ids"]:
                match["ids"][name] = sorted({aligned.get(i, i) for i in match["ids"][name]})
    progress(0.93, T("joining", lang))
    transactions, attributes = assemble(results, customer_ids)
    _refuse_same_sales(transactions, inputs)
    progress(0.98, T("joining", lang))
    for inp in inputs:
        inp.details["matches"] = [m for m in matches if inp.path in m["sources"]][:500]
        inp.details["matches_count"] = sum(1 for m in matches if inp.path in m["sources"])
    excluded = [r.excluded for r in results if len(r.excluded)]
    analysis.inputs = inputs
    analysis.transactions = transactions
    analysis.customer_attributes = attributes
    analysis.excluded = pd.concat(excluded, ignore_index=True) if excluded else _empty_excluded()
    account = RowAccount()
    for inp in inputs:
        account.add(inp.account)
    analysis.account = account
    if transactions.empty and (attributes is None or attributes.empty):
        if account.read == 0:
            raise UserError(T, "no_rows", names=", ".join(Path(inp.path).name for inp in inputs))
        if not account.excluded and not any(r.kind == ORDERS for r in results):
            # Rows were kept, but customers alone with nothing to describe them: orders are missing.
            raise UserError(T, "no_orders")
        counts = sorted(account.excluded.items(), key=lambda kv: -kv[1])
        reasons = Phrase(
            lambda lang: ", ".join(
                f"{REASONS(k, lang).lower() if REASONS.has(k) else k} ({v})" for k, v in counts
            )
        )
        raise UserError(T, "nothing_kept", reasons=reasons)
    progress(1.0, "")


def _slice(progress: ProgressFn, start: float, end: float, message: str) -> ProgressFn:
    """A progress callback mapping 0..1 into [start, end] of the parent, with a fixed message."""
    return lambda fraction, _message: progress(start + (end - start) * fraction, message)


def _refuse_own_workbook(raw: RawTable, name: str) -> None:
    """Refuse a workbook Segmenter exported (its Summary, All customers and Method sheets): read
    as sales, its first sheet gave 'RFM needs purchases, and these customers have none'."""
    if len(raw.sheets) < 3:
        return  # not the three sheets: no need to load the export's modules (60 ms) to know
    from segmenter_app.core.export.labels import SHEETS

    names = {str(sheet.get("name")) for sheet in raw.sheets}
    if any({SHEETS(key, lang) for key in ("summary", "all", "method")} <= names for lang in LANGUAGES):
        raise UserError(T, "own_workbook", path=name)


def _refuse_same_sales(transactions: pd.DataFrame, inputs: list[InputFile]) -> None:
    """Refuse two files holding the same sales in two forms (an export and the XLSX Excel saved
    from it, or its .csv.gz): their bytes differ, so the fingerprint check cannot see it, and
    every sale counted twice. Only files of as many kept sales are compared; when every sale
    has its order number, the customers are left out of the comparison (two files' ids are kept
    apart when their columns are named differently: "C001" and "C001 (file 2)")."""
    if len(inputs) < 2 or len(transactions) < 2 or schema.T_SOURCE not in transactions.columns:
        return
    columns = [
        c for c in (schema.T_CUSTOMER, schema.T_ORDER, schema.T_DATE, schema.T_AMOUNT) if c in transactions
    ]
    sizes = transactions.groupby(schema.T_SOURCE, sort=False).size()
    for _size, same in sizes[sizes >= 3].groupby(sizes):
        if len(same) < 2:
            continue
        seen: dict[int, pd.DataFrame] = {}
        for source in same.index:
            part = transactions.loc[transactions[schema.T_SOURCE] == source, columns]
            if schema.T_ORDER in part and part[schema.T_ORDER].notna().all():
                part = part.drop(columns=schema.T_CUSTOMER, errors="ignore")
            part = part.sort_values(list(part.columns), na_position="last").reset_index(drop=True)
            for first, other in seen.items():
                if part.equals(other):
                    names = {i: Path(inp.path).name for i, inp in enumerate(inputs)}
                    raise UserError(
                        T, "same_content", first=names.get(first, first), second=names.get(source, source)
                    )
            seen[int(source)] = part


def _empty_excluded() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source": pd.Series(dtype="int64"),
            "source_row": pd.Series(dtype="int64"),
            "reason": pd.Series(dtype="str"),
        }
    )


def input_warnings(item: InputFile, lang: str) -> list[str]:
    """The import's warnings about one file in ``lang`` (in the import's language for a project
    saved before every language's wording was kept)."""
    by_lang = item.details.get("warnings_by_lang")
    if isinstance(by_lang, dict) and isinstance(by_lang.get(lang), list):
        return [str(text) for text in by_lang[lang]]
    return list(item.warnings)


def _input_file(
    raw: RawTable,
    path: str | Path,
    result: CleanResult,
    mapping: dict[str, str],
    guesses: dict[str, RoleGuess],
    kind: str,
    lang: str,
    digest: str = "",
) -> InputFile:
    p = Path(path)
    details = dict(raw.details)
    details.update(result.details)
    details["sheets"] = raw.sheets
    details["compression"] = raw.compression
    details["confidence"] = {c: round(g.confidence, 2) for c, g in guesses.items()}
    details["role_source"] = {c: g.reason for c, g in guesses.items()}
    details["header_signature"] = roles_mod.header_signature(list(raw.frame.columns))
    # The currency the amounts are marked with ("¥1,200"), from the rows at hand: found later, it
    # meant reading the file a second time (a whole sheet for a workbook without its size).
    amounts = [c for c, r in mapping.items() if r in (schema.AMOUNT, schema.UNIT_PRICE) and c in raw.frame]
    texts = [str(v) for c in amounts for v in raw.frame[c].iloc[: currency.SAMPLE_ROWS].dropna().tolist()]
    details["currency_marks"] = currency.detect_currency_marks(texts) or ""
    notes = [*raw.notes, *result.warnings]
    warnings = [render(note, lang) for note in notes]
    # Every language's wording too: the window shows the warnings in the language chosen later.
    details["warnings_by_lang"] = {other: [render(note, other) for note in notes] for other in LANGUAGES}
    return InputFile(
        path=str(p),
        format=raw.format,
        fingerprint=digest,
        size_bytes=p.stat().st_size,
        encoding=raw.encoding,
        delimiter=raw.delimiter,
        sheet=raw.sheet,
        header_row=raw.header_row,
        rows_read=result.account.read,
        mapping={c: r for c, r in mapping.items() if r != schema.IGNORE},
        kind=kind,
        account=result.account,
        warnings=warnings,
        details=details,
    )


# --- Identities across files ---------------------------------------------------------------------


def _resolve_identities(
    results: list[CleanResult], inputs: list[InputFile]
) -> tuple[list[pd.Series], list[dict]]:
    """One customer id per kept row of every file, and the customers matched across files."""
    simple = len(results) == 1 and results[0].kept[schema.T_CUSTOMER].notna().all()
    if simple:
        return [results[0].kept[schema.T_CUSTOMER].astype("str")], []
    from segmenter_app.core.identity import resolve

    id_columns = [
        next((c for c, r in inp.mapping.items() if r == schema.CUSTOMER_ID), None) for inp in inputs
    ]
    return resolve(results, [inp.path for inp in inputs], id_columns)
