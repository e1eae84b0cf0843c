"""Scenario routing: a question that describes a concrete exchange goes to the rules checker.

The mapping from Dutch text to the scenario vocabulary is deterministic and conservative: party names and
synonyms, data categories, purposes, settings and a few facts are read with the synonym table in
``answer/data/routing_synonyms.yaml`` plus the vocabulary's own labels. A question is routed only when a
sender, a recipient and at least one data category are found without ambiguity. A chat model may *suggest*
fields the text did not give (validated against the vocabulary, never overriding what was read); it never
sees or writes the verdict. The verdict is ``checker.check(scenario)``, verbatim, and the text block that
presents it is rendered from that verdict alone.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field

from answer.llm import ChatModel
from answer.models import Turn

SYNONYMS_PATH = Path(__file__).resolve().parent / "data" / "routing_synonyms.yaml"
SCENARIO_FIELDS = ("verstrekker", "ontvanger", "gegevens", "doel", "kader", "feiten")
LLM_FIELDS = ("gegevens", "doel", "kader")  # what a chat model may propose (never the parties, never a verdict)
_ARTICLES = {"de", "het", "een", "onze", "ons", "hun", "zijn", "haar", "die", "deze", "dat"}


class RoutedVerdict(BaseModel):
    scenario: dict[str, Any] = Field(description="The scenario the checker was run on (spec §3)")
    verdict: dict[str, Any] = Field(description="checker.check(scenario), verbatim (model_dump, json mode)")
    unmapped: list[str] = Field(default_factory=list, description="Scenario fields not read from the text")
    assumed: dict[str, str] = Field(default_factory=dict, description="Field -> how it was filled (Dutch)")
    text: str = Field(description="Dutch block presenting the verdict, rendered only from `verdict`")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    code: str
    phrase: str


@dataclass
class Extraction:
    """What the text says, before defaults: codes per field, plus notes."""

    verstrekker: str | None = None
    ontvanger: str | None = None
    gegevens: tuple[str, ...] = ()
    doel: str | None = None
    kader: str | None = None
    feiten: dict[str, Any] | None = None
    exchange: bool = False
    parties: tuple[str, ...] = ()
    ambiguous: str | None = None


# ---------------------------------------------------------------- text and patterns


def plain(text: str) -> str:
    """Text without diacritics, same length as the NFC input for Latin text (case kept)."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFC", text))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _phrase_regex(phrase: str) -> re.Pattern[str]:
    body = re.escape(phrase.strip()).replace(r"\*", r"[\w'-]*").replace(r"\ ", r"\s+")
    return re.compile(rf"(?<![\w-]){body}(?![\w])" if not phrase.endswith("*") else rf"(?<![\w-]){body}")


@dataclass(frozen=True)
class Table:
    """Compiled synonym table: (regex, code, case_sensitive) per section."""

    sections: dict[str, list[tuple[re.Pattern[str], str, bool]]]
    words: dict[str, list[re.Pattern[str]]]
    raw: dict[str, Any]


def _label_synonyms(entry: dict[str, Any]) -> list[str]:
    """First words of a vocabulary label: 'reclasseringsinstelling of reclasseringswerker (...)' -> 2 names."""
    head = re.split(r"[(:;,]", entry.get("nl", ""))[0]
    parts = [p.strip() for p in re.split(r"\s+of\s+", head)]
    return [p for p in parts if 2 < len(p) <= 40 and not p.endswith("-") and p.split()[0].lower() != "andere"]


@lru_cache(maxsize=1)
def load_table() -> Table:
    from checker import load_vocabulary

    raw = yaml.safe_load(SYNONYMS_PATH.read_text(encoding="utf-8"))
    vocab = load_vocabulary()
    sections: dict[str, list[tuple[re.Pattern[str], str, bool]]] = {}
    for section, vocab_section in (("partijen", "partijen"), ("gegevens", "gegevens"), ("doelen", "doelen"),
                                   ("kaders", "kaders")):
        compiled = []
        for code, phrases in raw.get(section, {}).items():
            if code not in vocab[vocab_section]:
                raise ValueError(f"{SYNONYMS_PATH.name}: onbekende code {code!r} in {section}")
            names = list(phrases)
            if section == "partijen":
                names += _label_synonyms(vocab[vocab_section][code])
            for phrase in names:
                sensitive = phrase.startswith("=")
                text = phrase[1:] if sensitive else plain(phrase).lower()
                compiled.append((_phrase_regex(text), code, sensitive))
        sections[section] = compiled
    words = {
        key: [_phrase_regex(plain(w).lower()) for w in raw.get(key, [])]
        for key in ("deelwerkwoorden", "ontvangwerkwoorden", "bijzinnen", "negeren")
    }
    return Table(sections=sections, words=words, raw=raw)


