"""Citation validator for generated answers.

Every sentence of a generated answer must cite the retrieved passages with markers ``[n]`` (``n`` is the
1-based position of the passage in the list given to the model). A sentence survives only when

* it has at least one marker, and every marker points at a retrieved passage;
* every quoted span in it occurs verbatim in one of the passages it cites;
* its content words are supported by the cited passages (lexical overlap at least ``min_support``).

Everything else is dropped, with the reasons. Nothing here trusts the model: the checks are mechanical.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from ingest.passage import Passage


class DropReason(StrEnum):
    no_citation = "no_citation"
    unknown_citation = "unknown_citation"
    quote_not_found = "quote_not_found"
    unsupported = "unsupported"
    negation_mismatch = "negation_mismatch"


REASON_NL: dict[DropReason, str] = {
    DropReason.no_citation: "zin zonder bronverwijzing",
    DropReason.unknown_citation: "verwijzing naar een bron die niet is opgehaald",
    DropReason.quote_not_found: "citaat staat niet letterlijk in de aangehaalde bron",
    DropReason.unsupported: "de aangehaalde bron ondersteunt de zin niet",
    DropReason.negation_mismatch: "de zin zegt het omgekeerde van de best passende bronzin (ontkenning wijkt af)",
}


class KeptSentence(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str = Field(description="The sentence as written by the model, markers included")
    separator: str = Field(default=" ", description="Whitespace that preceded the sentence")
    markers: list[int]
    quotes: list[str] = Field(default_factory=list)
    support: float


class DroppedSentence(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    reasons: list[DropReason]
    detail: str = Field(description="Dutch explanation")
    markers: list[int] = Field(default_factory=list)
    quotes: list[str] = Field(default_factory=list)


class ValidationReport(BaseModel):
    kept: list[KeptSentence] = Field(default_factory=list)
    dropped: list[DroppedSentence] = Field(default_factory=list)
    markers_total: int = 0
    markers_valid: int = 0
    quotes_total: int = 0
    quotes_verbatim: int = 0

    @property
    def text(self) -> str:
        """The surviving sentences, in order, with their original line structure."""
        out = ""
        for i, s in enumerate(self.kept):
            sep = "" if i == 0 else ("\n" if "\n" in s.separator else " ")
            out += sep + s.text
        return out.strip()

    @property
    def cited(self) -> list[int]:
        """Distinct passage numbers cited by the surviving sentences, in order of first use."""
        seen: list[int] = []
        for s in self.kept:
            for n in s.markers:
                if n not in seen:
                    seen.append(n)
        return seen


# ---------------------------------------------------------------- normalisation and tokens

_QUOTE_MAP = str.maketrans({"‘": "'", "’": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "«": '"',
                            "»": '"', "\u00a0": " ", "\u00ad": None})
_WS = re.compile(r"\s+")
_HYPHEN_BREAK = re.compile(r"(?<=\w-) (?=\w)")


def normalise(text: str) -> str:
    """Normal form for verbatim comparison: NFC, plain quotes, collapsed whitespace, case-folded.

    A space right after a hyphen is removed (PDF line breaks such as ``niet- verenigbaar``)."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTE_MAP)
    text = _WS.sub(" ", text).strip()
    return _HYPHEN_BREAK.sub("", text).casefold()


_STOPWORD_TEXT = """de het een en of in op aan van voor met door bij uit tot om over naar als dan dat die dit deze
    er is zijn was waren wordt worden werd kan kunnen mag mogen moet moeten zal zullen zou zouden heeft hebben
    had hij zij ze we wij u je jij ik hem haar hun hen ons onze zich niet geen wel ook nog al maar want dus
    wat wie waar hoe welke wanneer waarom zo zoals te ten ter na nu toe tegen onder dan daar hier daarbij
    daarvan hiervan waarin waarbij the and or of to in on for with by is are be this that it as at an a
    volgens bron bronnen passage staat stelt aldus namelijk echter bijvoorbeeld andere ander alle elk
    elke iedere ieder veel meer meest zeer heel gaat gaan"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_WORD = re.compile(r"[0-9]+[a-z]?|[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


def content_tokens(text: str) -> list[str]:
    """Content words (and numbers) of a text, normalised, without stopwords."""
    out = []
    for tok in _WORD.findall(normalise(text)):
        if tok[0].isdigit() or (len(tok) >= 3 and tok not in _STOPWORDS):
            out.append(tok)
    return out


def _token_supported(tok: str, vocab: set[str], prefixes: set[str]) -> bool:
    if tok in vocab:
        return True
    return len(tok) >= 6 and tok[:5] in prefixes


# ---------------------------------------------------------------- markers, quotes, sentences

_MARKER = re.compile(r"\[\s*(\d+(?:\s*[-–,;]\s*\d+)*)\s*\]")
_QUOTED = re.compile(
    r"“([^”]{2,}?)”|„([^”“]{2,}?)[”“]|\"([^\"]{2,}?)\"|«([^»]{2,}?)»"
    r"|(?<![^\W\d_])‘((?:[^’]|’(?=[^\W\d_])){2,}?)’(?![^\W\d_])"
    r"|(?<![\w'])'(?=\S)([^'\n]{2,}?)(?<=\S)'(?![^\W\d_])"
)
_ABBREVIATION_TEXT = """art artt jo o.a bijv b.v bv e.d enz nr nrs p pp blz z.g zgn d.w.z i.p.v m.b.t t.a.v e.a
    incl excl ca resp vgl mr dr jl stb stcrt kamerstukken lid sub par hfdst hst afd wetb i.c i.v.m m.i.v t.z.t
    n.a.v"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_TEXT.split())
