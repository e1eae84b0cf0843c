"""Weak evidence gets an honest 'niet gevonden' with the nearest sections, never a claim."""

from __future__ import annotations

import pytest

from answer.models import AnswerMode
from answer.refusal import NEAREST_HEADING, NOT_FOUND, CorpusStats, RefusalPolicy, assess, query_terms

UNANSWERABLE = [
    "Welke regels gelden voor het delen van gegevens met de Belgische politie of een Duits Jugendamt?",
    "Wat staat er in de Wams over gegevensdeling?",
    "Hoeveel kost een parkeervergunning per maand?",
]
ANSWERABLE = [
    "Mag de reclassering NIFP-rapportages doorverstrekken aan de partners in het Veiligheidshuis?",
    "Kan Veilig Thuis het convenant zelf ondertekenen?",
    "Wat doet het kabinet met de motie over een chief privacy officer?",
    "Mag de politie gegevens verstrekken aan een woningcorpratie die geen convenantpartner is?",  # typo
]


@pytest.mark.parametrize("question", UNANSWERABLE)
def test_unanswerable_questions_are_refused_with_nearest_sections(assistant, question):
    answer = assistant.ask(question)
    assert answer.refused and answer.mode is AnswerMode.refusal
    assert answer.answer.startswith(NOT_FOUND)
    assert answer.citations == []
    assert "[" not in answer.answer  # nearest sections are listed, never cited as support
    if answer.passages:
        assert NEAREST_HEADING in answer.answer
        assert answer.passages[0].label in answer.answer
    assert answer.refusal_reason


@pytest.mark.parametrize("question", ANSWERABLE)
def test_answerable_questions_are_answered(assistant, question):
    answer = assistant.ask(question)
    assert not answer.refused, answer.refusal_reason
    assert answer.citations and answer.mode is AnswerMode.extractive


def test_unknown_names_are_reported(core_stats):
    q = query_terms("Wat regelt de Wams voor het Jugendamt?", core_stats)
    assert set(q.unknown_names) == {"wams", "jugendamt"}
    assert "wams" in q.unknown


def test_typos_resolve_to_corpus_terms(core_stats):
    q = query_terms("woningcorpratie", core_stats)
    assert q.weights and not q.unknown


def test_policy_thresholds_decide(core_searcher, core_stats):
    question = "Mag de politie gegevens delen met een woningcorporatie?"
    hits = core_searcher.search(question, k=5)
    q = query_terms(question, core_stats)
    assert assess(q, hits, best_sentence=0.9).strong
    mixed = query_terms("Mag de politie NIFP-rapportages delen met Veilig Thuis?", core_stats)
    strict = RefusalPolicy(top_passages=1, min_coverage=1.0)
    assert not assess(mixed, core_searcher.search("politie NIFP Veilig Thuis", k=5), 0.9, strict).strong
    assert not assess(q, hits, best_sentence=0.01).strong
    assert not assess(q, [], best_sentence=0.9).strong


def test_stats_from_empty_corpus_dir(tmp_path):
    stats = CorpusStats.from_dir(tmp_path)
    assert stats.known_words == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Uit het onderzoek blijkt dat 22 gemeenten online monitoren [1].", True),
        ("Ongeveer dertig procent van de gemeenten doet dat.", True),
        ("De helft van de gemeenten monitort online.", True),
        ("Dat volgt uit artikel 20 Wpg en art. 8 sub e Wbp [2].", False),
        ("Tijdens het vragenuur van 18 mei 2021 is dat gevraagd [1].", False),
        ("Het dashboard is gepubliceerd in december 2019 [3].", False),
    ],
)
def test_states_quantity(text, expected):
    from answer.refusal import states_quantity

    assert states_quantity(text) is expected


def test_question_for_a_number_without_a_number_in_the_sources_is_refused(assistant):
    answer = assistant.ask("Hoeveel partners hebben het convenant van het Veiligheidshuis ondertekend?")
    assert answer.refused and "aantal" in (answer.refusal_reason or "")


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("Mag de politie in Rotterdam gegevens delen met de woningcorporatie?", []),
        ("Mag het Veiligheidshuis Twente gegevens delen met de reclassering?", []),
        ("Wat regelt de Wams voor het Jugendamt?", ["wams", "jugendamt"]),
        ("Mag ons Veiligheidshuis delen met de Belgische politie?", ["belgische"]),
    ],
)
def test_places_are_not_unknown_subjects(core_stats, question, names):
    assert query_terms(question, core_stats).unknown_names == names


def test_questions_about_years_after_the_sources_are_refused(core_searcher, core_stats):
    question = "Welke afspraken maakte Veilig Thuis in 2031 over het convenant?"
    hits = core_searcher.search(question, k=5)
    q = query_terms(question, core_stats)
    only_dates = RefusalPolicy(answer_type_rules=frozenset())  # answer-type rules: tests/answer/test_refusal_rules.py
    assert assess(q, hits, 0.9, only_dates, question=question, latest_year=2031).strong
    weak = assess(q, hits, 0.9, question=question, latest_year=2022)
    assert not weak.strong and "2022" in weak.reason


def test_cost_questions_need_an_amount(core_searcher, core_stats):
    question = "Wat kost het ondertekenen van het convenant door Veilig Thuis?"
    hits = core_searcher.search(question, k=5)
    q = query_terms(question, core_stats)
    assert not assess(q, hits, 0.9, question=question, answer_text="Veilig Thuis tekent niet zelf [1].").strong
    assert assess(q, hits, 0.9, question=question, answer_text="Dat kost € 20 per jaar [1].").strong


def test_questions_about_developments_since_the_sources_are_refused(core_searcher, core_stats):
    question = "Welke Veiligheidshuizen hebben het convenant inmiddels ondertekend?"
    hits = core_searcher.search(question, k=5)
    q = query_terms(question, core_stats)
    weak = assess(q, hits, 0.9, question=question, latest_year=2022)
    assert not weak.strong and "2022" in weak.reason
    only_dates = RefusalPolicy(answer_type_rules=frozenset())  # answer-type rules: tests/answer/test_refusal_rules.py
    assert assess(q, hits, 0.9, only_dates, question=question.replace("inmiddels ", ""), latest_year=2022).strong


def test_a_dutch_question_made_mostly_of_words_the_corpus_lacks_is_refused(core_searcher, core_stats):
    question = "politie flubberwok zwiebelkrant knarzig"  # the one known word is fully 'covered'
    q = query_terms(question, core_stats)
    hits = core_searcher.search("politie", k=5)
    only_this_rule = RefusalPolicy(answer_type_rules=frozenset())
    evidence = assess(q, hits, best_sentence=0.9, policy=only_this_rule, question=question)
    assert evidence.features["coverage"] == 1.0 and evidence.features["unknown_share"] >= 0.6
    assert not evidence.strong and "komen in de bronnen niet voor" in evidence.reason
    lenient = RefusalPolicy(answer_type_rules=frozenset(), max_unknown_share=1.0)
    assert assess(q, hits, best_sentence=0.9, policy=lenient, question=question).strong


def test_a_question_with_some_unknown_words_is_not_refused_for_them(core_searcher, core_stats):
    question = "Mag de politie gegevens delen met een woningcorporatie over een nepaccount?"
    q = query_terms(question, core_stats)
    assert len(q.unknown) > 0 and assess(q, core_searcher.search(question, k=5), best_sentence=0.9).features[
        "unknown_share"] < 0.6
