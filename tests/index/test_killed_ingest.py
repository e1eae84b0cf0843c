"""A build killed half-way (SIGKILL, no clean-up) must leave the previous index usable."""

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from index.build import build_index
from index.search import open_searcher
from index.vectors import VectorStore, open_client

pytestmark = pytest.mark.slow

SLOW_BUILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from handvat.settings import Settings
    from index.build import build_index

    class SlowEmbedder:
        name = "slow"
        def embed(self, texts, batch_size=64):
            Path(sys.argv[3]).write_text("embedding")
            time.sleep(60)
            return [[0.0] * 384 for _ in texts]

    settings = Settings(corpus_dir=Path(sys.argv[1]), data_dir=Path(sys.argv[2]), chunk_max_chars=600)
    build_index(settings, embedder=SlowEmbedder())
    """
)


def test_killed_ingest_leaves_previous_index_usable(settings, embedder, tmp_path):
    first = build_index(settings, embedder=embedder)
    (settings.corpus_dir / "extra.md").write_text("# Extra\n\nWoningcorporaties en overlast.\n", encoding="utf-8")
    marker = tmp_path / "marker"
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_BUILD, str(settings.corpus_dir), str(settings.data_dir), str(marker)],
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert proc.poll() is None, "the build process ended before it reached the embedding step"
            assert time.monotonic() < deadline, "the build never reached the embedding step"
            time.sleep(0.2)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()

    # The old generation is still live and answers.
    hits = open_searcher(settings, embedder=embedder).search("beroepsgeheim arts", k=2)
    assert hits and hits[0].passage.document == "zorg.md"
    assert all(h.passage.document != "extra.md" for h in hits)

    # The next build finishes the job and removes the leftovers of the killed one (stale lock included).
    report = build_index(settings, embedder=embedder)
    assert report.added == ["extra.md"] and report.generation > first.generation
    assert VectorStore(open_client(settings.data_dir, None)).generations() == [report.generation]
