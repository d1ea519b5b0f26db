"""Time expressions in Russian/Ukrainian posts, normalised against ``published_at``.

Covers what officials write: clock windows ("в период с 20.00 до 23.00 мск",
"с 23.30 мск 31.07 до 04.10 мск 1.08"), single times ("около 15.00 мск"),
nights ("в ночь на воскресенье", "у ніч проти 12 травня", "минувшей ночью" — an
overnight attack is dated, with day precision, to the morning it ends), relative days ("сегодня",
"вчора") and dates ("26 листопада 2025 року", "14.07.2023"). The words are the ``ruuk`` pack's
``[time]`` table and its ``[patterns.timex]``; the dating is ``common.calendar``'s. A window is read in
the zone it names ("мск": Moscow, "за київським часом": Kyiv), else Russian posts in Moscow time and
Ukrainian posts in Kyiv time (the pack's default zones)."""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date, datetime, time, timedelta

from skylog.extract.common.anchor import Told, statement_days
from skylog.extract.common.calendar import (
    PRECISION_RANK,
    clock_on_day,
    iso,
    merge_adjacent,
    night_into,
    overnight,
    past_date,
    weekday_on_or_before,
    zone_of,
)
from skylog.extract.packs import load_pack, word_key
from skylog.extract.ruuk import lexicon as L
from skylog.nlp.spans import TimeMention
from skylog.records import TimeExpr

_W = load_pack("ru").time  # the ruuk pack's [time] words
_NIGHT_WORD = re.compile(r"(?<!\w)" + _W.regex("NIGHT_FORMS") + r"(?!\w)")

_WINDOW = L.pattern("timex.WINDOW")
_AROUND = L.pattern("timex.AROUND")
_HOUR_PART = L.pattern("timex.HOUR_PART")
_PM_PART = {word_key(w) for w in _W.words("CLOCK_PM_PART")}
_NIGHT_PART = {word_key(w) for w in _W.words("CLOCK_NIGHT_PART")}
_AFTERNOON_PART = {word_key(w) for w in _W.words("CLOCK_AFTERNOON_PART")}
_NIGHT_ON = L.pattern("timex.NIGHT_ON")
_OPEN_START = L.pattern("timex.OPEN_START")
_LAST_NIGHT = L.pattern("timex.LAST_NIGHT")
_NIGHT_BEFORE_LAST = L.pattern("timex.NIGHT_BEFORE_LAST")
_PAST_NIGHT = {word_key(w) for w in _W.words("PAST_NIGHT")}
_DATE_WORDS = L.pattern("timex.DATE_WORDS")
_YEAR_AFTER = L.pattern("timex.YEAR_AFTER")
_DATE_IN_WORDS = L.pattern("timex.DATE_IN_WORDS")
_WEEKDAY_ADJECTIVE = L.pattern("timex.WEEKDAY_ADJECTIVE")
_DATE_DIGITS = L.pattern("timex.DATE_DIGITS")
_DATE_SHORT = L.pattern("timex.DATE_SHORT")
_DATE_SHORT_CLOCK_BEFORE = L.pattern("timex.DATE_SHORT_CLOCK_BEFORE")
_REL_DAY = L.pattern("timex.REL_DAY")
_LINE_CLOCK = L.pattern("timex.LINE_CLOCK")
_WEEKDAY = L.pattern("timex.WEEKDAY")
_EVENING = L.pattern("timex.EVENING")
_DAY_BEFORE_ITS_DATE = L.pattern("timex.DAY_BEFORE_ITS_DATE")
_DAY_JOIN = L.pattern("timex.DAY_JOIN")
_STATED_DAY_BEFORE = L.pattern("timex.STATED_DAY_BEFORE")
_STATED_DAY_AFTER = L.pattern("timex.STATED_DAY_AFTER")
_SENTENCE_END = L.pattern("timex.SENTENCE_END")
# patterns the functions below use
_MERGE_ADJACENT_1 = L.pattern("timex.MERGE_ADJACENT_1")
_RANK_1 = L.pattern("timex.RANK_1")
_EVE = {word_key(w) for w in _W.words("EVE")}
_EVENING_WORDS = {word_key(w) for w in _W.words("EVENING")}
_EVENING_FROM = time(17, 0)  # a post before this local time tells of an evening already past
_DAYS_BEFORE = {
    **{word_key(w): 0 for w in _W.words("TODAY", "RUN_OF_DAYS")},
    **{word_key(w): 1 for w in _W.words("YESTERDAY")},
    **{word_key(w): 2 for w in _W.words("DAY_BEFORE_YESTERDAY")},
}


