"""The part of the day a time expression names: night, morning, afternoon or evening.

A time read as a day ("in the evening of 22 October", «вночі», "this morning") keeps its date and
its precision (``common.calendar``'s conventions); the part of the day is an added attribute
(``TimeExpr.part``, with the span of the words that say it), read from:

1. the expression's own words, the packs' ``[time]`` lists PART_NIGHT, PART_MORNING, PART_AFTERNOON,
   PART_EVENING ("Tuesday evening", «увечері 22 жовтня», "overnight"), else a day's start or end said
   before it (PART_EARLY, PART_LATE: "early Tuesday" is its night, "late on Tuesday" its evening); a
   night said after the day it is dated to (NIGHT_AFTER_DAY: "Friday night") may be the night into it
   or the one after it, so it names none;
2. else its clock: a window across midnight ("с 20:00 до 07:00") is a night, a time ("at 19:40",
   «около 22:00») or a window's middle ("з 1:00 до 5:30") the part it lies in;
3. else the words just before or after it in its sentence ("in the evening of 22 October", «22
   октября вечером»; PART_LINK words may stand between).

A statement's time names no part of the event's day: a time the sentence gives only to the statement
(``TimeExpr.weak``) or a part word next to a say-verb (the packs' ``anchor.STATEMENT``: «Про це зранку
повідомив»).

The parts follow one another through a calendar day: the night is the one into the day (as an
overnight attack is dated to the morning it ends), 00:00-05:00, then the morning to noon, the
afternoon to 17:00, the evening to midnight. A day's night and its evening are not neighbours: the
evening's night is the next day's.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache
from typing import Any

from skylog.extract.common.sentence import CLOCK, sentence_around
from skylog.extract.packs import every_pack, time_words, words_regex
from skylog.records import TimeExpr

PARTS = ("night", "morning", "afternoon", "evening")  # in their order through one calendar day
# the hour each part begins at; a part ends where the next begins (the evening at midnight)
STARTS = {"night": 0, "morning": 5, "afternoon": 12, "evening": 17}
_LISTS = {
    "night": "PART_NIGHT",
    "morning": "PART_MORNING",
    "afternoon": "PART_AFTERNOON",
    "evening": "PART_EVENING",
}
_NEAR = 40  # characters around an expression where a part word may stand


class _Reader:
    """Every pack's part-of-day words compiled (a report may mix languages)."""

    def __init__(self) -> None:
        w = time_words()
        names = "|".join(f"(?P<{part}>{w.regex(_LISTS[part])})" for part in PARTS)
        link = rf"(?:(?:{w.regex('PART_LINK')})\s+)*"
        self.inside = re.compile(rf"(?<![\w-])(?:{names})(?![\w-])", re.I)
        self.edge = re.compile(
            rf"(?<![\w-])(?:(?P<night>{w.regex('PART_EARLY')})|(?P<evening>{w.regex('PART_LATE')}))(?![\w-])",
            re.I,
        )
        self.after_day = re.compile(rf"(?<![\w-]){w.regex('NIGHT_AFTER_DAY')}(?![\w-])", re.I)
        self.day = re.compile(
            rf"\d|(?<![\w-])(?:{words_regex(w.weekdays)}|{w.regex('YESTERDAY', 'TODAY')})(?![\w-])", re.I
        )
        # "in the evening of 22 October", «вечером во вторник»: the word ends the text before it
        self.before = re.compile(rf"(?<![\w-])(?:{names}),?\s*{link}$", re.I)
        # "22 October in the evening", «22 октября вечером»: the word opens the text after it
        self.after = re.compile(rf"^\s+{link}(?:{names})(?![\w-])", re.I)
        said = "|".join(pack.text("anchor.STATEMENT") for pack in every_pack())
        self.said_before = re.compile(rf"(?:{said})\s+(?:\w+\s+)?$", re.I)
        self.said_after = re.compile(rf"\s+(?:\w+\s+)?(?:{said})\b", re.I)


@lru_cache(maxsize=1)
def _reader() -> _Reader:
    return _Reader()


@lru_cache(maxsize=4)  # one report's text, read for each of its events
def fold(text: str) -> str:
    """``text`` lower-cased, ё as е, of the same length (offsets stay the text's)."""
    return "".join(c if len(low := c.lower()) != 1 else low for c in text).replace("ё", "е")


def part_of_hour(hour: int) -> str:
    """The part of the day an hour of the clock (0-23) lies in."""
    return next(p for p in reversed(PARTS) if hour % 24 >= STARTS[p])


