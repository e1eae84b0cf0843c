"""`handvat ingest` / `handvat search` as a user runs them: real processes, real store."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

HANDVAT = [sys.executable, "-m", "handvat"]


def run(args, env, input_text=None):
    return subprocess.run(
        [*HANDVAT, *args], env=env, capture_output=True, text=True, timeout=300, input=input_text
    )


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    import shutil

    root = tmp_path_factory.mktemp("cli")
    corpus = root / "corpus"
    shutil.copytree(Path(__file__).parent / "data" / "corpus", corpus)
    environment = {
        **os.environ,
        "HANDVAT_CORPUS_DIR": str(corpus),
        "HANDVAT_DATA_DIR": str(root / "data"),
        "HANDVAT_CHUNK_MAX_CHARS": "600",
    }
    result = run(["ingest", "--quiet"], environment)
    assert result.returncode == 0, result.stderr
    return environment


def test_search_json_has_the_documented_fields(env):
    result = run(["search", "gebiedsverbod burgemeester", "-k", "2", "--json"], env)
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert len(hits) == 2
    for field in ("id", "text", "document", "title", "section", "page", "score"):
        assert field in hits[0]
    assert hits[0]["document"] == "politie.md"


def test_human_output_shows_rank_label_and_passage(env):
    result = run(["search", "art. 20 Wpg casusoverleg", "-k", "1"], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("[1] Notitie")
    assert "art. 20 Wpg" in result.stdout


def test_batch_writes_one_line_per_input_line_in_order(env, tmp_path):
    batch = tmp_path / "q.jsonl"
    batch.write_text(
        "\n".join(
            json.dumps(q)
            for q in ({"question": "meldrecht Veilig Thuis", "id": "x"}, {"question": "gebiedsverbod"}, {"vraag": "fout"})
        )
        + "\n",
        encoding="utf-8",
    )
    result = run(["search", "--batch", str(batch), "-k", "1"], env)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 3
    assert lines[0][0]["document"] == "zorg.md" and lines[1][0]["document"] == "politie.md"
    assert lines[2] == [] and "Regel 3" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", "   "], "zoekvraag is leeg"),
        (["search", "woord " * 1000], "te lang"),
        (["search", "politie", "-k", "0"], "-k moet tussen 1 en 100"),
        (["search", "--batch", "/nonexistent/q.jsonl"], "bestaat niet"),
    ],
)
def test_bad_search_input_gives_a_clear_error(env, args, message):
    result = run(args, env)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_search_without_index_says_how_to_build_it(env, tmp_path):
    result = run(["search", "politie"], {**env, "HANDVAT_DATA_DIR": str(tmp_path / "leeg")})
    assert result.returncode == 1 and "handvat ingest" in result.stderr


def test_ingest_of_a_missing_corpus_folder_fails_clearly(env, tmp_path):
    result = run(["ingest", "-q"], {**env, "HANDVAT_CORPUS_DIR": str(tmp_path / "weg"), "HANDVAT_DATA_DIR": str(tmp_path / "d")})
    assert result.returncode == 1
    assert "weg" in result.stderr and "Traceback" not in result.stderr
