"""Follow-up questions retrieve with the earlier turns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from answer.conversation import anchor, is_follow_up, retrieval_query
from answer.models import Turn

CASES = [json.loads(line) for line in (Path(__file__).parent / "data" / "followup_cases.jsonl").open(encoding="utf-8")]


@pytest.mark.parametrize("case", CASES, ids=[c["question"] for c in CASES])
def test_follow_up_detection(case):
    history = [Turn(question=q) for q in case["history"]]
    assert is_follow_up(case["question"], history) == case["follow_up"]
    query = retrieval_query(case["question"], history)
    if case["follow_up"]:
        assert query.follow_up and case["history"][-1] in query.text and case["question"] in query.text
    else:
        assert query.text == case["question"] and not query.follow_up


def test_anchor_skips_earlier_follow_ups():
    history = [Turn(question="Mag de politie gegevens delen met een woningcorporatie?"),
               Turn(question="En voor de reclassering?")]
    assert anchor(history) == history[0].question


def test_follow_up_answer_uses_the_conversation(assistant):
    first = assistant.ask("Mag de reclassering gegevens uitwisselen met de burgemeester?")
    assert first.citations and first.citations[0].passage_id == "hv-5.8"
    alone = assistant.ask("En de NIFP-rapportages?")
    follow = assistant.ask("En de NIFP-rapportages?",
                           [Turn(question=first.question, answer=first.answer)])
    assert not follow.refused
    assert any("NIFP" in c.quote for c in follow.citations)
    assert any("Vervolgvraag" in n for n in follow.notes)
    assert not any("Vervolgvraag" in n for n in alone.notes)
