"""Generate -> validate -> fall back: the language-model answer path.

The model gets the top passages numbered ``[1]..[k]`` (``k`` = ``settings.llm_max_passages``; the numbers are
the positions in the retrieved list, as in the ``sources`` event and the extractive answer). Its output is
validated sentence by sentence (:mod:`answer.validator`); unsupported sentences are removed. When too little
survives, or the model fails, the result says ``fell_back=True`` with a Dutch reason and the caller shows the
extractive answer instead. In streaming, text is released one *validated* sentence at a time, so nothing
the validator would remove is ever shown.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from enum import StrEnum

from langchain_core.messages import BaseMessage
from pydantic import BaseModel, Field

from answer.llm import ChatModel
from answer.models import Citation, Turn
from answer.prompt import NOT_FOUND, build_messages
from answer.validator import (
    DroppedSentence,
    KeptSentence,
    ValidationReport,
    add_to_report,
    check_sentence,
    content_tokens,
    normalise,
    quote_in_passage,
    split_sentences,
)
from handvat.settings import Settings, get_settings
from index.hits import Hit
from ingest.passage import Passage

MAX_QUOTE_CHARS = 300


class FallbackReason(StrEnum):
    none = "none"
    llm_error = "llm_error"
    empty = "empty"
    not_found = "not_found"
    too_little_survived = "too_little_survived"


class LLMResult(BaseModel):
    text: str = Field(description="Validated answer text; [n] = position of the passage in the retrieved list")
    citations: list[Citation] = Field(default_factory=list)
    dropped: list[DroppedSentence] = Field(default_factory=list)
    fell_back: bool = False
    reason: str | None = Field(default=None, description="Dutch, one line: why the answer fell back")
    reason_code: FallbackReason = FallbackReason.none
    raw: str = Field(default="", description="The model's raw output")
    markers_total: int = 0
    markers_valid: int = 0
    quotes_total: int = 0
    quotes_verbatim: int = 0
    timings_ms: dict[str, float] = Field(default_factory=dict)


def message_text(message: BaseMessage) -> str:
    """Plain text of a chat message (content may be a string or a list of content blocks)."""
    content = message.content
    if isinstance(content, str):
        return content
    parts = []
    for block in content:
        if isinstance(block, str):
            parts.append(block)
        elif isinstance(block, dict) and block.get("type") == "text":
            parts.append(str(block.get("text", "")))
    return "".join(parts)


def _collapse(text: str) -> str:
    return " ".join(text.split())


def supporting_span(passage: Passage, claims: Sequence[str], quotes: Sequence[str]) -> str:
    """A verbatim span of the passage (whitespace collapsed) that best supports the claims.

    Prefers the passage sentence containing a quote the model used; otherwise the sentence with the largest
    content-word overlap with the claims."""
    sentences = [s for _, s in split_sentences(_collapse(passage.text))] or [_collapse(passage.text)]
    claim_tokens = set()
    for c in claims:
        claim_tokens.update(content_tokens(c))

    def score(sentence: str) -> float:
        quoted = any(quote_in_passage(q, sentence) for q in quotes)
        overlap = len(claim_tokens & set(content_tokens(sentence)))
        return (100.0 if quoted else 0.0) + overlap

    best = max(sentences, key=score)
    if len(best) > MAX_QUOTE_CHARS:
        cut = best.rfind(" ", 0, MAX_QUOTE_CHARS)
        best = best[: cut if cut > 0 else MAX_QUOTE_CHARS]
    return best


def build_citations(kept: Sequence[KeptSentence], hits: Sequence[Hit]) -> list[Citation]:
    """One citation per distinct ``[n]`` in the surviving sentences, in order of first use."""
    order: list[int] = []
    claims: dict[int, list[str]] = {}
    quotes: dict[int, list[str]] = {}
    for s in kept:
        for n in s.markers:
            if n not in order:
                order.append(n)
            claims.setdefault(n, []).append(s.text)
            p = hits[n - 1].passage
            quotes.setdefault(n, []).extend(q for q in s.quotes if quote_in_passage(q, p.text))
    out = []
    for n in order:
        p = hits[n - 1].passage
        out.append(
            Citation(
                n=n, passage_id=p.id, document=p.document, document_title=p.document_title, section=p.section,
                title=p.title, page=p.page, label=p.label, quote=supporting_span(p, claims[n], quotes[n]),
            )
        )
    return out


class LLMAnswerer:
    """Answers with a chat model and keeps only what the validator accepts."""

    def __init__(self, chat_model: ChatModel, settings: Settings | None = None) -> None:
        self.chat_model = chat_model
        self.settings = settings or get_settings()

    # ------------------------------------------------------------ public API

    def answer(self, question: str, hits: list[Hit], history: Sequence[Turn] = ()) -> LLMResult:
        used = self._used(hits)
        messages = self._messages(question, used, history)
        t0 = time.perf_counter()
        try:
            raw = message_text(self.chat_model.invoke(messages))
        except Exception as exc:  # any provider/transport failure: fall back, never crash the answer
            return self._error_result(exc, t0)
        t1 = time.perf_counter()
        report = ValidationReport()
        for sep, sentence in split_sentences(raw):
            add_to_report(report, self._check(sentence, used, sep))
        return self._finish(raw, report, used, {"llm": _ms(t0, t1), "validate": _ms(t1, time.perf_counter())})

    def stream(self, question: str, hits: list[Hit], history: Sequence[Turn] = ()) -> Iterator[str | LLMResult]:
        """Validated text pieces as they become final, then exactly one :class:`LLMResult`.

        A sentence is released only when the next one has begun (or the output ended), so that citation markers
        written after a full stop still count for it. When the result says ``fell_back``, the caller replaces
        what it streamed by the extractive answer."""
        used = self._used(hits)
        messages = self._messages(question, used, history)
        report = ValidationReport()
        raw = ""
        done = 0  # sentences already checked
        validate_ms = 0.0
        t0 = time.perf_counter()
        try:
            for chunk in self.chat_model.stream(messages):
                raw += message_text(chunk)
                pieces = split_sentences(raw)
                final = len(pieces) - 1 if _has_text(pieces[-1][1] if pieces else "") else len(pieces) - 2
                while done < final:
                    tv = time.perf_counter()
                    piece = self._release(report, pieces[done], used)
                    validate_ms += _ms(tv, time.perf_counter())
                    done += 1
                    if piece:
                        yield piece
        except Exception as exc:  # provider/transport failure mid-stream
            yield self._error_result(exc, t0)
            return
        tv = time.perf_counter()
        pieces = split_sentences(raw)
        tail = []
        while done < len(pieces):
            piece = self._release(report, pieces[done], used)
            done += 1
            if piece:
                tail.append(piece)
        validate_ms += _ms(tv, time.perf_counter())
        yield from tail
        llm_ms = _ms(t0, time.perf_counter()) - validate_ms
        yield self._finish(raw, report, used, {"llm": round(llm_ms, 2), "validate": round(validate_ms, 2)})

    # ------------------------------------------------------------ internals

    def _used(self, hits: list[Hit]) -> list[Hit]:
        return list(hits[: self.settings.llm_max_passages])

    def _messages(self, question: str, used: list[Hit], history: Sequence[Turn]) -> list[BaseMessage]:
        return build_messages(
            question, [h.passage for h in used], history, max_chars_per_passage=self.settings.llm_passage_chars
        )

    def _check(self, sentence: str, used: list[Hit], sep: str) -> KeptSentence | DroppedSentence:
        return check_sentence(
            sentence, [h.passage for h in used], separator=sep, min_support=self.settings.llm_min_support
        )

    def _release(self, report: ValidationReport, piece: tuple[str, str], used: list[Hit]) -> str:
        sep, sentence = piece
        checked = self._check(sentence, used, sep)
        first = not report.kept
        add_to_report(report, checked)
        if isinstance(checked, DroppedSentence):
            return ""
        if first:
            return checked.text
        return ("\n" if "\n" in sep else " ") + checked.text

    def _error_result(self, exc: Exception, t0: float) -> LLMResult:
        return LLMResult(
            text="", fell_back=True, reason_code=FallbackReason.llm_error,
            reason=f"Het taalmodel gaf geen bruikbaar antwoord ({type(exc).__name__}); "
            "hieronder het antwoord zonder taalmodel.",
            timings_ms={"llm": _ms(t0, time.perf_counter())},
        )

    def _finish(self, raw: str, report: ValidationReport, used: list[Hit], timings: dict[str, float]) -> LLMResult:
        counts = {
            "markers_total": report.markers_total, "markers_valid": report.markers_valid,
            "quotes_total": report.quotes_total, "quotes_verbatim": report.quotes_verbatim,
        }
        total = len(report.kept) + len(report.dropped)
        code = FallbackReason.none
        if not raw.strip():
            code = FallbackReason.empty
        elif not report.kept and normalise(NOT_FOUND).rstrip(".") in normalise(raw):
            code = FallbackReason.not_found
        elif not report.kept or len(report.kept) / total < self.settings.llm_min_kept_share:
            code = FallbackReason.too_little_survived
        if code is not FallbackReason.none:
            return LLMResult(
                text="", dropped=report.dropped, fell_back=True, reason_code=code,
                reason=_reason_nl(code, len(report.kept), total), raw=raw, timings_ms=timings, **counts,
            )
        return LLMResult(
            text=report.text, citations=build_citations(report.kept, used), dropped=report.dropped,
            raw=raw, timings_ms=timings, **counts,
        )


def _reason_nl(code: FallbackReason, kept: int, total: int) -> str:
    if code is FallbackReason.empty:
        return "Het taalmodel gaf een leeg antwoord; hieronder het antwoord zonder taalmodel."
    if code is FallbackReason.not_found:
        return "Het taalmodel vond het antwoord niet in de bronnen; hieronder het antwoord zonder taalmodel."
    return (
        f"Van het antwoord van het taalmodel bleven na controle van de bronverwijzingen {kept} van de {total} "
        "zinnen over; daarom het antwoord zonder taalmodel."
    )


def _has_text(sentence: str) -> bool:
    """True when a (possibly incomplete) sentence has begun with real words, not only citation markers."""
    return bool(re.search(r"[^\W\d_]", re.sub(r"\[[^\]]*\]?", "", sentence)))


def _ms(a: float, b: float) -> float:
    return round((b - a) * 1000, 2)
