"""The embedded default answerer: no language model, only sentences taken verbatim from retrieved passages.

It splits the top passages into sentences (keeping each sentence's exact span, so every quote is verbatim),
scores them against the question's content terms, picks a few that together cover the question without
repeating each other, and writes them as a short answer in reading order, each followed by ``[n]`` where
``n`` is the 1-based position of its passage in the retrieved list (the numbering of the ``sources`` event).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from pydantic import BaseModel, ConfigDict, Field

from answer.models import Citation
from index.analyzer import fold, stem
from index.hits import Hit

# --------------------------------------------------------------------------- text analysis

_STOPWORD_TEXT = """
aan al alle alles als altijd ander andere anders ben bij daar daarbij daarom daarvoor dan dat de der
deze die dit doch doen door dus een eens eigenlijk en er ergens ge geen geweest haar had heb hebben
heeft hem het hier hij hoe hun iemand iets ik in is ja je jij jou jouw kan kon kunnen maar me meer
men met mij mijn moet moeten mogen mag na naar niet niets nog nu of om omdat onder ons onze ook op
over precies reeds te tegen toch toen tot u uit uw van veel voor want waar waarom wanneer waren was
wat we welk welke werd wezen wie wij wil willen worden wordt zal ze zelf zich zij zijn zo zonder zou
zouden zegt zeggen staat staan daarover hierover iets eerst volgens precies gewoon bijvoorbeeld
graag echt nou even enkel alleen welk hoeveel kun kunt moeten worden a about actually an and are as
at be by can could do does for from has have how i if in is it its of on or should so than that the
their them they this to was what when where which who why will with would you your
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_WORD = re.compile(r"[0-9a-zà-ÿ]+(?:[-'][0-9a-zà-ÿ]+)*", re.IGNORECASE)


def words(text: str) -> list[str]:
    """Folded content words (stopwords and one-letter tokens removed), hyphenated compounds split too."""
    out: list[str] = []
    for match in _WORD.finditer(fold(text)):
        word = match.group(0)
        for token in (word, *word.split("-")) if "-" in word else (word,):
            if len(token) > 1 and token not in _STOPWORDS and not token.isdigit():
                out.append(token)
    return out


def is_stopword(word: str) -> bool:
    return fold(word) in _STOPWORDS


def terms(text: str) -> list[str]:
    """Stemmed content terms of a text."""
    return [stem(w) for w in words(text)]


# --------------------------------------------------------------------------- sentences


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    quote: str  # text[start:end], verbatim
    display: str  # cleaned for reading: hyphenation repaired, whitespace collapsed


_ABBREVIATION_TEXT = (
    "art artt nr nrs jo bijv bv o.a e.v p pp blz zgn z.g.n resp enz etc vgl i.c m.b.t t.a.v i.p.v d.w.z m.n "
    "mr dr drs prof ir ing mw dhr stb stcrt kamerstukken ca"
)
_ABBREVIATIONS = frozenset(_ABBREVIATION_TEXT.split())
_END = re.compile(r"[.!?](?:\d{1,3}(?=\s+[A-Z])|(?=[\"'’”)]?\s+[\"'‘“(]?[A-Z0-9•]))")
_HEADING_LINE = re.compile(r"^[ \t]*(?:\d+(?:\.\d+)*\.?|Bijlage\s+\d+)[ \t]+[A-Z][^\n]{0,80}$", re.MULTILINE)
_BULLET = re.compile(r"\n[ \t]*(?:[•▪●◦\-–*]|\d+[.)]|[a-z][.)])[ \t]+")
_INLINE_HEADING = re.compile(
    r"[a-zà-ÿ]\s+((?:De|Het|Een|In|Op|Voor|Bij|Dit|Deze|Er|Als|Zij|Hij|Wij|Ook|Daarnaast|Wanneer|Indien|Uit|"
    r"Logischerwijs|Daarom|Daarbij|Echter|Bovendien|Tevens|Hierbij|Verder|Dat|Die|Alle|Elke|Iedere|Volgens|"
    r"Tijdens|Omdat|Hoewel|Maar|Dus|Hierdoor|Daardoor|Zo|Nu|Welke|Wat)\s)"
)
_SOFT_HYPHEN = re.compile(r"(\w)-[ \t]*\n[ \t]*([a-zà-ÿ])")
_SPACES = re.compile(r"\s+")
_FOOTNOTE_END = re.compile(r"([.!?])\d{1,3}$")
_FOOTNOTE_MID = re.compile(r"(?<=[a-zà-ÿ»”’)])\d{1,2}(?=[\s,.;:)])")
_LEADING_JUNK = re.compile(r"^(?:[\s•▪●◦\-–*]+|\d{1,3}[.)]?\s+(?=[A-Z]))+")  # bullets, list and footnote numbers

