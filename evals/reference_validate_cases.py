# Verbatim copy of /work/shared/spec/validate_cases.py (spec version 1, handvat checker).
# Origin: ../shared/spec/validate_cases.py. Kept unchanged below this header so that evaluation uses the
# reference comparison semantics (vergelijk_met_uitspraak, grondslag_gelijk, sectie_gedekt, citaat_gevonden).
# ruff: noqa
#!/usr/bin/env python3
"""Validate evaluation cases (JSON Lines) against vocabulary.json.

Usage:
    python3 validate_cases.py CASES.jsonl [--vocabulary vocabulary.json]
    python3 validate_cases.py - < CASES.jsonl

Prints "N cases valid" and exits 0, or prints every problem as
"line N: ..." and exits 1. Exits 2 when the files cannot be read or the
vocabulary itself is malformed. Standard library only.

When note-codes.json lies next to the vocabulary, a code from the research
notes (e.g. GI, POL_ART9, vermoeden_km) is answered with its replacement.

The module also holds the comparison helpers that scenario-format.md
defines (normaliseer_grondslag, grondslag_gelijk, sectie_gedekt,
vergelijk_met_uitspraak, citaat_gevonden), so a checker or an evaluation
runner can import them.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

UITKOMSTEN = (
    "verplicht",
    "toegestaan",
    "toegestaan_onder_voorwaarden",
    "afweging",
    "niet_toegestaan",
)
VOCAB_SECTIONS = ("partijen", "gegevens", "doelen", "kaders", "feiten", "uitkomsten")
CASE_KEYS = ("id", "titel", "scenario", "verwacht", "toelichting")
SCENARIO_KEYS = ("verstrekker", "ontvanger", "gegevens", "doel", "kader", "feiten")
VERWACHT_REQUIRED = ("uitkomst",)
VERWACHT_LISTS = ("grondslagen_bevat", "secties_bevat", "ontbrekende_feiten_bevat")

# Section numbers that exist in the handvat (its numbered headings).
HANDVAT_SECTIES = frozenset(
    """1 1.1 1.2 1.3 1.4 1.5
    2 2.1 2.1.1 2.1.2 2.2 2.2.1 2.2.2 2.2.3 2.3 2.4 2.4.1 2.4.2 2.4.3 2.5 2.6
    3 3.1 3.2 3.2.1 3.2.2 3.2.3 3.2.4 3.2.5 3.2.6 3.2.7 3.2.8 3.2.9 3.2.10 3.2.11
    3.3 3.3.1 3.3.2 3.3.3 3.3.4 3.3.5 3.3.6 3.3.7 3.3.8 3.4 3.5
    4 4.1 4.2 4.2.1 4.2.2 4.2.3 4.2.4 4.3 4.3.1 4.3.2 4.3.3 4.3.4 4.3.5 4.4 4.4.1 4.5
    5 5.1 5.2 5.2.1 5.2.2 5.2.3 5.2.4 5.3 5.3.1 5.4 5.4.1 5.4.2 5.4.3 5.4.4 5.4.5 5.4.6
    5.4.7 5.4.7.1 5.4.7.2 5.4.7.3 5.4.7.4 5.4.7.5 5.4.7.6 5.4.7.7 5.4.7.8 5.4.7.9
    5.4.7.10 5.4.7.11 5.5 5.5.1 5.5.2 5.5.3 5.5.4 5.5.5 5.6 5.7 5.8 5.9 5.10 5.11 5.12
    6 7 7.1 7.2 7.3 7.4 7.5""".split()
)

# Canonical names of the regulations a legal-basis string may end with
# (see "Legal-basis strings" in scenario-format.md).
REGELINGEN = (
    "AVG",
    "UAVG",
    "Wbp",
    "Wpg",
    "Bpg",
    "Wjsg",
    "Bjsg",
    "BW",
    "Sv",
    "Sr",
    "Jeugdwet",
    "Besluit Jeugdwet",
    "Regeling Jeugdwet",
    "Wmo 2015",
    "Uitvoeringsbesluit Wmo 2015",
    "Gemeentewet",
    "Participatiewet",
    "Wet SUWI",
    "Wgs",
    "Wet BIG",
    "Wet BOPZ",
    "Wvggz",
    "Wet tijdelijk huisverbod",
    "Reclasseringsregeling 1995",
    "Penitentiaire maatregel",
    "Pbw",
    "Bjj",
    "Gratiewet",
    "Woningwet",
    "Politiewet 2012",
    "Ambtenarenwet",
    "Awb",
    "Wet Bibob",
    "Leerplichtwet",
    "Interimbesluit forensische zorg",
    "Wet forensische zorg",
    "Wet Nationale ombudsman",
    "Wet publieke gezondheid",
    "Wet BRP",
)
_REGELINGEN_NORM = {r.casefold(): r for r in REGELINGEN}

_GRONDSLAG_RE = re.compile(
    r"^art\. (?P<nummer>[0-9]+[a-z]*(?:[.:][0-9]+[a-z]*)*)"
    r"(?: lid (?P<lid>[0-9]+))?"
    r"(?P<sub>(?: sub [a-z0-9]+)*)"
    r" (?P<regeling>\S.*)$"
)

# Rule ids of the research notes (GEN-VHH-01, X-OTS-01, ...) and the ids of
# their contradiction/ambiguity/outdated lists (C-OM-1, A-23, O-01).
_RULE_PREFIXES = "GEN|PROC|POL|OM|GEM|JUS|DUTY|ALG|ZORG|X|GI|JH|RECL|VT|RVDK|MW|WOCO|SLOT|OBL"
_ID_RE = re.compile(
    r"(?<![A-Za-z0-9-])(?:" + _RULE_PREFIXES + r"|C|A|O)-[A-Z0-9]+(?:-[A-Z0-9]+)*(?![A-Za-z0-9])"
)
_RULE_ID_RE = re.compile(
    r"(?<![A-Za-z0-9-])(?:" + _RULE_PREFIXES + r")-[A-Z0-9]+(?:-[A-Z0-9]+)*(?![A-Za-z0-9])"
)


# --------------------------------------------------------------------------
# Comparison helpers (normative definitions in scenario-format.md)
# --------------------------------------------------------------------------


def normaliseer_grondslag(tekst: str) -> str:
    """Normalise a legal-basis string for comparison.

    Case-insensitive, whitespace collapsed, 'artikel' (and 'art' without a
    dot) read as 'art.', 'onder' read as 'sub'. Lid numbers and sub/onder
    letters stay significant: nothing is dropped.
    """
    s = " ".join(tekst.split()).casefold()
    s = re.sub(r"\bartikel\b\.?", "art.", s)
    s = re.sub(r"\bart\b\.?", "art.", s)
    s = re.sub(r"\bart\.(?=\S)", "art. ", s)
    s = re.sub(r"\bonder\b", "sub", s)
    return " ".join(s.split())


def grondslag_gelijk(verwacht: str, gegeven: str) -> bool:
    """True when two legal-basis strings denote the same provision."""
    return normaliseer_grondslag(verwacht) == normaliseer_grondslag(gegeven)


def sectie_gedekt(verwacht: str, gegeven_secties) -> bool:
    """True when some returned section equals or lies within the expected one."""
    v = verwacht.strip()
    return any(s == v or s.startswith(v + ".") for s in (x.strip() for x in gegeven_secties))


def normaliseer_citaat(tekst: str) -> str:
    """Collapse whitespace, then drop the space after a hyphen (line-break hyphens)."""
    return " ".join(tekst.split()).replace("- ", "-")


def citaat_gevonden(citaat: str, handvat_tekst: str) -> bool:
    """True when a quote occurs verbatim in the handvat text (section 4 of the spec)."""
    return normaliseer_citaat(citaat) in normaliseer_citaat(handvat_tekst)


def vergelijk_met_uitspraak(verwacht: dict, uitspraak: dict) -> list[str]:
    """Compare a case's 'verwacht' with a checker verdict; [] means the case passes."""
    fouten = []
    if uitspraak.get("uitkomst") != verwacht.get("uitkomst"):
        fouten.append(f"uitkomst is {uitspraak.get('uitkomst')!r}, expected {verwacht.get('uitkomst')!r}")
    grondslagen = uitspraak.get("grondslagen") or []
    for g in verwacht.get("grondslagen_bevat") or []:
        if not any(grondslag_gelijk(g, x) for x in grondslagen):
            fouten.append(f"grondslag {g!r} not among {grondslagen!r}")
    secties = [r.get("sectie", "") for r in uitspraak.get("regels") or []]
    for s in verwacht.get("secties_bevat") or []:
        if not sectie_gedekt(s, secties):
            fouten.append(f"sectie {s!r} not covered by {secties!r}")
    ontbrekend = uitspraak.get("ontbrekende_feiten") or []
    for f in verwacht.get("ontbrekende_feiten_bevat") or []:
        if f not in ontbrekend:
            fouten.append(f"missing fact {f!r} not among {ontbrekend!r}")
    return fouten


