"""An outside check of Group, Act and Measure through the command line, on shops of unusual
shapes: rules files a user or another tool could write (ids and names that clash, numbers JSON
allows but no comparison can use, thousands of rules), customers all alike for clusters, a k the
customers cannot fill, an absurd lifetime-value horizon, and the measure's closing line.

Files are built in ``tmp_path``; every run goes through ``main`` as a user's command would.
"""

from __future__ import annotations

import collections
import json
from pathlib import Path

import openpyxl
import pytest
from test_cli_hostile import cli, rules_file, sales_csv, segment, shop_csv, strict_json

from segmenter_app.cli import EXIT_INPUT, EXIT_OK
from segmenter_app.core import project


@pytest.fixture(scope="module")
def shop(tmp_path_factory) -> Path:
    """40 customers, 1 to 4 orders each over 2025."""
    return shop_csv(tmp_path_factory.mktemp("shapes") / "shop.csv")


def _rule(rule_id: str, name: str, threshold: float) -> dict:
    return {"id": rule_id, "name": name, "when": {"field": "monetary", "op": ">", "value": threshold}}


def _segment_column(path: Path) -> collections.Counter:
    """Customers per name in the workbook's All customers sheet."""
    sheet = openpyxl.load_workbook(path, read_only=True)["All customers"]
    rows = sheet.iter_rows(values_only=True)
    column = next(rows).index("Segment")
    return collections.Counter(row[column] for row in rows if row[column] is not None)


# --- Rules files --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        '{"rules": [{"id": "x", "when": {"field": "monetary", "op": ">", "value": 1' + "0" * 400 + "}}]}",
        '{"rules": [{"id": "x", "when": {"field": "monetary", "op": ">", "value": NaN}}]}',
        '{"rules": [{"id": "x", "when": {"field": "monetary", "op": "<", "value": -Infinity}}]}',
        '{"rules": [{"id": "x", "when": {"field": "monetary", "op": "in", "value": [1' + "0" * 400 + "]}}]}",
        '{"rules": [{"id": "x", "when": {"field": "monetary", "op": ">", '
        '"value": {"field": "frequency", "times": 1' + "0" * 400 + "}}}]}",
    ],
    ids=["integer too large for a number", "NaN", "infinity", "in a huge integer", "times a huge integer"],
)
def test_numbers_no_comparison_can_use_are_said_not_a_crash(tmp_path, capsys, shop, content):
    """A 400-digit integer stopped the run with an internal error (OverflowError); NaN matched
    no one without a word."""
    rules = rules_file(tmp_path / "rules.json", content)
    for lang, words in (("en", "cannot compare with"), ("fr", "ne peut pas comparer avec")):
        code, err = segment(
            capsys,
            str(shop),
            str(tmp_path / "o.xlsx"),
            "--method",
            "rules",
            "--rules",
            str(rules),
            "--lang",
            lang,
        )
        assert code == EXIT_INPUT, err
        assert words in err and "Traceback" not in err


@pytest.mark.parametrize("rule_id", ["others", "Others"])
def test_a_rule_with_the_id_others_is_refused_with_a_reason(tmp_path, capsys, shop, rule_id):
    """Its key, rule:others, was the key of the customers no rule matches: internal error."""
    rules = rules_file(tmp_path / "rules.json", {"rules": [_rule(rule_id, "Big", 300)]})
    for lang, words in (("en", "kept for the customers no rule matches"), ("fr", "réservé aux clients")):
        code, err = segment(
            capsys,
            str(shop),
            str(tmp_path / "o.xlsx"),
            "--method",
            "rules",
            "--rules",
            str(rules),
            "--lang",
            lang,
        )
        assert code == EXIT_INPUT, err
        assert words in err and rule_id in err


