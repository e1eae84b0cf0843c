"""Footnotes of PDF-extracted pages: the block at the bottom of a page, numbered on through the document.

A footnote starts at the beginning of a line with the next expected number and a space
(`57 MvT Kst 30327 nr 3. pag 74`); everything after it on that page belongs to the footnotes, until a blank line
followed by a line that is not the next footnote (then the page break was missed and body text resumes).
Numbering is global, so `3 Ambtenarenwet ...` (a wrapped body line) is never taken for footnote 3 when 59 is due;
and the first footnote of a block needs a blank line before it or its marker in the body above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.pages import PageText

_FOOTNOTE_START = re.compile(r"^(?P<n>\d{1,3})\s+(?P<text>\S.*)$")
_MAX_SKIP = 1  # tolerate one footnote the extraction lost


@dataclass
class Footnote:
    number: int
    lines: list[str]
    page: int | None
    page_index: int = -1  # index of its page in the pages returned by `split_footnotes`

    @property
    def marker(self) -> str:
        return str(self.number)


def _footnote_number(line: str, expected: int) -> int | None:
    if line.startswith(" "):  # a page's first line or a chapter heading, never a footnote
        return None
    m = _FOOTNOTE_START.match(line.rstrip())
    if not m:
        return None
    n = int(m.group("n"))
    return n if expected <= n <= expected + _MAX_SKIP else None


def split_footnotes(pages: list[PageText]) -> tuple[list[PageText], list[Footnote]]:
    """Return pages with footnote blocks removed, and the footnotes in order."""
    expected = 1
    footnotes: list[Footnote] = []
    out: list[PageText] = []
    queue = list(pages)
    while queue:
        page = queue.pop(0)
        found = len(footnotes)
        body, resumed, expected = _split_page(page, expected, footnotes)
        for note in footnotes[found:]:
            note.page_index = len(out)
        out.append(PageText(lines=body, anchor=page.anchor, number=page.number))
        if resumed:
            number = page.number + 1 if page.number else None
            queue.insert(0, PageText(lines=resumed, anchor=None, number=number))
    return out, footnotes


def _split_page(page: PageText, expected: int, footnotes: list[Footnote]) -> tuple[list[str], list[str], int]:
    body: list[str] = []
    current: Footnote | None = None
    lines = page.lines
    for i, line in enumerate(lines):
        n = _footnote_number(line, expected) if (i > 0 or current is not None) else None
        if n is not None and current is None and lines[i - 1].strip() and not _referenced(body, n):
            n = None  # a body line that happens to start with the number: no blank line, no marker above
        if n is not None:
            current = Footnote(number=n, lines=[line.split(None, 1)[1]], page=page.number)
            footnotes.append(current)
            expected = n + 1
            continue
        if current is None:
            body.append(line)
            continue
        if not line.strip():
            continue
        previous_blank = not lines[i - 1].strip()
        if previous_blank and not _continues(current, line):
            return body, lines[i:], expected  # body text of a page whose break was not detected
        current.lines.append(line)
    return body, [], expected


def _referenced(body: list[str], n: int) -> bool:
    text = " ".join(body)
    return bool(re.search(rf"(?<=[^\s\d])(?<!\d[.,:/]){n}(?!\d)|(?<=\s){n}(?=[\s.,;:)]|$)", text))


def _continues(footnote: Footnote, line: str) -> bool:
    """After a blank line inside a footnote block: does this line still belong to the footnote?"""
    last = footnote.lines[-1].rstrip()
    return not last.endswith((".", "?", "!", ")", ";")) or bool(re.match(r"^\s*(?:https?://|www\.)", line))