def find_mentions(text: str, section: str, table: Table, mask: Sequence[tuple[int, int]] = ()) -> list[Mention]:
    """Non-overlapping mentions of a section's codes, longest first, in text order."""
    cased = plain(text)
    folded = cased.lower()
    found: list[Mention] = []
    for regex, code, sensitive in table.sections[section]:
        for m in regex.finditer(cased if sensitive else folded):
            found.append(Mention(m.start(), m.end(), code, m.group(0)))
    kept: list[Mention] = []
    taken = list(mask)
    for m in sorted(found, key=lambda x: (-(x.end - x.start), x.start)):
        if all(m.end <= a or m.start >= b for a, b in taken):
            kept.append(m)
            taken.append((m.start, m.end))
    return sorted(kept, key=lambda x: x.start)


def _word_positions(folded: str, patterns: list[re.Pattern[str]]) -> list[int]:
    return sorted(m.start() for p in patterns for m in p.finditer(folded))


def _previous_word(folded: str, start: int) -> str:
    words = re.findall(r"[\w'-]+", folded[:start])
    while words and words[-1] in _ARTICLES:
        words.pop()
    return words[-1] if words else ""


# ---------------------------------------------------------------- extraction


def _unique(codes: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(codes))


def extract(question: str) -> Extraction:
    """Read scenario fields from a question, deterministically. Nothing is assumed here."""
    table = load_table()
    raw = table.raw
    folded = plain(question).lower()
    ignore = [(m.start(), m.end()) for p in table.words["negeren"] for m in p.finditer(folded)]
    data = find_mentions(question, "gegevens", table, ignore)
    parties = find_mentions(question, "partijen", table, ignore + [(m.start, m.end) for m in data])
    out = Extraction(gegevens=_unique([m.code for m in data]))
    give = _word_positions(folded, table.words["deelwerkwoorden"])
    receive = _word_positions(folded, table.words["ontvangwerkwoorden"])
    out.exchange = bool(give or receive)

    ends = [m.start() for m in re.finditer(r"[.?!;](?=\s+[A-Z\"'‘“(]|\s*$)", plain(question))]
    conj = sorted(_word_positions(folded, table.words["bijzinnen"]) + ends)
    main: list[Mention] = []
    for m in parties:  # parties of the main clause: stop at a subordinate clause once two are known
        if len(main) >= 2 and any(main[-1].end <= c < m.start for c in conj):
            break
        main.append(m)
    first_conj = next((c for c in conj if main and c > main[0].start), len(folded))
    receiving = any(p < first_conj for p in receive) and not any(p < first_conj for p in give)

    def recipient_word(m: Mention) -> bool:
        before = " ".join(re.findall(r"[\w'-]+", folded[: m.start])[-3:])
        return _previous_word(folded, m.start) in raw["ontvanger_voorzetsels"] or any(
            re.search(rf"{re.escape(p)}(?:\s+(?:de|het|een))?$", before) for p in raw.get("ontvanger_na", [])
        )

    weak = set(raw.get("zwakke_partijen", []))  # "met toestemming van de betrokkene": not a party here
    main = [m for i, m in enumerate(main) if m.code not in weak or i == 0 or recipient_word(m)]
    if len({(m.code, m.phrase) for m in main}) > 2:
        out.ambiguous = "meer dan twee partijen genoemd"
        return out
    for a, b in pairwise(main):  # "procesregisseur van het Veiligheidshuis": role or body?
        if a.code != b.code and re.fullmatch(r"\s+van\s+(?:de|het)\s+", folded[a.end:b.start]):
            out.ambiguous = f"onduidelijk wie verstrekt of ontvangt: '{a.phrase}' van '{b.phrase}'"
            return out
    to_hint, from_hint, free = [], [], []
    for m in main:
        prev = _previous_word(folded, m.start)
        if recipient_word(m):
            to_hint.append(m.code)
        elif prev in raw["verstrekker_voorzetsels"] and receive:
            from_hint.append(m.code)
        else:
            free.append(m.code)
    out.parties = _unique([*to_hint, *from_hint, *free])
    to_hint, from_hint, free = _unique(to_hint), _unique(from_hint), list(_unique(free))
    if receiving and free:  # "Veilig Thuis vraagt de politie ...": the subject receives
        to_hint = _unique([free.pop(0), *to_hint])
    senders = list(from_hint) or free[:1]
    rest = [c for c in free if c not in senders]
    receivers = list(to_hint) or rest[:1]
    assigned = set(senders[:1]) | set(receivers[:1])
    if len(set(senders)) > 1 or len(set(receivers)) > 1 or any(c not in assigned for c in out.parties):
        out.ambiguous = "meer partijen genoemd dan een verstrekker en een ontvanger"
    elif senders and receivers and senders[0] == receivers[0]:
        out.ambiguous = "verstrekker en ontvanger vallen samen"
    else:
        out.verstrekker = senders[0] if senders else None
        out.ontvanger = receivers[0] if receivers else None

    doelen = _unique([m.code for m in find_mentions(question, "doelen", table, ignore)])
    default_doel = raw.get("doel_van_ontvanger", {}).get(out.ontvanger or "")
    out.doel = default_doel if default_doel in doelen else (doelen[0] if doelen else None)
    kaders = _unique([m.code for m in find_mentions(question, "kaders", table, ignore)])
    out.kader = kaders[0] if len(kaders) == 1 else None
    out.feiten = _facts(folded, raw.get("feiten", []))
    return out


