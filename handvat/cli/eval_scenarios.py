"""`handvat eval scenarios`: score checker evaluation cases (spec §7)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from handvat.cli.errors import fail, user_errors


def register(app: typer.Typer) -> None:
    app.command("scenarios")(scenarios)


def scenarios(
    file: Annotated[Path, typer.Argument(help="JSONL met evaluatiecases (spec §7.1).")],
    as_json: Annotated[bool, typer.Option("--json", help="Rapport als JSON-object.")] = False,
    strikt: Annotated[bool, typer.Option("--strikt", help="Eindig met code 1 als een case mislukt.")] = False,
) -> None:
    """Scoor de checker op evaluatiecases: nauwkeurigheid, per uitkomst en verstrekker, verwarringsmatrix."""
    if not file.is_file():
        raise fail(f"Casebestand {file} bestaat niet.")
    from evals.scenarios import CaseFileError, evaluate, format_report, load_cases, report_json

    with user_errors():
        try:
            cases = load_cases(file)
        except CaseFileError as exc:
            raise fail(f"{file}: {exc}") from None
        report = evaluate(cases)
    if as_json:
        typer.echo(json.dumps(report_json(report), ensure_ascii=False, indent=2))
    else:
        typer.echo(format_report(report))
    if strikt and report.passed != report.total:
        raise typer.Exit(1)
