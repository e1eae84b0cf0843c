"""The query we retrieve with: follow-ups use the earlier turns; English questions get Dutch domain terms.

"En voor de reclassering?" says little on its own. When a question reads as a follow-up (it starts like one,
or has too few content words of its own), it is retrieved together with the last self-contained question of
the conversation; its own words are emphasised when sentences are chosen for the answer.

The sources are Dutch. An English question ("Can Veilig Thuis process health data without consent?") is
retrieved with the Dutch terms of art added from a small domain glossary; the answer is Dutch anyway.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from answer.extractive import words
from answer.models import Turn
from index.english import dutch_terms, is_english

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
    text, follow_up, emphasis = question, False, None
    if is_follow_up(question, history):
        base = anchor(history)
        if base:
            text, follow_up, emphasis = f"{base} {question}", True, question
    if is_english(question) and (extra := dutch_terms(question)):
        text = f"{text} {' '.join(extra)}"
    return RetrievalQuery(text=text, follow_up=follow_up, emphasis=emphasis)
