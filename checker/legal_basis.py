"""Legal-basis strings: canonical form and comparison (spec §6) and the Wbp → AVG/UAVG successors (§9).

The comparison functions follow ``validate_cases.py`` of the spec exactly (the reference copy lives in
``evals/reference_validate_cases.py``); they are repeated here so the checker imports nothing from evals.
"""

from __future__ import annotations

import difflib
import re

REGELINGEN = (
    "AVG", "UAVG", "Wbp", "Wpg", "Bpg", "Wjsg", "Bjsg", "BW", "Sv", "Sr", "Jeugdwet", "Besluit Jeugdwet",
    "Regeling Jeugdwet", "Wmo 2015", "Uitvoeringsbesluit Wmo 2015", "Gemeentewet", "Participatiewet",
    "Wet SUWI", "Wgs", "Wet BIG", "Wet BOPZ", "Wvggz", "Wet tijdelijk huisverbod", "Reclasseringsregeling 1995",
    "Penitentiaire maatregel", "Pbw", "Bjj", "Gratiewet", "Woningwet", "Politiewet 2012", "Ambtenarenwet",
    "Awb", "Wet Bibob", "Leerplichtwet", "Interimbesluit forensische zorg", "Wet forensische zorg",
    "Wet Nationale ombudsman", "Wet publieke gezondheid", "Wet BRP",
)  # fmt: skip
_REGELINGEN_NORM = {r.casefold(): r for r in REGELINGEN}

_GRONDSLAG_RE = re.compile(
    r"^art\. (?P<nummer>[0-9]+[a-z]*(?:[.:][0-9]+[a-z]*)*)"
    r"(?: lid (?P<lid>[0-9]+))?"
    r"(?P<sub>(?: sub [a-z0-9]+)*)"
    r" (?P<regeling>\S.*)$"
)

# Section numbers that exist in the handvat (its numbered headings), as in the spec's validator.
HANDVAT_SECTIES = frozenset(
    """1 1.1 1.2 1.3 1.4 1.5
    2 2.1 2.1.1 2.1.2 2.2 2.2.1 2.2.2 2.2.3 2.3 2.4 2.4.1 2.4.2 2.4.3 2.5 2.6
    3 3.1 3.2 3.2.1 3.2.2 3.2.3 3.2.4 3.2.5 3.2.6 3.2.7 3.2.8 3.2.9 3.2.10 3.2.11
    3.3 3.3.1 3.3.2 3.3.3 3.3.4 3.3.5 3.3.6 3.3.7 3.3.8 3.4 3.5
    4 4.1 4.2 4.2.1 4.2.2 4.2.3 4.2.4 4.3 4.3.1 4.3.2 4.3.3 4.3.4 4.3.5 4.4 4.4.1 4.5
    5 5.1 5.2 5.2.1 5.2.2 5.2.3 5.2.4 5.3 5.3.1 5.4 5.4.1 5.4.2 5.4.3 5.4.4 5.4.5 5.4.6
    5.4.7 5.4.7.1 5.4.7.2 5.4.7.3 5.4.7.4 5.4.7.5 5.4.7.6 5.4.7.7 5.4.7.8 5.4.7.9
    5.4.7.10 5.4.7.11 5.5 5.5.1 5.5.2 5.5.3 5.5.4 5.5.5 5.6 5.7 5.8 5.9 5.10 5.11 5.12
    6 7 7.1 7.2 7.3 7.4 7.5""".split()  # noqa: SIM905
)


def normaliseer_grondslag(tekst: str) -> str:
    """Normalise a legal-basis string for comparison (spec §6.2)."""
    s = " ".join(tekst.split()).casefold()
    s = re.sub(r"\bartikel\b\.?", "art.", s)
    s = re.sub(r"\bart\b\.?", "art.", s)
    s = re.sub(r"\bart\.(?=\S)", "art. ", s)
    s = re.sub(r"\bonder\b", "sub", s)
    return " ".join(s.split())


def grondslag_gelijk(verwacht: str, gegeven: str) -> bool:
    return normaliseer_grondslag(verwacht) == normaliseer_grondslag(gegeven)


def grondslag_probleem(tekst: str) -> str | None:
    """Why a legal-basis string is not in canonical form (Dutch), or None."""
    norm = normaliseer_grondslag(tekst)
    if re.search(r"\b(jo\.|juncto|en art\.)", norm):
        return "combineert artikelen; schrijf één artikel per string (splits 'jo.')"
    if re.search(r"\b(eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende) lid\b", norm):
        return "schrijft het lid als woord; gebruik 'lid <n>' met een cijfer"
    m = _GRONDSLAG_RE.match(norm)
    if not m:
        return "heeft niet de vorm 'art. <nummer> [lid <n>] [sub <letter>] <regeling>'"
    regeling = m.group("regeling")
    if regeling not in _REGELINGEN_NORM:
        hint = difflib.get_close_matches(regeling, list(_REGELINGEN_NORM), n=1)
        suggestion = f"; bedoelde u {_REGELINGEN_NORM[hint[0]]!r}?" if hint else ""
        return f"noemt een onbekende regeling {regeling!r}{suggestion}"
    return None


def normaliseer_citaat(tekst: str) -> str:
    """Collapse whitespace, then drop the space after a hyphen (spec §4)."""
    return " ".join(tekst.split()).replace("- ", "-")


