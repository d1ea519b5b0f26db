"""Days of earlier events a report recalls (#13, #15): never the time of the report's own event.

A recall cue with the recalled event's noun ("after the May 4 strike", "follows Wednesday's drone
strike", "since the coup of Feb. 1, 2021"), an earlier member of a series ("the most recent being ...")
or a day of mourning dates another event; the report's own event then keeps no time (publication
bounds it), while an event told inside the recalled words keeps that day as its own. Also here: a
weekday in a report with a bare publication date may be the day after it; "next" looks forward.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from skylog.extract import Extractor
from skylog.extract.common import calendar as C
from skylog.extract.common.anchor import anchor_time, day_refs
from skylog.extract.common.recall import recalled
from skylog.extract.common.timex import normalise_time
from skylog.extract.ruuk.timex import find_times
from skylog.records import Report

FRI = datetime(2025, 6, 13, 15, 0, tzinfo=UTC)  # a Friday, with a clock time
FRI_DATE = datetime(2025, 6, 13, tzinfo=UTC)  # a bare publication date


def _at(text: str, day: str) -> tuple[int, int]:
    s = text.index(day)
    return s, s + len(day)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Flights resumed days after the May 4 strike on the airport.", "May 4"),
        ("The attack follows Wednesday's drone strike on an air base.", "Wednesday"),
        ("It was the deadliest raid since the coup of Feb. 1, 2021.", "Feb. 1, 2021"),
        ("the deadliest attack since the army seized power in a Feb. 1, 2021 coup", "Feb. 1, 2021"),
        ("Some got through, the most recent being a rocket that hit near the airport on June 2.", "June 2"),
        ("Israel has struck the port several times, including one on May 6 that hit the docks.", "May 6"),
        ("A day of mourning was declared on 11 June for the victims.", "11 June"),
        ("День траура объявили 11 июня в Таганроге.", "11 июня"),
        ("The governor said a day of mourning in Odesa would be held on Saturday.", "Saturday"),
        ("Траур в Одессе будет объявлен в субботу 16 марта.", "16 марта"),
        ("Рятувальники працюють після удару по Харкову 4 травня.", "4 травня"),
        # the mourning word after the day, in its sentence, no event noun between
        ("Завтра, 9 січня, у Запоріжжі оголошено день жалоби.", "9 січня"),
        ("Tomorrow, January 9, has been declared a day of mourning in the city.", "January 9"),
        ("12 ноября объявлено днем траура в Севастополе.", "12 ноября"),
    ],
)  # fmt: skip
def test_a_day_in_a_recalled_events_clause_is_recalled(text, day):
    assert recalled(text, *_at(text, day))


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Drones struck the port on Sunday, officials said.", "Sunday"),
        ("Drones attacked the city after midnight on Sunday.", "Sunday"),
        ("After the sirens on Sunday, residents went to shelters.", "Sunday"),
        ("The Friday attack killed three, and after that, on Saturday, drones struck again.", "Saturday"),
        ("Дрони атакували Харків 4 травня після полудня.", "4 травня"),
        ("Drones struck Odesa on Saturday and the city declared a day of mourning.", "Saturday"),
        ("On January 8, a missile strike killed 13, mourning was declared.", "January 8"),
        ("Ракета влучила в клініку вдень 10 грудня. Сьогодні в місті оголошений день жалоби.", "10 грудня"),
    ],
)  # fmt: skip
def test_a_day_of_the_reports_own_event_is_not_recalled(text, day):
    assert not recalled(text, *_at(text, day))


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _events(
    ex: Extractor, text: str, published: datetime, language: str = "en"
) -> list[tuple[str, str | None]]:
    report = Report(id="t", text=text, title=None, source="test", source_kind="media", language=language,
                    published_at=published, url=None)  # fmt: skip
    ex_ = ex.extract(report)
    # withheld events too: these tests are about the days events get, not the learned type decision
    return [(e.type, e.time.start if e.time else None) for e in [*ex_.events, *ex_.withheld_events]]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Air defences intercepted a missile fired from Yemen, the army said. Several missiles have slipped "
         "through this year, the most recent being a rocket that hit near the airport on June 2.", "en"),
        ("Drones struck fuel depots in the port city, officials said. The attack follows Wednesday's drone "
         "strike on an air base near the airport.", "en"),
        ("Jets bombed a market in the district, killing 20 people. It was the deadliest attack since the coup "
         "of Feb. 1, 2021.", "en"),
        ("Беспилотники атаковали Шахты, повреждены автомобили. День траура объявили 11 июня в Таганроге — "
         "при атаке погибли двое.", "ru"),
        ("Російські війська завдали авіаційного удару по Запоріжжю, відомо про 13 загиблих. Завтра, 9 січня, "
         "у Запоріжжі оголошено день жалоби.", "uk"),
    ],
)  # fmt: skip
def test_the_reports_own_event_does_not_take_a_recalled_day(extractor, text, language):
    events = _events(extractor, text, FRI, language)
    assert events and all(start is None for _, start in events), events


def test_an_event_told_in_the_recalled_words_keeps_its_day(extractor):
    text = "Artillery shelled villages near the border on Friday, the army said, after air strikes Thursday on depots."
    assert ("air_strike", "2025-06-12") in _events(extractor, text, FRI)
    assert ("shelling", "2025-06-13") in _events(extractor, text, FRI)


def test_a_recalled_day_is_no_anchor_when_the_report_tells_of_its_own_attack():
    text = "Drones struck fuel depots in the port city. The attack follows Thursday's drone strike on a base."
    refs = day_refs(text, FRI)
    assert [r.recalled for r in refs] == [True]
    assert anchor_time(None, text, FRI) is None
    # the recalled attack alone: its day is the report's ("after the drone attack on Sumy on 11 March, ...")
    alone = "After the drone attack on the port on Thursday, rescuers this morning recovered two bodies."
    assert not any(r.recalled for r in day_refs(alone, FRI))


def test_a_weekday_may_be_the_day_after_a_bare_publication_date():
    assert C.weekday_on_or_before(date(2025, 6, 13), 5, slack=1) == date(2025, 6, 14)
    assert C.weekday_on_or_before(date(2025, 6, 13), 5) == date(2025, 6, 7)
    assert C.day_slack(FRI_DATE) == 1 and C.day_slack(FRI) == 0
    assert normalise_time("early on Saturday", FRI_DATE).start == "2025-06-14"
    assert normalise_time("early on Saturday", FRI).start == "2025-06-07"  # a clock time: last week's
    assert normalise_time("on Thursday", FRI_DATE).start == "2025-06-12"
    (sat,) = find_times("в субботу", "в субботу", FRI_DATE, "ru")
    assert sat.expr.start == "2025-06-14"


def test_next_weekday_is_after_publication():
    assert C.weekday_after(date(2025, 6, 13), 4) == date(2025, 6, 20)
    assert normalise_time("next Tuesday", FRI).start == "2025-06-17"
    assert normalise_time("on Tuesday", FRI).start == "2025-06-10"


def test_an_undated_attack_after_the_one_its_report_recalls_takes_the_publication_day():
    """ "This attack follows Thursday's strike", published on the Friday: its own attack is not
    Thursday's, and came after it, so it is Friday's (basis "after_recalled"). Recalled from two
    days back, the report's own day stays open (publication alone bounds it)."""
    from skylog.extract.common.anchor import AFTER_RECALLED, after_recalled

    text = (
        "Rebels launched a drone strike on the port of Mombasa, hitting fuel tanks. "
        "The attack follows Thursday's drone strike on the city's airport."
    )
    refs = day_refs(text, FRI_DATE)
    assert [r.recalled for r in refs] == [True]
    t = after_recalled(None, refs, FRI_DATE)
    assert (t.start, t.end, t.precision, t.basis) == ("2025-06-13", "2025-06-13", "day", AFTER_RECALLED)
    older = text.replace("Thursday's", "Wednesday's")
    assert after_recalled(None, day_refs(older, FRI_DATE), FRI_DATE) is None
    # an event with a day of its own keeps it
    own = {
        "text": "on Friday",
        "start": "2025-06-13",
        "end": "2025-06-13",
        "precision": "day",
        "span": [0, 9],
    }
    assert after_recalled(own, refs, FRI_DATE) is None


def test_the_latest_day_of_a_run_is_the_reports_own_day(extractor):
    """The latest day of a run ("for a third straight day") is the report's own; a stated weekday wins."""
    text = "Drones struck the port city for a third straight day, officials said, hitting a fuel depot."
    assert ("drone_strike", "2025-06-13") in _events(extractor, text, FRI)
    text = "Drones struck the port city on Wednesday, the second consecutive day of attacks, officials said."
    assert ("drone_strike", "2025-06-11") in _events(extractor, text, FRI)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Беспилотники атаковали город третий день подряд, сообщил губернатор. Повреждены два дома.", "ru"),
        ("Дрони атакували місто вже п’ятий день поспіль, повідомила ОВА. Пошкоджено будинок.", "uk"),
    ],
)
def test_the_latest_day_of_a_run_in_russian_and_ukrainian(extractor, text, language):
    assert ("drone_strike", "2025-06-13") in _events(extractor, text, FRI, language)
