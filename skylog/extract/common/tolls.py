"""One report's tolls reconciled across its events (every language).

A report often tells its toll in the lead and again in the body: "Airstrike kills 11 in Gaza. … At least
11 civilians were killed in the strike", or a total and then its parts: "five people were killed …
two in X and three in Y". When the lead's toll and the body's land in different events, summing the
events counts the people twice. Here a toll told in the lead (the report's first two sentences: a title
and its lead) is dropped from its event when the tolls of the same kind that the other events tell after
the lead add up to exactly it, in a country, region and day the lead's event may share: the body's events
keep their own tolls and the report's sum is the lead's figure.
"""

from __future__ import annotations

import re

from skylog.extract.common.places import region_key
from skylog.records import Claim, EventMention

_BOUNDARY = re.compile(r"[.!?](?=\s)|\n")
LEAD_SENTENCES = 2  # a title and the lead sentence


def lead_end(text: str) -> int:
    """The offset where the report's lead (its first two non-empty sentences) ends."""
    seen = 0
    pos = 0
    for m in _BOUNDARY.finditer(text):
        if text[pos : m.start()].strip():
            seen += 1
            if seen == LEAD_SENTENCES:
                return m.end()
        pos = m.end()
    return len(text)


def _start(c: Claim) -> int:
    return min(s[0] for s in c.spans)


def regions_of(e: EventMention) -> set[str]:
    """The event's regions (admin keys), not its countries."""
    return {k for p in e.places if (k := region_key(p)) and not k.startswith("C:")}


def _day(e: EventMention) -> str | None:
    t = e.time
    if t is None or t.weak or t.precision not in ("day", "hour"):
        return None
    return (t.start or "")[:10] or None


def _countries(e: EventMention) -> set[str]:
    return {p.country for p in e.places if p.country}


def may_share(a: EventMention, b: EventMention, regions: bool = True, days: bool = True) -> bool:
    """Two events a report may have told as one: no two different countries or (unless ``regions`` is
    false) regions, no two days (unless ``days`` is false)."""
    for places in (_countries, regions_of) if regions else (_countries,):
        pa, pb = places(a), places(b)
        if pa and pb and not pa & pb:
            return False
    if not days:
        return True
    da, db = _day(a), _day(b)
    return not (da and db and da != db)


def reconcile_tolls(events: list[EventMention], text: str) -> None:
    """Drop a lead's toll that the later events' tolls of its kind restate (in place)."""
    end = lead_end(text)
    for fld in ("killed", "injured"):
        told = [
            (e, c)
            for e in events
            if (c := getattr(e, fld)) is not None and c.spans and isinstance(c.value, int) and c.value > 0
        ]
        if len(told) < 2:
            continue
        lead_event, lead = min(told, key=lambda t: _start(t[1]))
        if _start(lead) >= end:
            continue
        rest = [(e, c) for e, c in told if e is not lead_event]
        if any(_start(c) < end for _, c in rest):
            continue  # two tolls in the lead: two events told side by side
        if sum(c.value for _, c in rest) != lead.value:
            continue
        if all(may_share(lead_event, e) for e, _ in rest):
            setattr(lead_event, fld, None)
