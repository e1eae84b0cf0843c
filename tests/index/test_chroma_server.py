"""Index and search through a real Chroma server (the `chroma` CLI that the chromadb package ships)."""

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from index.build import build_index
from index.search import open_searcher

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent))
    assert chroma, "the chroma CLI should be installed with chromadb"
    port = _free_port()
    proc = subprocess.Popen(
        [chroma, "run", "--path", str(tmp_path / "server-db"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None, "chroma server exited during start-up"
            assert time.monotonic() < deadline, "chroma server did not become ready in 60 s"
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_index_and_search_through_chroma_server(settings, embedder, chroma_server):
    server_settings = settings.model_copy(update={"chroma_url": chroma_server})
    report = build_index(server_settings, embedder=embedder)
    assert report.passages >= 4
    assert not (settings.data_dir / "chroma").exists(), "server mode must not create an embedded store"
    for mode in ("dense", "rrf"):
        hits = open_searcher(server_settings, mode, embedder=embedder).search("meldrecht huiselijk geweld", k=2)
        assert hits[0].passage.document == "zorg.md"
    again = build_index(server_settings, embedder=embedder)
    assert again.skipped


def test_unreachable_server_gives_a_clear_error(settings, embedder):
    from index.errors import StoreUnavailable

    port = _free_port()
    bad = settings.model_copy(update={"chroma_url": f"http://127.0.0.1:{port}"})
    with pytest.raises(StoreUnavailable, match="HANDVAT_CHROMA_URL"):
        build_index(bad, embedder=embedder)