def _facts(folded: str, rules: list[dict[str, Any]]) -> dict[str, Any]:
    values: dict[str, set[Any]] = {}
    for rule in rules:
        if any(_phrase_regex(plain(z).lower()).search(folded) for z in rule["zinnen"]):
            values.setdefault(rule["feit"], set()).add(rule["waarde"])
    return {k: next(iter(v)) for k, v in values.items() if len(v) == 1}  # contradictions stay unknown


# ---------------------------------------------------------------- optional LLM help (fields only)

_EXTRACT_PROMPT = """Zet de beschreven gegevensverstrekking om in codes. Antwoord met alleen een JSON-object met \
de sleutels verstrekker, ontvanger, gegevens (lijst), doel en kader; gebruik null als de tekst het niet zegt. \
Toegestane codes:
partijen: {partijen}
gegevens: {gegevens}
doelen: {doelen}
kaders: {kaders}"""


def suggest_fields(question: str, chat_model: ChatModel) -> dict[str, Any]:
    """Fields a chat model proposes; only vocabulary codes survive, everything else is discarded."""
    from langchain_core.messages import HumanMessage, SystemMessage

    from checker import load_vocabulary

    vocab = load_vocabulary()
    system = _EXTRACT_PROMPT.format(**{k: ", ".join(vocab[k]) for k in ("partijen", "gegevens", "doelen", "kaders")})
    try:
        reply = chat_model.invoke([SystemMessage(content=system), HumanMessage(content=question)])
        content = reply.content if isinstance(reply.content, str) else json.dumps(reply.content)
        match = re.search(r"\{.*\}", content, re.S)
        proposal = json.loads(match.group(0)) if match else {}
    except Exception:  # a model that fails or talks nonsense simply proposes nothing
        return {}
    if not isinstance(proposal, dict):
        return {}
    out: dict[str, Any] = {}
    for field, section in (("verstrekker", "partijen"), ("ontvanger", "partijen"), ("doel", "doelen"),
                           ("kader", "kaders")):
        if isinstance(proposal.get(field), str) and proposal[field] in vocab[section]:
            out[field] = proposal[field]
    codes = proposal.get("gegevens")
    if isinstance(codes, list):
        valid = _unique([c for c in codes if isinstance(c, str) and c in vocab["gegevens"]])
        if valid:
            out["gegevens"] = list(valid)
    return out


# ---------------------------------------------------------------- route


