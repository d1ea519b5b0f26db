"""Document geography: the countries and regions a report is about, and what the text says contains what.

A report names its own geography: "Kaluga Oblast", "Jammu and Kashmir", "Ukraine's Sumy region",
"Кіндрашівська ТГ". Every other mention is read inside that frame: a reading in another country
is kept only when it is a well-known place under its own exact name (a capital, a province, a
sea), never through a fuzzy match or an odd alternate name ("Kerni" is not Kearny, New Jersey,
in a report on Poonch). Phrases such as "X in the Y district", "Y's X", "X Белгородской области"
and "X near Y" are hard constraints between two mentions: X's reading must lie inside (or near) Y's,
and when the gazetteer has no such X the place keeps its name and is placed at Y with honest
precision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from skylog.geo.admin_groups import group_admin1
from skylog.geo.candidates import CASE_GUESS
from skylog.geo.compass import only_compass
from skylog.geo.distance import near
from skylog.geo.gazetteer import Candidate, Entry
from skylog.geo.keys import CYRILLIC
from skylog.geo.names import WATER_COAST
from skylog.geo.normalize import norm
from skylog.geo.sides import names_a_side
from skylog.geo.vocab import alternation, items

HOME_COUNTRIES = {"ru": ("RU", "UA"), "uk": ("UA", "RU")}

# outside the frame a reading must be well known under its own (exact, primary) name
OUTSIDE_CITY_POP = 100_000  # a Latin primary/alias name, or a Cyrillic exonym, of a city this big
OUTSIDE_UNIT_POP = 500_000  # a first-level unit with this many people ("Sindh", not Cayman's "North Side")
INSIDE_KM = 40.0  # a settlement "of" / "in" a district lies within this of its point (approximate links)
CITY_PART_KM = 30.0  # "Kirovsky district of Donetsk", "Sevastopol's North Side"
NEAR_KM = 40.0  # "the village of Mansouri near Tyre"


def _words(*keys: str) -> str:
    """The lists ``keys`` of geo/data/frame.toml as one alternation, in order."""
    return alternation("frame", *keys)


_ADMIN_WORD = re.compile(rf"(?i)\b(?:{_words('en.ADMIN', 'ruuk.ADMIN')})\b")
_DISTRICT_WORD = re.compile(rf"(?i)\b(?:{_words('en.DISTRICT', 'ruuk.DISTRICT')})\b")
_UNIT_WORD = re.compile(rf"(?i)\b(?:{_words('en.UNIT')})\b")
# a unit's own name ends in its capitalised generic word: "Pale Township"
_CAPITALISED_UNIT = "|".join(w.capitalize() for w in items("frame", "en.UNIT_SUFFIX"))
UNIT_SUFFIX = re.compile(rf"^(.+?)\s+(?:{_CAPITALISED_UNIT})$")
_UNIT_AFTER = re.compile(rf"(?i)^\s+(?:{_words('en.UNIT_SUFFIX')})\b")
# "X in the Y region", "X village in the northern Y region": the settlement word and a part-of word between
_IN_NEXT = re.compile(
    rf"(?i)^\s+(?:(?:{_words('en.SETTLEMENT')})\s+)?(?:{_words('en.IN', 'ruuk.IN')})\s+(?:the\s+)?"
    rf"(?:(?:{_words('en.COMPASS')})(?:ern)?\s+)?$"
)
_GENITIVE_NEXT = re.compile(r"^\s+$")
# a settlement word right after a name, or after the list it opens: "Nyaung Kone village's monastery",
# "Nyaung Kone and Kyarsi villages"
_SETTLEMENT_AFTER = re.compile(
    r"^(?:(?:,? and |, |,? or )[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?)*"
    rf"\s+(?i:{_words('en.SETTLEMENT')})s?\b"
)
# "Kani Township, Sagaing Region", "Pale township, Sagaing Region" (the unit word outside the span)
_COMMA_NEXT = re.compile(rf"(?i)^(?:\s+(?:{_words('en.COMMA_UNIT')}))?\s*,\s*$")
_POSSESSIVE = re.compile(r"^['’]s\s+(?:the\s+)?$")
_NEAR_NEXT = re.compile(
    rf"(?i)^[\s\"”»',]*(?:{_words('en.NEAR', 'ruuk.NEAR')})\s+(?:the\s+)?(?:[a-z-]+\s+){{0,2}}"
    rf"(?:(?:{_words('en.NEAR_SETTLEMENT')})\s+of\s+)?$"
)


def rank(level: int) -> int:
    """Containment order: country 0, region 1, district/hromada 2, settlement 3; others unranked."""
    return {0: 0, 1: 1, 2: 2, 6: 2, 3: 3}.get(level, -1)


@dataclass
class Link:
    """Mention ``inner`` lies in (or near) mention ``outer``, as the text says."""

    inner: int
    outer: int
    kind: str  # "in" | "near"
    phrase: str


@dataclass
class Frame:
    """The report's own geography: countries and first-level units, with where each came from."""

    countries: set[str] = field(default_factory=set)
    regions: set[int] = field(default_factory=set)
    why: list[str] = field(default_factory=list)
    region_by: dict[int, set[int]] = field(default_factory=dict)  # region -> mentions that name it
    # country -> the names that set it (``voucher``; "" home)
    country_by: dict[str, set[str]] = field(default_factory=dict)

    def countries_for(self, *names: str) -> set[str]:
        """The frame as the other names set it: no name vouches for its own reading, in any of its
        forms («в Газі» and «Гази» are one name, read as 'газа')."""
        own = set(names)
        return {c for c, who in self.country_by.items() if who - own}

    def to_dict(self, names: dict[int, str] | None = None) -> dict:
        return {
            "countries": sorted(self.countries),
            "regions": sorted((names or {}).get(r, str(r)) for r in self.regions),
            "why": list(self.why),
        }


