"""Colours for the charts that read in light and dark mode alike.

The plot background and the axes follow the widget's palette (so a dark system theme gives a
dark chart), and the series colours come from the Okabe-Ito palette, chosen because it stays
distinguishable for colour-blind readers and keeps enough contrast on both backgrounds.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QColor, QPalette

# Okabe-Ito, then a few extra hues for the rare segmentations with more than eight segments.
_SERIES = (
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#999999",
    "#8C6BB1",
    "#66A61E",
    "#E7298A",
    "#A6761D",
)


def series_color(index: int) -> QColor:
    """The colour of the ``index``-th series (segment, cluster), cycling past the palette's end."""
    return QColor(_SERIES[index % len(_SERIES)])


def is_dark(palette: QPalette) -> bool:
    """True when the palette's window colour is dark (the system is in dark mode)."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def background(palette: QPalette) -> QColor:
    """The plot background: the palette's base colour (white in light mode, near black in dark)."""
    return palette.color(QPalette.ColorRole.Base)


def foreground(palette: QPalette) -> QColor:
    """Text and axis colour with full contrast against :func:`background`."""
    return palette.color(QPalette.ColorRole.Text)


def highlight(palette: QPalette) -> QColor:
    """The colour that marks a selection (the system's selection colour)."""
    return palette.color(QPalette.ColorRole.Highlight)


def text_on(color: QColor) -> QColor:
    """Black or white, whichever reads better on ``color`` (cell labels of heatmaps)."""
    # Relative luminance in the sRGB sense is enough here; thresholds tried on viridis.
    luminance = 0.2126 * color.redF() + 0.7152 * color.greenF() + 0.0722 * color.blueF()
    return QColor("#000000") if luminance > 0.45 else QColor("#FFFFFF")


def heat_colormap() -> pg.ColorMap:
    """The colour map of the heatmaps: viridis, perceptually even and readable in both modes."""
    return pg.colormap.get("viridis")


def style_plot(plot: pg.PlotItem, palette: QPalette) -> None:
    """Give a plot's axes and title the palette's text colour."""
    fg = foreground(palette)
    for name in ("left", "bottom", "right", "top"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(fg))
        axis.setTextPen(pg.mkPen(fg))
