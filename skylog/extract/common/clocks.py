"""A clock time told alone in an event's sentence, placed on its report's reference day.

"At around 7:30 p.m. a drone hit a building", «О 19:40 ворог атакував …», "at 06:15 local time": a
sentence that gives only a clock and no day leaves its event with no time, or with the day of its
report's lead (or of the reference the report ties its attack to, ``common.anchor``) and no hour. The
clock is the event's hour on the report's reference day:

- the day the event's time already carries from its report (the lead's day, an anchored reference's),
  the night of a night word being the one into that day (an evening clock of "overnight" is the day
  before's);
- else the publication day (in the language's zone, the packs' ``[time.default_zones]``), the day
  before when the clock is later than the publication time (by more than half an hour).

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
from skylog.extract.common.dayparts import read_part
from skylog.extract.packs import every_pack, time_words
from skylog.records import TimeExpr

CLOCK_ANCHORED = "clock_anchored"
_SLACK = timedelta(minutes=30)  # a post written just after the time it tells of
_NEAR = 40  # characters before a clock where a statement's or a window's words may stand
# a sentence's end; not the stop of a one-letter abbreviation ("7:30 p.m. a drone hit")
_END = re.compile(r"(?<!\b\w)[.!?…]+(?=\s|$)|\n")
_ANY_CLOCK = re.compile(r"(?<![\d.:,])(\d{1,2})[:.](\d{2})(?![\d]|[.,:]\d)")


class _Words:
    def __init__(self, language: str) -> None:
        w = time_words(language)
        self.w = w
        hm = r"(?<![\d.:,])(?P<h>\d{1,2})[:.](?P<m>\d{2})(?!\d|[.,:]\d)"
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
    if len(_ANY_CLOCK.findall(text, lo, hi)) != 1:
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


def _reference_day(
    te: TimeExpr | None, at: time, text: str, published: datetime | None, language: str
) -> date | None:
    """The day the report gives the event (its time's day; a night's evening clock the day before),
    else the publication day, or the day before it when the clock is later than publication."""
    if te is not None and te.start and te.precision == "day":
        day = date.fromisoformat(te.start[:10])
        part = read_part(te, text)
        return day - timedelta(days=1) if part and part[0] == "night" and at.hour >= 12 else day
    if published is None:
        return None
    tz = zone_of(time_words(language), "", language)
    local = published.astimezone(tz) if tz is not None else published
    if date_only(published):
        return published.date()
    later = at > (local + _SLACK).time() and (local + _SLACK).date() == local.date()
    return local.date() - timedelta(days=1) if later else local.date()


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around the event's words (all of them: a mention may span two)."""
    lo = max((m.end() for m in _END.finditer(text, 0, start)), default=0)
    m = _END.search(text, max(start, end - 1))
    return lo, (m.start() if m else len(text))


def _open(te: TimeExpr | None, lo: int, hi: int) -> bool:
    """May the event's time take its sentence's clock: none, or a day told outside its sentence (the
    report's lead, an anchored reference), not a statement's nor a follow-up's bound by publication."""
    if te is None or (te.start is None and not te.basis):
        return True
    if te.precision != "day" or te.weak or not te.start:
        return False
    return not (te.span and lo <= te.span[0] < hi)


def clock_time(ev: Any, text: str, published: datetime | None, language: str) -> TimeExpr | None:
    """The event's time at its sentence's clock on its report's day, or None to keep its own."""
    spans = getattr(ev, "spans", None) or []
    te = getattr(ev, "time", None)
    if not spans or not isinstance(te, TimeExpr | type(None)):
        return None
    lo, hi = _sentence(text, int(spans[0][0]), int(spans[0][1]))
    if not _open(te, lo, hi):
        return None
    found = sentence_clock(text, lo, hi, language)
    if found is None:
        return None
    m, at = found
    day = _reference_day(te, at, text, published, language)
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
    n = 0
    for ev in events:
        new = clock_time(ev, text, published, language)
        if new is not None:
            ev.time = new
            n += 1
    return n
