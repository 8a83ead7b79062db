"""The exported files as outsiders meet them, second round: after the export's own row writer
(fast_rows.py), the safe-string sheet, the continuation sheets and the measure alerts.

Each test here comes from an outside check (LibreOffice, openpyxl, the file system) of
workbooks made by the real commands on varied inputs, and failed before its fix.
"""

from __future__ import annotations

import csv
import shutil

import pandas as pd
import pytest
from export_fixtures import libreoffice_csv, make_analysis

from segmenter_app.core.export import write_workbook

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed here"
)


def _long_excluded(analysis, rows: int) -> None:
    """``rows`` excluded rows, numbered, so a sheet of a few rows must continue."""
    base = analysis.excluded
    repeated = pd.concat([base] * (rows // len(base) + 1), ignore_index=True).iloc[:rows].copy()
    repeated["source_row"] = range(2, rows + 2)
    analysis.excluded = repeated


@needs_soffice
def test_excluded_rows_continue_on_their_own_numbered_sheet_whatever_the_segments_are_called(tmp_path):
    # A segment called "Lignes exclues (2)" (or "Lignes exclues", which became "Lignes exclues
    # (2)") took the name of the continuation: the excluded rows past the first sheet went on
    # "Lignes exclues (2) (5)", then "Lignes exclues (3) (3)", and a reader looking for the rest
    # of the excluded rows found a segment's customers on "Lignes exclues (2)".
    analysis = make_analysis(40, lang="fr")
    analysis.segmentation.segments.loc[0, "name"] = "Lignes exclues (2)"
    analysis.segmentation.segments.loc[1, "name"] = "Lignes exclues"
    _long_excluded(analysis, 25)
    out = tmp_path / "w.xlsx"
    stats = write_workbook(analysis, out, max_rows=11)  # 10 rows below the header on a sheet
    names = stats["sheets"]
    at = names.index("Lignes exclues")
    assert names[at : at + 3] == ["Lignes exclues", "Lignes exclues (2)", "Lignes exclues (3)"]
    assert stats["rows"]["Lignes exclues (2)"] == 10 and stats["rows"]["Lignes exclues (3)"] == 5
    segments = names[2 : names.index("Tous les clients")]
    assert not {"Lignes exclues (2)", "Lignes exclues (3)"} & set(segments)
    assert segments[0].startswith("Lignes exclues (2) ")  # the user's name, set apart
    # As LibreOffice shows them: the rows go on in order over the three sheets.
    libreoffice_csv(out, tmp_path / "csv", formatted=False)
    numbers = []
    for name in ["Lignes exclues", "Lignes exclues (2)", "Lignes exclues (3)"]:
        with open(tmp_path / "csv" / f"w-{name}.csv", encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        assert rows[0][:3] == ["Fichier", "Ligne du fichier", "Motif"]
        numbers += [int(row[1]) for row in rows[1:]]
    assert numbers == list(range(2, 27))
