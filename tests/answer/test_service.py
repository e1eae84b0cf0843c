"""The orchestrator: event order, LLM path with validation and fallback, routing verbatim, errors, timings."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from answer.errors import EmptyQuestionError, QuestionTooLongError
from answer.models import AnswerMode
from answer.service import VERDICT_HEADING, Assistant, EventType
from handvat.settings import Settings

QUESTION = "Mag de reclassering gegevens aan een woningcorporatie verstrekken?"


def fake_model(*texts: str) -> GenericFakeChatModel:
    return GenericFakeChatModel(messages=iter([AIMessage(content=t) for t in texts]))


def final_citations(events):
    return events[-1].answer.citations


def test_stream_sends_sources_first_and_final_last(assistant):
    events = list(assistant.stream(QUESTION))
    assert events[0].type is EventType.sources and events[0].passages
    assert events[-1].type is EventType.final
    assert {e.type for e in events[1:-1]} == {EventType.delta} and len(events) - 2 == len(final_citations(events))
    final = events[-1].answer
    assert final.passages == events[0].passages
    assert final.answer == "".join(e.text for e in events if e.type is EventType.delta)
    assert final.model_dump(exclude={"timings_ms"}) == assistant.ask(QUESTION).model_dump(exclude={"timings_ms"})


def test_markers_use_the_numbering_of_the_sources_event(assistant):
    answer = assistant.ask(QUESTION)
    for c in answer.citations:
        assert answer.passages[c.n - 1].id == c.passage_id
        assert c.quote in answer.passages[c.n - 1].text


def test_timings_cover_every_stage(assistant):
    timings = assistant.ask(QUESTION).timings_ms
    assert {"guard", "retrieve", "route", "select", "answer", "total"} <= set(timings)
    assert timings["total"] >= timings["retrieve"]


def test_empty_and_too_long_questions_are_user_errors(assistant):
    with pytest.raises(EmptyQuestionError):
        assistant.ask("   ")
    with pytest.raises(QuestionTooLongError) as err:
        assistant.ask("x" * (assistant.settings.max_question_chars + 1))
    assert "HANDVAT_MAX_QUESTION_CHARS" in str(err.value)


def _llm_assistant(core_searcher, core_stats, model):
    settings = Settings(top_k=5, llm_provider="none")
    return Assistant(core_searcher, settings, model, corpus_stats=core_stats, router=False)


def test_llm_answer_with_valid_citation_is_kept(core_searcher, core_stats):
    hits = core_searcher.search(QUESTION, k=5)
    n = next(i for i, h in enumerate(hits, 1) if h.passage.id == "hv-5.8")
    text = f"De reclassering kan alleen met toestemming van de cliënt gegevens aan een woningcorporatie verstrekken [{n}]."
    answer = _llm_assistant(core_searcher, core_stats, fake_model(text)).ask(QUESTION)
    assert answer.mode is AnswerMode.llm and not answer.refused
    assert f"[{n}]" in answer.answer and answer.citations[0].passage_id == "hv-5.8"


def test_unsupported_llm_answer_falls_back_to_extractive_and_says_why(core_searcher, core_stats, assistant):
    forged = "Delen mag altijd, ook zonder toestemming [9]. Dat staat in de wet [7]."
    answer = _llm_assistant(core_searcher, core_stats, fake_model(forged)).ask(QUESTION)
    assert answer.mode is AnswerMode.extractive
    assert "altijd" not in answer.answer
    assert answer.answer == assistant.ask(QUESTION).answer
    assert any(n.startswith("Antwoord zonder taalmodel") for n in answer.notes)


def test_streamed_llm_fallback_ends_with_the_extractive_answer(core_searcher, core_stats):
    events = list(_llm_assistant(core_searcher, core_stats, fake_model("Geen bron hier.")).stream(QUESTION))
    assert events[0].type is EventType.sources
    assert events[-1].answer.mode is AnswerMode.extractive and events[-1].answer.citations


class BrokenModel:
    def invoke(self, *a, **k):
        raise ConnectionError("down")

    def stream(self, *a, **k):
        raise ConnectionError("down")


def test_broken_llm_never_costs_the_answer(core_searcher, core_stats):
    answer = _llm_assistant(core_searcher, core_stats, BrokenModel()).ask(QUESTION)
    assert answer.citations and answer.mode is AnswerMode.extractive


VERDICT = {"uitkomst": "niet_toegestaan", "grondslagen": ["art. 23 lid 1 sub a Wbp"], "voorwaarden": [],
           "ontbrekende_feiten": ["toestemming"]}
SCENARIO = {"verstrekker": "reclassering", "ontvanger": "woningcorporatie"}


def _router(question, history):
    return SimpleNamespace(verdict=VERDICT, scenario=SCENARIO, unmapped=[], text="Uitkomst: niet_toegestaan")


def test_routed_verdict_is_shown_verbatim_beside_the_passages(core_searcher, core_stats, core_settings):
    assistant = Assistant(core_searcher, core_settings, corpus_stats=core_stats, router=_router)
    answer = assistant.ask(QUESTION)
    assert answer.verdict == VERDICT and answer.scenario == SCENARIO
    assert answer.answer.startswith(f"{VERDICT_HEADING}\nUitkomst: niet_toegestaan")
    assert answer.citations
    events = list(assistant.stream(QUESTION))
    assert [e.type for e in events[:2]] == [EventType.sources, EventType.verdict]


def test_llm_stand_in_cannot_change_the_routed_verdict(core_searcher, core_stats, core_settings):
    forged = "Uitkomst: toegestaan. Delen mag altijd [1]."
    assistant = Assistant(core_searcher, core_settings, fake_model(forged), corpus_stats=core_stats, router=_router)
    answer = assistant.ask(QUESTION)
    assert answer.verdict == VERDICT
    assert "toegestaan." not in answer.answer.replace("niet_toegestaan", "")


def test_failing_router_is_a_note_not_a_crash(core_searcher, core_stats, core_settings):
    def broken(question, history):
        raise RuntimeError("boom")

    answer = Assistant(core_searcher, core_settings, corpus_stats=core_stats, router=broken).ask(QUESTION)
    assert answer.citations and answer.verdict is None
    assert any("regelchecker" in n for n in answer.notes)


def test_missing_index_is_a_dutch_user_error(tmp_path):
    from answer.errors import IndexUnavailableError
    from answer.service import build_assistant

    with pytest.raises(IndexUnavailableError) as err:
        build_assistant(Settings(data_dir=tmp_path / "leeg", llm_provider="none"))
    assert "handvat ingest" in str(err.value)


def test_long_rambling_question_stays_fast(assistant):
    import time

    question = "Mag de reclassering gegevens delen? " + " ".join(f"woordzonderbetekenis{i}x" for i in range(150))
    start = time.perf_counter()
    answer = assistant.ask(question[: assistant.settings.max_question_chars])
    assert time.perf_counter() - start < 2.0
    assert answer.timings_ms["total"] > 0
