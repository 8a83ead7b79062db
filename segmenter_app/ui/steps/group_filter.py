"""The Group page's filter of its customer table: a chart selection (bars, RFM cells, points of
the cluster map) shows the customers it picked, with a line saying what is shown. Mixed into
:class:`group.GroupPage`, whose widgets it uses (its texts have their own translation context)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from segmenter_app.core import schema as s


class GroupFilterMixin:
    """Chart selections -> the customer table's filter and its label."""

    def _on_segments_selected(self, keys: list[str], reveal: bool = True) -> None:
        seg = self.ctx.analysis.segmentation if self.ctx else None
        if seg is None:
            return
        if not keys:
            self.clear_filter()
            return
        ids = seg.assignments.index[seg.assignments[s.A_SEGMENT].isin(keys)]
        names = ", ".join(seg.name_of(k) for k in keys)
        self.bars.set_selection(keys, emit=False)
        self.segments.select_keys(keys)
        self._set_filter(ids, names, reveal=reveal)

    def _on_cells_selected(self, pairs: list[tuple[int, int]]) -> None:
        seg = self.ctx.analysis.segmentation if self.ctx else None
        if seg is None or "r_score" not in seg.assignments:
            return
        if not pairs:
            self.clear_filter()
            return
        cells = pd.MultiIndex.from_frame(seg.assignments[["r_score", "f_score"]].astype(int))
        mask = cells.isin([(int(r), int(f)) for r, f in pairs])
        self._set_filter(seg.assignments.index[mask], ", ".join(f"R{r} F{f}" for r, f in pairs))

    def _set_filter(self, ids: Any, description: str, *, reveal: bool = True) -> None:
        self.model.set_filter(list(ids))
        if reveal:
            self.side.setCurrentIndex(1)  # show the customers the chart selection picked
        self._filter_text = description
        self._update_filter_label()

    def clear_filter(self, render: bool = True) -> None:
        """Show every customer again and clear the chart selections."""
        self._filter_text = ""
        self.model.set_filter(None)
        self.bars.set_selection([], emit=False)
        self.rfm_grid.set_selection([], emit=False)
        self.cluster_map.clear_selection(emit=False)
        if render:
            self._update_filter_label()

    def _update_filter_label(self) -> None:
        total = len(self.model.frame())
        shown = self.model.total_rows()
        loc = self.ctx.locale() if self.ctx else None
        if self._filter_text:
            text = self.tr("Showing {shown} of {total} customers: {what}").replace(
                "{what}", self._filter_text
            )
        else:
            text = self.tr("All {total} customers. Click a chart to filter.")
        text = text.replace("{shown}", loc.toString(shown) if loc else str(shown))
        self.filter_label.setText(text.replace("{total}", loc.toString(total) if loc else str(total)))
        self.clear_filter_button.setEnabled(bool(self._filter_text))
