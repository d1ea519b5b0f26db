"""A place fronted at the start of a sentence ("In Kharkiv, a drone hit ..."), on texts written for these tests."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from skylog.extract.en import EnglishPipeline
from skylog.ingest.common import make_report


def _places(nlp: EnglishPipeline, text: str) -> list[list[str]]:
    x = nlp(make_report(text, source="test", published_at=datetime(2025, 3, 7, 9, tzinfo=UTC), language="en"))
    return [[p.name or p.mention for p in e.places] for e in x.events]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("In Kharkiv, a drone hit a house, injuring three people.", "Kharkiv"),
        ("In Dnipro, two people were killed when a missile hit a shop.", "Dnipro"),
        ("Over Bryansk, air defences shot down five drones, the governor said.", "Bryansk"),
        ("Near Odesa, a drone struck a port warehouse and started a fire.", "Odesa"),
    ],
)
def test_a_capitalised_preposition_opening_a_sentence_places_its_event(nlp, text, place) -> None:
    assert any(place in names for names in _places(nlp, text))


def test_the_fronted_place_of_a_later_sentence_is_its_own_event(nlp) -> None:
    text = (
        "Russia launched a large missile and drone attack on Ukraine overnight, officials said. "
        "In Kyiv, a missile struck an apartment building, killing two people, the mayor said."
    )
    assert any("Kyiv" in names for names in _places(nlp, text))


def test_a_fronted_weekday_or_figure_is_no_place(nlp) -> None:
    places = _places(nlp, "On Monday, a drone hit a house in Sumy. At least three people were hurt.")
    assert [n for names in places for n in names] == ["Sumy"]