def links(spans: list[tuple[int, int]], text: str) -> list[Link]:
    """Containment and proximity the text states between neighbouring mentions."""
    out: list[Link] = []
    if not text:
        return out
    for i in range(len(spans) - 1):
        a, b = spans[i], spans[i + 1]
        if b[0] < a[1] or b[0] - a[1] > 60:
            continue
        gap = text[a[1] : b[0]]
        if _IN_NEXT.match(gap):
            out.append(Link(i, i + 1, "in", gap.strip()))
        elif _POSSESSIVE.match(gap):
            out.append(Link(i + 1, i, "in", "'s"))
        elif _NEAR_NEXT.match(gap):
            out.append(Link(i, i + 1, "near", gap.strip(" ,\"”»'")))
        elif _COMMA_NEXT.match(gap) and _UNIT_WORD.search(text[b[0] : b[1]]):
            # "Kani Township, Sagaing Region": the unit after the comma holds the name before it
            # (a soft link: a list "Kharkiv, Sumy region" must not anchor Kharkiv in Sumy)
            out.append(Link(i, i + 1, "in", ","))
        elif (
            _GENITIVE_NEXT.match(gap)
            and _ADMIN_WORD.search(text[b[0] : b[1]])
            and re.search("[\u0400-\u04ff]", text[b[0] : b[1]])
        ):
            # "Грузское Белгородской области", "Александрополь Донецкой Народной Республики"
            out.append(Link(i, i + 1, "in", "genitive"))
    return out


def _same_group(outer: Entry, e: Entry) -> bool:
    """Both lie in one first-level group ("the Gaza Strip" over its governorates, ``admin_groups``)."""
    if not outer.country or outer.country != e.country:
        return False
    g_outer = group_admin1(outer.country, outer.admin1_code, outer.admin1 or outer.name, None)[1]
    return g_outer is not None and g_outer == group_admin1(e.country, e.admin1_code, e.admin1, None)[1]


