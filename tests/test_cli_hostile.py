"""An outside checker's pass over ``segment`` and ``measure``: tiny data, bad options, hostile files.

Every case must end in a sensible result (exit 0) or a clear message with exit 2, in English and
French; never a crash (exit 1). The small files are built here (``sales_csv`` and friends).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from segmenter_app.cli import EXIT_INPUT, EXIT_OK, main

# --- Builders ---------------------------------------------------------------------------------


def sales_csv(
    path: Path, rows: list[tuple[str, str, str, float]], extra: dict[str, list[str]] | None = None
) -> Path:
    """A plain sales export: order, date (ISO), customer, amount, plus ``extra`` columns."""
    extra = extra or {}
    header = ["order", "date", "customer", "amount", *extra]
    lines = [",".join(header)]
    for i, (order, date, customer, amount) in enumerate(rows):
        cells = [order, date, customer, f"{amount:.2f}", *(values[i] for values in extra.values())]
        lines.append(",".join(_csv_cell(c) for c in cells))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _csv_cell(value: str) -> str:
    if any(ch in value for ch in ',"\n\r'):
        return '"' + value.replace('"', '""') + '"'
    return value


def shop_csv(path: Path, customers: int = 40) -> Path:
    """A small shop: ``customers`` customers, 1 to 4 orders each over 2025, varied amounts."""
    rows = []
    for c in range(customers):
        for k in range(1 + c % 4):
            month = 1 + (c * 3 + k * 5) % 12
            day = 1 + (c * 7 + k) % 28
            rows.append(
                (f"O{c}-{k}", f"2025-{month:02d}-{day:02d}", f"C{c:03d}", 5.0 + (c * 37 + k * 11) % 190)
            )
    return sales_csv(path, rows)


def rules_file(path: Path, content: object) -> Path:
    """A rules file holding ``content`` (JSON), or the text itself when it is a string."""
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def strict_json(path: Path) -> dict:
    """The report, refusing NaN and Infinity (not JSON, and refused by strict parsers)."""

    def refuse(constant: str) -> None:
        raise ValueError(f"not strict JSON: {constant}")

    return json.loads(path.read_text(encoding="utf-8"), parse_constant=refuse)


def cli(capsys, *args: str) -> tuple[int, str]:
    """Run the command line in-process; return the exit code and standard error."""
    code = main(list(args))
    return code, capsys.readouterr().err


def segment(capsys, data: str, out: str, *options: str) -> tuple[int, str]:
    """``segment DATA --out OUT [options]`` run in-process: the exit code and standard error."""
    return cli(capsys, "segment", data, "--out", out, *options)


def measure(capsys, *arguments: str) -> tuple[int, str]:
    """``measure PROJECT RESULTS [options]`` run in-process: the exit code and standard error."""
    return cli(capsys, "measure", *arguments)


@pytest.fixture(scope="module")
def shop(tmp_path_factory) -> Path:
    """The small shop's sales file."""
    return shop_csv(tmp_path_factory.mktemp("shop") / "shop.csv")


# --- Rules files --------------------------------------------------------------------------------

BAD_RULES = {
    "comparison with text on numbers": {
        "rules": [{"id": "x", "when": {"field": "frequency", "op": ">", "value": "abc"}}]
    },
    "between texts on numbers": {
        "rules": [{"id": "x", "when": {"field": "frequency", "op": "between", "value": ["a", "b"]}}]
    },
    "unreadable date": {
        "rules": [{"id": "x", "when": {"field": "last_purchase", "op": ">", "value": "abc"}}]
    },
    "quantile not a number": {
        "rules": [{"id": "x", "when": {"field": "frequency", "op": ">", "value": {"quantile": "abc"}}}]
    },
    "quantile out of range": {
        "rules": [{"id": "x", "when": {"field": "frequency", "op": ">", "value": {"quantile": 5}}}]
    },
    "value an unknown object": {
        "rules": [{"id": "x", "when": {"field": "frequency", "op": ">", "value": {"foo": 5}}}]
    },
    "value a list": {"rules": [{"id": "x", "when": {"field": "frequency", "op": ">", "value": [1]}}]},
    "field a list": {"rules": [{"id": "x", "when": {"field": ["frequency"], "op": ">", "value": 1}}]},
    "field an object": {"rules": [{"id": "x", "when": {"field": {"a": 1}, "op": ">", "value": 1}}]},
    "in with objects": {
        "rules": [{"id": "x", "when": {"field": "frequency", "op": "in", "value": [{"a": 1}]}}]
    },
    "bad operator": {"rules": [{"id": "x", "when": {"field": "frequency", "op": "=~", "value": 1}}]},
    "operator a list": {"rules": [{"id": "x", "when": {"field": "frequency", "op": ["x"], "value": 1}}]},
    "unknown field": {"rules": [{"id": "x", "when": {"field": "nope", "op": ">", "value": 1}}]},
    "preset a list": {"rules": [{"preset": ["a"]}]},
    "not a condition": {"rules": [{"id": "x", "when": {"not": 5}}]},
    "rule not an object": [1, 2],
    "empty list": {"rules": []},
    "wrong shape": {"rules": {"a": 1}},
    "not JSON": "not json {",
    "nested too deeply for JSON": '{"rules":[{"id":"x","when":'
    + '{"not":' * 50000
    + "{}"
    + "}" * 50000
    + "}]}",
    "nested too deeply": {
        "rules": [
            {
                "id": "x",
                "when": json.loads('{"not":' * 100 + '{"field":"frequency","op":">","value":1}' + "}" * 100),
            }
        ]
    },
}


