"""``segment FILE [FILE ...] --out OUT.xlsx [--report REPORT.json] [--method ...] ...``."""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import logging
import os
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from segmenter_app.core.i18n import LANGUAGES, Messages, UserError
from segmenter_app.core.reading.detect import check_regular_file

log = logging.getLogger(__name__)

AS_OF_RANGE = (dt.date(1900, 1, 1), dt.date(2199, 12, 31))
MAX_HORIZON_DAYS = 3650
MAX_SEED = 2**31 - 1  # the clustering adds small offsets to the seed and needs it below 2**32
POSITIONALS = {"files": "FILE", "project": "PROJECT", "results": "RESULTS"}  # as --help names them

T = Messages(
    {
        "bad_as_of": (
            "The analysis date '{value}' is not a date. Write it as YYYY-MM-DD, for example 2026-01-31.",
            "La date d'analyse « {value} » n'est pas une date. Écrivez-la sous la forme AAAA-MM-JJ, par exemple 2026-01-31.",
        ),
        "as_of_range": (
            "The analysis date '{value}' is out of range: give a date from {low} to {high}.",
            "La date d'analyse « {value} » est hors limites : donnez une date du {low} au {high}.",
        ),
        "name_too_long": (
            "The name given to {option} is too long for the file system ({length} characters): choose a shorter name or folder.",
            "Le nom donné à {option} est trop long pour le système de fichiers ({length} caractères) : choisissez un nom ou un dossier plus court.",
        ),
        "empty_value": (
            "{option} was given an empty name: give a file or folder name, or leave {option} out.",
            "{option} a reçu un nom vide : donnez un nom de fichier ou de dossier, ou retirez {option}.",
        ),
        "no_file": (
            "The file '{path}' does not exist. Check the name and the folder, then run the command again.",
            "Le fichier « {path} » n'existe pas. Vérifiez le nom et le dossier, puis relancez la commande.",
        ),
        "bad_k": (
            "--k takes 'auto' or a whole number from 2 to 20, not '{value}'.",
            "--k accepte « auto » ou un nombre entier de 2 à 20, pas « {value} ».",
        ),
        "bad_share": (
            "--control-share takes a share between 0 and 0.5 (for example 0.1 for 10%), not {value}.",
            "--control-share accepte une part entre 0 et 0,5 (par exemple 0.1 pour 10 %), pas {value}.",
        ),
        "bad_horizon": (
            "--horizon-days takes a whole number of days from 1 to {most} (10 years), not {value}. For example: --horizon-days 365",
            "--horizon-days accepte un nombre entier de jours de 1 à {most} (10 ans), pas {value}. Par exemple : --horizon-days 365",
        ),
        "bad_seed": (
            "--seed takes a whole number from 0 to {top}, not {value}.",
            "--seed accepte un nombre entier de 0 à {top}, pas {value}.",
        ),
        "bad_out": (
            "--out must name an Excel workbook ending in .xlsx, not '{value}'. For example: --out segments.xlsx",
            "--out doit nommer un classeur Excel terminé par .xlsx, pas « {value} ». Par exemple : --out segments.xlsx",
        ),
        "is_input": (
            "'{path}' (--{option}) is one of the files to read, and Segmenter never writes over its input files: choose another name.",
            "« {path} » (--{option}) est l'un des fichiers à lire, et Segmenter n'écrit jamais par-dessus ses fichiers d'entrée : choisissez un autre nom.",
        ),
        "special_output": (
            "'{path}' (--{option}) is not an ordinary file but a device or a pipe, which Segmenter would have to replace to write it: give the name of a file, for example --{option} {example}.",
            "« {path} » (--{option}) n'est pas un fichier ordinaire mais un périphérique ou un tube, que Segmenter devrait remplacer pour l'écrire : donnez un nom de fichier, par exemple --{option} {example}.",
        ),
        "same_output": (
            "--{first} and --{second} both name '{path}': give each output its own file name.",
            "--{first} et --{second} désignent tous deux « {path} » : donnez à chaque sortie son propre nom de fichier.",
        ),
        "done": (
            "{customers} in {segments}, written to {out}",
            "{customers} en {segments} ; classeur écrit dans {out}",
        ),
        # The French participle agrees with the number of customers ("1 client réparti").
        "customers_one": ("1 customer", "1 client réparti"),
        "customers_many": ("{n} customers", "{n} clients répartis"),
        "segments_one": ("1 segment", "1 segment"),
        "segments_many": ("{n} segments", "{n} segments"),
    }
)


