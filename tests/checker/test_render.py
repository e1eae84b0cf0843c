"""Dutch text rendering of verdicts (fixture rules)."""

from __future__ import annotations

from pathlib import Path

from checker.engine import Engine
from checker.models import Scenario
from checker.render import fact_question, render_text
from checker.rule_loader import build_rulebase

ENGINE = Engine(build_rulebase(Path(__file__).parent / "data" / "engine_rules"))


def test_open_ground_and_open_bar_are_rendered_per_rule_with_questions():
    s = Scenario(verstrekker="politie", ontvanger="samenwerkingsverband_vhh", gegevens=["politiegegevens_art9"],
                 doel="vhh_casusaanpak", kader="vhh_casusoverleg", feiten={"convenant": True, "noodzakelijk": True})  # fmt: skip
    text = render_text(ENGINE.check(s))
    assert text.startswith("Uitkomst: TOEGESTAAN ONDER VOORWAARDEN")
    assert "Grond POL-ART20-01:" in text
    assert "Om verbod POL-ART20-04 niet te laten gelden:" in text
    assert "Nog te beantwoorden:" in text and "[ja / nee] (akkoord_gezag)" in text
    assert "art. 20 Wpg" in text


def test_successor_and_wbp_note_are_shown():
    s = Scenario(verstrekker="burgemeester", ontvanger="samenwerkingsverband_vhh", gegevens=["gewone_persoonsgegevens"],
                 doel="vhh_casusaanpak", kader="vhh_casusoverleg",
                 feiten={"noodzakelijk": True, "openbare_orde_bevoegdheid_ingezet": True})  # fmt: skip
    text = render_text(ENGINE.check(s))
    assert "art. 8 sub e Wbp — thans art. 6 lid 1 sub e AVG" in text
    assert "AVG en de UAVG" in text


def test_fact_question_lists_answers():
    assert fact_question("toestemming").endswith("[geen / geweigerd / ondubbelzinnig / uitdrukkelijk]")