def test_two_rules_with_one_name_stay_two_segments_in_the_workbook(tmp_path, capsys, shop):
    """Two rules named "Same" (and one named "Others") gave segments the workbook could not tell
    apart: its Segment column said "Same" for 47 customers where the report had 20 and 27."""
    rules = rules_file(
        tmp_path / "rules.json",
        {"rules": [_rule("a", "Same", 300), _rule("b", "Same", 100), _rule("c", "Others", 50)]},
    )
    report, out = tmp_path / "r.json", tmp_path / "o.xlsx"
    code, err = segment(
        capsys, str(shop), str(out), "--method", "rules", "--rules", str(rules), "--report", str(report)
    )
    assert code == EXIT_OK, err
    segments = strict_json(report)["segments"]
    names = [s["name"] for s in segments]
    assert names == ["Same", "Same (2)", "Others (2)", "Others"]
    in_workbook = _segment_column(out)
    assert {s["name"]: s["customers"] for s in segments if s["customers"]} == dict(in_workbook)
    assert sum(in_workbook.values()) == 40


def test_rule_names_stay_distinct_when_measured_in_the_other_language(tmp_path, capsys, shop):
    saved = tmp_path / "p.segmenter"
    rules = rules_file(
        tmp_path / "rules.json",
        {"rules": [_rule("a", "Même", 300), _rule("b", "Même", 100)]},
    )
    code, err = segment(
        capsys, str(shop), str(tmp_path / "o.xlsx"), "--method", "rules", "--rules", str(rules),
        "--save-project", str(saved), "--lang", "fr",
    )  # fmt: skip
    assert code == EXIT_OK, err
    from segmenter_app.core.segmentation.names import names_in

    seg = project.load_project(saved).segmentation
    assert names_in(seg, "en")["rule:a"] == "Même"
    assert names_in(seg, "en")["rule:b"] == "Même (2)"


def test_thousands_of_rules_are_refused_at_once(tmp_path, capsys, shop):
    """3,000 rules took three minutes (overlaps counted pair by pair, 3,000 segment sheets)."""
    many = {"rules": [_rule(f"r{i}", f"R{i}", 1000 - i) for i in range(3000)]}
    rules = rules_file(tmp_path / "rules.json", many)
    for lang, words in (("en", "3000 rules; at most 100"), ("fr", "3000 règles ; 100 au plus")):
        code, err = segment(
            capsys,
            str(shop),
            str(tmp_path / "o.xlsx"),
            "--method",
            "rules",
            "--rules",
            str(rules),
            "--lang",
            lang,
        )
        assert code == EXIT_INPUT, err
        assert words in err


def test_a_rule_of_thousands_of_conditions_is_refused(tmp_path, capsys, shop):
    """20,000 conditions under one "any" took 12 s on 40 customers."""
    wide = {
        "rules": [
            {"id": "w", "when": {"any": [{"field": "monetary", "op": ">", "value": i} for i in range(20000)]}}
        ]
    }
    rules = rules_file(tmp_path / "rules.json", wide)
    code, err = segment(
        capsys,
        str(shop),
        str(tmp_path / "o.xlsx"),
        "--method",
        "rules",
        "--rules",
        str(rules),
        "--lang",
        "en",
    )
    assert code == EXIT_INPUT, err
    assert "more than 2000 conditions" in err and "'in'" in err


def test_a_hundred_rules_still_run(tmp_path, capsys, shop):
    rules = rules_file(
        tmp_path / "rules.json", {"rules": [_rule(f"r{i}", f"R{i}", 500 - 5 * i) for i in range(100)]}
    )
    report = tmp_path / "r.json"
    code, err = segment(
        capsys,
        str(shop),
        str(tmp_path / "o.xlsx"),
        "--method",
        "rules",
        "--rules",
        str(rules),
        "--report",
        str(report),
    )
    assert code == EXIT_OK, err
    result = strict_json(report)
    assert sum(s["customers"] for s in result["segments"]) == result["customers"] == 40


# --- Clusters -----------------------------------------------------------------------------------


def test_identical_customers_are_said_to_be_alike_for_clusters(tmp_path, capsys):
    """Every customer bought twice, 25.00 each time, on the same days: the message named an empty
    list of criteria, "()"."""
    rows = [(f"O{c}-{k}", f"2025-0{1 + k}-10", f"C{c}", 25.0) for c in range(50) for k in range(2)]
    data = sales_csv(tmp_path / "alike.csv", rows)
    for lang, words in (("en", "1 distinct profile"), ("fr", "1 profil distinct")):
        code, err = segment(
            capsys, str(data), str(tmp_path / "o.xlsx"), "--method", "clusters", "--lang", lang
        )
        assert code == EXIT_INPUT, err
        assert words in err and "()" not in err


