"""A third look at the GUI as a shop owner walks it: a small shop of 60 customers scored on three
levels, a French till with identical rows, a wide customers file. French and English; each test
checks what is shown (texts, titles), not timings."""

from __future__ import annotations

import random
import re

import pytest
import test_ui_outside
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QStyleOptionComboBox
from test_ui_collect import dialog_texts
from test_ui_outside import rfm_grid_shown, settle, walk_to, yen_shop
from test_ui_outside2 import yen_shop_measured

# The earlier checks' fixtures: settings in a temporary folder, windows of 1200x800.
_isolated_settings = test_ui_outside._isolated_settings
windows = test_ui_outside.windows


def small_shop(path):
    """A small shop's orders: 60 customers, one to a dozen orders each (so RFM uses 3 scores)."""
    rng = random.Random(7)
    lines = ["order_id,customer_id,date,total"]
    for c in range(60):
        for _ in range(1 + int(rng.expovariate(0.4))):
            day = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 27):02d}"
            lines.append(f"O{len(lines)},C{c:03d},{day},{rng.randint(8, 120)}.90")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("lang", "rows", "cols"),
    [
        ("fr", "Score de récence (R, 3 = le plus récent)", "Score de fréquence (F, 3 = le plus fréquent)"),
        ("en", "Recency score (R, 3 = most recent)", "Frequency score (F, 3 = most frequent)"),
    ],
)
def test_rfm_grid_axes_name_the_grids_best_score(windows, tmp_path, lang, rows, cols):
    """A shop of 60 customers is scored 1 to 3: the grid's axes said '5 = most recent' above R1 to R3."""
    win = windows(lang)
    win.page("collect").add_files([str(small_shop(tmp_path / "orders.csv"))])
    assert win.tasks.wait_idle(60)
    walk_to(win, "group")
    grid = win.page("group").rfm_grid
    assert grid.r_scores == [3, 2, 1]
    assert (grid.row_title, grid.col_title) == (rows, cols)
    assert dialog_texts() == []


def french_till(path):
    """A French till export: ';', '12,50 €', dd/mm/yyyy, no order number and no time; the last two
    rows are the same coffee bought twice the same day."""
    lines = ["Date;Client;Montant TTC;Produit"]
    for i in range(30):
        lines.append(f"{1 + i % 27:02d}/03/2025;CL{i % 8:03d};{10 + i},50 €;Café")
    lines += ["05/03/2025;CL001;12,50 €;Café"] * 2
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("fr", "32 lignes lues : 31 conservées, 1 exclue. 8 clients."),
        ("en", "32 rows read: 31 kept, 1 excluded. 8 customers."),
    ],
)
def test_row_account_counts_agree_with_their_number(windows, tmp_path, lang, line):
    """One identical row set aside: the French account read '31 conservées, 1 exclues'."""
    win = windows(lang)
    page = win.page("collect")
    page.add_files([str(french_till(tmp_path / "caisse.csv"))])
    assert win.tasks.wait_idle(60)
    assert dialog_texts() == []
    summary = page.account_panel.summary.text()
    assert summary.startswith(line), summary


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_rfm_score_rules_never_start_a_line_with_a_colon(windows, tmp_path, lang):
    """The score rules under the cut points wrap in a narrow column: French 'F 3 : 3 ou plus' broke
    before its colon, so a line began ': 3 ou plus'. The colon and the '·' keep to their word."""
    win = windows(lang)
    win.page("collect").add_files([str(small_shop(tmp_path / "orders.csv"))])
    assert win.tasks.wait_idle(60)
    walk_to(win, "group")
    rules = win.page("group").rfm_params.rules
    frequency = rules["frequency"].text()
    assert frequency.count("\u00a0· ") == 2, frequency
    assert " :" not in frequency and " ·" not in frequency, frequency
    # Nor a score's letter apart from its number ('· R' at a line's end, '1: last...' below).
    for text in (frequency, rules["recency"].text()):
        assert not re.search(r"\b[RFM] \d", text), text
    if lang == "fr":
        assert frequency.startswith("F\u00a01\u00a0: moins de 2"), frequency
    else:
        assert frequency.startswith("F\u00a01: below 2"), frequency


