"""English questions over Dutch sources: detect them and add the Dutch terms of art (for the lexical leg)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_ENGLISH_MARKERS = frozenset(
    ["the", "a", "an", "of", "and", "to", "is", "are", "can", "does", "do", "what", "which", "who", "whom", "whose", "how", "why", "when", "where", "with", "without", "their", "there", "this", "that", "these", "those", "be", "been", "by", "from", "for", "may", "might", "should", "would", "could", "will", "about", "after", "before"]
)
GLOSSARY_FILE = Path(__file__).parent / "data" / "glossary_en_nl.yaml"


@lru_cache(maxsize=1)
def glossary() -> list[tuple[str, str]]:
    """(english phrase, dutch terms), longest phrases first."""
    import yaml

    entries = yaml.safe_load(GLOSSARY_FILE.read_text(encoding="utf-8"))
    return sorted(((str(k).lower(), str(v)) for k, v in entries.items()), key=lambda kv: -len(kv[0]))


def is_english(question: str) -> bool:
    tokens = re.findall(r"[a-z']+", question.lower())
    return len(tokens) >= 4 and sum(t in _ENGLISH_MARKERS for t in tokens) / len(tokens) >= 0.2


def dutch_terms(question: str) -> list[str]:
    """Dutch terms of art for the English phrases of a question, longest phrases first, without overlaps."""
    text = " " + re.sub(r"[^a-z' ]+", " ", question.lower()) + " "
    found: list[str] = []
    for english, dutch in glossary():
        needle = f" {english} "
        if needle in text:
            found.append(dutch)
            text = text.replace(needle, " ")
    return found


def with_dutch_terms(query: str) -> str:
    """The query plus the Dutch terms of its English phrases; unchanged for Dutch, idempotent for English."""
    if not is_english(query):
        return query
    lowered = query.lower()
    extra = [terms for terms in dutch_terms(query) if terms.lower() not in lowered]
    return f"{query} {' '.join(extra)}" if extra else query
