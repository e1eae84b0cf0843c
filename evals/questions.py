"""Retrieval evaluation on a question set (format: evals/data/README.md)."""

from __future__ import annotations

import json
import math
import re
import statistics
import time
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

WINDOW_CHARS = 5000
RECALL_AT = (1, 3, 5, 10)
SEARCH_DEPTH = 20


class QuestionKind(StrEnum):
    single = "single"
    multi = "multi"
    unanswerable = "unanswerable"
    adversarial = "adversarial"


class Evidence(BaseModel):
    model_config = ConfigDict(extra="ignore")

    doc: str
    section: str = ""
    snippets: list[str]


class QuestionItem(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str
    question: str
    kind: QuestionKind
    lang: str = "nl"
    evidence: list[Evidence] = Field(default_factory=list)

    @property
    def answerable(self) -> bool:
        return self.kind in (QuestionKind.single, QuestionKind.multi)

    @property
    def snippets(self) -> list[str]:
        return [norm(s) for e in self.evidence for s in e.snippets]


class EvalFileError(ValueError):
    pass


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def load_questions(path: Path) -> list[QuestionItem]:
    if not path.exists():
        raise EvalFileError(f"Evaluatiebestand {path} bestaat niet.")
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            items.append(QuestionItem.model_validate_json(line))
        except ValidationError as exc:
            raise EvalFileError(f"{path}, regel {number}: geen geldige vraag ({exc.errors()[0]['msg']}).") from exc
    return items


def evidence_found(item: QuestionItem, texts: Sequence[str]) -> bool:
    """The reference test of evals/data/README.md: a gold snippet lies in the first 5,000 characters."""
    window = norm(" ".join(texts))[:WINDOW_CHARS]
    return any(s in window for s in item.snippets)


def first_relevant_rank(item: QuestionItem, texts: Sequence[str]) -> int | None:
    for rank, text in enumerate(texts, start=1):
        passage = norm(text)
        if any(s in passage for s in item.snippets):
            return rank
    return None


class RetrievalFigures(BaseModel):
    config: str
    questions: int
    evidence_recall: float
    evidence_recall_by_kind: dict[str, float]
    recall_at: dict[str, float]
    mrr: float
    latency_ms_p50: float
    latency_ms_p95: float
    missed: list[str] = Field(default_factory=list, description="ids whose evidence was not retrieved")


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile, q as a fraction (0.95 for p95)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def evaluate_retrieval(config: str, items: Sequence[QuestionItem], search: Callable[[str, int], list]) -> RetrievalFigures:
    """`search(question, k)` returns hits best first, each with `.passage.text`."""
    answerable = [i for i in items if i.answerable]
    latencies, found, ranks = [], {}, {}
    for item in answerable:
        started = time.perf_counter()
        hits = search(item.question, SEARCH_DEPTH)
        latencies.append((time.perf_counter() - started) * 1000)
        texts = [h.passage.text_with_footnotes for h in hits]
        found[item.id] = evidence_found(item, texts)
        ranks[item.id] = first_relevant_rank(item, texts)
    n = max(len(answerable), 1)
    by_kind = {}
    for kind in (QuestionKind.single, QuestionKind.multi):
        group = [i for i in answerable if i.kind == kind]
        if group:
            by_kind[kind.value] = round(sum(found[i.id] for i in group) / len(group), 4)
    return RetrievalFigures(
        config=config,
        questions=len(answerable),
        evidence_recall=round(sum(found.values()) / n, 4),
        evidence_recall_by_kind=by_kind,
        recall_at={
            f"@{k}": round(sum(1 for r in ranks.values() if r is not None and r <= k) / n, 4) for k in RECALL_AT
        },
        mrr=round(sum(1 / r for r in ranks.values() if r) / n, 4),
        latency_ms_p50=round(statistics.median(latencies) if latencies else 0.0, 2),
        latency_ms_p95=round(percentile(latencies, 0.95), 2),
        missed=[i for i, ok in found.items() if not ok],
    )


def format_retrieval(figures: Sequence[RetrievalFigures]) -> str:
    rows: list[tuple[str, list[str]]] = [
        ("evidence recall (5.000 tekens)", [f"{f.evidence_recall:.3f}" for f in figures])
    ]
    for kind in ("single", "multi"):
        rows.append((f"  waarvan {kind}", [f"{f.evidence_recall_by_kind.get(kind, 0):.3f}" for f in figures]))
    for k in RECALL_AT:
        rows.append((f"recall@{k} (passage)", [f"{f.recall_at[f'@{k}']:.3f}" for f in figures]))
    rows.append(("MRR", [f"{f.mrr:.3f}" for f in figures]))
    rows.append(("zoeken p50 (ms)", [f"{f.latency_ms_p50:.1f}" for f in figures]))
    rows.append(("zoeken p95 (ms)", [f"{f.latency_ms_p95:.1f}" for f in figures]))
    width = 32
    header = f"Zoeken ({figures[0].questions} vragen)"
    lines = [f"{header:<{width}}" + "".join(f"{f.config:>12}" for f in figures)]
    lines += [f"{label:<{width}}" + "".join(f"{cell:>12}" for cell in cells) for label, cells in rows]
    lines += [f"niet gevonden ({f.config}): {', '.join(f.missed)}" for f in figures if f.missed]
    return "\n".join(lines)


def figures_json(figures: Sequence[RetrievalFigures], extra: dict | None = None) -> str:
    payload = {"retrieval": [f.model_dump() for f in figures], **(extra or {})}
    return json.dumps(payload, ensure_ascii=False, indent=2)
