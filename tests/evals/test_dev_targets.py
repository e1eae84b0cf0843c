"""Quality bars of issues 2 and 4 on the dev question set, measured end to end on the real corpus index.

These assert quality, not speed (speed lives in bench/). The thresholds are the issues' targets.
"""

from __future__ import annotations

import pytest

from evals.answers import evaluate_answers
from evals.questions import evaluate_retrieval, load_questions
from evals.run_answers import load_items

pytestmark = pytest.mark.slow


def test_hybrid_retrieval_finds_the_evidence(corpus_settings, dev_questions_path):
    from index.search import open_searcher

    figures = evaluate_retrieval("hybride", load_questions(dev_questions_path), open_searcher(corpus_settings).search)
    assert figures.evidence_recall >= 0.90, f"evidence recall {figures.evidence_recall}; gemist: {figures.missed}"


@pytest.fixture(scope="module")
def answer_report(corpus_settings, dev_questions_path):
    from answer.service import build_assistant

    settings = corpus_settings.model_copy(update={"llm_provider": "none"})
    return evaluate_answers(load_items(dev_questions_path), build_assistant(settings))


def test_extractive_answers_are_supported(answer_report):
    assert answer_report.support_rate >= 0.85


def test_refusals_are_accurate(answer_report):
    assert answer_report.refusal_accuracy >= 0.90


def test_every_citation_is_valid(answer_report):
    assert answer_report.citation_validity == 1.0
    assert answer_report.markers_total > 0
