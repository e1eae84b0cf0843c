"""Bad input gives a clear Dutch ScenarioError naming the field (issue: 'Bad input')."""

from __future__ import annotations

import json

import pytest

import checker
from checker.errors import ScenarioError

GOOD = {
    "verstrekker": "politie",
    "ontvanger": "openbaar_ministerie",
    "gegevens": ["politiegegevens_art8"],
    "doel": "strafrechtspleging",
    "kader": "bilateraal",
    "feiten": {"noodzakelijk": True},
}


def with_(**changes):
    out = json.loads(json.dumps(GOOD))
    for k, v in changes.items():
        if v is ...:
            out.pop(k)
        else:
            out[k] = v
    return out


@pytest.mark.parametrize(
    ("scenario", "fragments"),
    [
        (with_(verstrekker="politei"), ["verstrekker", "onbekende partij 'politei'", "bedoelde u 'politie'"]),
        (with_(ontvanger="xyzzy"), ["ontvanger", "onbekende partij", "toegestaan:"]),
        (with_(doel=...), ["doel", "ontbreekt"]),
        (with_(gegevens=[]), ["gegevens", "leeg"]),
        (with_(gegevens=["bsn", "bsn"]), ["gegevens", "bsn", "meer dan eens"]),
        (with_(gegevens="bsn"), ["gegevens", "lijst"]),
        (with_(kader="casusoverleg"), ["kader", "onbekend"]),
        (with_(feiten={"noodzakelijk": "ja"}), ["feiten.noodzakelijk", "true of false"]),
        (with_(feiten={"toestemming": "misschien"}), ["feiten.toestemming", "toegestaan: geen"]),
        (with_(feiten={"noodzakelijk": None}), ["feiten.noodzakelijk", "null"]),
        (with_(feiten={"noodzakelijkk": True}), ["feiten.noodzakelijkk", "bedoelde u 'noodzakelijk'"]),
        (with_(ontvanger="politie"), ["ontvanger", "verstrekker en ontvanger"]),
        ({**GOOD, "extra": 1}, ["extra", "geen toegestaan veld"]),
        ("{not json", ["geen geldige JSON"]),
        ("[1, 2]", ["JSON-object"]),
    ],
)
def test_bad_scenarios_raise_dutch_errors(scenario, fragments):
    with pytest.raises(ScenarioError) as info:
        checker.check(scenario)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, message


def test_good_scenario_from_json_string():
    assert checker.check(json.dumps(GOOD)).uitkomst in checker.Uitkomst


def test_scenario_error_is_a_checker_error():
    assert issubclass(ScenarioError, checker.CheckerError)


def test_two_professionals_of_one_class_may_exchange():
    s = {**GOOD, "verstrekker": "zorgprofessional", "ontvanger": "zorgprofessional",
         "gegevens": ["gezondheidsgegevens"], "doel": "hulpverlening", "kader": "bemoeizorg"}  # fmt: skip
    assert checker.check(s).uitkomst in checker.Uitkomst


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"verstrekker": "GI"}, "gebruik 'gecertificeerde_instelling'"),
        ({"gegevens": ["POL_ART10"]}, "gebruik 'politiegegevens_art9'"),
        ({"doel": "casusoverleg_vhh"}, "onbekend doel 'casusoverleg_vhh'; dat is een code uit de onderzoeksnotities"),
        ({"feiten": {"vermoeden_km": True}}, "gebruik 'vermoeden_geweld'"),
    ],
)
def test_research_note_codes_are_answered_with_their_replacement(change, fragment):
    with pytest.raises(ScenarioError) as info:
        checker.check({**GOOD, **change})
    assert fragment in str(info.value)
