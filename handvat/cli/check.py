"""`handvat check`: adjudicate a data-exchange scenario with the rules checker (no language model involved)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from handvat.cli.errors import fail, user_errors

SCENARIO_VRAGEN = (
    ("verstrekker", "partijen", "Wie verstrekt de gegevens?"),
    ("ontvanger", "partijen", "Wie ontvangt de gegevens?"),
    ("gegevens", "gegevens", "Welke gegevens (één of meer codes, gescheiden door komma's)?"),
    ("doel", "doelen", "Voor welk doel?"),
    ("kader", "kaders", "In welk kader (bilateraal buiten een samenwerkingsverband)?"),
)


def register(app: typer.Typer) -> None:
    app.command("check")(check)


def check(
    scenario: Annotated[
        Path | None, typer.Argument(help="Scenario als JSON-bestand (spec §3); '-' leest van stdin.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Uitspraak als JSON-object.")] = False,
    batch: Annotated[
        Path | None,
        typer.Option("--batch", help="JSONL: per regel een scenario of een evaluatiecase met 'scenario'."),
    ] = None,
    interactive: Annotated[
        bool, typer.Option("--interactive", "-i", help="Vraag de ontbrekende feiten één voor één.")
    ] = False,
    spoor: Annotated[bool, typer.Option("--spoor", help="Toon ook het spoor: elke gewogen regel.")] = False,
    regels: Annotated[
        Path | None, typer.Option("--regels", help="Map met regelbestanden (standaard: de regels van het product).")
    ] = None,
) -> None:
    """Toets een voorgenomen verstrekking aan de regels van het handvat."""
    if batch is not None:
        if not batch.is_file():
            raise fail(f"Batchbestand {batch} bestaat niet. Geef een JSONL-bestand met per regel een scenario.")
        raise typer.Exit(_run_batch(batch, regels))
    if interactive:
        with user_errors():
            start = _read_scenario(scenario) if scenario is not None else None
            _interactive(start, as_json, spoor, regels)
        return
    if scenario is None:
        raise fail("Geef een scenariobestand (of '-' voor stdin), --batch BESTAND of --interactive.")
    with user_errors():
        verdict = _checker(regels)(_read_scenario(scenario))
        _show(verdict, as_json, spoor)


def _checker(regels: Path | None):
    """The check function over the product's rules, or over the rule files of --regels."""
    from checker.models import parse_scenario

    if regels is None:
        from checker.service import default_engine

        engine = default_engine()
    else:
        from checker.engine import Engine
        from checker.rule_loader import build_rulebase

        engine = Engine(build_rulebase(regels))
    return lambda data: engine.check(parse_scenario(data))


def _read_scenario(path: Path) -> Any:
    from checker.errors import ScenarioError

    if str(path) == "-":
        text = sys.stdin.read()
    else:
        if not path.is_file():
            raise ScenarioError(f"scenariobestand {path} bestaat niet")
        text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScenarioError(f"{path}: geen geldige JSON ({exc.msg}, regel {exc.lineno}, kolom {exc.colno})") from None
    if isinstance(data, dict) and "scenario" in data and "verstrekker" not in data:
        data = data["scenario"]  # an evaluation case
    return data


def _show(verdict, as_json: bool, spoor: bool) -> None:
    from checker.render import render_text

    if as_json:
        payload = verdict.model_dump(mode="json", exclude={"spoor"} if not spoor else None)
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        typer.echo(render_text(verdict, spoor=spoor))


def _run_batch(path: Path, regels: Path | None) -> int:
    """One verdict JSON per non-blank input line, in order; a bad line gives {"regel", "fout"} and a message
    on stderr, and the run continues. Exit code 1 when any line failed."""
    from checker.errors import CheckerError

    with user_errors():
        run_check = _checker(regels)
    failed = 0
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                if isinstance(data, dict) and "scenario" in data and "verstrekker" not in data:
                    data = data["scenario"]
                verdict = run_check(data)
                out = verdict.model_dump(mode="json", exclude={"spoor"})
            except json.JSONDecodeError as exc:
                out = {"regel": n, "fout": f"geen geldige JSON ({exc.msg}, kolom {exc.colno})"}
            except CheckerError as exc:
                out = {"regel": n, "fout": str(exc)}
            if "fout" in out:
                failed += 1
                typer.secho(f"regel {n}: {out['fout']}", fg=typer.colors.RED, err=True)
            typer.echo(json.dumps(out, ensure_ascii=False))
    return 1 if failed else 0


def _ask_code(veld: str, section: str, question: str) -> Any:
    from checker.vocabulary import load_vocabulary, suggest

    options = list(load_vocabulary()[section])
    while True:
        raw = typer.prompt(f"{question} ({veld})").strip()
        codes = [c.strip() for c in raw.split(",") if c.strip()] if veld == "gegevens" else [raw]
        bad = [c for c in codes if c not in options]
        if codes and not bad:
            return codes if veld == "gegevens" else codes[0]
        hint = suggest(bad[0], options) if bad else None
        typer.echo(f"  Onbekend: {bad[0] if bad else raw!r}. " + (f"Bedoelde u {hint!r}? " if hint else ""))
        typer.echo(f"  Mogelijk: {', '.join(options)}")


def _ask_fact(feit: str) -> Any:
    """Ask one fact; returns its value, or None when the user does not know ('?' or empty)."""
    from checker.render import fact_question
    from checker.vocabulary import load_vocabulary

    spec = load_vocabulary()["feiten"][feit]
    while True:
        raw = typer.prompt(f"{fact_question(feit)} (? = weet ik niet)", default="?", show_default=False)
        raw = raw.strip().lower()
        if raw in ("?", "", "onbekend", "weet ik niet"):
            return None
        if spec["type"] == "bool":
            if raw in ("ja", "j", "yes", "true"):
                return True
            if raw in ("nee", "n", "no", "false"):
                return False
            typer.echo("  Antwoord met ja, nee of ?.")
        elif raw in spec["waarden"]:
            return raw
        else:
            typer.echo(f"  Kies uit: {', '.join(spec['waarden'])} (of ?).")


def _next_question(verdict, todo: list[str]) -> str:
    """The fact to ask next: one of the rule with the fewest open facts, so the shortest route is tried first."""
    per_rule: dict[str, list[str]] = {}
    for v in verdict.voorwaarden:
        if v.feit in todo:
            per_rule.setdefault(v.regel, []).append(v.feit)
    if not per_rule:
        return todo[0]
    facts = min(per_rule.values(), key=len)
    return facts[0]


def _interactive(start: Any, as_json: bool, spoor: bool, regels: Path | None) -> None:
    from checker.errors import ScenarioError
    from checker.models import parse_scenario

    run_check = _checker(regels)

    if start is None:
        start = {veld: _ask_code(veld, section, q) for veld, section, q in SCENARIO_VRAGEN}
        start["feiten"] = {}
    scenario = parse_scenario(start).model_dump()
    skipped: set[str] = set()
    while True:
        verdict = run_check(scenario)
        todo = [f for f in verdict.ontbrekende_feiten if f not in skipped]
        if not todo:
            break
        feit = _next_question(verdict, todo)
        value = _ask_fact(feit)
        if value is None:
            skipped.add(feit)
        else:
            scenario["feiten"][feit] = value
            try:
                parse_scenario(scenario)
            except ScenarioError as exc:  # cannot happen with validated answers; keep the loop safe
                raise fail(str(exc)) from None
    typer.echo("")
    _show(verdict, as_json, spoor)
    if verdict.ontbrekende_feiten:
        typer.echo("\nDe uitkomst hangt nog af van feiten die u niet kon beantwoorden.")
