import shutil
from pathlib import Path

import pytest

from handvat.settings import Settings

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def embedder():
    """The real packaged MiniLM, loaded once for the session."""
    from index.embedder import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder("packaged:all-MiniLM-L6-v2")


@pytest.fixture
def small_corpus(tmp_path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(DATA / "corpus", target)
    return target


@pytest.fixture
def settings(tmp_path, small_corpus) -> Settings:
    return Settings(corpus_dir=small_corpus, data_dir=tmp_path / "data", chunk_max_chars=600)
