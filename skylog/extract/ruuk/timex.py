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
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from skylog.extract.ruuk import lexicon as L
from skylog.nlp.spans import TimeMention
from skylog.records import TimeExpr

MSK = ZoneInfo("Europe/Moscow")
KYIV = ZoneInfo("Europe/Kyiv")

_MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8, "сентябр": 9,
    "октябр": 10, "ноябр": 11, "декабр": 12,
    "січ": 1, "лют": 2, "берез": 3, "квіт": 4, "травн": 5, "черв": 6, "лип": 7, "серп": 8, "верес": 9,
    "жовт": 10, "листопад": 11, "груд": 12,
}  # fmt: skip
_MONTH_RX = L.text("timex.MONTH_RX")
_WEEKDAYS = {
    "понедельн": 0, "вторн": 1, "сред": 2, "четверг": 3, "пятниц": 4, "суббот": 5, "воскресен": 6,
    "понеділ": 0, "вівтор": 1, "серед": 2, "четвер": 3, "п'ятниц": 4, "субот": 5, "неділ": 6,
}  # fmt: skip
_WD_RX = L.text("timex.WD_RX")
_HM = L.text("timex.HM")
_DM = L.text("timex.DM")
_TZ = L.text("timex.TZ")

_WINDOW = L.pattern("timex.WINDOW")
_AROUND = L.pattern("timex.AROUND")
_NIGHT_ON = L.pattern("timex.NIGHT_ON")
_LAST_NIGHT = L.pattern("timex.LAST_NIGHT")
_DATE_WORDS = L.pattern("timex.DATE_WORDS")
_YEAR_AFTER = L.pattern("timex.YEAR_AFTER")
_DATE_DIGITS = L.pattern("timex.DATE_DIGITS")
_REL_DAY = L.pattern("timex.REL_DAY")
_WEEKDAY = L.pattern("timex.WEEKDAY")
_EVENING = L.pattern("timex.EVENING")
# patterns the functions below use
_MERGE_ADJACENT_1 = L.pattern("timex.MERGE_ADJACENT_1")
_RANK_1 = L.pattern("timex.RANK_1")


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


def find_times(folded: str, text: str, published: datetime | None, language: str) -> list[TimeMention]:
    """All time expressions in the folded text, normalised where ``published`` allows."""
    finder = _TimeFinder(text, published, language)
    # explicit year dates anywhere give the anchor for relative ones
    for m in _WINDOW.finditer(folded):
        finder.window(m)
    for m in _NIGHT_ON.finditer(folded):
        finder.night_on(m, folded)
    for m in _DATE_WORDS.finditer(folded):
        finder.date_words(m)
    for m in _DATE_DIGITS.finditer(folded):
        finder.date_digits(m)
    for m in _AROUND.finditer(folded):
        finder.around(m)
    for m in _LAST_NIGHT.finditer(folded):
        finder.last_night(m)
    for m in _REL_DAY.finditer(folded):
        finder.relative_day(m)
    for m in _EVENING.finditer(folded):
        if finder.ref is not None:
            finder.add_day(m, finder.ref)
    for m in _WEEKDAY.finditer(folded):
        finder.weekday(m)
    out = sorted(finder.out, key=lambda f: f.start)
    return _merge_adjacent(out, folded, text)


