"""Recognised place spans and what both recognisers share: the span record, the spatial relation
word before it, the fusion of overlapping spans, settlement patterns and the spans that name
no place (quoted call-signs, ships, operations).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from skylog.geo.geocoder import Geocoder
from skylog.geo.normalize import norm
from skylog.geo.vocab import alternation, items, table


@dataclass
class Mention:
    start: int
    end: int
    query: str  # what to look up (may differ from the span, e.g. "Borovsky district")
    source: str  # "ner", "gaz", "list", "facility"
    hint: int | None = None
    kind: str | None = None  # "facility" for facilities, "street" for streets and roads
    strong: bool = False  # recognised by NER or a pattern (not by the gazetteer alone)
    common: bool = False  # also an ordinary word or an acronym ("Град", "Мирный", "Сили", "АГС")
    person: bool = False  # tagged PERSON by NER, and only a small place bears the name
    famous: bool = False  # a country, first-level unit or city of 100,000+ bears the name


# ---------------------------------------------------------------------- relations
def _rel(language: str, name: str) -> str:
    """A relation list of ``geo/data/mentions.toml`` as one alternation."""
    return "|".join(table("mentions")["relations"][language][name])


_COMPASS_EN = _rel("en", "COMPASS")
_REL_EN = [
    (re.compile(rf"(?:on the )?(?:{_rel('en', 'OUTSKIRTS')}) of(?: the)?\s*$", re.I), "outskirts"),
    (re.compile(rf"\b(?:{_rel('en', 'NEAR')})(?: the)?\s*$", re.I), "near"),
    (
        re.compile(
            rf"\b(?:(?:{_COMPASS_EN})(?:ern)?(?:ward)?"
            rf"|(?:{_rel('en', 'COUNT')})\s*-?\s*(?:{_rel('en', 'UNIT')})"
            rf"(?:\s+(?:to the\s+)?(?:{_COMPASS_EN})(?:ern)?)?)"
            rf" (?:{_rel('en', 'FROM')})(?: the)?\s*$",
            re.I,
        ),
        "locator",
    ),
    (re.compile(rf"\b(?:{_rel('en', 'OVER')})(?: the)?\s*$", re.I), "over"),
    (re.compile(rf"\b(?:{_rel('en', 'DIRECTION')})(?: the)?\s*$", re.I), "direction"),
]
_REL_CYR = [
    (re.compile(rf"(?:{_rel('ruuk', 'OUTSKIRTS')})\s*$", re.I), "outskirts"),
    (re.compile(rf"(?:^|\s)(?:{_rel('ruuk', 'NEAR')})\s*$", re.I), "near"),
    (
        re.compile(
            rf"(?:\d[\d,.]*\s*(?:{_rel('ruuk', 'UNIT')})\s+(?:\w+\s+)?(?:{_rel('ruuk', 'FROM')})"
            rf"|(?:северо-|юго-)?(?:{_rel('ruuk', 'COMPASS_RU')})\w*\s+от"
            rf"|(?:северо-|юго-)?(?:{_rel('ruuk', 'COMPASS_RU_ADVERB')})ее"
            rf"|(?:{_rel('ruuk', 'COMPASS_UK')})\w*\s+від)\s*$",
            re.I,
        ),
        "locator",
    ),
    (re.compile(rf"(?:^|\s)(?:{_rel('ruuk', 'OVER')})\s*$", re.I), "over"),
    (re.compile(rf"(?:^|\s)(?:{_rel('ruuk', 'TOWARDS')})\s+$", re.I), None),
]


def relation_before(text: str, start: int, cyrillic: bool) -> str | None:
    """Spatial relation word(s) right before a mention: near, outskirts, over."""
    left = text[max(0, start - 40) : start]
    for rx, rel in _REL_CYR if cyrillic else _REL_EN:
        if rx.search(left):
            return rel
    return None


# ---------------------------------------------------------------------- shared patterns
ADMIN_WORDS_EN = set(items("mentions", "en.ADMIN_WORDS"))

ADMIN_WORDS_CYR = re.compile(rf"^(?:{alternation('mentions', 'ruuk.ADMIN_WORDS')})$", re.I)


def settlement_pattern(rx: re.Pattern, text: str, gc: Geocoder, language: str) -> list[Mention]:
    """'the village of X', 'в селе X': X is a settlement, even one the gazetteer lacks."""
    out = []
    for m in rx.finditer(text):
        s, e = m.span(1)
        words = m.group(1).split(" ")
        if len(words) == 2:
            two = text[s:e]
            known = gc.gz.has(norm(two)) or (
                language in ("ru", "uk") and any(gc.gz.has(k) for k in gc.lemma_keys(two, language))
            )
            nxt = text[e : e + 30].split()
            if not known and (
                not nxt or ADMIN_WORDS_CYR.match(nxt[0].strip(".,;:!?»)")) or language not in ("ru", "uk")
            ):
                e = s + len(
                    words[0]
                )  # "в селе Грузское Белгородского района": the second word is not the name
        out.append(Mention(s, e, text[s:e], "pattern", hint=3, strong=True))
    return out


# ---------------------------------------------------------------------- fusion
def list_members(text: str, m: re.Match[str], split: re.Pattern[str], noun: str, hint: int) -> list[Mention]:
    """Each member of a listed group ("Belgorod, Kursk and Bryansk regions": group 1 the members) as its
    own mention, named with the list's unit noun, so that each resolves at that level."""
    out, pos = [], m.start(1)
    for part in split.split(m.group(1)):
        ps = text.index(part, pos)
        pos = ps + len(part)
        out.append(Mention(ps, ps + len(part), f"{part} {noun}", "list", hint=hint, strong=True))
    return out


