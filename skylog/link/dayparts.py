"""Parts of the day in linking: a night and an evening of one date are two attacks.

Extraction gives a dated time the part of the day it names (``TimeExpr.part``, read by
``extract.common.dayparts``): night (the one into its date), morning, afternoon, evening. Two
mentions dated to one day whose parts are neither the same nor neighbours in that day's order
(night, morning, afternoon, evening) tell of different events: a night attack and an evening attack
on one city, a night strike and a daytime glide bomb in one district. Neighbours stay compatible: a
report of a night attack is often published in the morning and tells of its aftermath "this
morning", and a morning's clock time may be the night's last wave. A day's night and its evening are
not neighbours (the evening's night is the next date's). A time with no part is compatible with
every part; the other gates still need their evidence.
"""

from __future__ import annotations

from skylog.extract.common.dayparts import PARTS
from skylog.link.features import Features
from skylog.link.incident import Incident

_ORDER = {p: i for i, p in enumerate(PARTS)}


def part_of(f: Features) -> str | None:
    """The part of the day its own text dates it to, when it is dated to a day (``Features.day``)."""
    if f.day is None:
        return None
    t = f.rec.event.get("time")
    part = t.get("part") if isinstance(t, dict) else None
    return part if part in _ORDER else None


def relation(a: str, b: str) -> str:
    """The relation of two parts of one day: "same", "adjacent" (one follows the other) or "apart"."""
    gap = abs(_ORDER[a] - _ORDER[b])
    return "same" if gap == 0 else "adjacent" if gap == 1 else "apart"


def part_conflict(a: Features, b: Features) -> str | None:
    """Why two mentions of one date are two events by their parts of the day, or None."""
    if a.day is None or a.day != b.day:  # (asked for every member: the cheap test first)
        return None
    pa, pb = part_of(a), part_of(b)
    if pa is None or pb is None or relation(pa, pb) != "apart":
        return None
    return f"one day's {pa} and {pb} (parts of the day apart)"


def part_reason(f: Features, inc: Incident) -> str | None:
    """The part-of-day relation of ``f`` with the incident's members of its date, for the link's
    evidence; None when neither side names a part."""
    if f.day is None:
        return None
    mine = part_of(f)
    theirs = sorted({p for m in inc.members[:64] if m.day == f.day and (p := part_of(m))}, key=_ORDER.get)
    if mine is None and not theirs:
        return None
    if mine is None or not theirs:
        rel = "a part unknown: compatible"
    else:  # a part apart never gets this far (``part_conflict``)
        rel = "same" if theirs == [mine] else "adjacent"
    return f"part of the day: {mine or 'unknown'} / {'+'.join(theirs) or 'unknown'} ({rel})"