def test_more_clusters_than_the_customers_allow_names_the_most(tmp_path, capsys):
    """Three different customers and --k 3: "a whole number from 2 to 2 (got 3)"."""
    rows = [("O1", "2025-03-01", "C1", 10.0), ("O2", "2025-05-01", "C2", 30.0)]
    rows += [("O3", "2025-06-01", "C3", 50.0), ("O4", "2025-06-11", "C3", 50.0)]
    data = sales_csv(tmp_path / "three.csv", rows)
    for lang, words in (("en", "at most 2 clusters"), ("fr", "au plus 2 groupes")):
        code, err = segment(
            capsys, str(data), str(tmp_path / "o.xlsx"), "--method", "clusters", "--k", "3", "--lang", lang
        )
        assert code == EXIT_INPUT, err
        assert words in err and ("3 distinct" in err or "3 profils" in err)
        assert "2 to 2" not in err and "2 à 2" not in err


# --- Predictive ---------------------------------------------------------------------------------


@pytest.mark.parametrize("days", ["0", "-5", "100000000"])
def test_an_absurd_horizon_is_said_in_the_options_words(tmp_path, capsys, shop, days):
    """0 and -5 gave "parameters not understood ({'horizon_days': 0})"; 100,000,000 days (273,000
    years of lifetime value) was accepted."""
    for lang, words in (
        ("en", "--horizon-days takes a whole number of days from 1 to 3650"),
        ("fr", "de 1 à 3650"),
    ):
        code, err = segment(
            capsys,
            str(shop),
            str(tmp_path / "o.xlsx"),
            "--method",
            "predictive",
            "--horizon-days",
            days,
            "--lang",
            lang,
        )
        assert code == EXIT_INPUT, err
        assert words in err and "{" not in err


# --- Measure ------------------------------------------------------------------------------------


def test_measure_line_in_words(tmp_path, capsys, shop):
    """A small-data RFM project has 7 segments of which 4 hold customers: the line said "7
    segments measured", and "1 conversions among 36 contacted customers"."""
    saved = tmp_path / "p.segmenter"
    assert segment(capsys, str(shop), str(tmp_path / "s.xlsx"), "--save-project", str(saved))[0] == EXIT_OK
    seg = project.load_project(saved).segmentation
    measured = seg.assignments["segment"].nunique()
    contacted = seg.assignments.index[~seg.assignments["control"].astype(bool)].astype(str)
    results = tmp_path / "results.csv"
    results.write_text(f"customer,converted,revenue\n{contacted[0]},yes,12\n", encoding="utf-8")
    from segmenter_app.cli import main

    for lang, words in (
        ("en", f"{measured} segments measured (1 conversion among {len(contacted)} contacted customers)"),
        ("fr", f"{measured} segments mesurés (1 conversion parmi {len(contacted)} clients contactés)"),
    ):
        capsys.readouterr()
        assert (
            main(
                [
                    "measure",
                    str(saved),
                    str(results),
                    "--out",
                    str(tmp_path / f"m{lang}.xlsx"),
                    "--lang",
                    lang,
                ]
            )
            == 0
        )
        printed = capsys.readouterr().out
        assert words in printed, printed
    assert len(seg.segments) > measured  # the small-data grid's empty segments are not counted


