"""Runs a built bundle the way a user and a script do: ``segment`` with every method, ``measure``.

``python packaging/bundle_runs.py EXECUTABLE [--data FILE ...] [--work DIR]``

The self-test proves that the modules are there; these runs prove that the commands work with
what the bundle holds (a file left out by ``bundle_contents.py`` that only one method loads
would otherwise ship unnoticed). On the demo shop, always: ``segment`` with ``rfm`` (mailing
CSVs, pseudonymization, project file), ``rules`` (a rules file), ``clusters`` and ``predictive``,
in English and French; then ``measure`` of a results sheet and of a later sales export read from
the saved project. With ``--data FILE`` (for instance Online Retail), ``segment`` with every
method on that file too. Each run must exit 0 and write a report with customers in segments.
Standard library only: it runs with any Python, beside the bundle. Exit code 0 when all passed.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "resources" / "demo" / "ventes_cave_du_marche.csv"
METHODS: tuple[str, ...] = ("rfm", "rules", "clusters", "predictive")
# A rules file as a user saves it: one preset and, on the demo shop, one rule of their own on an
# attribute (other files may have no city column).
PRESET_RULE = {"preset": "super_buyers"}
CITY_RULE = {
    "id": "lyon",
    "name": {"en": "Lyon", "fr": "Lyon"},
    "when": {"field": "city", "op": "==", "value": "Lyon"},
}


def run(exe: Path, args: list[str], label: str, failures: list[str]) -> bool:
    """Run the bundle with ``args``; record a failure (with the end of its output) on exit != 0."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    start = time.perf_counter()
    result = subprocess.run([str(exe), *args], capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - start
    ok = result.returncode == 0
    print(f"  {'ok  ' if ok else 'FAIL'} {label} ({seconds:.1f} s)", flush=True)
    if not ok:
        tail = (result.stderr or result.stdout).strip().splitlines()[-8:]
        failures.append(f"{label}: exit {result.returncode}: " + " | ".join(tail))
    return ok


def check_report(path: Path, label: str, failures: list[str], key: str = "segments") -> None:
    """The run's JSON report exists and lists segments (or measured segments) with customers."""
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
        rows = report[key]
        customers = sum(int(row.get("customers", 0)) for row in rows)
    except (OSError, ValueError, KeyError, TypeError) as error:
        failures.append(f"{label}: unreadable report {path.name}: {error}")
        return
    if not rows or customers <= 0:
        failures.append(f"{label}: the report has no customers in segments")


def segment_runs(exe: Path, data: Path, work: Path, tag: str, failures: list[str], lang: str) -> Path:
    """``segment`` with every method on ``data``; return the project saved by the rfm run."""
    rules = work / f"{tag}-segment-rules.json"  # not a report name: reports are {tag}-{method}.json
    own = [CITY_RULE] if data == DEMO else []
    rules.write_text(json.dumps({"rules": [PRESET_RULE, *own]}), encoding="utf-8")
    project = work / f"{tag}.segmenter"
    for method in METHODS:
        out, report = work / f"{tag}-{method}.xlsx", work / f"{tag}-{method}.json"
        args = ["segment", str(data), "--method", method, "--out", str(out), "--report", str(report)]
        args += ["--lang", lang]
        if method == "rfm":
            args += ["--csv-dir", str(work / f"{tag}-mailing"), "--control-share", "0.1"]
            args += ["--save-project", str(project)]
        elif method == "rules":
            args += ["--rules", str(rules)]
        elif method == "clusters":
            args += ["--k", "auto"]
        label = f"segment {tag} --method {method}"
        if run(exe, args, label, failures):
            check_report(report, label, failures)
            if not out.is_file():
                failures.append(f"{label}: no workbook written")
    pseudo = work / f"{tag}-pseudo.xlsx"
    args = ["segment", str(data), "--out", str(pseudo), "--pseudonymize", "--lang", lang]
    run(exe, args, f"segment {tag} --pseudonymize", failures)
    return project


def later_exports(work: Path) -> tuple[Path, Path]:
    """A results sheet (customer, converted, revenue) and a later sales export of the demo shop."""
    with DEMO.open(encoding="utf-8-sig", newline="") as handle:
        rows = [row for row in csv.DictReader(handle, delimiter=";") if row["Client"]]
    customers = sorted({row["Client"] for row in rows})
    results = work / "resultats.csv"
    with results.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["Client", "Converti", "Montant"])
        for i, customer in enumerate(customers):
            converted = i % 3 == 0
            writer.writerow([customer, "oui" if converted else "non", "42,50" if converted else "0"])
    sales = work / "ventes_decembre.csv"
    late = [row for row in rows if not row["Montant TTC"].startswith("-")][:150]
    with sales.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(late[0]), delimiter=";")
        writer.writeheader()
        for i, row in enumerate(late):
            writer.writerow(
                dict(row, **{"Date": f"{10 + i % 20:02d}/11/2026", "N° commande": f"W26-{i:05d}"})
            )
    return results, sales


def measure_runs(exe: Path, project: Path, work: Path, failures: list[str]) -> None:
    """``measure`` of a results sheet (saving the project) and of a later sales export."""
    results, sales = later_exports(work)
    report = work / "measure-results.json"
    args = ["measure", str(project), str(results), "--out", str(work / "measure-results.xlsx")]
    args += ["--report", str(report), "--save-project", str(work / "measured.segmenter"), "--lang", "fr"]
    if run(exe, args, "measure (results sheet)", failures):
        check_report(report, "measure (results sheet)", failures)
    report = work / "measure-sales.json"
    args = ["measure", str(project), str(sales), "--campaign-date", "2026-11-10", "--window-days", "30"]
    args += ["--out", str(work / "measure-sales.xlsx"), "--report", str(report), "--lang", "en"]
    if run(exe, args, "measure (later sales export)", failures):
        check_report(report, "measure (later sales export)", failures)


def main(argv: list[str] | None = None) -> int:
    """Run every command on the demo shop (and on ``--data`` files); 0 when all passed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("executable", type=Path)
    parser.add_argument("--data", type=Path, action="append", default=[], help="also segment this file")
    parser.add_argument(
        "--work", type=Path, default=None, help="where the outputs go (default: a temp folder)"
    )
    args = parser.parse_args(argv)
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="segmenter-bundle-runs-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        print(f"bundle runs of {args.executable}:", flush=True)
        project = segment_runs(args.executable, DEMO, work, "demo", failures, "fr")
        if project.is_file():
            measure_runs(args.executable, project, work, failures)
        else:
            failures.append("measure: skipped, the rfm run saved no project")
        for i, data in enumerate(args.data):
            segment_runs(args.executable, data, work, f"data{i}", failures, "en")
    for failure in failures:
        print(f"FAILED {failure}", file=sys.stderr)
    print(f"bundle runs: {'all passed' if not failures else f'{len(failures)} failed'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
