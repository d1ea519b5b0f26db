"""English counts and tolls told twice, together or of another time, on texts written for these tests (#15):
counts of several kinds of weapons downed together, a part of a total told "of which", tolls told again in a
later event or updated, and a recalled earlier attack's toll."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from skylog.extract.common.numbers import numbers_of
from skylog.extract.en import EnglishPipeline
from skylog.extract.en.casualties import casualties, weapon_counts
from skylog.extract.en.recalled import recalled_period
from skylog.ingest.common import make_report

PUBLISHED = datetime(2025, 5, 6, 10, tzinfo=UTC)


def events(nlp: EnglishPipeline, text: str) -> list[tuple]:
    ex = nlp(make_report(text, source="test", language="en", published_at=PUBLISHED))
    v = lambda c: c.value if c else None  # noqa: E731
    return [(e.type, v(e.count), v(e.killed), v(e.injured)) for e in ex.events]


def tolls(nlp: EnglishPipeline, text: str) -> tuple[int, int]:
    """The report's killed and injured, summed over its events as the scorer sums them."""
    evs = events(nlp, text)
    return sum(e[2] or 0 for e in evs), sum(e[3] or 0 for e in evs)


def first_count(sentence: str) -> int:
    return weapon_counts(sentence, 0, numbers_of(sentence, "en"))[0].value


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Israel said it intercepted eight drones and three missiles fired from Yemen.", 11),
        ("The army intercepted a missile and two drones launched from Yemen.", 3),
        (
            "The attack included eight Iranian-made Shahed drones and three cruise missiles, all shot down.",
            11,
        ),
    ],
)
def test_counts_of_weapons_of_several_kinds_told_together_are_summed(sentence: str, value: int) -> None:
    assert first_count(sentence) == value


def test_counts_of_one_kind_in_two_places_are_not_summed() -> None:
    s = "Air defence intercepted two drones over the Belgorod region and two drones over the Moscow region."
    assert all(c.value == 2 for c in weapon_counts(s, 0, numbers_of(s, "en")))


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Of these, 40 drones and one missile were shot down, the air force said on Tuesday.", 41),
        (
            "The Houthis fired two ballistic missiles and a drone at Israel on Sunday; all were intercepted.",
            3,
        ),
        ("The air force said Russia launched a total of 79 drones, of which 58 were shot down.", 58),
    ],
)
def test_an_interceptions_count(nlp, text: str, count: int) -> None:
    assert [e[1] for e in events(nlp, text) if e[0] == "interception"] == [count]


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        # an update of the toll however long the phrase of the attack before its verb
        (
            "The death toll from an Israeli strike on a house in the southern Lebanese city of Nabatieh has "
            "increased to 10, the agency said.",
            10,
            None,
        ),
        (
            "The number of people killed in a junta airstrike on the village in the region's north-western "
            "township has risen to at least 171, sources said.",
            171,
            None,
        ),
        (
            "The number of injured in the strike on the market in the centre of the city has risen to 30.",
            None,
            30,
        ),
        # a figure of strikes is no toll
        ("The rebels said 73 strikes killed five people.", 5, None),
        ("Initial reports indicate that three have been martyred and at least 17 were injured.", 3, 17),
        # a part told between the toll and its verb may hold a name with its own commas
        ("At least 16 people, including the mayor of the town, Ahmad Kahil, have been killed.", 16, None),
    ],
)
def test_casualties_told_as_updates_and_martyrs(sentence: str, killed, injured) -> None:
    got = casualties(sentence, 0, numbers_of(sentence, "en"))
    assert (got["killed"].value if "killed" in got else None) == killed
    assert (got["injured"].value if "injured" in got else None) == injured


def test_a_toll_retold_in_a_typed_event_counts_once(nlp) -> None:
    text = (
        "KYIV - Russia on Saturday bombed a hardware superstore in the city of Kharkiv, killing at least two "
        "people and injuring over 20, the president said. The governor said that at least two people were killed "
        "and 24 injured when two Russian guided bombs hit the store."
    )
    assert tolls(nlp, text) == (2, 24)


def test_a_toll_update_in_another_statement_counts_once(nlp) -> None:
    text = (
        "A strike targeted a residential building in Beirut on Friday. Initial reports indicate that three "
        "have been killed and at least 17 were injured, the ministry stated. In another update, the ministry "
        "said that 12 people were killed and 66 others were injured in the strike on the building."
    )
    assert tolls(nlp, text) == (12, 66)


def test_another_strikes_equal_toll_is_its_own(nlp) -> None:
    text = (
        "A strike late on Monday hit a building in Gaza City, killing five people, the ministry said. "
        "Another strike late on Monday hit a home in Gaza City, killing five people, medics said."
    )
    assert tolls(nlp, text)[0] == 10


@pytest.mark.parametrize(
    "tail",
    [
        "Last week, a strike on a school in the same area killed 30 people.",
        "Two weeks ago, a strike on the city killed 30 people.",
        "Earlier this month, a strike on the city killed 30 people.",
        # an event told as come a day after another recalls that other one (#15)
        "The deaths came just a day after another round of strikes killed 30 people.",
        "The strike came two days after a previous raid on the camp killed 30 people.",
    ],
)
def test_a_recalled_earlier_attacks_toll_is_not_todays(nlp, tail: str) -> None:
    text = f"An Israeli strike on a house in Gaza City killed five people on Monday, medics said. {tail}"
    evs = events(nlp, text)
    assert evs[0][2] == 5
    assert all(e[2] in (None, 30) for e in evs[1:])


@pytest.mark.parametrize(
    ("sentence", "recalls"),
    [
        ("Last week, a strike on a school killed 30 people.", True),
        ("The toll from a strike two months ago rose to 12.", True),
        ("Fighting has continued since last week.", False),
        ("It came a day after another strike on the town killed nine.", True),
        ("A day after the attack, rescuers found two more bodies.", False),
        ("A strike on Monday killed five people.", False),
    ],
)
def test_recalled_periods(sentence: str, recalls: bool) -> None:
    period = recalled_period(sentence, 100)
    assert (period is not None) is recalls
    if period is not None:  # its words, where the report has them
        assert sentence[period.span[0] - 100 : period.span[1] - 100] == period.text


def test_shot_down_or_jammed_of_them_is_the_interceptions_count() -> None:
    s = "Air defence shot down or jammed 81 of them."
    assert [c.value for c in weapon_counts(s, 0, numbers_of(s, "en"))] == [81]


def test_most_of_a_total_is_no_count() -> None:
    s = "Israel said its air defences intercepted most of the 40 rockets fired from Lebanon."
    assert weapon_counts(s, 0, numbers_of(s, "en")) == []


def test_a_generic_air_strikes_toll_retold_of_a_drone_strike_counts_once(nlp) -> None:
    text = (
        "An Israeli airstrike on a car in southern Lebanon killed two people on Tuesday, the health ministry "
        "said. The ministry said an Israeli drone strike on a car near Tyre killed two people."
    )
    assert tolls(nlp, text)[0] == 2
