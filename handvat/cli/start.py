"""`handvat start`: the main job in a terminal (index if needed, then a conversation with the assistant)."""

from __future__ import annotations

from typing import Annotated

import typer

from handvat.cli.errors import user_errors


def register(app: typer.Typer) -> None:
    app.command("start")(start)


def start(
    search_only: Annotated[bool, typer.Option("--search", help="Alleen zoeken (passages), geen antwoorden.")] = False,
    k: Annotated[int, typer.Option("-k", help="Aantal passages per zoekvraag (met --search).")] = 5,
) -> None:
    """Bouw de index als die ontbreekt en start het gesprek (vragen met bronvermelding)."""
    from handvat.cli.ingest import print_report, run_ingest
    from handvat.settings import get_settings
    from index.state import StateFiles
    from index.vectors import state_dir

    settings = get_settings()
    with user_errors():
        if StateFiles(state_dir(settings.data_dir, settings.chroma_url)).read_state() is None:
            print_report(run_ingest(settings))
    if search_only:
        from handvat.cli.search import interactive
        from index.search import open_searcher

        with user_errors():
            interactive(open_searcher(settings), k)
        return
    from handvat.cli.ask import _conversation, _load

    assistant = _load()
    with user_errors():
        _conversation(assistant, as_json=False)
