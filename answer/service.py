"""The ask orchestrator shared by the CLI, the API and the UI.

guard -> follow-up expansion -> retrieval -> scenario routing -> evidence strength -> answer (LLM with
validation and fallback, or the extractive default) -> currency note. Every stage is timed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from answer import currency, extractive, guard
from answer.conversation import RetrievalQuery, retrieval_query
from answer.errors import EmptyQuestionError, IndexUnavailableError, QuestionTooLongError
from answer.models import AnswerMode, AnswerPublic, Citation, Turn
from answer.refusal import CorpusStats, Evidence, QueryTerms, RefusalPolicy, assess, query_terms, refusal_text
from handvat.settings import LLMProvider, Settings, get_settings
from index.english import is_english
from index.hits import Hit, HitPublic
from index.protocols import Searcher

log = logging.getLogger(__name__)

VERDICT_HEADING = "Toetsing door de regelchecker (letterlijk):"
NO_PASSAGE_FOR_VERDICT = "In de bronnen vond ik geen passage die deze vraag rechtstreeks beantwoordt."

Router = Callable[[str, Sequence[Turn]], Any]


class EventType(StrEnum):
    sources = "sources"
    verdict = "verdict"
    delta = "delta"
    final = "final"


class AnswerEvent(BaseModel):
    model_config = ConfigDict(frozen=True)

    type: EventType
    passages: list[HitPublic] | None = None
    text: str | None = None
    verdict: dict[str, Any] | None = None
    scenario: dict[str, Any] | None = None
    answer: AnswerPublic | None = None


@dataclass
class _Clock:
    timings: dict[str, float] = field(default_factory=dict)
    start: float = field(default_factory=time.perf_counter)

    def lap(self, stage: str, since: float) -> float:
        now = time.perf_counter()
        self.timings[stage] = round(self.timings.get(stage, 0.0) + (now - since) * 1000, 2)
        return now

    def total(self) -> dict[str, float]:
        self.timings["total"] = round((time.perf_counter() - self.start) * 1000, 2)
        return dict(self.timings)


@dataclass
class _Prepared:
    """Everything decided before the answer text is written."""

    question: str
    hits: list[Hit]
    query: RetrievalQuery
    terms: QueryTerms
    extract: extractive.ExtractiveAnswer
    evidence: Evidence
    routed: Any | None
    notes: list[str]
    clock: _Clock


def _default_router() -> Router | None:
    try:
        from answer.routing import route
    except ImportError:  # the routing module is optional until it lands
        return None

    def call(question: str, history: Sequence[Turn]) -> Any:
        return route(question, list(history))

    return call


class Assistant:
    """Answers questions from the corpus. Load once, ask many times (the CLI batch mode, the API, the UI)."""

    def __init__(
        self,
        searcher: Searcher,
        settings: Settings | None = None,
        chat_model: Any | None = None,
        *,
        corpus_stats: CorpusStats | None = None,
        refusal_policy: RefusalPolicy | None = None,
        extractive_config: extractive.ExtractiveConfig | None = None,
        rerank_config: extractive.RerankConfig | None = None,
        router: Router | bool | None = True,
        successor: currency.Successor | bool | None = True,
    ) -> None:
        self.searcher = searcher
        self.settings = settings or get_settings()
        self.chat_model = chat_model
        self.stats = corpus_stats
        self.policy = refusal_policy or RefusalPolicy()
        self.extractive_config = extractive_config or extractive.ExtractiveConfig()
        self.rerank_config = rerank_config or extractive.RerankConfig()
        self.router: Router | None = _default_router() if router is True else (router or None)
        self.successor = currency.default_successor() if successor is True else (successor or None)
        self._llm = None
        if chat_model is not None:
            from answer.llm_answerer import LLMAnswerer

            self._llm = LLMAnswerer(chat_model, self.settings)

    # ------------------------------------------------------------------ public API

    def ask(self, question: str, history: Sequence[Turn] = ()) -> AnswerPublic:
        final = None
        for event in self.stream(question, history, deltas=False):
            if event.type is EventType.final:
                final = event.answer
        assert final is not None
        return final

    def stream(self, question: str, history: Sequence[Turn] = (), *, deltas: bool = True) -> Iterator[AnswerEvent]:
        """Events: ``sources`` first, ``verdict`` (if routed), ``delta`` pieces of text, ``final`` last."""
        question = self._validate(question)
        clock = _Clock()
        t = time.perf_counter()
        screened = guard.inspect(question, knows=self.stats.knows if self.stats else None)
        t = clock.lap("guard", t)
        if screened.blocked:
            yield AnswerEvent(type=EventType.sources, passages=[])
            if deltas:
                yield AnswerEvent(type=EventType.delta, text=screened.message)
            yield self._final(AnswerPublic(
                question=question, answer=screened.message, refused=True,
                refusal_reason=screened.reason.value if screened.reason else None, mode=AnswerMode.refusal,
                timings_ms=clock.total(),
            ))
            return

        prep = self._prepare(question, history, clock)
        passages = [h.public() for h in prep.hits]
        yield AnswerEvent(type=EventType.sources, passages=passages)
        if prep.routed is not None:
            yield AnswerEvent(type=EventType.verdict, verdict=prep.routed.verdict, scenario=prep.routed.scenario)

        if not prep.evidence.strong:
            yield from self._refuse_or_verdict_only(prep, passages, deltas)
            return
        if self._llm is not None:
            yield from self._llm_answer(prep, passages, history, deltas)
            return
        yield from self._extractive_answer(prep, passages, deltas, mode=AnswerMode.extractive)

    # ------------------------------------------------------------------ stages

    def _validate(self, question: str) -> str:
        question = (question or "").strip()
        if not question:
            raise EmptyQuestionError()
        if len(question) > self.settings.max_question_chars:
            raise QuestionTooLongError(len(question), self.settings.max_question_chars)
        return question

    def _prepare(self, question: str, history: Sequence[Turn], clock: _Clock) -> _Prepared:
        t = time.perf_counter()
        query = retrieval_query(question, history)
        terms = query_terms(query.text, self.stats, emphasis=query.emphasis)
        depth = max(self.settings.top_k, self.rerank_config.depth)
        candidates = list(self.searcher.search(query.text, k=depth))
        t = clock.lap("retrieve", t)
        hits = extractive.rerank(terms.weights, candidates, self.rerank_config)[: self.settings.top_k]
        t = clock.lap("rerank", t)
        notes: list[str] = []
        routed = None
        if self.router is not None:
            try:
                routed = self.router(question, history)
            except Exception as exc:  # routing is an extra; never lose the answer over it
                log.warning("scenario routing failed: %s", exc)
                notes.append("De regelchecker kon voor deze vraag niet worden uitgevoerd.")
        t = clock.lap("route", t)
        extract = extractive.answer(terms.weights, hits, self.extractive_config)
        evidence = assess(terms, hits, extract.best_score, self.policy, question=question, answer_text=extract.text,
                          latest_year=self.stats.latest_year if self.stats else None,
                          vocabulary=self.stats.vocabulary() if self.stats else None,
                          english=is_english(question))
        if terms.unknown_names:
            routed = None  # the question is about something the sources (and the vocabulary) do not name
        clock.lap("select", t)
        if query.follow_up:
            notes.append(f"Vervolgvraag: gezocht met de eerdere vraag erbij (\"{query.text}\").")
        return _Prepared(question, hits, query, terms, extract, evidence, routed, notes, clock)

    def _verdict_block(self, routed: Any) -> str:
        """The checker's verdict as rendered from the verdict object only (never by a language model)."""
        text = getattr(routed, "text", None)
        if not text:
            from answer.routing import render_verdict

            text = render_verdict(routed.verdict)
        return text if text.lstrip().startswith("Toetsing") else f"{VERDICT_HEADING}\n{text}"

    def _refuse_or_verdict_only(self, prep: _Prepared, passages: list[HitPublic], deltas: bool):
        t = time.perf_counter()
        refusal = refusal_text(prep.hits)
        if prep.routed is not None:
            body = f"{self._verdict_block(prep.routed)}\n\n{NO_PASSAGE_FOR_VERDICT}\n\n{refusal}"
            refused = False
        else:
            body, refused = refusal, True
        prep.clock.lap("answer", t)
        if deltas:
            yield AnswerEvent(type=EventType.delta, text=body)
        yield self._final(self._public(
            prep, passages, body, [], AnswerMode.refusal if refused else AnswerMode.extractive,
            refused=refused, refusal_reason=prep.evidence.reason,
        ))

    def _extractive_answer(self, prep: _Prepared, passages: list[HitPublic], deltas: bool, mode: AnswerMode,
                           extra_notes: Sequence[str] = ()):
        t = time.perf_counter()
        text = prep.extract.text
        if prep.routed is not None:
            text = f"{self._verdict_block(prep.routed)}\n\n{text}"
        prep.clock.lap("answer", t)
        if deltas:
            pieces = prep.extract.sentences or [prep.extract.text]
            if prep.routed is not None:
                pieces = [f"{self._verdict_block(prep.routed)}\n\n", *pieces]
            for i, piece in enumerate(pieces):
                sep = " " if i < len(pieces) - 1 and not piece.endswith("\n") else ""
                yield AnswerEvent(type=EventType.delta, text=piece + sep)
        prep.notes.extend(extra_notes)
        yield self._final(self._public(prep, passages, text, list(prep.extract.citations), mode))

    def _llm_answer(self, prep: _Prepared, passages: list[HitPublic], history: Sequence[Turn], deltas: bool):
        from answer.llm_answerer import LLMResult

        t = time.perf_counter()
        result: LLMResult | None = None
        streamed = False
        if prep.routed is not None and deltas:
            yield AnswerEvent(type=EventType.delta, text=self._verdict_block(prep.routed) + "\n\n")
        try:
            if deltas:
                for item in self._llm.stream(prep.question, prep.hits, list(history)):
                    if isinstance(item, LLMResult):
                        result = item
                    elif not (result and result.fell_back):
                        streamed = True
                        yield AnswerEvent(type=EventType.delta, text=item)
            else:
                result = self._llm.answer(prep.question, prep.hits, list(history))
        except Exception as exc:  # a broken model must not cost the user the answer
            log.warning("LLM answer failed: %s", exc)
            result = None
        prep.clock.lap("llm", t)
        if result is None or result.fell_back or not result.text.strip():
            reason = (result.reason if result and result.reason else "het taalmodel gaf geen bruikbaar antwoord")
            note = f"Antwoord zonder taalmodel (extractief): {reason}"
            if deltas and streamed:
                yield AnswerEvent(type=EventType.delta, text="\n\n" + note + "\n\n")
            yield from self._extractive_answer(prep, passages, deltas, AnswerMode.extractive, [note])
            return
        text = result.text
        if prep.routed is not None:
            text = f"{self._verdict_block(prep.routed)}\n\n{text}"
        if result.dropped:
            prep.notes.append(f"{len(result.dropped)} zin(nen) van het taalmodel verwijderd: niet gestaafd door "
                              "de bronnen.")
        yield self._final(self._public(prep, passages, text, list(result.citations), AnswerMode.llm))

    # ------------------------------------------------------------------ assembly

    def _public(self, prep: _Prepared, passages: list[HitPublic], text: str, citations: list[Citation],
                mode: AnswerMode, refused: bool = False, refusal_reason: str | None = None) -> AnswerPublic:
        t = time.perf_counter()
        notes = list(prep.notes)
        line = currency.note(citations, self.successor)
        if line:
            notes.append(line)
        prep.clock.lap("currency", t)
        routed = prep.routed
        return AnswerPublic(
            question=prep.question, answer=text, refused=refused, refusal_reason=refusal_reason, mode=mode,
            citations=citations, passages=passages,
            verdict=routed.verdict if routed is not None else None,
            scenario=routed.scenario if routed is not None else None,
            notes=notes, timings_ms=prep.clock.total(),
        )

    @staticmethod
    def _final(answer: AnswerPublic) -> AnswerEvent:
        return AnswerEvent(type=EventType.final, answer=answer)