def _named(m: re.Match[str]) -> str:
    return next(p for p in PARTS if m.groupdict().get(p))


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The stretch around [start, end) within its sentence, at most ``_NEAR`` characters each side."""
    lo, hi = sentence_around(text, start, end)
    return max(lo, start - _NEAR), min(max(hi, end), end + _NEAR)


def _inside(text: str, span: tuple[int, int]) -> tuple[str, tuple[int, int]] | None:
    """A part word within the expression ("the night from Tuesday evening into Wednesday": a night
    first), else the start or end of a day said before it ("early Tuesday", "late on Tuesday"). A
    night said after its day ("Friday night") may be the night after it: no part."""
    r, folded = _reader(), fold(text)
    found = list(r.inside.finditer(folded, span[0], span[1]))
    if not found:
        m = r.edge.search(folded, span[0], span[1])
        return (_named(m), (m.start(), m.end())) if m else None
    m = next((x for x in found if x.group("night")), found[0])
    if _after_day(r, folded, span[0], m):
        return None
    return _named(m), (m.start(), m.end())


def _after_day(r: _Reader, folded: str, start: int, m: re.Match[str]) -> bool:
    return bool(
        m.group("night") and r.after_day.fullmatch(m.group(0)) and r.day.search(folded, start, m.start())
    )


def part_alone(expression: str | None) -> bool:
    """Is a time expression a part of the day and nothing more («Утром», "in the evening")? Its day is
    none it names: the one its report is read on."""
    return bool(expression) and bool(_reader().inside.fullmatch(fold(str(expression).strip())))


def night_after_day(expression: str | None) -> bool:
    """Does a time expression name a night after the day it is dated to ("Friday night", "on
    Tuesday night": the pack's NIGHT_AFTER_DAY after a weekday or a date)? Such a night names no part
    here (it may be the night into the day or the one after it); the linker reads it as the day's
    evening and the night after it (``link.dayparts``)."""
    if not expression:
        return False
    r, folded = _reader(), fold(expression)
    m = next((x for x in r.inside.finditer(folded) if x.group("night")), None)
    return m is not None and _after_day(r, folded, 0, m)


def _around(text: str, span: tuple[int, int]) -> tuple[str, tuple[int, int]] | None:
    """A part word just before or after the expression in its sentence."""
    r, s, e = _reader(), span[0], span[1]
    folded = fold(text)
    lo, hi = _sentence_bounds(folded, s, e)
    m = r.before.search(folded[lo:s])
    if m:
        g = _named(m)
        return g, (lo + m.start(g), lo + m.end(g))
    m = r.after.match(folded[e:hi])
    if m:
        g = _named(m)
        return g, (e + m.start(g), e + m.end(g))
    return None


def _by_clock(te: TimeExpr, text: str | None) -> str | None:
    """The part a clock names: a stated time's, a window's middle's ("01:00-05:30" is a night); a
    window across midnight is a night, also where the time is dated to its day ("с 20:00 до 07:00")."""
    if te.precision == "hour" and te.start and "T" in te.start:
        try:
            lo = datetime.fromisoformat(te.start)
            hi = datetime.fromisoformat(te.end or te.start)
        except ValueError:
            return None
        if hi.date() > lo.date():
            return "night"
        return part_of_hour((lo.hour * 60 + lo.minute + hi.hour * 60 + hi.minute) // 120)
    clocks = [(int(h), int(m)) for h, m in CLOCK.findall(text or "")]
    if te.precision == "day" and len(clocks) >= 2 and clocks[0] > clocks[1]:
        return "night"
    return None


def read_part(te: TimeExpr | None, text: str | None) -> tuple[str, tuple[int, int] | None] | None:
    """(part, evidence span) of a dated time expression of ``text``, or None when it names none or
    only the statement's (``TimeExpr.weak``, "… зранку повідомив"). Its own words come first, then its
    clock ("з 1:00 до 5:30 ранку" is a night), then the words around it."""
    if te is None or te.precision not in ("day", "hour") or not te.start or te.weak:
        return None
    span = te.span if te.span and text and 0 <= te.span[0] < te.span[1] <= len(text) else None
    if span is None or not text:
        m = _reader().inside.search(fold(te.text or ""))
        part = _named(m) if m else _by_clock(te, te.text)
        return (part, None) if part else None
    span = (int(span[0]), int(span[1]))
    found = _inside(text, span)
    if found is None:
        part = _by_clock(te, text[span[0] : span[1]])
        found = (part, _clock_span(te, text, span)) if part else _around(text, span)
    if found is None or _statement(text, found[1]):
        return None
    return found


def _clock_span(te: TimeExpr, text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Where the clock of an expression stands: in its span, or (a clock its sentence gives, joined
    to the day: "on Tuesday … at 19:40") the nearest place the clock is written."""
    if CLOCK.search(text, span[0], span[1]) or not te.text:
        return span
    clocks = list(CLOCK.finditer(te.text))
    if not clocks:
        return span
    written = clocks[-1].group(0)
    lo, hi = max(0, span[0] - 400), min(len(text), span[1] + 400)
    places = [m.start() for m in re.finditer(re.escape(written), text[lo:hi])]
    if not places:
        return span
    at = lo + min(places, key=lambda p: abs(lo + p - span[0]))
    return at, at + len(written)


def _statement(text: str, span: tuple[int, int]) -> bool:
    """Are the part's words a statement's time ("сообщил вечером", «зранку повідомив»)?"""
    r = _reader()
    return bool(
        r.said_before.search(text[max(0, span[0] - _NEAR) : span[0]]) or r.said_after.match(text[span[1] :])
    )


def mark_parts(events: list[Any], text: str | None) -> int:
    """Set the part of the day of each event's time (``TimeExpr.part``); how many got one."""
    n = 0
    for ev in events:
        te = getattr(ev, "time", None)
        if not isinstance(te, TimeExpr):
            continue
        found = read_part(te, text)
        te.part, te.part_span = found if found else (None, None)
        n += found is not None
    return n