def _month_num(token: str | None) -> int | None:
    """'07' -> 7, 'мая' -> 5, None -> None."""
    if not token:
        return None
    if token.isdigit():
        return int(token)
    return _W.month(token)


def find_times(folded: str, text: str, published: datetime | None, language: str) -> list[TimeMention]:
    """All time expressions in the folded text, normalised where ``published`` allows."""
    finder = _TimeFinder(text, published, language)
    # explicit year dates anywhere give the anchor for relative ones
    for m in _WINDOW.finditer(folded):
        finder.window(m)
    for m in _NIGHT_ON.finditer(folded):
        finder.night_on(m, folded)
    for m in _OPEN_START.finditer(folded):
        finder.open_start(m)
    for m in _DATE_WORDS.finditer(folded):
        finder.date_words(m)
    _told_in_words(finder, folded)
    for m in _DATE_DIGITS.finditer(folded):
        finder.date_digits(m)
    for m in _DATE_SHORT.finditer(folded):
        if not _DATE_SHORT_CLOCK_BEFORE.search(folded, max(0, m.start() - 12), m.start()):
            finder.date_short(m)
    for m in [*_AROUND.finditer(folded), *_LINE_CLOCK.finditer(folded)]:
        finder.around(m)
    for m in _HOUR_PART.finditer(folded):
        finder.hour_part(m)
    for m in _NIGHT_BEFORE_LAST.finditer(folded):  # before the night word inside it («ночью»)
        finder.last_night(m, nights_before=1)
    for m in _LAST_NIGHT.finditer(folded):
        finder.last_night(m)
    for m in _REL_DAY.finditer(folded):
        finder.relative_day(m)
    for m in _WEEKDAY.finditer(folded):  # before a bare part of the day: «увечері неділі» is Sunday's
        finder.weekday(m)
    for m in _EVENING.finditer(folded):
        finder.part_of_day(m)
    out = sorted(finder.out, key=lambda f: f.start)
    out = _absorb_open_starts(out, finder.open_starts, text)
    out = _merge_adjacent(_joined_to_their_date(out, folded, text), folded, text)
    out = from_the_stated_day(out, finder.relative, finder.ref, folded)
    return on_the_day_told(out, finder.undated, folded, text)


def _told_in_words(finder: _TimeFinder, folded: str) -> None:
    """Days told in words: a day of the month («третьего декабря»), a weekday's adjective («пятничный удар»)."""
    for m in _DATE_IN_WORDS.finditer(folded):
        finder.date_words(m, _W.day_in_words(m.group(1)))
    for m in _WEEKDAY_ADJECTIVE.finditer(folded):
        finder.weekday(m, _W.weekday_of_adjective(m.group(1)))


