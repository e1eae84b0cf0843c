"""Follow-up questions: use the earlier turns of a conversation to retrieve.

"En voor de reclassering?" says little on its own. When a question reads as a follow-up (it starts like one,
or has too few content words of its own), it is retrieved together with the last self-contained question of
the conversation; its own words are emphasised when sentences are chosen for the answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from answer.extractive import words
from answer.models import Turn

_FOLLOW_UP_START = re.compile(
    r"^\s*(?:en|maar|ook|of|dus|en\s+als|wat\s+als|en\s+wat|geldt\s+(?:dat|dit|hetzelfde)|hoe\s+zit\s+(?:dat|het)|"
    r"and|but|what\s+about|how\s+about|and\s+if|same\s+for)\b",
    re.IGNORECASE,
)
_ANAPHORA = re.compile(
    r"\b(?:dat|dit|die|daar\w*|hier\w*|hetzelfde|zo'n|zulke|hij|zij|ze|hem|haar|it|that|this|they|them)\b",
    re.IGNORECASE,
)
MIN_OWN_CONTENT_WORDS = 3


class RetrievalQuery(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    follow_up: bool = False
    emphasis: str | None = None  # the follow-up's own words, when the query was expanded


def is_follow_up(question: str, history: Sequence[Turn]) -> bool:
    if not history:
        return False
    own = words(question)
    if _FOLLOW_UP_START.match(question) and len(own) <= 6:
        return True
    return len(own) < MIN_OWN_CONTENT_WORDS or (len(own) <= 4 and bool(_ANAPHORA.search(question)))


def anchor(history: Sequence[Turn]) -> str | None:
    """The most recent question of the history that is not itself a follow-up."""
    for i in range(len(history) - 1, -1, -1):
        if not is_follow_up(history[i].question, history[:i]):
            return history[i].question
    return history[-1].question if history else None


def retrieval_query(question: str, history: Sequence[Turn] = ()) -> RetrievalQuery:
    if not is_follow_up(question, history):
        return RetrievalQuery(text=question)
    base = anchor(history)
    if not base:
        return RetrievalQuery(text=question)
    return RetrievalQuery(text=f"{base} {question}", follow_up=True, emphasis=question)
