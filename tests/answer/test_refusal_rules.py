"""Answer-type refusal rules: each rule refuses exactly when the found text lacks what the question asks for.

Cases live in tests/answer/data/refusal_rule_cases.yaml (mostly pairs that differ in one thing). The rules run on
real corpus statistics built from the case passages and the hand-made core passages.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from answer.models import AnswerMode
from answer.refusal import NOT_FOUND, CorpusStats, RefusalPolicy, assess, query_terms
from answer.refusal_rules import RULES, RuleInput, first_reason, focus_word, is_compound_of_known
from handvat.settings import PROJECT_ROOT
from index.hits import Hit
from ingest.passage import Passage

DATA = Path(__file__).parent / "data"
CASES = yaml.safe_load((DATA / "refusal_rule_cases.yaml").read_text(encoding="utf-8"))["cases"]
RULE_NAMES = {name for name, _ in RULES}


def _hits(case: dict) -> list[Hit]:
    hits = []
    for i, p in enumerate(case["passages"], start=1):
        passage = Passage(
            id=f"{case['id']}-{i}", document="case.txt", doc_id="case",
            document_title=p.get("document_title", "Handvat gegevensuitwisseling"),
            document_short=p.get("document_short", "Handvat"), text=p["text"], order=i,
            document_date=p.get("document_date"),
        )
        hits.append(Hit(passage=passage, score=1.0 / i, rank=i))
    return hits


@pytest.fixture(scope="module")
def stats(core_passages) -> CorpusStats:
    return CorpusStats.from_texts([p.text for p in core_passages] + [p["text"] for c in CASES for p in c["passages"]])


@pytest.fixture(scope="module")
def vocabulary(stats):
    return stats.vocabulary()


# Only the answer-type rules: coverage, unknown names and the number checks of answer.refusal are switched off.
RULES_ONLY = dict(min_coverage=0.0, min_best_sentence=0.0, max_unknown_names=100, quantity_check=False)


def test_case_file_names_real_rules():
    assert {c["rule"] for c in CASES} - {None} <= RULE_NAMES
    assert len({c["id"] for c in CASES}) == len(CASES)
    assert {c["rule"] for c in CASES} >= RULE_NAMES, "every rule has a case that refuses"


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_rule_decides(case, vocabulary):
    inp = RuleInput(question=case["question"], answer_text=case["answer"], hits=_hits(case), vocabulary=vocabulary,
                    english=case.get("english", False))
    found = first_reason(inp)
    if case["rule"] is None:
        assert found is None, found
    else:
        assert found is not None, f"expected rule {case['rule']}"
        name, reason = found
        assert name == case["rule"], reason
        assert reason and not reason.endswith(".") and re.search(r"\b(?:de|het|een)\b", reason)  # a Dutch clause


@pytest.mark.parametrize("case", [c for c in CASES if c["rule"]], ids=[c["id"] for c in CASES if c["rule"]])
def test_assess_carries_the_rule_and_can_switch_it_off(case, vocabulary, stats):
    hits = _hits(case)
    q = query_terms(case["question"], stats)
    evidence = assess(q, hits, 0.9, RefusalPolicy(**RULES_ONLY), question=case["question"],
                      answer_text=case["answer"], vocabulary=vocabulary, english=case.get("english", False))
    assert not evidence.strong and evidence.reason
    assert evidence.features.get(f"rule_{case['rule']}") == 1.0
    others = frozenset(RULE_NAMES - {case["rule"]})
    without = assess(q, hits, 0.9, RefusalPolicy(**RULES_ONLY, answer_type_rules=others), question=case["question"],
                     answer_text=case["answer"], vocabulary=vocabulary, english=case.get("english", False))
    assert without.features.get(f"rule_{case['rule']}") is None


@pytest.mark.parametrize(
    ("question", "focus"),
    [
        ("Welke software gebruikt de gemeente?", "software"),
        ("Wat is het telefoonnummer van Veilig Thuis?", "telefoonnummer"),
        ("Hoeveel Veiligheidshuizen zijn er?", "veiligheidshuizen"),
        ("Wat voor gegevens mag de politie delen?", "gegevens"),
        ("Mag de politie gegevens delen?", None),
    ],
)
def test_focus_word(question, focus):
    assert focus_word(question) == focus


@pytest.mark.parametrize(("word", "compound"), [("gemeentepartners", True), ("procesregisseurs", True),
                                                ("software", False), ("wifi-partners", False)])
def test_compounds_of_corpus_words(vocabulary, word, compound):
    assert is_compound_of_known(word, vocabulary) is compound


def test_assistant_refuses_with_the_rule_reason(assistant):
    """End to end on the core passages: the refusal text and reason come from the rule."""
    answer = assistant.ask("Wat is het telefoonnummer van de helpdesk van Veilig Thuis?")
    assert answer.refused and answer.mode is AnswerMode.refusal
    assert answer.answer.startswith(NOT_FOUND) and answer.citations == []
    assert "telefoonnummer" in answer.refusal_reason
    kept = assistant.ask("Mag Veilig Thuis gezondheidsgegevens verwerken zonder toestemming?")
    assert not kept.refused and kept.citations


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def test_calibration_set_is_well_formed():
    """The held-out calibration set: dev-set format, verbatim snippets of 8-25 words, the kinds it promises."""
    path = PROJECT_ROOT / "evals" / "data" / "calibration_questions.jsonl"
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    corpus = {p.name: _norm(p.read_text(encoding="utf-8")) for p in (PROJECT_ROOT / "corpus").glob("*.txt")}
    kinds = [i["kind"] for i in items]
    assert kinds.count("unanswerable") >= 20 and kinds.count("adversarial") >= 5
    assert sum(k in ("single", "multi") for k in kinds) >= 30 and "multi" in kinds
    assert any(i["lang"] == "en" and i["kind"] in ("single", "multi") for i in items)
    assert len({i["id"] for i in items}) == len(items)
    for item in items:
        assert set(item) >= {"id", "question", "lang", "kind", "evidence", "reference_answer", "expected_behaviour"}
        assert bool(item["evidence"]) is (item["kind"] in ("single", "multi")), item["id"]
        for ev in item["evidence"]:
            for snippet in ev["snippets"]:
                assert 8 <= len(snippet.split()) <= 25, (item["id"], snippet)
                assert _norm(snippet) in corpus[ev["doc"]], (item["id"], snippet)


@pytest.mark.slow
def test_calibration_set_targets(corpus_settings):
    """End to end on the real corpus index: the refusal bar of issue 4 on the calibration set."""
    from answer.service import build_assistant
    from evals.answers import evaluate_answers
    from evals.run_answers import load_items

    settings = corpus_settings.model_copy(update={"llm_provider": "none"})
    report = evaluate_answers(load_items(PROJECT_ROOT / "evals" / "data" / "calibration_questions.jsonl"),
                              build_assistant(settings))
    wrongly_refused = [r.id for r in report.items if r.refused and r.kind in ("single", "multi")]
    assert report.refusal_accuracy >= 0.85, report.refusal_by_kind
    assert not wrongly_refused
    assert report.citation_validity == 1.0
