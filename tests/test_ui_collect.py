"""The Collect step: open files, preview and reading controls, column roles, row account, dates."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from ui_shots import shot

from segmenter_app.ui import errors, settings


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path, monkeypatch):
    settings.use_settings_file(tmp_path / "settings.ini")
    # Remembered mappings go to the user's config folder: keep the test's own.
    monkeypatch.setenv("SEGMENTER_CONFIG_DIR", str(tmp_path / "config"))
    yield
    settings.use_settings_file(None)


def make_window(qtbot, lang: str = "en"):
    from segmenter_app.ui.app import apply_language, ensure_application
    from segmenter_app.ui.main_window import MainWindow

    apply_language(ensure_application(), lang)
    win = MainWindow(lang=lang)
    win.confirm_discard = lambda: True
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    return win


def dialog_texts() -> list[str]:
    texts = [b.text() for b in errors.open_dialogs()]
    for box in errors.open_dialogs():
        box.done(0)
    return texts


@pytest.fixture
def window(qtbot):
    win = make_window(qtbot)
    yield win
    win.tasks.cancel_all()
    win.tasks.wait_idle(10)
    dialog_texts()


def import_and_wait(win, paths, timeout=120):
    page = win.page("collect")
    page.add_files([str(p) for p in paths])
    assert win.tasks.wait_idle(timeout)
    assert dialog_texts() == []
    return page


def test_demo_files_import_with_a_balanced_account(window, demo_files, artifacts):
    page = import_and_wait(window, demo_files)
    analysis = window.ctx.analysis
    assert analysis.account.balanced and analysis.account.read > 0
    assert 250 <= len(analysis.customers) <= 350
    assert page.is_complete() and window.step_open(1) and window.next_button.isEnabled()
    assert page.files.count() == len(demo_files)
    # The account table lists "Kept" first with the kept count, then each reason.
    assert page.account_panel.account.item(0, 1).text().replace(",", "") == str(analysis.account.kept)
    assert page.account_panel.account.rowCount() == 1 + len(analysis.account.excluded)
    shot(window, str(artifacts / "collect_preview_en.png"))
    page.tabs.setCurrentIndex(1)
    shot(window, str(artifacts / "collect_columns_en.png"))
    page.tabs.setCurrentIndex(2)
    shot(window, str(artifacts / "collect_rows_en.png"))


def test_preview_controls_and_roles(window, demo_files):
    page = import_and_wait(window, demo_files[:1])
    page.files.setCurrentRow(0)
    page._on_file_selected(0)
    assert window.tasks.wait_idle(30)
    preview = page.previews[str(demo_files[0])]
    assert page.preview.model.rowCount() > 0
    assert page.preview.controls.delimiter.currentData() == preview.delimiter
    assert page.roles.rowCount() == len(preview.frame.columns)
    roles = {c: box.currentData() for c, box in page.roles.combos.items()}
    assert "customer_id" in roles.values() or "email" in roles.values()
    assert "order_date" in roles.values()


def test_changing_a_role_reimports_and_undo_restores(window, demo_files):
    page = import_and_wait(window, demo_files[:1])
    page._on_file_selected(0)
    assert window.tasks.wait_idle(30)
    column = next(c for c, box in page.roles.combos.items() if box.currentData() == "channel")
    customers_before = len(window.ctx.analysis.customers)
    page._on_role_changed(column, "ignore")
    assert window.tasks.wait_idle(60)
    assert column not in window.ctx.analysis.inputs[0].mapping
    assert window.ctx.undo_stack.canUndo()
    # The choice is remembered for the next file with the same columns.
    from segmenter_app.core.reading.roles import recall_mapping

    columns = (
        list(page.previews[str(demo_files[0])].frame.columns) if page.previews else list(page.roles.combos)
    )
    assert recall_mapping(columns)[column] == "ignore"
    window.undo_action.trigger()
    assert window.tasks.wait_idle(60)
    assert window.ctx.analysis.inputs[0].mapping.get(column) == "channel"
    assert len(window.ctx.analysis.customers) == customers_before


def test_excluded_rows_view_filters_by_reason(window, tmp_path):
    csv = tmp_path / "ventes.csv"
    csv.write_text(
        "Client;Date;Montant\n"
        "A1;2026-01-05;12,50\n"
        "A1;2026-02-05;30,00\n"
        ";2026-02-06;8,00\n"
        "B2;pas une date;9,00\n"
        "B2;2026-03-01;15,00\n",
        encoding="utf-8",
    )
    page = import_and_wait(window, [csv])
    analysis = window.ctx.analysis
    assert analysis.account.read == 5 and analysis.account.kept == 3
    assert analysis.account.excluded == {"no_customer_id": 1, "unreadable_date": 1}
    page.tabs.setCurrentIndex(2)
    assert page.account_panel.excluded_model.total_rows() == 2
    index = page.account_panel.reason_filter.findData("unreadable_date")
    page.account_panel.reason_filter.setCurrentIndex(index)
    assert page.account_panel.excluded_model.total_rows() == 1
    texts = [
        page.account_panel.excluded_model.text(0, c)
        for c in range(page.account_panel.excluded_model.columnCount())
    ]
    from segmenter_app.core.export.labels import reason_label

    assert "ventes.csv" in texts and "5" in texts and "pas une date" in texts
    assert reason_label("unreadable_date", "en") in texts  # the import's own wording


def test_ambiguous_dates_are_asked_about(window, tmp_path):
    csv = tmp_path / "orders.csv"
    csv.write_text(
        "customer,date,amount\nA,01/02/2026,10\nA,03/04/2026,20\nB,05/06/2026,30\nB,07/08/2026,5\n",
        encoding="utf-8",
    )
    page = import_and_wait(window, [csv])
    assert page.date_banner.isVisible()
    assert "date" in page.date_question.text()
    page.day_first.click()
    assert window.tasks.wait_idle(30)
    dates = sorted(window.ctx.analysis.transactions["date"].dt.month.unique().tolist())
    assert dates == [2, 4, 6, 8]  # 01/02 read as the 1st of February
    assert not page.date_banner.isVisible()
    window.undo_action.trigger()
    assert window.tasks.wait_idle(30)
    assert page.date_banner.isVisible()


def test_identical_rows_of_a_till_without_order_numbers_are_asked_about(window, tmp_path, artifacts):
    """Two identical sales on one day, in a file with no order number and no time: the banner asks;
    "Keep them as purchases" imports again with both kept, undoably."""
    csv = tmp_path / "caisse.csv"
    csv.write_text(
        "Client;Date;Montant\nC1;03/02/2025;4,50\nC1;03/02/2025;4,50\nC2;14/02/2025;30,00\n", encoding="utf-8"
    )
    page = import_and_wait(window, [csv])
    banner = page.twins_banner
    assert banner.isVisible()
    assert banner.question.text().startswith("1 row repeats an earlier row exactly")
    assert window.ctx.analysis.account.excluded == {"duplicate": 1}
    shot(window, artifacts / "step_collect_twins_en.png")
    banner.keep_button.click()
    assert window.tasks.wait_idle(30)
    assert window.ctx.analysis.account.kept == 3 and window.ctx.analysis.account.excluded == {}
    assert not banner.isVisible()
    window.undo_action.trigger()
    assert window.tasks.wait_idle(30)
    assert banner.isVisible() and window.ctx.analysis.account.excluded == {"duplicate": 1}


def test_import_warnings_follow_a_language_switch(qtbot, tmp_path):
    """Imported in French, then the interface switched to English: the row account's warnings
    are in English too (they stayed in the import's language)."""
    from segmenter_app.ui.app import apply_language, ensure_application

    csv = tmp_path / "caisse.csv"
    csv.write_text(
        "Client;Date;Montant\nC1;03/02/2025;4,50\nC1;03/02/2025;4,50\nC2;14/02/2025;30\n", encoding="utf-8"
    )
    win = make_window(qtbot, "fr")
    try:
        page = import_and_wait(win, [csv])
        assert "1 ligne est la copie exacte" in page.account_panel.summary.text()
        apply_language(ensure_application(), "en")
        win.rebuild_for_language("en")
        assert win.tasks.wait_idle(30)
        summary = win.page("collect").account_panel.summary.text()
        assert "1 row is an exact copy of an earlier row" in summary and "ligne" not in summary
    finally:
        apply_language(ensure_application(), "en")
        win.tasks.cancel_all()
        win.tasks.wait_idle(10)


def test_unusable_file_gives_a_friendly_message(window, tmp_path):
    empty = tmp_path / "vide.csv"
    empty.write_bytes(b"")
    window.page("collect").add_files([str(empty)])
    assert window.tasks.wait_idle(30)
    texts = dialog_texts()
    assert len(texts) == 1 and "empty" in texts[0]
    assert window.ctx.analysis.customers is None


@pytest.mark.realdata
@pytest.mark.slow
def test_online_retail_account_through_the_page(window, online_retail_csv, artifacts):
    from PySide6.QtCore import QElapsedTimer, QTimer

    # The event loop's longest stall while 541,909 lines are imported: a 10 ms timer's lateness.
    clock, last, late = QElapsedTimer(), [0], []
    clock.start()

    def tick() -> None:
        now = clock.elapsed()
        late.append(now - last[0] - 10)
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    last[0] = clock.elapsed()
    timer.start()
    page = import_and_wait(window, [online_retail_csv], timeout=300)
    timer.stop()
    print(f"longest stall {max(late)} ms over {len(late)} ticks")
    # The bench asks for 100 ms on a quiet machine; this shared test machine gets a margin.
    assert max(late) < 400
    analysis = window.ctx.analysis
    assert analysis.account.read == 541_909
    assert analysis.account.balanced
    assert analysis.account.excluded.get("no_customer_id") == 135_080
    page.tabs.setCurrentIndex(2)
    assert page.account_panel.excluded_model.total_rows() == sum(analysis.account.excluded.values())
    assert page.account_panel.excluded_model.rowCount() <= 500  # fetched lazily
    shot(window, str(artifacts / "collect_online_retail_en.png"))


def test_collect_in_french(qtbot, demo_files, artifacts):
    win = make_window(qtbot, "fr")
    try:
        page = import_and_wait(win, demo_files)
        assert page.title() == "Collecter"
        assert page.open_button.text() == "&Ouvrir des fichiers…"
        page.tabs.setCurrentIndex(2)
        assert "lignes lues" in page.account_panel.summary.text()
        shot(win, str(artifacts / "collect_rows_fr.png"))
    finally:
        from segmenter_app.ui.app import apply_language, ensure_application

        apply_language(ensure_application(), "en")


def test_window_title_and_files_list(window, demo_files):
    import_and_wait(window, demo_files)
    assert window.isWindowModified()
    names = [window.page("collect").files.item(i).text() for i in range(window.page("collect").files.count())]
    rows = window.ctx.analysis.inputs[0].rows_read
    assert names[0] == f"{Path(demo_files[0]).name}\norders · {rows:,} rows"


def test_dropped_files_are_imported(window, demo_files):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    page = window.page("collect")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in demo_files])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    page.dropEvent(event)
    assert window.tasks.wait_idle(120)
    assert dialog_texts() == []
    assert window.ctx.analysis.customers is not None
    assert page.files.count() == len(demo_files)