_ARTICLE_JOINED = re.compile(r"\b(?:al|el|ad|adh|ar|as|ash|at|ath|az|ez|es|ed|en|er)-[A-Z]")
_PRIORITY = {
    "street": 5,
    "facility": 4,
    "list": 3,
    "pattern": 3,
    "ner": 2,
    "demonym": 2,
    "gaz": 1,
    "prefix": 1,
}


def merge(ms: list[Mention], bad: list[tuple[int, int, str]]) -> list[Mention]:
    """Resolve overlaps: the longer span wins, patterns beat NER beat gazetteer on ties."""
    ms = sorted(ms, key=lambda m: (-(m.end - m.start), -_PRIORITY[m.source], m.start))
    chosen: list[Mention] = []
    for m in ms:
        clash = [c for c in chosen if m.start < c.end and c.start < m.end]
        if clash:
            # an NER span inside a gazetteer span still vouches for it
            for c in clash:
                if m.source == "ner" and c.source == "gaz":
                    c.strong = True
            continue
        if m.source == "gaz":
            hit = [(s, e, lab) for s, e, lab in bad if m.start < e and s < m.end]
            # inside a PERSON/ORG entity: skip, unless it is exactly an ORG span
            # ("Edmonton", "Red Deer" are often tagged ORG by the small model) or
            # carries its own admin word ("Grayvoron district")
            # (not inside a place entity read as a body named after its first words: "Wyandotte
            # County District Court" is the county's court, no "Wyandotte County District")
            admin_named = any(w.lower() in ADMIN_WORDS_EN for w in m.query.split()[1:]) and not any(
                lab in ("GPE", "LOC", "FAC") for _, _, lab in hit
            )
            if (
                hit
                and not admin_named
                and not all(
                    (s, e) == (m.start, m.end)
                    and (
                        lab == "ORG"
                        # a place name the NER took for a person ("Kiryat Shmona"): kept as
                        # person-tagged, to be read against the text's places
                        or (lab in ("PERSON", "PER") and (" " not in m.query or m.person))
                        # "40 km from Kursk" tagged PRODUCT by the small model: a famous place still
                        or (lab in ("PRODUCT", "EVENT") and m.famous)
                    )
                    # "Jisr ash-Shughour" with "Jisr" tagged PERSON: a name joined by an Arabic
                    # article runs past the person tag on its first word
                    or (
                        lab in ("PERSON", "PER")
                        and m.start <= s
                        and e <= m.end
                        and (s, e) != (m.start, m.end)
                        and _ARTICLE_JOINED.search(m.query)
                    )
                    for s, e, lab in hit
                )
            ):
                continue
        chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)


