"""One strike told by many outlets stays one incident beside a look-alike of the next night: the part
of the day a text names tells the evening's strike from a strike at 00:10 (``dayparts.part_tells``),
and a report that dates its two mentions to different days tells two events, not one twice
(``gates.retells``)."""

from __future__ import annotations

from test_link_fixtures import event, place, record, span

from skylog.link import Linker
from skylog.link.gates import retells

EVENING = "2024-11-17"


def _strike(
    rid: str, text: str, when: str, start: str, published: str, idx: int = 0, **extra: object
) -> object:
    precision = "hour" if "T" in start else "day"
    time = {
        "text": when,
        "start": start,
        "end": start,
        "precision": precision,
        "span": span(text, when),
        **extra,
    }
    if extra.get("part"):
        time["part_span"] = span(text, when)
    ev = event(text, "missile_strike", "missile", weapon="missile", places=[place(text, "Kharkiv", "Kharkiv")],
               time=time)  # fmt: skip
    return record(rid, idx, text, ev, source=f"{rid} outlet", kind="media", published=published)


def _evening_strike() -> object:
    t = "A ballistic missile hit a high-rise in Kharkiv in the evening of 17 November, the mayor said."
    return _strike(
        "eve", t, "in the evening of 17 November", EVENING, "2024-11-17T21:30:00+02:00", part="evening"
    )


def _night_strike() -> object:
    t = "At 00:10 on 18 November a missile hit infrastructure in Kharkiv, the city lost power."
    return _strike(
        "night",
        t,
        "At 00:10 on 18 November",
        "2024-11-18T00:10:00",
        "2024-11-18T01:00:00+02:00",
        part="night",
    )


def _late_sunday() -> object:
    t = "A missile struck an apartment block in Kharkiv late on Sunday, Nov. 17, killing residents."
    return _strike("late", t, "late on Sunday, Nov. 17", EVENING, "2024-11-18T09:00:00+02:00", part="evening")


def test_a_text_of_the_evenings_part_joins_the_evening_strike_not_neither():
    lk = Linker()
    lk.link([_evening_strike(), _night_strike()])
    assert lk.by_mention["eve#0"] != lk.by_mention["night#0"]
    lk.link([_late_sunday()])
    # the evening's strike shares its part of the day; the 00:10 strike is only the next part
    assert lk.by_mention["late#0"] == lk.by_mention["eve#0"]


def _two_days_report() -> list[object]:
    t = (
        "On November 17 a missile hit a high-rise in Kharkiv. "
        "On November 18 at 00:10 another missile hit Kharkiv infrastructure."
    )
    first = _strike("two", t, "On November 17", EVENING, "2024-11-18T08:00:00+02:00")
    second = _strike(
        "two", t, "On November 18 at 00:10", "2024-11-18T00:10:00", "2024-11-18T08:00:00+02:00", 1
    )
    return [first, second]


def test_a_report_dating_its_mentions_to_two_days_tells_two_events():
    lk = Linker()
    lk.link([_evening_strike(), _night_strike()])
    first, second = _two_days_report()
    lk.link([second])
    assert lk.by_mention["two#1"] == lk.by_mention["night#0"]  # its 00:10 mention: the night's strike
    f1 = lk.features([first])[0]
    assert not retells(f1, lk.incidents[lk.by_mention["night#0"]])  # "November 17" is not it told again
    lk.link([first])
    assert lk.by_mention["two#0"] == lk.by_mention["eve#0"]
