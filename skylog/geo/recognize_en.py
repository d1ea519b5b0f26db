"""English toponym recognition: spaCy NER (GPE/LOC/FAC) fused with gazetteer phrase matching
over capitalised token runs, plus patterns for lists of units ("Borovsky and Maloyaroslavets
municipal districts"), settlements ("the village of X") and facilities ("the Belgorod dam").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from skylog.geo import names as N
from skylog.geo.apposition import apposition_mentions
from skylog.geo.dateline import dateline_mentions
from skylog.geo.geocoder import Geocoder
from skylog.geo.keys import romanisation_variants
from skylog.geo.mentions import ADMIN_WORDS_EN, Mention, list_members, merge, settlement_pattern
from skylog.geo.named_after import BODY_WORDS, named_after_place
from skylog.geo.normalize import norm
from skylog.geo.vocab import alternation, items, table
from skylog.nlp.models import english

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


def _words(*keys: str) -> str:
    """The lists ``keys`` of ``geo/data/recognize_en.toml`` as one alternation."""
    return alternation("recognize_en", *keys)


_QUALIFIER = _words("en.UNIT_QUALIFIER")
_ADMIN_TAIL_EN = re.compile(rf"^\s+(?:(?:{_QUALIFIER})\s+)?(?:{_words('en.UNIT_TAIL')})\b", re.I)
_NAME = r"[A-Z][\w'’.-]*[\w]"
_LIST_UNITS: dict[str, str] = table("recognize_en")["en"]["list_unit"]  # plural -> singular
_LIST_EN = re.compile(
    rf"((?:{_NAME}(?: {_NAME})?(?:,? and |, |,? or | & ))+{_NAME}(?: {_NAME})?)"
    rf" (?:(?:{_QUALIFIER}) )?({'|'.join(_LIST_UNITS)})\b"
)
_LIST_SPLIT = re.compile(r",? and |, |,? or | & ")
_FACILITY_EN = re.compile(rf"\b((?:{_NAME} ){{1,2}})(?:{_words('en.FACILITY')})\b")
_FACILITY_DETERMINER = re.compile(rf"(?:{_words('en.FACILITY_DETERMINER')})(?:\s+|$)")
_DIRECTION_EN = re.compile(rf"^(?:{_words('en.DIRECTION')}) ", re.I)
_SETTLEMENT_EN = re.compile(rf"\b(?:{_words('en.SETTLEMENT')}) of ([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)")
# "Main Street", "Wichita Drive", "Old Lexington Highway", "Highway 19": a street or road is a toponym
# (geoparsing corpora count it) with no point of its own in the gazetteer
_STREET_WORD = (
    r"(?:[A-Z][\w-]*(?:['’](?!s\b)\w+)*[A-Za-z]|[A-Z]\.)"  # a name word ("O'Hara"), not a possessive
)
_STREET_EN = re.compile(
    r"(?<![\w.])("
    rf"(?:(?:{_words('en.street.NUMBERED_QUALIFIER')}) )?(?:{_words('en.street.NUMBERED')}) \d+[A-Z]?"
    rf"|(?:(?!(?:{_words('en.street.NOT_FIRST')})\s){_STREET_WORD}\s){{1,3}}"
    rf"(?:{_words('en.street.KIND')})"
    rf"(?: (?:{_words('en.street.QUARTER')}))?"
    r")(?![\w’'])"
)
# words that open a sentence or a phrase before a capitalised street name, never part of it
_STREET_LEAD_EN = re.compile(rf"^(?:(?:{_words('en.street.LEAD')})\s)+")
_STREET_NOT_NAME = re.compile(rf"^(?:{_words('en.street.ARTICLE')})\s")
_CONNECT_EN = set(items("recognize_en", "en.NAME_CONNECTOR"))
# AP-style abbreviations of states and provinces written with their periods ("W.Va.", "S.C.",
# "Miss."): the period is part of the name; without it the word is another ("Miss Ohio", "Mo")
_PERIOD_ABBRS = sorted(
    {
        a
        for table in (N.US_STATE_ABBR, N.ADMIN1_ABBR_EXTRA)
        for forms in table.values()
        for a in forms
        if a.endswith(".") and " " not in a
    },
    key=lambda a: (-len(a), a),  # longest first; in one order whatever the hash seed
)
_PERIOD_ABBR_EN = re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, _PERIOD_ABBRS)) + r")(?![\w])")
_BARE_ABBRS = frozenset(
    a[:-1]
    for a in _PERIOD_ABBRS
    if a[:-1] not in {f for t in (N.US_STATE_ABBR, N.ADMIN1_ABBR_EXTRA) for v in t.values() for f in v}
)
_GOOD_ENTS = {"GPE", "LOC", "FAC"}
_BAD_ENTS = {"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE"}


Bad = list[tuple[int, int, str]]


def _tagging_slip(ent: Span) -> bool:
    """A multi-word PERSON with an ordinary word in it ("Rethinking Egypt") is no person's name."""
    return len(ent) > 1 and any(t.pos_ not in ("PROPN", "PUNCT") for t in ent)


