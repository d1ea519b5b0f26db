"""English tolls of one report told as updates, parts and running totals, on texts written for these tests
(not the corpora; #15)."""

from __future__ import annotations

import pytest

from skylog.extract.common.numbers import numbers_of
from skylog.extract.en.casualties import casualties


def tolls(sentence: str) -> dict[str, int]:
    return {k: f.value for k, f in casualties(sentence, 0, numbers_of(sentence, "en")).items()}


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        # the figure a toll rose to holds the people told as more after it: the increment, not more people
        ("The death toll rose to 10 on Monday, with two more bodies pulled from the rubble.", {"killed": 10}),
        (
            "The number of injured has risen to at least 14 after three more people sought help.",
            {"injured": 14},
        ),
        ("The toll now stands at 9 after another two died in hospital overnight.", {"killed": 9}),
        # told beside a first toll, more people add to it
        ("Two people were killed in the strike, and two more died in hospital.", {"killed": 4}),
    ],
)
def test_update_holds_its_increment(sentence: str, want: dict[str, int]) -> None:
    assert tolls(sentence) == want


def test_one_toll_on_two_events_counts_once() -> None:
    from skylog.extract.en.restated import count_tolls_once
    from skylog.records import Claim, EventMention

    # one run-on sentence read as attacks of two types, each given the sentence's toll: one toll, not two
    same = [(21, 32)]
    a = EventMention("missile_strike", [(0, 700)], injured=Claim(value=2, spans=list(same)))
    b = EventMention("shelling", [(0, 700)])
    c = EventMention("air_strike", [(0, 700)], injured=Claim(value=2, spans=list(same)))
    # another event's toll of the same figure told in other words stays (the rules of a retelling decide)
    d = EventMention("shelling", [(800, 900)], injured=Claim(value=2, spans=[(810, 830)]))
    count_tolls_once([a, b, c, d], set())
    assert [e.injured.value if e.injured else None for e in (a, b, c, d)] == [2, None, None, 2]


@pytest.fixture(scope="module")
def nlp():
    from skylog.extract.en import EnglishPipeline

    return EnglishPipeline()


def report_tolls(nlp, text: str) -> tuple[int, int]:
    """The report's killed and injured, summed over its events as the scorer sums them."""
    from skylog.ingest.common import make_report

    ex = nlp(make_report(text, source="test", language="en"))
    return tuple(
        sum(getattr(e, f).value for e in ex.events if getattr(e, f) is not None)
        for f in ("killed", "injured")
    )


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the lead's toll of several strikes, then some of them told strike by strike: parts of it
        (
            "Russian strikes kill 12 in Kharkiv region.\n"
            "At least 12 people were killed in two separate Russian strikes on Kharkiv region on Tuesday, "
            "the governor said.\n"
            "Five people were killed in another strike on a warehouse in Kharkiv, officials said.",
            (12, 0),
        ),
        # a family among the lead's dead
        (
            "Israeli air strike kills 20 in Rafah.\n"
            "At least 20 people were killed when an Israeli air strike hit a house in Rafah on Friday.\n"
            "Four members of the Nassar family were killed in the strike, relatives said.",
            (20, 0),
        ),
    ],
)
def test_parts_of_the_leads_toll(nlp, text: str, want: tuple[int, int]) -> None:
    assert report_tolls(nlp, text) == want


def test_another_strike_after_a_single_strikes_lead_adds(nlp) -> None:
    # a lead of one strike: a strike told after it as another is another incident, its toll beside the lead's
    text = (
        "Russian missile strike kills 12 in Kharkiv.\n"
        "At least 12 people were killed when a Russian missile hit an apartment block in Kharkiv on Tuesday.\n"
        "Five people were killed in another strike on a warehouse in Kharkiv, officials said."
    )
    assert report_tolls(nlp, text) == (17, 0)


def test_skirmishes_frame_a_running_toll() -> None:
    # the toll of a border front's skirmishes is a running total, no incident's; a day's exchanges is one
    assert tolls("More than 400 people have been killed in the border skirmishes, officials said.") == {}
    assert tolls("Two people were killed in the exchanges on Monday.") == {"killed": 2}


def test_an_earlier_reports_toll_is_superseded(nlp) -> None:
    text = (
        "Five people were killed on Friday in a Russian missile attack on the town of Izium, the governor said.\n"
        "Twelve wounded people were taken to a local hospital, he wrote on Telegram.\n"
        "An unconfirmed earlier report by a local Telegram channel put the death toll at eight."
    )
    assert report_tolls(nlp, text) == (5, 12)


def test_debris_and_its_strike_tell_one_harm(nlp) -> None:
    text = (
        "Russia attacks Ukrainian cities overnight\n"
        "The falling debris from shot-down missiles resulted in six people injured and damage to buildings.\n"
        "Cruise missiles were launched from strategic aircraft, the head of the city's military "
        "administration said on Telegram.\n"
        "The mayor said on Telegram that according to medics, six people were injured in a district."
    )
    assert report_tolls(nlp, text) == (0, 6)


def test_a_strikes_toll_outweighs_an_exercise_aside(nlp) -> None:
    # a strike told with its toll, then a roundup line of drills: the report is the strike's, not the drills'
    text = (
        "The death toll from the Russian missile strike on an apartment block in Odesa has risen to 14, "
        "the governor said on Monday.\n"
        "Other developments on Monday:\n"
        "— The Russian air force launched a joint exercise in Belarus, the defence ministry said."
    )
    assert report_tolls(nlp, text) == (14, 0)
    # a report of drills alone keeps no attack
    assert report_tolls(
        nlp, "The Russian air force launched a joint exercise with missile launches in Belarus."
    ) == (0, 0)
