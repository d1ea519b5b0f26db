"""'Sioux Falls, S.D.', 'Roswell, Ga.', 'Akuressa, Sri Lanka': a place followed by its region or country.

The small English NER model often tags such a town as a person ("Sioux Falls") or misses
it. When the gazetteer has a place of that name inside the region or country named right
after the comma, the pair itself says the name is that place, so it counts as recognised.
"""

from __future__ import annotations

import re

from skylog.geo import names as N
from skylog.geo.gazetteer import Gazetteer
from skylog.geo.mentions import Mention
from skylog.geo.normalize import norm
from skylog.geo.vocab import items

_WORD = r"[A-Z][\w'’.-]*"
_PAIR = re.compile(rf"\b((?:{_WORD} ){{0,2}}{_WORD}), ((?:{_WORD} )?{_WORD})(?=[\s,;:)—-]|$)")
PLACE_LEVELS = (2, 3)  # a district or a settlement inside the unit named after the comma
_LEADING = frozenset(items("mentions", "en.LEADING"))  # no part of a name: "In Kharkiv, Ukraine"


def _units(gz: Gazetteer, key: str) -> tuple[set[str], set[str]]:
    """The first-level codes and country codes that ``key`` names as a unit."""
    regions: set[str] = set()
    countries: set[str] = set()
    for pid, _src in gz.ids(key):
        e = gz.entry(pid)
        if e.level == 1 and e.admin1_code:
            regions.add(e.admin1_code)
        elif e.level == 0 and e.country:
            countries.add(e.country)
    return regions, countries


def _inside(gz: Gazetteer, key: str, regions: set[str], countries: set[str]) -> bool:
    """A district or settlement called ``key`` lies in one of ``regions`` or ``countries``."""
    for pid, src in gz.ids(key):
        if src > 2:
            continue
        e = gz.entry(pid)
        if e.level in PLACE_LEVELS and (e.admin1_code in regions or e.country in countries):
            return True
    return False


def apposition_mentions(text: str, gz: Gazetteer) -> list[Mention]:
    """Each 'Town, Region' pair whose town the gazetteer places in that region, as a strong mention."""
    out = []
    for m in _PAIR.finditer(text):
        regions, countries = _units(gz, norm(m.group(2)))
        if not regions and not countries:
            continue
        words = list(re.finditer(r"\S+", m.group(1)))
        while words and words[0].group().lower() in _LEADING:
            words = words[1:]  # "In Roswell, Ga.": the whole capitalised run, less a sentence's first word
        if not words:
            continue
        # the whole run or nothing: "John Smith, Texas" is no "Smith, Texas"
        s, e = m.start(1) + words[0].start(), m.end(1)
        key = norm(text[s:e])
        if key and key not in N.EN_STOP_PLACES and _inside(gz, key, regions, countries):
            out.append(Mention(s, e, text[s:e], "pattern", strong=True))
    return out
