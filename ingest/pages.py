"""Pages of PDF-extracted text: running headers/footers out, page breaks and page numbers in.

A `.txt` extraction has no page objects, so breaks are inferred from what PDF extraction leaves behind:

- a running footer or header (Kamerstuk footer `Tweede Kamer, vergaderjaar ..., nr. 272 1`, `kst-...`, `ISSN ...`,
  a letter's `Blad 4/4` block, a lone page number before repeated boilerplate) ends or starts a page;
- a block of bare link-annotation URLs is the tail of a page;
- the first line of a page usually starts with exactly one space (the extractor's page separator);
- a form feed is always a break.

Printed page numbers found in those headers/footers are anchors; pages between anchors are counted from them.
Where two anchors disagree with the number of breaks found between them, the pages in between get no number
rather than a wrong one. A document with several pages but no anchor is numbered from 1.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

_KAMERSTUK_FOOTER = re.compile(
    r"^(?:’s-Gravenhage \d{4}\s+)?Tweede Kamer, vergaderjaar \d{4}[–-]\d{4}, [\d ]+, nr\. \d+\s+(?P<page>\d{1,3})$"
)
_DROP_LINES = (
    re.compile(r"^kst-\d+(?:-[\dA-Za-z]+)+$"),
    re.compile(r"^ISSN \d{4} ?- ?\d{3}[\dX]$"),
    re.compile(r"^’s-Gravenhage \d{4}$"),
)
_PAGE_MARKER = re.compile(r"^(?:Pagina|Blad|Page)\s+(?P<page>\d{1,3})\s*(?:/|van|of)\s*\d{1,3}$", re.IGNORECASE)
_TAB_FOOTER = re.compile(r"^(?P<label>[^\t\d•\-–][^\t]{3,80}?)\s*\t\s*(?P<page>\d{1,3})$")
_NUMBER_ONLY = re.compile(r"^(?P<page>\d{1,3})$")
_URL_ONLY = re.compile(r"^(?:https?://|www\.)\S+$")
_PAGE_START = re.compile(r"^ [^\s]")
_BOILERPLATE_MIN_CHARS = 30
_BOILERPLATE_MIN_COUNT = 3


@dataclass
class PageText:
    """Lines of one page with running headers/footers removed."""

    lines: list[str] = field(default_factory=list)
    anchor: int | None = None  # printed page number found on this page
    number: int | None = None  # derived page number

    @property
    def has_content(self) -> bool:
        return any(line.strip() for line in self.lines)


def boilerplate_lines(lines: list[str]) -> set[str]:
    """Long lines that recur verbatim next to page numbers (copyright notices, running titles).

    Repetition alone is not enough (a questionnaire repeats its questions); most occurrences must sit in a
    page footer: within a few lines after a lone page number or another boilerplate line.
    """
    stripped = [line.strip() for line in lines]
    counts = Counter(s for s in stripped if len(s) >= _BOILERPLATE_MIN_CHARS)
    candidates = {s for s, n in counts.items() if n >= _BOILERPLATE_MIN_COUNT and not _URL_ONLY.match(s)}
    found: set[str] = set()
    for _ in range(3):  # a second footer line is confirmed by the first
        for text in candidates - found:
            where = [i for i, s in enumerate(stripped) if s == text]
            in_footer = sum(1 for i in where if _after_footer_mark(stripped, i, found))
            if in_footer * 2 >= len(where):
                found.add(text)
    return found


def _after_footer_mark(stripped: list[str], i: int, found: set[str]) -> bool:
    previous = [s for s in stripped[max(0, i - 12) : i] if s][-4:]
    return any(_NUMBER_ONLY.match(s) or s in found for s in previous)


def _is_url_dump(lines: list[str], i: int) -> bool:
    """A bare URL on its own line next to another one: a PDF's link annotations, not text."""
    if not _URL_ONLY.match(lines[i].strip()):
        return False
    return any(0 <= j < len(lines) and _URL_ONLY.match(lines[j].strip()) for j in (i - 1, i + 1))


def split_pages(text: str, *, infer_breaks: bool = True) -> list[PageText]:
    """Split one extracted text into pages without running headers/footers."""
    pages: list[PageText] = []
    for chunk in text.split("\f"):
        pages.extend(_split_chunk(chunk.split("\n"), infer_breaks))
    return [p for p in pages if p.has_content] or [PageText()]


