"""The ``handvat`` command line. Subcommands live in their own modules and import their work lazily."""

from __future__ import annotations

import typer


def build_app() -> typer.Typer:
    from handvat.cli import ask, check, evaluate, ingest, search, start

    app = typer.Typer(
        name="handvat",
        help="Handvat: vragen over gegevensdeling beantwoorden met bronnen, en scenario's toetsen.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    for module in (start, ingest, search, check, ask, evaluate):
        module.register(app)
    return app


def main() -> None:
    build_app()()
