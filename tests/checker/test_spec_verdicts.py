"""The full verdicts of the spec's worked examples (scenario-format.md §8), not only their evaluation criteria.

``tests/checker/data/spec_verdicts.json`` holds the ten scenarios with the verdict the spec shows. Output beyond
the spec's is allowed (spec §7.2); what the spec shows must be there: the outcome, every grondslag (§6.2
comparison), every missing fact, every cited rule id, every duty id, every voorwaarde fact.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import checker
from checker.legal_basis import grondslag_gelijk

CASES = json.loads((Path(__file__).parent / "data" / "spec_verdicts.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_spec_worked_verdict_is_contained(case):
    got = checker.check(case["scenario"])
    want = case["verdict"]
    problems = []
    if got.uitkomst != want["uitkomst"]:
        problems.append(f"uitkomst {got.uitkomst.value}, verwacht {want['uitkomst']}")
    for g in want["grondslagen"]:
        if not any(grondslag_gelijk(g, x) for x in got.grondslagen):
            problems.append(f"grondslag {g!r} ontbreekt in {got.grondslagen}")
    missing = set(want["ontbrekende_feiten"]) - set(got.ontbrekende_feiten)
    if missing:
        problems.append(f"ontbrekende feiten {sorted(missing)} niet genoemd")
    for field, label in (("regels", "regel"), ("plichten", "plicht")):
        ids = {x.id for x in getattr(got, field)}
        lacking = [x["id"] for x in want[field] if x["id"] not in ids]
        if lacking:
            problems.append(f"{label} {', '.join(lacking)} niet geciteerd (wel: {sorted(ids)})")
    feiten = {v.feit for v in got.voorwaarden}
    lacking_v = [v["feit"] for v in want["voorwaarden"] if v["feit"] not in feiten]
    if lacking_v:
        problems.append(f"voorwaarden over {lacking_v} ontbreken")
    assert not problems, f"{case['id']}: " + "; ".join(problems)
