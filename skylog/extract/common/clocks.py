"""A clock time told alone in an event's sentence, placed on its report's reference day.

"At around 7:30 p.m. a drone hit a building", «О 19:40 ворог атакував …», "at 06:15 local time": a
sentence that gives only a clock and no day leaves its event with no time, or with the day of its
report's lead (or of the reference the report ties its attack to, ``common.anchor``) and no hour. The
clock is the event's hour on the report's reference day:

- the day the event's time already carries from its report (the lead's day, an anchored reference's),
  else the day an earlier event of the report is told on (its time context); the night of a night
  word is the one into that day (an evening clock of "overnight" is the day before's), a small-hours
  clock of an evening the day after's;
- else the publication day (in the language's zone, the packs' ``[time.default_zones]``);
- the day before, when that day is the publication day and the clock is later than the publication
  time (by more than half an hour).

A clock the time stage itself read on the publication day (``ruuk.timex``: «о 23:10» alone) takes the
report's context day the same way when there is one.

The time keeps hour precision, the clock as its text and span, and ``basis`` "clock_anchored", so an
analyst sees its day was given by the report, not by the sentence.

A clock is read only where it is a time of day: after a word that places it (the packs' ``[time]``
CLOCK_AT: "at", "around", «около», «о») or before "a.m."/"p.m."; never as one end of a window ("с 20:00
до 23:00", "from 23:50"), never a statement's time ("said at 10:00", «станом на 10:00»), never a figure
with its unit ("about 2.30 hours", the packs' CLOCK_UNIT), and not in a sentence with more than one
clock (a window or several events: the time stages read those).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from skylog.extract.common.calendar import clock, date_only, iso, zone_of
from skylog.extract.common.dayparts import STARTS, read_part
from skylog.extract.common.sentence import CLOCK, sentence_around
from skylog.extract.packs import every_pack, time_words
from skylog.records import TimeExpr

CLOCK_ANCHORED = "clock_anchored"
_SLACK = timedelta(minutes=30)  # a post written just after the time it tells of
_NEAR = 40  # characters before a clock where a statement's or a window's words may stand


class _Words:
    def __init__(self, language: str) -> None:
        w = time_words(language)
        self.w = w
        hm = CLOCK.pattern
        meridiem = rf"(?:\s*(?P<mer>{w.regex('AM', 'PM')}))"
        # after a word that places it ("at 19:40", «около 22:00»), or before its half of the day ("7:30 p.m.")
        self.at = (
            re.compile(rf"(?<![\w-])(?:{w.regex('CLOCK_AT')})\s+{hm}{meridiem}?(?!\w)", re.I),
            re.compile(rf"{hm}{meridiem}(?!\w)", re.I),
        )
        self.pm = {k.casefold() for k in w.words("PM")}
        self.unit = re.compile(rf"\s*(?:{w.regex('CLOCK_UNIT')})(?![\w-])", re.I)
        said = "|".join(p.text(f"anchor.{n}") for p in every_pack() for n in ("STATEMENT", "WINDOW_START"))
        self.said = re.compile(rf"(?:{said})[^.!?\n]{{0,{_NEAR}}}$", re.I)
        # the statement's verb just after the clock, at most two words on («о 10:00 повідомив», "at 10:00 said")
        stated = "|".join(p.text("anchor.STATEMENT") for p in every_pack())
        self.said_after = re.compile(rf"[\W_]*(?:\w+[\W_]+){{0,2}}?(?:{stated})", re.I)


@lru_cache(maxsize=4)
def _words(language: str) -> _Words:
    return _Words(language)


def sentence_clock(text: str, lo: int, hi: int, language: str) -> tuple[re.Match[str], time] | None:
    """The one clock time of day of ``text[lo:hi]`` (a sentence), with its time, or None."""
    if len(CLOCK.findall(text, lo, hi)) != 1:
        return None
    w = _words(language)
    m = next((x for x in (rx.search(text, lo, hi) for rx in w.at) if x), None)
    if (
        m is None
        or w.unit.match(text, m.end())
        or w.said_after.match(text, m.end())
        or w.said.search(text[max(lo, m.start() - _NEAR) : m.start()])
    ):
        return None
    mer = m.group("mer")
    meridiem = ("pm" if mer.casefold() in w.pm else "am") if mer else None
    at = clock(int(m.group("h")), int(m.group("m")), meridiem)
    return (m, at) if at is not None else None


def _local(published: datetime | None, language: str) -> datetime | None:
    """The publication time in the language's zone (as given where the pack names none)."""
    if published is None:
        return None
    tz = zone_of(time_words(language), "", language)
    return published.astimezone(tz) if tz is not None else published


