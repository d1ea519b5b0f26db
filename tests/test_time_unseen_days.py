"""Days as unseen outlets word them (#15 item 4): a night adverb told with the day it names ("overnight on
June 9", "overnight Sunday") is that day, not a second reference of publication's; the day so far ("since
dawn", «с начала суток», «з початку доби») is publication's day."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from skylog.extract.common.anchor import anchor_time, day_refs
from skylog.extract.en.timexpr import find_times as en_times
from skylog.extract.ruuk.timex import find_times as ruuk_times
from skylog.records import TimeExpr

PUB = datetime(2025, 3, 12, 9, 0, tzinfo=UTC)  # a Wednesday


def _own(text: str, expr: str, day: str) -> TimeExpr:
    s = text.index(expr)
    return TimeExpr(text=expr, start=day, end=day, precision="day", span=(s, s + len(expr)))


@pytest.mark.parametrize(
    ("text", "language", "expr", "day"),
    [
        ("Russia attacked Ukraine with 479 drones overnight on March 10, the air force said.",
         "en", "March 10", "2025-03-10"),
        ("Russia launched 120 drones at Kharkiv overnight Monday, killing two.", "en", "Monday", "2025-03-10"),
        ("Russian drones struck Odesa overnight into Tuesday, the governor said.", "en", "Tuesday", "2025-03-11"),
    ],
)  # fmt: skip
def test_a_night_adverb_told_with_its_day_is_that_day(text, language, expr, day):
    refs = day_refs(text, PUB, language)
    assert [r.text for r in refs] == [expr] and refs[0].bound
    assert anchor_time(_own(text, expr, day), text, PUB, language) is None  # its own day stays


def test_a_night_adverb_alone_still_anchors_to_publication():
    text = "Russia attacked Kharkiv with drones overnight, killing two."
    assert [(r.text, r.day.isoformat()) for r in day_refs(text, PUB, "en")] == [("overnight", "2025-03-12")]


@pytest.mark.parametrize(
    "text",
    [
        "Israeli strikes killed at least 30 people across Gaza since dawn, the civil defence said.",
        "Strikes on Gaza have killed 30 people since early morning, medics said.",
    ],
)
def test_english_the_day_so_far_is_publications_day(text):
    from skylog.extract.common.timex import normalise_time

    (found,) = [x for x in en_times(text) if x[2].startswith("since")]
    assert normalise_time(found[2], PUB, "en").start == "2025-03-12"


@pytest.mark.parametrize(
    ("text", "lang", "expr"),
    [
        ("С начала суток в результате обстрелов ВСУ погибли два мирных жителя Горловки.", "ru", "С начала суток"),
        ("З початку доби росіяни обстріляли Херсон, загинула жінка.", "uk", "З початку доби"),
        ("Від початку доби ворог атакував Сумщину дронами.", "uk", "Від початку доби"),
    ],
)  # fmt: skip
def test_ruuk_the_day_so_far_is_publications_day(text, lang, expr):
    found = {f.expr.text: f.expr.start for f in ruuk_times(text.lower(), text, PUB, lang)}
    assert found[expr] == "2025-03-12"


@pytest.mark.parametrize(
    ("text", "expr", "day"),
    [
        ("Russia launched 300 drones overnight Monday into Tuesday.", "overnight Monday into Tuesday", "2025-03-11"),
        ("Drones hit Kyiv on Monday night to Tuesday, the air force said.", "Monday night to Tuesday", "2025-03-11"),
        ("Russia launched 300 drones on the night of Monday to Tuesday.", "the night of Monday to Tuesday",
         "2025-03-11"),
    ],
)  # fmt: skip
def test_english_a_night_of_two_weekdays_is_dated_to_the_morning_it_ends(text, expr, day):
    from skylog.extract.common.timex import normalise_time

    (found,) = [x for x in en_times(text) if expr in x[2]]
    assert normalise_time(found[2], PUB, "en").start == day
    assert [(r.text, r.day.isoformat()) for r in day_refs(text, PUB, "en")] == [("Tuesday", day)]


def test_two_weekdays_with_no_night_keep_the_first():
    from skylog.extract.common.timex import normalise_time

    assert normalise_time("on Monday and Tuesday", PUB, "en").start == "2025-03-10"
    text = "Russia struck Kyiv on Monday and Tuesday, killing 5."
    assert [r.text for r in day_refs(text, PUB, "en")] == ["Monday", "Tuesday"]


def test_days_ago_count_back_from_publication():
    from skylog.extract.common.timex import normalise_time

    text = "A drone struck a residential building in Kharkiv two days ago, killing three people."
    (found,) = [x for x in en_times(text) if "ago" in x[2]]
    assert normalise_time(found[2], PUB, "en").start == "2025-03-10"
    for text, lang, expr in [
        ("Два дня назад беспилотник атаковал Белгород, ранены двое.", "ru", "Два дня назад"),
        ("Два дні тому дрон атакував Херсон, поранено двох.", "uk", "Два дні тому"),
    ]:
        found = {f.expr.text: f.expr.start for f in ruuk_times(text.lower(), text, PUB, lang)}
        assert found[expr] == "2025-03-10"


def test_english_dawn_with_no_day_is_the_days_dawn():
    from skylog.extract.common.timex import normalise_time

    text = "Russian drones struck Odesa at dawn, killing two."
    (found,) = [x for x in en_times(text) if "dawn" in x[2]]
    assert normalise_time(found[2], PUB, "en").start == "2025-03-12"
    # told with its day, the day's
    text = "Russian drones struck Odesa at dawn on Tuesday, killing two."
    assert min(en_times(text), key=lambda x: x[3])[2] == "on Tuesday"
    # and the event of its sentence carries it
    from skylog.extract import Extractor
    from skylog.records import Report

    report = Report(
        id="t",
        source="test",
        text="Russian drones struck Odesa at dawn, killing two.",
        language="en",
        published_at=PUB,
    )
    out = Extractor(learned=False).extract(report)
    assert out.events and out.events[0].time is not None and out.events[0].time.start == "2025-03-12"
