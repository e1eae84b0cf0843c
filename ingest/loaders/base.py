"""The loader seam: a file in, raw text (per page where the format knows pages) out."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Protocol


class TextOrigin(StrEnum):
    """How the raw text came about; decides which cleaning and structure rules apply."""

    pdf_extraction = "pdf_extraction"  # text extracted from a PDF: running headers, footnotes, hyphenation
    markup = "markup"  # authored text with explicit headings (markdown, docx styles)


@dataclass(frozen=True)
class RawPage:
    """Text of one page; `number` is None when the format has no pages (the cleaner may derive them)."""

    text: str
    number: int | None = None


@dataclass(frozen=True)
class RawDocument:
    path: Path
    origin: TextOrigin
    pages: list[RawPage] = field(default_factory=list)
    paged: bool = False  # True when `pages` are real pages of the source (PDF), not one undivided text

    @property
    def has_text(self) -> bool:
        return any(p.text.strip() for p in self.pages)


class Loader(Protocol):
    """Reads one kind of file. Raises `ingest.errors.IngestError` subclasses for unreadable input."""

    suffixes: tuple[str, ...]

    def load(self, path: Path) -> RawDocument: ...
