"""A toll told again in a later event of the same incident (English), counted once.

A report may tell one attack in two events: an untyped lead ("Russia bombed a superstore in Kharkiv, killing
two and injuring over 20") and a typed restatement ("two people were killed and 24 injured when two guided
bombs hit the store"), or a first toll and its update ("three were killed … the ministry said 12 were
killed"). Summed over the report's events, the people are counted twice. Here, of two events of one type
that may be one incident (``common.tolls.may_share``: no two countries, regions or days; a generic air strike
and a drone strike are one type here), where the later one names no place below a country that the earlier one
does not (when the earlier names one), neither tells another count of weapons and neither was told as another
incident ("another strike", "in a separate attack": ``apart``, the spans of such sentences), a toll both tell is
kept on one of them only, where the later one tells each such toll as at least the earlier's (a restatement or
an update): on the later one. Before that, a toll several events stand on with the very same words (one
sentence read as attacks of two types) is one toll: the first of them keeps it. The debris of a downed missile
or drone and that weapon's strike are one incident here too, where they tell the same figure. Last, a figure
that two events of no two countries or days tell alike, when it is one no two strikes of a report share by chance
(at least ``_DISTINCT``, or the same killed and injured both), is the same people whatever the events' types and
places (one toll read as two events: "at least 34 … killed in an airstrike on a market … the death of 34 … due to
heavy shelling"; a sentence's city taken for the dateline's): the later event keeps it. A toll an earlier
or unconfirmed report gave is superseded by the toll another event of the incident tells
(``superseded_tolls``), and tolls told after a lead's larger one are its parts (``parts_of_lead_total``).
"""

from __future__ import annotations

import re

from skylog.extract.common.tolls import lead_end, may_share
from skylog.extract.en import lexicon as L
from skylog.extract.en.recalled import recalled_period
from skylog.records import EventMention

_FIELDS = ("killed", "injured")
_SEVERAL = L.pattern("casualties.SEVERAL_ATTACKS")
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
# an earlier generic air strike that a later sentence tells as a drone's ("an Israeli airstrike on a car killed
# two … a drone strike on a car near Tyre killed two"): news calls a drone's strike an air strike
_RETYPED = {("air_strike", "drone_strike")}
# the debris of a downed missile or drone and that weapon's strike, told with one toll ("debris from shot-down
# missiles injured seven … seven people were injured in Darnytskyi district"): one harm, the same figure
_DEBRIS_OF = ({"debris_fall", "missile_strike"}, {"debris_fall", "drone_strike"})
# a toll this large is one that two strikes of one report rarely share exactly: told twice, it is one toll
_DISTINCT = 10


def _local_names(e: EventMention) -> set[str]:
    return {(p.name or p.mention).lower() for p in e.places if p.kind != "country"}


def _same_incident(a: EventMention, b: EventMention) -> bool:
    """``b`` (later) may retell ``a``: one type, one place, day and count at most."""
    typed = a.type == b.type or (a.type, b.type) in _RETYPED or {a.type, b.type} in _DEBRIS_OF
    if not typed or not may_share(a, b):
        return False
    if _local_names(a) and not _local_names(b) <= _local_names(a):
        return False  # the earlier names where it hit: a later one elsewhere is another
    ca, cb = (e.count.value if e.count else None for e in (a, b))
    return ca is None or cb is None or ca == cb


def _told(e: EventMention, fld: str) -> int | None:
    c = getattr(e, fld)
    return c.value if c is not None and isinstance(c.value, int) and c.value > 0 else None


def _retold(a: EventMention, b: EventMention) -> list[str]:
    """The tolls that ``b`` tells again of ``a``, each as at least ``a``'s figure; [] when one is smaller."""
    both = [f for f in _FIELDS if _told(a, f) and _told(b, f)]
    return both if all((_told(b, f) or 0) >= (_told(a, f) or 0) for f in both) else []


def _same_words(events: list[EventMention]) -> None:
    """Keep a toll that several events stand on with the very same words (one sentence read as two attacks:
    "two injured in Iran missile barrage" for a missile strike and an air strike) on the first only."""
    for fld in _FIELDS:
        seen: set[tuple[int, int]] = set()
        for e in events:
            c = getattr(e, fld)
            if c is None or not c.spans:
                continue
            words = tuple(c.spans[0])
            if words in seen:
                setattr(e, fld, None)
            seen.add(words)


def count_tolls_once(events: list[EventMention], apart: set[tuple[int, int]]) -> None:
    """Drop a toll that a later event of the same incident tells again (in place)."""
    _same_words(events)
    kept = [e for e in events if not any(tuple(s) in apart for s in e.spans)]
    for j, b in enumerate(kept):
        for a in kept[:j]:
            fields = _retold(a, b)
            if {a.type, b.type} in _DEBRIS_OF and any(_told(a, f) != _told(b, f) for f in fields):
                continue  # debris and a strike: one harm only where they tell the same figure
            if fields and _same_incident(a, b):
                for fld in fields:
                    setattr(a, fld, None)
    _same_figure(kept)


