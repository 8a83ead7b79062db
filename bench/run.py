"""Runs every benchmark of ``bench/`` and prints each figure with its ratio to a baseline.

Each ``bench/bench_*.py`` module has ``run(workdir: Path) -> list[dict]``; a row holds
``name``, ``value``, ``unit``, and when it has one ``baseline`` (the same kind of figure for the
reference operation, measured in the same run), ``ratio`` (value / baseline) and ``goal`` (the
highest acceptable ratio or value). Ratios, not absolute times, are what the goals check,
because machines are noisy (see ../shared/MEASURED.md).

Usage: ``python bench/run.py [NAME ...] [--json OUT.json]`` (NAME filters modules, e.g. ``import``).
Exit code 1 when a figure misses its goal.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import traceback
from pathlib import Path

BENCH = Path(__file__).resolve().parent
SHARED_DATA = BENCH.parent.parent / "shared" / "data"


def discover(names: list[str]) -> list[Path]:
    """The benchmark modules to run, filtered by name fragments when given."""
    modules = sorted(BENCH.glob("bench_*.py"))
    if names:
        modules = [m for m in modules if any(n in m.stem for n in names)]
    return modules


def load(path: Path):
    """Import a benchmark module from its path."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def fmt(value) -> str:
    """A figure for the table."""
    if isinstance(value, float):
        return f"{value:.3g}"
    return "" if value is None else str(value)


def main() -> int:
    """Run the benchmarks and print the table; return 1 when a goal is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--json", metavar="OUT.json")
    args = parser.parse_args()
    workdir = BENCH / "_work"
    workdir.mkdir(exist_ok=True)
    rows: list[dict] = []
    failed = False
    for path in discover(args.names):
        print(f"== {path.stem}", flush=True)
        try:
            results = load(path).run(workdir)
        except Exception:
            traceback.print_exc()
            failed = True
            continue
        for row in results:
            row.setdefault("module", path.stem)
            goal = row.get("goal")
            ratio = row.get("ratio")
            checked = ratio if ratio is not None else row.get("value")
            ok = goal is None or checked is None or checked <= goal
            row["ok"] = ok
            failed |= not ok
            print(
                f"  {row['name']:<55} {fmt(row.get('value')):>10} {row.get('unit', ''):<4}"
                f" baseline {fmt(row.get('baseline')):>8}  ratio {fmt(ratio):>6}"
                f"  goal {fmt(goal):>5}  {'ok' if ok else 'MISSED'}",
                flush=True,
            )
            rows.append(row)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
