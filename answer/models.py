"""Public answer schema shared by the CLI, the API and the UI."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from index.hits import HitPublic


class AnswerMode(StrEnum):
    extractive = "extractive"
    llm = "llm"
    refusal = "refusal"


class Citation(BaseModel):
    model_config = ConfigDict(frozen=True)

    n: int = Field(description="The marker number used in the answer text: [n]")
    passage_id: str
    document: str
    document_title: str
    section: str | None
    title: str | None
    page: int | None
    label: str
    quote: str = Field(description="Verbatim span of the passage that supports the claim")


class Turn(BaseModel):
    """One earlier exchange of a conversation (for follow-up questions)."""

    model_config = ConfigDict(extra="forbid")

    question: str
    answer: str = ""


class AnswerPublic(BaseModel):
    question: str
    answer: str
    refused: bool
    refusal_reason: str | None = None
    mode: AnswerMode
    citations: list[Citation] = Field(default_factory=list)
    passages: list[HitPublic] = Field(default_factory=list)
    verdict: dict[str, Any] | None = Field(default=None, description="The checker's verdict, verbatim, or null")
    scenario: dict[str, Any] | None = Field(default=None, description="Scenario the checker was run on, if any")
    notes: list[str] = Field(default_factory=list, description="Currency notes, fallback reasons, nearest sections")
    timings_ms: dict[str, float] = Field(default_factory=dict)