@pytest.mark.parametrize("case", list(BAD_RULES))
def test_bad_rules_file_is_a_user_error_in_both_languages(tmp_path, capsys, shop, case):
    path = rules_file(tmp_path / "rules.json", BAD_RULES[case])
    out = tmp_path / "o.xlsx"
    texts = {}
    for lang in ("en", "fr"):
        code, err = segment(
            capsys, str(shop), str(out), "--method", "rules", "--rules", str(path), "--lang", lang
        )
        assert code == EXIT_INPUT, err
        assert "Traceback" not in err and len(err.strip()) > 15
        texts[lang] = err
    assert texts["en"] != texts["fr"]
    assert not out.exists()


@pytest.mark.parametrize(
    ("content", "english_words"),
    [
        (
            {"rules": [{"id": "x", "when": {"field": "frequency", "op": "=~", "value": 1}}]},
            "unknown comparison",
        ),
        (
            {"rules": [{"id": "x", "when": {"field": "frequency", "op": "between", "value": 3}}]},
            "a list of two",
        ),
        (
            {"rules": [{"id": "x", "when": {"field": "frequency", "op": ">", "value": "abc"}}]},
            "holds numbers",
        ),
    ],
)
def test_rules_problems_are_said_in_french_throughout(tmp_path, capsys, shop, content, english_words):
    path = rules_file(tmp_path / "rules.json", content)
    code, err = segment(
        capsys, str(shop), str(tmp_path / "o.xlsx"), "--method", "rules", "--rules", str(path), "--lang", "fr"
    )
    assert code == EXIT_INPUT
    assert english_words not in err, err


def test_rules_file_not_utf8_is_a_user_error(tmp_path, capsys, shop):
    path = tmp_path / "rules.json"
    path.write_bytes(
        '{"rules":[{"id":"é","when":{"field":"frequency","op":">","value":1}}]}'.encode("latin-1")
    )
    code, err = segment(
        capsys, str(shop), str(tmp_path / "o.xlsx"), "--method", "rules", "--rules", str(path), "--lang", "fr"
    )
    assert code == EXIT_INPUT
    assert "UTF-8" in err


def test_rules_without_any_usable_preset_put_everyone_in_others(tmp_path, capsys):
    # One customer: every preset column has a single value, so every preset is left out.
    data = sales_csv(tmp_path / "one.csv", [("1", "2025-01-05", "A", 10.0)])
    report = tmp_path / "r.json"
    code, err = segment(
        capsys,
        str(data),
        str(tmp_path / "o.xlsx"),
        "--report",
        str(report),
        "--method",
        "rules",
        "--lang",
        "en",
    )
    assert code == EXIT_OK, err
    result = strict_json(report)
    assert [(s["key"], s["customers"]) for s in result["segments"]] == [("rule:others", 1)]
    assert result["details"]["skipped_presets"], "the presets left out are said"


# --- Outputs: never over an input, never over each other, unwritable places said plainly ------


@pytest.mark.parametrize("option", ["--report", "--save-project", "--out"])
def test_no_output_overwrites_an_input_file(tmp_path, capsys, shop, option):
    data = tmp_path / "sales.csv"
    data.write_bytes(shop.read_bytes())
    before = data.read_bytes()
    args = {"--out": str(tmp_path / "o.xlsx"), option: str(data)}
    code, err = cli(capsys, "segment", str(data), *[x for kv in args.items() for x in kv], "--lang", "fr")
    assert code == EXIT_INPUT, err
    assert data.read_bytes() == before


def test_two_outputs_with_one_name_are_refused(tmp_path, capsys, shop):
    out = tmp_path / "o.xlsx"
    for extra in (["--report", str(out)], ["--pseudonymize", "--key-file", str(out)]):
        code, err = segment(capsys, str(shop), str(out), *extra, "--lang", "en")
        assert code == EXIT_INPUT, err
        assert "own file name" in err
        assert not out.exists()


@pytest.mark.parametrize("out", ["", "segments.csv", "segments", "segments.xls"])
def test_out_must_be_an_xlsx_workbook(tmp_path, capsys, shop, out):
    code, err = segment(capsys, str(shop), str(tmp_path / out) if out else "", "--lang", "fr")
    assert code == EXIT_INPUT, err
    assert ".xlsx" in err
    assert list(tmp_path.iterdir()) == []


def test_out_suffix_in_capitals_is_a_workbook(tmp_path, capsys, shop):
    code, err = segment(capsys, str(shop), str(tmp_path / "S.XLSX"), "--lang", "en")
    assert code == EXIT_OK, err
    assert (tmp_path / "S.XLSX").stat().st_size > 0


def _unwritable(tmp_path: Path, name: str) -> list[Path]:
    """Places where ``name`` cannot be written, even as root: under a file, a folder, /proc."""
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    folder = tmp_path / name
    folder.mkdir()
    places = [blocker / name, folder]
    if Path("/proc/self").exists():
        places.append(Path("/proc") / name)
    return places


@pytest.mark.parametrize(
    ("option", "name"), [("--out", "o.xlsx"), ("--report", "r.json"), ("--save-project", "p.segmenter")]
)
def test_unwritable_outputs_are_user_errors(tmp_path, capsys, shop, option, name):
    others = [] if option == "--out" else ["--out", str(tmp_path / "o.xlsx")]
    for place in _unwritable(tmp_path, name):
        code, err = cli(capsys, "segment", str(shop), option, str(place), *others, "--lang", "fr")
        assert code == EXIT_INPUT, (place, err)
        assert "Traceback" not in err and "problème inattendu" not in err


def test_bad_seed_is_a_user_error(tmp_path, capsys, shop):
    for seed in ("-1", str(2**64)):
        code, err = segment(
            capsys,
            str(shop),
            str(tmp_path / "o.xlsx"),
            "--method",
            "clusters",
            "--seed",
            seed,
            "--lang",
            "en",
        )
        assert code == EXIT_INPUT, err
        assert "--seed" in err


