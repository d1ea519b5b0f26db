"""Days of a run of attacks on one place (``link.series``): "a second drone strike in as many days"
and "the third straight day" are two strikes on one city, even where everything else agrees; a text
naming no day of the run, or two, says nothing either way."""

from __future__ import annotations

from test_link_fixtures import event, place, record, span

from skylog.link import Linker
from skylog.link.series import series_day

DAY = "2025-05-06"


def test_the_day_of_a_run_in_three_languages():
    assert series_day("a second drone strike in as many days on the city") == 2
    assert series_day("drones hit the airport, the third straight day of attacks") == 3
    assert series_day("was attacked for the third consecutive day") == 3
    assert series_day("for a fourth night in a row") == 4
    assert series_day("Дроны атаковали город третий день подряд.") == 3
    assert series_day("Беспилотники атакуют Москву вторую ночь подряд.") == 2
    assert series_day("Ворог атакує Одесу другу добу поспіль.") == 2
    assert series_day("Удари тривають четверту ніч поспіль.") == 4


def test_no_day_or_two_days_of_a_run_say_nothing():
    assert series_day("A drone struck a fuel depot at dawn.") is None
    assert series_day("the second strike on the city hit the port") is None  # no run of days
    assert series_day("the third straight day, after a second drone strike in as many days") is None


def _strike(rid: str, text: str) -> object:
    time = {
        "text": "on Tuesday",
        "start": DAY,
        "end": DAY,
        "precision": "day",
        "span": span(text, "on Tuesday"),
    }
    ev = event(text, "drone_strike", "struck", places=[place(text, "Odesa", "Odesa")], time=time)
    return record(rid, 0, text, ev, source=rid, kind="media", published=f"{DAY}T15:00:00+00:00")


def _together(lk: Linker, a: str, b: str) -> bool:
    return lk.by_mention[f"{a}#0"] == lk.by_mention[f"{b}#0"]


def test_reports_naming_different_days_of_a_run_stay_apart():
    second = _strike(
        "second", "Drones struck a fuel depot in Odesa on Tuesday, a second strike in as many days."
    )
    third = _strike(
        "third", "Drones struck the airport in Odesa on Tuesday, the third straight day of attacks."
    )
    lk = Linker()
    lk.link([second, third])
    assert not _together(lk, "second", "third")
    why = lk.assess(
        lk.incidents[lk.by_mention["second#0"]].members[0], lk.incidents[lk.by_mention["third#0"]]
    )
    assert why is None


def test_the_same_day_of_a_run_or_none_named_still_link():
    third = _strike(
        "third", "Drones struck the airport in Odesa on Tuesday, the third straight day of attacks."
    )
    again = _strike("again", "Drones struck the airport in Odesa on Tuesday for the third consecutive day.")
    plain = _strike("plain", "Drones struck the airport in Odesa on Tuesday, officials said.")
    lk = Linker()
    lk.link([third, again, plain])
    assert _together(lk, "third", "again") and _together(lk, "third", "plain")
