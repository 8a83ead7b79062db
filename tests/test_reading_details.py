"""A damaged file's technical detail is said in the message's language.

"Le fichier x.xlsx est endommagé ou incomplet (File is not a zip file)" read as half a
translation: the details the readers meet are translated, any other stays as written, marked.
"""

from __future__ import annotations

import gzip
import zipfile

import pytest

from segmenter_app.core.analysis import Analysis
from segmenter_app.core.collect import import_files
from segmenter_app.core.i18n import UserError
from segmenter_app.core.reading.details import technical
from segmenter_app.core.reading.roles import load_mapping_file

ENGLISH_DETAILS = ("File is not a zip file", "Bad magic", "Compressed file ended", "Error -3", "missing")


def refusal(path) -> UserError:
    with pytest.raises(UserError) as error:
        import_files(Analysis(), [str(path)])
    return error.value


def test_a_workbook_cut_in_half(tmp_path):
    whole = tmp_path / "whole.xlsx"
    with zipfile.ZipFile(whole, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>" * 2000)
        zf.writestr("xl/workbook.xml", "<workbook/>" * 2000)
    cut = tmp_path / "ventes.xlsx"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    error = refusal(cut)
    french = error.text("fr")
    assert french.startswith("Le fichier ventes.xlsx est endommagé ou incomplet (")
    assert not any(words in french for words in ENGLISH_DETAILS), french
    assert "(" in error.text("en") and error.text("en") != french


def test_a_cut_gzip_export(tmp_path):
    data = gzip.compress(("Client;Date;Montant\n" + "C1;05/01/2024;10,00\n" * 5000).encode())
    path = tmp_path / "ventes.csv.gz"
    path.write_bytes(data[: len(data) // 2])
    french = refusal(path).text("fr")
    assert "endommagé" in french and "fichier coupé avant sa fin" in french, french
    assert not any(words in french for words in ENGLISH_DETAILS), french


def test_a_mapping_file_that_is_not_json(tmp_path):
    path = tmp_path / "mapping.json"
    path.write_text("{columns: oops}", encoding="utf-8")
    with pytest.raises(UserError) as error:
        load_mapping_file(path)
    assert "JSON invalide, ligne 1, colonne 2" in error.value.text("fr")
    assert "line 1 column 2" in error.value.text("en")


@pytest.mark.parametrize(
    ("english", "french"),
    [
        ("File is not a zip file", "ce n'est pas une archive ZIP valide"),
        ("Error -3 while decompressing data: invalid block type", "données compressées abîmées"),
        ("xl/workbook.xml missing", "xl/workbook.xml absent"),
        ("12 entries > 10", "12 entrées > 10"),
        ("3000 MiB uncompressed", "3000 Mio une fois décompressé"),
        ("Something no one foresaw", "détail technique : Something no one foresaw"),
    ],
)
def test_details_in_both_languages(english, french):
    phrase = technical(english)
    assert phrase.render("en") == english
    assert phrase.render("fr") == french