@pytest.mark.parametrize(
    ("lang", "question", "button"),
    [
        ("fr", "1 ligne répète exactement une ligne précédente", "&Garder comme achat"),
        ("en", "1 row repeats an earlier row exactly", "&Keep as a purchase"),
    ],
)
def test_twins_banner_button_agrees_with_one_row(windows, tmp_path, lang, question, button):
    """One coffee bought twice the same day: the banner asks about one purchase, and its button
    keeps 'a purchase' (it said 'Keep as purchases' beside 'was it a separate purchase?')."""
    win = windows(lang)
    page = win.page("collect")
    page.add_files([str(french_till(tmp_path / "caisse.csv"))])
    assert win.tasks.wait_idle(60)
    assert dialog_texts() == []
    banner = page.twins_banner
    assert banner.isVisible()
    assert banner.question.text().startswith(question), banner.question.text()
    assert banner.keep_button.text() == button
    banner.keep_button.click()
    assert win.tasks.wait_idle(60)
    assert not banner.isVisible()
    assert page.account_panel.summary.text().startswith("32 "), page.account_panel.summary.text()


@pytest.mark.parametrize(
    ("lang", "used", "notes"),
    [("fr", "Canal utilisé", "Comment les joindre"), ("en", "Channel used", "How to reach them")],
)
def test_act_card_channel_rows_have_distinct_labels(windows, tmp_path, lang, used, notes):
    """A plan's card showed 'Channel used' (the list) over 'Channel' (its notes): two rows that
    read as the same. The notes' row now says what it holds."""
    from PySide6.QtWidgets import QFormLayout

    win = windows(lang)
    win.page("collect").add_files([str(french_till(tmp_path / "caisse.csv"))])
    assert win.tasks.wait_idle(60)
    walk_to(win, "act")
    card = next(iter(win.page("act").cards.values()))
    form = card.channel_key.parentWidget().findChildren(QFormLayout)
    labels = {}
    for layout in form:
        for widget in (card.channel_key, card.texts["channel"]):
            label = layout.labelForField(widget)
            if label is not None:
                labels[widget is card.channel_key] = label.text()
    assert labels == {True: used, False: notes}
    assert card.texts["channel"].accessibleName() == notes


@pytest.mark.parametrize(
    ("lang", "five", "three"),
    [
        (
            "fr",
            "Automatique : 5 scores (200 clients ou plus)",
            "Automatique : 3 scores (moins de 200 clients)",
        ),
        ("en", "Automatic: 5 scores (200 customers or more)", "Automatic: 3 scores (under 200 customers)"),
    ],
)
def test_automatic_rfm_scores_say_what_they_chose(windows, tmp_path, cdnow_master, lang, five, three):
    """CDNOW's 23,570 customers are scored 1 to 5, but the Scores box read 'Automatic (3 scores
    below 200 customers)' above R5 to R1, as if 3 had been chosen. It names the choice made."""
    win = windows(lang)
    win.page("collect").add_files([str(cdnow_master)])
    assert win.tasks.wait_idle(120)
    walk_to(win, "group")
    page = win.page("group")
    assert page.rfm_grid.r_scores == [5, 4, 3, 2, 1]
    assert page.rfm_params.scores.currentText() == five
    small = windows(lang)
    small.page("collect").add_files([str(small_shop(tmp_path / "orders.csv"))])
    assert small.tasks.wait_idle(60)
    walk_to(small, "group")
    combo = small.page("group").rfm_params.scores
    assert combo.currentText() == three
    # The box widens to its renamed item (it read 'Automatique : 3 scores (moins de 200 cl').
    settle()
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    assert field.width() >= combo.fontMetrics().horizontalAdvance(three), field.width()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_customers_file_alone_opens_group_on_clusters(windows, mall_customers_csv, lang):
    """Mall Customers (200 customers, no purchase): Group started on RFM and opened on the error
    'RFM needs purchases...'. With no purchase to score it starts on clusters of the attributes."""
    win = windows(lang)
    win.page("collect").add_files([str(mall_customers_csv)])
    assert win.tasks.wait_idle(60)
    for _ in range(2):  # Next, Next: no goal chosen, as a first visit
        win.next_button.click()
        assert win.tasks.wait_idle(60)
    page = win.page("group")
    if page._timer.isActive():  # the debounced run: start it now rather than wait for it
        page._timer.stop()
        page._timer.timeout.emit()
    assert win.tasks.wait_idle(60)
    assert dialog_texts() == []
    assert page.method == "clusters"
    assert page.method_combo.currentData() == "clusters"
    segmentation = win.ctx.analysis.segmentation
    assert segmentation is not None and segmentation.method == "clusters"
    assert int(segmentation.counts().sum()) == 200


