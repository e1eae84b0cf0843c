"""The rule loader rejects bad rule files with errors that name the file and the rule id."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import RegelFout
from checker.rule_loader import build_rulebase

HEAD = "schema_versie: 1\nfamilie: POL\nregels:\n"
OK_RULE = """
  - id: POL-ART20-01
    soort: grond
    uitkomst: toegestaan
    sectie: "5.2.2"
    citaat: "zowel de burgemeester (s) als het Openbaar Ministerie akkoord dienen te gaan"
    uitleg: "Art. 20 Wpg."
    grondslagen: ["art. 20 Wpg"]
    als:
      - verstrekker: politie
"""


@pytest.fixture(autouse=True)
def _no_parse_cache(monkeypatch):
    monkeypatch.setenv("HANDVAT_CHECKER_CACHE", "off")


def load(tmp_path: Path, body: str, extra: dict[str, str] | None = None):
    (tmp_path / "pol.yaml").write_text(HEAD + body, encoding="utf-8")
    for name, text in (extra or {}).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return build_rulebase(tmp_path)


def errors(tmp_path: Path, body: str, extra: dict[str, str] | None = None) -> str:
    with pytest.raises(RegelFout) as info:
        load(tmp_path, body, extra)
    return "\n".join(info.value.fouten)


def test_valid_file_loads(tmp_path):
    rb = load(tmp_path, OK_RULE)
    assert [r.id for r in rb.regels] == ["POL-ART20-01"]
    assert rb.regels[0].regel.regime == "Wbp 2016"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("verstrekker: politie", "verstrekker: politei"),
            "pol.yaml: regel POL-ART20-01: onbekende code 'politei' in partijen; bedoelde u 'politie'?",
        ),
        (("verstrekker: politie", "feit: toestemming\n        is: ja"), "feit 'toestemming' kent waarde 'ja' niet"),
        (("verstrekker: politie", "feit: noodzakelijk\n        is: 'true'"), "feit 'noodzakelijk' is ja/nee"),
        (("verstrekker: politie", "foo: bar"), "onbekende voorwaardesoort 'foo'"),
        (('"art. 20 Wpg"', '"art. 8 jo. 9 Wbp"'), "combineert artikelen"),
        (('"art. 20 Wpg"', '"art. 20 Wpgg"'), "bedoelde u 'Wpg'?"),
        (('sectie: "5.2.2"', 'sectie: "5.2.9"'), "sectie '5.2.9' bestaat niet"),
        (('sectie: "5.2.2"', 'sectie: "§5.2.2"'), "kaal nummer"),
        (("uitkomst: toegestaan", "uitkomst: toegestaan_onder_voorwaarden"), "pol.yaml: regel POL-ART20-01: uitkomst"),
        (("    als:\n      - verstrekker: politie\n", ""), "zonder voorwaarden"),
        (("id: POL-ART20-01", "id: POLITIE-1"), "pol.yaml: regel POLITIE-1: id"),
    ],
)
def test_bad_rule_is_reported_with_file_and_id(tmp_path, change, expected):
    old, new = change
    assert old in OK_RULE
    assert expected in errors(tmp_path, OK_RULE.replace(old, new))


def test_duplicate_id_needs_a_branch(tmp_path):
    assert "dubbel" in errors(tmp_path, OK_RULE + OK_RULE)
    branched = OK_RULE.replace("soort: grond", "tak: a\n    soort: grond") + OK_RULE.replace(
        "soort: grond", "tak: b\n    soort: grond"
    )
    assert len(load(tmp_path, branched).regels) == 2


def test_unknown_duty_and_bad_precedence(tmp_path):
    body = OK_RULE.replace("    als:", "    plichten: [DUTY-PROT]\n    gaat_voor: [GEN-NOOD-01]\n    als:")
    extra = {
        "gen.yaml": HEAD.replace("POL", "GEN")
        + OK_RULE.replace("POL-ART20-01", "GEN-NOOD-01").replace(
            "soort: grond\n    uitkomst: toegestaan", "soort: verbod\n    hard: true"
        )
    }
    text = errors(tmp_path, body, extra)
    assert "plicht 'DUTY-PROT' bestaat niet" in text
    assert "gaat_voor noemt 'GEN-NOOD-01', maar dat is een hard verbod" in text


def test_precedence_cycle_is_rejected(tmp_path):
    a = OK_RULE.replace("    als:", "    gaat_voor: [POL-ART20-02]\n    als:")
    b = OK_RULE.replace("POL-ART20-01", "POL-ART20-02").replace("    als:", "    gaat_voor: [POL-ART20-01]\n    als:")
    assert "kring in gaat_voor" in errors(tmp_path, a + b)


def test_yaml_syntax_error_names_the_file(tmp_path):
    assert "pol.yaml: kan YAML niet lezen" in errors(tmp_path, OK_RULE + "  - id: [unclosed\n")


def test_unknown_group_is_reported(tmp_path):
    assert "onbekende groep '@nergens'" in errors(
        tmp_path, OK_RULE.replace("verstrekker: politie", "verstrekker: '@nergens'")
    )
