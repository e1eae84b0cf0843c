"""Search results: what the index returns and what `search --json` prints."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from ingest.passage import Passage


class HitPublic(BaseModel):
    """One retrieved passage as shown to users and scripts (`handvat search --json`)."""

    model_config = ConfigDict(frozen=True)

    id: str
    text: str
    document: str
    document_title: str
    title: str | None
    section: str | None
    section_path: list[str]
    page: int | None
    label: str
    score: float
    rank: int


class Hit(BaseModel):
    model_config = ConfigDict(frozen=True)

    passage: Passage
    score: float
    rank: int

    def public(self) -> HitPublic:
        p = self.passage
        return HitPublic(
            id=p.id,
            text=p.text_with_footnotes,
            document=p.document,
            document_title=p.document_title,
            title=p.title,
            section=p.section,
            section_path=p.section_path,
            page=p.page,
            label=p.label,
            score=round(self.score, 6),
            rank=self.rank,
        )