def mall_grouped(win, path):
    """Mall Customers walked to Group with Next alone (no goal), grouped; the Group page."""
    win.page("collect").add_files([str(path)])
    assert win.tasks.wait_idle(60)
    for _ in range(2):
        win.next_button.click()
        assert win.tasks.wait_idle(60)
    page = win.page("group")
    if page._timer.isActive():  # the debounced run: start it now rather than wait for it
        page._timer.stop()
        page._timer.timeout.emit()
    assert win.tasks.wait_idle(60)
    assert dialog_texts() == []
    return page


def test_long_segment_names_are_shortened_not_dropped_from_the_bars(windows, mall_customers_csv):
    """Mall Customers grouped into clusters: names such as 'High Spending Score(1-100) · High
    Annual Income(k$)' are wider than the bar chart's name axis, and pyqtgraph drew no name at
    all beside six of the ten bars. Each bar keeps its name, shortened with '…' when too long."""
    from PySide6.QtGui import QFontMetrics

    from segmenter_app.ui.charts.bars import NAME_MARGIN, NAME_WIDTH

    bars = mall_grouped(windows("en"), mall_customers_csv).bars
    axis = bars.size_plot.getAxis("left")
    shown = [text for _y, text in axis._tickLevels[0]]
    assert len(shown) == len(bars.names) == 10
    metrics = QFontMetrics(axis.style.get("tickFont") or bars.font())
    cut = 0
    for full, text in zip(bars.names, shown, strict=True):
        assert metrics.horizontalAdvance(text) <= NAME_WIDTH - NAME_MARGIN, text
        if text != full:
            cut += 1
            assert text.endswith("…") and full.startswith(text[:-1]), (full, text)
    assert cut > 0  # some cluster names are indeed longer than the axis


