"""English strikes on two towns of one region, each with its own toll (#15), on texts written for these tests:
one event per town, each keeping its toll, so the report's sum counts both; a toll told again for the same
town stays one event; a lead summing several strikes keeps no part that names its own place and toll."""

from __future__ import annotations

from datetime import UTC, datetime

from skylog.extract.en import EnglishPipeline
from skylog.ingest.common import make_report

PUBLISHED = datetime(2025, 5, 6, 10, tzinfo=UTC)


def events(nlp: EnglishPipeline, text: str) -> list[tuple]:
    ex = nlp(make_report(text, source="test", language="en", published_at=PUBLISHED))
    v = lambda c: c.value if c else None  # noqa: E731
    return [(e.type, v(e.killed), v(e.injured)) for e in ex.events]


def test_two_towns_of_one_region_keep_their_own_tolls(nlp: EnglishPipeline) -> None:
    text = (
        "Russia fired missiles at the Kharkiv region overnight, officials said on Tuesday. "
        "In Chuhuiv, a missile hit a school, wounding 5 people. "
        "In Izium, a missile struck a market, injuring 9 people and damaging shops."
    )
    evs = events(nlp, text)
    assert sorted(e[2] for e in evs if e[2]) == [5, 9]


def test_one_town_told_twice_stays_one_event(nlp: EnglishPipeline) -> None:
    text = (
        "In Chuhuiv, a missile hit a school overnight, wounding 5 people. "
        "Later, officials said the missile strike on Chuhuiv had injured 7 people."
    )
    evs = events(nlp, text)
    assert [e[2] for e in evs if e[2]] == [7]


def test_a_summary_of_several_strikes_does_not_swallow_a_placed_part(nlp: EnglishPipeline) -> None:
    text = (
        "Strikes on border towns in Russia and Ukraine killed at least 10 people on Monday. "
        "A Russian strike on the city of Chuhuiv on Monday afternoon killed four people. "
        "Across the border, Ukraine shelled the city of Belgorod, killing at least seven."
    )
    killed = sorted(e[1] for e in events(nlp, text) if e[1])
    assert killed == [4, 7]
