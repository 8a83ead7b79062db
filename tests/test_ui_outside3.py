"""A third look at the GUI as a shop owner walks it: a small shop of 60 customers scored on three
levels, a French till with identical rows, a wide customers file. French and English; each test
checks what is shown (texts, titles), not timings."""

from __future__ import annotations

import random

import pytest
import test_ui_outside
from test_ui_collect import dialog_texts
from test_ui_outside import walk_to

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