def wide_customers(folder):
    """Orders of 40 customers, and their customers file of 60 columns: 59 attributes, of which 6
    hold one value for all, 20 are half empty and 33 are full."""
    columns = ["customer_id"] + [f"Attribut {j} du client" for j in range(59)]
    lines = [",".join(columns)]
    for c in range(40):
        values = [str((c * j) % 7) if j % 3 else ("" if c % 2 else "x") for j in range(59)]
        lines.append(",".join([f"C{c:03d}", *values]))
    (folder / "clients.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    orders = ["order_id,customer_id,date,total"]
    for i in range(200):
        orders.append(f"O{i},C{(i * 7) % 40:03d},2025-{1 + i % 12:02d}-{1 + i % 27:02d},{15 + i % 40}.90")
    (folder / "orders.csv").write_text("\n".join(orders) + "\n", encoding="utf-8")
    return [folder / "orders.csv", folder / "clients.csv"]


@pytest.mark.parametrize(
    ("lang", "same"),
    [
        ("fr", "6 avec la même valeur pour tous : Attribut 7 du client, Attribut 14 du client, "),
        ("en", "6 with the same value for every customer: Attribut 7 du client, Attribut 14 du client, "),
    ],
)
def test_columns_not_offered_are_named_on_hover(windows, tmp_path, lang, same):
    """A customers file of 60 columns: the note said '39 more columns of your files are not
    offered' without saying which; its tooltip names them, per reason."""
    win = windows(lang)
    win.page("collect").add_files([str(p) for p in wide_customers(tmp_path)])
    assert win.tasks.wait_idle(60)
    walk_to(win, "criteria")
    assert win.tasks.wait_idle(60)
    note = win.page("criteria").left_out
    assert note.isVisible() and note.text().startswith("39 "), note.text()
    lines = note.toolTip().split("\n")
    assert len(lines) == 2, lines
    assert lines[0].startswith(same), lines[0]
    assert lines[0].endswith("Attribut 56 du client"), lines[0]
    assert lines[1].count(", ") == 32 and "Attribut 3 du client" in lines[1], lines[1]


@pytest.mark.parametrize(
    ("lang", "note"), [("fr", "Aucun chiffre\nd'affaires\nà montrer"), ("en", "No revenue\nto show")]
)
def test_revenue_bars_without_revenue_say_so(windows, tmp_path, mall_customers_csv, lang, note):
    """Customers with no purchase have no revenue: the Revenue plot showed ten '0 %' over an axis
    reading '1'. It says there is no revenue to show, with no bars and no scale."""
    import pyqtgraph as pg

    bars = mall_grouped(windows(lang), mall_customers_csv).bars
    items = bars.revenue_plot.items
    assert [i.toPlainText() for i in items if isinstance(i, pg.TextItem)] == [note]
    assert not [i for i in items if isinstance(i, pg.BarGraphItem)]
    # A shop with purchases keeps its revenue bars and their shares.
    win = windows(lang)
    win.page("collect").add_files([str(small_shop(tmp_path / "orders.csv"))])
    assert win.tasks.wait_idle(60)
    walk_to(win, "group")
    items = win.page("group").bars.revenue_plot.items
    assert len([i for i in items if isinstance(i, pg.BarGraphItem)]) == 1
    assert len([i for i in items if isinstance(i, pg.TextItem)]) == 7


@pytest.mark.parametrize(
    ("lang", "empty"),
    [
        ("fr", "Nouveaux clients, Prometteurs : Aucun client dans ce segment."),
        ("en", "New customers, Promising: No customer is in this segment."),
    ],
)
def test_segments_with_the_same_advice_share_a_line(windows, cdnow_master, lang, empty):
    """CDNOW's two empty RFM segments each had their line 'No customer is in this segment.' under
    the quality table: segments with the very same advice are named together on one line."""
    win = windows(lang)
    win.page("collect").add_files([str(cdnow_master)])
    assert win.tasks.wait_idle(120)
    walk_to(win, "group")
    lines = win.page("group").segments.advice_text().splitlines()
    assert empty in lines, lines
    assert sum("Promising" in line or "Prometteurs" in line for line in lines) == 1
    assert len(lines) == 4, lines  # all segments, the two empty ones, and the two too small


def test_uplift_without_control_shows_its_note_alone(windows, tmp_path):
    """A yen shop's results with no control group: the uplift charts drew a scale of -0.9 to 0.9,
    forty grid lines and the zero line through the note. The note is alone; a chart with
    intervals has its scale, grid and zero line back. The table's control rate is a dash."""
    import pyqtgraph as pg

    from segmenter_app.ui.charts.uplift import UpliftChart

    _win, page = yen_shop_measured(windows, tmp_path)
    # The control rate, which no one can have here, is a dash rather than a blank cell.
    model = page.table_model
    column = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())].index(
        "Control rate"
    )
    assert [model.cell_text(r, column) for r in range(model.rowCount())] == ["\u2014"] * 3
    charts = page.findChildren(UpliftChart)
    assert len(charts) == 2
    for chart in charts:
        items = chart.plot.items
        assert [i.toPlainText() for i in items if isinstance(i, pg.TextItem)] == [chart.no_uplift_text()]
        assert not [i for i in items if isinstance(i, pg.InfiniteLine)]
        assert chart.plot.getAxis("bottom")._tickLevels == [[]]
        # The same chart given intervals shows them on a scale again.
        chart.set_uplift(["a"], ["A"], [0.1], [0.02], [0.18], unit_label="points", formatter=str)
        assert len([i for i in chart.plot.items if isinstance(i, pg.InfiniteLine)]) == 1
        assert chart.plot.getAxis("bottom")._tickLevels is None


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        ("fr", "Tous les clients ont la même valeur : aucun seuil, un seul score pour tous."),
        ("en", "Every customer has the same value: no cut point, one score for all."),
    ],
)
def test_rfm_dimension_without_cut_points_says_why(windows, tmp_path, lang, note):
    """A yen shop where every customer ordered 5 times: the frequency cut points field was empty
    with nothing under it. It says all customers have the same value; the others keep their rules."""
    win = windows(lang)
    win.page("collect").add_files([str(yen_shop(tmp_path / "orders.csv"))])
    assert win.tasks.wait_idle(60)
    walk_to(win, "group")
    params = win.page("group").rfm_params
    assert params.fields["frequency"].text() == ""
    assert params.rules["frequency"].text() == note
    assert params.rules["recency"].text().startswith("R\u00a03"), params.rules["recency"].text()
    assert params.rules["monetary"].text().startswith("M\u00a01"), params.rules["monetary"].text()


