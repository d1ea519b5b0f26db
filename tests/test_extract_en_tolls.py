"""English counts and tolls on texts written for these tests (not the corpora): what a count is of, and
when debris is an event (#15)."""

from __future__ import annotations

import pytest

from skylog.extract.en import EnglishPipeline
from skylog.ingest.common import make_report


def events(nlp: EnglishPipeline, text: str) -> list[tuple]:
    ex = nlp(make_report(text, source="test", language="en"))
    return [
        (e.type, e.count.value if e.count else None, e.killed.value if e.killed else None) for e in ex.events
    ]


def counts(nlp: EnglishPipeline, text: str) -> set:
    return {c for _, c, _ in events(nlp, text) if c is not None}


@pytest.mark.parametrize(
    "text",
    [
        # aircraft are platforms and air strikes are sorties: neither is a count of munitions
        "Five Russian fighter jets struck villages near Idlib on Monday, killing ten civilians.",
        "Two warplanes bombed the market of Kani on Tuesday, local residents said.",
        "The strike was among 13 air strikes that hit the southern suburbs of Beirut on Monday evening.",
        # a quantity noun or another head before "of" is no single weapon
        "Junta jets bombed the village with a lot of bombs, a resident said.",
        "A barrage of rockets fired from Lebanon hit Kiryat Shmona on Wednesday.",
        "A number of missiles struck the port of Odesa overnight, the governor said.",
        "Two people were killed as a result of shelling in Kherson on Sunday.",
    ],
)
def test_no_count_of_platforms_or_quantity_nouns(nlp, text):
    assert counts(nlp, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Air defence units shot down two Su-34 jets over Donetsk region, the ministry said.", {2}),
        ("A Russian missile hit a warehouse in Odesa on Sunday, the governor said.", {1}),
        ("Russia launched three cruise missiles at Lviv overnight, the governor said.", {3}),
    ],
)
def test_counts_of_munitions_and_downed_aircraft_kept(nlp, text, expected):
    assert counts(nlp, text) == expected


def test_total_over_a_list_of_regions_is_no_regions_count(nlp):
    text = (
        "Ukraine shot down all 14 drones launched by Russia overnight, its air force said on Friday.\n"
        "All 14 drones were shot down over the Mykolaiv, Kherson and Poltava regions, the air force said."
    )
    got = events(nlp, text)
    assert len(got) >= 3 and all(t == "interception" and c is None for t, c, _ in got)


def test_per_region_counts_still_split(nlp):
    text = "Russia's defence ministry said 20 drones were destroyed overnight: 12 over Kursk region and 8 over Bryansk region."
    assert {12, 8} <= counts(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Two drones were shot down over Moscow. There is no information on any injuries caused by the falling "
        "debris, the mayor said.",
        "A drone was shot down near Ramenskoye. There are no damages or casualties after the fall of the "
        "debris, the mayor said.",
        "The missile was intercepted by air defence. Emergency services registered no calls about possible "
        "falling debris.",
    ],
)
def test_debris_only_in_a_no_harm_statement_is_no_event(nlp, text):
    assert {t for t, _, _ in events(nlp, text)} == {"interception"}


def test_debris_that_harms_is_an_event(nlp):
    text = "A drone was shot down over Belgorod. Falling debris damaged a house and injured two people."
    assert "debris_fall" in {t for t, _, _ in events(nlp, text)}


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("A missile strike on an industrial site in Sumy caused one fatality and seven injuries.", 1),
        ("A drone strike on a bus in Kherson resulted in one death, officials said.", 1),
        ("The missile strike on Dnipro caused three deaths, the governor said.", 3),
    ],
)
def test_singular_and_plural_death_nouns(nlp, text, killed):
    assert [k for _, _, k in events(nlp, text) if k is not None] == [killed]


