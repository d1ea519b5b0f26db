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

The parts follow one another across midnight too: a day's evening and the next day's night are
neighbours, one night told as "late on Thursday" and "overnight into Friday". Each part is a place on
one timeline of days' parts (``quarters``), and two texts of neighbouring days whose parts lie two
places apart or more tell of two events. A night said after its day ("Friday night", the pack's
NIGHT_AFTER_DAY, which extraction gives no part) is that day's evening and the night after it: not
Friday's small hours nor Saturday's afternoon. A part begins its day's window where the part begins
(``narrow``): a report published, with no time of its own, before an evening began cannot tell of
that evening's attack. Two dated parts are as far apart as their hours (``relations._stated_gap``):
a night lies as near the evening before it as the next morning. A day that names no part gets no
place on the timeline: "on Thursday" and "overnight" into Friday stay two dates (on dev, reading
them as neighbours made two false corroborations).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from skylog.extract.common.dayparts import PARTS, STARTS
from skylog.link.features import HOUR, Features, Window
from skylog.link.incident import Evidence, Incident

Scored = tuple[float, int, Incident, Evidence]  # (score, -order, incident, evidence): ``Linker._ranked``

_ORDER = {p: i for i, p in enumerate(PARTS)}
_ENDS = {p: (STARTS[PARTS[i + 1]] if i + 1 < len(PARTS) else 24) for i, p in enumerate(PARTS)}
NIGHT_AFTER = (STARTS["evening"], 24 + _ENDS["night"])  # "Friday night": its evening, the night after it
PART_SLACK = 3 * HOUR  # a part's hours are told loosely ("in the evening" at 16:30): as a clock time's slack


def quarters(day: date, part: str | None, night_after: bool) -> tuple[int, ...]:
    """Where a text dated to ``day`` lies on one timeline of days' parts (four a day, in ``PARTS``
    order): its part's place, or a night said after its day (``night_after``: "Friday night", which
    names no part) as that day's evening and the next day's night; () when it names no part."""
    base = day.toordinal() * len(PARTS)
    if part in _ORDER:
        return (base + _ORDER[part],)
    if night_after:
        return (base + _ORDER["evening"], base + len(PARTS))
    return ()


def narrow(window: Window | None, day: date | None, part: str | None, night_after: bool) -> Window | None:
    """A text-dated day's window begun where the part it names begins (``quarters``), with a little
    slack (its end stays the day's: a report may date a late wave to its part); a clock time's keeps
    its window and gets its part's place; any other as it was.

    A night dated to its day keeps the day's window ("the night of September 14" may be the one
    after it, as "Friday night" is), and a day stated after its bare page date ("early on Tuesday"
    on a page of Monday: ``Window.page_day``) is no sure day: it names no place among the parts."""
    if window is None or day is None or window.stated is None or window.page_day is not None:
        return window
    places = quarters(day, part, night_after)
    if not places or window.precision != "day":
        return replace(window, quarters=places) if places and part in _ORDER else window
    lo_h, hi_h = (STARTS[part], _ENDS[part]) if part in _ORDER else NIGHT_AFTER
    span = (window.stated[0] + lo_h * HOUR, window.stated[0] + hi_h * HOUR)
    if part == "night":
        return replace(window, part_span=span, quarters=places)
    lo = max(window.start, span[0] - PART_SLACK)  # it began no earlier than its part; its end stays
    return replace(window, start=lo, end=max(lo + HOUR, window.end), part_span=span, quarters=places)


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
    """Why two mentions of one date or of neighbouring dates are two events by their parts of the
    day (their places on the timeline of parts two or more apart), or None."""
    qa = a.window.quarters if a.window is not None else ()
    qb = b.window.quarters if b.window is not None else ()
    if not qa or not qb or min(abs(x - y) for x in qa for y in qb) < 2:
        return None
    if a.day == b.day and len(qa) == len(qb) == 1:
        return f"one day's {part_of(a)} and {part_of(b)} (parts of the day apart)"
    return "parts of the day apart (a night said after its day, or neighbouring days' parts)"


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


def _part_gap(f: Features, inc: Incident) -> int | None:
    """How many places on the timeline of parts lie between ``f`` and the nearest member of ``inc``
    that names a part; None when either names none."""
    mine = f.window.quarters if f.window is not None else ()
    gaps = [
        abs(x - y) for m in inc.members[:64] if m.window is not None for y in m.window.quarters for x in mine
    ]
    return min(gaps) if gaps else None


def part_tells(f: Features, best: Incident, other: Incident) -> bool:
    """Does the part of the day ``f`` names tell ``best`` from ``other``? ``best`` has a member of
    that very part ("late on Sunday" beside an evening strike) and ``other`` only neighbouring ones
    (a strike at 00:10 the next night): a text told of its part fits its own part better than the
    next one, which is only compatible."""
    near, far = _part_gap(f, best), _part_gap(f, other)
    return near == 0 and far is not None and far > 0


def rank_by_part(f: Features, scored: list[Scored]) -> list[Scored]:
    """Candidates ranked best first, with the best of those sharing ``f``'s part of the day moved to
    the front when the first shares only a neighbouring part and it fits as well in place: the part a
    text names tells which of two strikes a night apart it tells of (``part_tells``)."""
    if len(scored) < 2 or _part_gap(f, scored[0][2]) in (None, 0):
        return scored
    top = scored[0][3].parts
    for i, (_s, _o, inc, ev) in enumerate(scored[1:], 1):
        if _part_gap(f, inc) == 0 and ev.parts is not None and (top is None or ev.parts[0] >= top[0]):
            return [scored[i], *scored[:i], *scored[i + 1 :]]
    return scored
