"""A clock told alone in an event's sentence (``extract.common.clocks``): that hour on the report's
reference day, with its part of the day, in English, Russian and Ukrainian; windows, statements'
times, durations and figures stay as they were."""

from __future__ import annotations

from datetime import datetime

import pytest

from skylog.extract import Extractor
from skylog.extract.common.clocks import CLOCK_ANCHORED, anchor_clocks, clock_time
from skylog.extract.common.dayparts import mark_parts
from skylog.records import EventMention, Report, TimeExpr

PUB = datetime.fromisoformat("2025-10-22T21:00:00+03:00")  # an evening post
MORNING_PUB = datetime.fromisoformat("2025-10-22T08:00:00+03:00")


def _ev(text: str, time: TimeExpr | None = None) -> EventMention:
    return EventMention(type="drone_strike", spans=[(0, len(text))], time=time)


def _clock(text: str, language: str = "en", published: datetime = PUB, time: TimeExpr | None = None):
    return clock_time(_ev(text, time), text, published, language)


@pytest.mark.parametrize(
    ("text", "language", "start", "words"),
    [
        ("At around 7:30 p.m. a drone hit a residential building in Kharkiv.", "en", "2025-10-22T19:30", "At around 7:30 p.m."),
        ("A Russian drone struck a house in Sumy at 06:15 local time, injuring two.", "en", "2025-10-22T06:15", "at 06:15"),
        ("Около 19:40 беспилотник атаковал многоэтажный дом в Белгороде.", "ru", "2025-10-22T19:40", "Около 19:40"),
        ("О 19:40 ворог атакував Суми ударним дроном.", "uk", "2025-10-22T19:40", "О 19:40"),
    ],
)  # fmt: skip
def test_a_clock_alone_is_its_hour_on_the_publication_day(text, language, start, words):
    te = _clock(text, language)
    assert te is not None and te.start is not None
    assert te.start.startswith(start) and te.precision == "hour" and te.basis == CLOCK_ANCHORED
    assert te.span is not None and text[te.span[0] : te.span[1]] == words


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("At 22:10 a drone hit a warehouse in Odesa.", "en"),
        ("Около 22:10 беспилотник атаковал склад в Белгороде.", "ru"),
        ("Близько 22:10 ворог атакував Одесу дронами.", "uk"),
    ],
)
def test_a_clock_later_than_publication_is_the_day_befores(text, language):
    te = _clock(text, language, MORNING_PUB)
    assert te is not None and te.start is not None and te.start.startswith("2025-10-21T22:10")


def test_the_reports_day_and_its_night():
    lead = "Russia attacked Kyiv on 20 October. "
    day = TimeExpr(text="on 20 October", start="2025-10-20", end="2025-10-20", precision="day", span=(20, 33))
    text = lead + "At 21:40 a drone hit a school."
    te = clock_time(
        EventMention(type="drone_strike", spans=[(len(lead), len(text))], time=day), text, PUB, "en"
    )
    assert te is not None and te.start == "2025-10-20T21:40:00"
    # the night into 22 October: an evening clock is the 21st's, a small-hours clock the 22nd's
    lead = "Russia attacked Kyiv overnight. "
    night = TimeExpr(text="overnight", start="2025-10-22", end="2025-10-22", precision="day", span=(21, 30))
    for clock, day_ in (("23:40", "2025-10-21"), ("03:10", "2025-10-22")):
        text = f"{lead}At {clock} a drone hit a school."
        ev = EventMention(type="drone_strike", spans=[(len(lead), len(text))], time=night)
        te = clock_time(ev, text, PUB, "en")
        assert te is not None and te.start == f"{day_}T{clock}:00"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The governor said at 10:00 that a drone hit a house in Sumy.", "en"),  # a statement's time
        ("As of 10:00, a drone attack on Sumy had injured two.", "en"),
        ("The air raid alert lasted about 2.30 hours as drones attacked Kyiv.", "en"),  # a figure
        ("Drones attacked Kyiv from 23:50 to 04:10.", "en"),  # a window
        ("Drones attacked Kyiv from 23:50, the mayor said.", "en"),  # a window's start
        ("A drone hit Kyiv; the score was 2:1 in the match that day.", "en"),  # no clock
        ("С 20:00 до 23:00 мск над Белгородской областью уничтожены 15 беспилотников.", "ru"),
        ("Станом на 10:00 ворог атакував Суми дронами.", "uk"),
        ("Про це о 10:00 повідомив голова ОВА: ворог атакував Суми.", "uk"),
    ],
)
def test_no_clock_of_the_day_no_time(text, language):
    assert _clock(text, language) is None