class _TimeFinder:
    """Time expressions of one text, normalised against its publication time in Moscow or Kyiv time."""

    def __init__(self, text: str, published: datetime | None, language: str) -> None:
        self.text = text
        self.language = language
        self.tz = zone_of(_W, "", language) or zone_of(
            _W, "", "ru"
        )  # another language: Moscow time, as «мск»
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
        self.slack = 1 if self.date_only else 0  # a weekday may be the day after a bare publication date
        self.out: list[TimeMention] = []
        self.taken: list[tuple[int, int]] = []
        self.open_starts: set[int] = set()  # start offsets of "(з 18:00 11 травня)" mentions
        self.undated: set[int] = set()  # start offsets of clocks and windows naming no day, on ``ref``
        self.relative: dict[int, int] = {}  # spans of days told from ``ref`` («ночью», «вчера», «накануне»)

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

    def part_of_day(self, m: re.Match) -> None:
        """ "вечером", "вранці": a part of the publication day; an evening told before evening has come
        (a post at 08:00: «Вечером ВСУ атаковали Белгород») was the day before's."""
        ref, local = self.ref, self.local
        if ref is None:
            return
        told = next(
            (
                f
                for f in self.out
                if f.expr.precision == "day"
                and f.end <= m.start()
                and not self.text[f.end : m.start()].strip(" ,")
            ),
            None,
        )
        if told is not None and told.expr.start:  # «во вторник вечером»: Tuesday's evening
            ref = date.fromisoformat(told.expr.start[:10])
        else:
            self.relative[m.start()] = m.end()
            if word_key(m.group(1)) in _EVENING_WORDS and local is not None and not self.date_only:
                ref = ref - timedelta(days=1) if local.time() < _EVENING_FROM else ref
        self.add_day(m, ref)

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
            end_d = past_date(ref or date(int(y2), 1, 1), int(mo2), int(d2), _year4(y2), slack=1)
        else:
            end_d = ref
            if self._later_than_publication(t2) and self.local is not None and self.local.time() < t2:
                end_d = ref - timedelta(days=1) if ref else None
        if end_d is None:
            return
        if d1 and mo1:
            start_d = past_date(end_d, int(mo1), int(d1), _year4(y1), slack=1)
        else:
            start_d = end_d - timedelta(days=1) if t1 > t2 else end_d
        if start_d is not None and overnight(start_d, end_d):
            # an overnight window is dated to the morning it ends (day precision, as analysts code it)
            self.add_day(m, night_into(end_d))
            return
        tz = zone_of(_W, m.group(0), self.language) or self.tz  # "до 23:00 мск": the zone it names
        self.add(m, iso(start_d, t1, tz), iso(end_d, t2, tz), "hour")
        if not (d1 or d2):
            self.undated.add(m.start())

    def night_on(self, m: re.Match, folded: str) -> None:
        """ "в ночь на 5 декабря (2025 года)", "у ніч проти суботи" """
        day, mon, wd = m.groups()
        ref = self.ref
        # "в ночь на 5 декабря 2025 года": a year after the date fixes it, with or without a publication date
        year = _YEAR_AFTER.match(folded, m.end()) if day and mon else None
        if year:
            y = int(year.group(1))
            self.add_day(m, past_date(date(y, 1, 1), _W.month(mon) or 0, int(day), y), upto=year.end())
            return
        d = None
        if day and mon and ref:
            d = past_date(ref, _W.month(mon) or 0, int(day), slack=1)
        elif wd and ref and not (day and mon):
            d = weekday_on_or_before(ref, _W.weekday(wd) or 0, self.slack)
        self.add_day(m, night_into(d) if d else None)

    def open_start(self, m: re.Match) -> None:
        """ "(з 18:00 11 травня)": the day it names (a night it follows absorbs it, ``_absorb_open_starts``)."""
        day, mon = m.group(3), m.group(4)
        mo = _W.month(mon)
        d = past_date(self.ref, mo, int(day), slack=1) if (mo and self.ref) else None
        before = len(self.out)
        self.add_day(m, d)
        if len(self.out) > before:
            self.open_starts.add(m.start())

    def date_words(self, m: re.Match, in_words: int | None = None) -> None:
        """ "5 декабря (2025 года)"; the day told in words («пятого декабря») is ``in_words``."""
        day, mon, year = m.groups()
        mo = _W.month(mon)
        day = str(in_words) if in_words else day
        if not mo or not day.isdigit():
            return
        if year:
            d = past_date(date(int(year), 1, 1), mo, int(day), int(year))
        elif self.ref:
            d = past_date(self.ref, mo, int(day), slack=1)
        else:
            d = None
        self.add_day(m, d)

    def date_digits(self, m: re.Match) -> None:
        day, mon, year = m.groups()
        y = int(year) + (2000 if len(year) == 2 else 0)
        d = past_date(date(y, 1, 1), int(mon), int(day), y)
        if d:
            self.add_day(m, d)

    def date_short(self, m: re.Match) -> None:
        """ "5.12": a day and month within the weeks before publication (else a clock time or a figure)."""
        if self.ref is None:
            return
        d = (
            past_date(self.ref, int(m.group(2)), int(m.group(1)), slack=1)
            if 1 <= int(m.group(2)) <= 12
            else None
        )
        if d is not None and (self.ref - d).days <= SHORT_DATE_REACH:
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
        self.clock(m, t)

    def hour_part(self, m: re.Match) -> None:
        """ "около 5 утра", "об 11 вечора", "в 2 ночи": a whole hour, after noon where its part says so."""
        h, part = int(m.group(1)), word_key(m.group(2))
        late = (
            (part in _PM_PART and h < 12)
            or (part in _NIGHT_PART and 6 <= h < 12)
            or (part in _AFTERNOON_PART and h < 7)
        )
        if h > 12:
            return
        self.clock(m, time((h + 12 if late else h) % 24, 0))

    def clock(self, m: re.Match, t: time) -> None:
        """A clock time on the publication day (or the day before, if later than it)."""
        if self.ref is None:
            self.add(m, None, None, "unknown")
            return
        d = self.ref - timedelta(days=1) if self._later_than_publication(t) else self.ref
        tz = zone_of(_W, m.group(0), self.language) or self.tz
        self.add(m, iso(d, t, tz), iso(d, t, tz), "hour")
        self.undated.add(m.start())

    def last_night(self, m: re.Match, nights_before: int = 0) -> None:
        if self.ref is None:
            self.add(m, None, None, "unknown")
            return
        # the night that ended on the morning of the publication day (or the coming one, late posts, unless
        # told as past: «минувшей ночью» at 23:00 is still the night before); ``nights_before`` earlier
        told_past = nights_before > 0 or word_key(m.group(0)) in _PAST_NIGHT
        late = self.local is not None and self.local.hour >= 20 and not told_past
        self.relative[m.start()] = m.end()
        self.add_day(m, self.ref + timedelta(days=1 if late else -nights_before))

    def relative_day(self, m: re.Match) -> None:
        if word_key(m.group(1)) in _EVE:
            self.eve(m)
            return
        if self.ref is None:
            self.add(m, None, None, "unknown")
            return
        self.relative[m.start()] = m.end()
        self.add_day(m, self.ref - timedelta(days=_DAYS_BEFORE.get(word_key(m.group(1)), 1)))

    def eve(self, m: re.Match) -> None:
        """ "накануне", "напередодні": the day before the day told last before it, else before publication."""
        told = [f for f in self.out if f.end <= m.start() and f.expr.start]
        day = date.fromisoformat(str(max(told, key=lambda f: f.start).expr.start)[:10]) if told else self.ref
        if day is None:
            self.add(m, None, None, "unknown")
            return
        if not told:
            self.relative[m.start()] = m.end()
        self.add_day(m, day - timedelta(days=1))

    def weekday(self, m: re.Match, adjective: int | None = None) -> None:
        """ "в субботу": the last such day on or before publication; one told as past («в прошлую
        пятницу», «минулої неділі») the last one before publication's day; a weekday's adjective
        («пятничный удар») is ``adjective``, that weekday."""
        if self.ref is None:
            self.add(m, None, None, "unknown")
            return
        *past, wd = m.groups() if adjective is None else (None, None)
        n = (_W.weekday(wd) or 0) if adjective is None else adjective
        if any(past):
            self.add_day(m, weekday_on_or_before(self.ref - timedelta(days=1), n, 0))
            return
        self.add_day(m, weekday_on_or_before(self.ref, n, self.slack))


