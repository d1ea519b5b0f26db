"""Language-neutral helpers and English finders: prefilter, numbers, hedges, time, sentences, casualties."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from skylog.extract.common.hedges import hedge_of
from skylog.extract.common.numbers import numbers_of
from skylog.extract.common.prefilter import check, is_relevant
from skylog.extract.common.timex import normalise_time
from skylog.extract.en.casualties import casualties, damage, weapon_counts
from skylog.extract.en.sentences import split_sentences
from skylog.extract.en.timexpr import find_times


@pytest.mark.parametrize(
    "text",
    [
        "Two drones were shot down over the Kursk region overnight.",
        "Russian forces shelled Kherson, killing one.",
        "Air defence intercepted a cruise missile near Lviv.",
        "Беспилотник сбит над Курской областью.",
        "Уламки дрона впали на дах будинку.",
        "An airstrike hit a market in the north.",
    ],
)
def test_prefilter_keeps_attack_texts(text: str) -> None:
    assert is_relevant(text)


@pytest.mark.parametrize(
    "text",
    [
        "The city council approved a new budget for road repairs on Tuesday.",
        "Шахматный турнир прошёл в Москве в субботу.",
        "A heatwave is expected across southern Europe this week, forecasters said.",
        "The football club signed a new striker from Brazil.",  # "striker" is not "strike"
    ],
)
def test_prefilter_rejects_unrelated_texts(text: str) -> None:
    assert not check(text).relevant


@pytest.mark.parametrize(
    "words,value",
    [
        ("two", 2),
        ("twenty-five", 25),
        ("1,200", 1200),
        ("a dozen", 12),
        ("dozens", None),
        ("one hundred", 100),
    ],
)
def test_word_numbers(words: str, value: int | None) -> None:
    (n,) = numbers_of(words, "en")
    assert (n.start, n.end, n.value) == (0, len(words), value)


def test_quantity_keeps_qualifier() -> None:
    (n,) = numbers_of("more than 30 drones", "en")
    assert (n.value, n.qualifier_text, n.qualifier) == (30, "more than", "at_least")
    (n,) = numbers_of("at least five people", "en")
    assert (n.value, n.qualifier_text, n.qualifier) == (5, "at least", "at_least")
    (n,) = numbers_of("dozens of drones", "en")
    assert (n.value, n.qualifier_text, n.qualifier) == (None, None, "vague")


@pytest.mark.parametrize(
    "text,hedge",
    [
        ("the drones were likely of Ukrainian origin", "likely"),
        ("the attack was allegedly carried out by", "alleged"),
        ("the ministry denied any involvement", "denied"),
        ("the drones were Ukrainian", "asserted"),
    ],
)
def test_hedges(text: str, hedge: str) -> None:
    assert hedge_of(text) == hedge


PUB = datetime(2024, 10, 3, 9, 0, tzinfo=UTC)  # a Thursday


@pytest.mark.parametrize(
    "expr,start,precision",
    [
        ("overnight", "2024-10-03", "day"),
        ("on Wednesday night", "2024-10-02", "day"),
        ("early Monday", "2024-09-30", "day"),
        ("in the night of 3 to 4 May", "2024-05-04", "day"),
        ("yesterday", "2024-10-02", "day"),
        ("on 17 September", "2024-09-17", "day"),
        ("at about 22:35 on Tuesday", "2024-10-01T22:35:00", "hour"),
        ("earlier in the day", "2024-10-03", "day"),
        ("a day earlier", "2024-10-02", "day"),
    ],
)
def test_time_normalisation(expr: str, start: str, precision: str) -> None:
    t = normalise_time(expr, PUB)
    assert (t.start, t.precision) == (start, precision)


def test_unknown_time_stays_unknown() -> None:
    assert normalise_time("on Sunday", None).precision == "unknown"
    assert normalise_time("overnight", None).start is None
    assert normalise_time("28 July 2024", None).start == "2024-07-28"


def test_time_finder_prefers_explicit_dates() -> None:
    found = find_times("Yesterday, February 4, they fired 32 shells.")
    assert {f[2] for f in found} == {"Yesterday", "February 4"}
    assert min(found, key=lambda f: f[3])[2] == "February 4"


def test_time_finder_reads_a_day_earlier() -> None:
    found = find_times("Missile strikes killed 31 civilians a day earlier, officials said.")
    assert [f[2] for f in found] == ["a day earlier"]


def test_time_finder_needs_a_whole_month_word() -> None:
    # "17 martyrs", "3 marines", "5 decks": a month abbreviation inside a longer word is no date
    assert find_times("Rescuers recovered 17 martyrs and 3 marines; 5 decks burned.") == []
    found = find_times("It was hit on 17 Mar. 2024 and again on Sept. 3.")
    assert [f[2] for f in found] == ["on 17 Mar. 2024", "on Sept. 3"]


def test_sentences_keep_offsets_and_abbreviations() -> None:
    text = "Gov. Oleh Syniehubov said so. Two died.\nA new line ‘quoted.’ Then more."
    sents = split_sentences(text)
    assert [text[s.start : s.end] for s in sents] == [s.text for s in sents]
    assert sents[0].text == "Gov. Oleh Syniehubov said so."
    assert len(sents) == 4


@pytest.mark.parametrize(
    "sentence,killed,injured",
    [
        ("killing at least five people and injuring 12 others", 5, 12),
        ("There were no casualties.", 0, 0),
        ("no one was reported injured or killed in the attack", 0, 0),
        ("A 26-year-old man was lightly injured by shattered glass", None, 1),
        ("Five martyrs and seven wounded were taken to hospital", 5, 7),
        ("three civilians received injuries of varying severity", None, 3),
        ("Dozens of people were injured", None, None),
        # no harm stated with what was reported and a second noun between ('no reports of X or Y')
        ("The mayor said there were no reports of fires or casualties in the town.", 0, 0),
        ("Officials said there were no immediate reports of injury or damage.", 0, 0),
        ("By noon no deaths had been recorded, the ministry said.", 0, None),
        # "no further casualties" is no zero; the people medics treated are the injured
        ("Medics treated four people, and there were no further casualties.", None, 4),
        # medical care told of the victims is an injury toll, care for shock is not
        ("Field hospitals in the area treated nine others who were in the attack.", None, 9),
        ("Medics treated five people for shock after the blast.", None, None),
        ("Three people were killed and two were taken to hospital.", 3, 2),
        ("Medics rushed five people to hospital after the strike.", None, 5),
        ("Debris hit a house, killing one person and transporting an elderly woman to hospital.", 1, 1),
        ("They sent two ambulances to the hospital.", None, None),
        # a figure told as a part of the toll before it ("of which", "among them") is not the toll
        ("The strike killed two people; 32 more were injured, of which 13 were admitted to hospital.", 2, 32),
        ("In the city 32 people were injured, of whom 13 were hospitalized.", None, 32),
        # a toll told as a list of victims is their sum
        ("The shell killed a farmer, two boys and their grandmother near the bridge.", 4, None),
        ("Two soldiers and one medic were wounded when the convoy was hit.", None, 3),
        ("Four teenagers and a teacher, including the driver, were hurt in the blast.", None, 5),
        # a figure of a part of the victims is not the toll
        ("The shelling killed two of her neighbours, the woman told reporters.", None, None),
        ("The drone hit the convoy, injuring four of them, a medic said.", None, None),
        # a list shared by two tolls is not summed into either
        ("The blast killed three workers and two guards were injured.", 3, 2),
        # a year of birth is no toll and no gap between the victim and the verb
        ("Additionally, a woman born in 1935 was injured as a result of the attack.", None, 1),
        # a possessive before the victim, an adverb before the verb
        ("The vehicle’s driver was later confirmed dead.", 1, None),
    ],
)
def test_casualties(sentence: str, killed: int | None, injured: int | None) -> None:
    got = casualties(sentence, 0, numbers_of(sentence, "en"))
    assert (got["killed"].value if "killed" in got else None) == killed
    assert (got["injured"].value if "injured" in got else None) == injured


def test_damage_levels_and_objects() -> None:
    value, _ = damage("caused minor damage to the dam’s auxiliary structures", 0)
    assert value["level"] == "minor" and value["objects"]
    value, _ = damage("preliminary checks found no casualties or significant damage", 0)
    assert value["level"] == "none"


def counts_of(sentence: str) -> list:
    return weapon_counts(sentence, 0, numbers_of(sentence, "en"))


def test_weapon_counts() -> None:
    c = counts_of("air defence shot down 29 out of 66 Russian drones")[0]
    assert (c.value, c.total, c.weapon_class) == (29, 66, "drone")
    assert counts_of("more than 40 rockets were fired")[0].qualifier == "more than"
    assert counts_of("a drone attack on the city") == []
    # the first of two joined weapon words of a compound is no count either
    assert counts_of("the RSF launched a drone and artillery strike on a shelter") == []
    assert [c.value for c in counts_of("A drone and a missile hit the port")] == [1, 1]
    assert counts_of("A Russian missile slammed into a building")[0].value == 1
