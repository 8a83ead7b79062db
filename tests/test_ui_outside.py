"""The GUI on exports it has never seen, as a shop owner walks them: German ;-files, workbooks with
a notes sheet first and a two-row header, French and English. Each test drives the window and
checks what is shown (texts, widths, states), not timings."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication
from test_ui_collect import dialog_texts, make_window

from segmenter_app.ui import settings


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path, monkeypatch):
    settings.use_settings_file(tmp_path / "settings.ini")
    monkeypatch.setenv("SEGMENTER_CONFIG_DIR", str(tmp_path / "config"))
    yield
    settings.use_settings_file(None)
    from segmenter_app.ui.app import apply_language, ensure_application

    apply_language(ensure_application(), "en")


@pytest.fixture
def windows(qtbot):
    """A factory of main windows (1200x800, as on a small laptop); stopped after the test."""
    made = []

    def make(lang: str = "en"):
        win = make_window(qtbot, lang)
        made.append(win)
        return win

    yield make
    for win in made:
        win.tasks.cancel_all()
        win.tasks.wait_idle(10)
    dialog_texts()


def settle() -> None:
    """Let pending layouts run (a scroll area sizes its page a round later)."""
    for _ in range(5):
        QCoreApplication.sendPostedEvents()
        QApplication.processEvents()


def german_shop(path):
    """A German till export: ';', cp1252, '1.234,56 €', dd.mm.yyyy; 14 rows so row numbers reach 15."""
    rows = ["Kundennummer;Bestelldatum;Betrag;Artikel"]
    for i in range(14):
        rows.append(f"K10{i % 6:02d};{1 + i:02d}.0{1 + i % 9}.2026;{1000 + i * 37},5{i % 10} €;Käse")
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode("cp1252"))
    return path


def notes_and_two_row_header(path):
    """A workbook whose first sheet holds notes, and whose sales sheet has a merged title and a
    header on two rows (Commande over Date and Montant)."""
    import openpyxl

    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Notes"
    notes["A1"] = "Export de la caisse"
    notes["A2"] = "Ne pas modifier"
    sales = book.create_sheet("Ventes 2026 boutique du centre")
    sales["A1"] = "Ventes 2026 - Boutique du Centre"
    sales.merge_cells("A1:D1")
    sales.append([])
    sales.append(["Client", "Commande", None, "Produit"])
    sales.merge_cells("B3:C3")
    sales.append([None, "Date", "Montant", None])
    for i in range(8):  # rows 5 to 12 of the sheet: fewer rows than the numbers shown
        sales.append([f"K{i % 5}", f"{13 + i:02d}/0{1 + i % 9}/2026", f"{10 + i},50", "Thé"])
    book.save(path)
    return path


def pick_sheet(win, name: str) -> None:
    """Choose a sheet in the preview's controls and read the file again, as a user does."""
    controls = win.page("collect").preview.controls
    controls.sheet.setCurrentIndex(controls.sheet.findData(name))
    controls.sheet.activated.emit(controls.sheet.currentIndex())
    controls.apply_button.click()
    assert win.tasks.wait_idle(60)


def horizontal_overflow(win) -> int:
    """How far the current step's page must scroll sideways (0: it fits the window)."""
    settle()
    return win.stack.currentWidget().horizontalScrollBar().maximum()