@pytest.mark.realdata
@pytest.mark.slow
def test_cancel_stops_a_big_import(window, online_retail_csv, artifacts):
    page = window.page("collect")
    page.add_files([str(online_retail_csv)])
    window.tasks.wait_idle(0.4)  # let it get going (the whole import takes a couple of seconds)
    assert window.tasks.is_busy()
    assert window.progress.isVisible() and window.progress.cancel_button.isEnabled()
    shot(window, str(artifacts / "collect_progress_en.png"))
    window.progress.cancel_button.click()
    # The core checks the token often; the runner also gives control back after 0.9 s whatever.
    # How soon is measured by bench/ (cancel latency), not here: a busy machine made a one-second
    # bound fail now and then.
    assert window.tasks.wait_idle(5)
    assert dialog_texts() == []
    assert window.ctx.analysis.customers is None  # nothing half-imported
    assert not window.progress.isVisible()


def test_matches_across_files_are_listed(window, tmp_path, artifacts):
    shop = tmp_path / "boutique.csv"
    shop.write_text(
        "Client;E-mail;Date;Montant\n"
        "A1;anne@exemple.fr;2026-01-05;12,50\n"
        "A2;bob@exemple.fr;2026-02-05;30,00\n"
        "A3;carl@exemple.fr;2026-02-06;8,00\n",
        encoding="utf-8",
    )
    web = tmp_path / "web.csv"
    web.write_text(
        "Order,Email,Created at,Total\n1001,ANNE@exemple.fr ,2026-03-01,40.00\n1002,dan@example.com,2026-03-02,15.00\n",
        encoding="utf-8",
    )
    page = import_and_wait(window, [shop, web])
    page.tabs.setCurrentIndex(3)
    model = page.matches_panel.model
    assert model.total_rows() == 1
    texts = [model.text(0, c) for c in range(model.columnCount())]
    assert texts[0] == "A1" and "e-mail" in texts
    assert any("boutique.csv: A1" in t for t in texts)
    assert page.matches_panel.note.text().startswith("1 customer recognised in several files")
    assert len(window.ctx.analysis.customers) == 4  # Anne counted once across the two files
    shot(window, str(artifacts / "collect_matches_en.png"))


