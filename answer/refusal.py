"""Evidence strength: decide whether the retrieved passages can answer the question, or we say so honestly.

Signals (all computed from the question, the retrieved passages and corpus-wide term statistics):

* ``unknown_names``: capitalised words or acronyms of the question ("Wams", "Jugendamt") that occur nowhere in
  the corpus, not even as a near-miss typo. A question about a thing the corpus never names cannot be answered
  from it.
* ``coverage``: share of the question's (rarity-weighted) corpus terms that occur in the top passages.
* ``best_sentence``: how much of the question the single best sentence covers (the extractive answer's
  strongest claim).

The thresholds are calibrated on the dev set (see docs/answering.md, "Refusal calibration").
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from answer.extractive import fold, is_stopword, shown_text, stem, terms, words
from answer.refusal_rules import RuleInput, Vocabulary, first_reason
from index.hits import Hit

NOT_FOUND = "Dit kan ik niet vinden in de bronnen."
NEAREST_HEADING = "Dichtstbijzijnde passages (geen antwoord, alleen ter oriëntatie):"


class CorpusStats:
    """Document frequencies of stemmed terms over corpus chunks, and the corpus's folded word list."""

    def __init__(self, df: Counter[str], n_chunks: int, known_words: set[str], latest_year: int | None = None) -> None:
        self.df = df
        self.n_chunks = max(n_chunks, 1)
        self.known_words = known_words
        self.latest_year = latest_year  # date of the newest source document, if known
        self._sorted_words = sorted(known_words)

    @classmethod
    def from_texts(cls, texts: Iterable[str], chunk_chars: int = 1200, latest_year: int | None = None) -> CorpusStats:
        df: Counter[str] = Counter()
        known: set[str] = set()
        n = 0
        for text in texts:
            for i in range(0, len(text), chunk_chars):
                chunk = text[i : i + chunk_chars]
                chunk_words = words(chunk)
                known.update(chunk_words)
                df.update({stem(w) for w in chunk_words})
                n += 1
        return cls(df, n, known, latest_year)

    @classmethod
    def from_dir(cls, corpus_dir: Path) -> CorpusStats:
        texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(Path(corpus_dir).glob("*.txt"))
                 if p.name.lower() != "readme.txt"]
        return cls.from_texts(texts)

    def idf(self, term: str) -> float:
        return math.log((self.n_chunks + 1) / (self.df.get(term, 0) + 0.5))

    def knows(self, word: str) -> bool:
        folded = fold(word)
        return is_stopword(folded) or folded in self.known_words or stem(folded) in self.df

    def vocabulary(self) -> Vocabulary:
        return Vocabulary(known_stem=lambda s: s in self.df, resolves=lambda w: self.resolve(w) is not None,
                          frequency=lambda s: self.df.get(s, 0))

    @lru_cache(maxsize=4096)  # noqa: B019 - one instance per process, lives as long as the assistant
    def resolve(self, word: str) -> str | None:
        """The corpus term for a question word: itself, or the closest corpus word for a typo; None if unknown."""
        folded = fold(word)
        if stem(folded) in self.df:
            return stem(folded)
        if len(folded) < 5:
            return None
        match = difflib.get_close_matches(folded, self._sorted_words, n=1, cutoff=0.84)
        return stem(match[0]) if match else None


class QueryTerms(BaseModel):
    model_config = ConfigDict(frozen=True)

    weights: dict[str, float] = Field(description="stemmed corpus term -> weight (idf)")
    unknown: list[str] = Field(default_factory=list, description="question words unknown to the corpus")
    unknown_names: list[str] = Field(default_factory=list, description="unknown capitalised words / acronyms")


MAX_TYPO_LOOKUPS = 10  # fuzzy look-ups cost a few ms each; long texts do not need more

_NAME_TOKEN = re.compile(r"(?<![\w-])([A-Z][\w'-]*[A-Za-z])")


