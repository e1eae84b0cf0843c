"""Legal-basis comparison equals the spec's reference; Wbp → AVG successors follow spec §9."""

from __future__ import annotations

import pytest

import checker
from checker.legal_basis import grondslag_gelijk, grondslag_probleem, normaliseer_grondslag
from evals import reference_validate_cases as ref

SAMPLES = [
    "art. 16 lid 1 sub b Wpg",
    "Artikel 20  WPG",
    "art. 16 lid 1 onder c Wpg",
    "art.8 sub e Wbp",
    "art 4:5 lid 1 Bpg",
    "art. 16 eerste lid onder c Wpg",
    "art. 8a jo. 39f Wjsg",
    "art. 7.3.11 lid 4 Jeugdwet",
    "art. 20 Wpgg",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_normalisation_matches_reference(text):
    assert normaliseer_grondslag(text) == ref.normaliseer_grondslag(text)
    assert (grondslag_probleem(text) is None) == (ref.grondslag_probleem(text) is None)
    for other in SAMPLES:
        assert grondslag_gelijk(text, other) == ref.grondslag_gelijk(text, other)


@pytest.mark.parametrize(
    ("wbp", "avg"),
    [
        ("art. 8 sub e Wbp", "art. 6 lid 1 sub e AVG"),
        ("art. 8 onder a Wbp", "art. 6 lid 1 sub a AVG"),
        ("art. 23 lid 1 sub a Wbp", "art. 9 lid 2 sub a AVG"),
        ("art. 16 Wbp", "art. 9 lid 1 AVG"),
        ("art. 43 Wbp", "art. 23 AVG"),
        ("art. 9 lid 1 Wbp", "art. 6 lid 4 AVG"),
    ],
)
def test_successor_of_known_articles(wbp, avg):
    assert avg in checker.successor_of(wbp)


@pytest.mark.parametrize(
    "text", ["art. 9 lid 4 Wbp", "art. 21 lid 1 sub f onder 1 Wbp", "art. 22 Wbp", "art. 20 Wpg", "art. 7:457 BW"]
)
def test_no_successor_where_spec_gives_none(text):
    assert checker.successor_of(text) is None
