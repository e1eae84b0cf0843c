"""Load and validate every ``checker/rules/*.yaml`` file into a compiled ``RuleBase``.

Run ``python -m checker.rule_loader [DIR]`` to validate the rule files: it prints every problem as
``<file>: regel <ID>: <message>`` and exits 1, or prints a summary and exits 0.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from checker.conditions import Compiled, Evaluator, View, compile_condition, conjunction
from checker.errors import RegelFout
from checker.legal_basis import HANDVAT_SECTIES, grondslag_probleem, successor_of
from checker.rule_schema import (
    AlleConditie,
    CodeConditie,
    EenVanConditie,
    FeitConditie,
    GegevensConditie,
    Groep,
    NietConditie,
    Regel,
    RegelBestand,
    Soort,
)
from checker.vocabulary import load_vocabulary, suggest

RULES_DIR = Path(__file__).resolve().parent / "rules"


@dataclass(eq=False)
class CompiledRule:
    """A validated rule with its compiled conditions (own conditions plus precedence)."""

    regel: Regel
    bestand: str
    conditions: tuple[Compiled, ...]
    static: tuple[Evaluator, ...]  # the top-level conditions that read no facts, other than code conditions
    code_sets: dict[str, frozenset[str]]  # top-level code conditions: field -> accepted codes (intersected)
    overriders: list[CompiledRule] = field(default_factory=list)
    evaluate: Evaluator | None = None  # own conditions AND NOT(each overrider), set by the loader
    facts: frozenset[str] = frozenset()  # every fact the effective evaluation reads
    fact_order: tuple[str, ...] = ()  # the same facts, sorted (memo keys)
    opvolgers: tuple[tuple[str, str], ...] = ()

    @property
    def id(self) -> str:
        return self.regel.id

    @property
    def sleutel(self) -> str:
        return self.regel.sleutel

    def static_ok(self, view: View) -> bool:
        """All fact-free top-level conditions hold (code conditions included)."""
        if any(getattr(view, f) not in codes for f, codes in self.code_sets.items()):
            return False
        return all(fn(view) for fn in self.static)


@dataclass
class RuleBase:
    """All rules, by kind, ready for the engine."""

    regels: list[CompiledRule]
    plichten: dict[str, CompiledRule]
    bestanden: list[str]

    def by_kind(self, soort: Soort) -> list[CompiledRule]:
        return [r for r in self.regels if r.regel.soort is soort]

    def ids(self) -> set[str]:
        """Every research id the rule data encodes: ids plus ``omvat``."""
        out: set[str] = set()
        for r in self.regels:
            out.add(r.id)
            out.update(r.regel.omvat)
        return out


def _where(bestand: str, rid: str | None) -> str:
    return f"{bestand}: regel {rid}" if rid else bestand


def _format_pydantic(exc: Any, raw: dict, bestand: str) -> list[str]:
    out = []
    regels = raw.get("regels") if isinstance(raw, dict) else None
    for err in exc.errors():
        loc = list(err.get("loc", ()))
        rid = None
        if len(loc) >= 2 and loc[0] == "regels" and isinstance(loc[1], int) and isinstance(regels, list):
            item = regels[loc[1]] if loc[1] < len(regels) else None
            rid = item.get("id", f"#{loc[1] + 1}") if isinstance(item, dict) else f"#{loc[1] + 1}"
            loc = loc[2:]
        path = ".".join(str(x) for x in loc if not str(x).startswith("function-"))
        msg = err.get("msg", "")
        out.append(f"{_where(bestand, rid)}: {path + ': ' if path else ''}{msg}")
    return out


class _Checker:
    """Cross-file validation against the vocabulary."""

    def __init__(self, groups: dict[str, Groep]) -> None:
        self.vocab = load_vocabulary()
        self.groups = groups
        self.errors: list[str] = []

    def codes(self, codes: Iterable[str], section: str, where: str) -> None:
        known = self.vocab[section]
        for code in codes:
            if code.startswith("@"):
                group = self.groups.get(code[1:])
                if group is None:
                    self.errors.append(f"{where}: onbekende groep {code!r}")
                elif group.sectie != section:
                    self.errors.append(f"{where}: groep {code!r} bevat {group.sectie}, hier zijn {section} nodig")
            elif code not in known:
                hint = suggest(code, list(known))
                extra = f"; bedoelde u {hint!r}?" if hint else ""
                self.errors.append(f"{where}: onbekende code {code!r} in {section}{extra}")

    def fact(self, feit: str, values: Iterable[Any], where: str) -> None:
        spec = self.vocab["feiten"].get(feit)
        if spec is None:
            hint = suggest(feit, list(self.vocab["feiten"]))
            extra = f"; bedoelde u {hint!r}?" if hint else ""
            self.errors.append(f"{where}: onbekend feit {feit!r}{extra}")
            return
        for value in values:
            if spec["type"] == "bool":
                if not isinstance(value, bool):
                    self.errors.append(f"{where}: feit {feit!r} is ja/nee; waarde {value!r} moet true of false zijn")
            elif value not in spec["waarden"]:
                self.errors.append(
                    f"{where}: feit {feit!r} kent waarde {value!r} niet; toegestaan: {', '.join(spec['waarden'])}"
                )

    def condition(self, cond: Any, where: str) -> None:
        if isinstance(cond, CodeConditie):
            self.codes(cond.codes, _section_of(cond.veld), where)
        elif isinstance(cond, GegevensConditie):
            self.codes(cond.codes, "gegevens", where)
        elif isinstance(cond, FeitConditie):
            self.fact(cond.feit, cond.is_, where)
        elif isinstance(cond, AlleConditie):
            for c in cond.alle:
                self.condition(c, where)
        elif isinstance(cond, EenVanConditie):
            for c in cond.een_van:
                self.condition(c, where)
        elif isinstance(cond, NietConditie):
            self.condition(cond.niet, where)


def _section_of(veld: str) -> str:
    return {"verstrekker": "partijen", "ontvanger": "partijen", "doel": "doelen", "kader": "kaders"}[veld]


def _cache_dir() -> Path | None:
    """The parse cache: $HANDVAT_CHECKER_CACHE ('off' disables it), else ~/.cache/handvat/regels."""
    if os.environ.get("HANDVAT_CHECKER_CACHE") == "off":
        return None
    base = os.environ.get("HANDVAT_CHECKER_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "handvat", "regels"
    )
    return Path(base) if base else None


def _parse_cached(content: bytes, parse: Callable[[str], Any]) -> Any:
    """Parse a YAML file, via a JSON copy keyed by the file's SHA-256 in a user cache directory.

    YAML parsing dominates loading; JSON is an order of magnitude faster. The cache is only an accelerator:
    a changed file has a new hash, and an unreadable or unwritable cache falls back to parsing.
    """
    digest = hashlib.sha256(content).hexdigest()
    directory = _cache_dir()
    cached = directory / f"{digest}.json" if directory else None
    if cached is not None:
        with contextlib.suppress(OSError, ValueError):
            return json.loads(cached.read_text(encoding="utf-8"))
    raw = parse(content.decode("utf-8"))
    if cached is not None:
        with contextlib.suppress(OSError, TypeError, ValueError):
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(raw, ensure_ascii=False, default=str), encoding="utf-8")
            os.replace(tmp, cached)
    return raw


def load_rule_files(directory: Path = RULES_DIR) -> tuple[list[tuple[str, Regel]], dict[str, Groep], list[str]]:
    """Parse every ``*.yaml`` of ``directory``; returns (rules with their file, groups, errors)."""
    import yaml  # lazily: only the loader needs it

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~20x faster than the pure-Python parser
    rules: list[tuple[str, Regel]] = []
    groups: dict[str, Groep] = {}
    errors: list[str] = []
    paths = sorted(directory.glob("*.yaml"))
    if not paths:
        errors.append(f"{directory}: geen regelbestanden (*.yaml) gevonden")
    for path in paths:
        name = path.name
        try:
            raw = _parse_cached(path.read_bytes(), lambda text: yaml.load(text, Loader=loader))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            errors.append(f"{name}: kan YAML niet lezen: {exc}")
            continue
        if not isinstance(raw, dict):
            errors.append(f"{name}: het bestand moet een mapping zijn met schema_versie, familie en regels")
            continue
        try:
            from pydantic import ValidationError

            parsed = RegelBestand.model_validate(raw)
        except ValidationError as exc:
            errors.extend(_format_pydantic(exc, raw, name))
            continue
        for gname, group in parsed.groepen.items():
            if gname in groups:
                errors.append(f"{name}: groep {gname!r} is al elders gedefinieerd")
            groups[gname] = group
        rules.extend((name, r) for r in parsed.regels)
    return rules, groups, errors


def build_rulebase(directory: Path = RULES_DIR, today: dt.date | None = None) -> RuleBase:
    """Load, validate and compile all rules. Raises ``RegelFout`` listing every problem."""
    rules, groups, errors = load_rule_files(directory)
    chk = _Checker(groups)
    chk.errors.extend(errors)
    for gname, group in groups.items():
        chk.codes(group.codes, group.sectie, f"groep {gname}")

    seen: dict[str, str] = {}
    ids: dict[str, list[Regel]] = {}
    for bestand, r in rules:
        where = _where(bestand, r.sleutel)
        if r.sleutel in seen:
            chk.errors.append(f"{where}: dubbel (ook in {seen[r.sleutel]}); gebruik 'tak' voor takken van één regel")
        seen[r.sleutel] = bestand
        ids.setdefault(r.id, []).append(r)
        if r.sectie not in HANDVAT_SECTIES:
            chk.errors.append(f"{where}: sectie {r.sectie!r} bestaat niet in het handvat")
        for g in r.grondslagen:
            problem = grondslag_probleem(g)
            if problem:
                chk.errors.append(f"{where}: grondslag {g!r} {problem}")
        for cond in r.als:
            chk.condition(cond, where)
        for crit in r.criteria:
            chk.fact(crit.feit, crit.waarden, where)

    for bestand, r in rules:
        where = _where(bestand, r.sleutel)
        for ref in r.plichten:
            targets = ids.get(ref.id, [])
            if not targets or any(t.soort is not Soort.PLICHT for t in targets):
                chk.errors.append(f"{where}: plicht {ref.id!r} bestaat niet als regel met soort 'plicht'")
        for target in r.gaat_voor:
            targets = ids.get(target, [])
            if not targets:
                chk.errors.append(f"{where}: gaat_voor noemt onbekende regel {target!r}")
            elif any(t.hard for t in targets):
                chk.errors.append(f"{where}: gaat_voor noemt {target!r}, maar dat is een hard verbod")
            elif any(t.soort not in (Soort.GROND, Soort.VERBOD) for t in targets):
                chk.errors.append(f"{where}: gaat_voor kan alleen gronden en verboden opzij zetten, niet {target!r}")
            if target == r.id:
                chk.errors.append(f"{where}: een regel kan niet voor zichzelf gaan")
        for plicht_id in [p.id for p in r.plichten]:
            if plicht_id == r.id:
                chk.errors.append(f"{where}: verwijst naar zichzelf als plicht")

    if chk.errors:
        raise RegelFout(chk.errors)

    today = today or dt.date.today()
    compiled: list[CompiledRule] = []
    for bestand, r in rules:
        if r.geldig_vanaf > today or (r.geldig_tot is not None and r.geldig_tot < today):
            continue
        conds = tuple(compile_condition(c, {k: list(g.codes) for k, g in groups.items()}) for c in r.als)
        opv = tuple((g, s) for g in r.grondslagen if (s := successor_of(g)) is not None)
        if r.opvolgers:
            opv = opv + tuple(("", s) for s in r.opvolgers)
        code_sets: dict[str, frozenset[str]] = {}
        for c in conds:
            if c.veld is not None and c.codes is not None:
                code_sets[c.veld] = code_sets[c.veld] & c.codes if c.veld in code_sets else c.codes
        compiled.append(
            CompiledRule(
                regel=r,
                bestand=bestand,
                conditions=conds,
                static=tuple(c.evaluate for c in conds if c.static and c.veld is None),
                code_sets=code_sets,
                opvolgers=opv,
            )
        )
    _link_precedence(compiled)
    plichten = {c.id: c for c in compiled if c.regel.soort is Soort.PLICHT}
    return RuleBase(regels=compiled, plichten=plichten, bestanden=sorted({b for b, _ in rules}))


def _link_precedence(compiled: list[CompiledRule]) -> None:
    """Attach overriders (``gaat_voor``) and build each rule's effective evaluator in dependency order."""
    by_id: dict[str, list[CompiledRule]] = {}
    for c in compiled:
        by_id.setdefault(c.id, []).append(c)
    for c in compiled:
        for target in c.regel.gaat_voor:
            for t in by_id.get(target, []):
                t.overriders.append(c)

    state: dict[int, int] = {}  # 1 = in progress, 2 = done

    def build(c: CompiledRule, chain: list[str]) -> None:
        key = id(c)
        if state.get(key) == 2:
            return
        if state.get(key) == 1:
            raise RegelFout([f"{c.bestand}: regel {c.sleutel}: kring in gaat_voor: {' -> '.join([*chain, c.sleutel])}"])
        state[key] = 1
        for o in c.overriders:
            build(o, [*chain, c.sleutel])
        parts = [cc.evaluate for cc in c.conditions]
        facts = set().union(*(cc.facts for cc in c.conditions)) if c.conditions else set()
        for o in c.overriders:
            inner = o.evaluate

            def not_o(v: View, _fn=inner) -> bool | None:
                r = _fn(v)
                return None if r is None else not r

            parts.append(not_o)
            facts |= o.facts
        c.evaluate = conjunction(tuple(parts))
        c.facts = frozenset(facts)
        c.fact_order = tuple(sorted(facts))
        state[key] = 2

    for c in compiled:
        build(c, [])


@lru_cache(maxsize=1)
def default_rulebase() -> RuleBase:
    """The product's rule base, loaded once."""
    return build_rulebase()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    directory = Path(args[0]) if args else RULES_DIR
    try:
        rb = build_rulebase(directory)
    except RegelFout as exc:
        for f in exc.fouten:
            print(f)
        print(f"{len(exc.fouten)} fout(en)")
        return 1
    kinds: dict[str, int] = {}
    for r in rb.regels:
        kinds[r.regel.soort.value] = kinds.get(r.regel.soort.value, 0) + 1
    summary = ", ".join(f"{k}: {v}" for k, v in sorted(kinds.items()))
    print(f"{len(rb.regels)} regels geladen uit {len(rb.bestanden)} bestanden ({summary})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