def test_total_for_the_country_then_a_list_of_its_regions(nlp):
    text = (
        "Ukraine's forces destroyed all 27 Russian attack drones launched overnight, Ukraine's air force said.\n"
        "The drones were shot down over the Kyiv, Poltava, Sumy and Kherson regions, the commander said."
    )
    got = events(nlp, text)
    assert len(got) == 4 and all(t == "interception" and c is None for t, c, _ in got)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "US forces shot down eight drones near Yemen and destroyed four more on the ground, the military said.",
            [("air_strike", None), ("interception", 8)],
        ),
        (
            "CENTCOM destroyed nine anti-ship missiles and two drones in Houthi-controlled areas of Yemen.",
            [("air_strike", None)],
        ),
        ("Air defences destroyed 20 drones over the Kyiv region overnight.", [("interception", 20)]),
    ],
)
def test_weapons_destroyed_before_launch_are_a_strike_not_an_interception(nlp, text, expected):
    assert sorted((t, c) for t, c, _ in events(nlp, text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Syrian air defences downed some of the missiles, and only material losses were suffered.",
        "A drone hit a warehouse in Odesa overnight; there was only material damage, the governor said.",
    ],
)
def test_only_material_damage_is_no_casualties(nlp, text):
    ex = nlp(make_report(text, source="test", language="en"))
    assert any(e.killed and e.killed.value == 0 and e.injured and e.injured.value == 0 for e in ex.events)


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # a second toll told as others adds to the first ("two … two others" is four)
        (
            "An Israeli air strike hit the town of Kani on Monday, killing two people, and later struck the village "
            "of Ardo, killing two others, the ministry said.",
            4,
        ),
        (
            "A missile hit a market in Kherson, killing three people; another man was killed later, police said.",
            4,
        ),
        (
            "A Russian missile strike on Odesa killed two people and two others died in hospital, the governor said.",
            4,
        ),
        # without "others" the larger figure of one sentence stays the toll
        (
            "A drone strike killed five people in Kherson on Monday, including two people who were killed at once.",
            5,
        ),
    ],
)
def test_a_toll_told_as_others_adds_to_the_one_before(nlp, text, killed):
    assert sum(k for _, _, k in events(nlp, text) if k is not None) == killed


def tolls(nlp: EnglishPipeline, text: str, fld: str = "killed") -> list[int]:
    ex = nlp(make_report(text, source="test", language="en"))
    return [c.value for e in ex.events if (c := getattr(e, fld)) is not None]


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # a war's running toll beside the incident's, in another sentence or another clause
        (
            "An air strike on a house in Khan Younis killed six people on Monday, medics said. Since the "
            "start of the war, more than 12,000 civilians have been killed in the territory, officials say.",
            [6],
        ),
        (
            "A drone hit a bus in Nyala on Saturday, killing 15 people, activists said. At least 20,000 "
            "people have been killed in the civil war, according to aid groups.",
            [15],
        ),
        (
            "A strike killed nine people in Jabalia on Tuesday, bringing the death toll in the strip since "
            "October to 43,000, the ministry said.",
            [9],
        ),
        (
            "A missile hit a school in Kharkiv on Friday, killing four, the mayor said. The toll from the "
            "ongoing bombardment of the city has reached 2,100.",
            [4],
        ),
    ],
)
def test_a_campaigns_running_toll_is_no_incidents(nlp, text, killed):
    assert tolls(nlp, text) == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # "since" of an update or of a day's hours is no war's frame
        (
            "Two people were killed when a missile hit a block of flats in Dnipro on Tuesday, the governor "
            "said. The death toll has since risen to five.",
            [5],
        ),
        (
            "Since Saturday, four people have died and three have been injured in shelling of the village.",
            [4],
        ),
        # the number of the dead told as what it rose to
        (
            "A drone struck a market in Sumy on Monday, killing three people, the governor said. By the "
            "evening the number of dead had risen to seven.",
            [7],
        ),
    ],
)
def test_an_incidents_update_is_its_toll(nlp, text, killed):
    assert tolls(nlp, text) == killed


@pytest.mark.parametrize(
    ("text", "fld", "value"),
    [
        (
            "An air strike on a house in Rafah killed four people on Sunday, medics said. Another two died "
            "in hospital overnight.",
            "killed",
            6,
        ),
        (
            "A glide bomb hit a shop in Kostiantynivka on Friday, injuring five people. Three more were "
            "injured later, the police said.",
            "injured",
            8,
        ),
        # the parts of a toll told before are no more people
        (
            "Twelve people were injured by falling debris in Haifa on Tuesday. Among the injured are a woman "
            "in serious condition and 11 other injured people.",
            "injured",
            12,
        ),
    ],
)
def test_a_toll_told_as_more_people_adds_to_the_earlier_one(nlp, text, fld, value):
    assert tolls(nlp, text, fld) == [value]


def test_a_toll_told_by_place_is_the_sum_of_its_parts(nlp):
    text = "Missiles struck the region overnight. Two people in Kupiansk and three in Izium were injured."
    assert tolls(nlp, text, "injured") == [5]