def _same_figure(events: list[EventMention]) -> None:
    """Keep a figure two events of no two countries or days tell alike on the later one only, where it is a
    distinct one: at least ``_DISTINCT``, or the killed and the injured both alike (in place)."""
    for j, b in enumerate(events):
        for a in events[:j]:
            same = [f for f in _FIELDS if _told(a, f) and _told(a, f) == _told(b, f)]
            if not same or not may_share(a, b, regions=False):
                continue
            pair = len(same) == len(_FIELDS)
            for fld in same:
                if pair or (_told(a, fld) or 0) >= _DISTINCT:
                    setattr(a, fld, None)


def _start(e: EventMention, fld: str) -> int:
    c = getattr(e, fld)
    return min(a for a, _ in c.spans)


def _recalled(e: EventMention, text: str) -> bool:
    return any(recalled_period(text[a:b]) for a, b in e.spans)


def _within(
    lead: EventMention, e: EventMention, text: str, apart: set[tuple[int, int]], several: bool, dayless: bool
) -> bool:
    """A later event whose toll may be a part of the lead event's: one it may share, of no earlier period,
    and either after a lead toll told of several attacks or, told as no other strike, at no other place.
    A lead toll of several attacks whose sentence names no day (``dayless``) may hold strikes of two days
    ("airstrikes … have killed at least 18" over strikes of late Monday and early Tuesday)."""
    if _recalled(e, text) or not may_share(lead, e, days=not (several and dayless)):
        return False
    if several:
        return True
    return not any(tuple(s) in apart for s in e.spans) and _local_names(e) <= _local_names(lead)


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """Where the sentence of the text holding ``pos`` starts and ends."""
    cut = [m.end() for m in _SENTENCE_END.finditer(text, 0, pos)]
    m = _SENTENCE_END.search(text, pos)
    return (cut[-1] if cut else 0, m.start() if m else len(text))


def _dayless(lead: EventMention, bounds: tuple[int, int]) -> bool:
    """The lead event's sentence (``bounds``) names no day: its event's day, if any, another sentence told."""
    t = lead.time
    span = t.span if t is not None and t.precision in ("day", "hour") else None
    return span is None or not (bounds[0] <= span[0] < bounds[1])


def parts_of_lead_total(events: list[EventMention], text: str, apart: set[tuple[int, int]]) -> None:
    """Drop the body's tolls that are parts of a larger toll the lead tells (in place).

    A report leads with a strike's or a day's whole toll and then tells it strike by strike or family by
    family, often not every part ("Israeli strikes kill 38 in south Gaza … Six members of one family were
    also killed in another strike"; "13 were killed by two strikes … seven were killed in a strike on a
    tent"). Where the tolls of a kind that events told after the lead give add up to less than the lead's,
    they are within it (summed beside it they would count the people twice), when each of those events may
    share the lead's country, region and day, tells of no earlier period ("last week") and either the lead's
    toll is told of several attacks (its sentence: the pack's ``casualties.SEVERAL_ATTACKS``; where that sentence
    names no day, its strikes may be of two days, late Monday and early Tuesday) or the event is
    told as no other strike (``apart``) and names no place the lead's event does not (a family among the
    dead of one strike). Parts that add up to the lead's figure exactly keep theirs and the lead's is dropped
    (``common.tolls.reconcile_tolls``).
    """
    end = lead_end(text)
    for fld in _FIELDS:
        told = sorted(
            (e for e in events if _told(e, fld) and getattr(e, fld).spans), key=lambda e: _start(e, fld)
        )
        if len(told) < 2 or _start(told[0], fld) >= end or _start(told[1], fld) < end:
            continue
        lead, rest = told[0], told[1:]
        bounds = _sentence_bounds(text, _start(lead, fld))
        several = bool(_SEVERAL.search(text[bounds[0] : bounds[1]]))
        dayless = _dayless(lead, bounds)
        if sum(_told(e, fld) or 0 for e in rest) < (_told(lead, fld) or 0) and all(
            _within(lead, e, text, apart, several, dayless) for e in rest
        ):
            for e in rest:
                setattr(e, fld, None)


def superseded_tolls(events: list[EventMention]) -> None:
    """Drop a toll an earlier or unconfirmed report gave (a weak claim: the pack's
    ``casualties.EARLIER_REPORT``, "an unconfirmed earlier report put the death toll at seven") where another
    event the report tells, which its event may share, has a toll of that kind of its own: the report's
    figure supersedes it (in place)."""
    for fld in _FIELDS:
        told = [e for e in events if _told(e, fld)]
        old = [e for e in told if getattr(e, fld).weak]
        for e in old:
            if any(o not in old and may_share(o, e) for o in told):
                setattr(e, fld, None)
