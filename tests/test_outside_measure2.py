"""A second outside check of ``measure`` and of the money the Act and Measure steps write: the
pseudonymized measure workbook, two customers sharing one email, shops selling in yen, kronor,
zlotys or reais, and damaged results files.

Files are built in ``tmp_path``; the real data is used where it says something the made-up shop
cannot.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_cli_hostile import cli

from segmenter_app.cli import EXIT_OK, main
from segmenter_app.core import project

FIRST = [
    "Zoé",
    "Amaury",
    "Bérénice",
    "Corentin",
    "Dolorès",
    "Eustache",
    "Félicité",
    "Gaspard",
    "Hortense",
    "Ignace",
]
LAST = ["Vercingetorix", "Montgolfier", "Quatremère", "Rastignac", "Séverac", "Tallemant", "Ursulet", "Vauquelin",
        "Wiltzer", "Xaintrailles"]  # fmt: skip
SHARED = "famille.dupuis@exemple.fr"  # customers C005 and C006 share it


def person(c: int) -> dict[str, str]:
    """The name, email and phone of customer ``c`` of the named shop."""
    return {
        "email": SHARED if c in (5, 6) else f"client{c}@exemple.fr",
        "first_name": FIRST[c % 10],
        "last_name": LAST[c // 4],
        "phone": f"+33 6 12 34 {c:02d} {c + 10:02d}",
    }


def named_shop(path: Path, customers: int = 40) -> Path:
    """A shop whose sales carry each customer's name, email and phone (two customers share an
    email), 1 to 4 orders each over 2025."""
    lines = ["order,date,customer,amount,email,first_name,last_name,phone"]
    for c in range(customers):
        who = person(c)
        for k in range(1 + c % 4):
            month, day = 1 + (c * 3 + k * 5) % 12, 1 + (c * 7 + k) % 28
            amount = 5 + (c * 37 + k * 11) % 190
            lines.append(
                f"O{c}-{k},2025-{month:02d}-{day:02d},C{c:03d},{amount:.2f},"
                f"{who['email']},{who['first_name']},{who['last_name']},{who['phone']}"
            )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def named(tmp_path_factory) -> dict[str, Path]:
    """The named shop segmented with a 20% control group, pseudonymized, its project saved."""
    folder = tmp_path_factory.mktemp("named")
    paths = {
        "sales": named_shop(folder / "ventes.csv"),
        "workbook": folder / "segments.xlsx",
        "key": folder / "clé.txt",
        "project": folder / "boutique.segmenter",
    }
    code = main(
        [
            "segment",
            str(paths["sales"]),
            "--out",
            str(paths["workbook"]),
            "--save-project",
            str(paths["project"]),
            "--control-share",
            "0.2",
            "--seed",
            "3",
            "--pseudonymize",
            "--key-file",
            str(paths["key"]),
        ]
    )
    assert code == EXIT_OK
    return paths


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
    return code, err, (json.loads(report.read_text(encoding="utf-8")) if report.exists() else {})


# --- 2. Two customers sharing one email --------------------------------------------------------------


def test_a_row_matched_only_by_a_shared_email_is_given_to_no_one(tmp_path, capsys, named):
    """C005 and C006 share one email: the row that names only that email converted for one of
    them, picked by the dictionary's order. It is now left out, counted and said."""
    saved = named["project"]
    control = control_flags(saved)
    lines = ["email,converted,revenue"]
    for n, cid in enumerate(sorted(control)):
        c = int(cid[1:])
        if c == 6:
            continue  # the family's one row is written once, for C005's line
        lines.append(f"{person(c)['email'].upper()},{'yes' if n % 2 else 'no'},{'30' if n % 2 else '0'}")
    results = tmp_path / "res.csv"
    results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for lang, words in (("en", "several customers share"), ("fr", "plusieurs clients partagent")):
        code, err, report = run_measure(capsys, saved, results, tmp_path, "--lang", lang)
        assert code == EXIT_OK, err
        details = report["results"]["details"]
        assert details["ambiguous_email_rows"] == 1
        assert report["results"]["excluded"] == {"ambiguous_email": 1}
        assert report["results"]["unmatched_customers"] == 0
        alerts = [a for a in report["alerts"] if a["kind"] == "ambiguous_email"]
        assert len(alerts) == 1 and alerts[0]["text"].startswith("1 ") and words in alerts[0]["text"]
        assert words in err  # said on the terminal too
        expected = {
            cid
            for n, cid in enumerate(sorted(control))
            if n % 2 and not control[cid] and int(cid[1:]) not in (5, 6)
        }
        assert report["total"]["conversions"] == len(expected)
        assert report["total"]["revenue"] == pytest.approx(30.0 * len(expected))


def test_an_id_still_decides_when_the_email_is_shared(tmp_path, capsys, named):
    """With an id column, the id decides; the shared email is only a fallback for unknown ids."""
    saved = named["project"]
    control = control_flags(saved)
    lines = ["customer,email,converted"]
    for cid in sorted(control):
        lines.append(f"{cid},{person(int(cid[1:]))['email']},{'yes' if cid in ('C005', 'C006') else 'no'}")
    lines.append(f"Z999,{SHARED},yes")  # an unknown id whose email two customers share
    results = tmp_path / "res.csv"
    results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, err, report = run_measure(capsys, saved, results, tmp_path, "--lang", "en")
    assert code == EXIT_OK, err
    assert report["results"]["details"]["ambiguous_email_rows"] == 1
    assert report["total"]["conversions"] + report["total"]["control_conversions"] == 2


def test_shared_emails_are_left_out_of_the_email_index():
    import pandas as pd

    from segmenter_app.core.analysis import Analysis
    from segmenter_app.core.measure.matching import ambiguous_email_rows, email_index, shared_emails

    analysis = Analysis()
    analysis.customers = pd.DataFrame(
        {"email": ["a@x.fr", " A@X.fr", "b@x.fr", None, "nope"]}, index=["1", "2", "3", "4", "5"]
    )
    assert email_index(analysis) == {"b@x.fr": "3"}
    assert shared_emails(analysis) == {"a@x.fr"}
    rows = ambiguous_email_rows(pd.Series(["a@X.FR ", "b@x.fr", None]), analysis)
    assert rows.tolist() == [True, False, False]
