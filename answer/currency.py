"""Currency: the handvat (2016) applies the Wbp; where an answer rests on a Wbp article, name its successor.

The article references are read from the quotes the answer cites; the successor comes only from the checker's
mapping (spec §9, ``checker.successor_of``), so articles without a confident successor get no line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from answer.models import Citation

# "artikel 8 sub e Wbp", "art. 23 lid 1 sub a Wbp", "artikel 8, onder a, Wbp", "artikel 1 sub d van de Wbp".
_WBP_REF = re.compile(
    r"\bart(?:ikel|\.)\s*(?P<nr>\d+[a-z]?)\b"
    r"(?:,?\s*(?:eerste|tweede|derde)?\s*lid\s*(?P<lid>\d+))?"
    r"(?:,?\s*(?:aanhef\s+en\s+)?(?:(?:sub|onder)\s*)?(?P<sub>[a-f])\b)?"
    r",?\s*(?:van\s+de\s+)?(?:Wbp|WBP)\b",
    re.IGNORECASE,
)

Successor = Callable[[str], "str | None"]


def wbp_articles(text: str) -> list[str]:
    """Canonical Wbp citations ('art. 8 sub e Wbp') mentioned in a text, in order, without repeats."""
    found: list[str] = []
    flat = " ".join(text.split())
    for m in _WBP_REF.finditer(flat):
        parts = [f"art. {m.group('nr').lower()}"]
        if m.group("lid"):
            parts.append(f"lid {m.group('lid')}")
        if m.group("sub"):
            parts.append(f"sub {m.group('sub').lower()}")
        ref = " ".join([*parts, "Wbp"])
        if ref not in found:
            found.append(ref)
    return found


def _letter_as_sub(ref: str) -> str:
    """'art. 8b Wbp' is how the handvat sometimes writes 'art. 8 sub b Wbp'."""
    return re.sub(r"^art\. (\d+)([a-z]) Wbp$", r"art. \1 sub \2 Wbp", ref)


def default_successor() -> Successor | None:
    """The checker's Wbp -> AVG/UAVG lookup, or None while the checker does not provide it."""
    try:
        import checker

        fn = getattr(checker, "successor_of", None)
        if fn is None:
            from checker.legal_basis import successor_of as fn
    except ImportError:
        return None
    return fn


def note(citations: Iterable[Citation], successor: Successor | None) -> str | None:
    """One line naming the AVG/UAVG successors of the Wbp articles the cited quotes rest on, or None."""
    if successor is None:
        return None
    pairs: list[str] = []
    seen: set[str] = set()
    for citation in citations:
        for ref in wbp_articles(citation.quote):
            if ref in seen:
                continue
            seen.add(ref)
            new = successor(ref) or successor(_letter_as_sub(ref))
            if new:
                pairs.append(f"{ref} is thans {new}")
    if not pairs:
        return None
    return "Let op: de bron dateert van vóór de AVG (25 mei 2018); " + "; ".join(pairs) + "."