def route(
    question: str, history: Sequence[Turn] = (), *, chat_model: ChatModel | None = None
) -> RoutedVerdict | None:
    """Run the checker when the question describes a concrete exchange; ``None`` otherwise.

    ``history`` is not used to fill fields: a scenario is read from the question itself, so an earlier turn
    can never silently change who shares what with whom."""
    from checker import CheckerError, check

    ex = extract(question)
    if not ex.exchange or ex.ambiguous:
        return None
    table = load_table()
    assumed: dict[str, str] = {}
    fields: dict[str, Any] = {"verstrekker": ex.verstrekker, "ontvanger": ex.ontvanger,
                              "gegevens": list(ex.gegevens) or None, "doel": ex.doel, "kader": ex.kader}
    _apply_defaults(fields, assumed, table.raw)
    if chat_model is not None and fields["verstrekker"] and fields["ontvanger"] and not all(fields.values()):
        for field, value in suggest_fields(question, chat_model).items():
            # only data, purpose and setting, and only what neither the text nor the table gave: the parties
            # always come from the text itself
            if field in LLM_FIELDS and fields.get(field) is None:
                fields[field] = value
                assumed[field] = "voorgesteld door het taalmodel (gecontroleerd op de vocabulaire)"
        _apply_defaults(fields, assumed, table.raw)
    if not all(fields.values()):  # sender, recipient, data and purpose are all needed
        return None
    unmapped = [f for f in SCENARIO_FIELDS[:5] if f in assumed]  # read from defaults, not from the text
    if not ex.feiten:
        unmapped.append("feiten")
    scenario = {**fields, "feiten": dict(ex.feiten or {})}
    try:
        verdict = check(scenario).model_dump(mode="json")
    except CheckerError:
        return None
    return RoutedVerdict(scenario=scenario, verdict=verdict, unmapped=unmapped, assumed=assumed,
                         text=render_verdict(verdict, scenario, assumed))


def _apply_defaults(fields: dict[str, Any], assumed: dict[str, str], raw: dict[str, Any]) -> None:
    """Fill what the text left open from the table's documented defaults (recorded in ``assumed``)."""
    if fields["gegevens"] is None and fields["verstrekker"] in raw.get("gegevens_van_verstrekker", {}):
        fields["gegevens"] = [raw["gegevens_van_verstrekker"][fields["verstrekker"]]]
        assumed["gegevens"] = "gegevens van deze verstrekker houden hun eigen regime (scenario-format §2.2)"
    if fields["doel"] is None and fields["ontvanger"] in raw.get("doel_van_ontvanger", {}):
        fields["doel"] = raw["doel_van_ontvanger"][fields["ontvanger"]]
        assumed["doel"] = "gebruikelijk doel bij deze ontvanger; niet in de vraag genoemd"
    organ = raw.get("gemeente_per_doel", {}).get(fields["doel"])
    for role, other in (("verstrekker", "ontvanger"), ("ontvanger", "verstrekker")):
        if fields[role] == "gemeente_onbepaald" and organ and organ != fields[other]:
            fields[role] = organ
            assumed[role] = f"'de gemeente' gelezen als {organ}: het bestuursorgaan van dit doel"
    if fields["kader"] is None and fields["ontvanger"]:
        fields["kader"] = raw.get("kader_van_ontvanger", {}).get(fields["ontvanger"], raw.get("kader_standaard"))
        assumed["kader"] = "niet in de vraag genoemd; standaardkader"


# ---------------------------------------------------------------- presentation (verdict only)


def render_verdict(
    verdict: dict[str, Any], scenario: dict[str, Any] | None = None, assumed: dict[str, str] | None = None
) -> str:
    """The Dutch text block that presents a checker verdict: a heading, the scenario it was run on (with what
    was assumed), then the checker's own rendering of ``verdict`` (``checker.render_text``). Nothing else can
    put words in it."""
    from checker import Verdict, render_text

    lines = ["Toetsing door de regelchecker (geen taalmodel):"]
    if scenario:
        feiten = ", ".join(f"{k} = {str(v).lower()}" for k, v in scenario.get("feiten", {}).items()) or "geen"
        lines.append(
            f"Scenario: {scenario['verstrekker']} → {scenario['ontvanger']}; gegevens: "
            f"{', '.join(scenario['gegevens'])}; doel: {scenario['doel']}; kader: {scenario['kader']}; "
            f"bekende feiten: {feiten}"
        )
    for field, why in (assumed or {}).items():
        lines.append(f"Aangenomen: {field} = {_shown(scenario, field)} ({why})")
    lines.append(render_text(Verdict.model_validate(verdict)))
    return "\n".join(lines)


def _shown(scenario: dict[str, Any] | None, field: str) -> str:
    value = (scenario or {}).get(field)
    return ", ".join(value) if isinstance(value, list) else str(value)
