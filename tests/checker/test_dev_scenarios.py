"""Data-driven: every evaluation case of the dev suite and of the spec's worked examples must pass (spec §7.2).

Cases come from ``evals/data/dev_scenarios.jsonl`` and ``tests/checker/data/spec_examples.jsonl``; each case is
its own test id. Run with ``pytest tests/checker -k dev_scenarios``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.reference_validate_cases import vergelijk_met_uitspraak
from evals.scenarios import ScenarioCase, load_cases

ROOT = Path(__file__).resolve().parents[2]
CASE_FILES = [ROOT / "evals" / "data" / "dev_scenarios.jsonl", Path(__file__).parent / "data" / "spec_examples.jsonl"]


def _params():
    out = []
    for path in CASE_FILES:
        if not path.is_file():
            continue
        for case in load_cases(path):
            out.append(pytest.param(case, id=f"{path.stem}:{case.id}"))
    return out


def _explain(case: ScenarioCase, verdict) -> str:
    s = case.scenario
    lines = [
        f"{case.id} — {case.titel}",
        f"  scenario: {s['verstrekker']} → {s['ontvanger']}, gegevens {s['gegevens']}, doel {s['doel']}, "
        f"kader {s['kader']}, feiten {s['feiten']}",
        f"  verwacht: {case.verwacht.model_dump(exclude_defaults=True)}",
        f"  uitspraak: uitkomst {verdict.uitkomst.value}, grondslagen {verdict.grondslagen}, "
        f"regels {[(r.id, r.sectie) for r in verdict.regels]}, ontbrekende feiten {verdict.ontbrekende_feiten}",
        f"  toelichting van de case: {case.toelichting}",
    ]
    open_rules = [f"{t.id}({t.status})" for t in verdict.spoor if t.status != "faalt"]
    lines.append(f"  regels die gelden of open zijn: {', '.join(open_rules) or 'geen'}")
    return "\n".join(lines)


@pytest.mark.parametrize("case", _params())
def test_dev_scenarios(case: ScenarioCase) -> None:
    import checker

    verdict = checker.check(case.scenario)
    fouten = vergelijk_met_uitspraak(case.verwacht.model_dump(), verdict.model_dump(mode="json"))
    assert not fouten, "; ".join(fouten) + "\n" + _explain(case, verdict)


def test_dev_scenarios_files_present() -> None:
    assert CASE_FILES[1].is_file(), "de uitgewerkte voorbeelden van de spec ontbreken"
    assert any(p.is_file() for p in CASE_FILES[:1]), "evals/data/dev_scenarios.jsonl ontbreekt"
