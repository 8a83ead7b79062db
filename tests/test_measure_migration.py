"""Step 5: migration between two snapshots, counted on constructed cases."""

from __future__ import annotations

import pandas as pd

from segmenter_app.core.measure import compare_snapshots
from segmenter_app.core.measure.migration import GONE, NEW

NAMES = {
    "rfm:champions": "Champions",
    "rfm:loyal": "Loyal",
    "rfm:at_risk": "At risk",
    "rfm:hibernating": "Hibernating",
}
ORDER = list(NAMES)


def _snapshots():
    # 10 champions: 6 stay, 2 become loyal, 1 at risk, 1 gone. 10 loyal: 7 stay, 3 champions.
    # 10 at risk: 2 back to loyal, 8 hibernating. 0 hibernating before. 4 new customers arrive:
    # 3 champions, 1 hibernating.
    before, after = {}, {}
    for i in range(10):
        before[f"C{i}"] = "rfm:champions"
        after[f"C{i}"] = ["rfm:champions"] * 6 + ["rfm:loyal"] * 2 + ["rfm:at_risk"] + [None]
    for i in range(10):
        before[f"L{i}"] = "rfm:loyal"
        after[f"L{i}"] = ["rfm:loyal"] * 7 + ["rfm:champions"] * 3
    for i in range(10):
        before[f"R{i}"] = "rfm:at_risk"
        after[f"R{i}"] = ["rfm:loyal"] * 2 + ["rfm:hibernating"] * 8
    after = {k: v[int(k[1:])] for k, v in after.items()}
    for i, seg in enumerate(["rfm:champions"] * 3 + ["rfm:hibernating"]):
        after[f"N{i}"] = seg
    before_s = pd.Series(before)
    after_s = pd.Series({k: v for k, v in after.items() if v is not None})
    return before_s, after_s


def test_migration_matrix_counts():
    before, after = _snapshots()
    m = compare_snapshots(before, after, names=NAMES, order=ORDER)
    rows, cols, counts = m["matrix"]["rows"], m["matrix"]["columns"], m["matrix"]["counts"]
    assert rows == [*ORDER, NEW] and cols == [*ORDER, GONE]

    def cell(r, c):
        return counts[rows.index(r)][cols.index(c)]

    assert cell("rfm:champions", "rfm:champions") == 6
    assert cell("rfm:champions", "rfm:loyal") == 2
    assert cell("rfm:champions", "rfm:at_risk") == 1
    assert cell("rfm:champions", GONE) == 1
    assert cell("rfm:loyal", "rfm:champions") == 3
    assert cell("rfm:at_risk", "rfm:hibernating") == 8
    assert cell(NEW, "rfm:champions") == 3
    assert cell(NEW, "rfm:hibernating") == 1
    # Every customer of either snapshot is counted exactly once.
    assert sum(map(sum, counts)) == len(before.index.union(after.index)) == 34
    # Row sums are the earlier sizes, column sums the later ones.
    assert [sum(r) for r in counts[:-1]] == [10, 10, 10, 0]
    assert [sum(r[i] for r in counts) for i in range(4)] == [12, 11, 1, 9]


def test_growth_shrinkage_left_best_and_alerts():
    before, after = _snapshots()
    m = compare_snapshots(before, after, names=NAMES, order=ORDER)
    seg = {row["key"]: row for row in m["segments"]}
    assert (seg["rfm:champions"]["before"], seg["rfm:champions"]["after"]) == (10, 12)
    assert seg["rfm:champions"]["change"] == 2 and seg["rfm:champions"]["change_share"] == 0.2
    assert seg["rfm:at_risk"]["change"] == -9 and seg["rfm:at_risk"]["stay_rate"] == 0.0
    assert seg["rfm:hibernating"]["change_share"] is None  # nothing before
    assert m["best_segments"] == ["rfm:champions", "rfm:loyal"]
    # Champions -> at risk (1) and champions -> gone (1) leave the best; champions -> loyal does not.
    left = {(x["customer_id"], x["from"], x["to"]) for x in m["left_best"]}
    assert left == {("C8", "rfm:champions", "rfm:at_risk"), ("C9", "rfm:champions", GONE)}
    kinds = {(a["kind"], a["key"]) for a in m["alerts"]}
    assert ("shrink", "rfm:at_risk") in kinds
    assert ("shrink", "rfm:champions") not in kinds
    assert ("left_best", None) in kinds
    shrink = next(a for a in m["alerts"] if a["kind"] == "shrink")
    assert shrink["text"] == "'At risk' shrank by 90% (10 → 1 customers)."


def test_clusters_fall_back_to_the_first_segment_as_the_best():
    before = pd.Series({"a": "cluster:0", "b": "cluster:1", "c": "cluster:0"})
    after = pd.Series({"a": "cluster:1", "b": "cluster:1", "c": "cluster:0"})
    m = compare_snapshots(before, after, order=["cluster:0", "cluster:1"], lang="fr")
    assert m["best_segments"] == ["cluster:0"]
    assert m["left_best"] == [{"customer_id": "a", "from": "cluster:0", "to": "cluster:1"}]
    assert m["alerts"][-1]["text"].startswith("1 client a quitté")  # one customer: singular


def test_matrix_rows_give_the_same_counts_with_names():
    before, after = _snapshots()
    m = compare_snapshots(before, after, names=NAMES, order=ORDER)
    first = m["matrix_rows"][0]
    assert first["from"] == "Champions"
    assert first["Champions"] == 6 and first["Loyal"] == 2 and first["(no longer present)"] == 1
    assert m["matrix_rows"][-1]["from"] == "(new customers)"
    assert [sum(v for k, v in r.items() if k != "from") for r in m["matrix_rows"]] == [
        sum(r) for r in m["matrix"]["counts"]
    ]