def test_no_harm_after_a_noun_with_its_own_complement(nlp):
    text = (
        "The navy shot down nine drones over the gulf on Sunday with no damage to vessels in the area or "
        "reported injuries, the command said."
    )
    assert tolls(nlp, text, "injured") == [0]


@pytest.mark.parametrize(
    "text",
    [
        "Missiles hit the region overnight, injuring four people in Kupiansk, three in Izium and two in Balakliia.",
        "Drones struck the region overnight. Four people were injured in Kupiansk, three in Izium and two in "
        "Balakliia, the governor said.",
    ],
)
def test_parts_told_by_place_after_the_toll_add_up(nlp, text):
    assert tolls(nlp, text, "injured") == [9]


def test_a_figure_after_the_toll_that_is_no_place_is_no_part(nlp):
    text = (
        "A drone hit a bus in Kherson on Monday. Two people were killed in Kherson and 12 in hospital later."
    )
    assert tolls(nlp, text) == [2]


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # a running total carried on from the sentence's own toll is not this attack's
        ("Israeli strikes on Gaza killed 30 people on Tuesday, bringing the death toll to 40,000.", 30),
        (
            "A Russian missile struck Dnipro on Monday, killing three people, raising the number of dead this month to 40.",
            3,
        ),
        # told as more people, the total is the incident's updated toll
        (
            "Two more people died in hospital on Sunday, bringing the death toll from Saturday's strike on Kharkiv to 14.",
            14,
        ),
        # the attack's own start is no campaign frame
        (
            "Russian drones struck Kharkiv on Sunday. Five people have been killed since the attack began this morning.",
            5,
        ),
        # a fresh strike's toll beside a running total 'since October' is still told
        (
            "Israeli strikes on Gaza killed 30 people on Tuesday, bringing the toll since October to 40,000.",
            30,
        ),
    ],
)
def test_the_attacks_own_toll_beside_a_running_total(nlp, text, killed):
    assert [k for _, _, k in events(nlp, text)] == [killed]


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # a country's toll in a sentence of no strike of its own is a running total: the headline's stays
        (
            "Drone strike on a market in Kherson kills 4\nThe health ministry says more than 10,000 people have "
            "been killed across the country.",
            [4],
        ),
        (
            "A drone hit a bus in Kherson on Monday, killing 3 people. Nationwide, 9,000 people have been killed.",
            [3],
        ),
        # told with a strike of its own, a country-wide toll is that strike's
        ("Drone strikes across the country killed 12 people on Monday, the ministry said.", [12]),
    ],
)
def test_a_countrys_toll_told_apart_from_any_strike_is_no_incidents(nlp, text, killed):
    assert tolls(nlp, text) == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # a sum in a sentence of no strike only fills a toll the strikes leave untold ...
        ("A drone hit a bus in Kherson on Monday. In total, 4 people were killed, the governor said.", [4]),
        # ... and yields to the strike's own toll or the headline's
        (
            "A drone hit a bus in Kherson on Monday, killing 3 people. In total, 900 people have been killed "
            "in the region.",
            [3],
        ),
        (
            "Drone strike on a market in Kherson kills 4\nOverall, 600 people have been killed in the region.",
            [4],
        ),
    ],
)
def test_a_sum_told_apart_from_any_strike_only_fills_a_gap(nlp, text, killed):
    assert tolls(nlp, text) == killed


@pytest.mark.parametrize(
    ("text", "fld", "value"),
    [
        # a person named and the people with them: the figure and the person (#15)
        (
            "An air strike hit a house in Jabalia on Monday. The civil defence said that Haddad and three of "
            "his relatives were killed in the strike.",
            "killed",
            4,
        ),
        (
            "A drone struck a car near Tyre on Friday, and Nasser along with two others was injured, medics said.",
            "injured",
            3,
        ),
        # a figure of others after a place is no companion of a person: "Kherson" is where the dead were
        (
            "A missile hit a market on Monday: two people were killed in Kherson and two others were injured.",
            "injured",
            2,
        ),
    ],
)
def test_a_person_named_with_others_is_one_more(nlp, text, fld, value):
    assert tolls(nlp, text, fld) == [value]


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # a toll bounded by the month or the year is a running total, no incident's (#15)
        (
            "Shells fell on the village of Mendhar on Wednesday; there has been no loss of life so far. Along "
            "the border, a soldier and two civilians have been killed in shelling this month.",
            [0],
        ),
        (
            "A drone hit a house in Sumy on Sunday, killing two people. Some 40 people have been killed in the "
            "region so far this year, the governor said.",
            [2],
        ),
        # "earlier this month" dates an event, it bounds no toll
        (
            "Earlier this month, a missile strike on a hotel in Kramatorsk killed three people, police said.",
            [3],
        ),
    ],
)
def test_a_toll_over_the_month_or_year_is_cumulative(nlp, text, killed):
    assert tolls(nlp, text) == killed