_DEMONYM_SHAPE = re.compile(rf"(?:{_words('en.DEMONYM_ENDING')})$")
_UNIT_AFTER_EN = re.compile(rf"\s({_words('en.UNIT_AFTER')})\b")
_UNIT_NOUNS_EN = frozenset(items("recognize_en", "en.UNIT_NOUN"))
_FIRST_LEVEL_NOUNS = frozenset(items("recognize_en", "en.FIRST_LEVEL_NOUN"))
_SETTLEMENT_NOUNS = frozenset(items("recognize_en", "en.SETTLEMENT"))


def _admin_phrase(gc: Geocoder, phrase: str) -> bool:
    """'Kiev region', 'Shebekino district': the name plus its generic word resolves to a unit."""
    return any(c.entry.level in (1, 2, 6) for c in gc.candidates(phrase, "en", 3))


def well_known(gc: Geocoder, key: str) -> bool:
    """A name whose best bearer is a country, first-level unit or a city of 100,000+."""
    for pid, src in gc.gz.ids(key):
        if src > 2:
            continue
        e = gc.gz.entry(pid)
        if e.level in (0, 1, 4, 5) or (e.level == 3 and e.population >= 100_000):
            return True
    return False


def sole_town(gc: Geocoder, key: str, min_pop: int) -> bool:
    """A name that only one town of ``min_pop`` or more people bears ("Eilat", "Sderot", "Natanz"; a
    unit named after that town aside): capitalised in a text, it names that town."""
    towns, others = set(), set()
    for pid, src in gc.gz.ids(key):
        if src > 1:
            continue
        e = gc.gz.entry(pid)
        (towns if e.level == 3 else others).add((e.id, e.country, e.population))
    if len(towns) != 1:
        return False
    ((_, country, pop),) = towns
    return pop >= min_pop and all(c == country and lvl_pop == 0 for _, c, lvl_pop in others)


def en_mentions(text: str, gc: Geocoder, streets: bool = False) -> list[Mention]:
    """Every candidate toponym span of an English text (before resolution); with ``streets``,
    street and road names too (unresolved spans of kind "street")."""
    doc = english()(text, disable=["parser", "lemmatizer"])  # NER + POS is all recognition needs
    out, bad = _entity_mentions(doc, text, gc)
    # tokens of multi-word person names: a later bare "Walsh" is the person, not Walsh, Colorado
    person_words = {
        norm(w)
        for ent in doc.ents
        if ent.label_ == "PERSON" and " " in ent.text and not _tagging_slip(ent)
        for w in ent.text.split()[1:]
    }
    # a bare surname tagged as a place ("Shapsha" after "Vladislav Shapsha") is the person
    out = [m for m in out if not (m.source == "ner" and " " not in m.query and norm(m.query) in person_words)]
    bad_person = {(s, e) for s, e, lab in bad if lab == "PERSON"}
    out += _gazetteer_runs(doc, text, gc, person_words, bad_person)
    out += _list_mentions(text)
    out += settlement_pattern(_SETTLEMENT_EN, text, gc, "en")
    out += _facility_mentions(text)
    out += [
        Mention(m.start(), m.end(), m.group(0), "pattern", strong=True)
        for m in _PERIOD_ABBR_EN.finditer(text)
    ]
    out = [m for m in out if not _bare_abbreviation(m, text)]
    out += dateline_mentions(text, gc.gz)
    out += apposition_mentions(text, gc.gz)
    if streets:
        out += street_mentions(text, gc)
    for m in out:
        _trim_city_word(m, text, gc)
    return merge(out, bad)