def _reference_day(
    te: TimeExpr | None, at: time, text: str, published: datetime | None, language: str
) -> date | None:
    """The day the report gives the event (``te``: its lead's or its context's day; an evening clock
    of a night the day before, a small-hours clock of an evening the day after), else the publication
    day; the day before either when it is the publication day and the clock is later than publication."""
    local = _local(published, language)
    if te is not None and te.start and te.precision == "day":
        day = date.fromisoformat(te.start[:10])
        part = (read_part(te, text) or ("", None))[0]
        if part == "night" and at.hour >= STARTS["afternoon"]:
            day -= timedelta(days=1)
        elif part == "evening" and at.hour < STARTS["morning"]:
            day += timedelta(days=1)
    elif local is not None:
        day = local.date()
    else:
        return None
    if local is None or published is None or date_only(published) or day != local.date():
        return day
    later = at > (local + _SLACK).time() and (local + _SLACK).date() == local.date()
    return day - timedelta(days=1) if later else day


def _open(te: TimeExpr | None, lo: int, hi: int, bare: bool) -> bool:
    """May the event's time take its sentence's clock: none, a day told outside its sentence (the
    report's lead, an anchored reference), or (``bare``) the sentence's clock read on the publication
    day by the time stage; not a statement's time nor a follow-up's bound by publication."""
    if te is None or (te.start is None and not te.basis):
        return True
    if te.weak or not te.start or te.basis:
        return False
    inside = bool(te.span and lo <= te.span[0] < hi)
    return not inside if te.precision == "day" else bare and te.precision == "hour" and inside


def _context(events: list[Any], before: int, text: str) -> TimeExpr | None:
    """The day an earlier event of the report is told on, before ``before`` (the report's time context)."""
    out = None
    for ev in events:
        te = getattr(ev, "time", None)
        if not isinstance(te, TimeExpr) or te.precision != "day" or te.weak or not te.span or not te.start:
            continue
        if te.span[1] <= before and (out is None or out.span is None or te.span[0] > out.span[0]):
            out = te
    return out


def clock_time(
    ev: Any, text: str, published: datetime | None, language: str, events: list[Any] | None = None
) -> TimeExpr | None:
    """The event's time at its sentence's clock on its report's day (``events``: the report's, whose
    days told before give the context), or None to keep its own."""
    spans = getattr(ev, "spans", None) or []
    te = getattr(ev, "time", None)
    if not spans or not isinstance(te, TimeExpr | type(None)):
        return None
    lo, hi = sentence_around(text, int(spans[0][0]), int(spans[0][1]))  # all of the event's words
    found = sentence_clock(text, lo, hi, language)
    if found is None:
        return None
    m, at = found
    bare = te is not None and te.span is not None and tuple(te.span) == (m.start(), m.end())
    if not _open(te, lo, hi, bare):
        return None
    ref = te if te is not None and te.precision == "day" else _context(events or [], lo, text)
    if bare and ref is None:
        return None  # the time stage's own reading on the publication day stands
    day = _reference_day(ref, at, text, published, language)
    if day is None:
        return None
    tz = zone_of(time_words(language), text[m.start() : m.end() + 30], language)
    stamp = iso(day, at, tz)
    return TimeExpr(
        text=m.group(0),
        start=stamp,
        end=stamp,
        precision="hour",
        span=(m.start(), m.end()),
        basis=CLOCK_ANCHORED,
    )


def anchor_clocks(
    events: list[Any], text: str | None, published: datetime | None, language: str = "en"
) -> int:
    """Give each event whose sentence tells only a clock that hour on its report's day; how many got one."""
    if not text or not events:
        return 0
    language = language if language in ("en", "ru", "uk") else "en"
    found = [clock_time(ev, text, published, language, events) for ev in events]
    for ev, new in zip(events, found, strict=True):
        if new is not None:
            ev.time = new
    return sum(new is not None for new in found)