class _TimeFinder:
    """Time expressions of one text, normalised against its publication time in Moscow or Kyiv time."""

    def __init__(self, text: str, published: datetime | None, language: str) -> None:
        self.text = text
        self.tz = KYIV if language == "uk" else MSK
        tz = self.tz
        self.date_only = published is not None and (published.hour, published.minute, published.second) == (
            0,
            0,
            0,
        )
        local = published.astimezone(tz) if published else None
        if self.date_only and published is not None:
            # a bare publication date: clock times in the text are on that day
            local = datetime.combine(published.date(), time(12, 0), tzinfo=tz)
        self.local = local
        self.ref = local.date() if local else None
        self.out: list[TimeMention] = []
        self.taken: list[tuple[int, int]] = []

    def add(
        self, m: re.Match, start: str | None, end: str | None, precision: str, upto: int | None = None
    ) -> None:
        lo, hi = m.start(), max(m.end(), upto or 0)
        if any(not (hi <= s or lo >= e) for s, e in self.taken):
            return
        self.taken.append((lo, hi))
        expr = TimeExpr(
            text=self.text[lo:hi],
            start=start,
            end=end,
            precision=precision if start else "unknown",
            span=(lo, hi),
        )
        self.out.append(TimeMention(lo, hi, expr))

    def add_day(self, m: re.Match, d: date | None, upto: int | None = None) -> None:
        """A day (or an unknown one, ``None``)."""
        iso = d.isoformat() if d else None
        self.add(m, iso, iso, "day", upto=upto)

    def _later_than_publication(self, t: time) -> bool:
        """A clock time later than the publication's (by 30 minutes): it was yesterday's."""
        local = self.local
        return bool(local and not self.date_only and t > (local + timedelta(minutes=30)).time())

    def window(self, m: re.Match) -> None:
        """ "с 20:00 до 23:00", "с 20.00 мск 5 октября до 07.00 мск 6 октября 2025 г." """
        h1, m1, d1, mo1, y1, h2, m2, d2, mo2, y2 = m.groups()
        try:
            t1, t2 = time(int(h1) % 24, int(m1)), time(int(h2) % 24, int(m2))
        except ValueError:
            return
        ref = self.ref
        if ref is None and not (d2 and y2):
            self.add(m, None, None, "unknown")
            return
        mo1 = _month_num(mo1)
        mo2 = _month_num(mo2)
        if (d1 and not mo1) or (d2 and not mo2):
            return
        if d2 and mo2:
            end_d = _past_date(ref or date(int(y2), 1, 1), int(mo2), int(d2), _year4(y2))
        else:
            end_d = ref
            if self._later_than_publication(t2) and self.local is not None and self.local.time() < t2:
                end_d = ref - timedelta(days=1) if ref else None
        if end_d is None:
            return
        if d1 and mo1:
            start_d = _past_date(end_d, int(mo1), int(d1), _year4(y1))
        else:
            start_d = end_d - timedelta(days=1) if t1 > t2 else end_d
        if start_d is not None and start_d < end_d:
            # an overnight window is dated to the morning it ends (day precision, as analysts code it)
            self.add_day(m, end_d)
            return
        self.add(m, _iso(start_d, t1, self.tz), _iso(end_d, t2, self.tz), "hour")

    def night_on(self, m: re.Match, folded: str) -> None:
        """ "в ночь на 5 декабря (2025 года)", "у ніч проти суботи" """
        g = m.groups()
        day, mon, wd = (g[0], g[1], g[2]) if (g[0] or g[2]) else (g[3], g[4], g[5])
        ref = self.ref
        # "в ночь на 5 декабря 2025 года": a year after the date fixes it, with or without a publication date
        year = _YEAR_AFTER.match(folded, m.end()) if day and mon else None
        if year:
            y = int(year.group(1))
            self.add_day(m, _past_date(date(y, 1, 1), _month(mon) or 0, int(day), y), upto=year.end())
            return
        d = None
        if day and mon and ref:
            d = _past_date(ref, _month(mon) or 0, int(day))
        elif wd and ref and not (day and mon):
            d = _past_weekday(ref, _weekday(wd) or 0)
        self.add_day(m, d)

    def date_words(self, m: re.Match) -> None:
        day, mon, year = m.groups()
        mo = _month(mon)
        if not mo:
            return
        if year:
            d = _past_date(date(int(year), 1, 1), mo, int(day), int(year))
        elif self.ref:
            d = _past_date(self.ref, mo, int(day))
        else:
            d = None
        self.add_day(m, d)

    def date_digits(self, m: re.Match) -> None:
        day, mon, year = m.groups()
        y = int(year) + (2000 if len(year) == 2 else 0)
        d = _past_date(date(y, 1, 1), int(mon), int(day), y)
        if d:
            self.add_day(m, d)

    def around(self, m: re.Match) -> None:
        """ "около 15.00": a clock time on the publication day (or the day before, if later than it)."""
        h, mi, _ = m.groups()
        try:
            t = time(int(h) % 24, int(mi))
        except ValueError:
            return
        if int(h) > 24:
            return
        if self.ref is None:
            self.add(m, None, None, "unknown")
            return
        d = self.ref - timedelta(days=1) if self._later_than_publication(t) else self.ref
        self.add(m, _iso(d, t, self.tz), _iso(d, t, self.tz), "hour")

    def last_night(self, m: re.Match) -> None:
        if self.ref is None:
            self.add(m, None, None, "unknown")
            return
        # the night that ended on the morning of the publication day (or the coming one, late posts)
        late = self.local is not None and self.local.hour >= 20
        self.add_day(m, self.ref + timedelta(days=1) if late else self.ref)

    def relative_day(self, m: re.Match) -> None:
        if self.ref is None:
            self.add(m, None, None, "unknown")
            return
        w = m.group(1)
        off = 0 if w in ("сегодня", "сьогодні") else (2 if w.startswith("поза") else 1)
        self.add_day(m, self.ref - timedelta(days=off))

    def weekday(self, m: re.Match) -> None:
        if self.ref is None:
            self.add(m, None, None, "unknown")
            return
        self.add_day(m, _past_weekday(self.ref, _weekday(m.group(1)) or 0))


def _year4(y: str | None) -> int | None:
    return int(y) if y and len(y) == 4 else None


def _merge_adjacent(found: list[TimeMention], folded: str, text: str) -> list[TimeMention]:
    """ "сегодня около 15.00 мск" / "5 октября около 11.00": a day followed by a clock time is one expression."""
    out: list[TimeMention] = []
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
                out[-1] = TimeMention(prev.start, f.end, merged)
                continue
            if (
                _MERGE_ADJACENT_1.fullmatch(gap)
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
                out[-1] = TimeMention(prev.start, f.end, merged)
                continue
        out.append(f)
    return out


_RANK = {"hour": 0, "day": 1, "week": 2, "month": 3, "unknown": 4}


def rank(expr: TimeExpr) -> tuple[int, int]:
    """Lower is more specific: clock times, then explicit dates, then relative words."""
    relative = 1 if _RANK_1.match(expr.text or "") else 0
    if _EVENING.fullmatch((expr.text or "").lower()):
        relative = 2  # "вечером" alone says least
    return (_RANK.get(expr.precision, 4), relative)
