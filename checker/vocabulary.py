"""The product's copy of the scenario vocabulary (``checker/data/vocabulary.json``)."""

from __future__ import annotations

import difflib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from checker.errors import VocabularyError

DATA_DIR = Path(__file__).resolve().parent / "data"
VOCABULARY_PATH = DATA_DIR / "vocabulary.json"
SECTIONS = ("partijen", "gegevens", "doelen", "kaders", "feiten", "uitkomsten")

# Dutch names of the vocabulary sections, singular, for error messages.
SECTION_NOUN = {
    "partijen": "onbekende partij",
    "gegevens": "onbekende gegevenscategorie",
    "doelen": "onbekend doel",
    "kaders": "onbekend kader",
    "feiten": "onbekend feit",
    "uitkomsten": "onbekende uitkomst",
}


@lru_cache(maxsize=1)
def load_vocabulary() -> dict[str, Any]:
    """The vocabulary as a dict (sections → code → entry with ``nl``, ``en``, ``handvat``, ...). Cached."""
    try:
        vocab = json.loads(VOCABULARY_PATH.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise VocabularyError(f"kan de vocabulaire {VOCABULARY_PATH} niet lezen: {exc}") from exc
    for section in SECTIONS:
        if not isinstance(vocab.get(section), dict) or not vocab[section]:
            raise VocabularyError(f"vocabulaire-sectie {section!r} ontbreekt of is leeg")
    return vocab


@lru_cache(maxsize=1)
def _note_codes() -> dict[str, dict[str, tuple[str, ...]]]:
    """Research-note codes (``checker/data/note-codes.json``, spec appendix B) → vocabulary codes, per section."""
    try:
        doc = json.loads((DATA_DIR / "note-codes.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}
    table: dict[str, dict[str, tuple[str, ...]]] = {}
    for section in SECTIONS[:-1]:
        entries: dict[str, list[str]] = {}
        for row in doc.get(section, []):
            for code in row.get("deel1", []) + row.get("deel2", []):
                codes = entries.setdefault(code.casefold(), [])
                codes.extend(c for c in row.get("codes", []) if c not in codes)
        table[section] = {k: tuple(v) for k, v in entries.items() if v}
    return table


def note_code_replacement(value: str, section: str) -> tuple[str, ...]:
    """The vocabulary code(s) that replace a code of the research notes (e.g. 'GI', 'POL_ART10'), or ()."""
    return _note_codes().get(section, {}).get(value.casefold(), ())


def fact_values(code: str) -> tuple[Any, ...]:
    """All values a fact can take: (True, False) for bool facts, the ``waarden`` for enum facts."""
    fact = load_vocabulary()["feiten"][code]
    return (True, False) if fact["type"] == "bool" else tuple(fact["waarden"])


def suggest(value: str, options: list[str] | tuple[str, ...]) -> str | None:
    """The nearest allowed code, if one is close enough."""
    hits = difflib.get_close_matches(value, list(options), n=1, cutoff=0.6)
    return hits[0] if hits else None


def unknown_code_message(value: object, section: str, veld: str) -> str:
    """Dutch message for an unknown code, with a suggestion or the list of allowed codes."""
    options = list(load_vocabulary()[section])
    noun = SECTION_NOUN[section]
    if isinstance(value, str):
        known = load_vocabulary()[section]
        replacement = [c for c in note_code_replacement(value, section) if c in known and c != value]
        if replacement:
            use = " of ".join(repr(c) for c in replacement)
            return f"{veld}: {noun} {value!r}; dat is een code uit de onderzoeksnotities, gebruik {use}"
    hint = suggest(value, options) if isinstance(value, str) else None
    if hint:
        return f"{veld}: {noun} {value!r}; bedoelde u {hint!r}?"
    return f"{veld}: {noun} {value!r}; toegestaan: {', '.join(options)}"