def test_a_time_of_its_own_stays():
    text = "On 20 October at 19:40 a drone hit a school."
    own = TimeExpr(text="On 20 October at 19:40", start="2025-10-20T19:40:00", precision="hour", span=(0, 22))
    assert _clock(text, time=own) is None
    day = TimeExpr(text="On 20 October", start="2025-10-20", end="2025-10-20", precision="day", span=(0, 13))
    assert _clock(text, time=day) is None  # its sentence's own day: the time stage reads them together
    bound = TimeExpr(end="2025-10-22", basis="on_or_before_published")  # a follow-up naming no day
    assert _clock("At 19:40 a drone hit a school.", time=bound) is None


def test_anchor_clocks_then_parts():
    text = "At around 7:30 p.m. a drone hit a residential building in Kharkiv."
    ev = _ev(text)
    assert anchor_clocks([ev], text, PUB, "en") == 1
    mark_parts([ev], text)
    assert ev.time is not None and ev.time.part == "evening"
    assert ev.time.to_dict()["basis"] == CLOCK_ANCHORED


@pytest.mark.slow
def test_the_english_pipeline_anchors_a_clock():
    report = Report(id="t", text="At around 7:30 p.m. a drone hit a residential building in Kharkiv, the mayor said.",
                    language="en", published_at=PUB)  # fmt: skip
    ev = Extractor(learned=False).extract(report).events[0]
    assert ev.time is not None and ev.time.start == "2025-10-22T19:30:00" and ev.time.part == "evening"


def test_a_clock_of_an_evening_lead_after_midnight_is_the_next_days():
    lead = "Russia attacked Kyiv on the evening of 20 October. "
    evening = TimeExpr(
        text="20 October", start="2025-10-20", end="2025-10-20", precision="day", span=(39, 49)
    )
    text = lead + "At 01:20 a drone hit a school."
    te = clock_time(
        EventMention(type="drone_strike", spans=[(len(lead), len(text))], time=evening), text, PUB, "en"
    )
    assert te is not None and te.start == "2025-10-21T01:20:00"


def test_a_clock_of_today_later_than_publication_is_yesterdays():
    lead = "Russia attacked Kyiv today. "
    today = TimeExpr(text="today", start="2025-10-22", end="2025-10-22", precision="day", span=(21, 26))
    text = lead + "At 23:10 a drone hit a school."
    ev = EventMention(type="drone_strike", spans=[(len(lead), len(text))], time=today)
    te = clock_time(ev, text, MORNING_PUB, "en")
    assert te is not None and te.start == "2025-10-21T23:10:00"


@pytest.mark.parametrize(
    ("text", "language", "lead_day"),
    [
        ("Увечері 20 жовтня ворог атакував Харків. Крім того, о 23:10 дрон атакував Суми.", "uk", "Увечері 20 жовтня"),
        ("Вечером 20 октября ВСУ атаковали Белгород. Кроме того, около 23:10 дрон атаковал Курск.", "ru", "Вечером 20 октября"),
    ],
)  # fmt: skip
def test_a_clock_the_time_stage_read_on_publication_takes_the_reports_day(text, language, lead_day):
    first = TimeExpr(
        text=lead_day, start="2025-10-20", end="2025-10-20", precision="day", span=(0, len(lead_day))
    )
    i = text.index("23:10")
    j = text.rindex(" ", 0, i - 1) + 1  # the clock's word ("о", "около")
    own = TimeExpr(text=text[j : i + 5], start="2025-10-21T23:10:00+03:00", precision="hour", span=(j, i + 5))
    lead = EventMention(type="drone_strike", spans=[(0, text.index(".") + 1)], time=first)
    ev = EventMention(type="drone_strike", spans=[(text.index(".") + 2, len(text))], time=own)
    assert anchor_clocks([lead, ev], text, MORNING_PUB, language) == 1
    assert ev.time is not None and ev.time.start == "2025-10-20T23:10:00+03:00" and lead.time is first
    # with no day told before it, the time stage's reading stands
    ev.time = own
    assert anchor_clocks([ev], text, MORNING_PUB, language) == 0 and ev.time is own
