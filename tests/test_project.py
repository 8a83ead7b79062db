"""The project file: a round trip equal field by field, versions, safety."""

from __future__ import annotations

import dataclasses
import json
import zipfile

import numpy as np
import pandas as pd
import pytest
from test_actions_support import make_analysis

from segmenter_app.core import project
from segmenter_app.core import schema as s
from segmenter_app.core.actions import draw_control, suggest_plans, update_plan
from segmenter_app.core.analysis import Analysis, InputFile, RowAccount
from segmenter_app.core.i18n import UserError
from segmenter_app.core.measure import measure_campaign
from segmenter_app.core.measure.campaign import add_measurement
from segmenter_app.core.measure.results import Outcomes


def rich_analysis() -> Analysis:
    """An analysis with every field filled, in the types the steps use."""
    a = make_analysis(n=250, lang="fr")
    a.inputs = [
        InputFile(
            path="/data/ventes.csv",
            format="csv",
            fingerprint="ab" * 32,
            size_bytes=12345,
            encoding="utf-8-sig",
            delimiter=";",
            header_row=3,
            rows_read=1000,
            mapping={"N° commande": "order_id", "Montant TTC": "amount", "Client": "customer_id"},
            account=RowAccount(read=1000, kept=990, excluded={"duplicate": 4, "no_customer_id": 6}),
            warnings=["Dates lues jour/mois/année"],
            details={"date_order": "dmy", "sheets": ("Ventes", "Totaux"), 3: "int key"},
        )
    ]
    a.account = RowAccount(read=1000, kept=990, excluded={"duplicate": 4, "no_customer_id": 6})
    n = 990
    rng = np.random.default_rng(0)
    ids = a.customers.index.to_numpy()
    a.transactions = pd.DataFrame(
        {
            s.T_CUSTOMER: pd.Series(rng.choice(ids, n), dtype="string"),
            s.T_ORDER: [f"T{i:05d}" for i in range(n)],
            s.T_DATE: pd.to_datetime("2025-01-01") + pd.to_timedelta(rng.integers(0, 600, n), unit="D"),
            s.T_AMOUNT: rng.normal(50, 20, n),
            s.T_QUANTITY: np.where(rng.random(n) < 0.1, np.nan, rng.integers(1, 5, n)).astype(float),
            s.T_PRODUCT: pd.Categorical(rng.choice(["Bulles", "Rouge", None], n)),
            s.T_IS_RETURN: rng.random(n) < 0.05,
            s.T_SOURCE: np.zeros(n, dtype=np.int64),
            s.T_SOURCE_ROW: np.arange(2, n + 2, dtype=np.int64),
        }
    )
    a.excluded = pd.DataFrame(
        {
            "source": [0, 0, 0],
            "source_row": [5, 9, 12],
            "reason": ["duplicate", "no_customer_id", "duplicate"],
            "Montant TTC": pd.Series(["12,50", 7.0, None], dtype=object),  # mixed, as read
            "Client": pd.Series(["C1", None, "=HYPERLINK()"], dtype=object),
        }
    )
    a.customer_attributes = a.customers[[s.CITY, s.POSTCODE]].copy()
    a.rows_after_as_of = 7
    a.goal = "win_back"
    a.criteria = [s.C_RECENCY, s.C_FREQUENCY]
    a.segmentation.parameters = {"cut_points": {"recency": [30.0, 90.0], "frequency": [2, 3]}, "levels": 5}
    a.segmentation.details = {"silhouette": 0.41, "cells": {"5-5": 12}, "nan": float("nan")}
    a.segmentation.assignments["r"] = np.int8(3)
    a.edits = [{"kind": "rename", "key": "rfm:loyal", "name": "Habitués"}]
    suggest_plans(a)
    update_plan(a, "rfm:at_risk", cost_per_contact=1.2, message="Bonjour !")
    draw_control(a)
    asg = a.segmentation.assignments
    table = pd.DataFrame(
        {"converted": rng.random(len(asg)) < 0.2, "revenue": rng.random(len(asg)) * 10},
        index=asg.index.astype(str),
    )
    add_measurement(a, measure_campaign(a, Outcomes("campaign", table, "r.csv", "ff", len(table))))
    a.timings_s = {"import": 1.5}
    a.currency = "EUR"  # an attribute a step may add beyond the dataclass fields
    return a


def assert_same(x, y, where="analysis"):
    """Equal field by field, tables with their dtypes and index."""
    if isinstance(x, pd.DataFrame):
        pd.testing.assert_frame_equal(x, y, check_dtype=True, check_index_type=True, obj=where)
        assert x.index.name == y.index.name, where
    elif isinstance(x, pd.Series):
        pd.testing.assert_series_equal(x, y, obj=where)
    elif dataclasses.is_dataclass(x):
        assert type(x) is type(y), where
        for f in dataclasses.fields(x):
            assert_same(getattr(x, f.name), getattr(y, f.name), f"{where}.{f.name}")
        assert set(vars(x)) == set(vars(y)), where
        for k in vars(x):
            assert_same(getattr(x, k), getattr(y, k), f"{where}.{k}")
    elif isinstance(x, dict):
        assert isinstance(y, dict) and list(x) == list(y), where
        for k in x:
            assert_same(x[k], y[k], f"{where}[{k!r}]")
    elif isinstance(x, list | tuple):
        assert type(x) is type(y) and len(x) == len(y), where
        for i, (a, b) in enumerate(zip(x, y, strict=True)):
            assert_same(a, b, f"{where}[{i}]")
    elif isinstance(x, float) and np.isnan(x):
        assert isinstance(y, float) and np.isnan(y), where
    else:
        assert x == y and type(x) is type(y), (where, x, y)