@pytest.mark.parametrize(
    ("text", "injured"),
    [
        # survivors in a grave condition are injured (#15)
        (
            "An air strike hit a monastery in Sagaing on Friday, killing 22 people. Two survivors remain in "
            "critical condition.",
            [2],
        ),
        # a part of the injured told before is no toll of its own
        (
            "A missile hit a school in Sumy, killing one person and injuring seven. Three people are in critical "
            "condition.",
            [7],
        ),
        (
            "A drone hit a car in Kherson on Monday. Five people were injured, two of them in serious condition.",
            [5],
        ),
    ],
)
def test_survivors_in_a_grave_condition_are_injured(nlp, text, injured):
    assert tolls(nlp, text, "injured") == injured


def toll_sums(nlp: EnglishPipeline, text: str) -> tuple[int | None, int | None]:
    """The report's killed and injured sums over its events, as the real-corpus scorer counts them."""
    ex = nlp(make_report(text, source="test", language="en"))
    killed = [e.killed.value for e in ex.events if e.killed]
    injured = [e.injured.value for e in ex.events if e.injured]
    return (sum(killed) if killed else None, sum(injured) if injured else None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one victim as the object of the other toll's verb is no victim of this one (#15)
        ("A drone strike on Kherson killed one man and injured three others.", (1, 3)),
        ("A drone strike on Kherson killed a 65-year-old man and injured three other people.", (1, 3)),
        ("A missile strike on Odesa injured one woman and killed two others.", (2, 1)),
        # "another" alone after a toll of the other kind is one more victim
        ("Russian drones struck Kharkiv overnight. One person was killed and another injured.", (1, 1)),
        # a part told as "N of them" after a toll is no more people
        ("Israeli jets struck Gaza City. The strike killed six people, four of them children.", (6, None)),
        ("Israeli jets struck Gaza City, injuring nine people, two of them children.", (None, 9)),
        # the parts of a toll told by place, the place with an article and a unit noun
        (
            "Russian drones struck Kharkiv overnight. Two people were injured in the Saltivskyi district "
            "and three in the Kyivskyi district.",
            (None, 5),
        ),
        (
            "Russian drones struck Kharkiv overnight, injuring two people in Saltivskyi district and three in "
            "Kyivskyi district.",
            (None, 5),
        ),
        # an update "rose to N" told of the deaths or fatalities, not only of the death toll
        (
            "Russian missiles struck Sumy on Sunday. Fatalities from the strike have risen to seven.",
            (7, None),
        ),
        (
            "The death from an Israeli airstrike on a village in southern Lebanon has risen to 10, the "
            "ministry said.",
            (10, None),
        ),
        # medical help sought is an injury
        (
            "Russian drones struck Kharkiv overnight, killing three. By morning, 12 people had sought medical help.",
            (3, 12),
        ),
    ],
)
def test_tolls_told_in_other_words(nlp, text, expected):
    assert toll_sums(nlp, text) == expected


@pytest.mark.parametrize(
    "text, want",
    [
        # a family's members told as a group are one part of a toll told in parts (#15)
        (
            "An Israeli air strike hit a house in Khan Younis on Sunday, killing five members of one family "
            "and two others, the civil defence agency said.",
            (7, None),
        ),
        # the parts of the injured told by "of the injured": the others are within the toll, not beside it
        (
            "Five people were injured when a Russian missile hit an apartment block in Dnipro on Friday, the "
            "governor said. Two of the injured were hospitalised in serious condition, while three others "
            "suffered light injuries.",
            (None, 5),
        ),
        # the death or injury of one person told as a noun phrase is a toll of one
        (
            "A Russian drone attack on the city of Sumy overnight resulted in the injury of a 45-year-old "
            "man, the regional administration said.",
            (None, 1),
        ),
        (
            "Shelling of the village of Velyka Pysarivka on Tuesday led to the death of an elderly woman, "
            "the governor said.",
            (1, None),
        ),
    ],
)
def test_toll_parts_and_one_person_noun_phrases(nlp, text, want):
    assert toll_sums(nlp, text) == want