def _bare_abbreviation(m: Mention, text: str) -> bool:
    """'Miss Cordiner', 'Miss Ohio': a state's abbreviation without its period is another word."""
    return text[m.start : m.end] in _BARE_ABBRS and text[m.end : m.end + 1] != "."


def _trim_city_word(m: Mention, text: str, gc: Geocoder) -> None:
    """'Fargo City Commissioner', 'Alexandria City Public Schools', 'Fargo city': the place is Fargo;
    "City" stays where it is part of a town's own name ('Kansas City', 'Jersey City')."""
    span = text[m.start : m.end]
    if m.query != span or not span.endswith((" City", " city")) or m.kind is not None:
        return
    # a capitalised "City" belongs to a body's name only when that name goes on ("City Council",
    # "City Public Schools"); "Quebec City", "Gaza City" alone are the towns' names
    if span.endswith(" City") and not re.match(r" [A-Z]", text[m.end : m.end + 2]):
        return
    stem = span[:-5]
    own = any(src <= 1 and gc.gz.entry(pid).level == 3 for pid, src in gc.gz.ids(norm(span)))
    if not own and stem.strip() and any(src <= 2 for _, src in gc.gz.ids(norm(stem))):
        m.end -= 5
        m.query = stem


def street_mentions(text: str, gc: Geocoder) -> list[Mention]:
    """'Main Street', 'Old Lexington Highway', 'Interstate 45': street and road names.

    A leading sentence word ("But", "At") is cut off. A name the gazetteer holds as a place
    ("Church Street", a London locality) is left to the place readings, and a road named by a
    state or country ("Minnesota Highway 29", "Ohio Turnpike") is no street: the state is the
    toponym there."""
    out = []
    for m in _STREET_EN.finditer(text):
        s, e = m.span(1)
        span = text[s:e]
        lead = _STREET_LEAD_EN.match(span)
        if lead and len(span[lead.end() :].split()) >= 2:
            s += lead.end()
        elif _STREET_NOT_NAME.match(span):
            continue  # "The Highway": an article and a generic word
        name = text[s:e].rsplit(" ", 1)[0]
        if gc.gz.has(norm(text[s:e])) or any(
            src <= 1 and gc.gz.entry(pid).level in (0, 1) for pid, src in gc.gz.ids(norm(name))
        ):
            continue
        out.append(Mention(s, e, text[s:e], "street", kind="street", strong=True))
    return out


def _entity_mentions(doc: Doc, text: str, gc: Geocoder) -> tuple[list[Mention], Bad]:
    """Place entities, places named in organisations' names, country adjectives; and the
    entities (people, organisations) inside which a gazetteer match is no place."""
    out: list[Mention] = []
    bad: Bad = []
    for ent in doc.ents:
        if ent.label_ in _GOOD_ENTS:
            m = _place_entity(ent, text, gc)
            if m is not None and not gc.gz.has(norm(m.query)) and (ent.label_ == "FAC" or _body(m)):
                # "the Henderson County Jail": the facility is no place, the county it is named
                # after is (only before a civic word: "Darby Street" names no place "Darby");
                # so for a body tagged as a place ("Wyandotte County District Court")
                inner = named_after_place(ent, text, gc.gz)
                if inner is not None and inner.strong:
                    m = inner
                    bad.append((ent.start_char, ent.end_char, ent.label_))  # no other place inside it
            if m is not None:
                out.append(m)
        elif ent.label_ in ("ORG", "FAC"):
            m = named_after_place(ent, text, gc.gz)
            if m is not None:
                out.append(m)
            bad.append((ent.start_char, ent.end_char, ent.label_))
        elif ent.label_ == "NORP" and ent.text in N.DEMONYMS:
            country = gc.gz.country_entry(N.DEMONYMS[ent.text])
            if country is not None:
                out.append(
                    Mention(ent.start_char, ent.end_char, country.name, "demonym", hint=0, strong=True)
                )
        elif ent.label_ in _BAD_ENTS and not _harmless(ent):
            bad.append((ent.start_char, ent.end_char, ent.label_))
    return out, bad