def test_number_of_groups_box_is_as_wide_as_a_number(windows, tmp_path):
    """Clusters on a small shop: the 'Number of groups' box (2 to 10) spread across the page."""
    win = windows("en")
    win.page("collect").add_files([str(small_shop(tmp_path / "orders.csv"))])
    assert win.tasks.wait_idle(60)
    walk_to(win, "group")
    page = win.page("group")
    page.method_combo.setCurrentIndex(page.method_combo.findData("clusters"))
    page.method_combo.activated.emit(page.method_combo.currentIndex())
    if page._timer.isActive():
        page._timer.stop()
        page._timer.timeout.emit()
    assert win.tasks.wait_idle(60)
    settle()
    box = page.cluster_params.k
    assert box.isVisible()
    assert box.width() <= box.sizeHint().width() + 2, (box.width(), box.sizeHint().width())


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_measure_shows_its_chooser_once_there_is_a_measurement(windows, tmp_path, lang):
    """Before any results, Measure showed 'Showing' beside an empty greyed box; it appears with
    the first results imported."""
    win = windows(lang)
    win.page("collect").add_files([str(french_till(tmp_path / "caisse.csv"))])
    assert win.tasks.wait_idle(60)
    walk_to(win, "measure")
    page = win.page("measure")
    assert not page.chooser.isVisible() and not page.chooser_label.isVisible()
    assert page.empty.isVisible()
    results = tmp_path / "resultats.csv"
    results.write_text(
        "Client;Converti;CA\n"
        + "".join(f"CL{i:03d};{'oui' if i % 2 else 'non'};{i * 10},50 €\n" for i in range(8)),
        encoding="utf-8",
    )
    page.import_results(str(results))
    assert win.tasks.wait_idle(60)
    assert dialog_texts() == []
    assert page.chooser.isVisible() and page.chooser.currentText() == "resultats.csv"
    assert page.chooser_label.text() == ("Affichage" if lang == "fr" else "Showing")


def test_rfm_grid_names_wrap_in_tall_cells(windows, tmp_path):
    """A 3 by 3 grid in French: 'Sur le point de s'endormir' was cut to 'Sur le point de s'endo…'
    in a cell with room below it. Tall cells put a long name on two lines, each within the cell."""
    import pyqtgraph as pg

    grid = rfm_grid_shown(windows("fr"), small_shop(tmp_path / "orders.csv"))
    cell = grid.plot.getViewBox().width() / grid.values.shape[1]
    texts = [item.toPlainText() for item in grid.plot.items if isinstance(item, pg.TextItem)]
    assert len(texts) == 9
    sleeping = [t for t in texts if "Sur le point" in t]
    assert sleeping and all("…" not in t and t.count("\n") == 2 for t in sleeping), sleeping
    assert all(t.split("\n", 1)[1].replace("\n", " ") == "Sur le point de s'endormir" for t in sleeping)
    for item in grid.plot.items:
        if isinstance(item, pg.TextItem):
            assert item.boundingRect().width() <= cell + 2, (item.toPlainText(), cell)


