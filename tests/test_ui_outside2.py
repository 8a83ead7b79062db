"""A second look at the GUI with exports it has never seen: an orders file keeping 00042 beside a
customers list Excel saved as 42, a workbook cut in half, a yen shop's results, a long file's
preview. French and English; each test checks what is shown (texts, widths)."""

from __future__ import annotations

import pytest
import test_ui_outside
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle
from test_ui_collect import dialog_texts
from test_ui_outside import settle, walk_to, yen_shop

# The earlier check's fixtures: settings in a temporary folder, windows of 1200x800.
_isolated_settings = test_ui_outside._isolated_settings
windows = test_ui_outside.windows


def zero_padded_orders(folder):
    """A till's orders keeping their customer ids' leading zeros (00040 to 00054), and the customer
    list opened and saved in Excel, which wrote them as numbers (40 to 54)."""
    import openpyxl

    orders = folder / "commandes.csv"
    lines = ["order_id,customer_id,date,total"]
    for i in range(50):
        lines.append(f"O{i},{(i * 7) % 15 + 40:05d},2025-{1 + i % 12:02d}-{1 + i % 25:02d},{20 + i}.00")
    orders.write_text("\n".join(lines) + "\n", encoding="utf-8")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Customer ID", "Name", "Email", "City"])
    for c in range(40, 55):
        sheet.append([c, f"Client {c}", f"c{c}@mail.com", ["Lyon", "Paris", "Nantes"][c % 3]])
    customers = folder / "clients_excel.xlsx"
    book.save(customers)
    return [orders, customers]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_matches_show_the_ids_each_file_used(windows, tmp_path, lang):
    """Orders with 00042 and an Excel customers list with 42: the matches list the ids each file
    used, in a column as wide as its text (the stretched last column cut it to
    'commandes.csv: 00040; clie…', hiding the 40 the check is about)."""
    win = windows(lang)
    page = win.page("collect")
    page.add_files([str(p) for p in zero_padded_orders(tmp_path)])
    assert win.tasks.wait_idle(60)
    assert dialog_texts() == []
    page.tabs.setCurrentIndex(3)
    settle()
    model, view = page.matches_panel.model, page.matches_panel.view
    assert model.total_rows() == 15
    ids = list(model.frame().columns).index("ids")
    texts = [model.text(r, ids) for r in range(model.rowCount())]
    # Each file's id as the file writes it (the customers list lost its zeros in Excel).
    assert "commandes.csv: 00042; clients_excel.xlsx: 42" in texts
    for column in range(model.columnCount()):
        assert view.columnWidth(column) >= view.sizeHintForColumn(column), column


@pytest.mark.parametrize(
    ("lang", "start"),
    [
        ("fr", "clients_excel.xlsx › 15 identifiants clients de ce fichier"),
        ("en", "clients_excel.xlsx › 15 customer ids of this file"),
    ],
)
def test_account_says_which_file_a_warning_is_about(windows, tmp_path, lang, start):
    """The row account adds up the files; a warning about 'this file' names it when several files
    are imported (it read '15 customer ids of this file...' under the totals of both)."""
    win = windows(lang)
    page = win.page("collect")
    page.add_files([str(p) for p in zero_padded_orders(tmp_path)])
    assert win.tasks.wait_idle(60)
    assert dialog_texts() == []
    summary = page.account_panel.summary.text()
    assert f"• {start}" in summary, summary


def test_one_file_warnings_keep_their_wording(windows, tmp_path):
    """With one file the warnings are shown as the core wrote them, with no file name before."""
    path = tmp_path / "ganz.csv"
    path.write_text(
        "Kundennummer;Bestelldatum;Betrag\nK1;03.01.2026;1.234\nK2;14.02.2026;2.500\n", encoding="utf-8"
    )
    win = windows("en")
    page = win.page("collect")
    page.add_files([str(path)])
    assert win.tasks.wait_idle(60)
    assert dialog_texts() == []
    summary = page.account_panel.summary.text()
    assert "\n• Column Betrag: values like 1.234 were read as 1234" in summary, summary