def _body(m: Mention) -> bool:
    """A place entity of three or more words ending in the word for a body ("Titus County Jail",
    "Wyandotte County District Court"), not in a unit word ("Jackson Township")."""
    words = m.query.split()
    return len(words) >= 3 and words[-1].lower() in BODY_WORDS


def _harmless(ent: Span) -> bool:
    """A PERSON or NORP tag that hides no person or people."""
    if ent.label_ == "PERSON" and _tagging_slip(ent):
        return True  # "Rethinking Egypt": a name with an ordinary word in it is a tagging slip
    # "Greer, South Carolina" tagged NORP: no nationality word is shaped so
    return ent.label_ == "NORP" and len(ent) == 1 and not _DEMONYM_SHAPE.search(ent.text)


def _place_entity(ent: Span, text: str, gc: Geocoder) -> Mention | None:
    """A GPE/LOC/FAC span trimmed to the name, with its unit word ("Kursk region")."""
    s, e = ent.start_char, ent.end_char
    if "\n" in text[s:e]:
        e = text.index("\n", s)
    if text[s:e].lower().startswith("the "):
        s += 4
    if text[s:e].endswith(("'s", "’s")):
        e -= 2
    m = _ADMIN_TAIL_EN.match(text, e)
    if m and (
        m.group(0).strip()[:1].isupper()
        or gc.gz.has(norm(text[s : m.end()]))
        or _admin_phrase(gc, text[s : m.end()])
    ):
        e = m.end()
    d = _DIRECTION_EN.match(text[s:e])
    if d and not gc.gz.has(norm(text[s:e])) and gc.gz.has(norm(text[s + d.end() : e])):
        s += d.end()  # "Northeast Georgia" -> Georgia
    return Mention(s, e, text[s:e], "ner", strong=True) if e > s else None


Token = tuple[int, int, str, bool]  # start, end, text, is a proper noun


def _run_shape_ok(run: list[Token]) -> bool:
    """Capitalised words (and connectors, unit words) with a proper noun, ending in a name or unit."""
    if not any(t[3] for t in run) and not (len(run) > 1 and run[-1][2].lower() in _UNIT_NOUNS_EN):
        return False  # no proper noun: "Can", "Since", "Add" (but "Shebekino district", tagged NORP)
    words = [t[2] for t in run]
    last = words[-1]
    if last.lower() in _CONNECT_EN or not (last[:1].isupper() or last.lower() in ADMIN_WORDS_EN):
        return False
    return all(
        w[:1].isupper() or w.lower() in _CONNECT_EN or w.lower() in ADMIN_WORDS_EN or w in ".-'’"
        for w in words
    )


