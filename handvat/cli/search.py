"""`handvat search`: ranked passages with citation labels; batch mode for scripts and evaluations."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from handvat.cli.errors import fail, user_errors
from handvat.settings import Fusion


def register(app: typer.Typer) -> None:
    app.command("search")(search)


def search(
    query: Annotated[str | None, typer.Argument(help="De zoekvraag. Zonder vraag en zonder --batch: interactief.")] = None,
    k: Annotated[int, typer.Option("-k", help="Aantal passages (1-100).")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Uitvoer als JSON-lijst.")] = False,
    batch: Annotated[Path | None, typer.Option("--batch", help="JSONL-bestand met per regel een 'question'.")] = None,
    mode: Annotated[Fusion | None, typer.Option("--mode", help="rrf (hybride), lexical of dense.")] = None,
) -> None:
    """Zoek passages in de bronnen."""
    from handvat.settings import get_settings
    from index.search import MAX_K, open_searcher, validate_query

    if not 1 <= k <= MAX_K:
        raise fail(f"-k moet tussen 1 en {MAX_K} liggen (gekregen: {k}).")
    if query is not None:
        with user_errors():
            validate_query(query, k, get_settings().max_question_chars)
    with user_errors():
        searcher = open_searcher(get_settings(), mode)
        if batch is not None:
            _run_batch(searcher, batch, k)
        elif query is not None:
            _show(searcher.search(query, k), as_json)
        else:
            interactive(searcher, k)


def _show(hits, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps([h.public().model_dump() for h in hits], ensure_ascii=False, indent=2))
        return
    if not hits:
        typer.echo("Geen passages gevonden.")
    for hit in hits:
        typer.secho(f"[{hit.rank}] {hit.passage.label}  (score {hit.score:.3f})", bold=True)
        typer.echo(f"    {hit.passage.text}\n")


def _run_batch(searcher, path: Path, k: int) -> None:
    from index.errors import QueryError

    if not path.exists():
        raise fail(f"Batchbestand {path} bestaat niet.")
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                question = json.loads(line)["question"]
                hits = searcher.search(str(question), k)
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                typer.secho(f"Regel {number}: geen JSON-object met een 'question' ({exc}).", err=True, fg="yellow")
                hits = []
            except QueryError as exc:
                typer.secho(f"Regel {number}: {exc}", err=True, fg="yellow")
                hits = []
            sys.stdout.write(json.dumps([h.public().model_dump() for h in hits], ensure_ascii=False) + "\n")


def interactive(searcher, k: int) -> None:
    from index.errors import QueryError

    typer.echo("Zoek in de bronnen. Typ een vraag; een lege regel of Ctrl-D stopt.")
    while True:
        try:
            query = input("\nvraag> ").strip()
        except EOFError:
            break
        if not query:
            break
        try:
            _show(searcher.search(query, k), as_json=False)
        except QueryError as exc:
            typer.secho(str(exc), fg="yellow")
