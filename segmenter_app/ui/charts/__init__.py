"""Interactive charts (pyqtgraph), each also shown as a table, readable in light and dark mode."""

from segmenter_app.ui.charts.bars import SegmentBarsChart
from segmenter_app.ui.charts.base import ArrayTableModel, ChartPanel
from segmenter_app.ui.charts.heatmap import HeatmapChart, MigrationHeatmap, RfmGridChart
from segmenter_app.ui.charts.lines import SilhouetteChart, SnapshotSizesChart
from segmenter_app.ui.charts.scatter import ClusterMapChart
from segmenter_app.ui.charts.uplift import UpliftChart

__all__ = [
    "ArrayTableModel",
    "ChartPanel",
    "ClusterMapChart",
    "HeatmapChart",
    "MigrationHeatmap",
    "RfmGridChart",
    "SegmentBarsChart",
    "SilhouetteChart",
    "SnapshotSizesChart",
    "UpliftChart",
]
