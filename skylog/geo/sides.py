"""A country the text names as the attacking side or as the ground a launch comes from.

"A missile fired by Yemen's Houthis struck a warehouse near Eilat", "shelling by the Pakistan Army in
Poonch district", "drones launched from Houthi-controlled areas of Yemen", "Iran fired missiles at
Tel Aviv", «со стороны Украины», «з території Білорусі», «атака Росії», «ЗС РФ», «РФ обстреляла
Херсон»: the named state is who attacks or where the weapon came from, never where the event is.
A country named as who holds a place ("Pakistan-occupied Kashmir", "Russian-held Donetsk", ``held``) is a
side too. Such a mention is still a toponym (it is found and resolved), but it is no context for the other
mentions: it sets no country of the document frame and does not pull the readings of the other
names into its own country (``frame.build_frame``, ``joint``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from skylog.geo.held import names_a_holder
from skylog.geo.names import DEMONYMS
from skylog.geo.vocab import alternation, table

_WORDS = table("sides")  # the side words of each language (geo/data/sides.toml)
# regions of another country a side's own reports count as its own ground (sides.toml [held_by])
HELD_BY: dict[str, frozenset[str]] = {side: frozenset(codes) for side, codes in _WORDS["held_by"].items()}


def words(language: str, name: str) -> str:
    """The list ``name`` of ``language``'s side words ("en", "ruuk"; geo/data/sides.toml) as one
    alternation, in order."""
    return alternation("sides", f"{language}.{name}")


# "fired by", "launched from", "drones launched from Houthi-controlled areas of", "attack by the"
_BEFORE_EN = re.compile(
    rf"(?i)\b(?:{words('en', 'ATTACK')})\s+(?:(?:[a-z-]+\s+){{0,2}})?(?:by|from)\s+(?:the\s+)?"
    rf"(?:(?:[\w-]+\s+){{0,2}}(?:{words('en', 'LAND_PART')}|{words('en', 'FORCES')})\s+of\s+(?:the\s+)?)?$"
)
# "Iran fired ...", "Russia has launched ...", "Pakistan initiated unprovoked firing"
_AFTER_EN = re.compile(
    rf"(?i)(?:['’]s)?\s+(?:(?:{words('en', 'VERB_ADVERB')})\s+)*"
    rf"(?:{words('en', 'ATTACK_VERB')}|{words('en', 'SIDE_VERB')})\b"
)
_ATTACK_BEFORE_CYR = re.compile(rf"(?i)(?<!\w)(?:{words('ruuk', 'ATTACK_BEFORE')})\s+$")
_BEFORE_CYR = re.compile(rf"(?i)(?<!\w)(?:{words('ruuk', 'BEFORE')}|{words('ruuk', 'ATTACK_BEFORE')})\s+$")
_AFTER_CYR = re.compile(
    rf"(?i)\s+(?:(?:{words('ruuk', 'VERB_ADVERB')})\s+)*(?:{words('ruuk', 'ATTACK_VERB')})(?!\w)"
)
# forces named after the country: "by the Pakistan Army", "by Yemen's Houthis"
_FORCES_AFTER_EN = re.compile(rf"(?i)(?:['’]s)?\s+(?:{words('en', 'FORCES')})\b")
_BY_BEFORE_EN = re.compile(r"(?i)\bby\s+(?:the\s+)?$")
# what a side owns after its possessive, a unit's name between: "Moscow's Black Sea Fleet", "Iran's Revolutionary
# Guard forces"
_OWNED_FORCES_EN = re.compile(rf"['’]s\s+(?:[A-Z][\w-]*\s+){{0,3}}?(?i:{words('en', 'FORCES')})\b")


def names_a_side(text: str, span: tuple[int, int]) -> bool:
    """The text names the place at ``span`` as the attacking side or the origin of a launch."""
    a, b = span
    return _names_a_side(text, a, b)


@lru_cache(maxsize=256)  # the joint reading asks it of every mention again at each rejoin (bounded)
def _names_a_side(text: str, a: int, b: int) -> bool:
    before = text[max(0, a - 60) : a]
    if re.search("[\u0400-\u04ff]", text[a:b]):
        return bool(_BEFORE_CYR.search(before[-40:]) or _AFTER_CYR.match(text, b))
    if names_a_holder(text, (a, b)):
        return True  # "Pakistan-occupied Kashmir", "Indian-administered Kashmir": who holds it, not where
    if text[a:b] in DEMONYMS:
        # "shelling by Ukrainian troops" in a report on Donetsk: an adjective of the attackers names
        # no ground of theirs, and the side's country often is the event's ("Ukrainian-held Kherson")
        return False
    if _BEFORE_EN.search(before) or _AFTER_EN.match(text, b):
        return True
    return bool(_BY_BEFORE_EN.search(before) and _FORCES_AFTER_EN.match(text, b))


def names_the_attacker(text: str, span: tuple[int, int]) -> bool:
    """The Cyrillic text names the place at ``span`` as who attacks: the subject of an attack verb («Израиль
    нанес», «Росія атакувала») or the agent of an attack noun («удара Израиля», «со стороны Ирана»); not its
    forces' owner («штаб армии Сирии») nor a launch's ground («из Ирана»), which ``names_a_side`` reads too."""
    a, b = span
    return bool(_ATTACK_BEFORE_CYR.search(text[max(0, a - 40) : a]) or _AFTER_CYR.match(text, b))


# Cyrillic country adjectives (stems, before the case ending) -> ISO 3166-1 alpha-2
_CYR_ADJ: dict[str, str] = dict(_WORDS["ruuk"]["COUNTRY_ADJECTIVES"])
_CYR_ADJ_RE = "|".join(sorted(_CYR_ADJ, key=len, reverse=True))


def country_adjective_stems() -> str:
    """The Cyrillic country adjectives' stems («израильск», «американськ») as one alternation, longest first."""
    return _CYR_ADJ_RE