# ---------------------------------------------------------------------- not places
_OPEN_Q = "«\"“„'‘‹"
_CLOSE_Q = "»\"”“'’›"
_QUOTED_OK = re.compile(rf"(?i)(?:{alternation('mentions', 'all.QUOTED_OK')})\s*$")
_NAMED_THING = re.compile(rf"(?i)(?:\b(?:{alternation('mentions', 'all.NAMED_THING')}))\s*[«\"“„'‘]?\s*$")

# a street, avenue or square is named after a place or a date ("проспект Свободи", "вулиця Київська",
# "Харківське шосе", "Kyiv Street"): the name inside it is no settlement of the text
_STREET_BEFORE = re.compile(
    rf"(?:(?<!\w)(?i:{alternation('mentions', 'all.STREET_BEFORE')})\s*)"
    rf"(?:(?i:{alternation('mentions', 'all.NAMED_AFTER')})\s*)?(?:[A-ZА-ЯЁІЇЄҐ0-9][\w’'.-]*\s+){{0,2}}$"
)
_STREET_AFTER = re.compile(
    rf"^\s+(?:{alternation('mentions', 'en.STREET_AFTER')}"
    rf"|(?i:{alternation('mentions', 'ruuk.STREET_AFTER')}))\b"
)
# a newspaper named after its town ("the New York Times", "China Daily", "the Kyiv Independent", "Lansing
# State Journal"): the title names no place of the story
_NEWSPAPER_AFTER = re.compile(
    rf"\s+(?:[A-Z][a-z]+\s+)?(?:{alternation('mentions', 'en.NEWSPAPER')})\b(?!\s+(?:Office|Square)\b)"
)
_NEWS_AGENCY = re.compile(rf"(?i)(?:{alternation('mentions', 'en.NEWS_AGENCY')})")
# ... unless a unit word follows: "Xinhua county" is the place
_UNIT_WORD_AFTER = re.compile(rf"(?i)\s+(?:{alternation('mentions', 'en.ADMIN_WORDS')})\b")
# only an adjective stands before a Cyrillic street word ("Харківське шосе"), never a noun ("у Харкові проспект …")
_STREET_ADJ_CYR = re.compile(
    r"(?i)(?:ськ|цьк|зьк|ск|цк|ов|ев|єв|ин|ін)(?:ий|ій|ой|ая|яя|а|е|ое|ого|ому|ої|ой|ую|у|ою|ім|ом|ій)$"
)


def street_name(text: str, m: Mention) -> bool:
    """The span is (part of) a street's or a square's name."""
    if _STREET_BEFORE.search(text[max(0, m.start - 60) : m.start]):
        return True
    after = _STREET_AFTER.match(text[m.end : m.end + 30])
    if after is None:
        return False
    word = text[m.start : m.end]
    return after.group(0).strip()[:1].isascii() or bool(_STREET_ADJ_CYR.search(word))


def not_a_place(text: str, m: Mention) -> str | None:
    """Why a recognised span names no place: a quoted call-sign or brand («Алтай»), a ship or
    operation ("the cruiser Moskva", "операция «Курск»"). None when it may be a place."""
    if m.source in ("facility", "street"):
        return None
    left = text[max(0, m.start - 40) : m.start]
    if _NAMED_THING.search(left):
        return "named thing (ship, operation, unit, call-sign)"
    before = text[m.start - 1 : m.start] if m.start > 0 else ""
    after = text[m.end : m.end + 1]
    if before and after and before in _OPEN_Q and after in _CLOSE_Q and not _QUOTED_OK.search(left[:-1]):
        return "quoted name (call-sign, brand, unit)"
    if street_name(text, m):
        return "street name"
    if _NEWSPAPER_AFTER.match(text, m.end):
        return "a newspaper's title"
    if _NEWS_AGENCY.fullmatch(text[m.start : m.end]) and not _UNIT_WORD_AFTER.match(text, m.end):
        return "a news agency"
    return None