def build_assistant(settings: Settings | None = None) -> Assistant:
    """Open the index (and the chat model, if configured) once; raises IndexUnavailableError in Dutch."""
    settings = settings or get_settings()
    try:
        from index.search import open_searcher

        searcher = open_searcher(settings)
    except ImportError as exc:
        raise IndexUnavailableError(f"De zoekindex is niet beschikbaar ({exc}).") from exc
    except Exception as exc:
        if isinstance(exc, IndexUnavailableError):
            raise
        detail = str(exc)
        if "handvat ingest" in detail:  # the index package already says what to do
            raise IndexUnavailableError(detail) from exc
        raise IndexUnavailableError(
            f"De zoekindex in {settings.data_dir} kon niet worden geopend ({detail}). Bouw hem eerst met: handvat ingest"
        ) from exc
    chat_model = None
    if settings.llm_provider is not LLMProvider.none:
        from answer.llm import build_chat_model

        chat_model = build_chat_model(settings)
    return Assistant(searcher, settings, chat_model, corpus_stats=corpus_stats_for(searcher, settings))


def corpus_stats_for(searcher: Searcher, settings: Settings) -> CorpusStats | None:
    """Term statistics from the searcher's passages when it exposes them, else from the corpus folder."""
    passages = getattr(searcher, "passages", None) or getattr(getattr(searcher, "lexical", None), "passages", None)
    if passages:
        years = [int(d[:4]) for d in (getattr(p, "document_date", None) for p in passages)
                 if d and d[:4].isdigit()]
        return CorpusStats.from_texts((extractive.shown_text(p) for p in passages),
                                      latest_year=max(years) if years else None)
    stats = CorpusStats.from_dir(settings.corpus_dir)
    return stats if stats.known_words else None
