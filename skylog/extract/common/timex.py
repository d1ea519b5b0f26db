"""Time expressions normalised against a report's publication time.

dateparser handles explicit dates ("17 September", "Oct. 9", "1 июня"); the rules here add what it
does not do (checked in ``shared/notes/offline-stack.md``): "overnight", "the night of 3 to 4 May",
"early Monday", "Wednesday night", "в ночь на воскресенье". The words are the language packs' ``[time]``
tables (every pack's for a dateline, whose language is not known); the conventions are
``common.calendar``'s: an overnight attack is dated to the morning it ends; a weekday is the latest such
day on or before publication (the day after a bare publication date included), or after it when the
text says "next"; without a publication date only a fully explicit date (with year) is
resolved, everything else stays unknown.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from skylog.extract.common.calendar import (
    clock,
    day_slack,
    night_into,
    past_date,
    week_of,
    weekday_after,
    weekday_on_or_before,
)
from skylog.extract.packs import TimeWords, time_words, words_regex
from skylog.records import TimeExpr


class _Words:
    """One language's time words (every pack's for text of no known language) compiled for ``normalise_time``."""

    def __init__(self, w: TimeWords) -> None:
        self.w = w
        word = lambda rx: re.compile(r"(?<![\w-])" + rx + r"(?![\w-])", re.I)  # noqa: E731
        self.weekday = re.compile(r"(?<![\w-])(" + words_regex(w.weekdays) + r")(?![\w-])", re.I)
        self.next = re.compile(r"(?<![\w-])" + w.regex("NEXT") + r"\s+$", re.I)  # "next Tuesday"
        self.days_before = [
            (2, word(w.regex("DAY_BEFORE_YESTERDAY"))),
            (1, word(w.regex("YESTERDAY", "EVE"))),
            (0, word(w.regex("TODAY", "RUN_OF_DAYS", "LAST_NIGHT", "AT_NIGHT", "PART_OF_DAY", "DAWN"))),
        ]
        self.weeks = [(1, word(w.regex("LAST_WEEK"))), (0, word(w.regex("THIS_WEEK")))]
        night = w.regex("NIGHT", "LAST_NIGHT")
        self.night_into = re.compile(
            rf"(?<![\w-]){night}(?![\w-]).{{0,12}}?(?<![\w-]){w.regex('NIGHT_INTO')}(?![\w-])", re.I
        )
        self.night = word(w.regex("NIGHT"))
        self.night_form = re.compile(w.regex("NIGHT_FORMS"), re.I)  # inside any word: "overnight"
        link = r"\s*(?:[-–—]|" + w.regex("RANGE_LINK") + r")\s*"
        nth = f"{w.regex('ORDINAL')}?"
        year = r"(?:,?\s+(\d{4})\b)?"
        # "3 to 4 May (2025)", "December 4 into 5, 2025": the night's two days and their month
        self.night_range = re.compile(rf"(\d{{1,2}}){nth}{link}(\d{{1,2}}){nth}\s+([^\W\d]+){year}", re.I)
        self.night_range_md = re.compile(
            rf"(?<![\w-])({words_regex(w.months)})\s+\d{{1,2}}{nth}{link}(\d{{1,2}}){nth}\b{year}",
            re.I,
        )
        wd = words_regex(w.weekdays)
        # "overnight Tuesday into Wednesday", "the night of Tuesday to Wednesday": the night's two weekdays
        nights = w.regex("NIGHT_FORMS")
        self.weekday_range = re.compile(rf"(?<![\w-])({wd})(?:\s+{nights})?{link}({wd})(?![\w-])", re.I)
        self.filler = word(w.regex("FILLER"))
        # (no part of a date in figures: "10.29.2022")
        self.clock = re.compile(
            r"\b(?<!\d[./])(\d{1,2})[:.](\d{2})(?![./]?\d)\s*(" + w.regex("AM", "PM") + r")?", re.I
        )
        self.month_first = w.words("NUMERIC_DATE_ORDER")[:1] == ("month",)
        self.pm = {k.casefold() for k in w.words("PM")}


@lru_cache(maxsize=8)
def _words(language: str | None) -> _Words:
    return _Words(time_words(language))


# the weekday forms of every language (the linker reads undated weekdays with them)
_WD_RE = _words(None).weekday
WEEKDAYS = {k.replace("'", a): n for k, n in _words(None).w.weekdays.items() for a in "'’ʼ"}


@lru_cache(maxsize=4096)
def _dateparse(text: str, base_iso: str | None, language: str) -> datetime | None:
    import dateparser

    settings: dict = {
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": ["day", "month"],
    }
    if base_iso:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(base_iso)
    else:
        settings["REQUIRE_PARTS"] = ["day", "month", "year"]
    try:
        return dateparser.parse(text, languages=[language], settings=settings)
    except (ValueError, OverflowError):  # a date out of range ("31 February", a year past 9999): unknown
        return None


# a date all in figures with its year: "10.29.2022", "29/10/2022"
_NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})[./](\d{1,2})[./](\d{4})\b")


def numeric_date(a: int, b: int, year: int, month_first: bool, latest: date | None = None) -> date | None:
    """The day of a date told in figures: in the language's order where both orders could be read
    ("05.06.2022"), in the only order that can read it otherwise ("10.29.2022" is October 29). With
    ``latest`` (the day after publication), an order that reads a day after it yields to one that does not:
    a report tells of its past ("06.05.2025" in a report of 7 May 2025 is 6 May, whatever the language's
    order)."""
    orders = [(a, b), (b, a)] if month_first else [(b, a), (a, b)]
    days = []
    for month, day in orders:
        try:
            days.append(date(year, month, day))
        except ValueError:
            continue
    if latest is not None and any(d <= latest for d in days):
        days = [d for d in days if d <= latest]
    return days[0] if days else None


def _explicit_date(text: str, published: datetime | None, language: str) -> date | None:
    base = published.replace(tzinfo=None).isoformat() if published else None
    w = _words(language)
    num = _NUMERIC_DATE.search(text)
    if num:
        latest = published.date() + timedelta(days=1) if published else None
        return numeric_date(int(num.group(1)), int(num.group(2)), int(num.group(3)), w.month_first, latest)
    cleaned = w.weekday.sub(" ", text)
    cleaned = w.filler.sub(" ", cleaned)
    cleaned = w.clock.sub(" ", cleaned)
    cleaned = re.sub(r"[,\s]+", " ", cleaned).strip()
    if not re.search(r"\d", cleaned):
        return None
    dt = _dateparse(cleaned, base, language)
    if dt is None:
        return None
    d = dt.date()
    if published and d > published.date() and not re.search(r"\b\d{4}\b", cleaned):
        d = past_date(published.date(), d.month, d.day, d.year - 1) or d  # "28 December" read in January
    return d


def _clock_on(day: date, t: str, w: _Words) -> datetime | None:
    """The clock time written in ``t`` ("14:30", "2.15 pm") on ``day``; None when there is none or it is impossible."""
    m = w.clock.search(t)
    if not m:
        return None
    meridiem = None
    if m.group(3):
        meridiem = "pm" if m.group(3).casefold() in w.pm else "am"
    at = clock(int(m.group(1)), int(m.group(2)), meridiem)
    return datetime.combine(day, at) if at is not None else None


def _night_range(t: str, published: datetime | None, language: str, w: _Words) -> date | None:
    """The night of "3 to 4 May" / "December 4 into 5, 2025": dated to the morning it ends."""
    m = w.night_range.search(t)
    if m:
        day, month, year = m.group(2), m.group(3), m.group(4)
    else:
        m = w.night_range_md.search(t)
        if not m:
            return None
        month, day, year = m.group(1), m.group(2), m.group(3)
    d = _explicit_date(f"{day} {month} {year or ''}".strip(), published, language)
    return night_into(d) if d else None


def _relative_day(t: str, published: datetime, w: _Words) -> date | None:
    """A weekday (on or before publication, see ``calendar.weekday_on_or_before``; after it when the
    text says "next") or a relative day word ("yesterday", «напередодні»)."""
    pub_day = published.date()
    wd = w.weekday.search(t)
    night = w.weekday_range.search(t) if w.night_form.search(t) else None
    if night:  # a night of two weekdays: dated to the morning it ends
        return weekday_on_or_before(pub_day, w.w.weekday(night.group(2)) or 0, day_slack(published))
    if wd:
        n = w.w.weekday(wd.group(1)) or 0
        if w.next.search(t[: wd.start()]):
            return weekday_after(pub_day, n)
        return weekday_on_or_before(pub_day, n, day_slack(published))
    for days, rx in w.days_before:
        if rx.search(t):
            return pub_day - timedelta(days=days)  # "yesterday evening" stays yesterday
    return None


def normalise_time(
    text: str | None, published: datetime | None, language: str = "en", span: tuple[int, int] | None = None
) -> TimeExpr:
    """Resolve a time expression to a date (or hour) with its precision; unknown stays unknown."""
    if not text:
        return TimeExpr(text=None, precision="unknown", span=span)
    t = text.strip()
    w = _words(language)
    pub_day = published.date() if published else None
    day: date | None = None

    if w.night_into.search(t) or w.night.search(t):
        day = _night_range(t, published, language, w)
    if day is None:
        day = _explicit_date(t, published, language)
    if day is None and published is not None and pub_day is not None:
        day = _relative_day(t, published, w)
        if day is None:
            for weeks, rx in w.weeks:
                if rx.search(t):
                    start, end = week_of(pub_day, weeks)
                    return TimeExpr(
                        text=text, start=start.isoformat(), end=end.isoformat(), precision="week", span=span
                    )
    if day is None:
        return TimeExpr(text=text, precision="unknown", span=span)
    at = _clock_on(day, t, w)
    if at is not None:
        return TimeExpr(text=text, start=at.isoformat(), end=at.isoformat(), precision="hour", span=span)
    return TimeExpr(text=text, start=day.isoformat(), end=day.isoformat(), precision="day", span=span)


# A wire dateline at the start of a paragraph: "KALUGA, Nov 22 –", "BELGOROD, August 18. /TASS/",
# "MOSCOW, Dec 5 (Reuters) -", "БЕЛГОРОД, 18 августа. /ТАСС/", "КИЇВ, 3 травня —".
_DL = _words(None).w
_DATELINE = re.compile(
    r"(?:^|\n)[ \t]*[A-ZА-ЯЁІЇЄ][A-ZА-ЯЁІЇЄ'’\-]+(?:[ \-][A-ZА-ЯЁІЇЄ][A-ZА-ЯЁІЇЄ'’\-]+)*,\s+"
    rf"(?P<date>(?i:(?P<m1>{words_regex(_DL.months)}))\s+\d{{1,2}}(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}\s+(?i:(?P<m2>{words_regex(_DL.months)}))(?:\s+\d{{4}}(?:\s*(?i:{_DL.regex('YEAR')}))?)?)"
    r"(?=\s*[.,(/–—\-]|\s+\()",
)


def dateline(text: str, published: datetime | None, head: int = 600) -> TimeExpr | None:
    """The date of a wire dateline near the start of ``text``, if there is one.

    Resolved to the latest such date on or before the day after publication
    (a dateline is written in the place's time zone); without a publication
    date the year is unknown, so only the text is returned (precision unknown).
    """
    m = _DATELINE.search(text[:head])
    if not m:
        return None
    raw = m.group("date")
    s, e = m.span("date")
    nums = [int(x) for x in re.findall(r"\d+", raw)]
    month = _DL.month(m.group("m1") or m.group("m2"))
    day = nums[0] if nums else None
    year = nums[1] if len(nums) > 1 and nums[1] > 1900 else None
    if month is None or day is None or not 1 <= day <= 31:
        return None
    if year is None and published is None:
        return TimeExpr(text=raw, precision="unknown", span=(s, e))
    # a dateline is written in the place's time zone: up to a day after publication
    d = past_date(published.date() if published else date(year or 1, 1, 1), month, day, year, slack=1)
    if d is None:
        return None
    return TimeExpr(text=raw, start=d.isoformat(), end=d.isoformat(), precision="day", span=(s, e))
