"""A strike told only by the harm that the debris of downed weapons did (English).

"Fire at a Russian refinery after a Ukrainian drone attack … debris from downed drones caused a fire": where
a report tells an interception of a weapon and a debris fall, a strike of that weapon that the debris fall may
share (``common.tolls.may_share``: no two countries, regions or days; and no region of the strike's that the
debris is not told in), told with no verb of a hit (the pack's ``HARD_RE``) and no one harmed, is the attack that
was downed: its harm is the debris's. It is dropped; a
statement of no harm it carried goes to the interception when that tells none.
"""

from __future__ import annotations

from skylog.extract.common.tolls import may_share, regions_of
from skylog.extract.en import lexicon as L
from skylog.records import EventMention

_HIT = L.pattern("events.HARD_RE")
_STRIKES = ("drone_strike", "missile_strike")


def _harmed_people(e: EventMention) -> bool:
    return any(c is not None and c.value for c in (e.killed, e.injured))


def _debris_of(strike: EventMention, debris: EventMention) -> bool:
    """The debris fall may be the strike's harm: they may share, and the strike is told in no region the
    debris is not ("a drone attack on a depot in Rostov … debris over Voronezh": two places, two events)."""
    own, fell = regions_of(strike), regions_of(debris)
    return may_share(strike, debris) and not (own and fell and own - fell)


def fold_downed_strikes(events: list[EventMention], text: str) -> None:
    """Drop each strike whose only harm is the debris of its downed weapons (in place)."""
    debris = [e for e in events if e.type == "debris_fall"]
    for e in list(events):
        if e.type not in _STRIKES or e.weapon is None or _harmed_people(e):
            continue
        downed = [x for x in events if x.type == "interception" and x.weapon == e.weapon]
        if not downed or not any(_debris_of(e, d) for d in debris):
            continue
        if any(_HIT.search(text[s:t]) for s, t in e.spans):
            continue
        for fld in ("killed", "injured"):
            if getattr(downed[0], fld) is None:
                setattr(downed[0], fld, getattr(e, fld))
        events.remove(e)