SHORT_DATE_REACH = 45  # days before publication a date with no year may lie


def _year4(y: str | None) -> int | None:
    return int(y) if y and len(y) == 4 else None


def _absorb_open_starts(found: list[TimeMention], open_starts: set[int], text: str) -> list[TimeMention]:
    """ "У ніч на 12 травня (з 18:00 11 травня)": the launches' start is part of the night, whose day it keeps.

    An open start told apart from its night («В ночь на 24 октября … Запускать начали с 19:00 23 октября»)
    is that night's too: it keeps its span and takes the day of the night that begins on its evening.
    """
    nights = {
        f.expr.start
        for f in found
        if f.start not in open_starts and f.expr.start and _NIGHT_WORD.search(f.expr.text.lower())
    }
    out: list[TimeMention] = []
    for f in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and f.start in open_starts
            and prev.expr.precision in ("day", "unknown")
            and prev.start not in open_starts
            and not text[prev.end : f.start].strip(" ,")
        ):
            span = (prev.start, f.end)
            expr = TimeExpr(text=text[span[0] : span[1]], start=prev.expr.start, end=prev.expr.end,
                            precision=prev.expr.precision, span=span)  # fmt: skip
            out[-1] = TimeMention(span[0], span[1], expr)
            continue
        night = _next_day(f.expr.start) if f.start in open_starts else None
        if night in nights:
            expr = TimeExpr(
                text=f.expr.text, start=night, end=night, precision=f.expr.precision, span=f.expr.span
            )
            f = TimeMention(f.start, f.end, expr)
        out.append(f)
    return out