def test_report_of_each_shape_is_strict_json(tmp_path, capsys):
    """Whale, returns beyond purchases and one day of sales: strict JSON, sizes that add up."""
    rows = [
        (f"O{i}", f"2025-{1 + i % 12:02d}-{1 + i % 27:02d}", f"C{i % 40}", 20.0 + i % 30) for i in range(120)
    ]
    rows += [(f"W{i}", f"2025-{1 + i % 12:02d}-05", "BIGCORP", 60000.0) for i in range(12)]
    rows += [(f"R{i}", f"2025-{1 + i % 12:02d}-20", f"C{i % 10}", -200.0 - i) for i in range(30)]
    data = sales_csv(tmp_path / "shape.csv", rows)
    for method in ("rfm", "rules", "clusters"):
        report = tmp_path / f"{method}.json"
        code, err = segment(
            capsys, str(data), str(tmp_path / f"{method}.xlsx"), "--method", method, "--report", str(report)
        )
        assert code == EXIT_OK, err
        result = strict_json(report)
        assert sum(s["customers"] for s in result["segments"]) == result["customers"] == 41
        assert json.dumps(result, allow_nan=False)


# --- RFM long after the last sale ---------------------------------------------------------------


def test_rfm_long_after_the_last_sale_says_its_new_customers_are_only_the_least_lapsed(
    tmp_path, capsys, shop
):
    """With --as-of 2199-01-01 every customer last bought 63,000 days earlier, and RFM still
    named some of them "New customers" without a word: recency is scored against the others."""
    report = tmp_path / "r.json"
    for lang, words in (("en", "only the least lapsed"), ("fr", "que les moins anciens")):
        code, err = segment(
            capsys,
            str(shop),
            str(tmp_path / "o.xlsx"),
            "--as-of",
            "2199-01-01",
            "--report",
            str(report),
            "--lang",
            lang,
        )
        assert code == EXIT_OK, err
        result = strict_json(report)
        assert any(words in w for w in result["warnings"]), result["warnings"]
        assert words in err  # the command says it too
        assert words in result["details"]["stale_recency"]


def test_rfm_on_recent_sales_has_no_such_warning(tmp_path, capsys, shop):
    report = tmp_path / "r.json"
    code, err = segment(capsys, str(shop), str(tmp_path / "o.xlsx"), "--report", str(report))
    assert code == EXIT_OK, err
    result = strict_json(report)
    assert "stale_recency" not in result["details"] and result["warnings"] == []


# --- Act on a shop with one huge B2B customer ---------------------------------------------------


def test_one_huge_customer_does_not_set_the_offer_threshold_of_their_segment(tmp_path, capsys):
    """One B2B customer of 12 orders of 60,000 among 200 shoppers of 10 to 60: the predictive
    'high value' segment holds them and 10 others, and its offer said "free delivery from
    €21,000" (20% over an average basket the big customer made 17,000)."""
    rows = []
    for c in range(200):
        for k in range(1 + c % 3):
            month, day = 1 + (c + 4 * k) % 12, 1 + (c + 9 * k) % 28
            rows.append((f"O{c}-{k}", f"2025-{month:02d}-{day:02d}", f"C{c}", 10.0 + c % 50))
    rows += [(f"W{i}", f"2025-{1 + i % 12:02d}-05", "BIGCORP", 60000.0) for i in range(12)]
    data = sales_csv(tmp_path / "whale.csv", rows)
    report = tmp_path / "r.json"
    code, err = segment(
        capsys, str(data), str(tmp_path / "o.xlsx"), "--method", "predictive", "--report", str(report)
    )
    assert code == EXIT_OK, err
    result = strict_json(report)
    holder_name = segment_in_workbook(tmp_path / "o.xlsx", "BIGCORP")
    holder = next(s for s in result["segments"] if s["name"] == holder_name)
    assert holder["customers"] > 5 and holder["avg_basket"] > 1000  # the whale pulls the mean
    assert holder["action"]["threshold"] <= 100, holder["action"]["offer"]
    assert sum(s["customers"] for s in result["segments"]) == result["customers"] == 201


