"""Dutch-aware lexical analysis for BM25: stemming, stopwords (negations kept), legal tokens intact."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Negations and a few function words carry legal meaning ("geen grondslag", "zonder toestemming").
KEEP_WORDS = frozenset({"niet", "geen", "zonder", "nooit", "niets", "not", "no", "without", "never"})

# Legal references that must survive as one token: "art. 20", "artikel 4:5", "7:457", "8a".
_ARTICLE = re.compile(r"\bart(?:ikel(?:en)?|\.)?\s*(\d+[a-z]?(?::\d+[a-z]?)?)", re.IGNORECASE)
_COLON_REF = re.compile(r"\b\d+:\d+[a-z]?\b")
_WORD = re.compile(r"[0-9a-zà-ÿ]+(?:[-'][0-9a-zà-ÿ]+)*", re.IGNORECASE)


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_DUTCH, STOPWORDS_EN

    return frozenset(w.lower() for w in (*STOPWORDS_DUTCH, *STOPWORDS_EN)) - KEEP_WORDS


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("dutch")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Dutch Snowball stem of one (folded) word."""
    return _stemmer().stemWord(word)


def fold(text: str) -> str:
    """Lowercase and strip diacritics (ë -> e) so typed questions match the extraction."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def analyze(text: str) -> list[str]:
    """Turn text into BM25 terms.

    Words are folded, stopwords dropped (negations kept), stemmed with the Dutch Snowball stemmer.
    Legal references become extra whole tokens (``art:20``, ``4:5``) next to their parts.
    Hyphenated compounds give the compound and its parts (``wpg-domein``, ``wpg``, ``domein``).
    """
    folded = fold(text)
    terms: list[str] = [f"art:{m.group(1)}" for m in _ARTICLE.finditer(folded)]
    terms.extend(m.group(0) for m in _COLON_REF.finditer(folded))
    stop = _stopwords()
    for match in _WORD.finditer(folded):
        word = match.group(0)
        parts = word.split("-") if "-" in word else []
        for token in (word, *parts):
            if not token or token in stop:
                continue
            if token.isdigit() or len(token) == 1:
                if token.isdigit():
                    terms.append(token)
                continue
            terms.append(stem(token))
    return terms
