"""Territory a country holds: "Pakistan-occupied Kashmir", "Indian-administered Kashmir", "Russian-held Donetsk".

A country, or its adjective, joined to the place after it by a holding word (``geo/data/frame.toml``
``en.HELD``: occupied, administered, controlled, held, ...) names who holds that place, not where the
event is: the holder is a side (``sides.names_a_side``), no context that pulls the place into its
country. Where the place's name has no reading in the holder's country at all, the holder's own
first-level unit that bears the name is its reading ("Pakistan-occupied Kashmir" is Azad Kashmir,
Pakistan's unit, not India's Jammu and Kashmir); a holder with no such unit leaves the readings as
they are ("Russian-occupied Crimea" stays Ukraine's Crimea, as the gazetteer and ACLED place it).
"""

from __future__ import annotations

import re

from skylog.geo.gazetteer import Candidate, Entry, Gazetteer
from skylog.geo.names import DEMONYMS
from skylog.geo.normalize import norm
from skylog.geo.vocab import alternation
from skylog.records import Place

# the holding word right after the holder: "Pakistan-occupied", "Pakistan occupied", "Indian-administered"
_HELD = alternation("frame", "en.HELD")
_HELD_AFTER = re.compile(rf"(?i)[ \t]*[-‐‑–]?[ \t]*(?:{_HELD})[ \t]+(?:the[ \t]+)?")
# the holder and its holding word right before a name: "Pakistan-occupied ", "Indian-administered "
_HOLDER_BEFORE = re.compile(rf"\b(?P<holder>[A-Z][a-z]+)[ \t]*[-‐‑–]?[ \t]*(?i:{_HELD})[ \t]+(?:the[ \t]+)?$")
HELD_WHY = "held by"  # the reason a holder's unit carries (the frame keeps it: the text names its country)


def names_a_holder(text: str, span: tuple[int, int]) -> bool:
    """The place at ``span`` is named as who holds the place after it ("Pakistan-occupied Kashmir")."""
    m = _HELD_AFTER.match(text, span[1])
    return m is not None and text[m.end() : m.end() + 1].isupper()


def holder_before(gz: Gazetteer, text: str, start: int) -> str | None:
    """The country the text names as holding the place at ``start`` ("Pakistan-occupied ", "Indian-held "):
    a demonym, or a name whose primary or official reading is a country."""
    m = _HOLDER_BEFORE.search(text, max(0, start - 40), start)
    if m is None:
        return None
    word = m.group("holder")
    if word in DEMONYMS:
        return DEMONYMS[word]
    countries = {
        gz.entry(pid).country for pid, src in gz.ids(norm(word)) if src <= 1 and gz.entry(pid).level == 0
    }
    return next(iter(countries)) if len(countries) == 1 else None


def _units_bearing(gz: Gazetteer, country: str, name: str) -> list[Entry]:
    """The first-level units of ``country`` whose name holds every word of ``name`` ("Azad Kashmir")."""
    words = set(norm(name).split())
    if not words:
        return []
    return [e for e in gz.units(country) if words <= set(norm(e.name).split())]


def held_readings(gz: Gazetteer, mentions: list[Place], cand_lists: list[list[Candidate]], text: str) -> None:
    """Each name the text says a country holds, with none of its readings in that country, is read as
    the holder's first-level unit that bears it (in place, in ``cand_lists``)."""
    if not text:
        return
    for i, m in enumerate(mentions):
        country = holder_before(gz, text, m.span[0])
        cs = cand_lists[i]
        if not country or any(c.entry.country == country for c in cs):
            continue  # "Indian-administered Kashmir", "Russian-held Donetsk": the name's own readings decide
        units = _units_bearing(gz, country, m.mention)
        if len(units) != 1:
            continue
        score = max((c.score for c in cs), default=0.0)
        why = f"{HELD_WHY} {country}, as the text says"
        cand_lists[i] = [Candidate(units[0], norm(units[0].name), 2, score, [why])]
