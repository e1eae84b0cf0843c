"""`handvat ask`: text, --json with the documented keys, --batch in order; index replaced at the seam."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import answer.service
from handvat.cli import build_app

runner = CliRunner()


@pytest.fixture
def app(monkeypatch, assistant):
    calls = []

    def build(settings=None):
        calls.append(settings)
        return assistant

    monkeypatch.setattr(answer.service, "build_assistant", build)
    application = build_app()
    application.calls = calls
    return application


def test_ask_prints_answer_and_sources(app):
    result = runner.invoke(app, ["ask", "Kan Veilig Thuis het convenant zelf ondertekenen?"])
    assert result.exit_code == 0, result.output
    assert "[1]" in result.output and "Bronnen:" in result.output and "Handvat §5.5 Veilig Thuis" in result.output


def test_ask_json_has_the_documented_fields(app):
    result = runner.invoke(app, ["ask", "Kan Veilig Thuis het convenant zelf ondertekenen?", "--json"])
    data = json.loads(result.output)
    assert {"answer", "refused", "citations", "passages", "verdict"} <= set(data)
    assert data["refused"] is False and data["verdict"] is None
    for c in data["citations"]:
        assert {"n", "passage_id", "document", "section", "page", "quote"} <= set(c)
    assert {"id", "text", "label", "score", "rank"} <= set(data["passages"][0])


def test_batch_writes_one_answer_per_line_in_order_and_loads_once(app, tmp_path):
    lines = [
        {"question": "Kan Veilig Thuis het convenant zelf ondertekenen?", "id": "a"},
        {"question": "Wat staat er in de Wams?"},
        "not json",
        {"vraag": "verkeerd veld"},
        {"question": "Vind jij persoonlijk Veiligheidshuizen zinvol?"},
    ]
    path = tmp_path / "q.jsonl"
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["ask", "--batch", str(path)])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(out) == 5
    assert out[0]["question"].startswith("Kan Veilig Thuis") and not out[0]["refused"]
    assert out[1]["refused"] and out[1]["citations"] == []
    assert "error" in out[2] and "error" in out[3]
    assert out[4]["refused"] and out[4]["refusal_reason"] == "opinion"
    assert len(app.calls) == 1


def test_missing_batch_file_is_a_dutch_error(app, tmp_path):
    result = runner.invoke(app, ["ask", "--batch", str(tmp_path / "weg.jsonl")])
    assert result.exit_code == 1
    assert "bestaat niet" in result.output


def test_empty_question_is_a_dutch_error(app):
    result = runner.invoke(app, ["ask", "  "])
    assert result.exit_code == 1
    assert "De vraag is leeg" in result.output and "Traceback" not in result.output
