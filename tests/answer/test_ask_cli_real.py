"""`handvat ask` as a user runs it: a real process over the real corpus index."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def _ask(args, settings, input_text=None):
    env = {**os.environ, "HANDVAT_DATA_DIR": str(settings.data_dir), "HANDVAT_CORPUS_DIR": str(settings.corpus_dir),
           "HANDVAT_LLM_PROVIDER": "none"}
    return subprocess.run([sys.executable, "-m", "handvat", "ask", *args], env=env, capture_output=True, text=True,
                          timeout=300, input=input_text)


def test_ask_json_has_the_documented_fields(corpus_settings):
    result = _ask(["Wanneer mag de politie politiegegevens verstrekken aan de burgemeester?", "--json"], corpus_settings)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    for field in ("answer", "refused", "citations", "passages", "verdict"):
        assert field in answer
    assert not answer["refused"] and answer["citations"]
    passage_ids = {p["id"] for p in answer["passages"]}
    for citation in answer["citations"]:
        assert {"n", "passage_id", "document", "section", "page", "quote"} <= set(citation)
        assert citation["passage_id"] in passage_ids
        assert f"[{citation['n']}]" in answer["answer"]


def test_ask_refuses_what_the_sources_do_not_say(corpus_settings):
    result = _ask(["Wat is het telefoonnummer van de helpdesk van de Autoriteit Persoonsgegevens?", "--json"],
                  corpus_settings)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["refused"] and "niet vinden in de bronnen" in answer["answer"]


def test_ask_routes_a_concrete_exchange_to_the_checker(corpus_settings):
    question = "Mag de politie politiegegevens aan de burgemeester verstrekken voor een gebiedsverbod?"
    result = _ask([question, "--json"], corpus_settings)
    assert result.returncode == 0, result.stderr
    verdict = json.loads(result.stdout)["verdict"]
    assert verdict is not None and verdict["uitkomst"] in {
        "verplicht", "toegestaan", "toegestaan_onder_voorwaarden", "afweging", "niet_toegestaan"}


def test_ask_batch_answers_each_line_in_order(corpus_settings, tmp_path):
    batch = tmp_path / "q.jsonl"
    batch.write_text('{"question": "Wat is een dat-gegeven?"}\n{"vraag": "fout"}\n{"question": "   "}\n', encoding="utf-8")
    result = _ask(["--batch", str(batch)], corpus_settings)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 3
    assert not lines[0]["refused"] and lines[1]["refused"]
    assert "Regel 2" in result.stderr


@pytest.mark.parametrize("question", ["", "   ", "x" * 5000])
def test_ask_rejects_empty_and_huge_questions_clearly(corpus_settings, question):
    result = _ask([question], corpus_settings)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr and result.stderr.strip()
