"""`handvat eval ...`: evaluation runs over question and scenario sets."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    from handvat.cli import eval_questions, eval_scenarios

    eval_app = typer.Typer(help="Evalueer zoeken, antwoorden en de checker op een evaluatieset.", no_args_is_help=True)
    eval_questions.register(eval_app)
    eval_scenarios.register(eval_app)
    app.add_typer(eval_app, name="eval")