def _joined_to_their_date(found: list[TimeMention], folded: str, text: str) -> list[TimeMention]:
    """ "Вечером 6 января", «ввечері у вівторок, 6 січня»: a part of the day or a weekday told just before
    a day is that day, one expression (alone, a part of the day is the publication's)."""
    out: list[TimeMention] = []
    for f in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and f.expr.precision == "day"
            and f.expr.start
            and prev.expr.precision in ("day", "unknown")
            and _DAY_JOIN.fullmatch(folded, prev.end, f.start)
            and _DAY_BEFORE_ITS_DATE.search(folded, prev.start, prev.end)
            and not _NIGHT_WORD.search(folded, f.start, f.end)
            and not _EVENING.fullmatch(folded, f.start, f.end)  # «во вторник вечером»: Tuesday's evening
        ):
            span = (prev.start, f.end)
            expr = TimeExpr(text=text[span[0] : span[1]], start=f.expr.start, end=f.expr.end,
                            precision="day", span=span)  # fmt: skip
            out[-1] = TimeMention(span[0], span[1], expr)
            continue
        out.append(f)
    return out


def on_the_day_told(found: list[TimeMention], undated: set[int], folded: str, text: str) -> list[TimeMention]:
    """«Ввечері 4 грудня дрон атакував Суми, а о 23:40 …», «вечером 15 сентября … в период с 22.00 до 23.00»:
    a clock or window naming no day of its own is on the day the text told last before it, not on the
    publication day (an evening clock after a night, «в ночь на 5 декабря … около 23:00», is left as read)."""
    out: list[TimeMention] = []
    told: TimeMention | None = None
    for f in found:
        if f.start in undated and told is not None and f.expr.start and f.expr.precision == "hour":
            day = date.fromisoformat(str(told.expr.start)[:10])
            clock = datetime.fromisoformat(str(f.expr.start))
            evening_of_night = (
                _NIGHT_WORD.search(folded, told.start, told.end) and clock.time() >= _EVENING_FROM
            )
            if day != clock.date() and not evening_of_night:
                f = TimeMention(f.start, f.end, clock_on_day(f.expr, day))
        elif f.start not in undated and f.expr.start and f.expr.precision == "day":
            told = f
        out.append(f)
    return out


def from_the_stated_day(
    found: list[TimeMention], relative: dict[int, int], ref: date | None, folded: str
) -> list[TimeMention]:
    """«В субботу губернатор сообщил, что ночью …», «Как сообщил в пятницу губернатор, накануне вечером …»: a
    relative day (as read, not joined to a date told after it) counts from the day its sentence tells of a
    statement (a speech verb just before or after that day's words; ``common.anchor.statement_days``), not
    from publication's; it moves by as many days as that day lies before publication's."""
    if ref is None or not relative:
        return found
    ends = [m.start() for m in _SENTENCE_END.finditer(folded)]
    told = [
        Told(
            f.start,
            date.fromisoformat(f.expr.start[:10]) if f.expr.start else None,
            relative.get(f.start) == f.end and f.expr.precision == "day",
            relative.get(f.start) != f.end and _is_stated_day(f, folded),
            bisect_left(ends, f.start),
        )
        for f in found
    ]
    out = list(found)
    for i, stated in statement_days(told, ref).items():
        f, day = found[i], told[i].day
        if day is None:
            continue
        day += stated - ref
        out[i] = TimeMention(f.start, f.end, TimeExpr(text=f.expr.text, start=day.isoformat(),
                             end=day.isoformat(), precision="day", span=f.expr.span))  # fmt: skip
    return out


def _is_stated_day(f: TimeMention, folded: str) -> bool:
    """A day (not a night) whose words a speech verb follows or precedes closely: a statement's day."""
    if f.expr.precision != "day" or not f.expr.start or _NIGHT_WORD.search(folded, f.start, f.end):
        return False
    return bool(
        _STATED_DAY_BEFORE.search(folded, max(0, f.start - 80), f.start)
        or _STATED_DAY_AFTER.match(folded, f.end)
    )


def _next_day(iso: str | None) -> str | None:
    return (date.fromisoformat(iso[:10]) + timedelta(days=1)).isoformat() if iso else None


def _merge_adjacent(found: list[TimeMention], folded: str, text: str) -> list[TimeMention]:
    """ "сегодня около 15.00 мск" / "5 октября около 11.00": a day and its clock time are one expression."""
    return merge_adjacent(found, folded, text, lambda gap: bool(_MERGE_ADJACENT_1.fullmatch(gap)))


def rank(expr: TimeExpr) -> tuple[int, int]:
    """Lower is more specific: clock times, then explicit dates, then relative words."""
    relative = 1 if _RANK_1.match(expr.text or "") else 0
    if _EVENING.fullmatch((expr.text or "").lower()):
        relative = 2  # "вечером" alone says least
    return (PRECISION_RANK.get(expr.precision, 4), relative)