def test_missing_rules_file_is_said_in_french(tmp_path, capsys, shop):
    code, err = segment(
        capsys,
        str(shop),
        str(tmp_path / "o.xlsx"),
        "--method",
        "rules",
        "--rules",
        str(tmp_path / "none.json"),
        "--lang",
        "fr",
    )
    assert code == EXIT_INPUT
    assert "n'existe pas" in err and "No such file" not in err


# --- measure ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shop_project(tmp_path_factory, shop) -> Path:
    """The small shop segmented (RFM, 10% control) and saved as a project."""
    folder = tmp_path_factory.mktemp("project")
    path = folder / "shop.segmenter"
    code = main(
        ["segment", str(shop), "--out", str(folder / "s.xlsx"), "--save-project", str(path), "--lang", "en"]
    )
    assert code == EXIT_OK
    return path


def results_csv(path: Path, ids: list[str], converted: list[str], revenue: list[str]) -> Path:
    """A campaign results sheet: customer, converted, revenue."""
    lines = [
        "customer,converted,revenue",
        *(f"{i},{c},{r}" for i, c, r in zip(ids, converted, revenue, strict=True)),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


SHOP_IDS = [f"C{c:03d}" for c in range(40)]


def test_measure_report_never_overwrites_what_it_reads(tmp_path, capsys, shop_project):
    results = results_csv(tmp_path / "res.csv", SHOP_IDS, ["yes", "no"] * 20, ["10"] * 40)
    before = results.read_bytes()
    out = tmp_path / "m.xlsx"
    for report in (results, shop_project, out):
        code, err = measure(
            capsys,
            str(shop_project),
            str(results),
            "--out",
            str(out),
            "--report",
            str(report),
            "--lang",
            "fr",
        )
        assert code == EXIT_INPUT, err
        assert "--report" in err
    assert results.read_bytes() == before


def test_measure_unwritable_report_is_a_user_error(tmp_path, capsys, shop_project):
    results = results_csv(tmp_path / "res.csv", SHOP_IDS, ["yes", "no"] * 20, ["10"] * 40)
    for place in _unwritable(tmp_path, "r.json"):
        code, err = measure(
            capsys,
            str(shop_project),
            str(results),
            "--out",
            str(tmp_path / "m.xlsx"),
            "--report",
            str(place),
            "--lang",
            "en",
        )
        assert code == EXIT_INPUT, (place, err)


# --- The analysis date ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2000-01-01", "before the first purchase"),
        ("2024-12-31", "before the first purchase"),
        ("2999-01-01", "out of range"),
        ("0001-01-01", "out of range"),
        ("2025-02-30", "not a date"),
        ("01/02/2025", "not a date"),
    ],
)
def test_as_of_outside_the_data_is_a_user_error(tmp_path, capsys, shop, value, words):
    for lang in ("en", "fr"):
        code, err = cli(
            capsys, "segment", str(shop), "--out", str(tmp_path / "o.xlsx"), "--as-of", value, "--lang", lang
        )
        assert code == EXIT_INPUT, err
        if lang == "en":
            assert words in err, err


def test_as_of_on_the_first_sale_day_and_far_ahead_segment(tmp_path, capsys, shop):
    report = tmp_path / "r.json"
    first = min(line.split(",")[1] for line in shop.read_text().splitlines()[1:])
    for value in (first, "2199-12-31"):
        code, err = segment(
            capsys,
            str(shop),
            str(tmp_path / "o.xlsx"),
            "--report",
            str(report),
            "--as-of",
            value,
            "--lang",
            "fr",
        )
        assert code == EXIT_OK, err
        result = strict_json(report)
        assert result["as_of"] == value
        assert result["customers"] >= 1
        assert sum(s["customers"] for s in result["segments"]) == result["customers"]


def _imported(path: Path):
    from segmenter_app.core import collect
    from segmenter_app.core.analysis import Analysis

    analysis = Analysis(lang="en")
    collect.import_files(analysis, [str(path)])
    return analysis


def test_customer_table_refuses_as_of_before_every_sale(shop):
    import pandas as pd

    from segmenter_app.core import customers
    from segmenter_app.core.i18n import UserError

    with pytest.raises(UserError):
        customers.build_customer_table(_imported(shop), pd.Timestamp("2000-01-01"))


def test_customer_table_refuses_as_of_past_2262(shop):
    import pandas as pd

    from segmenter_app.core import customers
    from segmenter_app.core.i18n import UserError

    analysis = _imported(shop)
    try:
        customers.build_customer_table(analysis, pd.Timestamp("2999-01-01"))
    except UserError:
        return
    assert analysis.customers is not None and len(analysis.customers) == 40


# --- Tiny and degenerate data -------------------------------------------------------------------


def test_customers_with_only_returns_are_said_in_the_report(tmp_path, capsys):
    rows = [(f"O{i}", f"2025-0{1 + i % 9}-1{i % 9}", f"C{i}", 10.0 + i) for i in range(30)]
    rows += [(f"R{i}", "2025-05-10", f"N{i}", -10.0 - i) for i in range(5)]
    data = sales_csv(tmp_path / "returns.csv", rows)
    report = tmp_path / "r.json"
    for lang, words in (("en", "only returns"), ("fr", "que des retours")):
        code, err = segment(
            capsys, str(data), str(tmp_path / "o.xlsx"), "--report", str(report), "--lang", lang
        )
        assert code == EXIT_OK, err
        result = strict_json(report)
        assert result["rows"]["kept"] == 35 and result["customers"] == 30
        assert any(words in w and w.startswith("5 ") for w in result["warnings"]), result["warnings"]


