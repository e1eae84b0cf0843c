"""The citation validator: every surviving [n] is valid, every surviving quote is verbatim."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from answer.validator import (
    DropReason,
    normalise,
    parse_markers,
    parse_quotes,
    quote_in_passage,
    split_sentences,
    validate_answer,
)
from ingest.passage import Passage

DATA = yaml.safe_load((Path(__file__).parent / "data" / "llm_validator_cases.yaml").read_text("utf-8"))
PASSAGES = [Passage(**p) for p in DATA["passages"]]
CASES = DATA["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_validator_keeps_and_drops_as_specified(case: dict) -> None:
    sentences = [s for _, s in split_sentences(case["answer"])]
    report = validate_answer(case["answer"], PASSAGES)
    assert [s.text for s in report.kept] == [sentences[i] for i in case["kept"]]
    expected_dropped = {i: set(r) for i, r in case["reasons"].items()}
    dropped = {sentences.index(d.text): {str(r) for r in d.reasons} for d in report.dropped}
    assert dropped == expected_dropped
    for d in report.dropped:
        assert d.detail  # a Dutch explanation is always given


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_surviving_text_is_fully_valid(case: dict) -> None:
    """Re-validating what survived drops nothing: 100% valid markers and verbatim quotes."""
    report = validate_answer(case["answer"], PASSAGES)
    again = validate_answer(report.text, PASSAGES)
    assert not again.dropped
    assert again.markers_valid == again.markers_total
    assert again.quotes_verbatim == again.quotes_total
    for s in again.kept:
        assert s.markers and all(1 <= n <= len(PASSAGES) for n in s.markers)
        cited = [PASSAGES[n - 1].text for n in s.markers]
        assert all(any(quote_in_passage(q, t) for t in cited) for q in s.quotes)


def test_markers_ranges_and_lists() -> None:
    assert parse_markers("zin [1] en [2, 3] en [4-6] en [2]") == [1, 2, 3, 4, 5, 6]
    assert parse_markers("geen markers [a] [ ]") == []


def test_quotes_of_all_styles_but_not_apostrophes() -> None:
    text = "Het Veiligheidshuis 's-Hertogenbosch toetst 'noodzaak', “a b” en ‘botsende logica’s’ [1]."
    assert sorted(parse_quotes(text)) == sorted(["a b", "noodzaak", "botsende logica’s"])


def test_quote_with_ellipsis_must_match_in_order() -> None:
    text = PASSAGES[0].text
    assert quote_in_passage("alleen de verstrekkingen … artikel 16 Wpg verplicht", text)
    assert not quote_in_passage("artikel 16 Wpg verplicht … alleen de verstrekkingen", text)


def test_normalise_joins_pdf_hyphen_breaks_and_quote_styles() -> None:
    assert normalise("niet- verenigbaar  ‘x’") == normalise("Niet-verenigbaar 'x'")


def test_unknown_marker_is_reported_even_with_a_valid_one() -> None:
    report = validate_answer(
        "Alleen verstrekkingen op basis van artikel 16 Wpg zijn verplicht [1][9].", PASSAGES
    )
    assert not report.kept
    assert report.dropped[0].reasons == [DropReason.unknown_citation]
    assert "[9]" in report.dropped[0].detail
