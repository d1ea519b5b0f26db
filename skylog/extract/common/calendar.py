"""The calendar of every language's time stage: how a time expression becomes dates.

The words are pack data (``TimeWords`` of ``skylog.extract.packs``); this module holds the
language-neutral arithmetic the time stages (``common.timex`` for English and datelines,
``ruuk.timex`` for Russian/Ukrainian posts, ``common.anchor``) share:

- a weekday is the latest such day on or before publication (on or before the day after a bare
  publication date, which may be written in a time zone a day behind), unless the text says "next";
- the night into a day (and an overnight window) is dated to the morning it ends;
- a past date without a year is the latest such date on or before its reference (publication,
  allowing ``slack`` days for a post written in an earlier time zone), with a year it is that date;
- a clock window carries the time zone its words name (``мск``), else the language's default;
- precision ranks: hour, day, week, month, unknown (lower is more specific);
- a day expression directly followed by a clock time ("сегодня около 15.00") is one expression;
- an event left without any date says so in a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from skylog.extract.packs import TimeWords
from skylog.nlp.spans import TimeMention
from skylog.records import TimeExpr

PRECISION_RANK = {"hour": 0, "day": 1, "week": 2, "month": 3, "unknown": 4}


def weekday_on_or_before(base: date, weekday: int, slack: int = 0) -> date:
    """The latest ``weekday`` (0 = Monday) on or before ``base`` + ``slack`` days: "on Sunday" in a
    Monday post is yesterday; "early on Tuesday" in a post dated Monday without a clock time (``slack``
    1, see :func:`day_slack`) is the next day, not a week before."""
    top = base + timedelta(days=slack)
    return top - timedelta(days=(top.weekday() - weekday) % 7)


def weekday_after(base: date, weekday: int) -> date:
    """The first ``weekday`` after ``base``: "next Tuesday"."""
    return base + timedelta(days=(weekday - base.weekday() - 1) % 7 + 1)


def date_only(published: datetime | None) -> bool:
    """A publication given as a bare date (no clock time: midnight exactly)."""
    return published is not None and (published.hour, published.minute, published.second) == (0, 0, 0)


def day_slack(published: datetime | None) -> int:
    """How many days past its publication day a report's weekday may fall: a bare publication date
    may be written in a time zone up to a day behind the event's (as a wire dateline, which
    ``common.timex.dateline`` reads with the same slack), so 1; a publication with a clock time, 0."""
    return 1 if date_only(published) else 0


def past_date(ref: date, month: int, day: int, year: int | None = None, slack: int = 0) -> date | None:
    """The date with this day and month: in ``year`` if given, else the latest on or before
    ``ref`` + ``slack`` days ("28 December" read in January is last year's); None if impossible."""
    try:
        if year:
            return date(year, month, day)
        d = date(ref.year, month, day)
        if d > ref + timedelta(days=slack):
            d = date(ref.year - 1, month, day)
        return d
    except ValueError:
        return None


def night_into(day: date) -> date:
    """The date an attack in the night into ``day`` carries: the morning it ends (``day`` itself)."""
    return day


def overnight(start: date, end: date) -> bool:
    """A window from one day into the next (20:00 to 07:00): dated to its end, with day precision."""
    return start < end


def week_of(ref: date, weeks_before: int) -> tuple[date, date]:
    """Monday..Sunday of the week ``weeks_before`` weeks before the one holding ``ref``."""
    start = ref - timedelta(days=ref.weekday() + 7 * weeks_before)
    return start, start + timedelta(days=6)


@lru_cache(maxsize=16)
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def zone_of(words: TimeWords, text: str, language: str) -> ZoneInfo | None:
    """The time zone ``text`` names ("до 23:00 мск"), else the language's default, else None (naive)."""
    rx = _zone_rx(words)
    m = rx.search(text) if rx is not None else None
    name = words.zone(m.group(0)) if m else None
    name = name or words.default_zones.get(language)
    return zone(name) if name else None


_ZONE_RX: dict[int, re.Pattern[str] | None] = {}


def _zone_rx(words: TimeWords) -> re.Pattern[str] | None:
    key = id(words)
    if key not in _ZONE_RX:
        _ZONE_RX[key] = (
            re.compile(r"(?<![\w-])" + words.fragments()["ZONE_WORD"] + r"(?![\w-])", re.I)
            if words.zones
            else None
        )
    return _ZONE_RX[key]


def iso(d: date, t: time | None = None, tz: ZoneInfo | None = None) -> str:
    """``d`` (day precision) or ``d`` at ``t`` in ``tz`` as ISO-8601."""
    if t is None:
        return d.isoformat()
    return datetime.combine(d, t, tzinfo=tz).isoformat()


def clock(hour: int, minute: int, meridiem: str | None = None) -> time | None:
    """A clock time; ``meridiem`` "am"/"pm" shifts a 12-hour reading; None when impossible."""
    if meridiem == "pm" and hour < 12:
        hour += 12
    elif meridiem == "am" and hour == 12:
        hour = 0
    if 0 <= hour < 24 and 0 <= minute < 60:
        return time(hour, minute)
    return None


def clock_on_day(expr: TimeExpr, day: date) -> TimeExpr:
    """``expr``'s clock window moved by whole days so that it starts on ``day``; text and span kept."""
    s = datetime.fromisoformat(str(expr.start))
    e = datetime.fromisoformat(str(expr.end or expr.start))
    shift = day - s.date()
    return TimeExpr(
        text=expr.text,
        start=(s + shift).isoformat(),
        end=(e + shift).isoformat(),
        precision=expr.precision,
        span=expr.span,
    )


def _shifted(text: str, hour_expr: TimeExpr, day: date, span: tuple[int, int]) -> TimeExpr:
    """``hour_expr``'s clock window moved onto ``day``, as one expression covering ``span``."""
    moved = clock_on_day(hour_expr, day)
    return TimeExpr(
        text=text[span[0] : span[1]], start=moved.start, end=moved.end, precision="hour", span=span
    )


def _is_day(x: TimeExpr) -> bool:
    return x.precision == "day" and bool(x.start) and len(str(x.start)) == 10


def _is_hour(x: TimeExpr) -> bool:
    return x.precision == "hour" and bool(x.start)


def merge_adjacent(
    found: list[TimeMention], folded: str, text: str, gap_after_clock: Callable[[str], bool]
) -> list[TimeMention]:
    """A day followed (within 3 characters) by a clock time, or a clock time followed by its day
    (``gap_after_clock``: the words between, "утра," "ранку"), is one expression on that day."""
    out: list[TimeMention] = []
    for f in found:
        if out:
            prev = out[-1]
            gap = folded[prev.end : f.start]
            if len(gap) <= 3 and _is_day(prev.expr) and _is_hour(f.expr):
                day = date.fromisoformat(str(prev.expr.start))
                out[-1] = TimeMention(prev.start, f.end, _shifted(text, f.expr, day, (prev.start, f.end)))
                continue
            if gap_after_clock(gap) and _is_hour(prev.expr) and _is_day(f.expr):
                day = date.fromisoformat(str(f.expr.start))
                out[-1] = TimeMention(prev.start, f.end, _shifted(text, prev.expr, day, (prev.start, f.end)))
                continue
        out.append(f)
    return out


def _time_of(ev: Any) -> Any:
    return ev.get("time") if isinstance(ev, dict) else getattr(ev, "time", None)


def undated_warning(events: Iterable[Any], published: datetime | None) -> str | None:
    """A warning naming how many events carry no date at all (no start, no bound), or None."""
    n = 0
    for ev in events:
        t = _time_of(ev)
        start = t.get("start") if isinstance(t, dict) else getattr(t, "start", None)
        end = t.get("end") if isinstance(t, dict) else getattr(t, "end", None)
        if not start and not end:
            n += 1
    if not n:
        return None
    if published is None:
        return f"{n} event(s) undated: the text gives no date and the report no publication time"
    return f"{n} event(s) undated in the text: only the publication time bounds them"
