"""Data-driven: the example scenarios of research note part 2 (§14, plus a few edge cases), translated to the
vocabulary, must pass against the product's rule files (spec §7.2). Each case is its own test id.

Run with ``pytest tests/checker/rules_part2 -q``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.reference_validate_cases import vergelijk_met_uitspraak
from evals.scenarios import ScenarioCase, load_cases

CASES = Path(__file__).parent / "note_scenarios.jsonl"


def _params():
    return [pytest.param(case, id=case.id) for case in load_cases(CASES)]


@pytest.mark.parametrize("case", _params())
def test_note_scenario(case: ScenarioCase) -> None:
    import checker

    verdict = checker.check(case.scenario)
    fouten = vergelijk_met_uitspraak(case.verwacht.model_dump(), verdict.model_dump(mode="json"))
    s = case.scenario
    assert not fouten, (
        "; ".join(fouten)
        + f"\n{case.id} — {case.titel}: {s['verstrekker']} → {s['ontvanger']}, {s['gegevens']}, {s['doel']}, "
        + f"{s['kader']}, feiten {s['feiten']}\n  uitspraak: {verdict.uitkomst.value}, {verdict.grondslagen}, "
        + f"{[(r.id, r.sectie) for r in verdict.regels]}, ontbrekend {verdict.ontbrekende_feiten}"
        + f"\n  toelichting: {case.toelichting}"
    )


def test_case_file_has_unique_ids() -> None:
    cases = load_cases(CASES)
    assert len(cases) >= 40
    assert len({c.id for c in cases}) == len(cases)