def test_measure_unreadable_values_are_counted_not_read_as_no(tmp_path, capsys, shop_project):
    results = results_csv(
        tmp_path / "res.csv", SHOP_IDS, ["maybe"] * 10 + ["yes", "no"] * 15, ["abc"] * 10 + ["10"] * 30
    )
    report = tmp_path / "r.json"
    code, err = measure(
        capsys,
        str(shop_project),
        str(results),
        "--out",
        str(tmp_path / "m.xlsx"),
        "--report",
        str(report),
        "--lang",
        "en",
    )
    assert code == EXIT_OK, err
    result = strict_json(report)
    assert result["results"]["excluded"] == {"unreadable_converted": 10}


@pytest.mark.parametrize("amount", ["1e400", "-1e400", "1e300"])
def test_measure_absurd_revenues_stay_finite_and_quiet(tmp_path, capsys, shop_project, amount):
    results = results_csv(tmp_path / "res.csv", SHOP_IDS, ["yes", "no"] * 20, [amount] * 40)
    report = tmp_path / "r.json"
    code, err = measure(
        capsys,
        str(shop_project),
        str(results),
        "--out",
        str(tmp_path / "m.xlsx"),
        "--report",
        str(report),
        "--lang",
        "fr",
    )
    assert code == EXIT_OK, err
    assert "RuntimeWarning" not in err
    strict_json(report)  # no NaN or Infinity


