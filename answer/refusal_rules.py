"""Answer-type rules of the refusal decision: does what was found have the KIND of content the question asks for?

Score thresholds cannot separate on-topic unanswerable questions from answerable ones (the passages share all the
words of the question; see docs/answering.md, "Refusal calibration"). These rules look at what the question asks
for and refuse when the found text cannot contain it. Each rule returns a Dutch reason or ``None``:

* ``unknown_focus``: the thing asked for ("welke software", "wat is het bezoekadres") is a word the corpus never
  uses, not even as a typo or as a compound of corpus words ("casusgegevens" = casus + gegevens);
* ``contact``: a phone number, e-mail address, (visiting) address or website is asked for, but the answer and the
  best passage contain none;
* ``counted_noun``: "hoeveel datalekken" needs a number that counts datalekken ("33 Veiligheidshuizen"), not any
  number; "hoe lang" / "binnen welke termijn" needs a number with a unit of time;
* ``year``: a year in the question must occur in the found passages or be the date of a found document;
* ``outcome``: the results of a study or meeting are asked for, but the sentences found do not report any;
* ``document_content``: the exact content of a document ("welke stappen staan er precies in het stappenplan")
  is asked for, and that document is not one of the sources (the sources only mention it);
* ``foreign``: the question is about another country's rules or bodies; the sources are about the Netherlands.

All rules are deterministic and use only the question, the candidate answer, the passages and corpus statistics.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from answer.extractive import fold, is_stopword, shown_text, stem, words
from index.hits import Hit

# --------------------------------------------------------------------------- inputs


class Vocabulary:
    """What the rules need from the corpus statistics (``answer.refusal.CorpusStats`` satisfies it)."""

    def __init__(self, known_stem: Callable[[str], bool], resolves: Callable[[str], bool],
                 frequency: Callable[[str], int] | None = None) -> None:
        self.known_stem = known_stem
        self.resolves = resolves
        self.frequency = frequency or (lambda term: 1 if known_stem(term) else 0)  # in how many chunks


@dataclass(frozen=True)
class RuleInput:
    question: str
    answer_text: str
    hits: Sequence[Hit]
    vocabulary: Vocabulary | None
    english: bool = False
    top_passages: int = 3

    @property
    def folded(self) -> str:
        return fold(self.question)

    def passage_text(self, top: int | None = None) -> str:
        return " ".join(shown_text(h.passage) for h in self.hits[: top or self.top_passages])

    def found_text(self, top: int | None = None) -> str:
        return f"{self.answer_text} {self.passage_text(top)}"


Rule = Callable[[RuleInput], str | None]

# --------------------------------------------------------------------------- focus word

_FOCUS = re.compile(
    r"\b(?:welke?|welk|hoeveel|wat\s+(?:is|zijn|was|waren)\s+(?:het|de|een|die)|wat\s+voor(?:\s+een)?)\s+(.+)",
    re.IGNORECASE,
)


def focus_word(question: str) -> str | None:
    """The first content word after 'welk(e)', 'hoeveel', 'wat is het/de', 'wat voor': what the question asks for."""
    m = _FOCUS.search(fold(question))
    if not m:
        return None
    found = words(m.group(1))
    return found[0] if found else None


def _known(word: str, vocab: Vocabulary) -> bool:
    return vocab.known_stem(stem(word)) or vocab.resolves(word)


MIN_PART = 3
_LINKS = ("", "s", "e", "en")


def is_compound_of_known(word: str, vocab: Vocabulary) -> bool:
    """'casusgegevens' = 'casus' + 'gegevens': an unknown word built from corpus words names a known kind of thing."""
    return all(not part or _known(part, vocab) or _split_known(part, vocab) for part in word.split("-"))


def _split_known(word: str, vocab: Vocabulary) -> bool:
    for i in range(MIN_PART, len(word) - MIN_PART + 1):
        head = word[i:]
        if not vocab.known_stem(stem(head)):
            continue
        left = word[:i]
        for link in _LINKS:
            if link and not left.endswith(link):
                continue
            modifier = left[: len(left) - len(link)] if link else left
            if len(modifier) >= MIN_PART and vocab.known_stem(stem(modifier)):
                return True
    return False


def unknown_focus(inp: RuleInput) -> str | None:
    if inp.english or inp.vocabulary is None:
        return None
    word = focus_word(inp.question)
    if not word or is_stopword(word) or _known(word, inp.vocabulary) or is_compound_of_known(word, inp.vocabulary):
        return None
    if any(kind.asked_nl.match(word) for kind in CONTACT_KINDS):
        return None  # contact details: the contact rule looks for one in the passages
    return f"de vraag gaat over '{word}', en dat woord komt in de bronnen niet voor"


# --------------------------------------------------------------------------- contact details


@dataclass(frozen=True)
class ContactKind:
    name: str  # Dutch, for the reason
    asked_nl: re.Pattern[str]  # the focus word asks for it
    asked_en: re.Pattern[str]  # English phrasing anywhere in the question
    present: re.Pattern[str]  # the found text gives one


_PHONE = re.compile(r"(?<!\d)(?:\+31|0)\d{1,3}[\s-]?\d{3}[\s-]?\d{3,4}(?!\d)|(?<!\d)0[89]00[\s-]?\d{4}(?!\d)")
CONTACT_KINDS = (
    ContactKind("telefoonnummer", re.compile(r"^(?:telefoon\w*|tel|nummer|mobiel\w*|06-?nummer|helpdesknummer)$"),
                re.compile(r"\b(?:tele)?phone(?:\s+number)?\b", re.I), _PHONE),
    ContactKind("e-mailadres", re.compile(r"^(?:e-?mail\w*|mailadres\w*)$"),
                re.compile(r"\be-?mail(?:\s+address)?\b", re.I), re.compile(r"[\w.-]+@[\w-]+\.\w+")),
    ContactKind("website", re.compile(r"^(?:website\w*|webpagina\w*|webadres\w*|internetadres\w*|url|link|site)$"),
                re.compile(r"\b(?:website|web\s+page|url)\b", re.I), re.compile(r"\bwww\.|https?://", re.I)),
    ContactKind("adres", re.compile(r"^(?:bezoekadres\w*|postadres\w*|adres|adressen|vestigingsadres\w*)$"),
                re.compile(r"\b(?:postal|visiting|street)\s+address\b", re.I),
                re.compile(r"\b\d{4}\s?[A-Z]{2}\b|\bpostbus\s+\d+|\b[A-Z][a-z]+(?:straat|weg|laan|plein|kade|gracht)"
                           r"\s+\d+", re.I)),
)


CONTACT_WINDOW = 300  # characters around a phone number, address, ... that must name whose it is


def _owner_term(inp: RuleInput, focus: str) -> str | None:
    """The rarest content word of the question besides the focus: whose number/address is asked for."""
    candidates = [w for w in words(inp.question) if w != focus and not any(k.asked_nl.match(w) for k in CONTACT_KINDS)]
    if not candidates:
        return None
    freq = inp.vocabulary.frequency if inp.vocabulary else (lambda _t: 1)
    return min(candidates, key=lambda w: (freq(stem(w)), -len(w)))


def _gives_contact(inp: RuleInput, kind: ContactKind, owner: str | None) -> bool:
    for hit in inp.hits:
        text = shown_text(hit.passage)
        for m in kind.present.finditer(text):
            if owner is None:
                return True
            window = fold(text[max(0, m.start() - CONTACT_WINDOW): m.end() + CONTACT_WINDOW])
            token = fold(re.match(r"\S*", text[m.start():]).group(0))  # the whole URL or e-mail address
            if stem(owner) in {stem(w) for w in words(window)} or owner in token:
                return True
    return bool(owner is None and kind.present.search(inp.answer_text))


def contact(inp: RuleInput) -> str | None:
    """A phone number, e-mail address, address or website must be in a passage, next to whose it is."""
    focus = focus_word(inp.question) or ""
    for kind in CONTACT_KINDS:
        asked = bool(kind.asked_nl.match(focus)) or bool(re.search(r"\bcontactgegevens\b", inp.folded)) \
            or (inp.english and bool(kind.asked_en.search(inp.question)))
        if asked and not _gives_contact(inp, kind, _owner_term(inp, focus)):
            return f"de vraag vraagt om een {kind.name}, maar de gevonden passages geven er geen"
    return None


# --------------------------------------------------------------------------- quantities and durations

_NUMBER = (r"(?:\d+(?:[.,]\d+)?|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|"
           r"vijftien|twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig|honderd\w*|duizend\w*|"
           r"tientallen|honderden|duizenden)")
_TIME_UNIT = r"(?:seconde|minuut|minuten|uur|uren|dag|dagen|week|weken|maand|maanden|jaar|jaren|kwartaal|werkdag\w*)"
_ASKS_DURATION = re.compile(
    r"\b(?:hoe\s+lang|hoelang|hoeveel\s+tijd|(?:binnen|na)\s+welke\s+(?:termijn|tijd)|welke\s+(?:termijn|"
    r"bewaartermijn)|how\s+long|within\s+what\s+time)\b", re.IGNORECASE)
_DURATION = re.compile(rf"\b{_NUMBER}\s+(?:\w+\s+)?{_TIME_UNIT}\b", re.IGNORECASE)
# "niet langer dan noodzakelijk" is an answer to "hoe lang" too
_DURATION_WORDS = re.compile(r"\b(?:niet\s+langer|zo\s+kort\s+mogelijk|zolang|(?:bewaar)?termijn\w*|onverwijld|zo\s+snel\s+mogelijk|"
                             r"onbepaalde\s+tijd|direct|meteen)\b", re.IGNORECASE)
_NOT_COUNTABLE = frozenset({"kost", "kosten", "keer", "procent", "tijd", "geld"})


def counted_noun(inp: RuleInput) -> str | None:
    if inp.english:
        return None  # English questions retrieve less precisely; the number checks of answer.refusal still apply
    text = fold(inp.found_text())
    if _ASKS_DURATION.search(inp.question):
        if not _DURATION.search(text) and not _DURATION_WORDS.search(text):
            return "de vraag vraagt naar een termijn of duur, maar de gevonden passages noemen er geen"
        return None
    m = re.search(r"\bhoeveel\s+(?:\w+\s+)?", inp.folded)
    if not m:
        return None
    noun = focus_word(inp.question)
    if not noun or noun in _NOT_COUNTABLE:
        return None
    head = stem(noun)
    for match in re.finditer(rf"\b{_NUMBER}\s+((?:\S+\s+){{0,2}})", text):
        following = [stem(w) for w in words(match.group(1))]
        if any(f == head or (len(head) >= 5 and (f.endswith(head) or (head.endswith(f) and len(f) >= 5)))
               for f in following):
            return None
    return f"de vraag vraagt hoeveel {noun}, maar de gevonden passages tellen die nergens"


# --------------------------------------------------------------------------- years


_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


def year(inp: RuleInput) -> str | None:
    years = set(_YEAR.findall(inp.question))
    if not years:
        return None
    text = inp.found_text(top=len(inp.hits))
    dates = {str(getattr(h.passage, "document_date", "") or "")[:4] for h in inp.hits}
    missing = sorted(y for y in years if y not in text and y not in dates)
    if missing:
        return f"de vraag gaat over {', '.join(missing)}, maar de gevonden passages zeggen niets over dat jaar"
    return None


# --------------------------------------------------------------------------- outcomes of studies, meetings

_ASKS_OUTCOME = re.compile(
    r"\b(?:uitkomst(?:en)?|resultaten|bevindingen|conclusies|wat\s+(?:kwam|is)\s+(?:er\s+)?uit|wat\s+heeft\s+"
    r"\w+\s+opgeleverd|results|findings|outcomes?)\b", re.IGNORECASE)
_REPORTS_OUTCOME = re.compile(
    r"\b(?:blijkt|bleek|blijken|conclu\w*|constat\w*|bevinding\w*|toont\s+aan|"
    r"wijst\s+uit|inzichten|opgeleverd|leverde|geconcludeerd|vastgesteld)\b", re.IGNORECASE)


_STILL_RUNNING = re.compile(
    r"\b(?:zal|zullen|verwacht\w*|in\s+voorbereiding|nog\s+niet|komende\s+tijd|laten\s+starten|gestart|"
    r"wordt\s+(?:\w+\s+){0,8}uitgevoerd)\b", re.IGNORECASE)


def outcome(inp: RuleInput) -> str | None:
    """Results asked for, none reported: neither in the answer nor (unless it is still running) in the passages."""
    if not _ASKS_OUTCOME.search(inp.question) or _REPORTS_OUTCOME.search(inp.answer_text):
        return None
    if _REPORTS_OUTCOME.search(inp.passage_text()) and not _STILL_RUNNING.search(inp.answer_text):
        return None
    return "de vraag vraagt naar uitkomsten, maar de gevonden passages melden geen uitkomsten"


# --------------------------------------------------------------------------- contents of a named document

_EXACT_CONTENT = re.compile(
    r"\b(?:staat|staan)\s+er\s+(?:precies|concreet|allemaal|letterlijk)\s+in\s+(?:de|het|dat|die)\s+(\S+)"
    r"|\bwelke\s+(?:concrete\s+|precieze\s+)?\w+\s+staan\s+er\s+(?:precies\s+|concreet\s+)?in\s+(?:de|het)\s+(\S+)",
    re.IGNORECASE,
)


def document_content(inp: RuleInput) -> str | None:
    m = _EXACT_CONTENT.search(inp.folded)
    if not m:
        return None
    named = re.sub(r"\W+$", "", m.group(1) or m.group(2))
    titles = " ".join(fold(f"{h.passage.document_title} {h.passage.document_short}") for h in inp.hits)
    if stem(named) in {stem(w) for w in words(titles)}:
        return None
    return (f"de vraag vraagt wat er precies in '{named}' staat; dat document hoort niet bij de bronnen, die "
            "noemen het alleen")


# --------------------------------------------------------------------------- other countries

_FOREIGN = re.compile(
    r"\b(?:belgi\w*|duits\w*|frankrijk|frans\w*|engeland|engels\w*|brits\w*|verenigd\s+koninkrijk|ierland|iers\w*|"
    r"spanje|spaans\w*|itali\w*|oostenrijk\w*|zwitser\w*|scandinavi\w*|zweden|zweeds\w*|noorwegen|noors\w*|"
    r"denemarken|deens\w*|finland|fins\w*|polen|pools\w*|amerika\w*|verenigde\s+staten|canad\w*|australi\w*|"
    r"buitenland\w*|belgium|belgian|germany|german|france|french|britain|british|sweden|swedish|denmark|danish|"
    r"norway|norwegian|scandinavia\w*|abroad)\b",
    re.IGNORECASE,
)


def foreign(inp: RuleInput) -> str | None:
    m = _FOREIGN.search(inp.folded)
    if not m:
        return None
    word = m.group(0)
    if inp.vocabulary is not None and _known(word.split()[0], inp.vocabulary):
        return None  # the sources do speak of it ("Europees", a foreign author): let the other checks decide
    return f"de vraag gaat over het buitenland ('{word}'); de bronnen beschrijven alleen de Nederlandse situatie"


# --------------------------------------------------------------------------- article numbers

_ARTICLE_ASKED = re.compile(r"\b(?:artikel|art\.?|article)\s+(\d+[a-z]?)(?:\s+(?:lid\s+\d+\s+)?([a-z][\w-]*))?",
                            re.IGNORECASE)


_NOT_LAW = frozenset({"wet", "van", "uit", "der", "lid", "sub", "onder", "en", "of"})


def _is_law_code(token: str | None) -> bool:
    """'AVG', 'Wpg', 'Wbp', 'Sr': a short law code after an article number (not 'Wet ...' written out)."""
    return bool(token) and 2 <= len(token) <= 5 and token not in _NOT_LAW and not is_stopword(token)


_LAW_NAMES = {"wpg": "politiegegevens", "wbp": "bescherming persoonsgegevens", "wjsg": "justitiele en strafvorderlijke",
              "avg": "algemene verordening", "bw": "burgerlijk wetboek", "sr": "wetboek van strafrecht",
              "sv": "wetboek van strafvordering", "jw": "jeugdwet", "wmo": "maatschappelijke ondersteuning"}
ARTICLE_WINDOW = 150  # characters around an article mention in which its law must be named


def article(inp: RuleInput) -> str | None:
    """'artikel 22 AVG' needs a passage that speaks of article 22 near that law (not only of article 22 Wbp)."""
    text = fold(inp.found_text(top=len(inp.hits)))
    for m in _ARTICLE_ASKED.finditer(inp.folded):
        number, law = m.group(1), m.group(2)
        mentions = [a.start() for a in re.finditer(rf"\b(?:artikel|artikelen|art\.?)\s+{re.escape(number)}\b", text)]
        if mentions and _is_law_code(law):
            names = [law] + ([_LAW_NAMES[law]] if law in _LAW_NAMES else [])
            near = (text[max(0, i - ARTICLE_WINDOW): i + ARTICLE_WINDOW] for i in mentions)
            if not any(re.search(rf"\b{re.escape(n)}\b", window) for window in near for n in names):
                mentions = []
        if not mentions:
            named = f"artikel {number}" + (f" {law.upper() if len(law) <= 4 else law}" if _is_law_code(law) else "")
            return f"de vraag gaat over {named}; de bronnen bespreken dat artikel niet"
    return None


# --------------------------------------------------------------------------- the practice of a named place

_NAMED_PLACE = re.compile(
    r"\b(?:gemeente|veiligheidshuis|regio|provincie|stad|eenheid|municipality\s+of)\s+((?:'s-)?[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)")
_NORMATIVE = re.compile(
    r"\b(?:mag|mogen|moet|moeten|kan|kunnen|mogelijk|toegestaan|verplicht|geldt|gelden|regels?|grondslag|wettelijk|"
    r"may|must|can|allowed|required)\b", re.IGNORECASE)


def named_place(inp: RuleInput) -> str | None:
    """'Hoe werkt de gemeente Tilburg ...': the practice of a place the found passages never name."""
    if _NORMATIVE.search(inp.question):
        return None  # "mag het Veiligheidshuis Twente ..." is answered by the general rules
    text = fold(inp.found_text(top=len(inp.hits)))
    for m in _NAMED_PLACE.finditer(inp.question):
        place = m.group(1)
        if fold(place) not in text:
            return f"de vraag gaat over de praktijk in {place}; de gevonden passages noemen {place} niet"
    return None


# --------------------------------------------------------------------------- named places in a list answer

_PLACE_LIST = re.compile(r"\bwelke\s+(?:\w+\s+)?(?:gemeenten|gemeentes|veiligheidshuizen|regio'?s|steden|provincies|"
                         r"landen|eenheden)\b", re.IGNORECASE)
_PLACE_NAME = re.compile(r"\b(?:[Gg]emeente|Veiligheidshuis|[Rr]egio|[Ee]enheid|in|te|uit)\s+((?:'s-)?[A-Z][a-z][\w-]*)")
_NOT_A_PLACE = frozenset({"nederland", "het", "de", "een"})


def place_list(inp: RuleInput) -> str | None:
    """'Welke gemeenten ...' asks for names of places; the answer must name at least one."""
    if not _PLACE_LIST.search(inp.question):
        return None
    if any(fold(m.group(1)) not in _NOT_A_PLACE for m in _PLACE_NAME.finditer(inp.answer_text)):
        return None
    return "de vraag vraagt welke plaatsen of organisaties precies, maar de gevonden zinnen noemen er geen"


RULES: tuple[tuple[str, Rule], ...] = (
    ("foreign", foreign),
    ("contact", contact),
    ("document_content", document_content),
    ("named_place", named_place),
    ("place_list", place_list),
    ("article", article),
    ("year", year),
    ("counted_noun", counted_noun),
    ("outcome", outcome),
    ("unknown_focus", unknown_focus),  # last: the specific rules above give the more useful reason
)


def first_reason(inp: RuleInput, enabled: frozenset[str] | None = None) -> tuple[str, str] | None:
    """(rule name, Dutch reason) of the first rule that refuses, or None."""
    for name, rule in RULES:
        if enabled is not None and name not in enabled:
            continue
        reason = rule(inp)
        if reason:
            return name, reason
    return None