_SPLIT = re.compile(r"(?<=[.!?])([\"”’)]?)(\s+)(?=[\[\"“‘'(A-ZÀ-Ý0-9*-])|(\n\s*)")
_LEADING_MARKERS = re.compile(r"^((?:\s*\[\s*\d+(?:\s*[-–,;]\s*\d+)*\s*\])+)[\s.]*")


def parse_markers(sentence: str) -> list[int]:
    """All passage numbers a sentence cites, in order, without duplicates (``[1-3]`` is 1, 2, 3)."""
    found: list[int] = []
    for group in _MARKER.findall(sentence):
        for part in re.split(r"\s*[,;]\s*", group):
            bounds = re.split(r"\s*[-–]\s*", part)
            lo, hi = int(bounds[0]), int(bounds[-1])
            rng = range(lo, hi + 1) if hi >= lo and hi - lo < 20 else [lo, hi]
            for n in rng:
                if n not in found:
                    found.append(n)
    return found


def parse_quotes(sentence: str) -> list[str]:
    """Quoted spans of a sentence (typographic, straight double and straight single quotes)."""
    quotes = []
    for groups in _QUOTED.findall(_MARKER.sub(" ", sentence)):
        span = next((g for g in groups if g), "").strip()
        if span:
            quotes.append(span)
    return quotes


def _ends_with_abbreviation(chunk: str) -> bool:
    m = re.search(r"([\w.]+)\.$", chunk.rstrip())
    if not m:
        return False
    word = m.group(1).casefold()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def split_sentences(text: str) -> list[tuple[str, str]]:
    """Split an answer into (separator, sentence) pairs.

    Splits after . ! ? followed by whitespace and a plausible sentence start, and at line breaks; never after
    a known abbreviation (``art.``, ``o.a.``). Markers that follow a full stop (``... zin. [2] Volgende``)
    are moved back to the sentence they close."""
    pieces: list[tuple[str, str]] = []
    pos, sep = 0, ""
    for m in _SPLIT.finditer(text):
        if m.group(3) is None:
            end = m.start(2)
            chunk = text[pos:end]
            if _ends_with_abbreviation(chunk):
                continue
            pieces.append((sep, chunk))
            sep, pos = m.group(2), m.end()
        else:
            pieces.append((sep, text[pos:m.start(3)]))
            sep, pos = m.group(3), m.end()
    pieces.append((sep, text[pos:]))
    merged: list[tuple[str, str]] = []
    for sep, chunk in pieces:
        lead = _LEADING_MARKERS.match(chunk)
        if lead and merged and "\n" not in sep:
            psep, prev = merged[-1]
            merged[-1] = (psep, prev.rstrip() + " " + lead.group(1).strip())
            chunk = chunk[lead.end():]
        if chunk.strip():
            merged.append((sep, chunk.strip()))
        elif lead and merged and "\n" in sep:
            psep, prev = merged[-1]
            merged[-1] = (psep, prev.rstrip() + " " + lead.group(1).strip())
    return merged


# ---------------------------------------------------------------- validation


def quote_in_passage(quote: str, passage_text: str) -> bool:
    """True when every part of the quote (parts separated by an ellipsis) occurs verbatim, in order."""
    hay = normalise(passage_text)
    start = 0
    parts = [p.strip(" .,;:!?") for p in re.split(r"\.\.\.|…|\[\.\.\.\]", normalise(quote))]
    parts = [p for p in parts if p]
    if not parts:
        return False
    for part in parts:
        idx = hay.find(part, start)
        if idx < 0:
            return False
        start = idx + len(part)
    return True


def support_score(sentence: str, passages: Sequence[Passage]) -> float:
    """Share of the sentence's content words that occur in the passages' text (0.0 when it has none).

    Words of the passages' citation labels ("Handvat §5.2.2 Wet politiegegevens") are neutral: naming a source
    is not a claim, and echoing a label alone never counts as support."""
    share, _ = support(sentence, passages)
    return share