def test_preview_row_numbers_past_nine_are_not_cut(windows, tmp_path):
    """The preview numbers rows as in the file (5 to 12 below a two-row header): the side header
    is wide enough for two digits, not sized for the 1 to 8 of a fresh model."""
    win = windows("en")
    path = notes_and_two_row_header(tmp_path / "caisse.xlsx")
    page = win.page("collect")
    page.add_files([str(path)])
    assert win.tasks.wait_idle(60)
    assert len(dialog_texts()) == 1  # the notes sheet has no customer column: said once
    pick_sheet(win, "Ventes 2026 boutique du centre")
    assert dialog_texts() == []
    page._on_file_selected(0)
    assert win.tasks.wait_idle(30)
    settle()
    table = page.preview.table
    header = table.verticalHeader()
    last = page.preview.model.headerData(page.preview.model.rowCount() - 1, Qt.Orientation.Vertical)
    assert last == "12"
    # The headers the import uses: the two rows joined.
    names = [page.preview.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert names == ["Client", "Commande Date", "Commande Montant", "Produit"]
    assert header.width() >= header.fontMetrics().horizontalAdvance("12") + 4


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_collect_fits_the_window_and_shows_only_the_controls_that_apply(windows, tmp_path, lang):
    """A German ;-file in a 1200-pixel window: the Collect step needs no sideways scrolling (the
    French labels pushed 'Relire' out), a text file shows no sheet box and a workbook no encoding
    or delimiter, and the sheet box is wide enough for the sheet's whole name."""
    win = windows(lang)
    page = win.page("collect")
    page.add_files([str(german_shop(tmp_path / "kasse.csv"))])
    assert win.tasks.wait_idle(60)
    assert dialog_texts() == []
    page._on_file_selected(0)
    assert win.tasks.wait_idle(30)
    controls = page.preview.controls
    assert controls.delimiter.currentData() == ";" and controls.encoding.currentText() == "cp1252"
    assert horizontal_overflow(win) == 0
    assert controls.delimiter.isVisible() and controls.encoding.isVisible()
    assert not controls.sheet.isVisible() and not controls.labels[controls.sheet].isVisible()
    assert controls.apply_button.isVisible()

    page.add_files([str(notes_and_two_row_header(tmp_path / "caisse.xlsx"))])
    assert win.tasks.wait_idle(60)
    dialog_texts()  # the notes sheet is read first: its message is checked in another test
    page.files.setCurrentRow(1)
    page._on_file_selected(1)
    assert win.tasks.wait_idle(30)
    pick_sheet(win, "Ventes 2026 boutique du centre")
    settle()
    assert controls.sheet.isVisible() and not controls.delimiter.isVisible()
    assert controls.sheet.currentText() == "Ventes 2026 boutique du centre"
    shown = controls.sheet.fontMetrics().horizontalAdvance(controls.sheet.currentText())
    assert controls.sheet.width() > shown
    assert horizontal_overflow(win) == 0


def walk_to(win, step: str) -> None:
    """Go forward step by step to ``step`` as the Next button does (goal 'keep the best' on the way)."""
    order = ["collect", "criteria", "group", "act", "measure"]
    while order[win.current_index()] != step:
        assert win.next_button.isEnabled(), f"Next is disabled on {order[win.current_index()]}"
        win.next_button.click()
        assert win.tasks.wait_idle(60)
        if order[win.current_index()] == "criteria":
            page = win.page("criteria")
            index = page.goal_combo.findData("keep_best")
            page.goal_combo.setCurrentIndex(index)
            page._on_goal_chosen(index)
        if order[win.current_index()] == "group":
            page = win.page("group")
            if page._timer.isActive():  # the debounced run: start it now rather than wait for it
                page._timer.stop()
                page._timer.timeout.emit()
            assert win.tasks.wait_idle(60)
        settle()
        assert dialog_texts() == []


def measured_german_shop(win, tmp_path):
    """The German shop walked to Measure, with a results file of its six customers imported."""
    win.page("collect").add_files([str(german_shop(tmp_path / "kasse.csv"))])
    assert win.tasks.wait_idle(60)
    walk_to(win, "measure")
    results = tmp_path / "resultats.csv"
    results.write_text(
        "Kundennummer;Converti;CA\n"
        + "".join(f"K10{i:02d};{'oui' if i % 2 else 'non'};{i * 10}\n" for i in range(6)),
        encoding="utf-8",
    )
    page = win.page("measure")
    page.import_results(str(results))
    assert win.tasks.wait_idle(60)
    assert dialog_texts() == []
    return page


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_measure_fits_the_window_and_its_explanation_is_whole(windows, tmp_path, lang):
    """Walked to Measure with a German file: the import buttons, campaign date, window and the
    measurement chooser fit 1200 pixels, so the explanation under them is not cut at the edge."""
    win = windows(lang)
    win.page("collect").add_files([str(german_shop(tmp_path / "kasse.csv"))])
    assert win.tasks.wait_idle(60)
    walk_to(win, "measure")
    page = win.page("measure")
    assert page.empty.isVisible() and page.import_button.isEnabled()
    assert horizontal_overflow(win) == 0
    assert page.empty.width() <= win.stack.currentWidget().viewport().width()


@pytest.mark.parametrize(
    ("lang", "one", "many"), [("fr", "client", "clients"), ("en", "customer", "customers")]
)
def test_act_cards_say_one_customer_not_one_customers(windows, tmp_path, lang, one, many):
    """A small shop's segments often hold a single customer: the card's title says '1 client',
    not '1 clients', in both languages."""
    win = windows(lang)
    win.page("collect").add_files([str(german_shop(tmp_path / "kasse.csv"))])
    assert win.tasks.wait_idle(60)
    walk_to(win, "act")
    plans = win.ctx.analysis.plans
    cards = win.page("act").cards
    sizes = {key: int(plans[key]["size"]) for key in cards}
    assert 1 in sizes.values()  # the six customers spread over RFM's segments
    for key, card in cards.items():
        # French grammar takes the singular for 0 as well (Qt's French plural rule).
        word = one if sizes[key] == 1 or (sizes[key] == 0 and lang == "fr") else many
        assert card.title().endswith(f" {sizes[key]} {word}"), card.title()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_group_bar_labels_stay_inside_their_chart(windows, tmp_path, lang):
    """Group's bars with a handful of customers: each bar's share label ('20 %') ends inside its
    plot, the longest bar's included (it was cut to '20 ' in a 1200-pixel window)."""
    import pyqtgraph as pg

    win = windows(lang)
    win.page("collect").add_files([str(german_shop(tmp_path / "kasse.csv"))])
    assert win.tasks.wait_idle(60)
    walk_to(win, "group")
    bars = win.page("group").bars
    assert bars.keys and bars.size_plot.getViewBox().width() > 0
    for plot in bars.plots:
        box = plot.getViewBox().sceneBoundingRect()
        labels = [item for item in plot.items if isinstance(item, pg.TextItem)]
        assert len(labels) == len(bars.keys)
        for label in labels:
            right = label.mapRectToScene(label.boundingRect()).right()
            assert right <= box.right() + 0.5, (label.toPlainText(), right, box.right())


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_group_bar_axes_count_whole_customers_without_overlap(windows, tmp_path, lang):
    """The bars' value axes: whole numbers (no '0.5' customer), in the user's locale, and spaced
    so their labels do not run into each other ('0.51.01.5' in the narrow customers plot)."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QFontMetrics

    from segmenter_app.ui.charts.base import format_number

    win = windows(lang)
    win.page("collect").add_files([str(german_shop(tmp_path / "kasse.csv"))])
    assert win.tasks.wait_idle(60)
    walk_to(win, "group")
    bars = win.page("group").bars
    metrics = QFontMetrics(bars.font())
    for plot in bars.plots:
        ticks = plot.getAxis("bottom")._tickLevels[0]  # what setTicks was given
        assert len(ticks) >= 2
        assert all(value == int(value) and text == format_number(value) for value, text in ticks)
        box = plot.getViewBox()
        edges = []
        for value, text in ticks:
            x = box.mapViewToScene(QPointF(value, 0)).x()
            half = metrics.horizontalAdvance(text) / 2
            edges.append((x - half, x + half))
        assert all(a[1] < b[0] for a, b in itertools.pairwise(edges)), (ticks, edges)
    revenue = bars.plots[1].getAxis("bottom")._tickLevels[0]
    assert any(value >= 1000 for value, _ in revenue)  # the German shop's euros reach thousands
    big = [text for value, text in revenue if value >= 1000]
    if lang == "fr":  # French groups thousands with a (narrow) space, never a comma
        assert all(text[-4] in "\u202f\u00a0 " for text in big), big
    else:
        assert all(text[-4] == "," for text in big), big


def test_reading_controls_wait_for_the_files_preview(windows, tmp_path):
    """Before a file's preview is read (a long import shows no preview until it ends) the reading
    controls are hidden, not showing utf-8, ',' and header 'none' beside a cp1252 ';' file; they
    appear with the file's own settings, and go again when no file is selected."""
    win = windows("fr")
    page = win.page("collect")
    controls = page.preview.controls
    assert controls.isHidden()
    page.add_files([str(german_shop(tmp_path / "kasse.csv"))])
    assert win.tasks.wait_idle(60)
    page._on_file_selected(0)
    assert win.tasks.wait_idle(30)
    assert not controls.isHidden()
    assert controls.encoding.currentText() == "cp1252" and controls.delimiter.currentData() == ";"
    assert controls.header_row.value() == 1
    page.files.setCurrentRow(-1)
    page._on_file_selected(-1)
    assert controls.isHidden()


def test_unused_columns_show_no_certainty(windows, tmp_path):
    """A Stripe-like export with many columns the analysis does not use: those say nothing in the
    certainty column (they read '0 %' beside '(ignore this column)'), the recognised ones keep
    their percentage."""
    path = tmp_path / "stripe.csv"
    lines = ["id,Description,Created (UTC),Amount,Amount Refunded,Currency,Fee,Mode,Customer ID,Card Brand"]
    for i in range(8):
        lines.append(
            f"ch_{i:024d},Order {i},2026-0{1 + i}-03 09:05:00,{10 + i}.50,0.00,eur,0.50,Live,cus_K{i % 3},Visa"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    win = windows("en")
    page = win.page("collect")
    page.add_files([str(path)])
    assert win.tasks.wait_idle(60)
    assert dialog_texts() == []
    page._on_file_selected(0)
    assert win.tasks.wait_idle(30)
    shown = {page.roles.item(r, 0).text(): page.roles.item(r, 3).text() for r in range(page.roles.rowCount())}
    roles = {c: box.currentData() for c, box in page.roles.combos.items()}
    assert roles["Customer ID"] == "customer_id" and roles["Card Brand"] == "ignore"
    assert shown["Card Brand"] == "" and shown["Mode"] == ""
    assert shown["Customer ID"].endswith("%") and shown["Customer ID"] != "0\u00a0%"


@pytest.mark.parametrize(("lang", "grouped"), [("fr", "1\u202f"), ("en", "1,")])
def test_act_basket_groups_thousands_like_the_figures_beside(windows, tmp_path, lang, grouped):
    """The German shop's baskets pass 1,000: the average-basket box groups the thousands as the
    card's figures and persona do, in the interface's locale."""
    win = windows(lang)
    win.page("collect").add_files([str(german_shop(tmp_path / "kasse.csv"))])
    assert win.tasks.wait_idle(60)
    walk_to(win, "act")
    plans = win.ctx.analysis.plans
    big = [key for key, card in win.page("act").cards.items() if plans[key]["avg_basket"] >= 1000]
    assert big
    for key in big:
        text = win.page("act").cards[key].basket.text()
        assert grouped in text, text


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fr", ["« Feuille »", "« Relire »", "Identifiant client / E-mail / Téléphone", "Ventes 2026"]),
        ("en", ["“Sheet”", "“Read again”", "Customer id / E-mail / Phone", "Ventes 2026"]),
    ],
)
def test_notes_sheet_first_says_where_to_choose_the_sheet(windows, tmp_path, lang, words):
    """A workbook whose first sheet is notes: the message says to pick the sheet in the box above
    the preview and read again, names the roles as the Columns tab does, and does not send a shop
    owner to a command-line option (--mapping); the preview with the sheet box is in front."""
    win = windows(lang)
    page = win.page("collect")
    page.add_files([str(notes_and_two_row_header(tmp_path / "caisse.xlsx"))])
    assert win.tasks.wait_idle(60)
    texts = dialog_texts()
    assert len(texts) == 1
    assert "--mapping" not in texts[0] and "customer_id" not in texts[0]
    for word in words:
        assert word in texts[0], (word, texts[0])
    assert page.tabs.currentIndex() == 0 and page.preview.controls.sheet.isEnabled()
    pick_sheet(win, "Ventes 2026 boutique du centre")
    assert dialog_texts() == []
    assert len(win.ctx.analysis.customers) == 5