def contains(outer: Entry, e: Entry, inner_is_part: bool) -> bool:
    """``e`` lies inside ``outer`` (a city holds its districts and parts within CITY_PART_KM)."""
    if outer.level == 0:
        return e.country == outer.country
    if outer.level == 1:
        return e.a1 == outer.id or _same_group(outer, e)
    if outer.level in (2, 6):
        if e.a2 == outer.id:
            return True
        # Russian links to rayons are approximate (nearest seat): the same region, close by
        return (
            e.level == 3
            and e.a1 == outer.a1
            and e.lat is not None
            and outer.lat is not None
            and near(e.lat, e.lon, (outer.lat, outer.lon), INSIDE_KM)
        )
    if outer.level == 3 and inner_is_part:
        if e.level in (2, 6) and e.a1 and e.a1 == outer.a1:
            return True  # "Poonch district of Jammu (and Kashmir)": a district of the city's region
        return (
            e.lat is not None
            and outer.lat is not None
            and e.id != outer.id
            and near(e.lat, e.lon, (outer.lat, outer.lon), CITY_PART_KM)
        )
    return False


def applies(link: Link, outer: Candidate, inner_mention: str, inner_hint: int | None) -> bool:
    """Whether a stated link constrains: the outer reading is a larger unit than the inner name."""
    lvl = outer.entry.level
    if link.kind == "near":  # a village near a town; "the Belgorod region near X" is no such pair
        return lvl == 3 and not _ADMIN_WORD.search(inner_mention) and inner_hint in (None, 3)
    if lvl == 3:  # a city holds only its own districts and sides ("Kirovsky district of Donetsk")
        return is_part(inner_mention) or link.phrase == "'s"
    if rank(lvl) < 0:
        return False
    if inner_hint is not None and rank(inner_hint) <= rank(lvl):
        return False
    return True


def names_own_unit(text: str, span: tuple[int, int], mention: str) -> bool:
    """The mention is the stem of a unit the text names ("Pale township", "Pale Township")."""
    return bool(UNIT_SUFFIX.match(mention.strip()) or _UNIT_AFTER.match(text[span[1] : span[1] + 20]))


def settlement_after(text: str, span: tuple[int, int]) -> bool:
    """The text calls the name at ``span`` a settlement right after it or its list ("Nyaung Kone
    village's", "Nyaung Kone and Kyarsi villages")."""
    return bool(_SETTLEMENT_AFTER.match(text[span[1] : span[1] + 80]))


def is_part(inner_mention: str) -> bool:
    """The inner name is a district or a part of a town ('North Side', 'Kirovsky district')."""
    return bool(_DISTRICT_WORD.search(inner_mention))


def voucher(mention: str, c: Candidate) -> str:
    """Who sets a country of the frame: the name as written, or for a Cyrillic name the form the index
    read it as («в Газі» and «Гази» are one name, 'газа', and vouch for each other no more than one does)."""
    return c.key if CYRILLIC.search(mention) else norm(mention)


def guessed(c: Candidate) -> bool:
    """A reading through a typo's match, a respelling or a case form's guess, not the name as written."""
    return any("fuzzy match" in w or "romanisation variant" in w or w == CASE_GUESS for w in c.why)


def _home_frame(language: str) -> Frame:
    """The frame before any name: the reader's home countries (Russian, Ukrainian)."""
    f = Frame()
    for c in HOME_COUNTRIES.get(language, ()):
        f.countries.add(c)
        f.country_by.setdefault(c, set()).add("")
    if language in HOME_COUNTRIES:
        f.why.append(f"language {language}: {', '.join(HOME_COUNTRIES[language])}")
    return f