def test_workbook_sheet_and_header_row_controls(window, tmp_path, artifacts):
    import openpyxl

    path = tmp_path / "export.xlsx"
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Notes"
    notes.append(["Export du 01/07/2026"])
    sales = book.create_sheet("Ventes")
    sales.append(["Ventes du premier semestre"])
    sales.append([])
    sales.append(["Client", "Date", "Montant"])
    for i in range(12):
        sales.append([f"C{i % 5}", f"2026-0{1 + i % 6}-1{i % 9}", 10.5 + i])
    sales.append(["Total", None, 999.0])
    other = book.create_sheet("Autre boutique")
    other.append(["Client", "Date", "Montant"])
    other.append(["Z1", "2026-05-02", 42.0])
    book.save(path)

    # The first visible sheet holds only a note: the import says what is missing...
    page = window.page("collect")
    page.add_files([str(path)])
    assert window.tasks.wait_idle(60)
    texts = dialog_texts()
    assert len(texts) == 1 and "customer" in texts[0]
    controls = page.preview.controls
    assert controls.sheet.isEnabled() and controls.sheet.count() == 3
    assert not controls.encoding.isEnabled()
    assert controls.sheet.currentData() == "Notes"
    # ...and the user picks the sales sheet in the preview's controls.
    controls.sheet.setCurrentIndex(controls.sheet.findData("Ventes"))
    controls.sheet.activated.emit(controls.sheet.currentIndex())  # as a user's choice does
    assert controls.header_row.text() == "automatic"
    controls.apply_button.click()
    assert window.tasks.wait_idle(60)
    assert dialog_texts() == []
    assert window.ctx.analysis.inputs[0].sheet == "Ventes"
    assert window.ctx.analysis.inputs[0].header_row == 3  # title and blank rows skipped
    assert len(window.ctx.analysis.customers) == 5
    page._on_file_selected(0)
    assert window.tasks.wait_idle(30)
    assert controls.header_row.value() == 3
    assert page.preview.model.headerData(0, Qt.Orientation.Vertical) == "4"  # rows as in the file
    page.tabs.setCurrentIndex(0)
    shot(window, str(artifacts / "collect_workbook_en.png"))
    # Read the other shop's sheet instead.
    controls.sheet.setCurrentIndex(controls.sheet.findData("Autre boutique"))
    controls.sheet.activated.emit(controls.sheet.currentIndex())
    controls.header_row.setValue(1)
    controls.apply_button.click()
    assert window.tasks.wait_idle(60)
    assert dialog_texts() == []
    assert window.ctx.analysis.inputs[0].sheet == "Autre boutique"
    assert list(window.ctx.analysis.customers.index) == ["Z1"]
    window.undo_action.trigger()
    assert window.tasks.wait_idle(60)
    assert window.ctx.analysis.inputs[0].sheet == "Ventes" and len(window.ctx.analysis.customers) == 5


