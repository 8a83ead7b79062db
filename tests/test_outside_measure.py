"""An outside check of ``measure`` on results it had never seen: French sheets with "x" flags and
"12,50 €", rows pasted twice, ids that lost their leading zeros, sales exports whose columns look
like a results sheet, exports that cover only part of the campaign's window.

The figures are checked by hand: conversions, revenue and the uplift are recomputed here from the
project's own control flags. Files are built in ``tmp_path``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_cli_hostile import cli, sales_csv

from segmenter_app.cli import EXIT_OK, main
from segmenter_app.core import project


def digit_shop(path: Path, customers: int = 40) -> Path:
    """A shop whose customer ids are numbers written with leading zeros ("00007"), 1 to 4
    orders each over 2025."""
    rows = []
    for c in range(1, customers + 1):
        for k in range(1 + c % 4):
            month, day = 1 + (c * 3 + k * 5) % 12, 1 + (c * 7 + k) % 28
            rows.append(
                (
                    f"O{c}-{k}",
                    f"2025-{month:02d}-{day:02d}",
                    f"{c:05d}",
                    5.0 + (c * 37 + k * 11) % 190,
                )
            )
    return sales_csv(path, rows)


@pytest.fixture(scope="module")
def digits(tmp_path_factory) -> tuple[Path, Path]:
    """(sales file, saved project) of the digit-id shop, segmented with a 20% control group."""
    folder = tmp_path_factory.mktemp("digits")
    sales = digit_shop(folder / "ventes.csv")
    saved = folder / "boutique.segmenter"
    code = main(
        [
            "segment",
            str(sales),
            "--out",
            str(folder / "s.xlsx"),
            "--save-project",
            str(saved),
            "--control-share",
            "0.2",
            "--seed",
            "3",
        ]
    )
    assert code == EXIT_OK
    return sales, saved


def control_flags(saved: Path) -> dict[str, bool]:
    """Customer id -> in the control group, as the project holds it."""
    assignments = project.load_project(saved).segmentation.assignments
    return {str(i): bool(c) for i, c in assignments["control"].items()}


def run_measure(capsys, saved: Path, results: Path, tmp_path: Path, *options: str) -> tuple[int, str, dict]:
    """``measure`` with a report; the exit code, standard error and the report (or {})."""
    report = tmp_path / "r.json"
    report.unlink(missing_ok=True)
    code, err = cli(
        capsys,
        "measure",
        str(saved),
        str(results),
        "--out",
        str(tmp_path / "m.xlsx"),
        "--report",
        str(report),
        *options,
    )
    return (
        code,
        err,
        (json.loads(report.read_text(encoding="utf-8")) if report.exists() else {}),
    )


# --- A French results sheet, checked by hand ----------------------------------------------------------


def test_french_sheet_with_x_flags_euros_and_pasted_rows_gives_the_hand_figures(tmp_path, capsys, digits):
    """Every third customer converted ("x", else empty) for "12,50 €" (every sixth "1 000,00 €");
    three rows pasted twice at the end. Windows encoding, semicolons, an accented file name."""
    _, saved = digits
    control = control_flags(saved)
    ids = sorted(control)
    converted = {cid: n % 3 == 0 for n, cid in enumerate(ids)}
    revenue = {cid: (1000.0 if n % 6 == 0 else 12.5) if converted[cid] else 0.0 for n, cid in enumerate(ids)}
    lines = ["N° client;Converti;Chiffre d'affaires"]
    for cid in ids:
        amount = "1 000,00 €" if revenue[cid] == 1000.0 else ("12,50 €" if revenue[cid] else "")
        lines.append(f"{cid};{'x' if converted[cid] else ''};{amount}")
    lines += lines[1:4]  # pasted twice: must not count twice
    results = tmp_path / "résultats été.csv"
    results.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))

    code, err, report = run_measure(capsys, saved, results, tmp_path, "--lang", "fr")
    assert code == EXIT_OK, err

    contacted = [c for c in ids if not control[c]]
    held = [c for c in ids if control[c]]
    assert held and contacted
    total = report["total"]
    assert total["contacted"] == len(contacted)
    assert total["conversions"] == sum(converted[c] for c in contacted)
    assert total["revenue"] == pytest.approx(sum(revenue[c] for c in contacted))
    assert total["control_conversions"] == sum(converted[c] for c in held)
    assert total["control_revenue"] == pytest.approx(sum(revenue[c] for c in held))
    rate_t = sum(converted[c] for c in contacted) / len(contacted)
    rate_c = sum(converted[c] for c in held) / len(held)
    assert total["uplift"] == pytest.approx(rate_t - rate_c, abs=1e-4)
    per_customer = sum(revenue[c] for c in contacted) / len(contacted) - sum(revenue[c] for c in held) / len(
        held
    )
    assert total["revenue_uplift"] == pytest.approx(per_customer, abs=0.01)
    assert report["results"]["rows_read"] == len(ids) + 3
    assert report["results"]["excluded"] == {"duplicate": 3}
    assert sum(s["conversions"] for s in report["segments"]) == total["conversions"]


def test_two_purchases_of_one_customer_still_add_up(tmp_path, capsys, digits):
    """Only exact copies are left out: two different rows of one customer are two purchases."""
    _, saved = digits
    control = control_flags(saved)
    buyer = next(c for c in sorted(control) if not control[c])
    lines = ["customer,converted,revenue"] + [f"{c},no,0" for c in sorted(control) if c != buyer]
    lines += [f"{buyer},yes,10.00", f"{buyer},yes,15.00"]
    results = tmp_path / "res.csv"
    results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, err, report = run_measure(capsys, saved, results, tmp_path, "--lang", "en")
    assert code == EXIT_OK, err
    assert report["total"]["conversions"] == 1
    assert report["total"]["revenue"] == pytest.approx(25.0)
    assert report["results"]["excluded"] == {}
