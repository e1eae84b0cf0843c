"""`handvat start`: the main job in a terminal (index if needed, then an interactive prompt)."""

from __future__ import annotations

from typing import Annotated

import typer

from handvat.cli.errors import user_errors


def register(app: typer.Typer) -> None:
    app.command("start")(start)


def start(
    k: Annotated[int, typer.Option("-k", help="Aantal passages per vraag.")] = 5,
) -> None:
    """Bouw de index als die ontbreekt en start de interactieve zoekprompt."""
    from handvat.cli.ingest import print_report, run_ingest
    from handvat.cli.search import interactive
    from handvat.settings import get_settings
    from index.search import open_searcher
    from index.state import StateFiles
    from index.vectors import state_dir

    settings = get_settings()
    with user_errors():
        if StateFiles(state_dir(settings.data_dir, settings.chroma_url)).read_state() is None:
            print_report(run_ingest(settings))
        searcher = open_searcher(settings)
        interactive(searcher, k)
