"""Footnotes go with the passage whose text refers to them.

The reference is looked for on the footnote's own page: first a marker glued to the preceding word or
punctuation (`personen.3`, `logica’s’1`, `samenwerkingsverbanden8`), then one glued to a year
(`25 november 20192`, `18 mei 2021.5`), then a free-standing number (`gesproken 2.`), then a marker glued to a section heading (the section's first passage); failing all,
the footnote goes with the last passage of its page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.chunking import Chunk
from ingest.cleaning import Vocabulary, join_lines
from ingest.footnotes import Footnote
from ingest.headings import Section


@dataclass
class Draft:
    section: Section
    chunk: Chunk
    footnotes: list[str] = field(default_factory=list)


def _glued(n: int) -> re.Pattern[str]:
    return re.compile(rf"(?<=[^\s\d])(?<!\d[.,:/]){n}(?!\d)(?![.,]\d)")


def _after_year(n: int) -> re.Pattern[str]:
    return re.compile(rf"(?:(?<=\b(?:19|20)\d\d)|(?<=\b(?:19|20)\d\d[.,])){n}(?!\d)")


def _spaced(n: int) -> re.Pattern[str]:
    return re.compile(rf"(?<=\s){n}(?=[\s.,;:)]|$)(?![.,]\d)")


def attach_footnotes(
    drafts: list[Draft], footnotes: list[Footnote], spans: list[tuple[int, int]], vocab: Vocabulary
) -> None:
    for note in footnotes:
        target = _target(drafts, note, spans)
        if target is not None:
            target.footnotes.append(f"{note.number} {join_lines(note.lines, vocab)}")


def _target(drafts: list[Draft], note: Footnote, spans: list[tuple[int, int]]) -> Draft | None:
    if not drafts:
        return None
    first, last = spans[note.page_index] if 0 <= note.page_index < len(spans) else (-1, -1)
    on_page = [d for d in drafts if d.chunk.first_idx <= last and d.chunk.last_idx >= first and last >= first]
    for pattern in (_glued(note.number), _after_year(note.number), _spaced(note.number)):
        for draft in on_page:
            if pattern.search(draft.chunk.text):
                return draft
    for draft in drafts:  # the marker was on the section heading ('Bestuurlijke regie48')
        heading = draft.section.heading
        if heading is not None and heading.marker == note.number and (heading.page in (None, note.page)):
            return draft
    if on_page:
        return on_page[-1]
    before = [d for d in drafts if d.chunk.first_idx <= max(last, first)]
    return before[-1] if before else drafts[0]
