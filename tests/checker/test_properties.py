"""Property tests over scenarios generated from the vocabulary (hypothesis), on the product's rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.engine import Engine
from checker.legal_basis import HANDVAT_SECTIES, normaliseer_citaat
from checker.models import Scenario, Uitkomst, Verdict
from checker.rule_loader import build_rulebase

VOCAB = json.loads((Path(__file__).resolve().parents[2] / "checker" / "data" / "vocabulary.json").read_text())
HANDVAT = (Path(__file__).resolve().parents[2] / "corpus" / "004_6e297dca9058e807.txt").read_text(encoding="utf-8")
PARTIJEN = sorted(VOCAB["partijen"])
FEITEN = VOCAB["feiten"]
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _values(code: str) -> list:
    spec = FEITEN[code]
    return [True, False] if spec["type"] == "bool" else list(spec["waarden"])


@st.composite
def scenarios(draw) -> Scenario:
    verstrekker = draw(st.sampled_from(PARTIJEN))
    ontvanger = draw(st.sampled_from([p for p in PARTIJEN if p != verstrekker]))
    gegevens = draw(st.lists(st.sampled_from(sorted(VOCAB["gegevens"])), min_size=1, max_size=3, unique=True))
    codes = draw(st.lists(st.sampled_from(sorted(FEITEN)), max_size=12, unique=True))
    feiten = {c: draw(st.sampled_from(_values(c))) for c in codes}
    return Scenario(
        verstrekker=verstrekker,
        ontvanger=ontvanger,
        gegevens=gegevens,
        doel=draw(st.sampled_from(sorted(VOCAB["doelen"]))),
        kader=draw(st.sampled_from(sorted(VOCAB["kaders"]))),
        feiten=feiten,
    )


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(build_rulebase())


@pytest.fixture(scope="module")
def fresh_engine() -> Engine:
    return Engine(build_rulebase(), spoor=False)  # also checks: the trace never changes the decision


@SETTINGS
@given(s=scenarios())
def test_never_raises_and_is_deterministic(engine, fresh_engine, s):
    first = engine.check(s).model_dump(mode="json")
    assert engine.check(s).model_dump(mode="json") == first
    untraced = fresh_engine.check(Scenario.model_validate(s.model_dump())).model_dump(mode="json")
    assert untraced == {**first, "spoor": []}


@SETTINGS
@given(s=scenarios())
def test_verdict_shape_follows_the_spec(engine, s):
    v = engine.check(s)
    if v.uitkomst is not Uitkomst.TOEGESTAAN_ONDER_VOORWAARDEN:
        assert v.ontbrekende_feiten == []
    if v.uitkomst in (Uitkomst.VERPLICHT, Uitkomst.TOEGESTAAN, Uitkomst.NIET_TOEGESTAAN):
        assert v.voorwaarden == []
    if v.uitkomst is Uitkomst.NIET_TOEGESTAAN:
        assert v.plichten == []
    assert len(set(v.ontbrekende_feiten)) == len(v.ontbrekende_feiten)
    assert len({p.id for p in v.plichten}) == len(v.plichten)
    assert not set(v.ontbrekende_feiten) & set(s.feiten), "a known fact is listed as missing"
    assert Verdict.model_validate_json(v.model_dump_json()) == v, "verdict JSON does not round-trip"


@SETTINGS
@given(s=scenarios())
def test_every_verdict_with_a_ground_or_bar_cites_a_rule(engine, s):
    v = engine.check(s)
    barred = any(t.soort == "verbod" and t.status == "geldt" for t in v.spoor)
    if v.uitkomst is not Uitkomst.NIET_TOEGESTAAN or barred:
        assert v.regels, f"uitkomst {v.uitkomst} zonder geciteerde regel"


@SETTINGS
@given(s=scenarios())
def test_every_cited_section_exists_and_quote_is_verbatim(engine, s):
    text = normaliseer_citaat(HANDVAT)
    for r in engine.check(s).regels:
        assert r.sectie in HANDVAT_SECTIES
        assert normaliseer_citaat(r.citaat) in text


@SETTINGS
@given(s=scenarios(), data=st.data())
def test_answering_a_missing_fact_removes_it(engine, s, data):
    v = engine.check(s)
    if not v.ontbrekende_feiten:
        return
    feit = data.draw(st.sampled_from(v.ontbrekende_feiten))
    for value in _values(feit):
        answered = Scenario.model_validate({**s.model_dump(), "feiten": {**s.feiten, feit: value}})
        assert feit not in engine.check(answered).ontbrekende_feiten


@SETTINGS
@given(s=scenarios(), data=st.data())
def test_answering_facts_only_refines_rule_status(engine, s, data):
    """Kleene monotonicity: adding facts never flips a rule that holds or fails; a holding bar stays."""
    before = engine.check(s)
    absent = sorted(set(FEITEN) - set(s.feiten))
    extra_codes = data.draw(st.lists(st.sampled_from(absent), max_size=8, unique=True)) if absent else []
    extra = {c: data.draw(st.sampled_from(_values(c))) for c in extra_codes}
    after = engine.check(Scenario.model_validate({**s.model_dump(), "feiten": {**s.feiten, **extra}}))
    status_after = {(t.id, t.tak, t.soort): t.status for t in after.spoor}
    for t in before.spoor:
        if t.status != "open":
            assert status_after[(t.id, t.tak, t.soort)] == t.status, f"{t.id} ging van {t.status} naar iets anders"
    if any(t.soort == "verbod" and t.status == "geldt" for t in before.spoor):
        assert after.uitkomst is Uitkomst.NIET_TOEGESTAAN