def query_terms(question: str, stats: CorpusStats | None, emphasis: str | None = None) -> QueryTerms:
    """Weighted corpus terms of the question; words of ``emphasis`` (a follow-up) count double."""
    emphasised = set(terms(emphasis)) if emphasis else set()
    weights: dict[str, float] = {}
    unknown: list[str] = []
    fuzzy_budget = MAX_TYPO_LOOKUPS
    for word in words(question):
        if stats is None:
            term = stem(word)
        elif stem(fold(word)) in stats.df:
            term = stem(fold(word))
        elif fuzzy_budget > 0:
            fuzzy_budget -= 1
            term = stats.resolve(word)
        else:
            term = None
        if term is None:
            unknown.append(word)
            continue
        w = stats.idf(term) if stats else 1.0
        if stem(word) in emphasised:
            w *= 2
        weights[term] = max(weights.get(term, 0.0), w)
    names = []
    if stats:
        for m in _NAME_TOKEN.finditer(question):
            token = m.group(1)
            at_start = m.start() == 0 or question[: m.start()].rstrip().endswith((".", "?", "!", ":", "'", '"'))
            name = fold(token)
            if "-" in name and stats.resolve(name.rsplit("-", 1)[-1]) is not None:
                continue  # a compound with a known head ("Excel-bestanden") names a known kind of thing
            if _has_known_head(name, stats):
                continue  # "Facebookgroep": a kind of 'groep'; whether the sources say more is for the other checks
            if _is_locality(question[: m.start()], stats):
                continue  # "in Tilburg", "Veiligheidshuis Twente": where, not what; the question stays answerable
            if (token.isupper() or not at_start) and name in unknown and name not in names:
                names.append(name)
    return QueryTerms(weights=weights, unknown=unknown, unknown_names=names)


MIN_HEAD = 5


def _has_known_head(name: str, stats: CorpusStats) -> bool:
    """A closed compound ending in a corpus word of at least five letters, after a part of at least four."""
    return any(stem(name[i:]) in stats.df for i in range(4, len(name) - MIN_HEAD + 1))


_CAPITALISED_BEFORE = re.compile(r"([A-Z][\w-]*)\s+$")


def _is_locality(before: str, stats: CorpusStats) -> bool:
    """Whether a name follows a locative word or a capitalised word the corpus knows (an organisation)."""
    prev = _CAPITALISED_BEFORE.search(before)
    if prev:
        return stats.knows(prev.group(1)) and not is_stopword(prev.group(1))
    return bool(re.search(r"\b(?:in|uit|te|nabij|rond|regio|gemeente|provincie|omgeving|eenheid|district)\s+$",
                          before, re.IGNORECASE))


_ASKS_QUANTITY = re.compile(r"\b(?:hoeveel|how\s+many|how\s+much)\b", re.IGNORECASE)
_ASKS_COST = re.compile(r"\b(?:wat\s+(?:kost|kosten)|hoe\s+duur|hoeveel\s+kost\w*|what\s+does\s+.{1,40}\s+cost)\b",
                        re.IGNORECASE)
_AMOUNT = re.compile(r"€|\beuro\b|\bEUR\b", re.IGNORECASE)
_SINCE_SOURCES = re.compile(
    r"\b(?:inmiddels|tot\s+nu\s+toe|tot\s+op\s+heden|stand\s+van\s+zaken|by\s+now|so\s+far|to\s+date)\b", re.IGNORECASE
)
_YEAR_IN_QUESTION = re.compile(r"\b((?:19|20)\d\d)\b")
_NUMBER_WORDS = (r"twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|\w+tien|\w+tig|honderd\w*|duizend\w*|"
                 r"miljoen\w*|tientallen|honderden|duizenden|procent|helft|derde|kwart|meerderheid|minderheid")
_MONTHS = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|mrt|"
           "apr|jun|jul|aug|sep|sept|okt|nov|dec")