def unreadable_dates(path):
    """A French till export where three sales were dated in words ('bientôt', 'hier'...)."""
    lines = ["Numéro de commande;Date;Client;Montant TTC"]
    for i in range(15):
        day = ["bientôt", "hier", "à voir"][i % 3] if i in (4, 9, 13) else f"{1 + i:02d}/03/2025"
        lines.append(f"C{i:03d};{day};CL{i % 6:03d};{10 + i * 7},50 €")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("lang", "count"), [("fr", "› Date : 3"), ("en", "› Date: 3")])
def test_unreadable_counts_follow_the_languages_colon(windows, tmp_path, lang, count):
    """The count of unreadable values per column: 'Date : 3' in French (a space before the
    colon, as the lines beside it), 'Date: 3' in English."""
    win = windows(lang)
    page = win.page("collect")
    page.add_files([str(unreadable_dates(tmp_path / "caisse.csv"))])
    assert win.tasks.wait_idle(60)
    assert dialog_texts() == []
    summary = page.account_panel.summary.text()
    assert f"caisse.csv {count}" in summary, summary


def yen_shop_measured(windows, tmp_path, lang: str = "en"):
    """A yen shop walked to Measure with a campaign's results imported (no control group in
    them): the window and the Measure page."""
    win = windows(lang)
    win.page("collect").add_files([str(yen_shop(tmp_path / "orders.csv"))])
    assert win.tasks.wait_idle(60)
    walk_to(win, "measure")
    results = tmp_path / "yen_results.csv"
    results.write_text(
        "Customer,Converted,Revenue\n"
        + "".join(
            f'K{c:03d},{"yes" if c % 3 else "no"},"¥{(c % 3 > 0) * (c + 3) * 1280:,}"\n' for c in range(12)
        ),
        encoding="utf-8",
    )
    page = win.page("measure")
    page.import_results(str(results))
    assert win.tasks.wait_idle(60)
    assert dialog_texts() == []
    return win, page


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_measure_chooser_shows_the_whole_results_name(windows, tmp_path, lang):
    """A yen shop's campaign results imported in Measure: the 'Showing' box is as wide as the
    results' name (it was sized while empty and read 'yen_resu'), which is its tooltip too."""
    _win, page = yen_shop_measured(windows, tmp_path, lang)
    settle()
    chooser = page.chooser
    assert chooser.currentText() == "yen_results.csv"
    assert chooser.width() > chooser.fontMetrics().horizontalAdvance(chooser.currentText()) + 16
    assert chooser.toolTip() == "yen_results.csv"


def test_preview_columns_fit_the_rows_further_down(windows, tmp_path):
    """A long file's preview (200 rows): a column whose texts grow further down ('Produit 123'
    from row 101) is as wide as its widest shown text, not as its first 40 rows ('Produit …')."""
    path = tmp_path / "ventes.csv"
    lines = ["Date;Client;Produit;Prix"]
    for i in range(300):
        lines.append(f"{1 + i % 28:02d}/{1 + i % 12:02d}/2025;CL{i % 40:03d};Produit {i};{5 + i % 50},90")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    win = windows("fr")
    page = win.page("collect")
    page.add_files([str(path)])
    assert win.tasks.wait_idle(60)
    assert dialog_texts() == []
    page._on_file_selected(0)
    assert win.tasks.wait_idle(30)
    settle()
    table, model = page.preview.table, page.preview.model
    assert model.rowCount() >= 150
    column = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())].index(
        "Produit"
    )
    widest = max(
        table.fontMetrics().horizontalAdvance(model.text(r, column)) for r in range(model.rowCount())
    )
    # The delegate draws a text with a margin each side (Qt's textMargin): the width counts them.
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    assert table.columnWidth(column) >= widest + 2 * margin, (table.columnWidth(column), widest)


