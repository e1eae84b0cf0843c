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


_ENGLISH_TEXT = (
    "the a an of and to is are can does do what which who whom whose how why when where with without their "
    "there this that these those be been by from for may might should would could will about after before"
)
_ENGLISH_MARKERS = frozenset(_ENGLISH_TEXT.split())
# English phrase -> Dutch terms of art used in the sources (longest phrases are matched first).
GLOSSARY_EN_NL: dict[str, str] = {
    "personal data": "persoonsgegevens",
    "health data": "gezondheidsgegevens",
    "medical data": "medische gegevens gezondheidsgegevens",
    "criminal records": "justitiële gegevens strafrechtelijke gegevens",
    "criminal data": "strafrechtelijke gegevens",
    "judicial data": "justitiële gegevens",
    "police data": "politiegegevens",
    "data": "gegevens",
    "information": "informatie gegevens",
    "consent": "toestemming",
    "without": "zonder",
    "child abuse": "kindermishandeling",
    "domestic violence": "huiselijk geweld",
    "suspected": "vermoeden",
    "report": "melding",
    "police": "politie",
    "public prosecution service": "Openbaar Ministerie",
    "public prosecutor": "officier van justitie Openbaar Ministerie",
    "prosecutor": "Openbaar Ministerie",
    "municipalities": "gemeenten",
    "municipality": "gemeente",
    "mayor": "burgemeester",
    "probation service": "reclassering",
    "probation": "reclassering",
    "youth care": "jeugdhulp jeugdhulpaanbieder",
    "child protection board": "Raad voor de Kinderbescherming",
    "child protection": "kinderbescherming",
    "housing corporation": "woningcorporatie",
    "housing association": "woningcorporatie",
    "safety house": "Veiligheidshuis",
    "case conference": "casusoverleg",
    "case meeting": "casusoverleg",
    "professional secrecy": "beroepsgeheim",
    "duty of confidentiality": "geheimhoudingsplicht beroepsgeheim",
    "confidentiality": "geheimhoudingsplicht",
    "legal basis": "grondslag",
    "legal ground": "grondslag",
    "purpose": "doel doelbinding",
    "proportionality": "proportionaliteit",
    "necessary": "noodzakelijk",
    "security": "beveiliging",
    "retention": "bewaartermijn",
    "access": "inzage",
    "share": "delen verstrekken",
    "sharing": "delen verstrekking",
    "disclose": "verstrekken",
    "process": "verwerken",
    "processing": "verwerking",
    "allow": "mag toegestaan",
    "allowed": "mag toegestaan",
    "covenant": "convenant",
    "agreement": "convenant",
    "minor": "minderjarige",
    "child": "kind",
    "parents": "ouders",
    "social domain": "sociaal domein",
    "care provider": "zorgaanbieder zorgverlener",
    "doctor": "arts huisarts",
    "mental health": "ggz psychische",
    "victim": "slachtoffer",
    "suspect": "verdachte",
    "undermining": "ondermijning",
    "organised crime": "ondermijning georganiseerde criminaliteit",
    "organized crime": "ondermijning georganiseerde criminaliteit",
    "research questions": "onderzoeksvragen",
    "analyses": "analyses",
    "carries out": "uitgevoerd",
    "monitoring": "monitoring",
    "register": "registratie registreren",
    "law": "wet",
    "partners": "partners",
}
_GLOSSARY = sorted(GLOSSARY_EN_NL.items(), key=lambda kv: -len(kv[0]))


def is_english(question: str) -> bool:
    tokens = re.findall(r"[a-z']+", question.lower())
    return len(tokens) >= 4 and sum(t in _ENGLISH_MARKERS for t in tokens) / len(tokens) >= 0.2


def dutch_terms(question: str) -> list[str]:
    """Dutch terms of art for the English phrases of a question, longest phrases first, without overlaps."""
    text = " " + re.sub(r"[^a-z' ]+", " ", question.lower()) + " "
    found: list[str] = []
    for english, dutch in _GLOSSARY:
        needle = f" {english} "
        if needle in text:
            found.append(dutch)
            text = text.replace(needle, " ")
    return found


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
    if is_english(question):
        extra = dutch_terms(question)
        if extra:
            text = f"{text} {' '.join(extra)}"
    return RetrievalQuery(text=text, follow_up=follow_up, emphasis=emphasis)