def support(sentence: str, passages: Sequence[Passage]) -> tuple[float, int]:
    """(share, count) of the sentence's content words found in the passages' text."""
    claim = _claim_tokens(sentence, passages)
    if not claim:
        return 0.0, 0
    vocab: set[str] = set()
    for p in passages:
        vocab.update(content_tokens(p.text))
    prefixes = {t[:5] for t in vocab if len(t) >= 6}
    hits = sum(1 for t in claim if _token_supported(t, vocab, prefixes))
    return hits / len(claim), hits


def _claim_tokens(sentence: str, passages: Sequence[Passage]) -> list[str]:
    label_words: set[str] = set()
    for p in passages:
        label_words.update(content_tokens(p.label))
    return [t for t in content_tokens(_MARKER.sub(" ", sentence)) if t not in label_words]


_NEGATIONS = frozenset({"niet", "geen", "nooit", "niets", "niemand", "nergens", "verboden", "verbod", "not", "no",
                        "never"})


_CLAUSE = re.compile(r",\s*(?=(?:maar|terwijl|echter|behalve|doch)\s)|;\s*")


def _negated(text: str) -> bool:
    return any(w in _NEGATIONS for w in _WORD.findall(normalise(text)))


def polarity_mismatch(sentence: str, passages: Sequence[Passage]) -> bool:
    """True when the sentence and the passage clause that supports it best disagree on negation.

    Catches the commonest flip of a grounded claim ("mag geen diagnose verstrekken" -> "mag de diagnose
    verstrekken"), which word overlap alone cannot see."""
    claim = set(_claim_tokens(sentence, passages))
    if not claim:
        return False
    best, best_overlap = "", 0
    for p in passages:
        for _, passage_sentence in split_sentences(" ".join(p.text.split())):
            for candidate in _CLAUSE.split(passage_sentence):
                overlap = len(claim & set(content_tokens(candidate)))
                if overlap > best_overlap:
                    best, best_overlap = candidate, overlap
    return bool(best) and _negated(_MARKER.sub(" ", sentence)) != _negated(best)


def check_sentence(
    sentence: str,
    passages: Sequence[Passage],
    *,
    separator: str = " ",
    min_support: float = 0.5,
    min_content_tokens: int = 2,
) -> KeptSentence | DroppedSentence:
    """Validate one sentence against the passages (``passages[n-1]`` is passage ``[n]``).

    ``min_content_tokens``: a kept sentence shares at least this many content words with its sources."""
    markers = parse_markers(sentence)
    quotes = parse_quotes(sentence)
    valid = [n for n in markers if 1 <= n <= len(passages)]
    reasons: list[DropReason] = []
    details: list[str] = []
    if not markers:
        reasons.append(DropReason.no_citation)
    if len(valid) != len(markers):
        bad = [n for n in markers if n not in valid]
        reasons.append(DropReason.unknown_citation)
        details.append(f"bron {', '.join(f'[{n}]' for n in bad)} bestaat niet")
    cited = [passages[n - 1] for n in valid]
    for q in quotes:
        if not any(quote_in_passage(q, p.text) for p in cited):
            if DropReason.quote_not_found not in reasons:
                reasons.append(DropReason.quote_not_found)
            details.append(f"citaat niet gevonden: “{q[:80]}”")
    score, supported = support(sentence, cited) if cited else (0.0, 0)
    if cited and (score < min_support or supported < min_content_tokens):
        reasons.append(DropReason.unsupported)
        details.append(
            f"overlap met de bron {score:.2f} (minimaal {min_support:.2f}), {supported} gedeelde woorden "
            f"(minimaal {min_content_tokens})"
        )
    elif cited and polarity_mismatch(sentence, cited):
        reasons.append(DropReason.negation_mismatch)
    if reasons:
        detail = "; ".join([REASON_NL[r] for r in reasons if r is not DropReason.unknown_citation] + details)
        return DroppedSentence(text=sentence, reasons=reasons, detail=detail, markers=markers, quotes=quotes)
    return KeptSentence(
        text=sentence, separator=separator, markers=markers, quotes=quotes, support=round(score, 3)
    )


def add_to_report(report: ValidationReport, checked: KeptSentence | DroppedSentence) -> None:
    report.markers_total += len(checked.markers)
    report.quotes_total += len(checked.quotes)
    if isinstance(checked, KeptSentence):
        report.markers_valid += len(checked.markers)
        report.quotes_verbatim += len(checked.quotes)
        report.kept.append(checked)
    else:
        report.dropped.append(checked)


def validate_answer(
    text: str,
    passages: Sequence[Passage],
    *,
    min_support: float = 0.5,
    min_content_tokens: int = 2,
) -> ValidationReport:
    """Check every sentence of ``text`` against ``passages`` (``passages[n-1]`` is passage ``[n]``).

    ``markers_valid``/``quotes_verbatim`` count what survives; on the surviving text they equal the totals."""
    report = ValidationReport()
    for sep, sentence in split_sentences(text):
        add_to_report(
            report,
            check_sentence(sentence, passages, separator=sep, min_support=min_support,
                           min_content_tokens=min_content_tokens),
        )
    return report