def cut_workbook(path):
    """A workbook cut in half (a download that stopped)."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Customer ID", "Email"])
    for c in range(30):
        book.active.append([c, f"c{c}@mail.com"])
    book.save(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


@pytest.mark.parametrize(
    ("lang", "nothing", "not_imported"),
    [
        ("fr", "Rien n'a été importé. Le fichier abime.xlsx est endommagé", "non importé"),
        ("en", "Nothing was imported. The file abime.xlsx is damaged", "not imported"),
    ],
)
def test_a_damaged_file_is_said_in_the_account_and_the_file_list(
    windows, tmp_path, lang, nothing, not_imported
):
    """A till export with a workbook cut in half: once the message box is closed, the row account
    says why nothing was imported (it read 'No file imported yet.' beside two listed files) and
    the list marks both files as not imported; without the damaged file the till export is read."""
    from test_ui_outside import german_shop

    win = windows(lang)
    page = win.page("collect")
    page.add_files([str(german_shop(tmp_path / "kasse.csv")), str(cut_workbook(tmp_path / "abime.xlsx"))])
    assert win.tasks.wait_idle(60)
    assert len(dialog_texts()) == 1
    summary = page.account_panel.summary.text()
    assert summary.startswith(nothing), summary
    items = [page.files.item(r).text() for r in range(page.files.count())]
    assert items == [f"kasse.csv\n{not_imported}", f"abime.xlsx\n{not_imported}"]
    page.files.setCurrentRow(1)
    page.remove_selected()
    assert win.tasks.wait_idle(60)
    assert dialog_texts() == []
    assert page.account_panel.summary.text().startswith("14 ")
    assert not_imported not in page.files.item(0).text()


def test_a_failed_reading_says_the_account_is_the_previous_one(windows, tmp_path):
    """A damaged workbook added to a till export already read: the account still shows the till
    export's rows, and says they are the previous reading's, with why the files were not read."""
    from test_ui_outside import german_shop

    win = windows("en")
    page = win.page("collect")
    page.add_files([str(german_shop(tmp_path / "kasse.csv"))])
    assert win.tasks.wait_idle(60)
    page.add_files([str(cut_workbook(tmp_path / "abime.xlsx"))])
    assert win.tasks.wait_idle(60)
    assert len(dialog_texts()) == 1
    summary = page.account_panel.summary.text()
    assert summary.startswith("The files were not read again. The file abime.xlsx is damaged"), summary
    assert "The account below is the previous reading's.\n14 rows read" in summary, summary
    items = [page.files.item(r).text() for r in range(page.files.count())]
    assert items[1] == "abime.xlsx\nnot imported" and items[0].startswith("kasse.csv\norders")


@pytest.mark.parametrize(
    ("lang", "unknown", "said"),
    [
        ("en", 1, "13 rows read, 0 left out; 1 customer of the file is not in the analysis."),
        ("en", 0, "12 rows read, 0 left out; every customer of the file is in the analysis."),
        ("fr", 1, "13 lignes lues, 0 écartée ; 1 client du fichier ne figure pas dans l'analyse."),
        ("fr", 0, "12 lignes lues, 0 écartée ; tous les clients du fichier figurent dans l'analyse."),
    ],
)
def test_measure_says_what_was_read_in_good_grammar(windows, tmp_path, lang, unknown, said):
    """The line under a results import: one unknown customer is 'is not' ('1 customers of the
    file are not' before), and none unknown is said as such, not as '0 customers ... are not'."""
    win = windows(lang)
    win.page("collect").add_files([str(yen_shop(tmp_path / "orders.csv"))])
    assert win.tasks.wait_idle(60)
    walk_to(win, "measure")
    results = tmp_path / "yen_results.csv"
    lines = [f'K{c:03d},{"yes" if c % 3 else "no"},"¥{(c % 3 > 0) * 1280:,}"' for c in range(12)]
    lines += [f"X{c:03d},yes,¥500" for c in range(unknown)]
    results.write_text("Customer,Converted,Revenue\n" + "\n".join(lines) + "\n", encoding="utf-8")
    page = win.page("measure")
    page.import_results(str(results))
    assert win.tasks.wait_idle(60)
    dialog_texts()  # an unknown customer may be warned about: the line is what is checked
    assert page.source.text() == said, page.source.text()


@pytest.mark.parametrize(
    ("lang", "one", "nobody"),
    [
        ("fr", "1 client à contacter", "personne à contacter"),
        ("en", "1 customer to contact", "no one to contact"),
    ],
)
def test_act_counts_in_the_singular_and_empty_segments_need_no_cost(windows, tmp_path, lang, one, nobody):
    """A shop with one customer so far: the summary says '1 customer to contact' ('1 customers'
    before) and its budget of cents is not 'budget €0', and the cards of the segments nobody is in say there is no one to contact where they
    said 'no cost entered' beside the cost per contact."""
    path = tmp_path / "first.csv"
    path.write_text(
        "Order,Date,Customer,Total\nA1,2026-01-05,K1,40.00\nA2,2026-02-07,K1,55.00\nA3,2026-03-02,K1,20.00\n",
        encoding="utf-8",
    )
    win = windows(lang)
    win.page("collect").add_files([str(path)])
    assert win.tasks.wait_idle(60)
    walk_to(win, "act")
    page = win.page("act")
    plans = win.ctx.analysis.plans
    assert sum(int(plans[key]["contacts"]) for key in page.cards) == 1
    assert f", {one}, " in page.summary.text(), page.summary.text()
    # A budget under a euro is not rounded to nothing beside its ROI.
    budget = sum(float(plans[key]["budget"]) for key in page.cards)
    assert 0 < budget < 1
    assert ("budget 0 €" if lang == "fr" else "budget €0,") not in page.summary.text()
    empty = [card for key, card in page.cards.items() if int(plans[key]["size"]) == 0]
    assert empty
    for card in empty:
        assert card.cost.value() > 0
        assert card.figures["roi"].text() == nobody


def coverage_label(page, key):
    """The coverage text beside a criterion's check box (same row of its family's grid)."""
    check = page.checks[key]
    grid = check.parentWidget().layout()
    row, _column, _rows, _columns = grid.getItemPosition(grid.indexOf(check))
    return grid.itemAtPosition(row, 1).widget()


@pytest.mark.parametrize(
    ("lang", "same", "tip"),
    [
        ("fr", "identique pour tous", "Tous les clients ont la même valeur (non)"),
        ("en", "same for every customer", "Every customer has the same value (no)"),
    ],
)
def test_criteria_without_variation_do_not_claim_full_coverage(windows, tmp_path, lang, same, tip):
    """A German till file with no e-mail, phone, return or discount column: 'has an e-mail' read
    '100 % of customers' as if everyone had one; such criteria now say the value is the same for
    every customer (which one in the tooltip), while recency keeps its coverage."""
    from test_ui_outside import german_shop

    win = windows(lang)
    win.page("collect").add_files([str(german_shop(tmp_path / "kasse.csv"))])
    assert win.tasks.wait_idle(60)
    walk_to(win, "criteria")
    page = win.page("criteria")
    for key in ("has_email", "has_phone", "contactable"):
        label = coverage_label(page, key)
        assert label.text() == same, (key, label.text())
        assert label.toolTip().startswith(tip), label.toolTip()
    assert coverage_label(page, "returns_share").text() == same
    assert coverage_label(page, "recency_days").text().startswith("100")


def test_measure_table_shows_every_segment(windows, tmp_path):
    """A German shop's results in a 1200x800 window: the results table is as tall as its rows
    (five segments), where the 2:3 split with the charts showed three and scrolled by itself."""
    from test_ui_outside import measured_german_shop

    win = windows("fr")
    page = measured_german_shop(win, tmp_path)
    settle()
    table = page.table
    rows = page.table_model.rowCount()
    assert rows >= 4
    last = rows - 1
    assert table.rowViewportPosition(last) + table.rowHeight(last) <= table.viewport().height(), (
        table.viewport().height(),
        rows,
    )


def test_switching_to_english_on_act_rewrites_the_plans_and_their_numbers(windows, tmp_path):
    """A French shop owner switches the interface to English on step 4: the plans' texts are the
    English suggestions (they stayed French), and the cost boxes write '€0.05', not '€0,05'
    (the rebuilt cards kept the window's French locale)."""
    from test_ui_outside import german_shop

    from segmenter_app.core import actions
    from segmenter_app.ui.app import apply_language, ensure_application

    win = windows("fr")
    win.page("collect").add_files([str(german_shop(tmp_path / "kasse.csv"))])
    assert win.tasks.wait_idle(60)
    walk_to(win, "act")
    french = {key: plan["objective"] for key, plan in win.ctx.analysis.plans.items()}
    apply_language(ensure_application(), "en")
    win.rebuild_for_language("en")
    assert win.tasks.wait_idle(60)
    settle()
    plans = win.ctx.analysis.plans
    english = {key: plan["objective"] for key, plan in actions.suggest_plans(win.ctx.analysis).items()}
    assert english != french
    assert {key: plan["objective"] for key, plan in plans.items()} == english
    cards = win.page("act").cards
    assert cards
    for key, card in cards.items():
        assert card.texts["objective"].text() == english[key]
        assert "," not in card.cost.text() and "." in card.cost.text(), card.cost.text()
