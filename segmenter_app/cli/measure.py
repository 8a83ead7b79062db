"""``measure PROJECT RESULTS [--campaign-date D --window-days N] --out OUT.xlsx [--report R.json]
[--pseudonymize [--key-file FILE]]``.

Opens a saved project, reads the campaign's results (a results sheet, or a later sales export
with the campaign date and a window), measures every segment and the uplift over the control
group, adds the migration between snapshots (a re-run on the newer sales, or ``--compare``
another project), and writes the workbook (with its Results sheet) and the JSON report.

Report keys: ``app``, ``command`` ("measure"), ``lang``, ``project``, ``results`` (path, kind,
fingerprint, rows read, excluded by reason, unmatched customers), ``campaign_date``,
``window_days``, ``control_observed``, ``segments`` (each segment's figures and 95% intervals,
see ``segmenter_app.core.measure``), ``total``, ``alerts``, ``migration`` (matrix, moves,
growth, customers who left the best segments; null when no second snapshot), ``timings_s``,
``output`` (``key_file`` added with ``--pseudonymize``), ``export``. With ``--pseudonymize``
(and ``--key-file``, default beside ``--out``) the workbook is pseudonymized as by ``segment
--pseudonymize`` and the customers the report lists (the migration's ``left_best``) are given by
their pseudonyms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
import time
from pathlib import Path
from typing import Any

import pandas as pd

from segmenter_app.core.i18n import LANGUAGES, Messages, UserError, count_text

log = logging.getLogger(__name__)

T = Messages(
    {
        "bad_date": (
            "The campaign date '{value}' is not a date. Write it as YYYY-MM-DD, for example 2026-03-15.",
            "La date de campagne « {value} » n'est pas une date. Écrivez-la sous la forme AAAA-MM-JJ, par exemple 2026-03-15.",
        ),
        "date_range": (
            "The campaign date '{value}' is out of range: give a date from {low} to {high}.",
            "La date de campagne « {value} » est hors limites : donnez une date du {low} au {high}.",
        ),
        "bad_window": (
            "--window-days takes a whole number of days from 1 to 366, not {value}.",
            "--window-days accepte un nombre entier de jours de 1 à 366, pas {value}.",
        ),
        "no_segments": (
            "The project '{path}' has no segments yet: segment the customers and save the project before measuring.",
            "Le projet « {path} » n'a pas encore de segments : segmentez les clients et enregistrez le projet avant de mesurer.",
        ),
        "same_file": (
            "'{path}' is one of the files this command reads: choose another name for --out, --report or --save-project, so nothing you gave is overwritten.",
            "« {path} » est l'un des fichiers lus par cette commande : choisissez un autre nom pour --out, --report ou --save-project, afin de ne rien écraser de ce que vous avez fourni.",
        ),
        "key_same_file": (
            "'{path}' cannot be the pseudonymization key: this command reads or writes it as another file. Choose another name for --key-file (the key file of the segment export keeps the same pseudonyms).",
            "« {path} » ne peut pas être la clé de pseudonymisation : cette commande le lit ou l'écrit comme un autre fichier. Choisissez un autre nom pour --key-file (le fichier de clé de l'export des segments garde les mêmes pseudonymes).",
        ),
        "done": (
            "{segments} measured ({conversions} among {contacted}): {uplift} Written to {out}",
            "{segments} ({conversions} parmi {contacted}) : {uplift} Écrit dans {out}",
        ),
        # Counted in words: "1 segment measured", "1 conversion" (French agrees from 2 on).
        "segments": ("{n} segments", "{n} segments mesurés"),
        "segments_one": ("{n} segment", "{n} segment mesuré"),
        "conversions": ("{n} conversions", "{n} conversions"),
        "conversions_one": ("{n} conversion", "{n} conversion"),
        "contacted": ("{n} contacted customers", "{n} clients contactés"),
        "contacted_one": ("{n} contacted customer", "{n} client contacté"),
    }
)


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the ``measure`` subcommand."""
    p = sub.add_parser(
        "measure",
        help="measure a campaign: results per segment, uplift over the control group, migration",
    )
    p.add_argument("project", metavar="PROJECT", help="the project saved by 'segment --save-project'")
    p.add_argument(
        "results",
        metavar="RESULTS",
        help="a results sheet (customer, converted yes/no, revenue) or a later sales export",
    )
    p.add_argument(
        "--campaign-date",
        metavar="YYYY-MM-DD",
        help="when the campaign went out (needed with a sales export)",
    )
    p.add_argument(
        "--window-days",
        type=int,
        default=30,
        help="with a sales export: a purchase within this many days from the campaign date is a conversion",
    )
    p.add_argument(
        "--out", required=True, metavar="OUT.xlsx", help="the workbook to write, with a Results sheet"
    )
    p.add_argument("--report", metavar="REPORT.json", help="also write a JSON report of the measure")
    p.add_argument("--lang", choices=LANGUAGES, default=None, help="language of messages and workbook")
    p.add_argument(
        "--compare",
        metavar="PROJECT2",
        help="another saved project to compare segments with (migration), instead of a re-run",
    )
    p.add_argument(
        "--save-project",
        metavar="PROJECT",
        help="save the project with this measurement added (may be the same file)",
    )
    p.add_argument(
        "--pseudonymize",
        action="store_true",
        help="replace identifiers by keyed hashes, drop names and contacts (as 'segment --pseudonymize')",
    )
    p.add_argument(
        "--key-file",
        metavar="FILE",
        help="the pseudonymization key (default: beside --out); give the key file of the segment "
        "export to keep the same pseudonyms",
    )
    p.set_defaults(run=run)