_QUANTITY = re.compile(
    rf"(?<![\w§:./-])(?<!art\. )(?<!artikel )(?<!lid )(?<!nr\. )(?<!sub )\d+(?:[.,]\d+)?(?![\w:/-])"
    rf"(?!\s+(?:{_MONTHS})\b)|%|\b(?:{_NUMBER_WORDS})\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def asks_quantity(question: str) -> bool:
    return bool(_ASKS_QUANTITY.search(question))


def states_quantity(text: str) -> bool:
    """Whether a text gives a number (not an article number, a year or a marker)."""
    text = re.sub(r"\[\d+\]", " ", text)
    return any(not _YEAR.match(m.group(0)) for m in _QUANTITY.finditer(text))


class RefusalPolicy(BaseModel):
    """Thresholds; defaults calibrated on evals/data/dev_questions.jsonl (docs/answering.md)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    top_passages: int = Field(default=3, ge=1)
    min_coverage: float = Field(default=0.25, ge=0, le=1)
    min_best_sentence: float = Field(default=0.15, ge=0, le=2)
    max_unknown_names: int = Field(default=0, ge=0)
    max_unknown_share: float = Field(
        default=0.6, ge=0, le=1,
        description="Dutch question: refuse when at least this share of its content words occurs nowhere in the corpus",
    )
    quantity_check: bool = Field(default=True, description="'hoeveel' needs a number in the answer sentences")
    answer_type_rules: frozenset[str] | None = Field(
        default=None, description="names of answer.refusal_rules.RULES to apply; None = all, empty = none")


class Evidence(BaseModel):
    model_config = ConfigDict(frozen=True)

    strong: bool
    reason: str | None = None
    features: dict[str, float] = Field(default_factory=dict)


def unknown_share(q: QueryTerms) -> float:
    """Share of the question's content words that the corpus does not know (coverage ignores them)."""
    total = len(q.weights) + len(q.unknown)
    return len(q.unknown) / total if total else 0.0


def coverage(q: QueryTerms, hits: Sequence[Hit], top: int) -> float:
    total = sum(q.weights.values())
    if total <= 0:
        return 0.0
    seen: set[str] = set()
    for hit in hits[:top]:
        seen.update(terms(shown_text(hit.passage)))
    return sum(w for t, w in q.weights.items() if t in seen) / total


def assess(
    q: QueryTerms,
    hits: Sequence[Hit],
    best_sentence: float,
    policy: RefusalPolicy | None = None,
    *,
    question: str = "",
    answer_text: str = "",
    latest_year: int | None = None,
    vocabulary: Vocabulary | None = None,
    english: bool = False,
) -> Evidence:
    """Strong or weak evidence; ``answer_text`` is the candidate answer (for the answer-type check)."""
    pol = policy or RefusalPolicy()
    cov = coverage(q, hits, pol.top_passages)
    features = {
        "coverage": round(cov, 4),
        "best_sentence": round(best_sentence, 4),
        "unknown_names": float(len(q.unknown_names)),
        "unknown_share": round(unknown_share(q), 4),
        "top_score": round(hits[0].score, 6) if hits else 0.0,
    }
    if not hits:
        return Evidence(strong=False, reason="geen passages gevonden", features=features)
    if len(q.unknown_names) > pol.max_unknown_names:
        names = ", ".join(q.unknown_names)
        return Evidence(strong=False, reason=f"de bronnen noemen {names} nergens", features=features)
    if cov < pol.min_coverage:
        return Evidence(strong=False, reason="de gevonden passages dekken de vraag onvoldoende", features=features)
    if best_sentence < pol.min_best_sentence:
        return Evidence(strong=False, reason="geen zin in de bronnen beantwoordt de vraag", features=features)
    later = [int(y) for y in _YEAR_IN_QUESTION.findall(question)]
    if latest_year is not None and later and max(later) > latest_year:
        return Evidence(strong=False, reason=f"de vraag gaat over {max(later)}; de bronnen dateren van uiterlijk "
                        f"{latest_year}", features=features)
    if latest_year is not None and _SINCE_SOURCES.search(question):
        return Evidence(strong=False, reason=f"de vraag gaat over ontwikkelingen tot nu; de bronnen beschrijven de "
                        f"stand tot uiterlijk {latest_year}", features=features)
    if pol.quantity_check and _ASKS_COST.search(question) and not _AMOUNT.search(answer_text):
        return Evidence(strong=False, reason="de vraag gaat over kosten, maar de gevonden passages noemen geen bedrag",
                        features=features)
    if pol.quantity_check and asks_quantity(question) and not states_quantity(answer_text):
        return Evidence(strong=False, reason="de vraag vraagt om een aantal, maar de gevonden passages noemen er geen",
                        features=features)
    if question and pol.answer_type_rules != frozenset():
        rule_input = RuleInput(question=question, answer_text=answer_text, hits=hits, vocabulary=vocabulary,
                               english=english, top_passages=pol.top_passages)
        found = first_reason(rule_input, pol.answer_type_rules)
        if found:
            return Evidence(strong=False, reason=found[1], features={**features, f"rule_{found[0]}": 1.0})
    # Last, so that a more specific reason above wins: coverage counts only known words.
    if not english and features["unknown_share"] >= pol.max_unknown_share:
        words_ = ", ".join(q.unknown[:5])
        return Evidence(strong=False, reason=f"de meeste woorden van de vraag ({words_}) komen in de bronnen niet voor",
                        features=features)
    return Evidence(strong=True, features=features)


def refusal_text(hits: Sequence[Hit], nearest: int = 3) -> str:
    """'Niet gevonden' plus the nearest sections, clearly marked as orientation, without [n] claims."""
    lines = [NOT_FOUND]
    labels: list[str] = []
    for hit in hits:
        if hit.passage.label not in labels:
            labels.append(hit.passage.label)
        if len(labels) == nearest:
            break
    if labels:
        lines += ["", NEAREST_HEADING, *(f"- {label}" for label in labels)]
    return "\n".join(lines)