# «израильской территории», «по украинской территории», «на російській території», «російської землі»,
# «воздушное пространство Израиля» is a genitive name, found by the recogniser
_TERRITORY_CYR = re.compile(
    rf"(?i)(?<!\w)(?P<adj>(?:{_CYR_ADJ_RE})\w{{0,4}})\s+(?:{words('ruuk', 'TERRITORY')})"
)
_TERRITORY_EN = re.compile(rf"\b(?P<adj>[A-Z][a-z]+)\s+(?:{words('en', 'TERRITORY')})\b")
# "fired from Lebanese territory", «с украинской территории», «з російської території»: the origin
_ORIGIN_BEFORE = re.compile(rf"(?i)(?:\bfrom\s+(?:the\s+)?|(?<!\w)(?:{words('ruuk', 'FROM')})\s+)$")


def territory_countries(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Countries named by an adjective before a word for their land, as the place an attack hits
    ("missiles fired at Israeli territory", «над российской территорией», «по українській території»):
    (ISO code, span of the phrase). The land a launch comes from ("fired from Lebanese territory",
    «с украинской территории») is left out: it is the origin, not the place."""
    out: list[tuple[str, tuple[int, int]]] = []
    for m in (*_TERRITORY_EN.finditer(text), *_TERRITORY_CYR.finditer(text)):
        adj = m.group("adj")
        if re.match("[\u0400-\u04ff]", adj):
            code = next((c for stem, c in _CYR_ADJ.items() if adj.lower().startswith(stem)), None)
        else:
            code = DEMONYMS.get(adj)
        if code and not _ORIGIN_BEFORE.search(text[max(0, m.start() - 12) : m.start()]):
            out.append((code, m.span()))
    return sorted(out, key=lambda x: x[1])


def owns_forces(text: str, span: tuple[int, int]) -> bool:
    """The place at ``span`` is named as the owner of armed forces ("Moscow's Black Sea Fleet"): a side, of any
    kind of place, not where the event was."""
    return bool(_OWNED_FORCES_EN.match(text, span[1]))