def grondslag_probleem(tekst: str) -> str | None:
    """Return why a legal-basis string is not in canonical form, or None."""
    norm = normaliseer_grondslag(tekst)
    if re.search(r"\b(jo\.|juncto|en art\.)", norm):
        return "combines several articles; write one string per article (split 'jo.' combinations)"
    if re.search(r"\b(eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende) lid\b", norm):
        return "writes the lid as a word; use 'lid <n>' with a numeral (e.g. 'lid 1')"
    m = _GRONDSLAG_RE.match(norm)
    if not m:
        return "is not of the form 'art. <nummer> [lid <n>] [sub <letter>] <regeling>'"
    regeling = m.group("regeling")
    if regeling not in _REGELINGEN_NORM:
        hint = difflib.get_close_matches(regeling, list(_REGELINGEN_NORM), n=1)
        suggestion = f"; did you mean {_REGELINGEN_NORM[hint[0]]!r}?" if hint else ""
        return (
            f"names an unknown regeling {regeling!r}{suggestion} "
            "(canonical names: see 'Legal-basis strings' in scenario-format.md)"
        )
    return None


# --------------------------------------------------------------------------
# Vocabulary and research notes
# --------------------------------------------------------------------------


class VocabularyError(Exception):
    pass


def load_vocabulary(path: Path) -> dict:
    try:
        vocab = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise VocabularyError(f"cannot read vocabulary {path}: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise VocabularyError(f"vocabulary {path} is not valid JSON: {exc}") from exc
    if not isinstance(vocab, dict):
        raise VocabularyError("vocabulary must be a JSON object")
    for section in VOCAB_SECTIONS:
        if not isinstance(vocab.get(section), dict) or not vocab[section]:
            raise VocabularyError(f"vocabulary section {section!r} missing or empty")
    if tuple(vocab["uitkomsten"]) != UITKOMSTEN:
        raise VocabularyError(f"vocabulary uitkomsten must be exactly {', '.join(UITKOMSTEN)}")
    for code, fact in vocab["feiten"].items():
        kind = fact.get("type") if isinstance(fact, dict) else None
        if kind == "enum":
            waarden = fact.get("waarden")
            if not isinstance(waarden, list) or not waarden:
                raise VocabularyError(f"enum fact {code!r} has no waarden")
        elif kind != "bool":
            raise VocabularyError(f"fact {code!r} has type {kind!r}; expected 'bool' or 'enum'")
    return vocab


def load_note_codes(path: Path) -> dict:
    """Research-note codes -> replacement text, per section ({} when absent)."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}
    table: dict[str, dict[str, str]] = {}
    for section in VOCAB_SECTIONS[:-1]:
        entries: dict[str, list[str]] = {}
        for row in doc.get(section, []):
            for code in row.get("deel1", []) + row.get("deel2", []):
                texts = entries.setdefault(code.casefold(), [])
                if row.get("vervanging") and row["vervanging"] not in texts:
                    texts.append(row["vervanging"])
        table[section] = {code: " or ".join(texts) for code, texts in entries.items()}
    return table


def known_note_ids(research_dir: Path) -> set[str] | None:
    """Ids used in the research notes, or None when the notes are absent."""
    files = [research_dir / "rules-part1.md", research_dir / "rules-part2.md"]
    if not all(f.is_file() for f in files):
        return None
    ids: set[str] = set()
    for f in files:
        ids.update(_ID_RE.findall(f.read_text(encoding="utf-8")))
    return ids


# --------------------------------------------------------------------------
# Case validation
# --------------------------------------------------------------------------


def _is_nonempty_str(value) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _check_keys(obj: dict, required, allowed, where: str, problems: list[str]) -> None:
    for key in required:
        if key not in obj:
            problems.append(f"{where}: missing required key {key!r}")
    for key in obj:
        if key not in allowed:
            problems.append(f"{where}: unknown key {key!r} (allowed: {', '.join(allowed)})")


_KIND = {"partijen": "party", "gegevens": "data", "doelen": "purpose", "kaders": "setting", "feiten": "fact"}


def _unknown(value: str, section: str, vocab: dict) -> str:
    kind = _KIND[section]
    note_hint = vocab.get("_note_codes", {}).get(section, {}).get(value.casefold())
    if note_hint:
        return f"{value!r} is a research-note code, not a {kind} code; use {note_hint}"
    codes = list(vocab[section])
    low = value.casefold()
    contains = sorted((c for c in codes if len(low) >= 4 and low in c), key=len)
    hint = contains[:1] or difflib.get_close_matches(low, codes, n=1, cutoff=0.6)
    suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
    return f"unknown {kind} code {value!r}{suggestion}"


def _check_code(value, section: str, vocab: dict, where: str, problems: list[str]) -> None:
    if not isinstance(value, str):
        problems.append(f"{where}: must be a {_KIND[section]} code (string), got {value!r}")
    elif value not in vocab[section]:
        problems.append(f"{where}: {_unknown(value, section, vocab)}")


def _check_scenario(scenario, vocab: dict, problems: list[str]) -> dict:
    """Validate the scenario; return its feiten dict (or {})."""
    if not isinstance(scenario, dict):
        problems.append("scenario: must be an object")
        return {}
    _check_keys(scenario, SCENARIO_KEYS, SCENARIO_KEYS, "scenario", problems)
    if "verstrekker" in scenario:
        _check_code(scenario["verstrekker"], "partijen", vocab, "scenario.verstrekker", problems)
    if "ontvanger" in scenario:
        _check_code(scenario["ontvanger"], "partijen", vocab, "scenario.ontvanger", problems)
    if "doel" in scenario:
        _check_code(scenario["doel"], "doelen", vocab, "scenario.doel", problems)
    if "kader" in scenario:
        _check_code(scenario["kader"], "kaders", vocab, "scenario.kader", problems)
    if "gegevens" in scenario:
        gegevens = scenario["gegevens"]
        if not isinstance(gegevens, list) or not gegevens:
            problems.append("scenario.gegevens: must be a non-empty list of data codes")
        else:
            seen = set()
            for i, code in enumerate(gegevens):
                _check_code(code, "gegevens", vocab, f"scenario.gegevens[{i}]", problems)
                if isinstance(code, str):
                    if code in seen:
                        problems.append(f"scenario.gegevens[{i}]: duplicate code {code!r}")
                    seen.add(code)
    feiten = scenario.get("feiten", {})
    if not isinstance(feiten, dict):
        problems.append("scenario.feiten: must be an object (use {} when no fact is known)")
        return {}
    for name, value in feiten.items():
        where = f"scenario.feiten.{name}"
        fact = vocab["feiten"].get(name)
        if fact is None:
            problems.append(f"{where}: {_unknown(name, 'feiten', vocab)}")
            continue
        if value is None:
            problems.append(f"{where}: null is not allowed; leave an unknown fact out")
        elif fact["type"] == "bool":
            if not isinstance(value, bool):
                problems.append(f"{where}: must be true or false, got {value!r}")
        elif not isinstance(value, str) or value not in fact["waarden"]:
            problems.append(f"{where}: invalid value {value!r} (allowed: {', '.join(fact['waarden'])})")
    return feiten


def _check_verwacht(verwacht, feiten: dict, vocab: dict, problems: list[str]) -> None:
    if not isinstance(verwacht, dict):
        problems.append("verwacht: must be an object")
        return
    _check_keys(verwacht, VERWACHT_REQUIRED, VERWACHT_REQUIRED + VERWACHT_LISTS, "verwacht", problems)
    uitkomst = verwacht.get("uitkomst")
    if "uitkomst" in verwacht and uitkomst not in vocab["uitkomsten"]:
        problems.append(f"verwacht.uitkomst: invalid value {uitkomst!r} (allowed: {', '.join(UITKOMSTEN)})")
    for key in VERWACHT_LISTS:
        if key not in verwacht:
            continue
        items = verwacht[key]
        if not isinstance(items, list) or not all(_is_nonempty_str(x) for x in items):
            problems.append(f"verwacht.{key}: must be a list of non-empty strings")
            continue
        for i, item in enumerate(items):
            where = f"verwacht.{key}[{i}]"
            if key == "grondslagen_bevat":
                why = grondslag_probleem(item)
                if why:
                    problems.append(f"{where}: {item!r} {why}")
            elif key == "secties_bevat":
                if item.strip() not in HANDVAT_SECTIES:
                    problems.append(
                        f"{where}: {item!r} is not a section of the handvat "
                        "(write the bare number, e.g. '5.2.2')"
                    )
            else:
                if item not in vocab["feiten"]:
                    problems.append(f"{where}: {_unknown(item, 'feiten', vocab)}")
                elif item in feiten:
                    problems.append(
                        f"{where}: fact {item!r} is given in scenario.feiten, so it cannot be missing"
                    )
    if verwacht.get("ontbrekende_feiten_bevat") and uitkomst in UITKOMSTEN:
        if uitkomst != "toegestaan_onder_voorwaarden":
            problems.append(
                "verwacht.ontbrekende_feiten_bevat: only a toegestaan_onder_voorwaarden "
                f"verdict lists missing facts, but uitkomst is {uitkomst!r}"
            )


def _check_toelichting(toelichting, note_ids: set[str] | None, problems: list[str]) -> None:
    if not _is_nonempty_str(toelichting):
        problems.append("toelichting: must be a non-empty string")
        return
    if not _RULE_ID_RE.search(toelichting):
        problems.append("toelichting: cite at least one rule id of the research notes (e.g. POL-ART20-04)")
    if note_ids is not None:
        for rid in _ID_RE.findall(toelichting):
            if rid not in note_ids:
                problems.append(f"toelichting: rule id {rid!r} does not occur in the research notes")


def validate_case(case, vocab: dict, note_ids: set[str] | None) -> tuple[str | None, list[str]]:
    """Validate one parsed case; return (its id or None, problems)."""
    problems: list[str] = []
    if not isinstance(case, dict):
        return None, ["a case must be a JSON object"]
    _check_keys(case, CASE_KEYS, CASE_KEYS, "case", problems)
    case_id = case.get("id")
    if "id" in case and not _is_nonempty_str(case_id):
        problems.append("id: must be a non-empty string")
        case_id = None
    if "titel" in case and not _is_nonempty_str(case.get("titel")):
        problems.append("titel: must be a non-empty string")
    feiten = _check_scenario(case.get("scenario"), vocab, problems) if "scenario" in case else {}
    if "verwacht" in case:
        _check_verwacht(case["verwacht"], feiten, vocab, problems)
    if "toelichting" in case:
        _check_toelichting(case["toelichting"], note_ids, problems)
    return case_id, problems


def validate_lines(lines, vocab: dict, note_ids: set[str] | None) -> tuple[int, list[str]]:
    """Validate JSON Lines; return (number of cases, problems as 'line N: ...')."""
    problems: list[str] = []
    count = 0
    seen_ids: dict[str, int] = {}
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        count += 1
        try:
            case = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {lineno}: invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        case_id, case_problems = validate_case(case, vocab, note_ids)
        problems.extend(f"line {lineno}: {p}" for p in case_problems)
        if case_id is not None:
            if case_id in seen_ids:
                problems.append(f"line {lineno}: id {case_id!r} already used on line {seen_ids[case_id]}")
            else:
                seen_ids[case_id] = lineno
    return count, problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description="Validate evaluation cases (JSON Lines) against vocabulary.json."
    )
    parser.add_argument("cases", help="JSON Lines file with evaluation cases, or - for stdin")
    parser.add_argument(
        "--vocabulary",
        default=str(HERE / "vocabulary.json"),
        help="vocabulary file (default: vocabulary.json next to this script)",
    )
    parser.add_argument(
        "--research",
        default=str(HERE / "research"),
        help="folder with rules-part1.md and rules-part2.md, used to check cited rule ids "
        "(skipped when absent)",
    )
    args = parser.parse_args(argv)
    try:
        vocab = load_vocabulary(Path(args.vocabulary))
    except VocabularyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    vocab["_note_codes"] = load_note_codes(Path(args.vocabulary).with_name("note-codes.json"))
    try:
        if args.cases == "-":
            lines = sys.stdin.read().splitlines()
        else:
            lines = Path(args.cases).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: cannot read cases {args.cases}: {exc}", file=sys.stderr)
        return 2
    count, problems = validate_lines(lines, vocab, known_note_ids(Path(args.research)))
    if problems:
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s) in {count} case(s)", file=sys.stderr)
        return 1
    print(f"{count} cases valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