MIN_SENTENCE_CHARS = 40
MAX_SENTENCE_CHARS = 420


def _clean(quote: str) -> str:
    text = _SOFT_HYPHEN.sub(r"\1\2", quote)
    text = _SPACES.sub(" ", text).strip()
    text = _FOOTNOTE_END.sub(r"\1", text)
    text = _FOOTNOTE_MID.sub("", text)
    return _LEADING_JUNK.sub("", text)


def _boundaries(text: str) -> list[int]:
    cuts: set[int] = {0, len(text)}
    for m in re.finditer(r"\n[ \t]*\n", text):
        cuts.add(m.end())
    for m in _BULLET.finditer(text):
        cuts.add(m.start() + 1)
    for m in re.finditer(r"[•▪●◦]", text):  # bullets inside a line start an item too
        cuts.add(m.start())
    for m in _HEADING_LINE.finditer(text):
        line = m.group(0).rstrip()
        if not line.endswith((".", ",", ";", ":")):
            cuts.add(m.start())
            cuts.add(m.end())
    for m in _END.finditer(text):
        before = text[max(0, m.start() - 12) : m.start()].split()
        last = fold(before[-1]).strip("(") if before else ""
        if text[m.start()] == "." and (last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())):
            continue
        cuts.add(m.end())
    # A capitalised function word right after a lowercase word without punctuation: a heading run into the
    # text by PDF extraction ("... in een casusoverleg Een kind/jongere ...").
    for m in _INLINE_HEADING.finditer(text):
        cuts.add(m.start(1))
    # A short line without final punctuation followed by a capital: a heading or a list item.
    for m in re.finditer(r"(?m)^([^\n]{3,55})\n(?=[ \t]*[A-Z])", text):
        if not m.group(1).rstrip().endswith((".", ",", ";", ":", "-")):
            cuts.add(m.end())
    return sorted(cuts)


