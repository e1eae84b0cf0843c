"""`handvat ask`: a grounded answer with numbered, checked citations (or an honest "niet gevonden")."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from handvat.cli.errors import fail, user_errors


def register(app: typer.Typer) -> None:
    app.command("ask")(ask)


def ask(
    question: Annotated[str | None, typer.Argument(help="De vraag. Zonder vraag en zonder --batch: gesprek.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Uitvoer als JSON-object.")] = False,
    batch: Annotated[Path | None, typer.Option("--batch", help="JSONL-bestand met per regel een 'question'.")] = None,
) -> None:
    """Beantwoord een vraag uit de bronnen, met bronvermelding."""
    if batch is not None and not batch.exists():
        raise fail(f"Batchbestand {batch} bestaat niet. Geef een JSONL-bestand met per regel {{\"question\": ...}}.")
    assistant = _load()
    with user_errors():
        if batch is not None:
            _run_batch(assistant, batch)
        elif question is not None:
            _show(assistant.ask(question), as_json)
        else:
            _conversation(assistant, as_json)


def _load():
    from answer.service import build_assistant
    from handvat.settings import get_settings

    try:
        from answer.llm import LLMError
    except ImportError:  # pragma: no cover - the LLM module ships with the package
        LLMError = RuntimeError
    with user_errors():
        try:
            return build_assistant(get_settings())
        except LLMError as exc:
            raise fail(str(exc)) from None


def _payload(answer) -> dict:
    return answer.model_dump(mode="json")


def _show(answer, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(_payload(answer), ensure_ascii=False, indent=2))
        return
    typer.echo(answer.answer)
    seen: set[int] = set()
    sources = [c for c in answer.citations if not (c.n in seen or seen.add(c.n))]
    if sources:
        typer.echo("")
        typer.secho("Bronnen:", bold=True)
        for c in sorted(sources, key=lambda c: c.n):
            typer.echo(f"  [{c.n}] {c.label} — {c.document_title}")
    for note in answer.notes:
        typer.secho(f"\n{note}", fg=typer.colors.YELLOW)


def _error_line(question, message: str) -> dict:
    return {
        "question": question, "answer": "", "refused": True, "refusal_reason": "fout", "error": message,
        "mode": "refusal", "citations": [], "passages": [], "verdict": None, "notes": [], "timings_ms": {},
    }


def _run_batch(assistant, path: Path) -> None:
    from answer.errors import AnswerError

    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            question = None
            try:
                item = json.loads(line)
                question = item["question"]
                if not isinstance(question, str):
                    raise TypeError("'question' is geen tekst")
                out = _payload(assistant.ask(question))
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                message = f"Regel {number}: geen JSON-object met een tekstveld 'question' ({exc})."
                typer.secho(message, err=True, fg="yellow")
                out = _error_line(question, message)
            except AnswerError as exc:
                message = f"Regel {number}: {exc}"
                typer.secho(message, err=True, fg="yellow")
                out = _error_line(question, message)
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
            sys.stdout.flush()


def _conversation(assistant, as_json: bool) -> None:
    from answer.errors import AnswerError
    from answer.models import Turn

    typer.echo("Stel een vraag (leeg of Ctrl-D om te stoppen). Vervolgvragen gebruiken het gesprek.")
    history: list[Turn] = []
    while True:
        try:
            question = input("\nvraag> ").strip()
        except EOFError:
            break
        if not question:
            break
        try:
            answer = assistant.ask(question, history)
        except AnswerError as exc:
            typer.secho(f"Fout: {exc}", fg=typer.colors.RED, err=True)
            continue
        _show(answer, as_json)
        history.append(Turn(question=question, answer=answer.answer))
