"""Decision semantics of spec §5 on a small fixture rule set (tests/checker/data/engine_rules)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.engine import Engine
from checker.models import Scenario
from checker.rule_loader import build_rulebase

RULES = Path(__file__).parent / "data" / "engine_rules"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(build_rulebase(RULES))


def scen(verstrekker, ontvanger, gegevens, doel="hulpverlening", kader="bilateraal", **feiten) -> Scenario:
    return Scenario(
        verstrekker=verstrekker, ontvanger=ontvanger, gegevens=gegevens, doel=doel, kader=kader, feiten=feiten
    )


def test_holding_ground_gives_its_outcome_with_duties_and_cited_explanation(engine):
    v = engine.check(scen("politie", "openbaar_ministerie", ["politiegegevens_art9"], "strafrechtspleging",
                          noodzakelijk=True))  # fmt: skip
    assert v.uitkomst == "verplicht"
    assert v.grondslagen == ["art. 16 lid 1 sub b Wpg"]
    assert [p.id for p in v.plichten] == ["DUTY-DOC", "DUTY-GEH-WPG"]  # referenced, then automatic
    assert [r.id for r in v.regels] == ["POL-ART16-OM-01", "POL-KAN-01"]  # toelichting cited with verplicht
    assert v.ontbrekende_feiten == [] and v.voorwaarden == []


def test_unknown_general_condition_makes_holding_ground_conditional(engine):
    v = engine.check(scen("politie", "openbaar_ministerie", ["politiegegevens_art8"], "strafrechtspleging"))
    assert v.uitkomst == "toegestaan_onder_voorwaarden"
    assert v.ontbrekende_feiten == ["noodzakelijk"]
    assert v.grondslagen == ["art. 16 lid 1 sub b Wpg"]
    (vw,) = v.voorwaarden
    assert (vw.feit, vw.waarden, vw.regel) == ("noodzakelijk", [True], "GEN-NOOD-01")
    assert vw.uitleg == "De verstrekking moet noodzakelijk zijn."
    assert {r.id for r in v.regels} == {"POL-ART16-OM-01", "GEN-NOOD-01"}


def test_holding_prohibition_beats_every_ground(engine):
    v = engine.check(scen("politie", "openbaar_ministerie", ["politiegegevens_art8"], "strafrechtspleging",
                          noodzakelijk=False))  # fmt: skip
    assert v.uitkomst == "niet_toegestaan"
    assert v.grondslagen == ["art. 11 Wbp"]
    assert [r.id for r in v.regels] == ["GEN-NOOD-01"]
    assert v.plichten == [] and v.voorwaarden == []


def test_open_ground_lists_unknown_facts_with_satisfying_values(engine):
    v = engine.check(scen("politie", "samenwerkingsverband_vhh", ["politiegegevens_art8"], "vhh_casusaanpak",
                          "vhh_casusoverleg", convenant=True, noodzakelijk=True))  # fmt: skip
    assert v.uitkomst == "toegestaan_onder_voorwaarden"
    assert v.ontbrekende_feiten == ["akkoord_gezag"]
    assert v.voorwaarden[0].waarden == [True] and v.voorwaarden[0].regel == "POL-ART20-01"
    assert [p.id for p in v.plichten] == ["DUTY-PROT", "DUTY-GEH-WPG"]
    assert v.plichten[0].uitleg == "Protocolleer de verstrekking."  # tailored uitleg wins


def test_open_hard_bar_with_nested_exception(engine):
    base = dict(convenant=True, akkoord_gezag=True, noodzakelijk=True)
    args = ("politie", "samenwerkingsverband_vhh", ["politiegegevens_art9"], "vhh_casusaanpak", "vhh_casusoverleg")
    open_v = engine.check(scen(*args, **base))
    assert open_v.uitkomst == "toegestaan_onder_voorwaarden"
    assert set(open_v.ontbrekende_feiten) == {"incidenteel_geval", "dringend_noodzakelijk_politietaak"}
    # For a prohibition, waarden are the values that make it NOT hold: the exception's facts true.
    assert {(w.feit, tuple(w.waarden)) for w in open_v.voorwaarden} == {
        ("incidenteel_geval", (True,)),
        ("dringend_noodzakelijk_politietaak", (True,)),
    }
    assert engine.check(scen(*args, **base, incidenteel_geval=False)).uitkomst == "niet_toegestaan"
    lifted = engine.check(scen(*args, **base, incidenteel_geval=True, dringend_noodzakelijk_politietaak=True))
    assert lifted.uitkomst == "toegestaan"


def test_branches_strongest_outcome_and_single_citation(engine):
    s = dict(maatregel="ots", noodzakelijk=True)
    v = engine.check(scen("zorgprofessional", "gecertificeerde_instelling", ["gezondheidsgegevens"], **s,
                          op_verzoek=True))  # fmt: skip
    assert v.uitkomst == "verplicht"
    assert [r.id for r in v.regels] == ["X-OTS-01"]
    v2 = engine.check(scen("zorgprofessional", "gecertificeerde_instelling", ["gezondheidsgegevens"], **s,
                           op_verzoek=False))  # fmt: skip
    assert v2.uitkomst == "toegestaan"
    v3 = engine.check(scen("zorgprofessional", "gecertificeerde_instelling", ["gezondheidsgegevens"], **s))
    assert v3.uitkomst == "toegestaan"  # a holding toegestaan ground; verplicht branch open does not matter


def test_no_ground_cites_default_secrecy_rule(engine):
    v = engine.check(scen("zorgprofessional", "politie", ["gezondheidsgegevens"], noodzakelijk=True,
                          acuut_gevaar=False, cvp_ernstige_schade=False))  # fmt: skip
    assert v.uitkomst == "niet_toegestaan"
    assert v.grondslagen == ["art. 7:457 BW"]
    assert [r.id for r in v.regels] == ["ZORG-BG-01"]


def test_no_ground_at_all_gives_empty_niet_toegestaan(engine):
    v = engine.check(scen("school", "derde", ["gewone_persoonsgegevens"], noodzakelijk=True))
    assert v.uitkomst == "niet_toegestaan" and v.regels == [] and v.grondslagen == []


def test_open_prohibition_without_ground_is_niet_toegestaan(engine):
    v = engine.check(scen("school", "woningcorporatie", ["gezondheidsgegevens"], noodzakelijk=True))
    assert v.uitkomst == "niet_toegestaan"


def test_gaat_voor_special_displaces_general(engine):
    args = ("zorgprofessional", "woningcorporatie", ["gezondheidsgegevens"])
    # consent absent: WOCO-02 open, ZORG-TOEST-01 open, ZORG-CVP-01 open (gevaar unknown)
    v = engine.check(scen(*args, noodzakelijk=True))
    assert v.uitkomst == "toegestaan_onder_voorwaarden"
    # CvP holds: it displaces WOCO-02 (gaat_voor), so the refusal of consent no longer bars the provision
    v2 = engine.check(scen(*args, noodzakelijk=True, toestemming="geweigerd", acuut_gevaar=True))
    assert v2.uitkomst == "toegestaan"
    # CvP fails: WOCO-02 holds
    v3 = engine.check(scen(*args, noodzakelijk=True, toestemming="geweigerd", acuut_gevaar=False,
                           cvp_ernstige_schade=False))  # fmt: skip
    assert v3.uitkomst == "niet_toegestaan"
    assert [r.id for r in v3.regels] == ["WOCO-02"]


def test_afweging_lists_criteria_even_when_known(engine):
    v = engine.check(scen("burgemeester", "samenwerkingsverband_vhh", ["gewone_persoonsgegevens"],
                          "vhh_casusaanpak", "vhh_casusoverleg", noodzakelijk=True,
                          openbare_orde_bevoegdheid_ingezet=False, publiekrechtelijke_taak=False))  # fmt: skip
    assert v.uitkomst == "afweging"
    assert [(w.feit, w.waarden) for w in v.voorwaarden] == [("publiekrechtelijke_taak", [True])]
    assert v.ontbrekende_feiten == []


def test_stronger_ground_beats_afweging_and_successors_are_shown(engine):
    v = engine.check(scen("burgemeester", "samenwerkingsverband_vhh", ["gewone_persoonsgegevens"],
                          "vhh_casusaanpak", "vhh_casusoverleg", noodzakelijk=True,
                          openbare_orde_bevoegdheid_ingezet=True))  # fmt: skip
    assert v.uitkomst == "toegestaan"
    assert [(o.grondslag, o.avg) for o in v.opvolgers] == [("art. 8 sub e Wbp", "art. 6 lid 1 sub e AVG")]


def test_trace_reports_three_valued_conditions(engine):
    v = engine.check(scen("politie", "samenwerkingsverband_vhh", ["politiegegevens_art8"], "vhh_casusaanpak",
                          "vhh_casusoverleg", convenant=True))  # fmt: skip
    item = next(s for s in v.spoor if s.id == "POL-ART20-01")
    assert item.status == "open"
    assert [c.waarde for c in item.condities] == ["waar", "waar", "waar", "waar", "onbekend"]
    nood = next(s for s in v.spoor if s.id == "GEN-NOOD-01")
    assert nood.status == "open"


def test_anonymous_data_escape_general_conditions(engine):
    v = engine.check(scen("politie", "openbaar_ministerie", ["geanonimiseerd"], "strafrechtspleging"))
    assert v.uitkomst == "verplicht"