def _campaign_date(value: str | None) -> pd.Timestamp | None:
    """The campaign date, ISO only (03/04/2026 could be March or April)."""
    if value is None:
        return None
    from segmenter_app.cli.segment import AS_OF_RANGE

    try:
        date = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UserError(T, "bad_date", value=value) from None
    if not AS_OF_RANGE[0] <= date <= AS_OF_RANGE[1]:  # 9999-12-31 + the window overflows
        low, high = (d.isoformat() for d in AS_OF_RANGE)
        raise UserError(T, "date_range", value=value, low=low, high=high)
    return pd.Timestamp(date)


def _check_outputs(args: argparse.Namespace) -> None:
    """Refuse to write the workbook or the report over the results, the project or the compared
    project, or over each other (the saved project may replace the project it was opened from)."""
    from segmenter_app.cli.segment import T as SEGMENT_TEXTS
    from segmenter_app.cli.segment import check_out_folder, check_special_output

    for option, value in (("out", args.out), ("report", args.report), ("save-project", args.save_project)):
        if value:
            check_special_output(option, Path(value))
    read = {Path(p).resolve() for p in (args.results, args.project, args.compare) if p}
    written: set[Path] = set()
    key_file = key_path(args)
    if key_file:
        check_special_output("key-file", Path(key_file))
        if Path(key_file).resolve() in read | {
            Path(p).resolve() for p in (args.out, args.report, args.save_project) if p
        }:
            raise UserError(T, "key_same_file", path=key_file)
    for path in (args.out, args.report):
        if path and (Path(path).resolve() in read or Path(path).resolve() in written):
            raise UserError(T, "same_file", path=path)
        if path:
            written.add(Path(path).resolve())
    if args.save_project and Path(args.save_project).resolve() in (read | written) - {
        Path(args.project).resolve()
    }:
        raise UserError(T, "same_file", path=args.save_project)
    if Path(args.out.strip()).suffix.lower() != ".xlsx":
        raise UserError(SEGMENT_TEXTS, "bad_out", value=args.out)
    check_out_folder(args.out)


def key_path(args: argparse.Namespace) -> str | None:
    """The pseudonymization key file of a ``--pseudonymize`` run (beside ``--out`` unless given),
    None without ``--pseudonymize``."""
    if not args.pseudonymize:
        return None
    from segmenter_app.core.pipeline import default_key_path

    return args.key_file or default_key_path(args.out)


def _hidden(analysis: Any, measurement: dict[str, Any], key_file: str | None) -> dict[str, Any]:
    """The measurement as the report shows it: with a pseudonymized export, the customers it
    lists (the migration's) under the workbook's pseudonyms, not their ids."""
    if not key_file or analysis.segmentation is None:
        return measurement
    from segmenter_app.core.export.pseudonymize import Pseudonymizer, read_key
    from segmenter_app.core.measure.pseudonyms import pseudonymize_measurement

    ids = set(analysis.segmentation.assignments.index.astype(str))
    return pseudonymize_measurement(measurement, Pseudonymizer(read_key(Path(key_file))), ids)