@pytest.mark.parametrize("name", ["orders.csv", "orders.xlsx", "orders.xls", "orders.ods"])
def test_every_format_through_the_page(window, name):
    from segmenter_app.resources import resources_dir

    path = resources_dir() / "selftest" / name
    page = import_and_wait(window, [path])
    analysis = window.ctx.analysis
    assert analysis.inputs[0].format == name.split(".")[1]
    assert analysis.account.balanced and analysis.account.kept > 0
    page._on_file_selected(0)
    assert window.tasks.wait_idle(30)
    assert page.preview.model.rowCount() > 0
    assert page.preview.controls.encoding.isEnabled() == (name == "orders.csv")


def test_removing_a_file_reimports_the_others(window, demo_files, tmp_path):
    extra = tmp_path / "extra.csv"
    extra.write_text("customer,date,amount\nZZ9,2026-03-01,10\n", encoding="utf-8")
    page = import_and_wait(window, [*demo_files, extra])
    with_extra = len(window.ctx.analysis.customers)
    page.files.setCurrentRow(page.files.count() - 1)
    page.remove_selected()
    assert window.tasks.wait_idle(60)
    assert len(window.ctx.analysis.customers) == with_extra - 1
    assert "ZZ9" not in window.ctx.analysis.customers.index
    assert page.files.count() == len(demo_files)
    assert not window.ctx.undo_stack.canUndo()