def test_file_without_customer_column_points_to_the_columns_tab(windows, tmp_path):
    """A CSV with no recognisable customer column: the message points to the Columns tab (shown),
    not to --mapping."""
    path = tmp_path / "ventes.csv"
    path.write_text("Quoi;Quand;Combien\nthé;2026-01-05;12,50\ncafé;2026-02-05;30,00\n", encoding="utf-8")
    win = windows("fr")
    page = win.page("collect")
    page.add_files([str(path)])
    assert win.tasks.wait_idle(60)
    texts = dialog_texts()
    assert len(texts) == 1 and "--mapping" not in texts[0]
    assert "l'onglet Colonnes" in texts[0] and "Identifiant client" in texts[0]
    assert page.tabs.currentIndex() == 1


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        ("fr", "Pas de groupe témoin dans ces résultats : aucun gain ne peut être mesuré."),
        ("en", "No control group in these results: no uplift can be measured."),
    ],
)
def test_measure_without_control_group_says_so_in_the_uplift_chart(windows, tmp_path, lang, note):
    """A small shop's results sheet (six customers: no one kept aside): the uplift charts say
    there is no control group, where they showed an empty grid with the segment names."""
    import pyqtgraph as pg

    win = windows(lang)
    page = measured_german_shop(win, tmp_path)
    assert page.body.isVisible()
    for chart in (page.uplift, page.revenue_uplift):
        texts = [item.toPlainText() for item in chart.plot.items if isinstance(item, pg.TextItem)]
        assert texts == [note]
        assert note in chart.graphics.toolTip()


