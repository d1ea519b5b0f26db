"""A name is no place of its own inside a longer one: a side's adjective ("Moscow-annexed Crimea") or the
head of a name with "of" ("the Bay of Sevastopol"), on texts written for these tests."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from skylog.extract.en import EnglishPipeline
from skylog.ingest.common import make_report


def _places(nlp: EnglishPipeline, text: str) -> list[tuple[str, str | None]]:
    x = nlp(make_report(text, source="test", published_at=datetime(2025, 3, 7, 9, tzinfo=UTC), language="en"))
    return [(p.name or p.mention, p.country) for e in x.events for p in e.places]


@pytest.mark.parametrize(
    ("text", "place", "country"),
    [
        ("Sea drones damaged a patrol boat in the Bay of Sevastopol before dawn.", "Sevastopol", "UA"),
        ("A cargo ship was hit by a missile in the Sea of Azov near Berdiansk.", "Sea of Azov", None),
        ("A drone launched by the rebels was shot down over the Gulf of Aden.", "Gulf of Aden", None),
    ],
)
def test_the_head_of_a_name_with_of_is_no_place_of_its_own(nlp, text, place, country) -> None:
    got = _places(nlp, text)
    assert (place, country) in got
    # not the word before "of" read as a town abroad ("Bay" -> Baia Mare, "Sea" -> Seattle)
    assert all(c in (None, "UA") for _, c in got), got


@pytest.mark.parametrize(
    ("text", "place", "side"),
    [
        (
            "Drones struck a fuel depot in Moscow-annexed Crimea overnight, the governor said.",
            "Crimea",
            "Moscow",
        ),
        ("A missile hit a school in Kremlin-backed Donetsk, wounding four people.", "Donetsk", "Kremlin"),
    ],
)
def test_a_sides_hyphenated_adjective_is_not_the_events_place(nlp, text, place, side) -> None:
    names = [n for n, _ in _places(nlp, text)]
    assert any(place in n for n in names), names
    assert not any(side in n for n in names), names


def test_a_district_of_a_region_keeps_its_own_name(nlp) -> None:
    got = _places(nlp, "Air defences downed nine drones over Izmail District of Odesa Region overnight.")
    assert ("Izmail Raion", "UA") in got, got