class _RunMatcher:
    """The longest capitalised token run at a position that the gazetteer knows."""

    def __init__(
        self, text: str, gc: Geocoder, person_words: set[str], bad_person: set[tuple[int, int]]
    ) -> None:
        self.text, self.gc, self.person_words, self.bad_person = text, gc, person_words, bad_person

    def match(self, toks: list[Token], i: int) -> tuple[int, int, int, bool] | None:
        """(start, end, tokens, tagged PERSON) of the run at ``i``, or None."""
        s0, _, w0, _ = toks[i]
        for n in range(min(6, len(toks) - i), 0, -1):
            run = toks[i : i + n]
            if not _run_shape_ok(run):
                continue
            s, e = s0, run[-1][1]
            key = norm(self.text[s:e])
            if not key:
                continue
            if n == 1 and (key in N.EN_STOP_PLACES or len(key) < 3 or (w0.endswith(".") and len(key) < 4)):
                return None
            verdict = self._verdict(key, run, w0, s, e)
            if verdict == "skip":
                continue
            if verdict == "stop":
                return None
            if verdict == "found":
                # tagged PERSON and only a small place has the name: kept only if that
                # place lies in a district the text names ("the Zaporizhzhia district ... Bilenke")
                return s, e, n, (s, e) in self.bad_person and not well_known(self.gc, key)
        return None

    def _verdict(self, key: str, run: list[Token], w0: str, s: int, e: int) -> str:
        """'found', 'skip' (try a shorter run), 'stop' (no place here), or '' (not in the gazetteer)."""
        n = len(run)
        ids = self.gc.gz.ids(key)
        if n > 1 and run[0][2] in ("The", "A", "An") and not ids:
            # "The Tarrant County medical examiner", "A Henderson County woman": the article opens
            # the sentence, not the name (nor is it read as another romanisation of the name)
            return "skip"
        if not ids and n > 2:
            # "Jisr ash-Shughour" (Shughur): a long name in another romanisation of the same letters
            ids = next(
                (found for v, _ in romanisation_variants([(key, None)]) if (found := self.gc.gz.ids(v))), ()
            )
        if (
            not ids
            and n > 1
            and run[-1][2].lower() in _UNIT_NOUNS_EN
            and _admin_phrase(self.gc, self.text[s:e])
        ):
            ids = ((0, 3),)  # "Shebekino district": the district named after the town
        if not ids:
            return ""
        if min(src for _, src in ids) == 5:
            return "skip"  # a bare adjective ("Borovsky") needs its noun
        if n == 1 and key in self.person_words:
            return "stop"
        if w0.isupper() and len(key) <= 5 and not any(src in (0, 1, 6) for _, src in ids):
            return "stop"  # acronyms: CNN, PKK, ATF
        return "found"


def _gazetteer_runs(
    doc: Doc,
    text: str,
    gc: Geocoder,
    person_words: set[str],
    bad_person: set[tuple[int, int]],
) -> list[Mention]:
    """Gazetteer phrase matching over capitalised token runs that contain a proper noun."""
    toks: list[Token] = [
        (t.idx, t.idx + len(t.text), t.text, t.pos_ == "PROPN") for t in doc if not t.is_space
    ]
    matcher = _RunMatcher(text, gc, person_words, bad_person)
    out: list[Mention] = []
    i = 0
    while i < len(toks):
        found = matcher.match(toks, i) if toks[i][2][:1].isupper() else None
        if not found:
            i += 1
            continue
        s, e, n, person = found
        unit = _UNIT_AFTER_EN.match(text, e)
        if unit and not person:
            # "Kani Township", "Poonch District": the unit named after the place, not the town
            # (the gazetteer may lack the unit; the word still rules out a namesake town abroad)
            hint = 1 if unit.group(1).lower() in _FIRST_LEVEL_NOUNS else 2
            out.append(Mention(s, unit.end(), text[s : unit.end()], "gaz", hint=hint, strong=False))
            i += n + 1
            continue
        famous = well_known(gc, norm(text[s:e]))
        out.append(Mention(s, e, text[s:e], "gaz", strong=False, person=person, famous=famous))
        i += n
    return out


def _list_mentions(text: str) -> list[Mention]:
    """'Borovsky and Maloyaroslavets municipal districts': each member with the list's unit word."""
    out = []
    for m in _LIST_EN.finditer(text):
        noun = _LIST_UNITS[m.group(2)]
        hint = 1 if noun in _FIRST_LEVEL_NOUNS else 3 if noun in _SETTLEMENT_NOUNS else 2
        out += list_members(text, m, _LIST_SPLIT, noun, hint)
    return out


def _facility_mentions(text: str) -> list[Mention]:
    """'the Belgorod dam', 'Kursk NPP': the place a facility is named after."""
    out = []
    for m in _FACILITY_EN.finditer(text):
        name = m.group(1).strip()
        s = m.start(1)
        lead = _FACILITY_DETERMINER.match(name)
        if lead:  # "The airport", "The Belgorod airport": the article is no name
            name, s = name[lead.end() :], s + lead.end()
            if not name:
                continue
        out.append(Mention(s, m.end(), name, "facility", kind="facility", strong=True))
    return out
