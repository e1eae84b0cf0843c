"""Line-level cleaning: joining wrapped lines into paragraph text, repairing hyphenated line breaks.

A line ending in `letters-` followed by a line starting with a letter is a candidate break. The hyphen is kept
when it belongs to the word: the document itself spells the word with a hyphen elsewhere (`Wpg-domein`), or both parts are words of the document on their own
and the joined form is not, or the part before it is an abbreviation or single letter (`e-mail`, `ZSM-werkwijze`, `Top-X-overleggen`), or a URL
is being continued. The hyphen is dropped when the document spells the joined word without it elsewhere, or by
default for ordinary word parts (`proportio-naliteit` -> `proportionaliteit`).
In an extraction that ends wrapped lines with a space, a line ending in a lower-case letter without one
continues its word on the next line (`samen` + `werken`) when the document spells the joined word elsewhere.
No other characters are changed; runs of spaces/tabs inside a line collapse to one space.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
_HYPHEN_END = re.compile(r"(?P<head>\S*?)(?P<frag>[^\W\d_]+)-$", re.UNICODE)
_FIRST_WORD = re.compile(r"^(?P<word>[^\W\d_]+)", re.UNICODE)
_URLISH = re.compile(r"(?:https?://|www\.|\w/\w)")
_LAST_WORD = re.compile(r"[^\W\d_]+$", re.UNICODE)
_LOWER_END = re.compile(r"[a-zà-ÿ]$")
_ELISION = re.compile(r"^(?:en|of|tot|t/m|and|or)\b")
_URL_CONTINUES = ("-", "/", "%", "_", "=", "&", "?", "#")
_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009]+")


class Vocabulary:
    """Word forms of one document (lower case), to decide hyphenated breaks by the document's own spelling."""

    def __init__(self, text: str) -> None:
        words = [w.lower() for w in _WORD.findall(text)]
        self.counts = Counter(w for w in words if "-" not in w)
        self.plain = set(self.counts)
        self.hyphenated = {w for w in words if "-" in w}
        self.unmarked_breaks = _ends_lines_with_space(text)

    @classmethod
    def empty(cls) -> Vocabulary:
        return cls("")


def _ends_lines_with_space(text: str) -> bool:
    """Does the extraction end wrapped lines with a space? Then a line ending in a letter *without* one is a
    word broken without a hyphen (`samen` / `werken`)."""
    lines = text.split("\n")
    wrapped = [a for a, b in itertools.pairwise(lines) if a.strip() and b.strip()]
    if len(wrapped) < 20:
        return False
    return sum(1 for a in wrapped if a[-1:] in " \t") >= 0.6 * len(wrapped)


def collapse(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


def _keep_hyphen(head: str, frag: str, rest: str, vocab: Vocabulary) -> bool:
    nxt = _FIRST_WORD.match(rest)
    if nxt is None:
        return True
    word = nxt.group("word")
    joined = (frag + word).lower()
    hyphenated = f"{frag}-{word}".lower()
    if hyphenated in vocab.hyphenated or any(h.endswith(hyphenated) for h in vocab.hyphenated if "-" in h):
        return True
    if joined in vocab.plain:
        return False
    if len(frag) >= 4 and len(word) >= 4 and min(vocab.counts[frag.lower()], vocab.counts[word.lower()]) >= 2:
        return True  # two words of their own: a hyphenated compound (Veiligheidshuis-samenwerkingsproces)
    if head.endswith("-"):  # a compound that already has hyphens: Top-X-overleggen
        return True
    if len(frag) == 1 or frag.isupper() or word[0].isupper():
        return True
    return len(frag) <= 4 and any(c.isupper() for c in frag)


def _known_join(tail: str, line: str, vocab: Vocabulary) -> bool:
    head = _LAST_WORD.search(tail)
    nxt = _FIRST_WORD.match(line)
    if not head or not nxt or not line[:1].islower():
        return False
    return (head.group(0) + nxt.group("word")).lower() in vocab.plain


def _continues_without_space(tail: str, before: str, line: str, vocab: Vocabulary) -> bool:
    """A URL broken after `-`, `/`, `%`...; or a word broken without a hyphen (see the module docstring)."""
    if _URLISH.search(tail) and tail.endswith(_URL_CONTINUES) and not line.startswith(("http", "www.")):
        return True
    return vocab.unmarked_breaks and bool(_LOWER_END.search(before)) and _known_join(tail, line, vocab)


def join_lines(lines: Iterable[str], vocab: Vocabulary | None = None) -> str:
    """Join the lines of one paragraph into a single string."""
    return join_tagged(((line, None) for line in lines), vocab)[0]


def join_tagged(lines: Iterable[tuple[str, T]], vocab: Vocabulary | None = None) -> tuple[str, list[tuple[int, T]]]:
    """Join lines like `join_lines`; also return (offset in the result, tag) for the start of every line."""
    vocab = vocab or Vocabulary.empty()
    out = ""
    marks: list[tuple[int, T]] = []
    previous = ""
    for raw, tag in lines:
        line = collapse(raw)
        if not line:
            continue
        before, previous = previous, raw
        if not out:
            marks.append((0, tag))
            out = line
            continue
        tail = out.rsplit(" ", 1)[-1]
        m = _HYPHEN_END.search(tail)
        if _continues_without_space(tail, before, line, vocab):
            marks.append((len(out), tag))
            out += line
        elif m and _ELISION.match(line):  # "af- en overwegingen": the hyphen and the space are the author's
            out += " "
            marks.append((len(out), tag))
            out += line
        elif m and line[:1].isalpha():
            if not _keep_hyphen(m.group("head"), m.group("frag"), line, vocab):
                out = out[:-1]
            marks.append((len(out), tag))
            out += line
        else:
            out += " "
            marks.append((len(out), tag))
            out += line
    return out, marks
