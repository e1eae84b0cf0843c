"""`handvat ingest`: bring the index in line with the corpus folder."""

from __future__ import annotations

from typing import Annotated

import typer

from handvat.cli.errors import ExitCode, user_errors


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)


def ingest(
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Alles opnieuw opbouwen (na een configuratiewijziging).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Geen voortgangsbalk.")] = False,
) -> None:
    """Lees de bronnen in en bouw of werk de zoekindex bij (onveranderde documenten worden overgeslagen)."""
    from handvat.settings import get_settings

    settings = get_settings()
    with user_errors():
        report = run_ingest(settings, rebuild=rebuild, quiet=quiet)
    print_report(report)
    if report.problems:
        raise typer.Exit(int(ExitCode.partial))


def run_ingest(settings, *, rebuild: bool = False, quiet: bool = False):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from index.build import build_index

    if quiet:
        return build_index(settings, rebuild=rebuild)
    columns = (TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, transient=True) as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=max(total, 1))
            bar.update(tasks[stage], completed=done, total=max(total, 1))

        return build_index(settings, rebuild=rebuild, progress=progress)


def print_report(report) -> None:
    if report.skipped:
        typer.echo(f"Index is actueel ({report.passages} passages); niets te doen ({report.seconds:.1f} s).")
    else:
        typer.echo(
            f"Index bijgewerkt: generatie {report.generation}, {report.passages} passages "
            f"({report.embedded} nieuw ingebed, {report.reused_vectors} hergebruikt) in {report.seconds:.1f} s."
        )
        for label, names in (("nieuw", report.added), ("gewijzigd", report.changed), ("verwijderd", report.removed)):
            if names:
                typer.echo(f"  {label}: {', '.join(names)}")
    for problem in report.problems:
        typer.secho(f"  Overgeslagen: {problem.file}: {problem.message}", fg=typer.colors.YELLOW, err=True)
