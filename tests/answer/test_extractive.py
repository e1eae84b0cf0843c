"""The extractive answer: verbatim quotes, a marker on every sentence, ordered, deduplicated, within budget."""

from __future__ import annotations

import re

from answer import extractive
from answer.refusal import query_terms
from answer.validator import validate_answer
from index.hits import Hit

MARKER = re.compile(r"\[(\d+)\]")


def _answer(question, searcher, stats, **config):
    hits = searcher.search(question, k=5)
    q = query_terms(question, stats)
    return hits, extractive.answer(q.weights, hits, extractive.ExtractiveConfig(**config))


def test_sentence_spans_are_verbatim_and_headings_are_skipped(core_passages):
    for passage in core_passages:
        sentences = extractive.split_sentences(passage.text)
        assert sentences, passage.id
        for s in sentences:
            assert passage.text[s.start : s.end] == s.quote
            assert "\n" not in s.display and "  " not in s.display
            assert not re.match(r"^\d+(\.\d+)*\s", s.display), f"heading kept: {s.display!r}"


def test_hyphenated_line_breaks_are_repaired_for_reading_only(core_passages):
    passage = next(p for p in core_passages if "nood-\nzakelijk" in p.text)
    sentence = next(s for s in extractive.split_sentences(passage.text) if "noodzakelijk" in s.display)
    assert "nood-\nzakelijk" in sentence.quote


def test_abbreviations_and_footnote_numbers_do_not_break_sentences():
    text = ("De grondslag is art. 8 sub e Wbp en geldt o.a. voor gemeenten die een taak uitvoeren. Er is een motie "
            "aangenomen over een chief privacy officer (CPO).10 Het kabinet onderzoekt dat nog verder dit jaar.")
    displays = [s.display for s in extractive.split_sentences(text)]
    assert displays == [
        "De grondslag is art. 8 sub e Wbp en geldt o.a. voor gemeenten die een taak uitvoeren.",
        "Er is een motie aangenomen over een chief privacy officer (CPO).",
        "Het kabinet onderzoekt dat nog verder dit jaar.",
    ]


def test_every_sentence_carries_a_marker_that_points_at_its_passage(core_searcher, core_stats):
    question = "Mag de reclassering gegevens aan een woningcorporatie verstrekken?"
    hits, ans = _answer(question, core_searcher, core_stats)
    assert ans.text and ans.citations
    sentences = [s for s in re.split(r"(?<=\])\.?\s+", ans.text) if s]
    assert all(MARKER.search(s) for s in sentences)
    for c in ans.citations:
        hit = hits[c.n - 1]
        assert hit.passage.id == c.passage_id
        assert c.quote in hit.passage.text
        assert c.label == hit.passage.label
    assert "woningcorporatie" in ans.text


def test_answer_passes_the_independent_citation_validator(core_searcher, core_stats):
    hits, ans = _answer("Wat doet het kabinet met de motie over een chief privacy officer?", core_searcher, core_stats)
    report = validate_answer(ans.text, [h.passage for h in hits])
    assert report.dropped == [], report.dropped
    assert report.markers_total == report.markers_valid > 0


def test_duplicates_are_removed(core_searcher, core_stats):
    _, ans = _answer("Wie bepaalt in het casusoverleg wie welke informatie nodig heeft (need to know)?",
                     core_searcher, core_stats)
    assert ans.text.count("De procesregisseur bepaalt wie welke informatie nodig heeft") == 1


def test_length_budget_and_sentence_cap_hold(core_searcher, core_stats):
    _, ans = _answer("Wat mag de reclassering, de politie en Veilig Thuis delen zonder toestemming?",
                     core_searcher, core_stats, max_sentences=2, max_chars=300)
    assert len(ans.citations) <= 2
    assert len(MARKER.findall(ans.text)) == len(ans.citations)


def test_sentences_follow_rank_then_document_order(core_searcher, core_stats):
    hits, ans = _answer("Mag de reclassering gegevens uitwisselen met de burgemeester of een woningcorporatie?",
                        core_searcher, core_stats)
    keys = []
    for c in ans.citations:
        start = hits[c.n - 1].passage.text.index(c.quote)
        keys.append((c.n, start))
    assert keys == sorted(keys)


def test_no_overlap_gives_no_answer(core_passages):
    hits = [Hit(passage=core_passages[0], score=1.0, rank=1)]
    ans = extractive.answer({"parkeervergunning": 3.0}, hits)
    assert ans.text == "" and ans.citations == [] and ans.best_score == 0


def test_rerank_prefers_the_passage_that_covers_the_question(core_passages, core_stats):
    question = "Mag de reclassering NIFP-rapportages doorverstrekken aan de partners?"
    q = query_terms(question, core_stats)
    reclassering = next(p for p in core_passages if p.id == "hv-5.8")
    others = [p for p in core_passages if p.id != "hv-5.8"]
    hits = [Hit(passage=p, score=1.0, rank=i) for i, p in enumerate([*others, reclassering], start=1)]
    ranked = extractive.rerank(q.weights, hits)
    assert ranked[0].passage.id == "hv-5.8"
    assert [h.rank for h in ranked] == list(range(1, len(hits) + 1))
    assert {h.passage.id for h in ranked} == {p.id for p in core_passages}


def test_compound_words_count_as_partial_matches():
    assert extractive.match_strength("convenant", frozenset({"veiligheidshuisconvenant"})) == extractive.COMPOUND_WEIGHT
    assert extractive.match_strength("convenant", frozenset({"convenant"})) == 1.0
    assert extractive.match_strength("raad", frozenset({"raadsled"})) == 0.0  # too short to be a compound part


def test_a_number_before_a_full_stop_ends_the_sentence():
    text = ("De leuze van de samenwerking luidt in deze: 1 + 1 = 3. Daarom werken de partners samen in het huis. "
            "Zie bijlage J. Jansen voor de namen van alle deelnemers aan het overleg.")
    displays = [s.display for s in extractive.split_sentences(text)]
    assert displays[0] == "De leuze van de samenwerking luidt in deze: 1 + 1 = 3."
    assert displays[1] == "Daarom werken de partners samen in het huis."


def test_footnotes_shown_with_the_passage_can_be_cited(core_passages, core_stats):
    body = core_passages[2]
    note = "13 Ook naar personen herleidbare gegevens zoals kentekens of adressen vallen onder persoonsgegevens."
    passage = body.model_copy(update={"footnotes": [note]})
    hits = [Hit(passage=passage, score=1.0, rank=1)]
    q = query_terms("Is een kenteken of adres een persoonsgegeven?", core_stats)
    ans = extractive.answer(q.weights, hits)
    quoted = [c.quote for c in ans.citations]
    assert any("kentekens" in quote for quote in quoted)
    assert all(quote in hits[0].public().text for quote in quoted)
    assert any(sentence.startswith("Ook naar personen") for sentence in ans.sentences)
