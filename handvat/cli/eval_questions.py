"""`handvat eval questions FILE.jsonl`: retrieval (and, when available, answer) metrics."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from handvat.cli.errors import fail, user_errors


def register(app: typer.Typer) -> None:
    app.command("questions")(questions)


def questions(
    path: Annotated[Path, typer.Argument(help="JSONL met vragen en gouden fragmenten (zie evals/data/README.md).")],
    as_json: Annotated[bool, typer.Option("--json", help="Schrijf de cijfers als JSON.")] = False,
    configs: Annotated[str, typer.Option("--configs", help="Kommagescheiden: lexical,dense,rrf.")] = "lexical,dense,rrf",
    answers: Annotated[bool, typer.Option("--answers/--no-answers", help="Ook de antwoorden meten.")] = True,
) -> None:
    """Meet zoeken (per configuratie naast elkaar) en antwoorden (steun, weigeren, bronvermelding, snelheid)."""
    from evals.questions import EvalFileError, evaluate_retrieval, figures_json, format_retrieval, load_questions
    from handvat.settings import Fusion, get_settings
    from index.embedder import open_embedder
    from index.search import open_searcher

    try:
        items = load_questions(path)
        modes = [Fusion(c.strip()) for c in configs.split(",") if c.strip()]
    except (EvalFileError, ValueError) as exc:
        raise fail(str(exc)) from None
    settings = get_settings()
    figures = []
    with user_errors():
        embedder = open_embedder(settings.embedder, settings.data_dir / "models")
        for mode in modes:
            searcher = open_searcher(settings, mode, embedder=embedder)
            searcher.search(items[0].question, 5)  # warm up (model load) before timing
            label = {"rrf": "hybride", "lexical": "lexicaal", "dense": "dens"}[mode.value]
            figures.append(evaluate_retrieval(label, items, searcher.search))
    report = None
    if answers:
        from evals.answers import evaluate_answers, format_report
        from evals.run_answers import load_items

        with user_errors():
            from answer.service import build_assistant

            report = evaluate_answers(load_items(path), build_assistant(settings))
    if as_json:
        typer.echo(figures_json(figures, {"answers": report.model_dump(mode="json")} if report else None))
        return
    typer.echo(format_retrieval(figures))
    if report is not None:
        typer.echo("")
        typer.echo(format_report(report))
