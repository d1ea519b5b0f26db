"""Evidence ceilings: a weak relation alone never carries a link between look-alikes (issue 13).

One city is often struck twice in a day or on neighbouring days, and outlets tell each strike with
different details. Two relations let reports join though what they tell differs, and each joins
two strikes when the reports do not tell of one moment:

- a type pair of the table (``typepairs``: "shelling" and "missiles intercepted, fragments fell"
  told of one beach) carries a link only with time evidence of the same part of the day (the
  mention and a member of another report on one place of the timeline of days' parts,
  ``dayparts.quarters``: "in the morning" and a 09:40 clock), a particular name both give, a copy
  of a member's text, or another mention of its report already in the incident; the casualties of
  the same size that made the pair are not also the evidence beyond it;
- a weapon class conflict (``ceilings.toml``: missiles vs drones): the mention names one class and
  every weapon the incident's other reports name is of a class listed apart from it (a strike that
  names no weapon is of the class its type implies: ``weapon_class``); it joins only
  with that evidence or casualties of the same size.

Where the evidence is missing the mention is left alone (a new incident, or another that fits).
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from skylog.link.features import Features
from skylog.link.incident import Incident
from skylog.link.relations import toll
from skylog.link.typepairs import same_size

DATA = Path(__file__).with_name("ceilings.toml")
_MEMBERS = 64  # members of an incident looked at


@lru_cache(maxsize=1)
def _data() -> dict:
    return tomllib.loads(DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def apart_classes() -> frozenset[frozenset[str]]:
    """Pairs of weapon classes that tell two strikes apart (``ceilings.toml``)."""
    return frozenset(frozenset(p["weapons"]) for p in _data().get("apart", []))


def weapon_class(f: Features) -> str | None:
    """The weapon class a mention names, else the one its type implies (``ceilings.toml`` [type_weapon]:
    a drone strike with no weapon named is still drones)."""
    return f.weapon or _data().get("type_weapon", {}).get(f.type)


def _others(f: Features, inc: Incident) -> list[Features]:
    return [m for m in inc.members[:_MEMBERS] if m.rec.report_id != f.rec.report_id]


def same_part(f: Features, inc: Incident) -> bool:
    """Do ``f`` and a member of another report lie on one part of one day (``dayparts.quarters``)?"""
    mine = set(f.window.quarters) if f.window is not None else set()
    return bool(mine) and any(m.window is not None and mine & set(m.window.quarters) for m in _others(f, inc))


def weapons_apart(f: Features, inc: Incident) -> bool:
    """Does ``f`` name a weapon class listed apart from every weapon the incident's other reports name?"""
    named = {w for m in _others(f, inc) if not m.tally and (w := weapon_class(m))}
    mine = weapon_class(f)
    if not mine or not named:
        return False
    return all(frozenset((mine, w)) in apart_classes() for w in named)


def ceiling(f: Features, inc: Incident, *, type_why: str, named: bool, copy: bool) -> str:
    """Why a link that rests on a weak relation alone is refused, or "" (see the module's doc)."""
    if f.tally or inc.tally:
        return ""
    if named or copy or f.rec.report_id in inc.reports or same_part(f, inc):
        return ""
    if type_why:
        return "a type pair alone, with no name, copy or part of the day in common"
    if weapons_apart(f, inc) and not any(same_size(toll(f), toll(m)) for m in _others(f, inc)):
        return "different weapon classes (missiles / drones), and nothing else in common"
    return ""