def segment_in_workbook(workbook: Path, customer: str) -> str:
    """The segment name the workbook's All customers sheet gives ``customer``."""
    sheet = openpyxl.load_workbook(workbook, read_only=True)["All customers"]
    rows = sheet.iter_rows(values_only=True)
    head = next(rows)
    who, segment_column = head.index("Customer"), head.index("Segment")
    return next(row[segment_column] for row in rows if row[who] == customer)


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "before the project's analysis date"), ("fr", "précède la date")]
)
def test_a_campaign_dated_before_the_segments_existed_is_said(tmp_path, capsys, shop, lang, words):
    """A campaign date eight months before the project's analysis date counted sales the
    segmentation had already used as conversions, without a word."""
    saved = tmp_path / "p.segmenter"
    assert segment(capsys, str(shop), str(tmp_path / "s.xlsx"), "--save-project", str(saved))[0] == EXIT_OK
    as_of = project.load_project(saved).as_of.date().isoformat()
    report = tmp_path / "m.json"
    later = sales_csv(
        tmp_path / "later.csv", [(f"N{c}", "2026-01-10", f"C{c:03d}", 20.0) for c in range(0, 40, 3)]
    )
    for date, sales, said in (("2025-04-01", shop, True), (as_of, later, False)):
        code, err = cli(
            capsys, "measure", str(saved), str(sales), "--campaign-date", date, "--window-days", "60",
            "--out", str(tmp_path / "m.xlsx"), "--report", str(report), "--lang", lang,
        )  # fmt: skip
        assert code == EXIT_OK, err
        kinds = [a["kind"] for a in strict_json(report)["alerts"]]
        assert ("campaign_before_analysis" in kinds) is said
        assert (words in err) is said
        assert not said or as_of in err


# --- Huge rules files ---------------------------------------------------------------------------


def test_a_rules_file_of_megabytes_is_refused_before_it_is_read(tmp_path, capsys, shop):
    """A 26 MB rules file (3 million values in one list) took 80 s and 3 GB on 40 customers."""
    rule = {"id": "x", "when": {"field": "monetary", "op": "in", "value": list(range(1_000_000))}}
    rules = rules_file(tmp_path / "rules.json", {"rules": [rule]})
    assert rules.stat().st_size > 5_000_000
    for lang, words in (("en", "far more than rules need (at most 5 MB)"), ("fr", "7,9 Mo, bien plus")):
        code, err = segment(
            capsys,
            str(shop),
            str(tmp_path / "o.xlsx"),
            "--method",
            "rules",
            "--rules",
            str(rules),
            "--lang",
            lang,
        )
        assert code == EXIT_INPUT, err
        assert words in err


def test_a_rule_name_of_thousands_of_characters_is_refused(tmp_path, capsys, shop):
    """A 10-million-character name took 90 s and 2.5 GB (it is in every sheet, chart and reason)."""
    rules = rules_file(tmp_path / "rules.json", {"rules": [_rule("a", "N" * 5000, 100)]})
    for lang, words in (
        ("en", "its name has 5000 characters: keep it under 200"),
        ("fr", "son nom compte 5000"),
    ):
        code, err = segment(
            capsys,
            str(shop),
            str(tmp_path / "o.xlsx"),
            "--method",
            "rules",
            "--rules",
            str(rules),
            "--lang",
            lang,
        )
        assert code == EXIT_INPUT, err
        assert words in err


def test_a_long_list_of_values_is_shortened_in_every_customers_reason(tmp_path, capsys, shop):
    """Each matching customer's reason repeated the whole list (3 million values, 26 MB each)."""
    rule = {
        "id": "x",
        "name": "Listed",
        "when": {"field": "frequency", "op": "in", "value": list(range(1, 5001))},
    }
    rules = rules_file(tmp_path / "rules.json", {"rules": [rule]})
    out, report = tmp_path / "o.xlsx", tmp_path / "r.json"
    code, err = segment(
        capsys, str(shop), str(out), "--method", "rules", "--rules", str(rules), "--report", str(report)
    )
    assert code == EXIT_OK, err
    assert strict_json(report)["customers"] == 40
    sheet = openpyxl.load_workbook(out, read_only=True)["All customers"]
    rows = sheet.iter_rows(values_only=True)
    why = next(rows).index("Why in this segment")
    reasons = [row[why] for row in rows if row[why]]
    assert len(reasons) == 40
    assert all(len(r) < 300 for r in reasons), max(map(len, reasons))
    assert all("1, 2, 3" in r and "… (5,000 values)" in r for r in reasons)
