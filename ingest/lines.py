"""The body-line stream that structure detection and chunking work on."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.pages import PageText

_TERMINAL = (".", "!", "?", ":", ";")
_NEW_BLOCK = re.compile(r"^\s*(?:[#>•▪●\-–*]|\d+[.)]\s)")


@dataclass(frozen=True)
class Line:
    text: str  # raw line (leading space kept: it is a page-start/heading signal); "" for a blank line
    page: int | None
    idx: int  # position in the stream
    page_first: bool = False  # first content line of a page

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def flatten(pages: list[PageText]) -> tuple[list[Line], list[tuple[int, int]]]:
    """One stream of lines over all pages, plus the (first, last) stream index of every page.

    Blank lines at page edges are dropped, so a paragraph that runs over a page break stays one paragraph;
    a blank line is kept between pages when the earlier page ends a sentence.
    """
    lines: list[Line] = []
    spans: list[tuple[int, int]] = []
    for page in pages:
        content = list(page.lines)
        while content and not content[0].strip():
            content.pop(0)
        while content and not content[-1].strip():
            content.pop()
        first = len(lines)
        if content and lines and (lines[-1].text.rstrip().endswith(_TERMINAL) or _NEW_BLOCK.match(content[0])):
            lines.append(Line("", page.number, len(lines)))
            first = len(lines)
        for k, text in enumerate(content):
            lines.append(Line(text if text.strip() else "", page.number, len(lines), page_first=k == 0))
        spans.append((first, len(lines) - 1))
    return lines, spans