def big_german_shop(path):
    """400 customers, 1,600 orders of four-digit euros ('9.417,34 €'), German dates, cp1252."""
    rows = ["Kundennummer;Bestelldatum;Betrag"]
    for i in range(1600):
        day, month = 1 + i % 28, 1 + (i * 7) % 12
        amount = f"{2000 + (i * 7919) % 9000 + i % 100 / 100:,.2f}".translate(str.maketrans(",.", ".,"))
        rows.append(f"K{i % 400:04d};{day:02d}.{month:02d}.2026;{amount} €")
    path.write_bytes(("\n".join(rows) + "\n").encode("cp1252"))
    return path


def test_cut_point_fields_show_their_first_numbers(windows, tmp_path):
    """A German shop with 400 customers and four- and five-digit spends: the monetary cut points
    ('9 417,34 ; 11 718,89 ; ...') are longer than their field in a 1200-pixel French window;
    the field shows their start, not the end with the first number cut."""
    path = big_german_shop(tmp_path / "kasse_gross.csv")
    win = windows("fr")
    win.page("collect").add_files([str(path)])
    assert win.tasks.wait_idle(60)
    assert dialog_texts() == []
    walk_to(win, "group")
    fields = win.page("group").rfm_params.fields
    monetary = fields["monetary"]
    assert monetary.fontMetrics().horizontalAdvance(monetary.text()) > monetary.width()  # too long
    assert fields["recency"].text() and monetary.text()
    for field in fields.values():
        assert field.cursorPosition() == 0, field.text()