def build_frame(
    picks: list[Candidate | None],
    mentions: list[str],
    hints: list[int | None],
    language: str,
    spans: list[tuple[int, int]],
    text: str,
) -> Frame:
    """Countries and regions the report names (with the reader's home country and its dateline)."""
    f = _home_frame(language)
    sides: list[tuple[int, Candidate]] = []
    for i, c in enumerate(picks):
        if c is None:
            continue
        e = c.entry
        m = mentions[i]
        if guessed(c):
            continue  # a guessed or respelt name does not set the frame
        reason = None
        region = None
        cyr = bool(re.search("[\u0400-\u04ff]", m))
        if e.level == 0 and names_a_side(text, spans[i]):
            sides.append((i, c))  # "fired by Yemen's Houthis", «атака Росії»: the attacker's own country
            continue
        if e.level == 4:
            _coast(f, c, m)
            continue
        if e.level == 0:
            reason = "country named"
        elif e.level == 1 and (c.src <= 2 or hints[i] == 1 or _ADMIN_WORD.search(m)):
            if only_compass(m) and not _ADMIN_WORD.search(m) and hints[i] != 1:
                continue  # "the north west option": a direction, no unit that sets the frame
            reason, region = "region named", e.id
        elif e.level in (2, 6) and (hints[i] in (2, 6) or _ADMIN_WORD.search(m)):
            reason, region = "district named", e.a1
        elif e.level == 3 and c.src <= (3 if cyr else 1) and e.population >= OUTSIDE_CITY_POP:
            reason, region = "city named", e.a1
        elif e.level == 3 and spans[i][0] < 40 and m.isupper() and len(m) > 3:
            reason = "dateline"
        if region:
            f.regions.add(region)
            f.region_by.setdefault(region, set()).add(i)
        if reason and e.country:
            if e.country not in f.countries:
                f.why.append(f"{reason}: {m!r} -> {e.country}")
            f.countries.add(e.country)
            f.country_by.setdefault(e.country, set()).add(voucher(m, c))
    _side_fallback(f, picks, sides, mentions)
    return f


def _coast(f: Frame, c: Candidate, mention: str) -> None:
    """ "a ship in the Red Sea", «в Червоному морі»: the countries on the water's shores
    (``names.toml``, ``coast``) are the report's."""
    for cc in WATER_COAST.get(c.entry.name, ()):
        if cc not in f.countries:
            f.why.append(f"sea named: {mention!r} -> {cc}")
        f.countries.add(cc)
        f.country_by.setdefault(cc, set()).add(voucher(mention, c))


def _side_fallback(
    f: Frame, picks: list[Candidate | None], sides: list[tuple[int, Candidate]], mentions: list[str]
) -> None:
    """The attacking side is the only country named ("Pakistan initiated firing in the Uri sector"):
    the frame keeps it, which lets its neighbours in, rather than the first region's country."""
    side_idx = {i for i, _ in sides}
    if any(c is not None and c.entry.level == 0 and i not in side_idx for i, c in enumerate(picks)):
        return
    for i, c in sides:
        f.why.append(f"attacking side named: {mentions[i]!r} -> {c.entry.country}")
        f.countries.add(c.entry.country)
        f.country_by.setdefault(c.entry.country, set()).add(voucher(mentions[i], c))


def outside_ok(c: Candidate, mention: str, unit_pop: int) -> bool:
    """A reading outside the frame is kept only when it is well known under its own name."""
    e = c.entry
    if any("fuzzy match" in w or w == CASE_GUESS for w in c.why):
        return False  # a typo's or a case form's guess ('Пале' read as Palu) is no reading abroad
    if any("romanisation variant" in w for w in c.why):
        return e.level == 3 and e.population >= OUTSIDE_CITY_POP  # 'Zaporizhia': a big city only
    if e.level in (0, 4, 5):
        return True
    cyr = bool(re.search("[\u0400-\u04ff]", mention))
    if e.level == 3 and _ADMIN_WORD.search(mention):
        return False  # "Kani Township" abroad is no reading of a foreign town called Kani
    if e.level == 1:
        return (c.src <= 1 or (cyr and c.src <= 3)) and unit_pop >= OUTSIDE_UNIT_POP
    if e.level == 3:
        if cyr:
            # Cyrillic names of foreign places are all alternates (GeoNames' exonyms, inflected by
            # the build): the same city size as a Latin primary name ('в Тель-Авиве', 'в Хайфе')
            return c.src <= 3 and e.population >= OUTSIDE_CITY_POP
        return c.src <= 1 and e.population >= OUTSIDE_CITY_POP
    return False
