"""The chart widgets: data shown, clicks and keys select, tables match, dark mode, screenshots."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPalette
from PySide6.QtWidgets import QApplication

from segmenter_app.ui.charts import (
    ClusterMapChart,
    MigrationHeatmap,
    RfmGridChart,
    SegmentBarsChart,
    SilhouetteChart,
    SnapshotSizesChart,
    UpliftChart,
)
from segmenter_app.ui.charts.base import ArrayTableModel

RFM_NAMES = [
    ["New customers", "Potential loyalists", "Potential loyalists", "Champions", "Champions"],
    ["Promising", "Potential loyalists", "Potential loyalists", "Loyal", "Loyal"],
    ["About to sleep", "About to sleep", "Need attention", "Loyal", "Loyal"],
    ["Hibernating", "Hibernating", "At risk", "At risk", "Can't lose them"],
    ["Hibernating", "Hibernating", "At risk", "At risk", "Can't lose them"],
]


def _view_point(chart, scene_pos: QPointF) -> QPoint:
    return chart.graphics.mapFromScene(scene_pos)


def _click(qtbot, chart, scene_pos: QPointF, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.mouseClick(
        chart.graphics.viewport(), Qt.MouseButton.LeftButton, modifier, _view_point(chart, scene_pos)
    )


def _show(qtbot, chart, width: int = 720, height: int = 420):
    qtbot.addWidget(chart)
    chart.resize(width, height)
    chart.show()
    qtbot.waitExposed(chart)
    QApplication.processEvents()
    return chart


def _dark_palette() -> QPalette:
    palette = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, "#202124"),
        (QPalette.ColorRole.Base, "#141414"),
        (QPalette.ColorRole.Text, "#EEEEEE"),
        (QPalette.ColorRole.WindowText, "#EEEEEE"),
        (QPalette.ColorRole.Button, "#303134"),
        (QPalette.ColorRole.ButtonText, "#EEEEEE"),
    ):
        palette.setColor(role, QColor(color))
    return palette


def _bars(qtbot) -> SegmentBarsChart:
    chart = _show(qtbot, SegmentBarsChart())
    chart.set_segments(
        ["rfm:champions", "rfm:loyal", "rfm:cant_lose", "rfm:hibernating"],
        ["Champions", "Loyal", "Can't lose them", "Hibernating"],
        [30, 50, 10, 110],
        [9000.0, 7000.0, 3000.0, 1000.0],
    )
    QApplication.processEvents()
    return chart


def test_bars_table_has_the_figures(qtbot):
    chart = _bars(qtbot)
    model = chart.model
    assert model.rowCount() == 4
    assert [model.cell_text(r, 0) for r in range(4)] == [
        "Champions",
        "Loyal",
        "Can't lose them",
        "Hibernating",
    ]
    assert model.cell_text(3, 1) == "110"
    assert model.cell_text(3, 2).startswith("55.0")  # 110 of 200 customers
    assert model.cell_text(0, 4).startswith("45.0")  # 9000 of 20000 revenue
    assert "Hibernating" in chart.accessibleDescription()
    assert chart.accessibleName() == "Segment sizes and revenue"
    assert chart.table_button.accessibleName()


def test_bars_mouse_click_selects_and_ctrl_adds(qtbot):
    chart = _bars(qtbot)
    vb = chart.size_plot.getViewBox()
    seen: list[list[str]] = []
    chart.selectionChanged.connect(seen.append)
    # Click in the middle of the "Loyal" bar (second from the top: y = 2).
    _click(qtbot, chart, vb.mapViewToScene(QPointF(20, 2)))
    assert seen[-1] == ["rfm:loyal"]
    # Ctrl+click on the revenue bar of Hibernating adds it.
    rvb = chart.revenue_plot.getViewBox()
    _click(qtbot, chart, rvb.mapViewToScene(QPointF(500, 0)), Qt.KeyboardModifier.ControlModifier)
    assert seen[-1] == ["rfm:loyal", "rfm:hibernating"]
    # A plain click beside the bars clears.
    _click(qtbot, chart, vb.mapViewToScene(QPointF(20, 1.5)))
    assert seen[-1] == []


def test_bars_keyboard_and_table_selection(qtbot):
    chart = _bars(qtbot)
    seen: list[list[str]] = []
    chart.selectionChanged.connect(seen.append)
    chart.graphics.setFocus()
    qtbot.keyClick(chart.graphics, Qt.Key.Key_Down)
    assert seen[-1] == ["rfm:champions"]
    qtbot.keyClick(chart.graphics, Qt.Key.Key_Down)
    assert seen[-1] == ["rfm:loyal"]
    qtbot.keyClick(chart.graphics, Qt.Key.Key_Escape)
    assert seen[-1] == []
    chart.show_table(True)
    assert chart.table_shown()
    chart.table.selectRow(2)
    assert seen[-1] == ["rfm:cant_lose"]


def test_bars_follow_dark_mode(qtbot, artifacts):
    chart = _bars(qtbot)
    chart.grab().save(str(artifacts / "chart_bars_light.png"))
    light = chart.graphics.grab().toImage().pixelColor(5, 5)
    chart.setPalette(_dark_palette())
    QApplication.processEvents()
    chart.grab().save(str(artifacts / "chart_bars_dark.png"))
    dark = chart.graphics.grab().toImage().pixelColor(5, 5)
    assert light.lightness() > 200
    assert dark.lightness() < 60
    axis_pen = chart.size_plot.getAxis("left").textPen().color()
    assert axis_pen.lightness() > 200  # light text on the dark background


def test_array_model_sorts_numbers_as_numbers_and_maps_rows_back():
    model = ArrayTableModel(["name", "n"], [["a", "b", "c"], [10, 9, 100]])
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert [model.cell_text(r, 1) for r in range(3)] == ["9", "10", "100"]
    assert model.source_row(0) == 1
    assert model.visible_row(2) == 2
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.cell_text(0, 0) == "c"


def _rfm(qtbot) -> RfmGridChart:
    chart = _show(qtbot, RfmGridChart(), 760, 460)
    counts = np.arange(25).reshape(5, 5) * 2
    chart.set_grid(counts, [5, 4, 3, 2, 1], [1, 2, 3, 4, 5], RFM_NAMES)
    QApplication.processEvents()
    return chart


def test_rfm_grid_click_selects_scores(qtbot, artifacts):
    chart = _rfm(qtbot)
    seen: list[list[tuple[int, int]]] = []
    chart.scoresSelected.connect(seen.append)
    vb = chart.plot.getViewBox()
    # Cell R4 (second row from the top, y in [3, 4]) and F4 (fourth column, x in [3, 4]).
    _click(qtbot, chart, vb.mapViewToScene(QPointF(3.5, 3.5)))
    assert seen[-1] == [(4, 4)]
    _click(qtbot, chart, vb.mapViewToScene(QPointF(0.5, 0.5)), Qt.KeyboardModifier.ControlModifier)
    assert seen[-1] == [(4, 4), (1, 1)]
    chart.grab().save(str(artifacts / "chart_rfm_grid.png"))
    chart.graphics.setFocus()
    qtbot.keyClick(chart.graphics, Qt.Key.Key_Escape)
    assert seen[-1] == []
    qtbot.keyClick(chart.graphics, Qt.Key.Key_Right)  # from nothing: the top-left cell
    qtbot.keyClick(chart.graphics, Qt.Key.Key_Right)
    qtbot.keyClick(chart.graphics, Qt.Key.Key_Down)
    assert seen[-1] == [(4, 2)]


def test_rfm_grid_table_lists_every_cell(qtbot):
    chart = _rfm(qtbot)
    model = chart.model
    assert model.rowCount() == 25
    assert model.cell_text(0, 0) == "R5" and model.cell_text(0, 1) == "F1"
    assert model.cell_text(24, 2) == "48"  # R1, F5: 24 * 2
    assert model.cell_text(24, 4) == "Can't lose them"
    assert "600 customers" in chart.accessibleDescription()  # sum of 0..24 times 2


def test_rfm_grid_shortens_names_to_the_cells_when_resized_without_new_items(qtbot):
    """A narrow grid shortens the names with "…"; widened, the same text items show them whole
    (making every cell's item again on each layout stalled the window)."""
    chart = _rfm(qtbot)
    chart.resize(360, 300)
    QApplication.processEvents()
    items = [label for _r, _c, label in chart._labels]
    narrow = [label.toPlainText() for label in items]
    assert any(text.endswith("…") for text in narrow)
    chart.resize(1600, 600)
    QApplication.processEvents()
    assert [label for _r, _c, label in chart._labels] == items
    wide = [label.toPlainText() for label in items]
    assert not any(text.endswith("…") for text in wide)
    assert wide[-1] == "48\nCan't lose them"  # R1, F5
    assert all(label.scene() is chart.plot.scene() for label in items)


def test_migration_heatmap_counts_and_description(qtbot, artifacts):
    chart = _show(qtbot, MigrationHeatmap(), 700, 420)
    names = ["Champions", "Loyal", "At risk"]
    chart.set_migration([[10, 2, 1], [3, 20, 4], [0, 5, 7]], names, names)
    QApplication.processEvents()
    chart.grab().save(str(artifacts / "chart_migration.png"))
    assert "52 customers" in chart.accessibleDescription()
    assert "37 stayed" in chart.accessibleDescription()
    assert chart.model.rowCount() == 9
    assert [chart.model.cell_text(5, c) for c in range(3)] == ["Loyal", "At risk", "4"]


def _scatter(qtbot, n: int = 400) -> ClusterMapChart:
    rng = np.random.default_rng(7)
    groups = rng.integers(0, 3, n)
    x = groups * 5.0 + rng.normal(0, 0.5, n)
    y = rng.normal(0, 0.5, n)
    keys = ["cluster:0", "cluster:1", "cluster:2"]
    chart = _show(qtbot, ClusterMapChart(), 720, 440)
    chart.set_points(
        [f"C{i:04d}" for i in range(n)],
        x,
        y,
        [keys[g] for g in groups],
        keys,
        ["Big spenders", "Occasional", "Lapsed"],
    )
    QApplication.processEvents()
    return chart


def test_cluster_map_click_rectangle_and_tooltip(qtbot, artifacts):
    chart = _scatter(qtbot)
    seen: list[list[str]] = []
    chart.pointsSelected.connect(seen.append)
    # A click on one point selects its customer (maybe with close neighbours).
    target = int(np.argmax(chart.x))  # the rightmost point stands alone
    _click(qtbot, chart, chart.point_scene_pos(target))
    assert seen and f"C{target:04d}" in seen[-1]
    # The rectangle around the first group selects exactly the points inside it.
    chart.select_rect(QRectF(-3, -3, 6, 6))
    expected = {f"C{i:04d}" for i in np.flatnonzero(chart.x <= 3)}
    assert set(seen[-1]) == expected
    chart.grab().save(str(artifacts / "chart_cluster_map.png"))
    # A click in an empty corner clears.
    _click(qtbot, chart, chart.viewbox.mapViewToScene(QPointF(2.5, 1.3)))
    assert seen[-1] == []
    text = chart.tooltip_for([0, 1, 2, 3, 4])
    assert text.startswith("Customer C0000: ")
    assert "and 2 more here" in text


def test_cluster_map_shift_drag_draws_a_selection_rectangle(qtbot):
    chart = _scatter(qtbot)
    seen: list[list[str]] = []
    chart.pointsSelected.connect(seen.append)
    vb = chart.viewbox
    start = _view_point(chart, vb.mapViewToScene(QPointF(3.0, 1.2)))
    end = _view_point(chart, vb.mapViewToScene(QPointF(7.0, -1.2)))
    viewport = chart.graphics.viewport()
    shift = Qt.KeyboardModifier.ShiftModifier
    left = Qt.MouseButton.LeftButton

    def send(kind, pos, buttons):
        event = QMouseEvent(kind, QPointF(pos), QPointF(viewport.mapToGlobal(pos)), left, buttons, shift)
        QApplication.sendEvent(viewport, event)

    send(QEvent.Type.MouseButtonPress, start, left)
    for step in range(1, 6):
        send(QEvent.Type.MouseMove, start + (end - start) * (step / 5), left)
    send(QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)
    inside = {f"C{i:04d}" for i in np.flatnonzero((chart.x >= 3) & (chart.x <= 7) & (np.abs(chart.y) <= 1.2))}
    assert seen and set(seen[-1]) == inside and len(inside) > 50


def test_cluster_map_table_is_per_group(qtbot):
    chart = _scatter(qtbot)
    assert chart.model.rowCount() == 3
    counts = [int(chart.model.cell_text(r, 1)) for r in range(3)]
    assert sum(counts) == 400
    seen: list[list[str]] = []
    chart.pointsSelected.connect(seen.append)
    chart.show_table(True)
    chart.table.selectRow(1)
    assert len(seen[-1]) == counts[1]


def test_silhouette_click_asks_for_a_k(qtbot, artifacts):
    chart = _show(qtbot, SilhouetteChart(), 600, 360)
    chart.set_scores(range(2, 11), [0.41, 0.45, 0.52, 0.48, 0.40, 0.38, 0.37, 0.35, 0.33], 4)
    QApplication.processEvents()
    chart.grab().save(str(artifacts / "chart_silhouette.png"))
    asked: list[int] = []
    chart.kClicked.connect(asked.append)
    vb = chart.plot.getViewBox()
    _click(qtbot, chart, vb.mapViewToScene(QPointF(6.1, 0.2)))
    assert asked == [6]
    chart.graphics.setFocus()
    qtbot.keyClick(chart.graphics, Qt.Key.Key_Right)
    qtbot.keyClick(chart.graphics, Qt.Key.Key_Return)
    assert asked == [6, 5]
    assert chart.model.cell_text(2, 2) == "yes"
    assert "k = 4" in chart.accessibleDescription()


def test_uplift_colours_and_table(qtbot, artifacts):
    chart = _show(qtbot, UpliftChart(), 640, 360)
    chart.set_uplift(
        ["a", "b", "c"],
        ["Champions", "Loyal", "Can't lose them"],
        [6.0, 1.0, -5.0],
        [2.0, -3.0, -9.0],
        [10.0, 5.0, -1.0],
        unit_label="Conversion uplift (points)",
        formatter=lambda v: f"{v:+.1f}",
        verdicts=["likely real", "not enough evidence", "likely negative"],
    )
    QApplication.processEvents()
    chart.grab().save(str(artifacts / "chart_uplift.png"))
    assert [chart.color_of(i).name() for i in range(3)] == ["#009e73", "#999999", "#d55e00"]
    assert chart.model.cell_text(0, 1) == "+6.0"
    assert chart.model.cell_text(1, 4) == "not enough evidence"
    assert "1 with an uplift that is likely real" in chart.accessibleDescription()
    clicked: list[str] = []
    chart.segmentClicked.connect(clicked.append)
    _click(qtbot, chart, chart.plot.getViewBox().mapViewToScene(QPointF(0, 0)))
    assert clicked == ["c"]


def test_snapshot_sizes_lines_and_change(qtbot, artifacts):
    chart = _show(qtbot, SnapshotSizesChart(), 600, 360)
    chart.set_sizes(
        ["2026-09", "2026-10", "2026-11"],
        ["Champions", "Loyal", "At risk"],
        [[30, 34, 40], [50, 45, 47], [20, 28, 35]],
    )
    QApplication.processEvents()
    chart.grab().save(str(artifacts / "chart_snapshots.png"))
    assert chart.model.columnCount() == 5
    assert [chart.model.cell_text(r, 4) for r in range(3)] == ["10", "-3", "15"]
    assert "At risk grew the most" in chart.accessibleDescription()
    assert "Loyal shrank the most" in chart.accessibleDescription()


@pytest.mark.parametrize(
    "factory", [SegmentBarsChart, RfmGridChart, ClusterMapChart, SilhouetteChart, UpliftChart]
)
def test_every_chart_has_accessible_names_and_an_empty_state(qtbot, factory):
    chart = factory()
    qtbot.addWidget(chart)
    assert chart.accessibleName()
    assert chart.graphics.accessibleName() == chart.accessibleName()
    assert chart.table.accessibleName()
    chart.redraw()  # nothing to draw yet: must not fail


def test_void_qt_calls_do_not_leak_references_to_none():
    """The locked Qt binding keeps None's reference count (PySide6 6.12.0 on Python 3.11 dropped one
    reference per void call and aborted the app within seconds: requirements/app.in stays below it)."""
    import sys

    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(2_000):
        probe.setObjectName("probe")
    assert sys.getrefcount(None) >= before - 100


def test_money_has_at_most_the_currencys_decimals(qapp):
    from PySide6.QtCore import QLocale

    from segmenter_app.ui.charts.base import format_money

    previous = QLocale()
    try:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        assert format_money(1234.5, 2, "¥") == "¥1,235"  # yen have no minor unit
        assert format_money(1234.5, 2, "£") == "£1,234.50"
        assert format_money(1234.5, 0, "€") == "€1,235"
    finally:
        QLocale.setDefault(previous)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "1 segment; the largest is Solo with 1 customer."),
        ("fr", "1 segment ; le plus grand est Solo avec 1 client."),
    ],
)
def test_bars_description_counts_each_thing_in_its_own_plural(qtbot, request, lang, expected):
    from segmenter_app.ui.app import apply_language, ensure_application

    apply_language(ensure_application(), lang)
    request.addfinalizer(lambda: apply_language(ensure_application(), "en"))
    chart = _show(qtbot, SegmentBarsChart())
    chart.set_segments(["rules:solo"], ["Solo"], [1], [20.0])
    assert chart.accessibleDescription() == expected
    chart.set_segments(["rules:a", "rules:b"], ["A", "B"], [1200, 3], [20.0, 5.0])
    many = "2 segments; the largest is A with 1,200 customers."
    assert chart.accessibleDescription() == (
        many if lang == "en" else "2 segments ; le plus grand est A avec 1\u202f200 clients."
    )
