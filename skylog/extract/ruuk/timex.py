"""Time expressions in Russian/Ukrainian posts, normalised against ``published_at``.

Covers what officials write: clock windows ("в период с 20.00 до 23.00 мск",
"с 23.30 мск 31.07 до 04.10 мск 1.08"), single times ("около 15.00 мск"),
nights ("в ночь на воскресенье", "у ніч на 12 травня", "минувшей ночью" — an
overnight attack is dated, with day precision, to the morning it ends), relative days ("сегодня",
"вчора") and dates ("26 листопада", "14.07.2023"). "мск" is UTC+3; otherwise
Russian posts are read in Moscow time and Ukrainian posts in Kyiv time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from skylog.records import TimeExpr

MSK = ZoneInfo("Europe/Moscow")
KYIV = ZoneInfo("Europe/Kyiv")

_MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8, "сентябр": 9,
    "октябр": 10, "ноябр": 11, "декабр": 12,
    "січ": 1, "лют": 2, "берез": 3, "квіт": 4, "травн": 5, "черв": 6, "лип": 7, "серп": 8, "верес": 9,
    "жовт": 10, "листопад": 11, "груд": 12,
}  # fmt: skip
_MONTH_RX = (
    r"(январ[яеь]|феврал[яеь]|марта?|апрел[яеь]|ма[яйе]|июн[яеь]|июл[яеь]|августа?|сентябр[яеь]|октябр[яеь]|"
    r"ноябр[яеь]|декабр[яеь]|січн[яі]|лют(?:ого|ий)|березн[яі]|квітн[яі]|травн[яі]|червн[яі]|липн[яі]|"
    r"серпн[яі]|вересн[яі]|жовтн[яі]|листопада?|грудн[яі])"
)
_WEEKDAYS = {
    "понедельн": 0, "вторн": 1, "сред": 2, "четверг": 3, "пятниц": 4, "суббот": 5, "воскресен": 6,
    "понеділ": 0, "вівтор": 1, "серед": 2, "четвер": 3, "п'ятниц": 4, "субот": 5, "неділ": 6,
}  # fmt: skip
_WD_RX = (
    r"(понедельник|вторник|сред[уы]|четверг|пятниц[уы]|суббот[уы]|воскресенье|понеділок|вівторок|"
    r"серед[уи]|четвер|п'ятниц[юі]|субот[уи]|неділ[юі])"
)
_HM = r"(\d{1,2})[.:](\d{2})"
_DM = r"(\d{1,2})[.\s](\d{1,2}|[а-яіїє]+)(?:\.(\d{2,4}))?"
_TZ = r"(?:\s*\(?(?:мск|по\s+москве|по\s+московскому\s+времени|за\s+київським\s+часом)\)?\.?)?"

_WINDOW = re.compile(
    r"(?:в\s+период\s+|у\s+період\s+|в\s+течение\s+\w+\s+\w+\s+)?(?:с|з|із|от)\s+"
    + _HM
    + _TZ
    + r"(?:\s+"
    + _DM
    + r")?\s+(?:до|по)\s+"
    + _HM
    + _TZ
    + r"(?:\s+"
    + _DM
    + r")?"
)
_AROUND = re.compile(
    r"(?:около|примерно\s+в|приблизно\s+о|близько|в|о|об)\s+" + _HM + r"(\s*мск)?(?!\s*(?:км|м\b))"
)
_NIGHT_ON = re.compile(
    r"(?:в|у)\s+ночь\s+(?:на|с\s+\w+\s+на)\s+(?:(\d{1,2})\s+" + _MONTH_RX + r"|" + _WD_RX + r")"
    r"|(?:в|у)\s+ніч\s+(?:на|проти|з\s+\S+\s+на)\s+(?:(\d{1,2})\s+" + _MONTH_RX + r"|" + _WD_RX + r")"
)
_LAST_NIGHT = re.compile(
    r"(?:минувшей|прошедшей|этой|сегодняшней|прошлой)\s+ночью|в\s+течение\s+(?:прошедшей|минувшей)\s+ночи|"
    r"за\s+(?:прошедшую\s+|минувшую\s+)?ночь|ночью|минулої\s+ночі|цієї\s+ночі|цієї\s+ночі|сьогодні\s+вночі|"
    r"уночі|вночі|у\s+ніч\b|за\s+ніч|этой\s+ночью|протягом\s+ночі|в\s+течение\s+ночи|за\s+ночь"
)
_DATE_WORDS = re.compile(r"(\d{1,2})\s+" + _MONTH_RX + r"(?:\s+(\d{4})\s*(?:г\.|года|року|р\.)?)?")
_YEAR_AFTER = re.compile(r"\s+(\d{4})(?:\s*(?:г\.|года|року|р\.))?")
_DATE_DIGITS = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d.])")
_REL_DAY = re.compile(r"\b(сегодня|сьогодні|вчера|вчора|позавчера|позавчора|учора)\b")
_WEEKDAY = re.compile(r"(?:в|во|у)\s+" + _WD_RX)
_EVENING = re.compile(r"(?<!\w)(вечером|вечором|увечері|ввечері|утром|уранці|вранці|зранку|днем|вдень)(?!\w)")


@dataclass
class _Found:
    start: int
    end: int
    expr: TimeExpr


def _month_num(token: str | None) -> int | None:
    """'07' -> 7, 'мая' -> 5, None -> None."""
    if not token:
        return None
    if token.isdigit():
        return int(token)
    return _month(token) if re.fullmatch(_MONTH_RX, token) else None


def _month(word: str) -> int | None:
    for stem, m in sorted(_MONTHS.items(), key=lambda kv: -len(kv[0])):
        if word.startswith(stem):
            return m
    return None


def _weekday(word: str) -> int | None:
    for stem, d in _WEEKDAYS.items():
        if word.startswith(stem):
            return d
    return None


def _past_date(ref: date, month: int, day: int, year: int | None = None) -> date | None:
    """The date with this day and month on or before ``ref`` (or in ``year``)."""
    try:
        if year:
            return date(year, month, day)
        d = date(ref.year, month, day)
        if d > ref + timedelta(days=1):
            d = date(ref.year - 1, month, day)
        return d
    except ValueError:
        return None


def _past_weekday(ref: date, wd: int) -> date:
    delta = (ref.weekday() - wd) % 7
    return ref - timedelta(days=delta)


def _iso(d: date, t: time | None, tz: ZoneInfo) -> str:
    if t is None:
        return d.isoformat()
    return datetime.combine(d, t, tzinfo=tz).isoformat()


def find_times(folded: str, text: str, published: datetime | None, language: str) -> list[_Found]:
    """All time expressions in the folded text, normalised where ``published`` allows."""
    tz = KYIV if language == "uk" else MSK
    date_only = published is not None and (published.hour, published.minute, published.second) == (0, 0, 0)
    local = published.astimezone(tz) if published else None
    if date_only and published is not None:
        # a bare publication date: clock times in the text are on that day
        local = datetime.combine(published.date(), time(12, 0), tzinfo=tz)
    ref = local.date() if local else None
    out: list[_Found] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match, start: str | None, end: str | None, precision: str, upto: int | None = None) -> None:
        lo, hi = m.start(), max(m.end(), upto or 0)
        if any(not (hi <= s or lo >= e) for s, e in taken):
            return
        taken.append((lo, hi))
        out.append(
            _Found(
                lo,
                hi,
                TimeExpr(
                    text=text[lo:hi],
                    start=start,
                    end=end,
                    precision=precision if start else "unknown",
                    span=(lo, hi),
                ),
            )
        )

    # explicit year dates anywhere give the anchor for relative ones
    for m in _WINDOW.finditer(folded):
        h1, m1, d1, mo1, y1, h2, m2, d2, mo2, y2 = m.groups()
        try:
            t1, t2 = time(int(h1) % 24, int(m1)), time(int(h2) % 24, int(m2))
        except ValueError:
            continue
        if ref is None and not (d2 and y2):
            add(m, None, None, "unknown")
            continue
        mo1 = _month_num(mo1)
        mo2 = _month_num(mo2)
        if (d1 and not mo1) or (d2 and not mo2):
            continue
        if d2 and mo2:
            end_d = _past_date(
                ref or date(int(y2), 1, 1), int(mo2), int(d2), int(y2) if y2 and len(y2) == 4 else None
            )
        else:
            end_d = ref
            if local and not date_only and t2 > (local + timedelta(minutes=30)).time() and local.time() < t2:
                end_d = ref - timedelta(days=1)
        if end_d is None:
            continue
        if d1 and mo1:
            start_d = _past_date(end_d, int(mo1), int(d1), int(y1) if y1 and len(y1) == 4 else None)
        else:
            start_d = end_d - timedelta(days=1) if t1 > t2 else end_d
        if start_d is not None and start_d < end_d:
            # an overnight window is dated to the morning it ends (day precision, as analysts code it)
            add(m, end_d.isoformat(), end_d.isoformat(), "day")
            continue
        add(m, _iso(start_d, t1, tz), _iso(end_d, t2, tz), "hour")
    for m in _NIGHT_ON.finditer(folded):
        g = m.groups()
        day, mon, wd = (g[0], g[1], g[2]) if (g[0] or g[2]) else (g[3], g[4], g[5])
        d = None
        # "в ночь на 5 декабря 2025 года": a year after the date fixes it, with or without a publication date
        year = _YEAR_AFTER.match(folded, m.end()) if day and mon else None
        if year:
            d = _past_date(date(int(year.group(1)), 1, 1), _month(mon) or 0, int(day), int(year.group(1)))
            add(m, d.isoformat() if d else None, d.isoformat() if d else None, "day", upto=year.end())
            continue
        if day and mon and ref:
            d = _past_date(ref, _month(mon) or 0, int(day))
        elif day and mon:
            d = None
        elif wd and ref:
            d = _past_weekday(ref, _weekday(wd) or 0)
        if d:
            add(m, d.isoformat(), d.isoformat(), "day")
        else:
            add(m, None, None, "unknown")
    for m in _DATE_WORDS.finditer(folded):
        day, mon, year = m.groups()
        mo = _month(mon)
        if not mo:
            continue
        if year:
            d = _past_date(date(int(year), 1, 1), mo, int(day), int(year))
        elif ref:
            d = _past_date(ref, mo, int(day))
        else:
            d = None
        add(m, d.isoformat() if d else None, d.isoformat() if d else None, "day")
    for m in _DATE_DIGITS.finditer(folded):
        day, mon, year = m.groups()
        y = int(year) + (2000 if len(year) == 2 else 0)
        d = _past_date(date(y, 1, 1), int(mon), int(day), y)
        if d:
            add(m, d.isoformat(), d.isoformat(), "day")
    for m in _AROUND.finditer(folded):
        h, mi, _ = m.groups()
        try:
            t = time(int(h) % 24, int(mi))
        except ValueError:
            continue
        if int(h) > 24:
            continue
        if ref is None:
            add(m, None, None, "unknown")
            continue
        d = ref
        if local and not date_only and t > (local + timedelta(minutes=30)).time():
            d = ref - timedelta(days=1)
        add(m, _iso(d, t, tz), _iso(d, t, tz), "hour")
    for m in _LAST_NIGHT.finditer(folded):
        if ref is None:
            add(m, None, None, "unknown")
            continue
        # the night that ended on the morning of the publication day (or the coming one, late posts)
        end = ref if (local is None or local.hour < 20) else ref + timedelta(days=1)
        add(m, end.isoformat(), end.isoformat(), "day")
    for m in _REL_DAY.finditer(folded):
        if ref is None:
            add(m, None, None, "unknown")
            continue
        w = m.group(1)
        off = 0 if w in ("сегодня", "сьогодні") else (2 if w.startswith("поза") else 1)
        d = ref - timedelta(days=off)
        add(m, d.isoformat(), d.isoformat(), "day")
    for m in _EVENING.finditer(folded):
        if ref is None:
            continue
        add(m, ref.isoformat(), ref.isoformat(), "day")
    for m in _WEEKDAY.finditer(folded):
        if ref is None:
            add(m, None, None, "unknown")
            continue
        d = _past_weekday(ref, _weekday(m.group(1)) or 0)
        add(m, d.isoformat(), d.isoformat(), "day")
    out.sort(key=lambda f: f.start)
    return _merge_adjacent(out, folded, text)


def _merge_adjacent(found: list[_Found], folded: str, text: str) -> list[_Found]:
    """ "сегодня около 15.00 мск" / "5 октября около 11.00": a day followed by a clock time is one expression."""
    out: list[_Found] = []
    for f in found:
        if out:
            prev = out[-1]
            gap = folded[prev.end : f.start]
            if (
                len(gap) <= 3
                and prev.expr.precision == "day"
                and f.expr.precision == "hour"
                and prev.expr.start
                and f.expr.start
                and len(prev.expr.start) == 10
            ):
                day = date.fromisoformat(prev.expr.start)
                s = datetime.fromisoformat(f.expr.start)
                e = datetime.fromisoformat(f.expr.end or f.expr.start)
                shift = day - s.date()
                merged = TimeExpr(
                    text=text[prev.start : f.end],
                    start=(s + shift).isoformat(),
                    end=(e + shift).isoformat(),
                    precision="hour",
                    span=(prev.start, f.end),
                )
                out[-1] = _Found(prev.start, f.end, merged)
                continue
            if (
                re.fullmatch(r"\s*(?:ранку|утра|вечора|вечера|ночі|ночи|дня)?\s*,?\s*", gap)
                and prev.expr.precision == "hour"
                and f.expr.precision == "day"
                and prev.expr.start
                and f.expr.start
                and len(f.expr.start) == 10
            ):
                day = date.fromisoformat(f.expr.start)
                st = datetime.fromisoformat(prev.expr.start)
                shift = day - st.date()
                merged = TimeExpr(
                    text=text[prev.start : f.end],
                    start=(st + shift).isoformat(),
                    end=(datetime.fromisoformat(prev.expr.end or prev.expr.start) + shift).isoformat(),
                    precision="hour",
                    span=(prev.start, f.end),
                )
                out[-1] = _Found(prev.start, f.end, merged)
                continue
        out.append(f)
    return out


_RANK = {"hour": 0, "day": 1, "week": 2, "month": 3, "unknown": 4}


def rank(expr: TimeExpr) -> tuple[int, int]:
    """Lower is more specific: clock times, then explicit dates, then relative words."""
    relative = 1 if re.match(r"(?i)(сегодня|сьогодні|вчера|вчора|учора|в\s|во\s|у\s)", expr.text or "") else 0
    if _EVENING.fullmatch((expr.text or "").lower()):
        relative = 2  # "вечером" alone says least
    return (_RANK.get(expr.precision, 4), relative)
