"""Fixtures shared across packages: the real index over the project's own corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from handvat.settings import PROJECT_ROOT, Settings


@pytest.fixture(scope="session")
def corpus_settings(tmp_path_factory) -> Settings:
    """Settings whose data directory holds a freshly built index of `corpus/` (built once per session)."""
    from index.build import build_index

    settings = Settings(corpus_dir=PROJECT_ROOT / "corpus", data_dir=tmp_path_factory.mktemp("corpus-index"))
    report = build_index(settings)
    assert not report.problems, report.problems
    return settings


@pytest.fixture(scope="session")
def dev_questions_path() -> Path:
    return PROJECT_ROOT / "evals" / "data" / "dev_questions.jsonl"