def _count(what: str, n: int, lang: str) -> str:
    """ "1 customer" / "3 customers" in the user's language."""
    return T(f"{what}_one", lang) if n == 1 else T(f"{what}_many", lang, n=n)


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the ``segment`` subcommand."""
    p = sub.add_parser("segment", help="segment customers from sales exports into an Excel workbook")
    p.add_argument(
        "files", nargs="+", metavar="FILE", help="CSV/TSV (also .gz), XLSX/XLSM, XLS or ODS exports"
    )
    p.add_argument("--out", required=True, metavar="OUT.xlsx", help="the workbook to write")
    p.add_argument("--report", metavar="REPORT.json", help="also write a JSON report of the run")
    p.add_argument("--method", choices=("rfm", "rules", "clusters", "predictive"), default="rfm")
    p.add_argument(
        "--as-of", metavar="YYYY-MM-DD", help="analysis date (default: the day after the last sale)"
    )
    p.add_argument("--lang", choices=LANGUAGES, default=None, help="language of messages and workbook")
    p.add_argument("--mapping", metavar="FILE.json", help="column roles to use instead of the detected ones")
    p.add_argument(
        "--date-order",
        choices=("auto", "dmy", "mdy"),
        default="auto",
        help="how to read dates like 03/04/2025 when a column cannot tell (default: auto, dd/mm first)",
    )
    p.add_argument(
        "--returns",
        choices=("net", "exclude"),
        default="net",
        help="net returns against purchases (default) or exclude them",
    )
    p.add_argument(
        "--duplicates",
        choices=("exclude", "keep"),
        default="exclude",
        help="set aside rows identical to an earlier row (default) or keep them as separate purchases",
    )
    p.add_argument("--rules", metavar="FILE.json", help="segment rules for --method rules")
    p.add_argument("--k", default="auto", help="number of clusters for --method clusters (auto or 2..20)")
    p.add_argument(
        "--horizon-days", type=int, default=365, help="lifetime-value horizon for --method predictive"
    )
    p.add_argument(
        "--control-share", type=float, default=0.1, help="share of each segment kept out as a control group"
    )
    p.add_argument("--seed", type=int, default=None, help="seed of the control-group draw and the clustering")
    p.add_argument(
        "--csv-dir",
        metavar="DIR",
        help="also write one mailing CSV per segment into DIR (replacing the mailing CSVs an earlier export left there)",
    )
    p.add_argument(
        "--pseudonymize",
        action="store_true",
        help="replace identifiers by keyed hashes, drop names and contacts",
    )
    p.add_argument(
        "--key-file", metavar="FILE", help="where to keep the pseudonymization key (default: beside --out)"
    )
    p.add_argument("--save-project", metavar="PROJECT", help="also save the whole analysis as a project file")
    p.set_defaults(run=run)


def parse_options(args: argparse.Namespace) -> Any:
    """Turn the parsed arguments into :class:`SegmentOptions`, checking what argparse cannot."""
    from segmenter_app.core.pipeline import SegmentOptions

    check_names(args, ("files", "out", "report", "mapping", "rules", "csv_dir", "key_file", "save_project"))
    for path in args.files:
        if not Path(path).exists():
            raise UserError(T, "no_file", path=path)
        # A folder, or a pipe that would block the import for ever: said before anything opens it.
        check_regular_file(Path(path))
    check_not_empty(args, ("report", "mapping", "rules", "csv_dir", "key_file", "save_project"))
    check_outputs(args)
    if Path(args.out.strip()).suffix.lower() != ".xlsx":
        raise UserError(T, "bad_out", value=args.out)
    check_out_folder(args.out)
    if args.seed is not None and not 0 <= args.seed <= MAX_SEED:
        raise UserError(T, "bad_seed", value=args.seed, top=MAX_SEED)
    as_of = None
    if args.as_of is not None:
        # Strict ISO only: "03/04/2025" means two different days depending on the country.
        try:
            as_of = pd.Timestamp(dt.date.fromisoformat(args.as_of.strip()))
        except ValueError:
            raise UserError(T, "bad_as_of", value=args.as_of) from None
        # Dates are kept to the nanosecond, which stops in 2262; a year like 2999 is a typo.
        if not AS_OF_RANGE[0] <= as_of.date() <= AS_OF_RANGE[1]:
            low, high = (d.isoformat() for d in AS_OF_RANGE)
            raise UserError(T, "as_of_range", value=args.as_of, low=low, high=high)
    if not 0 <= args.control_share <= 0.5:
        raise UserError(T, "bad_share", value=args.control_share)
    parameters: dict[str, Any] = {}
    if args.method == "rules" and args.rules:
        if not Path(args.rules).exists():
            raise UserError(T, "no_file", path=args.rules)
        check_regular_file(Path(args.rules))  # a pipe would block the read for ever
        parameters["rules_file"] = args.rules
    if args.method == "clusters":
        if args.k != "auto":
            try:
                k = int(args.k)
            except ValueError:
                raise UserError(T, "bad_k", value=args.k) from None
            if not 2 <= k <= 20:
                raise UserError(T, "bad_k", value=args.k)
            parameters["k"] = k
        else:
            parameters["k"] = "auto"
        if args.seed is not None:
            parameters["seed"] = args.seed
    if args.method == "predictive":
        # A lifetime value over centuries (or over no day at all) is a typo, not a forecast.
        if not 1 <= args.horizon_days <= MAX_HORIZON_DAYS:
            raise UserError(T, "bad_horizon", value=args.horizon_days, most=MAX_HORIZON_DAYS)
        parameters["horizon_days"] = args.horizon_days
    mapping = None
    if args.mapping:
        if not Path(args.mapping).exists():
            raise UserError(T, "no_file", path=args.mapping)
        check_regular_file(Path(args.mapping))  # a pipe would block the read for ever
        from segmenter_app.core.collect import load_mapping

        mapping = load_mapping(args.mapping)
    return SegmentOptions(
        files=list(args.files),
        out=args.out,
        report=args.report,
        method=args.method,
        as_of=as_of,
        lang=args.lang,
        mapping=mapping,
        date_order=args.date_order,
        returns=args.returns,
        duplicates=args.duplicates,
        parameters=parameters,
        control_share=args.control_share,
        seed=args.seed,
        csv_dir=args.csv_dir,
        pseudonymize=args.pseudonymize,
        key_file=args.key_file,
        save_project=args.save_project,
    )


def check_names(args: argparse.Namespace, names: tuple[str, ...]) -> None:
    """Refuse a path the file system cannot even look up (a name over its length limit), which
    would otherwise fail deep inside the run."""
    for name in names:
        value = getattr(args, name, None)
        for path in value if isinstance(value, list) else [value]:
            if not path:
                continue
            try:
                os.stat(path)
            except OSError as exc:
                if exc.errno == errno.ENAMETOOLONG:
                    option = POSITIONALS.get(name) or "--" + name.replace("_", "-")
                    raise UserError(T, "name_too_long", option=option, length=len(path)) from None


def check_not_empty(args: argparse.Namespace, names: tuple[str, ...]) -> None:
    """Refuse an option given an empty value (``--report ""``, often an unset shell variable),
    which would otherwise be taken as "not given" and silently skip that output."""
    for name in names:
        value = getattr(args, name, None)
        if value is not None and not str(value).strip():
            raise UserError(T, "empty_value", option="--" + name.replace("_", "-"))


def _same_file(a: Path, b: Path) -> bool:
    """True when two paths name the same file (same spelling once resolved, or a link to it)."""
    if a.resolve() == b.resolve():
        return True
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


EXAMPLES = {"out": "segments.xlsx", "report": "report.json", "save-project": "shop.segmenter"}


def check_special_output(option: str, path: Path) -> None:
    """Refuse an output that exists and is neither a file nor a folder (``/dev/full``, a pipe, or
    a link to one): saving replaces the target by a new file, which would remove the device or
    the pipe itself (as root, ``/dev/full`` became a regular file)."""
    if path.exists() and not path.is_file() and not path.is_dir():
        example = EXAMPLES.get(option, "output.txt")
        raise UserError(T, "special_output", path=str(path), option=option, example=example)


def check_out_folder(out: str) -> None:
    """Refuse a workbook in a folder that does not exist (or a folder given as --out) before the
    work starts: it was said only once the import and the segmentation were done."""
    from segmenter_app.core.export.atomic import check_target

    check_target(Path(out))


def check_outputs(args: argparse.Namespace) -> None:
    """Refuse outputs that would overwrite an input file or one another (nothing given is lost)."""
    from segmenter_app.core.pipeline import default_key_path

    outputs = [("out", args.out), ("report", args.report), ("save-project", args.save_project)]
    if args.pseudonymize:
        outputs.append(("key-file", args.key_file or default_key_path(args.out)))
    reads = [args.mapping, args.rules, *args.files]
    seen: list[tuple[str, Path]] = []
    for option, value in outputs:
        if not value:
            continue
        path = Path(value)
        check_special_output(option, path)
        if any(_same_file(path, Path(r)) for r in reads if r):
            raise UserError(T, "is_input", path=value, option=option)
        for first, other in seen:
            if _same_file(path, other):
                raise UserError(T, "same_output", first=first, second=option, path=value)
        seen.append((option, path))


def run(args: argparse.Namespace) -> int:
    """Run ``segment``; return the exit code (0, 1 or 2)."""
    from segmenter_app.cli import EXIT_OK, run_command

    lang = args.lang

    def body() -> int:
        options = parse_options(args)
        from segmenter_app.core.pipeline import run_segment
        from segmenter_app.core.report import build_report, write_report

        log.info("segment: %d file(s), method %s", len(options.files), options.method)
        analysis, outputs = run_segment(options)
        report = build_report(analysis, outputs)
        if options.report:
            write_report(report, options.report, analysis.inputs)
        log.info("segment done: %s", analysis.timings_s)
        for warning in report.get("warnings", []):  # e.g. dates read day-first by default
            print(warning, file=sys.stderr)
        print(
            T(
                "done",
                lang,
                customers=_count("customers", report["customers"], lang),
                segments=_count("segments", sum(1 for s in report["segments"] if s.get("customers")), lang),
                out=options.out,
            )
        )
        return EXIT_OK

    return run_command("segment", lang, body)
