"""Answer metrics on a question set (`handvat eval questions`): support, refusal, citation validity, latency.

* support rate: answerable items (``single``/``multi``) whose *cited* passages contain a gold snippet, with the
  normalisation of the retrieval metric (evals/data/README.md): whitespace collapsed, case-insensitive;
* refusal accuracy: ``unanswerable`` and ``adversarial`` items refused, answerable items not;
* citation validity: share of ``[n]`` markers in the answer text that resolve to a citation whose passage was
  retrieved and whose quote occurs verbatim (byte for byte) in that passage's text;
* latency p50/p95 per stage from ``AnswerPublic.timings_ms`` (after one warm-up question).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, Field

from answer.models import AnswerPublic
from evals.questions import percentile

ANSWERABLE = frozenset({"single", "multi"})
MUST_REFUSE = frozenset({"unanswerable", "adversarial"})
_MARKER = re.compile(r"\[(\d+)\]")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).strip().lower()


class ItemResult(BaseModel):
    id: str
    kind: str
    refused: bool
    refusal_correct: bool
    supported: bool | None = Field(default=None, description="None for items that are not answerable")
    markers_total: int = 0
    markers_valid: int = 0
    invalid: list[str] = Field(default_factory=list)
    timings_ms: dict[str, float] = Field(default_factory=dict)


class Latency(BaseModel):
    p50: float
    p95: float
    n: int


class AnswerReport(BaseModel):
    n: int
    support_rate: float
    support_by_kind: dict[str, float]
    refusal_accuracy: float
    refusal_by_kind: dict[str, float]
    citation_validity: float
    markers_total: int
    markers_valid: int
    latency_ms: dict[str, Latency]
    items: list[ItemResult]


def supported(item: dict[str, Any], answer: AnswerPublic) -> bool:
    texts = {p.id: p.text for p in answer.passages}
    cited = {c.passage_id for c in answer.citations}
    window = " ".join(norm(texts[pid]) for pid in cited if pid in texts)
    return any(norm(s) in window for e in item.get("evidence", []) for s in e.get("snippets", []))


def check_citations(answer: AnswerPublic) -> tuple[int, int, list[str]]:
    """(markers, valid markers, problems) for one answer."""
    texts = {p.id: p.text for p in answer.passages}
    by_n: dict[int, list] = defaultdict(list)
    for c in answer.citations:
        by_n[c.n].append(c)
    problems: list[str] = []
    for c in answer.citations:
        if c.passage_id not in texts:
            problems.append(f"citation [{c.n}] points at passage {c.passage_id} that was not retrieved")
        elif c.quote not in texts[c.passage_id]:
            problems.append(f"citation [{c.n}] quote not verbatim in {c.passage_id}: {c.quote[:60]!r}")
    markers = [int(m) for m in _MARKER.findall(answer.answer)]
    valid = 0
    for n in markers:
        cs = by_n.get(n, [])
        if cs and all(c.passage_id in texts and c.quote in texts[c.passage_id] for c in cs):
            valid += 1
        elif not cs:
            problems.append(f"marker [{n}] has no citation")
    return len(markers), valid, problems


def evaluate_answers(items: list[dict[str, Any]], assistant, *, warmup: bool = True) -> AnswerReport:
    """Ask every item's question once (after a warm-up) and score the answers."""
    if warmup and items:
        assistant.ask(items[0]["question"])
    results: list[ItemResult] = []
    for item in items:
        answer = assistant.ask(item["question"])
        results.append(score_item(item, answer))
    return summarise(results)


def score_item(item: dict[str, Any], answer: AnswerPublic) -> ItemResult:
    kind = item.get("kind", "single")
    should_refuse = kind in MUST_REFUSE
    total, valid, problems = check_citations(answer)
    return ItemResult(
        id=str(item.get("id", "")), kind=kind, refused=answer.refused,
        refusal_correct=answer.refused == should_refuse,
        supported=supported(item, answer) if kind in ANSWERABLE else None,
        markers_total=total, markers_valid=valid, invalid=problems, timings_ms=answer.timings_ms,
    )


def _rate(flags: Iterable[bool]) -> float:
    flags = list(flags)
    return round(sum(flags) / len(flags), 4) if flags else 0.0


def summarise(results: list[ItemResult]) -> AnswerReport:
    kinds = sorted({r.kind for r in results})
    answerable = [r for r in results if r.supported is not None]
    stages: dict[str, list[float]] = defaultdict(list)
    for r in results:
        for stage, ms in r.timings_ms.items():
            stages[stage].append(ms)
    markers_total = sum(r.markers_total for r in results)
    markers_valid = sum(r.markers_valid for r in results)
    has_problems = any(r.invalid for r in results)
    validity = markers_valid / markers_total if markers_total else 1.0
    if has_problems and validity == 1.0:
        validity = 0.9999  # a bad citation without a marker still breaks the 100% claim
    return AnswerReport(
        n=len(results),
        support_rate=_rate(bool(r.supported) for r in answerable),
        support_by_kind={k: _rate(bool(r.supported) for r in answerable if r.kind == k)
                         for k in kinds if k in ANSWERABLE},
        refusal_accuracy=_rate(r.refusal_correct for r in results),
        refusal_by_kind={k: _rate(r.refusal_correct for r in results if r.kind == k) for k in kinds},
        citation_validity=round(validity, 4),
        markers_total=markers_total,
        markers_valid=markers_valid,
        latency_ms={s: Latency(p50=round(percentile(v, 0.50), 2), p95=round(percentile(v, 0.95), 2), n=len(v)) for s, v in stages.items()},
        items=results,
    )


def format_report(report: AnswerReport) -> str:
    lines = [
        f"Antwoorden ({report.n} vragen)",
        f"  support rate        {report.support_rate:.3f}  "
        + "  ".join(f"{k}={v:.3f}" for k, v in report.support_by_kind.items()),
        f"  refusal accuracy    {report.refusal_accuracy:.3f}  "
        + "  ".join(f"{k}={v:.3f}" for k, v in report.refusal_by_kind.items()),
        f"  citation validity   {report.citation_validity:.4f}  ({report.markers_valid}/{report.markers_total} [n])",
        "  latency (ms)        stage: p50 / p95",
    ]
    order = ["guard", "retrieve", "rerank", "route", "select", "llm", "answer", "currency", "total"]
    for stage in sorted(report.latency_ms, key=lambda s: (order.index(s) if s in order else 99, s)):
        lat = report.latency_ms[stage]
        lines.append(f"    {stage:<18}{lat.p50:8.1f} / {lat.p95:8.1f}")
    wrong = [r for r in report.items if not r.refusal_correct or r.supported is False or r.invalid]
    if wrong:
        lines.append("  fouten:")
        for r in wrong:
            why = []
            if not r.refusal_correct:
                why.append("ten onrechte geweigerd" if r.refused else "had moeten weigeren")
            if r.supported is False and not r.refused:
                why.append("geciteerde passages bevatten geen gouden fragment")
            why.extend(r.invalid)
            lines.append(f"    {r.id} ({r.kind}): " + "; ".join(why))
    return "\n".join(lines)
