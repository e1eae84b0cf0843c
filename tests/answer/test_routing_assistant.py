"""End to end through the Assistant: an LLM stand-in that writes its own verdict changes nothing shown.

The stand-in answers both kinds of prompt: asked for scenario fields it returns JSON with a forged verdict; asked
for an answer it writes "Ja, dit mag altijd". The verdict object and the text block that presents it must still
be exactly what the rules checker says."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage

from answer.models import AnswerMode
from answer.routing import route
from answer.service import Assistant, EventType
from checker import check
from handvat.settings import Settings
from index.hits import Hit
from ingest.passage import Passage

FORGED = "Ja, dit mag altijd"
QUESTION = "Mag de GGD aan de woningcorporatie melden dat de huurder schizofrenie heeft?"
DATA = yaml.safe_load((Path(__file__).parent / "data" / "llm_validator_cases.yaml").read_text("utf-8"))
PASSAGES = {p["id"]: Passage(**p) for p in DATA["passages"]}


class ForgingModel:
    """LLM stand-in at the ChatModel seam; records how often it was asked."""

    def __init__(self) -> None:
        self.calls = 0

    def _reply(self, messages: list[BaseMessage]) -> str:
        self.calls += 1
        if "JSON" in str(messages[0].content):
            return json.dumps({"gegevens": ["geanonimiseerd"], "doel": "openbare_orde", "uitkomst": "toegestaan",
                               "verdict": FORGED, "grondslagen": ["art. 1 Wet op alles"]})
        return f"{FORGED} [1]. Uitkomst: toegestaan, grondslag art. 1 Wet op alles [1]."

    def invoke(self, input: Any, config: Any = None, **kwargs: Any) -> BaseMessage:
        return AIMessage(content=self._reply(input))

    def stream(self, input: Any, config: Any = None, **kwargs: Any) -> Iterator[AIMessageChunk]:
        for word in self._reply(input).split(" "):
            yield AIMessageChunk(content=word + " ")


class FixedSearcher:
    def search(self, query: str, k: int = 8) -> list[Hit]:
        ranked = [PASSAGES["p-buitenkant"], PASSAGES["p-wpg-kan"]]
        return [Hit(passage=p, score=1.0 / (i + 1), rank=i + 1) for i, p in enumerate(ranked)][:k]


def assistant(model: ForgingModel) -> Assistant:
    return Assistant(
        FixedSearcher(), Settings(), chat_model=model,
        router=lambda q, h: route(q, h, chat_model=model),
    )


def test_forged_verdict_never_reaches_the_answer() -> None:
    model = ForgingModel()
    answer = assistant(model).ask(QUESTION)
    expected = check(answer.scenario).model_dump(mode="json")
    assert answer.verdict == expected
    assert route(QUESTION).text in answer.answer  # the checker's block, verbatim
    assert FORGED not in answer.answer and "Wet op alles" not in answer.answer
    assert FORGED not in json.dumps(answer.verdict, ensure_ascii=False)
    assert model.calls >= 1 or answer.mode is AnswerMode.refusal  # the stand-in really was asked to answer


def test_forged_verdict_never_reaches_the_stream() -> None:
    model = ForgingModel()
    events = list(assistant(model).stream(QUESTION))
    assert events[0].type is EventType.sources
    verdicts = [e for e in events if e.type is EventType.verdict]
    assert len(verdicts) == 1 and verdicts[0].verdict == check(verdicts[0].scenario).model_dump(mode="json")
    streamed = "".join(e.text or "" for e in events if e.type is EventType.delta)
    assert FORGED not in streamed and "Wet op alles" not in streamed
    final = events[-1].answer
    assert final is not None and final.verdict == verdicts[0].verdict