def test_group_customers_tab_fits_the_window(windows, tmp_path):
    """Group's Customers tab in French: the line above the table ('Les 400 clients. Cliquez sur un
    graphique pour filtrer.') and 'Afficher tous les clients' fit 1200 pixels, filtered or not."""
    win = windows("fr")
    win.page("collect").add_files([str(big_german_shop(tmp_path / "kasse_gross.csv"))])
    assert win.tasks.wait_idle(60)
    assert dialog_texts() == []
    walk_to(win, "group")
    page = win.page("group")
    page.side.setCurrentIndex(1)
    assert "400" in page.filter_label.text()
    assert horizontal_overflow(win) == 0
    page.bars.click_segment(0)
    assert "Afficher" in page.clear_filter_button.text() and page.clear_filter_button.isVisible()
    assert horizontal_overflow(win) == 0


def rfm_grid_shown(win, orders):
    """The window's RFM grid, shown on the Group page, for a file of orders imported in it."""
    win.page("collect").add_files([str(orders)])
    assert win.tasks.wait_idle(60)
    walk_to(win, "group")
    page = win.page("group")
    page.charts.setCurrentWidget(page.rfm_grid)
    settle()
    return page.rfm_grid


def test_rfm_grid_names_fit_their_cells(windows, tmp_path):
    """The RFM grid in French, 5 by 5 in a 1200-pixel window: each cell's segment name is
    shortened to its cell ('Sur le point de s'endormir' ran over the next cells)."""
    import pyqtgraph as pg

    grid = rfm_grid_shown(windows("fr"), big_german_shop(tmp_path / "kasse_gross.csv"))
    rows, cols = grid.values.shape
    assert (rows, cols) == (5, 5)
    cell = grid.plot.getViewBox().width() / cols
    labels = [item for item in grid.plot.items if isinstance(item, pg.TextItem)]
    assert len(labels) == rows * cols
    names = {n for row in grid.notes for n in row}
    assert any(grid.fontMetrics().horizontalAdvance(n) > cell for n in names)  # some are too long
    for label in labels:
        assert label.boundingRect().width() <= cell + 2, (label.toPlainText(), cell)


