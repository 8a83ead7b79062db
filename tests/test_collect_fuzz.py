"""Whatever the bytes, the import either accounts for every row or says what is wrong (never crashes)."""

from __future__ import annotations

import gzip

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from segmenter_app.core.analysis import Analysis
from segmenter_app.core.collect import import_files
from segmenter_app.core.customers import build_customer_table
from segmenter_app.core.i18n import UserError

PIECES = st.sampled_from(
    [
        "Client",
        "Date",
        "Montant",
        "Total",
        "C01",
        "02/01/2025",
        "2025-01-02",
        "1 234,56 €",
        "abc",
        "é",
        "\u00a0",
        '"',
    ]
)
SEPARATORS = st.sampled_from([";", ",", "\t", "|", "\n", "\r\n", " ", ""])
HEADERS = st.sampled_from(
    ["Client;Date;Montant\n", "Customer,Order Date,Total\n", "E-mail;Date;Prix;Quantité\n", ""]
)


def check(tmp_path, data: bytes) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    analysis = Analysis()
    try:
        import_files(analysis, [str(path)])
        build_customer_table(analysis)
    except UserError as exc:
        assert exc.text("fr") and exc.text("en")
        return
    assert analysis.account.balanced
    assert analysis.account.read == analysis.account.kept + sum(analysis.account.excluded.values())


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    HEADERS,
    st.lists(st.tuples(PIECES, SEPARATORS), max_size=60),
    st.sampled_from(["utf-8", "utf-16", "cp1252"]),
)
def test_random_text_files(tmp_path, header, pieces, encoding):
    text = header + "".join(p + s for p, s in pieces)
    check(tmp_path, text.encode(encoding, errors="replace"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(min_size=1, max_size=400))
def test_random_bytes(tmp_path, data):
    check(tmp_path, data)


def test_truncated_gzip(tmp_path):
    data = gzip.compress(("Client,Date,Montant\n" + "C1,2025-01-02,10\n" * 50_000).encode())
    path = tmp_path / "ventes.csv.gz"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(UserError) as info:
        import_files(Analysis(), [str(path)])
    assert info.value.key == "damaged"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(["xlsx", "ods", "xls"]),
    st.floats(0.05, 0.99),
    st.lists(st.integers(0, 10**9), max_size=12),
)
def test_damaged_workbooks(tmp_path, fmt, cut, flips):
    """Workbooks cut short or with flipped bytes: a clear message or a balanced account, never a crash
    (calamine panics on some, which pyo3 raises as a BaseException)."""
    from segmenter_app.resources import resources_dir
    from tests import corpus

    source = {
        "xlsx": lambda: corpus.workbook_with_titles(tmp_path).read_bytes(),
        "ods": lambda: corpus.ods_with_hidden_row(tmp_path).read_bytes(),
        "xls": lambda: (resources_dir() / "selftest" / "orders.xls").read_bytes(),
    }[fmt]()
    data = bytearray(source[: max(8, int(len(source) * cut))] if flips == [] else source)
    for flip in flips:
        data[flip % len(data)] ^= 0xFF
    check(tmp_path, bytes(data))