def test_round_trip_is_equal_field_by_field(tmp_path):
    a = rich_analysis()
    path = project.save_project(a, tmp_path / "boutique.segmenter")
    b = project.load_project(path)
    assert b.project_path == a.project_path == str(path)
    assert_same(a, b)
    assert b.segmentation.assignments[s.A_CONTROL].sum() == a.segmentation.assignments[s.A_CONTROL].sum()
    assert b.plans["rfm:at_risk"]["message"] == "Bonjour !"
    # Saved again, it gives the same content (what is saved is stable).
    path2 = project.save_project(b, tmp_path / "copie.segmenter")
    c = project.load_project(path2)
    c.project_path = b.project_path
    assert_same(b, c)


def test_the_file_holds_json_and_parquet_only(tmp_path):
    path = project.save_project(rich_analysis(), tmp_path / "p.segmenter")
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        manifest = json.loads(zf.read("manifest.json"))
    assert names[:2] == ["manifest.json", "analysis.json"]
    assert all(n.startswith("tables/") and n.endswith(".parquet") for n in names[2:])
    assert manifest["format"] == "segmenter-project" and manifest["version"] == project.FORMAT_VERSION
    assert manifest["lossy"] == []
    assert {"analysis.transactions", "analysis.segmentation.assignments", "analysis.customers"} <= set(
        manifest["tables"]
    )


def _rewrite_manifest(path, **changes):
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(parts["manifest.json"])
    manifest.update(changes)
    parts["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def test_newer_and_too_old_versions_are_refused_with_a_clear_message(tmp_path):
    path = project.save_project(make_analysis(n=50), tmp_path / "p.segmenter")
    _rewrite_manifest(path, version=project.FORMAT_VERSION + 1, app_version="9.0")
    with pytest.raises(UserError) as error:
        project.load_project(path)
    assert error.value.key == "newer"
    assert "Update Segmenter" in error.value.text("en") and "9.0" in error.value.text("en")
    _rewrite_manifest(path, version=0)
    with pytest.raises(UserError) as error:
        project.load_project(path)
    assert error.value.key == "too_old"


def test_an_older_version_is_migrated(tmp_path, monkeypatch):
    path = project.save_project(make_analysis(n=50), tmp_path / "p.segmenter")

    # Pretend the current format is 2, where the analysis gained a default goal.
    def v1_to_v2(manifest, body):
        body["fields"]["goal"] = "keep_best"

    monkeypatch.setattr(project, "FORMAT_VERSION", 2)
    monkeypatch.setattr(project, "MIGRATIONS", {1: v1_to_v2})
    loaded = project.load_project(path)
    assert loaded.goal == "keep_best"


@pytest.mark.parametrize("content", [b"not a zip", b"PK\x03\x04garbage"])
def test_other_files_are_not_projects(tmp_path, content):
    path = tmp_path / "x.segmenter"
    path.write_bytes(content)
    with pytest.raises(UserError) as error:
        project.load_project(path)
    assert error.value.key == "not_project"
    with zipfile.ZipFile(tmp_path / "y.segmenter", "w") as zf:
        zf.writestr("manifest.json", json.dumps({"format": "other", "version": 1}))
    with pytest.raises(UserError):
        project.load_project(tmp_path / "y.segmenter")
    with pytest.raises(UserError) as error:
        project.load_project(tmp_path / "absent.segmenter")
    assert error.value.key == "missing"


def test_a_damaged_part_is_said_plainly(tmp_path):
    path = project.save_project(make_analysis(n=50), tmp_path / "p.segmenter")
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    table = next(n for n in parts if n.endswith(".parquet"))
    parts[table] = b"broken"
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    with pytest.raises(UserError) as error:
        project.load_project(path)
    assert error.value.key == "damaged"


def test_no_class_named_by_the_file_is_ever_built(tmp_path):
    path = project.save_project(make_analysis(n=20), tmp_path / "p.segmenter")
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    body = json.loads(parts["analysis.json"])
    body["fields"]["goal"] = {"__dc__": "Popen", "fields": {"args": "echo hi"}}
    parts["analysis.json"] = json.dumps(body).encode()
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    with pytest.raises(UserError) as error:
        project.load_project(path)
    assert error.value.key == "damaged"


def test_save_is_atomic_and_never_overwrites_an_input(tmp_path, monkeypatch):
    a = make_analysis(n=30)
    target = tmp_path / "p.segmenter"
    project.save_project(a, target)
    before = target.read_bytes()

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(project, "_table_bytes", boom)
    with pytest.raises(RuntimeError):
        project.save_project(a, target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["p.segmenter"]  # no temporary file left
    monkeypatch.undo()
    data = tmp_path / "ventes.csv"
    data.write_text("x")
    a.inputs = [InputFile(path=str(data))]
    with pytest.raises(UserError) as error:
        project.save_project(a, data)
    assert error.value.key == "is_input"
    assert data.read_text() == "x"