def _tiny(kind: str) -> list[tuple[str, str, str, float]]:
    """Degenerate sales: few customers, one day, one sale each, equal amounts."""
    if kind in ("1 customer", "2 customers", "3 customers"):
        n = int(kind[0])
        return [(f"O{i}", f"2025-0{1 + i}-05", f"C{i}", 10.0 * (i + 1)) for i in range(n)] + [
            ("X", "2025-04-01", "C0", 5.0)
        ]
    if kind == "every sale on one day":
        return [(f"O{i}", "2025-03-01", f"C{i % 60}", 5.0 + i % 17) for i in range(150)]
    if kind == "one sale per customer":
        return [
            (f"O{i}", f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}", f"C{i}", 5.0 + i % 23) for i in range(80)
        ]
    if kind == "all amounts equal":
        return [(f"O{i}", f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}", f"C{i % 50}", 25.0) for i in range(150)]
    raise ValueError(kind)


TINY = [
    "1 customer",
    "2 customers",
    "3 customers",
    "every sale on one day",
    "one sale per customer",
    "all amounts equal",
]


def _every_method(capsys, tmp_path: Path, data: Path, lang: str = "en") -> dict[str, int]:
    """Run each method on ``data``; check the report of every success; return the exit codes."""
    codes = {}
    for method in ("rfm", "rules", "clusters", "predictive"):
        report = tmp_path / f"{method}.json"
        out = tmp_path / f"{method}.xlsx"
        code, err = segment(
            capsys, str(data), str(out), "--report", str(report), "--method", method, "--lang", lang
        )
        codes[method] = code
        assert code in (EXIT_OK, EXIT_INPUT), (method, err)
        assert "Traceback" not in err
        if code == EXIT_OK:
            result = strict_json(report)
            assert sum(s["customers"] for s in result["segments"]) == result["customers"] > 0
            assert out.stat().st_size > 0
        else:
            assert len(err.strip()) > 20 and not out.exists()
    return codes


@pytest.mark.parametrize("kind", TINY)
def test_tiny_and_degenerate_data_never_crash(tmp_path, capsys, kind):
    data = sales_csv(tmp_path / "sales.csv", _tiny(kind))
    codes = _every_method(capsys, tmp_path, data)
    assert codes["rfm"] == EXIT_OK  # RFM always gives a result when there is a purchase
    assert codes["rules"] == EXIT_OK  # so do rules: presets, or everyone in Others
    if kind in ("1 customer", "2 customers"):
        assert codes["clusters"] == EXIT_INPUT


def test_customer_only_file_with_every_method(tmp_path, capsys, mall_customers_csv):
    codes = _every_method(capsys, tmp_path, mall_customers_csv, lang="fr")
    assert codes == {"rfm": EXIT_INPUT, "rules": EXIT_OK, "clusters": EXIT_OK, "predictive": EXIT_INPUT}


def test_one_customer_clusters_message_names_the_problem(tmp_path, capsys):
    data = sales_csv(tmp_path / "one.csv", _tiny("1 customer"))
    code, err = segment(capsys, str(data), str(tmp_path / "o.xlsx"), "--method", "clusters", "--lang", "en")
    assert code == EXIT_INPUT
    assert "Too few" in err and "()" not in err


# --- Hostile text -------------------------------------------------------------------------------

HOSTILE_TEXT = [
    "=1+1",
    "+cmd|' /C calc'!A0",
    "-2",
    "@SUM(A1:A9)",
    '=HYPERLINK("http://example.invalid","x")',
    "\t=1",
    "ctl\x01\x07\x1b",
    "x" * 40000,
    "😀🍷 émoji",
    "שלום עולם",
    "\u202eevil\u202c",
    "line\nbreak",
    "#N/A",
    "'quoted",
]


# Rule names as hostile as the data, but short: a 40,000-character segment name in the Summary's
# charts makes LibreOffice take some 25 s to open the workbook (it still opens).
RULE_NAMES = [t for t in [*HOSTILE_TEXT, "nul\x00name"] if len(t) < 1000]


def hostile_csv(path: Path, customers: int = 28) -> Path:
    """Sales whose ids, names, products, cities and emails look like formulas, control
    characters, 40,000-character cells, emoji and right-to-left text."""
    rows, extra = [], {"product": [], "city": [], "email": [], "first_name": [], "consent": []}
    for c in range(customers):
        text = HOSTILE_TEXT[c % len(HOSTILE_TEXT)]
        for k in range(1 + c % 2):
            rows.append(
                (
                    f"O{c}-{k}",
                    f"2025-{1 + (c + k) % 12:02d}-{1 + (c * k) % 28:02d}",
                    f"{text}{c}",
                    5.0 + (c * 13 + k) % 150,
                )
            )
            extra["product"].append(HOSTILE_TEXT[(c + k) % len(HOSTILE_TEXT)])
            extra["city"].append(HOSTILE_TEXT[(c + 3) % len(HOSTILE_TEXT)])
            extra["email"].append(f"c{c}@example.com")
            extra["first_name"].append(text)
            extra["consent"].append("yes")
    return sales_csv(path, rows, extra)


def _check_workbook(path: Path) -> set[str]:
    """Open the workbook with openpyxl; no formula cell, no cell over Excel's limit; its texts."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    texts = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert len(cell.value) <= 32767
                    texts.add(cell.value)
    return texts


def _libreoffice_opens(path: Path, tmp_path: Path) -> None:
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    if soffice is None:
        return
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "ods",
            "--outdir",
            str(tmp_path / "lo"),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "lo" / (path.stem + ".ods")).stat().st_size > 0, result.stdout + result.stderr


def test_hostile_text_gives_safe_workbook_csv_and_strict_json(tmp_path, capsys):
    data = hostile_csv(tmp_path / "sales.csv")
    rules = rules_file(
        tmp_path / "rules.json",
        {
            "rules": [
                {"id": t[:50], "name": t, "when": {"field": "monetary", "op": ">", "value": 20 * i}}
                for i, t in enumerate(RULE_NAMES)
            ]
        },
    )
    for lang, method, extra in (("fr", "rules", ["--rules", str(rules)]), ("en", "rfm", [])):
        out, report, csv_dir = tmp_path / f"{lang}.xlsx", tmp_path / f"{lang}.json", tmp_path / f"csv-{lang}"
        code, err = segment(
            capsys,
            str(data),
            str(out),
            "--report",
            str(report),
            "--csv-dir",
            str(csv_dir),
            "--method",
            method,
            *extra,
            "--lang",
            lang,
        )
        assert code == EXIT_OK, err
        result = strict_json(report)
        assert result["customers"] == 28
        texts = _check_workbook(out)
        assert "=1+10" in texts  # a formula-like id is kept, as text
        for mailing in csv_dir.iterdir():
            for line in mailing.read_text(encoding="utf-8-sig").splitlines()[1:]:
                for cell in line.split(";" if lang == "fr" else ","):
                    assert not cell.lstrip('"').startswith(("=", "+", "-", "@")), (mailing.name, cell[:40])
    _libreoffice_opens(tmp_path / "fr.xlsx", tmp_path)


# --- Options argparse refuses: one paragraph in the user's language, exit 2 ---------------------


@pytest.mark.parametrize(
    ("args", "french"),
    [
        (["--control-share", "abc"], "attend un nombre"),
        (["--method", "unknown"], "n'accepte pas « unknown »"),
        (["--horizon-days", "abc"], "attend un nombre entier"),
        (["--seed", "x"], "attend un nombre entier"),
        (["--date-order", "ymd"], "n'accepte pas"),
        (["--bogus"], "Options inconnues"),
    ],
)
def test_options_argparse_refuses_are_said_in_french(tmp_path, capsys, shop, args, french):
    with pytest.raises(SystemExit) as stop:
        main(["segment", str(shop), "--out", str(tmp_path / "o.xlsx"), *args, "--lang", "fr"])
    assert stop.value.code == EXIT_INPUT
    err = capsys.readouterr().err
    assert french in err and "segmenter segment --help" in err
    assert err.strip().count("\n") == 0, "one paragraph, no usage block"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("0", EXIT_OK),
        ("0.5", EXIT_OK),
        ("1", EXIT_INPUT),
        ("-1", EXIT_INPUT),
        ("nan", EXIT_INPUT),
        ("inf", EXIT_INPUT),
    ],
)
def test_control_share_bounds(tmp_path, capsys, shop, value, code):
    report = tmp_path / "r.json"
    got, err = segment(
        capsys,
        str(shop),
        str(tmp_path / "o.xlsx"),
        "--report",
        str(report),
        "--control-share",
        value,
        "--lang",
        "en",
    )
    assert got == code, err
    if code == EXIT_OK:
        segments = strict_json(report)["segments"]
        assert sum(s["customers"] for s in segments) == 40


@pytest.mark.parametrize("k", ["1", "0", "50", "abc", "-3", "2.5"])
def test_bad_k_is_a_user_error(tmp_path, capsys, shop, k):
    code, err = segment(
        capsys, str(shop), str(tmp_path / "o.xlsx"), "--method", "clusters", "--k", k, "--lang", "fr"
    )
    assert code == EXIT_INPUT, err
    assert "--k" in err


def test_measure_bad_window_is_said_in_french(tmp_path, capsys, shop_project):
    results = results_csv(tmp_path / "res.csv", SHOP_IDS, ["yes", "no"] * 20, ["10"] * 40)
    with pytest.raises(SystemExit) as stop:
        main(
            [
                "measure",
                str(shop_project),
                str(results),
                "--out",
                str(tmp_path / "m.xlsx"),
                "--window-days",
                "x",
                "--lang",
                "fr",
            ]
        )
    assert stop.value.code == EXIT_INPUT
    assert "attend un nombre entier" in capsys.readouterr().err


# --- Empty option values and mapping files --------------------------------------------------------


@pytest.mark.parametrize(
    "option",
    ["--report", "--save-project", "--mapping", "--rules", "--csv-dir", "--key-file", "--as-of", "--out"],
)
def test_empty_option_value_is_refused_not_ignored(tmp_path, capsys, shop, option):
    args = ["--out", str(tmp_path / "o.xlsx")] if option != "--out" else []
    extra = (
        ["--method", "rules"] if option == "--rules" else ["--pseudonymize"] if option == "--key-file" else []
    )
    code, err = cli(capsys, "segment", str(shop), *args, option, "", *extra, "--lang", "fr")
    assert code == EXIT_INPUT, err
    assert list(tmp_path.iterdir()) == []


def test_measure_empty_report_is_refused(tmp_path, capsys, shop_project):
    results = results_csv(tmp_path / "res.csv", SHOP_IDS, ["yes", "no"] * 20, ["10"] * 40)
    code, err = measure(
        capsys,
        str(shop_project),
        str(results),
        "--out",
        str(tmp_path / "m.xlsx"),
        "--report",
        "",
        "--lang",
        "en",
    )
    assert code == EXIT_INPUT and "--report" in err
    assert not (tmp_path / "m.xlsx").exists()


@pytest.mark.parametrize("content", ['{"columns": 5}', '{"columns": ["customer"]}'])
def test_mapping_of_the_wrong_shape_is_refused(tmp_path, capsys, shop, content):
    mapping = tmp_path / "mapping.json"
    mapping.write_text(content, encoding="utf-8")
    code, err = segment(
        capsys, str(shop), str(tmp_path / "o.xlsx"), "--mapping", str(mapping), "--lang", "en"
    )
    assert code == EXIT_INPUT, err


# --- Pseudonymized workbooks ------------------------------------------------------------------


def test_pseudonymized_workbook_lists_no_customer_id(tmp_path, capsys, shop):
    import re

    out, report = tmp_path / "p.xlsx", tmp_path / "r.json"
    code, err = segment(
        capsys,
        str(shop),
        str(out),
        "--report",
        str(report),
        "--method",
        "rules",
        "--pseudonymize",
        "--lang",
        "en",
    )
    assert code == EXIT_OK, err
    texts = _check_workbook(out)
    leaks = sorted(t[:60] for t in texts if re.search(r"\bC0\d\d\b", t))
    assert leaks == []
    assert any(re.fullmatch(r'\["[0-9a-f]{32}".*', t) for t in texts), (
        "the listed customers are there, hashed"
    )
    details = json.dumps(strict_json(report)["details"])
    assert not re.search(r"\bC0\d\d\b", details), "the report's details hash them too"
    assert re.search(r'"[0-9a-f]{32}"', details)


# --- The same sales twice -----------------------------------------------------------------------


def test_same_file_given_twice_is_refused(tmp_path, capsys, shop):
    for second in (str(shop), str(shop.parent / "." / shop.name)):
        code, err = cli(
            capsys, "segment", str(shop), second, "--out", str(tmp_path / "o.xlsx"), "--lang", "fr"
        )
        assert code == EXIT_INPUT, err
        assert "deux fois" in err


def test_copy_of_the_same_export_is_not_counted_twice(tmp_path, capsys, shop):
    copy = tmp_path / "copy.csv"
    copy.write_bytes(shop.read_bytes())
    report_once, report_twice = tmp_path / "once.json", tmp_path / "twice.json"
    assert segment(capsys, str(shop), str(tmp_path / "a.xlsx"), "--report", str(report_once))[0] == EXIT_OK
    code, _err = cli(
        capsys,
        "segment",
        str(shop),
        str(copy),
        "--out",
        str(tmp_path / "b.xlsx"),
        "--report",
        str(report_twice),
    )
    if code == EXIT_INPUT:
        return  # refused with a message: fine too
    revenue = [sum(s["revenue"] for s in strict_json(r)["segments"]) for r in (report_once, report_twice)]
    assert revenue[1] == pytest.approx(revenue[0])


# --- Dates Excel cannot show ----------------------------------------------------------------------


def _old_sales(birth_dates: bool) -> tuple[list[tuple[str, str, str, float]], dict[str, list[str]] | None]:
    rows = [(f"O{i}", f"{1850 + i * 10}-0{1 + i % 9}-1{i % 9}", f"C{i % 12}", 10.0 + i) for i in range(30)]
    extra = {"birth_date": [f"1800-01-0{1 + i % 9}" for i in range(30)]} if birth_dates else None
    return rows, extra


def test_sales_before_1900_give_a_workbook(tmp_path, capsys):
    rows, _ = _old_sales(birth_dates=False)
    data = sales_csv(tmp_path / "old.csv", rows)
    out = tmp_path / "o.xlsx"
    code, err = segment(capsys, str(data), str(out), "--lang", "fr")
    assert code == EXIT_OK, err
    texts = _check_workbook(out)
    assert "1850-01-10" in texts  # Excel cannot show it as a date: kept as text


def test_birth_dates_in_1800_do_not_crash(tmp_path, capsys):
    rows, extra = _old_sales(birth_dates=True)
    data = sales_csv(tmp_path / "old.csv", rows, extra)
    code, err = segment(capsys, str(data), str(tmp_path / "o.xlsx"), "--lang", "en")
    assert code in (EXIT_OK, EXIT_INPUT), err


# --- Absurd amounts -------------------------------------------------------------------------------


def _sales_with_amount(path: Path, text: str) -> Path:
    """60 ordinary sales of 20 customers, one of which has ``text`` as its amount."""
    lines = ["order,date,customer,amount"]
    lines += [
        f"O{i},2025-{1 + i % 12:02d}-{1 + i % 28:02d},C{i % 20},{text if i == 5 else 10 + i}"
        for i in range(60)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("amount", ["inf", "Infinity", "1e400", "-inf", "1e307"])
def test_infinite_or_absurd_amounts_never_reach_the_figures(tmp_path, capsys, amount):
    """Either the import sets the amount aside as unreadable, or the run stops with a message;
    never a crash, never an infinite spend in the figures."""
    data = _sales_with_amount(tmp_path / "sales.csv", amount)
    report = tmp_path / "r.json"
    for lang, words in (("en", "too large"), ("fr", "trop grande")):
        code, err = segment(
            capsys, str(data), str(tmp_path / "o.xlsx"), "--report", str(report), "--lang", lang
        )
        assert code in (EXIT_OK, EXIT_INPUT), err
        if code == EXIT_INPUT:
            assert words in err
        else:
            result = strict_json(report)
            assert result["rows"]["excluded"].get("unreadable_amount") == 1
            assert all(s["revenue"] is not None and abs(s["revenue"]) < 1e15 for s in result["segments"])


def test_infinite_amount_is_an_unreadable_amount(tmp_path, capsys):
    data = _sales_with_amount(tmp_path / "sales.csv", "inf")
    report = tmp_path / "r.json"
    code, err = segment(capsys, str(data), str(tmp_path / "o.xlsx"), "--report", str(report), "--lang", "en")
    assert code == EXIT_OK, err
    assert strict_json(report)["rows"]["excluded"].get("unreadable_amount") == 1


# --- Output encodings -------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_output_encoding_without_accents_or_minus_signs_does_not_crash(tmp_path, shop, encoding):
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": encoding}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "segmenter_app",
            "segment",
            str(shop),
            "--out",
            str(tmp_path / "o.xlsx"),
            "--lang",
            "fr",
        ],
        capture_output=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == EXIT_OK, result.stderr.decode(encoding, "replace")
    assert b"40 clients r" in result.stdout


# --- measure on hostile files -----------------------------------------------------------------------


def _project_variant(source: Path, target: Path, change: str) -> Path:
    """A copy of a project file: truncated, from a future format version, or without its tables."""
    import zipfile

    data = source.read_bytes()
    if change == "truncated":
        target.write_bytes(data[: len(data) // 2])
        return target
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            body = zin.read(info.filename)
            if change == "future" and info.filename == "manifest.json":
                manifest = json.loads(body)
                manifest["version"] = 99
                body = json.dumps(manifest).encode()
            if change == "no tables" and info.filename.startswith("tables/"):
                continue
            if change == "bad analysis" and info.filename == "analysis.json":
                body = b"{not json"
            zout.writestr(info, body)
    return target


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ("truncated", "is damaged (it is cut short"),
        ("future", "newer version"),
        ("no tables", "damaged"),
        ("bad analysis", "damaged"),
        ("csv renamed", "not a Segmenter project"),
        ("empty", "not a Segmenter project"),
    ],
)
def test_measure_on_a_broken_project_is_a_user_error(tmp_path, capsys, shop_project, shop, change, words):
    target = tmp_path / "broken.segmenter"
    if change == "csv renamed":
        target.write_bytes(shop.read_bytes())
    elif change == "empty":
        target.write_bytes(b"")
    else:
        _project_variant(shop_project, target, change)
    results = results_csv(tmp_path / "res.csv", SHOP_IDS, ["yes", "no"] * 20, ["10"] * 40)
    for lang in ("en", "fr"):
        code, err = cli(
            capsys, "measure", str(target), str(results), "--out", str(tmp_path / "m.xlsx"), "--lang", lang
        )
        assert code == EXIT_INPUT, err
        if lang == "en":
            assert words in err
    assert not (tmp_path / "m.xlsx").exists()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("", "empty"),
        ("customer,converted,revenue\n", "no rows"),
        ("foo,bar\n1,2\n3,4\n", "no column naming the customer"),
        ("customer,converted,revenue\nZZ1,yes,5\nZZ2,no,0\n", "None of the 2 customers"),
        ("customer;converted\n" + "\n".join(f"C{c:03d};oui" for c in range(5)) + "\n", None),
    ],
)
def test_measure_on_hostile_results_files(tmp_path, capsys, shop_project, content, words):
    results = tmp_path / "res.csv"
    results.write_text(content, encoding="utf-8")
    report = tmp_path / "r.json"
    code, err = measure(
        capsys,
        str(shop_project),
        str(results),
        "--out",
        str(tmp_path / "m.xlsx"),
        "--report",
        str(report),
        "--lang",
        "en",
    )
    if words is None:
        assert code == EXIT_OK, err
        assert strict_json(report)["total"]["conversions"] >= 1
    else:
        assert code == EXIT_INPUT, err
        assert words in err, err


def test_measure_a_project_whose_segments_changed(tmp_path, capsys, shop_project):
    """A saved measurement refers to segments a later edit merged away; measuring again works."""
    from segmenter_app.core import project
    from segmenter_app.core.segmentation import edits

    path = tmp_path / "p.segmenter"
    path.write_bytes(shop_project.read_bytes())
    results = results_csv(tmp_path / "res.csv", SHOP_IDS, ["yes", "no"] * 20, ["10"] * 40)
    assert (
        measure(
            capsys, str(path), str(results), "--out", str(tmp_path / "a.xlsx"), "--save-project", str(path)
        )[0]
        == EXIT_OK
    )
    analysis = project.load_project(path)
    keys = [k for k in analysis.segmentation.segments["key"]][:3]
    edits.merge(analysis, keys, "Merged")
    project.save_project(analysis, path)
    report = tmp_path / "r.json"
    code, err = measure(
        capsys,
        str(path),
        str(results),
        "--out",
        str(tmp_path / "b.xlsx"),
        "--report",
        str(report),
        "--lang",
        "fr",
    )
    assert code == EXIT_OK, err
    segments = {s["key"] for s in strict_json(report)["segments"]}
    assert keys[0] in segments and not (set(keys[1:]) & segments)
    _check_workbook(tmp_path / "b.xlsx")


@pytest.mark.parametrize(("option", "name"), [("--csv-dir", "mailing"), ("--key-file", "k.txt")])
def test_unwritable_csv_folder_or_key_file_is_a_user_error(tmp_path, capsys, shop, option, name):
    extra = ["--pseudonymize"] if option == "--key-file" else []
    for place in _unwritable(tmp_path, name):
        if option == "--csv-dir" and place.is_dir():
            continue  # an existing folder is where the files go
        code, err = segment(
            capsys, str(shop), str(tmp_path / "o.xlsx"), option, str(place), *extra, "--lang", "fr"
        )
        assert code == EXIT_INPUT, (place, err)
        assert "problème inattendu" not in err


def test_file_with_a_nul_byte_is_a_clear_message(tmp_path, capsys):
    data = tmp_path / "sales.csv"
    data.write_bytes(
        b"order,date,customer,amount,product\n1,2025-01-05,A,10.00,vin\x00rouge\n2,2025-02-05,B,20.00,x\n"
    )
    for lang in ("en", "fr"):
        code, err = segment(capsys, str(data), str(tmp_path / "o.xlsx"), "--lang", lang)
        assert code in (EXIT_OK, EXIT_INPUT), err
        assert "Traceback" not in err


def test_closed_output_pipe_after_the_work_is_not_an_error(tmp_path, shop):
    import subprocess
    import sys

    report = tmp_path / "r.json"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "segmenter_app",
            "segment",
            str(shop),
            "--out",
            str(tmp_path / "o.xlsx"),
            "--report",
            str(report),
            "--lang",
            "en",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.close()  # like `| head -c 0`: nobody reads the summary line
    _, err = process.communicate(timeout=300)
    assert process.returncode == EXIT_OK, err.decode()
    assert strict_json(report)["customers"] == 40


@pytest.mark.parametrize("date", ["2030-01-01", "1990-01-01"])
def test_measure_sales_export_that_misses_the_campaign_window(tmp_path, capsys, shop_project, shop, date):
    for lang, words in (("en", "none can fall in the campaign's window"), ("fr", "aucune ne peut tomber")):
        code, err = measure(
            capsys,
            str(shop_project),
            str(shop),
            "--campaign-date",
            date,
            "--out",
            str(tmp_path / "m.xlsx"),
            "--lang",
            lang,
        )
        assert code == EXIT_INPUT, err
        assert words in err
    code, err = measure(
        capsys,
        str(shop_project),
        str(shop),
        "--campaign-date",
        "2025-06-01",
        "--out",
        str(tmp_path / "m.xlsx"),
        "--lang",
        "en",
    )
    assert code == EXIT_OK, err


@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01", "2025-13-01", ""])
def test_measure_campaign_date_out_of_range_or_malformed(tmp_path, capsys, shop_project, shop, date):
    code, err = measure(
        capsys,
        str(shop_project),
        str(shop),
        "--campaign-date",
        date,
        "--out",
        str(tmp_path / "m.xlsx"),
        "--lang",
        "fr",
    )
    assert code == EXIT_INPUT, err
    assert "date de campagne" in err


# --- Names the file system cannot take ------------------------------------------------------------


@pytest.mark.parametrize(
    "option", ["FILE", "--out", "--report", "--save-project", "--csv-dir", "--rules", "--mapping"]
)
def test_too_long_names_are_a_user_error(tmp_path, capsys, shop, option):
    long_name = str(tmp_path / ("a" * 300))
    args = {"FILE": str(shop), "--out": str(tmp_path / "o.xlsx")}
    args[option] = long_name + (".xlsx" if option == "--out" else "")
    extra = ["--method", "rules"] if option == "--rules" else []
    command = ["segment", args.pop("FILE"), *[x for kv in args.items() for x in kv], *extra, "--lang", "fr"]
    code, err = cli(capsys, *command)
    assert code == EXIT_INPUT, err
    assert "trop long" in err and option in err


@pytest.mark.parametrize("which", ["PROJECT", "RESULTS", "--report"])
def test_measure_too_long_names_are_a_user_error(tmp_path, capsys, shop_project, which):
    long_name = str(tmp_path / ("a" * 300))
    results = results_csv(tmp_path / "res.csv", SHOP_IDS, ["yes", "no"] * 20, ["10"] * 40)
    project, res = (
        (long_name if which == "PROJECT" else str(shop_project)),
        (long_name if which == "RESULTS" else str(results)),
    )
    extra = ["--report", long_name] if which == "--report" else []
    code, err = cli(
        capsys, "measure", project, res, "--out", str(tmp_path / "m.xlsx"), *extra, "--lang", "en"
    )
    assert code == EXIT_INPUT, err
    assert "too long" in err and which in err


def test_a_file_of_returns_only_says_so(tmp_path, capsys):
    """Every line a return: the message says what is wrong, not 'choose a later analysis date'."""
    rows = [(f"R{i}", f"2025-05-1{i}", f"C{i}", -10.0 - i) for i in range(5)]
    data = sales_csv(tmp_path / "returns.csv", rows)
    for lang, words in (("en", "return or a cancellation"), ("fr", "retours ou des annulations")):
        code, err = segment(capsys, str(data), str(tmp_path / "o.xlsx"), "--lang", lang)
        assert code == EXIT_INPUT and words in err and "later" not in err and "tardive" not in err


def test_done_line_counts_in_words(tmp_path, capsys):
    """'1 customer in 1 segment', never '1 customers'."""
    data = sales_csv(
        tmp_path / "one.csv", [("O1", "2025-03-01", "C1", 25.0), ("O2", "2025-04-01", "C1", 30.0)]
    )
    code = main(["segment", str(data), "--out", str(tmp_path / "o.xlsx"), "--lang", "en"])
    out = capsys.readouterr().out
    assert code == EXIT_OK
    assert out.startswith("1 customer in 1 segment,"), out
