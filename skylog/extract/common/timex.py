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


def _clock_on(day: date, t: str) -> datetime | None:
    """The clock time written in ``t`` ("14:30", "2.15 pm") on ``day``; None when there is none or it is impossible."""
    clock = _CLOCK.search(t)
    if not clock:
        return None
    hour, minute = int(clock.group(1)), int(clock.group(2))
    ampm = (clock.group(3) or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour < 24 and minute < 60:
        return datetime(day.year, day.month, day.day, hour, minute)
    return None


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
            day = pub_day - timedelta(days=1)  # "yesterday evening" stays yesterday
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
    at = _clock_on(day, t)
    if at is not None:
        return TimeExpr(text=text, start=at.isoformat(), end=at.isoformat(), precision="hour", span=span)
    return TimeExpr(text=text, start=day.isoformat(), end=day.isoformat(), precision=precision, span=span)


# A wire dateline at the start of a paragraph: "KALUGA, Nov 22 –", "BELGOROD, August 18. /TASS/",
# "MOSCOW, Dec 5 (Reuters) -", "БЕЛГОРОД, 18 августа. /ТАСС/", "КИЇВ, 3 травня —".
_DL_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|"
    r"(?:январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр|"
    r"січ|лют|берез|квіт|травн|черв|лип|серп|верес|жовт|листопад|груд)\w*"
)
_DATELINE = re.compile(
    r"(?:^|\n)[ \t]*[A-ZА-ЯЁІЇЄ][A-ZА-ЯЁІЇЄ'’\-]+(?:[ \-][A-ZА-ЯЁІЇЄ][A-ZА-ЯЁІЇЄ'’\-]+)*,\s+"
    rf"(?P<date>(?i:{_DL_MONTH})\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+(?i:{_DL_MONTH})(?:\s+\d{{4}}(?:\s*(?:г\.|года|року|р\.))?)?)"
    r"(?=\s*[.,(/–—\-]|\s+\()",
)
_DL_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12, "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7,
    "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12, "січ": 1, "лют": 2, "берез": 3,
    "квіт": 4, "травн": 5, "черв": 6, "лип": 7, "серп": 8, "верес": 9, "жовт": 10, "листопад": 11, "груд": 12,
}  # fmt: skip


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
    words = re.findall(r"[^\W\d]+", raw)
    nums = [int(x) for x in re.findall(r"\d+", raw)]
    month = None
    for stem, n in sorted(_DL_MONTHS.items(), key=lambda kv: -len(kv[0])):
        if words and words[0].casefold().startswith(stem):
            month = n
            break
    day = nums[0] if nums else None
    year = nums[1] if len(nums) > 1 and nums[1] > 1900 else None
    if month is None or day is None or not 1 <= day <= 31:
        return None
    try:
        if year:
            d = date(year, month, day)
        elif published is not None:
            ref = published.date() + timedelta(days=1)
            d = date(ref.year, month, day)
            if d > ref:
                d = date(ref.year - 1, month, day)
        else:
            return TimeExpr(text=raw, precision="unknown", span=(s, e))
    except ValueError:
        return None
    return TimeExpr(text=raw, start=d.isoformat(), end=d.isoformat(), precision="day", span=(s, e))
