"""English tolls worded as other outlets word them, on texts written for these tests (not the corpora): harm
told as what a victim suffered or the care given, the dead of their wounds, a toll's people named again after
it, and the dead told by who is among them (#15)."""

from __future__ import annotations

import pytest

from skylog.extract.en import EnglishPipeline
from skylog.ingest.common import make_report


def tolls(nlp: EnglishPipeline, text: str) -> tuple[int | None, int | None]:
    """The report's killed and injured, summed over its events (None where no event tells one)."""
    ex = nlp(make_report(text, source="test", language="en"))
    killed = [e.killed.value for e in ex.events if e.killed is not None]
    injured = [e.injured.value for e in ex.events if e.injured is not None]
    return (sum(killed) if killed else None, sum(injured) if injured else None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # harm told as what the victim suffered, or as the care given to them
        ("A Russian drone hit a house in Kherson. A woman suffered burns, the governor said.", (None, 1)),
        ("A drone struck a shop in Sumy. A 60-year-old man sustained a concussion.", (None, 1)),
        ("A Ukrainian drone hit a house in Kursk. Seven people received medical treatment.", (None, 7)),
        ("A drone exploded over Kyiv on Monday. Four people were treated at the scene.", (None, 4)),
        # a death verb: the dead, however the sentence ends ("of their wounds")
        ("A missile hit Kharkiv on Friday. Three people died of their wounds in hospital.", (3, None)),
        ("A drone hit a bus in Kherson. Two passengers perished, the governor said.", (2, None)),
    ],
)
def test_harm_told_by_what_was_suffered(nlp, text, expected):
    assert tolls(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the people of a toll named one by one after it: the same people, no more
        ("A Russian drone hit Kherson on Monday, killing two civilians, a man and a woman.", (2, None)),
        (
            "A missile struck Odesa, injuring three people, two women and a child, the governor said.",
            (None, 3),
        ),
        # other people than the first item's: they add
        ("A missile hit a checkpoint near Kherson, killing two soldiers, a woman and a child.", (4, None)),
        ("A drone hit a car in Kherson, killing two people and a child.", (3, None)),
    ],
)
def test_toll_named_again_is_counted_once(nlp, text, expected):
    assert tolls(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the dead (or the injured) told by who is among them: at least those
        ("A missile hit Kryvyi Rih on Friday. Among the dead were two children, officials said.", (2, None)),
        ("A missile hit Kryvyi Rih on Friday. The dead include a 12-year-old boy.", (1, None)),
        ("A missile hit Dnipro on Friday. Among the dead were a woman and two children.", (3, None)),
        ("A drone hit a school in Odesa. Among the injured were five children.", (None, 5)),
        # a toll told of the event stays: those among them are a part of it
        ("A missile hit Dnipro on Friday, killing 10 people. Among the dead were two children.", (10, None)),
        ("A drone hit Odesa, injuring 12 people. The injured include five children and a woman.", (None, 12)),
    ],
)
def test_toll_told_by_who_is_among_them(nlp, text, expected):
    assert tolls(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "including N" after a toll in its sentence: a part of it, however the part is told
        (
            "An Israeli strike hit a building near the hospital on Monday. The ministry said 57 others were "
            "wounded in the strike, including seven who were in critical condition.",
            (None, 57),
        ),
        (
            "A missile hit Kharkiv on Monday. Twelve people were killed, including four who died in hospital.",
            (12, None),
        ),
    ],
)
def test_including_figure_is_a_part_of_the_toll(nlp, text, expected):
    assert tolls(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a war's duration as the subject of a toll: its running total, no strike's
        "Israeli strikes killed at least 30 people in Gaza on Tuesday, health officials said. More than a year "
        "of Israel's war against Hamas in Gaza has killed more than 43,000 people, officials say.",
        "Israeli strikes killed at least 30 people in Gaza on Tuesday. Months of fighting in Gaza have killed "
        "more than 40,000 people.",
    ],
)
def test_war_duration_toll_is_no_strikes(nlp, text):
    assert tolls(nlp, text) == (30, None)
