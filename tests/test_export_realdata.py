"""The export on the real Online Retail data, through the same pipeline as the command line."""

from __future__ import annotations

import zipfile

import pytest
from python_calamine import CalamineWorkbook

from segmenter_app.core import schema as s
from segmenter_app.core.pipeline import SegmentOptions, run_segment

pytestmark = [pytest.mark.realdata, pytest.mark.slow]


def test_online_retail_workbook_holds_every_customer_once_and_reads_back(tmp_path, online_retail_csv):
    out = tmp_path / "online-retail.xlsx"
    options = SegmentOptions(files=[str(online_retail_csv)], out=str(out), csv_dir=str(tmp_path / "mailing"))
    analysis, outputs = run_segment(options)
    stats = outputs["export"]
    seg = analysis.segmentation
    n = len(seg.assignments)
    assert n == len(analysis.customers) > 4000

    names = [seg.name_of(key) for key in seg.segments["key"]]
    assert stats["sheets"][:2] == ["Summary", "Action plan"]
    assert stats["sheets"][2 : 2 + len(names)] == names
    assert sum(stats["rows"][name] for name in names) == n
    assert stats["rows"]["All customers"] == n
    assert stats["rows"]["Excluded rows"] == len(analysis.excluded) == sum(analysis.account.excluded.values())

    book = CalamineWorkbook.from_path(str(out))
    assert book.sheet_names == stats["sheets"]
    ids: list[str] = []
    for name, key in zip(names, seg.segments["key"], strict=True):
        rows = book.get_sheet_by_name(name).to_python()
        assert rows[0][0] == "Customer"
        sheet_ids = [str(r[0]) for r in rows[1:]]
        assert set(seg.assignments.index[seg.assignments[s.A_SEGMENT] == key]) == set(sheet_ids)
        ids += sheet_ids
    assert len(ids) == len(set(ids)) == n  # every customer exactly once

    everyone = book.get_sheet_by_name("All customers").to_python()
    header = everyone[0]
    spend = header.index("Net spend")
    by_id = {str(r[0]): r for r in everyone[1:]}
    for cid in list(analysis.customers.index[:50]):
        assert by_id[cid][spend] == pytest.approx(analysis.customers.loc[cid, s.C_MONETARY])
    last = header.index("Last purchase")
    first_id = str(everyone[1][0])
    assert by_id[first_id][last] == analysis.customers.loc[first_id, s.C_LAST].to_pydatetime()

    with zipfile.ZipFile(out) as zf:
        for part in zf.namelist():
            if part.startswith("xl/worksheets/sheet"):
                with zf.open(part) as fh:
                    tail = b""
                    for chunk in iter(lambda fh=fh: fh.read(1 << 20), b""):
                        window = tail + chunk  # a tag split across two reads is still seen
                        assert b"<f>" not in window and b"<f " not in window
                        tail = chunk[-3:]

    # Online Retail has no email column: no mailing file, and no error.
    assert outputs["csv_files"] == []