def _split_long(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    if end - start <= MAX_SENTENCE_CHARS:
        yield start, end
        return
    for m in re.finditer(r"[;:](?=\s)", text[start:end]):
        cut = start + m.end()
        if cut - start >= MIN_SENTENCE_CHARS:
            yield start, cut
            yield from _split_long(text, cut, end)
            return
    yield start, end


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of a passage with their exact spans; headings, list debris and fragments are left out."""
    cuts = _boundaries(text)
    out: list[Sentence] = []
    for a, b in pairwise(cuts):
        for s, e in _split_long(text, a, b):
            raw = text[s:e]
            lead = len(raw) - len(raw.lstrip())
            s2, e2 = s + lead, s + len(raw.rstrip())
            while s2 < e2 and text[s2] in "•▪●◦-–* \t":
                s2 += 1
            if e2 <= s2:
                continue
            quote = text[s2:e2]
            display = _clean(quote)
            if _is_sentence(display):
                out.append(Sentence(s2, e2, quote, display))
    return out


def _is_sentence(display: str) -> bool:
    if len(display) < MIN_SENTENCE_CHARS or len(display.split()) < 6:
        return False
    if not re.search(r"[.!?][\"'’”)]*$", display):  # headings, list fragments and cut-off lines
        return False
    if "....." in display or "…………" in display or display.endswith(":"):
        return False
    if "http" in display or "www." in display:  # reference lists, not statements
        return False
    letters = sum(c.isalpha() for c in display)
    if letters < 0.6 * len(display):
        return False
    return any(c.islower() for c in display[:40])


def shown_text(passage) -> str:
    """The passage text as users see it (``HitPublic.text``): the body plus the footnotes it refers to."""
    return getattr(passage, "text_with_footnotes", passage.text)


@lru_cache(maxsize=4096)
def _sentences_cached(text: str) -> tuple[tuple[Sentence, frozenset[str]], ...]:
    return tuple((s, frozenset(terms(s.display))) for s in split_sentences(text))


@lru_cache(maxsize=4096)
def _passage_terms(text: str) -> frozenset[str]:
    return frozenset(terms(text))


# --------------------------------------------------------------------------- reranking


class RerankConfig(BaseModel):
    """Weights of the evidence reranker; calibrated on the dev set (docs/answering.md)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    depth: int = Field(default=40, ge=1, le=100, description="how many retrieved passages are reranked")
    passage_weight: float = Field(default=1.0, ge=0)
    sentence_weight: float = Field(default=1.0, ge=0)
    rank_weight: float = Field(default=2.0, ge=0)
    rank_offset: float = Field(default=5.0, ge=0)


def rerank(query_terms: dict[str, float], hits: Sequence[Hit], config: RerankConfig | None = None) -> list[Hit]:
    """Reorder retrieved passages by how much of the question they (and their best sentence) cover.

    score = a * passage coverage + b * best-sentence coverage + c / (retrieval rank + offset); coverage is the
    weighted share of question terms present. The retriever's order stays as a prior.
    """
    cfg = config or RerankConfig()
    total = sum(query_terms.values())
    if total <= 0 or not hits:
        return list(hits)
    scored: list[tuple[float, int, Hit]] = []
    for i, hit in enumerate(hits[: cfg.depth]):
        p = hit.passage
        heading = " ".join(x for x in (p.title or "", " ".join(p.section_path)) if x)
        p_terms = _passage_terms(shown_text(p)) | (frozenset(terms(heading)) if heading else frozenset())
        cov = _score(query_terms, p_terms, total)
        best = max((_score(query_terms, st, total) for _, st in _sentences_cached(shown_text(p))), default=0.0)
        value = cfg.passage_weight * cov + cfg.sentence_weight * best + cfg.rank_weight / (i + 1 + cfg.rank_offset)
        scored.append((value, i, hit))
    scored.sort(key=lambda x: (-x[0], x[1]))
    return [Hit(passage=h.passage, score=round(v, 6), rank=n) for n, (v, _, h) in enumerate(scored, start=1)]


# --------------------------------------------------------------------------- answering


class ExtractiveAnswer(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    sentences: list[str] = Field(default_factory=list, description="the answer's sentences with their markers")
    citations: list[Citation] = Field(default_factory=list)
    best_score: float = Field(default=0.0, description="share of the question the best sentence covers")


class ExtractiveConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    passages_considered: int = Field(default=5, ge=1)
    max_sentences: int = Field(default=5, ge=1)
    max_chars: int = Field(default=800, ge=100)
    min_relative_score: float = Field(default=0.2, ge=0, le=1, description="vs. the best sentence")
    rank_weight: float = Field(default=0.12, ge=0)
    redundancy: float = Field(default=0.55, ge=0, le=1, description="Jaccard above which a sentence repeats")
    max_per_passage: int = Field(default=2, ge=1)
    seed_passages: int = Field(default=5, ge=0, description="top passages that each contribute their best sentence")
    seed_always: int = Field(default=3, ge=0, description="of those, how many need only min_relative_score")
    seed_min_relative: float = Field(default=0.5, ge=0, le=1, description="bar for the other seeds vs. the best")
    fill_min_relative: float = Field(default=0.5, ge=0, le=1, description="bar for sentences added after the seeds")


@dataclass
class _Candidate:
    hit_index: int
    sentence: Sentence
    terms: frozenset[str]
    score: float
    base: float


Weight = Callable[[str], float]


COMPOUND_WEIGHT = 0.6  # a question term found only inside a Dutch compound ("convenant" in "huisconvenant")
MIN_COMPOUND_PART = 5


def match_strength(term: str, s_terms: frozenset[str]) -> float:
    if term in s_terms:
        return 1.0
    if len(term) >= MIN_COMPOUND_PART and any(
        len(t) > len(term) and (t.startswith(term) or t.endswith(term)) for t in s_terms
    ):
        return COMPOUND_WEIGHT
    return 0.0


def _score(q_terms: dict[str, float], s_terms: frozenset[str], total: float) -> float:
    if total <= 0:
        return 0.0
    return sum(w * match_strength(t, s_terms) for t, w in q_terms.items()) / total


def citation_for(n: int, hit: Hit, sentence: Sentence) -> Citation:
    p = hit.passage
    return Citation(
        n=n,
        passage_id=p.id,
        document=p.document,
        document_title=p.document_title,
        section=p.section,
        title=p.title,
        page=p.page,
        label=p.label,
        quote=sentence.quote,
    )


def with_marker(display: str, n: int) -> str:
    if display.endswith("."):
        return f"{display[:-1]} [{n}]."
    if display.endswith(("?", "!")):
        return f"{display} [{n}]"
    return f"{display.rstrip(',;')} [{n}]."


def answer(
    query_terms: dict[str, float],
    hits: Sequence[Hit],
    config: ExtractiveConfig | None = None,
) -> ExtractiveAnswer:
    """Select sentences from the top hits that cover the weighted query terms.

    ``query_terms`` maps stemmed question terms to their weight (e.g. rarity in the corpus).
    Returns an empty answer (text "") when no sentence shares a term with the question.
    """
    cfg = config or ExtractiveConfig()
    total = sum(query_terms.values())
    candidates: list[_Candidate] = []
    for i, hit in enumerate(hits[: cfg.passages_considered]):
        prior = cfg.rank_weight / (1 + i)
        for sentence, s_terms in _sentences_cached(shown_text(hit.passage)):
            base = _score(query_terms, s_terms, total)
            if base > 0:
                candidates.append(_Candidate(i, sentence, s_terms, base + prior, base))
    if not candidates:
        return ExtractiveAnswer(text="")
    best = max(c.score for c in candidates)
    chosen = _select(candidates, query_terms, total, best, cfg)
    chosen.sort(key=lambda c: (c.hit_index, c.sentence.start))
    parts: list[str] = []
    citations: list[Citation] = []
    for c in chosen:
        n = c.hit_index + 1
        parts.append(with_marker(c.sentence.display, n))
        citations.append(citation_for(n, hits[c.hit_index], c.sentence))
    best_base = max(c.base for c in candidates)
    return ExtractiveAnswer(text=" ".join(parts), sentences=parts, citations=citations,
                            best_score=round(best_base, 4))


def _select(
    candidates: list[_Candidate], query_terms: dict[str, float], total: float, best: float, cfg: ExtractiveConfig
) -> list[_Candidate]:
    chosen: list[_Candidate] = []
    covered: set[str] = set()
    used_chars = 0
    pool = sorted(candidates, key=lambda c: -c.score)
    for i in range(cfg.seed_passages):  # the best-ranked passages each contribute their strongest sentence
        bar = cfg.min_relative_score if i < cfg.seed_always else max(cfg.min_relative_score, cfg.seed_min_relative)
        own = [c for c in pool if c.hit_index == i and c.score >= bar * best
               and not _repeats(c, chosen, cfg)]
        if own and len(chosen) < cfg.max_sentences and used_chars + len(own[0].sentence.display) <= cfg.max_chars:
            chosen.append(own[0])
            covered |= own[0].terms
            used_chars += len(own[0].sentence.display)
            pool.remove(own[0])
    while pool and len(chosen) < cfg.max_sentences:
        pool.sort(key=lambda c, seen=frozenset(covered): _gain(c, query_terms, total, seen), reverse=True)
        pick = None
        for c in pool:
            if c.score < max(cfg.min_relative_score, cfg.fill_min_relative) * best:
                continue
            if _repeats(c, chosen, cfg):
                continue
            if chosen and used_chars + len(c.sentence.display) > cfg.max_chars:
                continue
            if sum(o.hit_index == c.hit_index for o in chosen) >= cfg.max_per_passage:
                continue
            pick = c
            break
        if pick is None:
            break
        chosen.append(pick)
        covered |= pick.terms
        used_chars += len(pick.sentence.display)
        pool.remove(pick)
    return chosen


def _repeats(c: _Candidate, chosen: list[_Candidate], cfg: ExtractiveConfig) -> bool:
    return any(_jaccard(c.terms, o.terms) > cfg.redundancy or c.sentence.display == o.sentence.display
               for o in chosen)


def _gain(c: _Candidate, query_terms: dict[str, float], total: float, covered: frozenset[str]) -> float:
    new = sum(w for t, w in query_terms.items() if t in c.terms and t not in covered)
    return c.score + (new / total if total else 0.0)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
