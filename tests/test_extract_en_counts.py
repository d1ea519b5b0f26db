"""English weapon counts across a report's sentences, on texts written for these tests (not the corpora)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from skylog.extract.en import EnglishPipeline
from skylog.ingest.common import make_report


def _counts(nlp: EnglishPipeline, text: str) -> dict[str, int | None]:
    x = nlp(make_report(text, source="test", published_at=datetime(2024, 8, 8, 9, tzinfo=UTC), language="en"))
    out: dict[str, int | None] = {}
    for e in x.events:
        if e.type != "interception":
            continue
        codes = sorted({p.admin1_code for p in e.places if p.admin1_code})
        out[",".join(codes) or "-"] = e.count.value if e.count else None
    return out


def test_a_breakdowns_part_is_the_count_of_a_region_told_before(nlp) -> None:
    # the region's event was told first with a figure of its own sentence; the ministry's breakdown
    # ("including 30 over Kursk") is that region's count
    text = (
        "Two drones were shot down over the Kursk region overnight, governor Alexei Smirnov said. "
        "The defence ministry said that air defences had destroyed 57 Ukrainian drones overnight, "
        "including 30 over the Kursk region and 17 over the Oryol region."
    )
    got = _counts(nlp, text)
    assert got.get("RU-KRS") == 30
    assert got.get("RU-ORL") == 17


def test_a_breakdowns_part_does_not_replace_an_earlier_breakdowns_part(nlp) -> None:
    text = (
        "Air defences destroyed 12 drones over the Kursk region and 5 over the Oryol region overnight, "
        "the defence ministry said. "
        "Later the ministry said 40 drones had been downed in all, including 9 over the Kursk region and "
        "3 over the Tula region."
    )
    got = _counts(nlp, text)
    assert got.get("RU-KRS") == 12


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Air defences shot down 20 drones over the Kursk region overnight, the governor said. "
            "Later the ministry said 16 more drones had been intercepted over the Kursk region.",
            [16, 20],
        ),
        (
            "A drone was shot down near Lahore, in Punjab province, police said. "
            "Two additional drones were intercepted in other cities of Punjab province, local media reported.",
            [1, 2],
        ),
    ],
)
def test_a_count_told_as_more_is_an_event_beside_the_earlier_one(nlp, text: str, expected: list[int]) -> None:
    x = nlp(make_report(text, source="test", published_at=datetime(2024, 8, 8, 9, tzinfo=UTC), language="en"))
    assert sorted(e.count.value for e in x.events if e.type == "interception" and e.count) == expected


def test_a_restated_count_stays_one_event(nlp) -> None:
    text = (
        "Air defences shot down 20 drones over the Kursk region overnight, the governor said. "
        "The 20 drones were intercepted over the Kursk region, the ministry said later."
    )
    x = nlp(make_report(text, source="test", published_at=datetime(2024, 8, 8, 9, tzinfo=UTC), language="en"))
    assert [e.count.value for e in x.events if e.type == "interception"] == [20]


@pytest.mark.parametrize(
    "text,expected",
    [
        (  # the other side's tally of the night, placeless like the first
            "The Ukrainian air force said it shot down 25 Russian attack drones overnight. "
            "During the night, 121 drones were detected and destroyed, according to the Russian Defense Ministry.",
            [25, 121],
        ),
        (  # a smaller figure after a placeless tally may be its part: it stays in that event
            "Air defences shot down 12 drones overnight. One drone was shot down near the airport.",
            [12],
        ),
    ],
)
def test_a_larger_placeless_tally_after_another_is_an_event_of_its_own(
    nlp, text: str, expected: list[int]
) -> None:
    x = nlp(make_report(text, source="test", published_at=datetime(2024, 8, 8, 9, tzinfo=UTC), language="en"))
    assert sorted(e.count.value for e in x.events if e.type == "interception" and e.count) == expected