def _split_chunk(lines: list[str], infer_breaks: bool) -> list[PageText]:
    skip = boilerplate_lines(lines)
    pages = [PageText()]
    seen: Counter[str] = Counter()
    break_pending = False

    def new_page(anchor: int | None = None) -> None:
        if pages[-1].has_content:
            pages.append(PageText(anchor=anchor))
        elif anchor is not None:
            pages[-1].anchor = anchor

    for i, raw in enumerate(lines):
        s = raw.strip()
        if not s:
            pages[-1].lines.append("")
            continue
        if s in skip:
            continue
        if _is_url_dump(lines, i):
            break_pending = True
            continue
        if any(rx.match(s) for rx in _DROP_LINES):
            continue
        if m := _KAMERSTUK_FOOTER.match(s):
            pages[-1].anchor = int(m.group("page"))
            break_pending = True
            continue
        if m := _PAGE_MARKER.match(s):
            _pop_letterhead(pages[-1], seen)
            new_page(int(m.group("page")))
            break_pending = False
            continue
        if m := _TAB_FOOTER.match(raw.strip(" ")):
            new_page(int(m.group("page")))
            break_pending = False
            continue
        if (m := _NUMBER_ONLY.match(s)) and _ends_page(lines, i, skip):
            pages[-1].anchor = int(m.group("page"))
            break_pending = True
            continue
        if infer_breaks and (break_pending or (_PAGE_START.match(raw) and not _URL_ONLY.match(s))):
            new_page()
            break_pending = False
        pages[-1].lines.append(raw)
        seen[s] += 1
    return pages


def _ends_page(lines: list[str], i: int, skip: set[str]) -> bool:
    """A lone number is a page number when nothing but boilerplate follows, or a new page starts."""
    following = next((line for line in lines[i + 1 :] if line.strip()), None)
    return following is None or following.strip() in skip or bool(_PAGE_START.match(following))


def _pop_letterhead(page: PageText, seen: Counter[str]) -> None:
    """Remove the repeated letterhead lines (`Onderwerp ...`, `Datum ...`) just above a `Blad n/m` marker."""
    popped: list[str] = []
    while page.lines and (not page.lines[-1].strip() or seen[page.lines[-1].strip()] >= 2):
        line = page.lines.pop()
        if line.strip():
            popped.append(line)
        elif popped:
            page.lines.append(line)
            break


_EDGE_LINES = 3


def _edge_key(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip())


def strip_running_lines(pages: list[str]) -> list[str]:
    """Remove headers/footers of a paged document: lines (digits ignored) at the top or bottom of at least half
    of the pages, and at least three."""
    edges: list[set[str]] = []
    for text in pages:
        content = [line for line in text.split("\n") if line.strip()]
        edges.append({_edge_key(line) for line in content[:_EDGE_LINES] + content[-_EDGE_LINES:]})
    counts = Counter(key for keys in edges for key in keys)
    running = {k for k, n in counts.items() if n >= max(3, (len(pages) + 1) // 2)}
    if not running:
        return pages
    result = []
    for text in pages:
        lines = text.split("\n")
        content = [i for i, line in enumerate(lines) if line.strip()]
        edge = set(content[:_EDGE_LINES] + content[-_EDGE_LINES:])
        result.append(
            "\n".join(line for i, line in enumerate(lines) if i not in edge or _edge_key(line) not in running)
        )
    return result


def number_pages(pages: list[PageText]) -> None:
    """Derive `number` for every page from the printed anchors (see the module docstring)."""
    anchors = [(k, p.anchor) for k, p in enumerate(pages) if p.anchor is not None]
    if not anchors:
        for k, page in enumerate(pages):
            page.number = k + 1 if len(pages) > 1 else None
        return
    suspect: set[int] = set()
    for (k1, a1), (k2, a2) in itertools.pairwise(anchors):
        if a2 - a1 != k2 - k1:
            suspect.update(range(k1, k2))
    for k, page in enumerate(pages):
        if k in suspect:
            page.number = None
            continue
        before = [(kk, a) for kk, a in anchors if kk <= k]
        kk, a = before[-1] if before else anchors[0]
        number = a + (k - kk)
        page.number = number if number >= 1 else None
