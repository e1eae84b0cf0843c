"""Three-valued (Kleene) evaluation of rule conditions (spec §5.1).

A condition is compiled once, at load time, into a plain function over a ``Facts`` view of a scenario that
returns ``True``, ``False`` or ``None`` (unknown). Only fact conditions can be unknown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from checker.rule_schema import (
    AlleConditie,
    BijzonderConditie,
    CodeConditie,
    EenVanConditie,
    FeitConditie,
    GegevensConditie,
    NietConditie,
)

Tri = bool | None


@dataclass(frozen=True, slots=True)
class View:
    """What conditions look at: the scenario's codes, its data set and its known facts."""

    verstrekker: str
    ontvanger: str
    doel: str
    kader: str
    gegevens: frozenset[str]
    bijzonder: bool
    feiten: Mapping[str, Any]


Evaluator = Callable[[View], Tri]


@dataclass(frozen=True, slots=True)
class Compiled:
    """A compiled condition: its evaluator, the facts it reads, a Dutch description and its uitleg."""

    evaluate: Evaluator
    facts: frozenset[str]
    text: str
    uitleg: str | None
    static: bool  # reads no facts: always true or false
    veld: str | None = None  # for a code condition: the scenario field it tests ...
    codes: frozenset[str] | None = None  # ... and the codes it accepts (used to index rules)


def expand_codes(codes: list[str], groups: Mapping[str, list[str]]) -> tuple[str, ...]:
    out: list[str] = []
    for code in codes:
        out.extend(groups[code[1:]] if code.startswith("@") else [code])
    return tuple(dict.fromkeys(out))


def _fmt(value: Any) -> str:
    if value is True:
        return "ja"
    if value is False:
        return "nee"
    return str(value)


def compile_condition(cond: Any, groups: Mapping[str, list[str]]) -> Compiled:
    """Compile one parsed condition (``checker.rule_schema`` model) into a ``Compiled``."""
    uitleg = getattr(cond, "uitleg", None)
    if isinstance(cond, CodeConditie):
        codes = frozenset(expand_codes(cond.codes, groups))
        attr = cond.veld
        text = f"{attr} is {' of '.join(sorted(codes))}"

        def ev_code(v: View, _c=codes, _a=attr) -> Tri:
            return getattr(v, _a) in _c

        return Compiled(ev_code, frozenset(), text, uitleg, True, attr, codes)
    if isinstance(cond, GegevensConditie):
        codes = frozenset(expand_codes(cond.codes, groups))
        if cond.modus == "een_van":
            text = f"gegevens bevatten {' of '.join(sorted(codes))}"

            def ev_any(v: View, _c=codes) -> Tri:
                return not _c.isdisjoint(v.gegevens)

            return Compiled(ev_any, frozenset(), text, uitleg, True)
        text = f"gegevens zijn alleen {', '.join(sorted(codes))}"

        def ev_only(v: View, _c=codes) -> Tri:
            return v.gegevens <= _c

        return Compiled(ev_only, frozenset(), text, uitleg, True)
    if isinstance(cond, BijzonderConditie):
        want = cond.bijzondere_gegevens
        text = "bijzondere gegevens" if want else "geen bijzondere gegevens"

        def ev_bijz(v: View, _w=want) -> Tri:
            return v.bijzonder is _w

        return Compiled(ev_bijz, frozenset(), text, uitleg, True)
    if isinstance(cond, FeitConditie):
        fact = cond.feit
        values = tuple(cond.is_)
        text = f"{fact} = {' of '.join(_fmt(x) for x in values)}"
        if len(values) == 1:
            only = values[0]

            def ev_fact1(v: View, _f=fact, _x=only) -> Tri:
                got = v.feiten.get(_f)
                return None if got is None else got == _x and type(got) is type(_x)

            return Compiled(ev_fact1, frozenset({fact}), text, uitleg, False)
        allowed = frozenset(values)

        def ev_fact(v: View, _f=fact, _a=allowed) -> Tri:
            got = v.feiten.get(_f)
            return None if got is None else got in _a

        return Compiled(ev_fact, frozenset({fact}), text, uitleg, False)
    if isinstance(cond, AlleConditie | EenVanConditie):
        parts = tuple(
            compile_condition(c, groups) for c in (cond.alle if isinstance(cond, AlleConditie) else cond.een_van)
        )
        facts = frozenset().union(*(p.facts for p in parts))
        static = all(p.static for p in parts)
        fns = tuple(p.evaluate for p in parts)
        if isinstance(cond, AlleConditie):
            text = "(" + " en ".join(p.text for p in parts) + ")"

            def ev_and(v: View, _fns=fns) -> Tri:
                unknown = False
                for fn in _fns:
                    r = fn(v)
                    if r is False:
                        return False
                    if r is None:
                        unknown = True
                return None if unknown else True

            return Compiled(ev_and, facts, text, uitleg, static)
        text = "(" + " of ".join(p.text for p in parts) + ")"

        def ev_or(v: View, _fns=fns) -> Tri:
            unknown = False
            for fn in _fns:
                r = fn(v)
                if r is True:
                    return True
                if r is None:
                    unknown = True
            return None if unknown else False

        return Compiled(ev_or, facts, text, uitleg, static)
    if isinstance(cond, NietConditie):
        inner = compile_condition(cond.niet, groups)
        fn = inner.evaluate

        def ev_not(v: View, _fn=fn) -> Tri:
            r = _fn(v)
            return None if r is None else not r

        return Compiled(ev_not, inner.facts, f"niet {inner.text}", uitleg or None, inner.static)
    raise TypeError(f"unknown condition type {type(cond).__name__}")


def conjunction(parts: tuple[Evaluator, ...]) -> Evaluator:
    """Kleene AND over evaluators (used for a rule's condition list)."""

    def ev(v: View) -> Tri:
        unknown = False
        for fn in parts:
            r = fn(v)
            if r is False:
                return False
            if r is None:
                unknown = True
        return None if unknown else True

    return ev