def test_empty_page_invites_to_drop_files(window, artifacts):
    page = window.page("collect")
    assert page.body.currentWidget() is page.welcome
    assert "Drop your sales export here" in page.welcome.text()
    shot(window, str(artifacts / "collect_empty_en.png"))


def test_aligned_text_file_shows_its_space_delimiter(window, tmp_path):
    """A whitespace-aligned file (CDNOW-like) imports, and the delimiter box names what was found."""
    path = tmp_path / "aligned.txt"
    lines = ["customer   date       qty  amount"]
    lines += [f"{i:05d}      2023010{1 + i % 9}   {1 + i % 3}    {10 + i}.50" for i in range(30)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    page = import_and_wait(window, [path])
    page.files.setCurrentRow(0)
    page._on_file_selected(0)
    assert window.tasks.wait_idle(30)
    preview = page.previews[str(path)]
    assert preview.delimiter in (" ", "  ")
    box = page.preview.controls.delimiter
    assert box.currentData() == preview.delimiter
    assert box.currentText() in ("Spaces", "Two or more spaces")
    assert len(window.ctx.analysis.customers) == 30


def test_file_without_header_shows_none_and_reads_again_unchanged(window, tmp_path):
    """A file that starts with data (CDNOW's layout): the header box says 'none', and reading the
    file again with the settings shown keeps every row (the first is not taken as a header)."""
    path = tmp_path / "no_header.txt"
    lines = [f"{i:05d}  2023010{1 + i % 9}  {1 + i % 3}  {10 + i}.50" for i in range(30)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    page = import_and_wait(window, [path])
    page.files.setCurrentRow(0)
    page._on_file_selected(0)
    assert window.tasks.wait_idle(30)
    controls = page.preview.controls
    assert controls.header_row.value() == 0 and controls.header_row.text() == "none"
    assert controls.settings()["header_row"] == 0
    controls.apply_button.click()
    assert window.tasks.wait_idle(60)
    assert dialog_texts() == []
    assert window.ctx.analysis.account.read == 30 and len(window.ctx.analysis.customers) == 30
    controls.header_row.setValue(controls.header_row.minimum())
    assert controls.header_row.text() == "automatic" and controls.settings()["header_row"] is None


def test_generic_column_names_in_french(qtbot, tmp_path):
    """A file without a header: its columns read 'Colonne 1'... in the French interface, while the
    import keeps 'Column 1' (what mapping files refer to)."""
    path = tmp_path / "sans_entete.txt"
    path.write_text(
        "\n".join(f"{i:05d}  2023010{1 + i % 9}  {10 + i}.50" for i in range(20)) + "\n", encoding="utf-8"
    )
    win = make_window(qtbot, "fr")
    try:
        page = import_and_wait(win, [path])
        page.files.setCurrentRow(0)
        page._on_file_selected(0)
        assert win.tasks.wait_idle(30)
        assert page.preview.model.headerData(0, Qt.Orientation.Horizontal) == "Colonne 1"
        assert page.roles.item(0, 0).text() == "Colonne 1"
        assert "Column 1" in win.ctx.analysis.inputs[0].mapping
    finally:
        from segmenter_app.ui.app import apply_language, ensure_application

        apply_language(ensure_application(), "en")