@pytest.mark.parametrize(("lang", "absent"), [("fr", "absent de vos fichiers"), ("en", "not in your files")])
def test_criteria_the_files_do_not_hold_say_so(windows, mall_customers_csv, lang, absent):
    """Mall Customers (no orders): 'days since last purchase' read '0 % of customers' as if it
    were measured; a criterion no file gives says it is not in the files. Age keeps its coverage."""
    from test_ui_outside2 import coverage_label

    win = windows(lang)
    win.page("collect").add_files([str(mall_customers_csv)])
    assert win.tasks.wait_idle(60)
    win.next_button.click()
    assert win.tasks.wait_idle(60)
    page = win.page("criteria")
    for key in ("recency_days", "monetary", "avg_basket"):
        assert coverage_label(page, key).text() == absent, key
    assert coverage_label(page, "age").text().startswith("100")


@pytest.mark.parametrize(
    ("lang", "start"),
    [
        ("fr", "10\u00a0% de 2 clients, cela fait moins d'un client : pas de groupe témoin"),
        ("en", "10\u00a0% of 2 customers rounds to no one: there is no control group"),
    ],
)
def test_act_card_says_why_a_small_segment_has_no_control_group(windows, tmp_path, lang, start):
    """A till of 8 customers: a card read 'Control group share 10 %' over 'No control group: ...',
    a contradiction; it says the share of so few customers rounds to no one, and what to do."""
    win = windows(lang)
    win.page("collect").add_files([str(french_till(tmp_path / "caisse.csv"))])
    assert win.tasks.wait_idle(60)
    walk_to(win, "act")
    plans = win.ctx.analysis.plans
    cards = win.page("act").cards
    pairs = [k for k in cards if plans[k].get("size") == 2 and not plans[k].get("control_size")]
    assert pairs, {k: plans[k].get("size") for k in cards}
    for key in pairs:
        assert cards[key].control_note.text().startswith(start), cards[key].control_note.text()
    # One customer cannot be split: the core's own sentence stays.
    ones = [k for k in cards if plans[k].get("size") == 1]
    for key in ones:
        assert cards[key].control_note.text() == plans[key]["control_note"]


@pytest.mark.parametrize(("lang", "label"), [("fr", "&C'est un doublon"), ("en", "&It is a duplicate")])
def test_twins_banner_can_be_answered_no(windows, tmp_path, lang, label):
    """The identical-rows question only offered 'Keep as purchases': a shop owner who knew the
    rows were copies could not answer it, and it stayed. 'They are duplicates' closes it, leaves
    the rows out, and it is not asked again for the same files."""
    win = windows(lang)
    page = win.page("collect")
    page.add_files([str(french_till(tmp_path / "caisse.csv"))])
    assert win.tasks.wait_idle(60)
    banner = page.twins_banner
    assert banner.isVisible() and banner.dismiss_button.text() == label
    banner.dismiss_button.click()
    assert win.tasks.wait_idle(60)
    assert not banner.isVisible()
    assert page.duplicates == "exclude"
    assert page.account_panel.summary.text().startswith("32 "), page.account_panel.summary.text()
    assert win.ctx.analysis.account.kept == 31
    banner.show_for(win.ctx.analysis, page.duplicates)  # the page refreshed: not asked again
    assert not banner.isVisible()


def test_cut_point_fields_give_all_their_numbers_on_hover(windows, online_retail_csv):
    """Online Retail in French: the spend cut points '240 ; 467,04 ; 905,26 ; 1 995,68' did not
    fit their field (it ended '1 995,6'); the field's tooltip gives them all, then how to edit."""
    win = windows("fr")
    win.page("collect").add_files([str(online_retail_csv)])
    assert win.tasks.wait_idle(180)
    walk_to(win, "group")
    field = win.page("group").rfm_params.fields["monetary"]
    text = field.text()
    assert text.count(";") == 3, text
    assert field.toolTip().split("\n") == [
        text,
        "Nombres séparés par « ; », en ordre croissant. Appuyez sur Entrée pour appliquer.",
    ]
