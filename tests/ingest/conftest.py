from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest.manifest import Manifest
from ingest.pipeline import DocumentResult, ingest_document

DATA = Path(__file__).parent / "data"


@pytest.fixture
def ingest_fixture(tmp_path: Path):
    """Ingest one fixture file from tests/ingest/data (copied to a temp corpus without a manifest)."""

    def run(name: str, max_chars: int = 1200) -> DocumentResult:
        target = tmp_path / name
        shutil.copy(DATA / name, target)
        return ingest_document(target, Manifest(), max_chars=max_chars)

    return run