def german_customers(path):
    """A German customer list (cp1252, ';') for the shop's first three customers."""
    path.write_bytes(
        (
            "Kundennummer;Vorname;Nachname;E-Mail;Geburtsdatum;Geschlecht;PLZ;Ort\n"
            "K1000;Anna;Müller;anna@x.de;03.04.1980;weiblich;10115;Berlin\n"
            "K1001;Bernd;Schulz;bernd@x.de;15.11.1975;männlich;80331;München\n"
            "K1002;Clara;Weiß;clara@x.de;01.02.1990;weiblich;50667;Köln\n"
        ).encode("cp1252")
    )
    return path


def test_matches_across_files_show_whole_texts(windows, tmp_path):
    """A German customer list with the orders file: the customers found in both are listed with
    columns wide enough for their texts and headers ('identifiant cli…', 'de_kunden.c…' before)."""
    win = windows("fr")
    page = win.page("collect")
    page.add_files([str(german_customers(tmp_path / "kunden.csv")), str(german_shop(tmp_path / "kasse.csv"))])
    assert win.tasks.wait_idle(60)
    assert dialog_texts() == []
    page.tabs.setCurrentIndex(3)
    settle()
    view = page.matches_panel.view
    model = page.matches_panel.model
    assert model.total_rows() == 3
    texts = [model.text(0, c) for c in range(model.columnCount())]
    assert "identifiant client" in texts and any("kunden.csv" in t for t in texts)
    # They were matched on their customer id: the note does not say "by e-mail or phone" only.
    assert page.matches_panel.note.text() == (
        "3 clients reconnus dans plusieurs fichiers par le même identifiant client, e-mail ou téléphone. "
        "Vérifiez-les ci-dessous."
    )
    header = view.horizontalHeader()
    for column in range(model.columnCount()):
        assert view.columnWidth(column) >= view.sizeHintForColumn(column), column
        assert view.columnWidth(column) >= header.sectionSizeHint(column), column


def test_act_one_line_fields_give_their_whole_text_on_hover(windows, tmp_path):
    """The plan's one-line fields (offer, channel, timing...) are narrower than the core's French
    suggestions: each shows its start and gives the whole text as its tooltip."""
    from PySide6.QtWidgets import QLineEdit

    win = windows("fr")
    win.page("collect").add_files([str(german_shop(tmp_path / "kasse.csv"))])
    assert win.tasks.wait_idle(60)
    walk_to(win, "act")
    plans = win.ctx.analysis.plans
    cut = 0
    for key, card in win.page("act").cards.items():
        for field, widget in card.texts.items():
            if not isinstance(widget, QLineEdit):
                continue
            assert widget.toolTip() == str(plans[key].get(field) or "")
            cut += widget.fontMetrics().horizontalAdvance(widget.text()) > widget.width()
    assert cut > 0  # some texts are indeed longer than their field


def yen_shop(path):
    """A Japanese web shop's orders: totals in yen, which have no minor unit."""
    rows = ["Order,Date,Customer,Total,Email"]
    for i in range(60):
        customer = i % 12
        rows.append(
            f'A{i},2025-{1 + i % 12:02d}-{1 + i % 27:02d},K{customer:03d},"¥{(i % 9 + 2) * 1100:,}",k{customer}@shop.jp'
        )
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("lang", "eight"), [("fr", "8\u00a0¥"), ("en", "¥8")])
def test_act_money_boxes_have_the_currencys_decimals(windows, tmp_path, lang, eight):
    """A yen shop's costs and baskets have no decimals ('8,00 ¥' before), its default email cost
    is in yen (¥8, not ¥0.05), and the arrows step by whole yen."""
    win = windows(lang)
    win.page("collect").add_files([str(yen_shop(tmp_path / "orders.csv"))])
    assert win.tasks.wait_idle(60)
    walk_to(win, "act")
    cards = win.page("act").cards
    emailed = [c for key, c in cards.items() if win.ctx.analysis.plans[key]["channel_key"] == "email"]
    assert emailed
    card = emailed[0]
    assert card.cost.decimals() == 0 and card.basket.decimals() == 0
    assert card.cost.text().replace("\u202f", "\u00a0") == eight
    card.cost.stepUp()
    assert card.cost.value() == 9.0