def citaat_gevonden(citaat: str, handvat_tekst: str) -> bool:
    return normaliseer_citaat(citaat) in normaliseer_citaat(handvat_tekst)


def sectie_gedekt(verwacht: str, gegeven_secties) -> bool:
    v = verwacht.strip()
    return any(s == v or s.startswith(v + ".") for s in (x.strip() for x in gegeven_secties))


# Spec §9: Wbp articles with an AVG/UAVG successor given with confidence.
_OPVOLGERS: dict[str, str] = {
    "art. 1 sub a Wbp": "art. 4 punt 1 AVG",
    "art. 1 sub b Wbp": "art. 4 punt 2 AVG",
    "art. 1 sub d Wbp": "art. 4 punt 7 AVG (verwerkingsverantwoordelijke)",
    "art. 1 sub e Wbp": "art. 4 punt 8 AVG (verwerker)",
    "art. 1 sub f Wbp": "art. 4 punt 1 AVG",
    "art. 6 Wbp": "art. 5 lid 1 sub a AVG",
    "art. 7 Wbp": "art. 5 lid 1 sub b AVG",
    "art. 8 sub a Wbp": "art. 6 lid 1 sub a AVG (toestemming: art. 4 punt 11 en art. 7 AVG)",
    "art. 8 sub b Wbp": "art. 6 lid 1 sub b AVG",
    "art. 8 sub c Wbp": "art. 6 lid 1 sub c AVG",
    "art. 8 sub d Wbp": "art. 6 lid 1 sub d AVG",
    "art. 8 sub e Wbp": "art. 6 lid 1 sub e AVG",
    "art. 8 sub f Wbp": "art. 6 lid 1 sub f AVG (niet voor overheidsinstanties bij de uitoefening van hun taken)",
    "art. 9 lid 1 Wbp": "art. 5 lid 1 sub b en art. 6 lid 4 AVG",
    "art. 9 lid 2 Wbp": "art. 5 lid 1 sub b en art. 6 lid 4 AVG",
    "art. 9 lid 3 Wbp": "art. 5 lid 1 sub b en art. 6 lid 4 AVG",
    "art. 10 Wbp": "art. 5 lid 1 sub e AVG",
    "art. 11 Wbp": "art. 5 lid 1 sub c en sub d AVG",
    "art. 13 Wbp": "art. 32 AVG",
    "art. 14 Wbp": "art. 28 AVG (verwerkersovereenkomst)",
    "art. 16 Wbp": "art. 9 lid 1 AVG; strafrechtelijke gegevens: art. 10 AVG met art. 31-33 UAVG",
    "art. 23 lid 1 sub a Wbp": "art. 9 lid 2 sub a AVG",
    "art. 24 Wbp": "art. 87 AVG en art. 46 UAVG",
    "art. 27 Wbp": "vervallen; register van verwerkingsactiviteiten, art. 30 AVG",
    "art. 28 Wbp": "vervallen; register van verwerkingsactiviteiten, art. 30 AVG",
    "art. 29 Wbp": "vervallen; register van verwerkingsactiviteiten, art. 30 AVG",
    "art. 30 Wbp": "vervallen; register van verwerkingsactiviteiten, art. 30 AVG",
    "art. 31 Wbp": "art. 35 AVG (DPIA) en art. 36 AVG (voorafgaande raadpleging)",
    "art. 32 Wbp": "art. 35 AVG (DPIA) en art. 36 AVG (voorafgaande raadpleging)",
    "art. 33 Wbp": "art. 13 AVG en art. 14 AVG",
    "art. 34 Wbp": "art. 13 AVG en art. 14 AVG",
    "art. 34a Wbp": "art. 33 AVG en art. 34 AVG",
    "art. 35 Wbp": "art. 15 AVG",
    "art. 36 Wbp": "art. 16 - art. 18 AVG",
    "art. 40 Wbp": "art. 21 AVG",
    "art. 43 Wbp": "art. 23 AVG en art. 41 UAVG",
    "art. 66 Wbp": "art. 83 AVG",
    "art. 2 lid 2 Wbp": "art. 2 lid 2 sub d AVG; Richtlijn (EU) 2016/680, uitgevoerd in de Wpg en Wjsg",
}
_OPVOLGERS_NORM = {normaliseer_grondslag(k): v for k, v in _OPVOLGERS.items()}


def successor_of(grondslag: str) -> str | None:
    """The AVG/UAVG successor of a Wbp article per spec §9, or None when none is given with confidence.

    An exact entry wins; otherwise a more specific citation (with a sub-letter) falls back to its lid and
    then its article, but only when that entry exists (``art. 9 lid 4 Wbp`` has none).
    """
    norm = normaliseer_grondslag(grondslag)
    if not norm.endswith(" wbp"):
        return None
    candidates = [norm]
    without_sub = re.sub(r"( sub [a-z0-9]+)+(?= wbp$)", "", norm)
    candidates.append(without_sub)
    if "art. 23 " not in norm:  # art. 23 without lid 1 sub a has no confident successor
        candidates.append(re.sub(r" lid [0-9]+(?= wbp$)", "", without_sub))
    if norm.startswith("art. 9 lid 4"):
        return None
    for c in candidates:
        if c in _OPVOLGERS_NORM:
            return _OPVOLGERS_NORM[c]
    return None
