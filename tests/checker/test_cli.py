"""`handvat check` and `handvat eval scenarios` through the real typer app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from handvat.cli import build_app

DATA = Path(__file__).parent / "data"
SCENARIO = {
    "verstrekker": "politie",
    "ontvanger": "samenwerkingsverband_vhh",
    "gegevens": ["geanonimiseerd"],
    "doel": "vhh_casusaanpak",
    "kader": "vhh_casusoverleg",
    "feiten": {},
}
PERSONAL = {**SCENARIO, "gegevens": ["gewone_persoonsgegevens"], "verstrekker": "burgemeester"}


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


RULES = DATA / "engine_rules"  # fixture rules: CLI behaviour is tested apart from the product's rule set


def run(runner, args, input=None, rules=True):
    if rules and args[0] == "check":
        args = [*args, "--regels", str(RULES)]
    return runner.invoke(build_app(), args, input=input)


def test_check_prints_dutch_verdict(runner, tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps(SCENARIO))
    result = run(runner, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert "Uitkomst: TOEGESTAAN" in result.output
    assert "GEN-GROUP-01" in result.output and "“" in result.output


def test_check_json_is_a_verdict(runner, tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps(SCENARIO))
    result = run(runner, ["check", str(path), "--json"])
    data = json.loads(result.output)
    assert data["uitkomst"] == "toegestaan"
    assert {"grondslagen", "voorwaarden", "plichten", "ontbrekende_feiten", "regels"} <= set(data)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("{niet json", "geen geldige JSON"),
        (json.dumps({**SCENARIO, "verstrekker": "politei"}), "bedoelde u 'politie'"),
        (json.dumps({**SCENARIO, "gegevens": []}), "gegevens"),
        (json.dumps({**SCENARIO, "ontvanger": "politie"}), "verstrekker en ontvanger"),
    ],
)
def test_bad_scenario_exits_nonzero_with_dutch_message(runner, tmp_path, content, fragment):
    path = tmp_path / "s.json"
    path.write_text(content)
    result = run(runner, ["check", str(path)])
    assert result.exit_code != 0
    assert fragment in result.output
    assert "Traceback" not in result.output


def test_batch_keeps_order_reports_line_and_continues(runner, tmp_path):
    lines = [
        json.dumps(SCENARIO),
        "",
        "{kapot",
        json.dumps({"id": "c1", "scenario": {**SCENARIO, "kader": "vhh_triage"}}),
        json.dumps({**SCENARIO, "feiten": {"noodzakelijk": "ja"}}),
    ]
    path = tmp_path / "b.jsonl"
    path.write_text("\n".join(lines) + "\n")
    result = run(runner, ["check", "--batch", str(path)])
    assert result.exit_code == 1
    out = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    assert [o.get("uitkomst", "fout") for o in out] == ["toegestaan", "fout", "toegestaan", "fout"]
    assert out[1]["regel"] == 3 and out[3]["regel"] == 5
    assert "feiten.noodzakelijk" in out[3]["fout"]


def test_interactive_asks_only_missing_facts_until_decided(runner, tmp_path):
    path = tmp_path / "s.json"
    scenario = {**PERSONAL, "feiten": {"proportioneel": True}}
    path.write_text(json.dumps(scenario))
    # fixture rules: GEM-OO-01 needs openbare_orde_bevoegdheid_ingezet; GEN-NOOD-01 needs noodzakelijk
    result = run(runner, ["check", str(path), "--interactive"], input="ja\nja\n")
    assert result.exit_code == 0, result.output
    asked = result.output.split("Uitkomst:")[0]
    assert asked.count("[ja / nee]") == 2
    assert "noodzakelijk" in asked or "Is de verstrekking" in asked
    assert "Uitkomst: TOEGESTAAN — de verstrekking mag" in result.output


def test_interactive_unknown_answer_stops_with_conditions(runner, tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps({**PERSONAL, "feiten": {"noodzakelijk": True}}))
    result = run(runner, ["check", str(path), "-i"], input="?\n?\n?\n?\n")
    assert result.exit_code == 0, result.output
    assert "TOEGESTAAN ONDER VOORWAARDEN" in result.output
    assert "Nog te beantwoorden" in result.output


def test_eval_scenarios_reports_accuracy(runner):
    result = run(runner, ["eval", "scenarios", str(DATA / "spec_examples.jsonl")])
    assert "Geslaagd:" in result.output
    assert "Verwarringsmatrix" in result.output
    assert result.exit_code == 0


def test_eval_scenarios_strict_fails_on_a_failing_case(runner, tmp_path):
    case = json.loads((DATA / "spec_examples.jsonl").read_text(encoding="utf-8").splitlines()[0])
    case["verwacht"] = {"uitkomst": "afweging"}  # deliberately wrong expectation
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(case) + "\n")
    result = run(runner, ["eval", "scenarios", str(path), "--strikt"])
    assert result.exit_code == 1
    assert "Geslaagd: 0/1" in result.output and case["id"] in result.output
    assert "verwacht afweging" in result.output


def test_eval_scenarios_missing_file(runner):
    result = run(runner, ["eval", "scenarios", "bestaat-niet.jsonl"])
    assert result.exit_code == 1 and "bestaat niet" in result.output


def test_check_with_product_rules_smoke(runner, tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps(SCENARIO))
    result = run(runner, ["check", str(path), "--json"], rules=False)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["uitkomst"] == "toegestaan"
