"""Data-driven cases for the part-1 rule families (GEN, PROC, POL, OM, GEM, JUS).

Each line of ``cases.jsonl`` is an evaluation case in the spec's format (scenario-format.md §7): a scenario that
exercises one encoded rule or reading of research note part 1, with the outcome (and the legal bases, handvat
sections and missing facts) the rule data must produce. They complement the dev suite, which has only a few
cases per family. Run with ``pytest tests/checker/rules_part1 -q``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.reference_validate_cases import vergelijk_met_uitspraak
from evals.scenarios import ScenarioCase, load_cases

CASES = Path(__file__).parent / "cases.jsonl"


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in load_cases(CASES)])
def test_part1_rule_case(case: ScenarioCase) -> None:
    import checker

    verdict = checker.check(case.scenario)
    fouten = vergelijk_met_uitspraak(case.verwacht.model_dump(), verdict.model_dump(mode="json"))
    cited = [(r.id, r.sectie) for r in verdict.regels]
    assert not fouten, (
        f"{case.id} — {case.titel}: "
        + "; ".join(fouten)
        + f"\n  uitspraak: {verdict.uitkomst.value}, grondslagen {verdict.grondslagen}, regels {cited}, "
        f"ontbrekend {verdict.ontbrekende_feiten}\n  toelichting: {case.toelichting}"
    )
