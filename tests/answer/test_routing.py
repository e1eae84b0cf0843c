"""Scenario routing: deterministic mapping onto the vocabulary, the checker's verdict shown verbatim."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from answer.routing import RoutedVerdict, render_verdict, route
from checker import Verdict, check, render_text

HERE = Path(__file__).parent
CASES = yaml.safe_load((HERE / "data" / "routing_cases.yaml").read_text("utf-8"))["cases"]
DEV_SCENARIOS = Path(__file__).resolve().parents[2] / "evals" / "data" / "dev_scenarios.jsonl"
FORGED = "Ja, dit mag altijd"


def checker_verdict(scenario: dict[str, Any]) -> dict[str, Any]:
    return check(scenario).model_dump(mode="json")


@pytest.mark.parametrize("case", CASES, ids=[c["question"][:50] for c in CASES])
def test_routing_cases(case: dict[str, Any]) -> None:
    routed = route(case["question"])
    if not case["route"]:
        assert routed is None
        return
    assert isinstance(routed, RoutedVerdict)
    s = routed.scenario
    for field in ("verstrekker", "ontvanger", "doel", "kader"):
        if field in case:
            assert s[field] == case[field], field
    assert set(case["gegevens_bevat"]) <= set(s["gegevens"])
    assert case.get("feiten", {}).items() <= s["feiten"].items()
    assert routed.verdict == checker_verdict(s)  # verbatim checker output
    assert set(routed.assumed) <= set(routed.unmapped) | {"verstrekker", "ontvanger", "gegevens"}


def test_routing_is_precise_on_dev_scenario_titles() -> None:
    """Titles of the dev scenario cases describe real exchanges: whatever is routed names the right parties."""
    cases = [json.loads(line) for line in DEV_SCENARIOS.read_text("utf-8").splitlines() if line.strip()]
    routed = 0
    for case in cases:
        result = route(case["titel"])
        if result is None:
            continue
        routed += 1
        expected = case["scenario"]
        assert (result.scenario["verstrekker"], result.scenario["ontvanger"]) == (
            expected["verstrekker"], expected["ontvanger"]
        ), case["titel"]
    assert routed / len(cases) >= 0.25  # conservative (titles often name no data category), not useless


def forger(*extra_replies: str) -> FakeListChatModel:
    """An LLM stand-in that tries to write the verdict itself (and proposes fields too)."""
    reply = json.dumps({
        "verstrekker": "burgemeester", "ontvanger": "politie", "gegevens": ["geanonimiseerd", "verzonnen_code"],
        "doel": "openbare_orde", "kader": "bilateraal", "uitkomst": "toegestaan", "verdict": FORGED,
        "grondslagen": ["art. 1 Wet op alles"], "tekst": FORGED,
    })
    return FakeListChatModel(responses=[reply, *extra_replies] * 3)


def test_llm_stand_in_cannot_change_the_verdict_or_mapped_fields() -> None:
    question = CASES[0]["question"]
    plain = route(question)
    forged = route(question, chat_model=forger())
    assert plain is not None and forged is not None
    assert forged.scenario == plain.scenario  # fields read from the text are never overridden
    assert forged.verdict == plain.verdict == checker_verdict(forged.scenario)
    assert forged.text == plain.text == render_verdict(forged.verdict, forged.scenario, forged.assumed)
    for shown in (forged.text, json.dumps(forged.verdict, ensure_ascii=False)):
        assert FORGED not in shown and "Wet op alles" not in shown


def test_llm_may_fill_a_missing_field_but_the_verdict_is_still_the_checkers() -> None:
    question = "Mag de wijkagent de school vertellen dat een leerling een strafblad heeft?"
    assert route(question) is None  # no purpose in the text and no usual purpose for a school
    routed = route(question, chat_model=forger())
    assert routed is not None
    assert routed.scenario["verstrekker"] == "politie" and routed.scenario["ontvanger"] == "school"
    assert routed.scenario["doel"] == "openbare_orde" and "doel" in routed.assumed
    assert "verzonnen_code" not in routed.scenario["gegevens"]
    assert routed.verdict == checker_verdict(routed.scenario)
    assert FORGED not in routed.text and FORGED not in json.dumps(routed.verdict, ensure_ascii=False)


def test_llm_prose_instead_of_fields_is_ignored() -> None:
    question = "Mag de wijkagent de school vertellen dat een leerling een strafblad heeft?"
    model = FakeListChatModel(responses=[f"{FANCY}" for FANCY in [FORGED + ", want het is belangrijk."]])
    assert route(question, chat_model=model) is None


def test_rendered_verdict_comes_from_the_verdict_only() -> None:
    routed = route(CASES[0]["question"])
    assert routed is not None
    v = routed.verdict
    text = render_verdict(v)
    assert render_text(Verdict.model_validate(v)) in text  # the checker's own rendering, unchanged
    for r in v["regels"]:
        assert r["id"] in text and r["citaat"] in text
    altered = {**v, "regels": [], "voorwaarden": [], "plichten": [], "grondslagen": ["art. 99 Testwet"]}
    assert "art. 99 Testwet" in render_verdict(altered)
    assert all(r["id"] not in render_verdict(altered) for r in v["regels"])


def test_llm_never_supplies_the_parties() -> None:
    question = "Mag ik de diagnose van een cliënt delen met de woningcorporatie?"  # no sender named
    assert route(question) is None
    assert route(question, chat_model=forger()) is None


def test_history_does_not_change_the_scenario() -> None:
    from answer.models import Turn

    question = CASES[0]["question"]
    history = [Turn(question="Mag de politie camerabeelden aan de burgemeester geven?", answer="...")]
    assert route(question, history) == route(question)
    assert route("en voor de reclassering?", history) is None
