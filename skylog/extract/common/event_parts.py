"""The event under assembly and how one sentence's mention is absorbed into it.

A ``Mention`` is what one sentence tells of an attack (its type, places, count, tolls, time); an ``_Event`` is
an incident the report tells so far. ``_absorb`` adds a mention to an event: places and regions joined, the
first count kept (a firm one over a weak one), tolls kept at the larger figure (or added, for "another two
died"), damage objects joined, the attack's own time over a statement's day. ``common.assemble`` decides
which event a mention belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from skylog.extract.common.places import most_specific_first, region_key
from skylog.records import Claim, Place, TimeExpr


@dataclass
class Mention:
    type: str | None
    weapon: str | None
    places: list[Place]
    count: Claim | None
    sentence: int
    paragraph: int
    span: tuple[int, int]
    time: TimeExpr | None = None
    killed: Claim | None = None
    injured: Claim | None = None
    damage: Claim | None = None
    perpetrator: Claim | None = None
    claimant: str | None = None
    specific: bool = False
    anaphoric: bool = False
    untyped: bool = False
    tally: bool = False
    trigger: tuple[int, int] | None = None
    split_counts: dict[str | None, Claim] = field(default_factory=dict)  # None: a total over the parts
    context_time: TimeExpr | None = None
    cue: str | None = None  # the trigger words, for untyped attacks
    separate: bool = False  # "in a separate incident": never merged into an earlier event
    headline: bool = False  # a title line, a sum of strikes: figures told again, they only fill gaps
    whole: bool = False  # an interception of every weapon of the attack
    added: tuple[str, ...] = ()  # tolls told as more people ("another two died"): they add to the event's


@dataclass
class _Event:
    type: str | None
    weapon: str | None
    regions: set[str] = field(default_factory=set)
    places: list[Place] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    count: Claim | None = None
    count_regional: bool = False
    count_split: bool = (
        False  # the count is a region's part of a per-region breakdown ("36 over Rostov, 21 …")
    )
    time: TimeExpr | None = None
    context_time: TimeExpr | None = None
    killed: Claim | None = None
    injured: Claim | None = None
    damage: Claim | None = None
    perpetrator: Claim | None = None
    claimant: str | None = None
    first_sentence: int = 0
    cue: str | None = None
    total: bool = False  # a total told with its parts ("22, including two over X"): the parts are not in it
    separate: bool = False  # an untyped attack told as another incident ("another strike hit …")
    whole: bool = False  # an interception of every weapon of the attack


def _keys(places: list[Place]) -> list[str | None]:
    """Region keys a mention's places split into: several only when several regions are named as such
    ("29 over Bryansk region, 15 over Oryol region"); otherwise the most specific place's region."""
    named = []
    for p in places:
        k = region_key(p)
        if k and p.kind in ("region", "water") and k not in named:
            named.append(k)
    if len(named) > 1:
        return named
    ranked = most_specific_first([p for p in places if region_key(p)])
    specific = [p for p in ranked if p.kind != "country"] or ranked
    return [region_key(specific[0])] if specific else [None]


def _other_day(a: TimeExpr | None, b: TimeExpr | None) -> bool:
    known = ("day", "hour")
    if not a or not b or a.precision not in known or b.precision not in known:
        return False
    if a.weak or b.weak:
        return False
    return (a.start or "")[:10] != (b.start or "")[:10]


def _bigger(a: Claim | None, b: Claim | None) -> Claim | None:
    if a is None:
        return b
    if b is None:
        return a
    try:  # a weak toll (an earlier report's) gives way to a firm one, whatever its size; else the larger
        return b if (not b.weak, b.value) > (not a.weak, a.value) else a
    except TypeError:
        return a


def _plus(a: Claim | None, b: Claim | None) -> Claim | None:
    """A toll told as more people (``b``: "another two died in hospital") added to the one before (``a``)."""
    if a is None or b is None or not isinstance(a.value, int) or not isinstance(b.value, int):
        return _bigger(a, b)
    return Claim(
        value=a.value + b.value,
        spans=[*a.spans, *b.spans],
        claimant=a.claimant,
        hedge=a.hedge,
        qualifier=a.qualifier,
    )


def _absorb(
    ev: _Event, m: Mention, places: list[Place], count: Claim | None, with_places: bool = True
) -> None:
    ev.spans.append(m.span)
    ev.whole = ev.whole or m.whole
    if with_places:
        for p in places:
            if all(p.span != q.span for q in ev.places):
                ev.places.append(p)
        ev.regions.update(k for k in _keys(places) if k)
    if count is not None and (ev.count is None or (ev.count.weak and not count.weak)):
        ev.count = count
    ev.killed = _plus(ev.killed, m.killed) if "killed" in m.added else _bigger(ev.killed, m.killed)
    ev.injured = _plus(ev.injured, m.injured) if "injured" in m.added else _bigger(ev.injured, m.injured)
    if m.damage is not None:
        if ev.damage is None:
            ev.damage = m.damage
        elif isinstance(ev.damage.value, dict) and isinstance(m.damage.value, dict):
            merged = dict(ev.damage.value)
            merged["objects"] = list(
                dict.fromkeys(list(merged.get("objects") or []) + list(m.damage.value.get("objects") or []))
            )
            merged["level"] = merged.get("level") or m.damage.value.get("level")
            ev.damage = Claim(
                value=merged,
                spans=ev.damage.spans + m.damage.spans,
                claimant=ev.damage.claimant,
                hedge=ev.damage.hedge,
            )
    if ev.perpetrator is None and m.perpetrator is not None:
        ev.perpetrator = m.perpetrator
    if (
        m.time is not None
        and m.time.precision != "unknown"
        and (
            ev.time is None
            or ev.time.precision == "unknown"
            or (getattr(ev.time, "weak", False) and not getattr(m.time, "weak", False))
        )
    ):
        ev.time = m.time  # a statement's own day ("said on Friday") yields to the attack's time
    if ev.time is None and m.time is not None:
        ev.time = m.time
    if ev.context_time is None and m.context_time is not None:
        ev.context_time = m.context_time
    if ev.claimant is None:
        ev.claimant = m.claimant


def _new(m: Mention, typ: str | None, places: list[Place], count: Claim | None, key: str | None) -> _Event:
    ev = _Event(type=typ, weapon=m.weapon, first_sentence=m.sentence)
    _absorb(ev, m, places, count)
    ev.count_regional = key is not None and count is not None
    return ev