def build_report(
    analysis: Any, measurement: dict[str, Any], args: argparse.Namespace, outputs: dict[str, Any]
) -> dict[str, Any]:
    """The JSON report of a measure run (keys in the module docstring)."""
    from segmenter_app import __version__
    from segmenter_app.core.report import jsonable

    measurement = _hidden(analysis, measurement, outputs.get("key_file"))
    source = measurement["source"]
    return jsonable(
        {
            "app": {"name": "Segmenter", "version": __version__},
            "command": "measure",
            "lang": analysis.lang,
            "project": str(Path(args.project).resolve()),
            "results": {
                "path": source["path"],
                "kind": measurement["kind"],
                "fingerprint": source["fingerprint"],
                "rows_read": source["rows_read"],
                "excluded": source["excluded"],
                "unmatched_customers": source["unmatched_customers"],
                "details": source.get("details", {}),
            },
            "measurement_id": measurement["id"],
            "campaign_date": measurement["campaign_date"],
            "window_days": measurement["window_days"],
            "control_observed": measurement["control_observed"],
            "contacted_not_in_results": measurement["contacted_not_in_results"],
            "segments": measurement["segments"],
            "total": measurement["total"],
            "alerts": measurement["alerts"],
            "migration": measurement["migration"],
            "timings_s": analysis.timings_s,
            "output": {k: v for k, v in outputs.items() if k != "export"},
            "export": outputs.get("export"),
        }
    )


def run(args: argparse.Namespace) -> int:
    """Run ``measure``; return the exit code (0, 1 or 2)."""
    from segmenter_app.cli import EXIT_OK, run_command

    lang = args.lang or "en"

    def body() -> int:
        from segmenter_app.cli.segment import check_names, check_not_empty
        from segmenter_app.core import export, measure, project
        from segmenter_app.core.report import write_report

        check_not_empty(args, ("report", "compare", "save_project", "key_file"))
        check_names(args, ("project", "results", "out", "report", "compare", "save_project", "key_file"))
        date = _campaign_date(args.campaign_date)
        _check_outputs(args)
        if not 1 <= args.window_days <= 366:
            raise UserError(T, "bad_window", value=args.window_days)
        timings: dict[str, float] = {}
        started = time.perf_counter()
        analysis = project.load_project(args.project)
        if analysis.segmentation is None:
            raise UserError(T, "no_segments", path=args.project)
        if analysis.lang != lang:
            # The measure speaks --lang: the names the app gave the segments are said in it too.
            from segmenter_app.core.segmentation.names import rename_in

            rename_in(analysis, lang)
        analysis.lang = lang
        other = project.load_project(args.compare) if args.compare else None
        if other is not None and other.segmentation is None:
            raise UserError(T, "no_segments", path=args.compare)
        timings["load"] = round(time.perf_counter() - started, 3)
        log.info("measure: project loaded, results kind being read")
        started = time.perf_counter()
        measurement = measure.measure_results(
            analysis, args.results, campaign_date=date, window_days=args.window_days, compare_with=other
        )
        timings["measure"] = round(time.perf_counter() - started, 3)
        outputs: dict[str, Any] = {}
        started = time.perf_counter()
        key_file = key_path(args)
        if key_file:
            outputs["key_file"] = key_file
        outputs["export"] = export.write_workbook(analysis, args.out, pseudonymize_key_path=key_file)
        outputs["workbook"] = str(Path(args.out).resolve())
        timings["export"] = round(time.perf_counter() - started, 3)
        if args.save_project:
            project.save_project(analysis, args.save_project)
            outputs["project"] = str(Path(args.save_project).resolve())
        analysis.timings_s.update({f"measure_{k}": v for k, v in timings.items()})
        if args.report:
            write_report(build_report(analysis, measurement, args, outputs), args.report)
        for alert in measurement["alerts"]:  # the measure itself is incomplete: said, not only in the report
            if alert["kind"] in (
                "unmatched_customers",
                "contradicted_customers",
                "other_currency",
                "window_partly_covered",
                "unreadable_revenue",
                "ambiguous_email",
                "campaign_before_analysis",
            ):
                print(alert["text"], file=sys.stderr)
        total = measurement["total"]
        measured = sum(1 for s in measurement["segments"] if s.get("customers"))
        print(
            T(
                "done",
                lang,
                # Segments without a customer (an empty cell of the RFM grid) measure nothing.
                segments=count_text(T, "segments", measured, lang),
                conversions=count_text(T, "conversions", total["conversions"] or 0, lang),
                contacted=count_text(T, "contacted", total["contacted"] or 0, lang),
                uplift=total["uplift_text"],
                out=args.out,
            )
        )
        log.info("measure done: %s", timings)
        return EXIT_OK

    return run_command("measure", lang, body)
