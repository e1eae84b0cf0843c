"""Chunking along the structure: a section's paragraphs packed into passages of at most `max_chars`.

Never across sections. A paragraph longer than `max_chars` is split at sentence ends, a sentence longer than
that at spaces. Each chunk keeps the stream range of its lines (for footnotes) and its first and last page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.cleaning import Vocabulary, join_tagged
from ingest.lines import Line

PARAGRAPH_SEPARATOR = "\n\n"
_CLOSED = (".", "!", "?", ":", ";", "’", "”", '"')
# A sentence ends at . ! ? followed by a space and an upper-case letter, digit, quote or bullet; not after a
# single letter or a common abbreviation ("F.B.J. Grapperhaus", "o.a. de", "mr. G.A.").
_SENTENCE_END = re.compile(r"(?<=[.!?])[)’”'\"]?\s+(?=[A-ZÀ-Ý0-9‘“'\"(•\-–])")
_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]|\b(?:mr|dr|nr|art|bijv|o\.a|m\.b\.t|t\.a\.v|jo|jl|etc|vgl|zgn|ca))\.$")


@dataclass
class Chunk:
    text: str
    first_idx: int
    last_idx: int
    page: int | None
    page_end: int | None


@dataclass
class _Piece:
    text: str
    marks: list[tuple[int, Line]]  # offset in text -> line starting there


def _blocks(lines: list[Line]) -> list[list[Line]]:
    """Lines between blank lines; a block that continues a sentence (`... die op` / `meer dan ...`) is merged
    with the one before, because PDF extraction puts stray blank lines inside sentences."""
    blocks: list[list[Line]] = []
    block: list[Line] = []
    for line in [*lines, Line("", None, -1)]:
        if not line.blank:
            block.append(line)
            continue
        if block:
            first = block[0].text.strip()
            if blocks and first[:1].islower() and not blocks[-1][-1].text.rstrip().endswith(_CLOSED):
                blocks[-1].extend(block)
            else:
                blocks.append(block)
            block = []
    return blocks


def paragraphs(lines: list[Line], vocab: Vocabulary) -> list[_Piece]:
    result: list[_Piece] = []
    for block in _blocks(lines):
        text, marks = join_tagged(((b.text, b) for b in block), vocab)
        if text:
            result.append(_Piece(text, marks))
    return result


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text[start : m.start()]):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if b > a]


def _hard_split(a: int, b: int, text: str, max_chars: int) -> list[tuple[int, int]]:
    out = []
    while b - a > max_chars:
        cut = text.rfind(" ", a, a + max_chars)
        cut = cut if cut > a else a + max_chars
        out.append((a, cut))
        a = cut + 1 if text[cut : cut + 1] == " " else cut
    out.append((a, b))
    return out


def _split_piece(piece: _Piece, max_chars: int) -> list[_Piece]:
    if len(piece.text) <= max_chars:
        return [piece]
    spans: list[tuple[int, int]] = []
    for a, b in _sentences(piece.text):
        spans.extend(_hard_split(a, b, piece.text, max_chars) if b - a > max_chars else [(a, b)])
    groups: list[tuple[int, int]] = []
    for a, b in spans:
        if groups and b - groups[-1][0] <= max_chars:
            groups[-1] = (groups[-1][0], b)
        else:
            groups.append((a, b))
    return [_sub_piece(piece, a, b) for a, b in groups]


def _sub_piece(piece: _Piece, a: int, b: int) -> _Piece:
    before = [m for m in piece.marks if m[0] <= a]
    inside = [(off - a, line) for off, line in piece.marks if a < off < b]
    head = [(0, before[-1][1])] if before else []
    return _Piece(piece.text[a:b].strip(), head + inside)


def _pages(marks: list[tuple[int, Line]]) -> tuple[int | None, int | None]:
    pages = [line.page for _, line in marks if line.page is not None]
    return (pages[0], pages[-1]) if pages else (None, None)


def chunk_lines(lines: list[Line], vocab: Vocabulary, max_chars: int) -> list[Chunk]:
    pieces = [p for para in paragraphs(lines, vocab) for p in _split_piece(para, max_chars)]
    groups: list[list[_Piece]] = []
    size = 0
    for piece in pieces:
        extra = len(piece.text) + (len(PARAGRAPH_SEPARATOR) if groups and groups[-1] else 0)
        if groups and size + extra <= max_chars:
            groups[-1].append(piece)
            size += extra
        else:
            groups.append([piece])
            size = len(piece.text)
    chunks = []
    for group in groups:
        marks = [m for p in group for m in p.marks]
        page, page_end = _pages(marks)
        idxs = [line.idx for _, line in marks]
        chunks.append(
            Chunk(
                text=PARAGRAPH_SEPARATOR.join(p.text for p in group),
                first_idx=min(idxs) if idxs else -1,
                last_idx=max(idxs) if idxs else -1,
                page=page,
                page_end=page_end,
            )
        )
    return chunks
