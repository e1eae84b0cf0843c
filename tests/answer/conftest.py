"""Shared fixtures for the ask-core tests: hand-made passages behind the real lexical searcher."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from answer.refusal import CorpusStats
from answer.service import Assistant
from handvat.settings import Settings
from index.search import LexicalSearcher
from ingest.passage import Passage

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def core_passages() -> list[Passage]:
    return [Passage(**p) for p in json.loads((DATA / "core_passages.json").read_text(encoding="utf-8"))]


@pytest.fixture(scope="session")
def core_searcher(core_passages):
    return LexicalSearcher(core_passages)


@pytest.fixture(scope="session")
def core_stats(core_passages) -> CorpusStats:
    return CorpusStats.from_texts(p.text for p in core_passages)


@pytest.fixture
def core_settings() -> Settings:
    return Settings(top_k=5, llm_provider="none")


@pytest.fixture
def assistant(core_searcher, core_stats, core_settings) -> Assistant:
    return Assistant(core_searcher, core_settings, corpus_stats=core_stats, router=False)
