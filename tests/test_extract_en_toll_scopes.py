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


def _toll_event(typ: str, at: int, killed: int | None, injured: int | None = None, **kw):
    from skylog.records import Claim, EventMention

    def claim(v: int | None, off: int):
        return Claim(value=v, spans=[(at + off, at + off + 5)]) if v is not None else None

    return EventMention(typ, [(at, at + 90)], killed=claim(killed, 10), injured=claim(injured, 30), **kw)


def _place(name: str, country: str, admin1: str):
    from skylog.records import Place

    return Place(mention=name, span=(0, len(name)), kind="city", name=name, country=country, admin1=admin1)


def test_a_distinct_figure_told_by_two_events_counts_once() -> None:
    from skylog.extract.en.restated import count_tolls_once
    from skylog.records import TimeExpr

    # one toll read as two events of two types ("34 killed in an airstrike on the market … the death of 34
    # due to heavy shelling"): a figure this large is the same people, kept on the later event
    a, b = _toll_event("air_strike", 0, 34), _toll_event("shelling", 100, 34)
    # a killed-and-injured pair told alike, though a sentence's city was taken for another region's
    c = _toll_event("missile_strike", 0, 3, 8, places=[_place("Sumy", "UA", "Sumy Oblast")])
    d = _toll_event("missile_strike", 100, 3, 8, places=[_place("Kyiv", "UA", "Kyiv")])
    count_tolls_once([a, b], set())
    count_tolls_once([c, d], set())
    assert [e.killed.value if e.killed else None for e in (a, b, c, d)] == [None, 34, None, 3]
    assert (c.injured, d.injured.value) == (None, 8)
    # a small figure two strikes may share stays on both; so does a large one on two days, or in two countries
    e, f = _toll_event("air_strike", 0, 4), _toll_event("shelling", 100, 4)
    day = {d: TimeExpr(start=d, precision="day") for d in ("2024-08-26", "2024-08-27")}
    g = _toll_event("air_strike", 0, 12, time=day["2024-08-26"])
    h = _toll_event("air_strike", 100, 12, time=day["2024-08-27"])
    i = _toll_event("air_strike", 0, 15, places=[_place("Gaza", "PS", "Gaza Strip")])
    j = _toll_event("air_strike", 100, 15, places=[_place("Tyre", "LB", "South Governorate")])
    for pair in ((e, f), (g, h), (i, j)):
        count_tolls_once(list(pair), set())
    assert [x.killed.value for x in (e, f, g, h, i, j)] == [4, 4, 12, 12, 15, 15]


def report_tolls(nlp, text: str, published: str | None = None) -> tuple[int, int]:
    """The report's killed and injured, summed over its events as the scorer sums them."""
    from datetime import UTC, datetime

    from skylog.ingest.common import make_report

    at = datetime.fromisoformat(published).replace(tzinfo=UTC) if published else None
    ex = nlp(make_report(text, source="test", language="en", published_at=at))
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


def test_a_dayless_lead_of_several_strikes_holds_parts_of_two_days(nlp) -> None:
    # the lead's toll of several strikes names no day: the strikes told after it, late Monday and early
    # Tuesday, are its parts, not more people
    parts = (
        "An airstrike late Monday hit a house in Gaza City, killing six people, medics said.\n"
        "Another strike early Tuesday hit a home in Khan Younis, killing five people, the hospital said."
    )
    lead = (
        "Palestinian officials say Israeli airstrikes across the Gaza Strip have killed at least 15 people.\n"
    )
    assert report_tolls(nlp, lead + parts, "2024-08-28T09:00:00") == (15, 0)
    # a lead that names its own day holds no strikes of another day
    dated = (
        "Israeli airstrikes across the Gaza Strip killed at least 15 people on Wednesday, officials said.\n"
    )
    assert report_tolls(nlp, dated + parts, "2024-08-28T09:00:00") == (26, 0)


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
