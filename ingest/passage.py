"""The passage: the unit that ingestion produces and everything downstream cites."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Passage(BaseModel):
    """A chunk of one section of one document, named by its location."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="Stable id derived from document, section and content")
    document: str = Field(description="Corpus file name, e.g. 004_6e297dca9058e807.txt")
    doc_id: str = Field(description="Manifest id, e.g. 'handvat'")
    document_title: str
    document_short: str = Field(description="Short citation name, e.g. 'Handvat'")
    section: str | None = Field(default=None, description="Section number, e.g. '5.2.2' (None if unnumbered)")
    title: str | None = Field(default=None, description="Section title, e.g. 'Wet politiegegevens'")
    section_path: list[str] = Field(default_factory=list, description="Headings from the top to this section")
    page: int | None = None
    page_end: int | None = None
    text: str
    footnotes: list[str] = Field(default_factory=list, description="Footnotes referred to in the text")
    order: int = Field(description="Position of the passage within its document")
    document_date: str | None = Field(default=None, description="Manifest date of the document, e.g. '2016'")
    law_regime: str | None = Field(
        default=None, description="Privacy law the document was written under (manifest), e.g. 'Wbp (...)'"
    )

    @property
    def text_with_footnotes(self) -> str:
        """Body text followed by the footnotes it refers to (for indexing: some answers live in footnotes)."""
        return "\n\n".join([self.text, *self.footnotes])

    @property
    def label(self) -> str:
        """Citation label, e.g. 'Handvat §5.2.2 Wet politiegegevens, p. 47'."""
        parts = [self.document_short]
        if self.section:
            parts.append(f"§{self.section}")
        if self.title:
            parts.append(self.title)
        label = " ".join(parts)
        if self.page is not None:
            pages = (
                f"p. {self.page}"
                if not self.page_end or self.page_end == self.page
                else (f"p. {self.page}-{self.page_end}")
            )
            label = f"{label}, {pages}"
        return label


class TocEntry(BaseModel):
    """One heading of a document's table of contents."""

    model_config = ConfigDict(frozen=True)

    document: str
    section: str | None
    title: str
    level: int
    page: int | None = None
