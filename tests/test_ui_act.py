"""The Act page on the demo shop: a card per segment, plan edits through the core, undo, control group."""

from __future__ import annotations

import pytest
from PySide6.QtTest import QTest
from ui_analysis import demo_analysis

from segmenter_app.core import schema as s
from segmenter_app.core import segmentation
from segmenter_app.ui.steps.act import ActPage


@pytest.fixture
def page(show_step_page, request):
    lang = getattr(request, "param", "en")
    analysis = demo_analysis(lang)
    segmentation.segment(analysis, "rfm")
    return show_step_page(ActPage, analysis, lang)


def _settle() -> None:
    QTest.qWait(20)  # deferred rebuilds (priority, reset) run on the next loop turn


def test_one_card_per_segment_with_persona_and_plan(page, artifacts):
    analysis = page.ctx.analysis
    keys = analysis.segmentation.segments["key"].tolist()
    assert sorted(page.cards) == sorted(keys)
    assert page.is_complete()
    # Cards come in priority order; each shows the core's persona and figures.
    order = [page.cards_layout.itemAt(i).widget().key for i in range(len(keys))]
    assert [analysis.plans[k]["priority"] for k in order] == sorted(
        analysis.plans[k]["priority"] for k in keys
    )
    first = page.cards[order[0]]
    plan = analysis.plans[order[0]]
    assert first.persona.text() == plan["persona"]
    assert first.texts["objective"].text() == plan["objective"]
    assert first.figures["contacts"].text() == str(plan["contacts"])
    assert str(len(keys)) in page.summary.text()
    QTest.qWait(50)
    page.grab().save(str(artifacts / "step_act_en.png"))


def test_budget_calculator_follows_the_inputs_and_undoes_in_one_step(page):
    analysis = page.ctx.analysis
    key = next(iter(page.cards))
    card = page.cards[key]
    stack = page.ctx.undo_stack
    before = dict(analysis.plans[key])
    card.response.setValue(20.0)
    card.response.setValue(25.0)  # a second change of the same number merges
    plan = analysis.plans[key]
    assert plan["response_rate"] == pytest.approx(0.25)
    expected = plan["contacts"] * 0.25 * plan["avg_basket"]
    assert plan["expected_revenue"] == pytest.approx(expected, abs=0.01)
    assert "response_rate" in plan["edited"]
    shown = card.figures["expected_revenue"].text()
    assert "".join(ch for ch in shown if ch.isdigit()) == str(round(expected))  # any locale's format
    assert stack.count() == 1
    stack.undo()
    assert analysis.plans[key]["response_rate"] == pytest.approx(before["response_rate"])
    assert card.response.value() == pytest.approx(100 * before["response_rate"])


def test_text_edits_are_kept_and_undoable(page):
    analysis = page.ctx.analysis
    key = next(iter(page.cards))
    card = page.cards[key]
    old = analysis.plans[key]["message"]
    card.texts["message"].setPlainText("Merci ! Une surprise vous attend.")
    card.texts["message"].commit()
    assert analysis.plans[key]["message"] == "Merci ! Une surprise vous attend."
    assert card.reset.isEnabled()
    page.ctx.undo_stack.undo()
    assert analysis.plans[key]["message"] == old
    assert card.texts["message"].toPlainText() == old


def test_control_share_redraws_the_control_group(page):
    analysis = page.ctx.analysis
    counts = analysis.segmentation.counts()
    key = str(counts.idxmax())  # the biggest segment
    card = page.cards[key]
    card.control.setValue(20.0)
    assignments = analysis.segmentation.assignments
    in_segment = assignments[s.A_SEGMENT] == key
    held_out = int(assignments.loc[in_segment, s.A_CONTROL].sum())
    assert held_out == analysis.plans[key]["control_size"] == round(int(counts[key]) * 0.2)
    assert card.control_note.text() == analysis.plans[key]["control_note"]
    page.ctx.undo_stack.undo()
    assert int(analysis.segmentation.assignments.loc[in_segment, s.A_CONTROL].sum()) == round(
        int(counts[key]) * 0.1
    )


def test_default_share_applies_to_plans_not_set_by_hand(page):
    analysis = page.ctx.analysis
    keys = list(page.cards)
    page.cards[keys[0]].control.setValue(5.0)  # set by hand: kept
    page.control_share.setValue(20.0)
    _settle()
    assert analysis.control_share == pytest.approx(0.2)
    assert analysis.plans[keys[0]]["control_share"] == pytest.approx(0.05)
    assert all(analysis.plans[k]["control_share"] == pytest.approx(0.2) for k in keys[1:])
    assert sorted(page.cards) == sorted(keys)  # cards rebuilt, none lost


def test_priority_reorders_and_reset_restores_the_suggestion(page):
    analysis = page.ctx.analysis
    last_key = page.cards_layout.itemAt(len(page.cards) - 1).widget().key
    page.cards[last_key].priority.setValue(1)
    _settle()
    assert page.cards_layout.itemAt(0).widget().key == last_key or analysis.plans[last_key]["priority"] == 1
    page.cards[last_key].reset.click()
    _settle()
    assert analysis.plans[last_key]["edited"] == []
    page.ctx.undo_stack.undo()
    _settle()
    assert analysis.plans[last_key]["priority"] == 1


@pytest.mark.parametrize("page", ["fr"], indirect=True)
def test_french_plans(page, artifacts):
    analysis = page.ctx.analysis
    key = next(iter(page.cards))
    assert page.cards[key].persona.text() == analysis.plans[key]["persona"]
    assert "clients" in page.cards[key].persona.text()
    assert page.title() == "Agir"
    assert "clients" in page.summary.text()
    QTest.qWait(50)
    page.grab().save(str(artifacts / "step_act_fr.png"))


@pytest.mark.parametrize(
    ("locale_name", "currency", "prefix", "suffix"),
    [("en_GB", "£", "£", ""), ("en_US", "$", "$", ""), ("fr_FR", "€", "", "\u00a0€")],
)
def test_money_boxes_put_the_symbol_where_the_locale_writes_it(qtbot, locale_name, currency, prefix, suffix):
    """'£0.30' in English like the figures beside it, '0,30 €' in French."""
    from PySide6.QtCore import QLocale

    from segmenter_app.ui.steps.act_card import PlanCard

    before = QLocale()
    QLocale.setDefault(QLocale(locale_name))
    try:
        plan = {"key": "rfm:champions", "name": "Champions", "cost_per_contact": 0.3, "avg_basket": 40.0}
        card = PlanCard(plan, currency)
        qtbot.addWidget(card)
        assert (card.cost.prefix(), card.cost.suffix()) == (prefix, suffix)
        assert (card.basket.prefix(), card.basket.suffix()) == (prefix, suffix)
    finally:
        QLocale.setDefault(before)
