"""One sentence rule and one clock pattern (``extract.common.sentence``) for the stages that read a
report's text by offsets: the clock anchor, the day anchor and the part of the day."""

from __future__ import annotations

from datetime import datetime

import pytest

from skylog.extract.common import dayparts
from skylog.extract.common.anchor import day_refs
from skylog.extract.common.clocks import clock_time
from skylog.extract.common.sentence import CLOCK, sentence_around
from skylog.records import EventMention

PUB = datetime.fromisoformat("2025-10-22T21:00:00+03:00")


def _sentence_of(text: str, words: str) -> str:
    lo, hi = sentence_around(text, text.index(words), text.index(words) + len(words))
    return text[lo:hi]


@pytest.mark.parametrize(
    ("text", "words", "sentence"),
    [
        ("At 7:30 p.m. a drone hit a house. Two died.", "drone", "At 7:30 p.m. a drone hit a house"),
        (
            "On Monday, U.S. jets struck the port. Officials spoke.",
            "jets",
            "On Monday, U.S. jets struck the port",
        ),
        ("Уражено с. Р. Лозова. Інше", "Лозова", "Уражено с. Р. Лозова"),
        # a figure's stop ends its sentence, as a word's does
        ("The toll rose to 5. Rescuers searched the ruins.", "Rescuers", " Rescuers searched the ruins"),
        ("Sirens sounded!\nA drone hit a house… Two died?", "drone", "A drone hit a house"),
        # a span over two sentences keeps both
        ("One. A drone hit. A house burned. Done.", "drone hit. A house", " A drone hit. A house burned"),
    ],
)
def test_the_sentence_around_a_span(text, words, sentence):
    assert _sentence_of(text, words) == sentence


@pytest.mark.parametrize(
    ("text", "clocks"),
    [
        ("at 19:40 and at 7.30", [("19", "40"), ("7", "30")]),
        ("from 23:50 to 00:15", [("23", "50"), ("00", "15")]),
        ("on 1.5.2024, 22.10.2024", []),  # dates
        ("1.75 million, 25:00, 12:30:45, 3,14.30", []),  # a figure, no hour, seconds, a decimal list
    ],
)
def test_a_clock_is_a_time_of_day(text, clocks):
    assert CLOCK.findall(text) == clocks


def test_a_clock_after_a_sentence_ending_in_a_figure_is_alone_in_its_own():
    """Before, "gate 2." ended no sentence, so the event's sentence held two clocks and took none."""
    text = "Sirens sounded from 18:30 until gate 2. At 19:40 a drone hit a house."
    start = text.index("At 19")
    te = clock_time(EventMention(type="drone_strike", spans=[(start, len(text))]), text, PUB, "en")
    assert te is not None and te.start is not None and te.start.startswith("2025-10-22T19:40")


def test_a_day_before_an_abbreviation_is_the_attacks_day():
    """Before, "U.S." ended a sentence, so "On Monday" was not the strike's day."""
    refs = day_refs("On Monday, U.S. jets struck the port. Officials spoke today.", PUB, "en")
    assert [(r.text, r.bound) for r in refs] == [("Monday", True), ("today", False)]


@pytest.mark.parametrize(
    ("text", "words", "stretch"),
    [
        # a decimal point and an initial end no sentence; a stop before a space does
        ("After 2.5 hours, in the evening of 22 October, drones came.", "22 October", "After 2.5 hours, in the evening of "),
        ("Sirens. In the evening of 22 October drones came.", "22 October", " In the evening of "),
        # at most 40 characters each side
        ("x" * 60 + " on 22 October", "22 October", "x" * 36 + " on "),
    ],
)  # fmt: skip
def test_the_stretch_before_a_time_is_within_its_sentence(text, words, stretch):
    s = text.index(words)
    lo, hi = dayparts._sentence_bounds(text, s, s + len(words))
    assert text[lo:s] == stretch and hi >= s + len(words)
