"""Time expressions normalised against a report's publication time.

dateparser handles explicit dates ("17 September", "Oct. 9", "1 июня"); the rules here add what it
does not do (checked in ``shared/notes/offline-stack.md``): "overnight", "the night of 3 to 4 May",
"early Monday", "Wednesday night", "в ночь на воскресенье". Conventions: an overnight attack is dated to
the morning it ends; a weekday is the latest such day on or before publication; without a publication
date only a fully explicit date (with year) is resolved, everything else stays unknown.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from skylog.records import TimeExpr

WEEKDAYS = {
    # English
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    # Russian (stems)
    "понедельник": 0, "вторник": 1, "сред": 2, "четверг": 3, "пятниц": 4, "суббот": 5, "воскресень": 6,
    # Ukrainian (stems)
    "понеділ": 0, "вівтор": 1, "серед": 2, "четвер": 3, "п'ятниц": 4, "п’ятниц": 4, "субот": 5, "неділ": 6,
}  # fmt: skip
_WD_RE = re.compile(r"\b(" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\w*", re.I)

# "the day of publication" phrases: overnight reports are dated to the morning they end.
_TODAY = re.compile(
    r"\b(overnight|last night|past night|previous night|during the night|at night|tonight|this morning|"
    r"today|earlier today|earlier in the day|early hours|morning hours|in the morning|this evening|this afternoon|"
    r"ночью|минувшей ночью|прошлой ночью|этой ночью|сегодня|утром|вночі|минулої ночі|цієї ночі|сьогодні|зранку)\b",
    re.I,
)
_YESTERDAY = re.compile(r"\b(yesterday|вчера|вчора|напередодні|накануне)\b", re.I)
_DAY_BEFORE = re.compile(r"\b(day before yesterday|позавчера|позавчора)\b", re.I)
_NIGHT_RANGE = re.compile(
    r"(\d{1,2})(?:st|nd|rd|th)?\s*(?:to|into|-|–|—|на|and)\s*(\d{1,2})(?:st|nd|rd|th)?\s+([^\W\d]+)", re.I
)
_NIGHT_INTO = re.compile(r"\b(?:night|overnight|ночь|ніч)\b.{0,12}?\b(?:into|to|on|на|проти|з)\b", re.I)
_CLOCK = re.compile(r"\b(\d{1,2})[:.](\d{2})\s*(a\.?m\.?|p\.?m\.?)?", re.I)
_LAST_WEEK = re.compile(r"\b(last week|this week|на прошлой неделе|минулого тижня)\b", re.I)
_EVENING = re.compile(r"\b(night|evening|вечер|вечір)\b", re.I)


def _weekday_on_or_before(base: date, weekday: int) -> date:
    return base - timedelta(days=(base.weekday() - weekday) % 7)


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
    except Exception:  # dateparser raises on odd input; unknown stays unknown
        return None


def _explicit_date(text: str, published: datetime | None, language: str) -> date | None:
    base = published.replace(tzinfo=None).isoformat() if published else None
    cleaned = _WD_RE.sub(" ", text)
    cleaned = re.sub(
        r"\b(on|early|late|the|of|night|overnight|morning|evening|afternoon|at|around|about|yesterday|today|"
        r"last|this|in|from|into|to|between|and)\b",
        " ",
        cleaned,
        flags=re.I,
    )
    cleaned = _CLOCK.sub(" ", cleaned)
    cleaned = re.sub(r"[,\s]+", " ", cleaned).strip()
    if not re.search(r"\d", cleaned):
        return None
    dt = _dateparse(cleaned, base, language)
    if dt is None:
        return None
    d = dt.date()
    if published and d > published.date() and not re.search(r"\b\d{4}\b", cleaned):
        d = d.replace(year=d.year - 1)  # "28 December" read in January: last year's
    return d


def normalise_time(
    text: str | None, published: datetime | None, language: str = "en", span: tuple[int, int] | None = None
) -> TimeExpr:
    """Resolve a time expression to a date (or hour) with its precision; unknown stays unknown."""
    if not text:
        return TimeExpr(text=None, precision="unknown", span=span)
    t = text.strip()
    pub_day = published.date() if published else None
    day: date | None = None
    precision = "day"

    m = _NIGHT_RANGE.search(t)
    if m and _NIGHT_INTO.search(t) or (m and re.search(r"\b(night|ночь|ніч)\b", t, re.I)):
        day = _explicit_date(f"{m.group(2)} {m.group(3)}", published, language)
    if day is None:
        day = _explicit_date(t, published, language)
    if day is None and pub_day is not None:
        wd = _WD_RE.search(t)
        if wd:
            day = _weekday_on_or_before(pub_day, WEEKDAYS[wd.group(1).lower()])
        elif _DAY_BEFORE.search(t):
            day = pub_day - timedelta(days=2)
        elif _YESTERDAY.search(t):
            day = pub_day - timedelta(days=1)
            if _EVENING.search(t) and published and published.hour < 12:
                pass  # "yesterday evening" stays yesterday
        elif _TODAY.search(t):
            day = pub_day
        elif _LAST_WEEK.search(t):
            start = pub_day - timedelta(
                days=pub_day.weekday()
                + (7 if "last" in t.lower() or "прош" in t.lower() or "минул" in t.lower() else 0)
            )
            return TimeExpr(
                text=text,
                start=start.isoformat(),
                end=(start + timedelta(days=6)).isoformat(),
                precision="week",
                span=span,
            )
    if day is None:
        return TimeExpr(text=text, precision="unknown", span=span)
    clock = _CLOCK.search(t)
    if clock:
        hour, minute = int(clock.group(1)), int(clock.group(2))
        ampm = (clock.group(3) or "").lower().replace(".", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if hour < 24 and minute < 60:
            start = datetime(day.year, day.month, day.day, hour, minute)
            return TimeExpr(
                text=text, start=start.isoformat(), end=start.isoformat(), precision="hour", span=span
            )
    return TimeExpr(text=text, start=day.isoformat(), end=day.isoformat(), precision=precision, span=span)
