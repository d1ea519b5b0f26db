"""Regional administrations' daily digests itemised by community (hromada): one event per unit."""

from __future__ import annotations

from datetime import UTC, datetime

from skylog.extract.common.numbers import numbers_of
from skylog.ingest.common import make_report

PUB = datetime(2024, 6, 3, 7, 0, tzinfo=UTC)


def events(pipe, text: str, lang: str = "uk", pub: datetime | None = PUB) -> list[dict]:
    out = pipe(make_report(text, published_at=pub, language=lang)).to_dict()
    assert not out["warnings"], out["warnings"]
    return out["events"]


def val(claim):
    return claim["value"] if claim else None


def test_each_community_of_a_digest_is_its_own_event(pipe):
    text = (
        "Ворог обстрілював прикордонні громади області, повідомив голова ОВА.\n"
        "Миропільська громада: вранці ворог обстріляв громаду з міномету (8 прильотів).\n"
        "Хотінська громада: зафіксовано мінометний обстріл, 5 прильотів.\n"
        "Краснопільська громада: після обіду ворог обстріляв громаду з артилерії, 3 прильоти."
    )
    got = [e for e in events(pipe, text) if e["type"] == "shelling"]
    assert sorted(val(e["count"]) for e in got) == [3, 5, 8]


def test_ukrainian_plural_of_a_hit_is_a_strike_cue(pipe):
    (ev,) = events(pipe, "Миропільська громада: вранці було 8 прильотів з міномету.")
    assert ev["type"] == "shelling" and val(ev["count"]) == 8


def test_a_calibre_is_no_count():
    assert [n.value for n in numbers_of("12 прильотів (ймовірно 120 мм міномет)", "uk") if n.is_count] == [12]
    assert [n.value for n in numbers_of("обстріляли з 82-мм міномета", "ru") if n.is_count] == []


def test_a_clock_without_a_day_is_on_the_day_the_digest_told_before(pipe):
    text = (
        "Ситуація на прикордонні станом на 20.00 12 березня 2023\n"
        "Миропільська громада: близько 14.30 ворог завдав ракетного удару по території громади.\n"
        "Хотінська громада: ворог обстріляв громаду з міномету, 5 прильотів."
    )
    got = events(pipe, text, pub=None)
    assert {e["type"] for e in got} == {"missile_strike", "shelling"}
    assert all(e["time"] and e["time"]["start"][:10] == "2023-03-12" for e in got)


def test_a_shelling_counted_in_several_figures_counts_their_sum(pipe):
    for text, total in [
        (
            "Хотінська громада: вранці було 6 прильотів з міномету, обстріл тривав до 18 вечора, ще 11 вибухів.",
            17,
        ),
        (
            "Миропільська громада: російські війська з самого ранку били з мінометів (8 мін, а через годину ще 5).",
            13,
        ),
        ("Хотінська громада: зафіксовано мінометний обстріл – спочатку 2, а потім ще 6 прильотів.", 8),
    ]:
        (ev,) = events(pipe, text)
        assert ev["type"] == "shelling" and val(ev["count"]) == total, text


def test_what_a_drone_dropped_counted_is_the_strike_count(pipe):
    (ev,) = events(pipe, "Хотінська громада: ворожий БпЛА скинув 3 вибухових пристрої на територію громади.")
    assert ev["type"] == "drone_strike" and val(ev["count"]) == 3
    (ev,) = events(pipe, "Украинский беспилотник сбросил две гранаты на автомобиль.", "ru")
    assert ev["type"] == "drone_strike" and val(ev["count"]) == 2
    (ev,) = events(pipe, "Росіяни скинули вибухівку з дрона на населений пункт.")
    assert val(ev["count"]) == 1


def test_more_people_are_no_dropped_figure(pipe):
    (ev,) = events(
        pipe, "У Хотіні внаслідок удару безпілотниками одна людина загинула, а ще четверо постраждали."
    )
    assert ev["type"] == "drone_strike" and val(ev["count"]) != 4 and val(ev["injured"]) == 4


def test_a_community_and_a_town_each_with_its_strike_are_two_events(pipe):
    text = (
        "Вранці ворог атакував Нікопольщину. Чоловік отримав поранення через удар дроном-камікадзе по "
        "Марганецькій громаді. Також ворог вдарив безпілотником по Нікополю. Там поранені дві жінки."
    )
    got = [e for e in events(pipe, text) if e["type"] == "drone_strike"]
    assert len(got) == 2
