"""A state or armed group that strikes is the attacker in Russian/Ukrainian reports too (invented posts, #13/#15):
a country the gazetteer knows, named where geo reads it as the attacking side («Израиль нанес авиаудар»,
«удара Израиля», «ВВС Израиля»), and a state's forces or an armed group as the subject of an attack verb."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from skylog.ingest.common import make_report

PUB = datetime(2025, 7, 16, 15, 0, tzinfo=UTC)


def _perpetrators(pipe, text: str, lang: str) -> list[str | None]:
    out = pipe(make_report(text, published_at=PUB, language=lang)).to_dict()
    return [(e.get("perpetrator") or {}).get("value") for e in out["events"]]


@pytest.mark.parametrize(
    ("text", "lang", "who"),
    [
        ("Иран нанес ракетный удар по военной базе в Ираке, погибли два человека.", "ru", "Иран"),
        ("Ізраїль завдав авіаудару по житловому будинку в Дамаску, загинули троє людей.", "uk", "Ізраїль"),
        (
            "По меньшей мере пять человек погибли в результате удара Израиля по складу в Сидоне.",
            "ru",
            "Израиля",
        ),
        (
            "Турция и Азербайджан нанесли удары по складам в Ереване, ранены двое.",
            "ru",
            "Турция и Азербайджан",
        ),
    ],
)
def test_a_country_named_as_the_attacking_side_is_the_attacker(pipe, text, lang, who) -> None:
    assert _perpetrators(pipe, text, lang) == [who]


@pytest.mark.parametrize(
    ("text", "lang", "who"),
    [
        ("Вечером иорданские военные нанесли авиаудар по складу в Сирии.", "ru", "иорданские военные"),
        ("Хусити випустили балістичну ракету по порту Ейлата, поранено четверо людей.", "uk", "Хусити"),
        ("Боевики ХАМАС запустили ракету по Ашкелону, ранен один человек.", "ru", "ХАМАС"),
        # the forces named in two words: the arm and its aircraft
        (
            "Турецкие военные самолеты нанесли удары по складу в Сирии, погибли двое.",
            "ru",
            "Турецкие военные самолеты",
        ),
    ],
)
def test_forces_or_an_armed_group_as_the_subject_of_an_attack_verb_attack(pipe, text, lang, who) -> None:
    assert _perpetrators(pipe, text, lang) == [who]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a country that is where it happened or whose people were hurt, not who struck
        ("Беспилотник упал на склад в Дамаске, погибли двое граждан Иордании.", "ru"),
        ("Ракета влучила в житловий будинок у Ізраїлі, поранено двох людей.", "uk"),
        # a state named as its forces' owner (the target's), or as a launch's ground, not as who struck
        ("Беспилотник попал в здание штаба армии Сирии, ранены двое.", "ru"),
        ("Дрон, запущений з Молдови, влучив у склад в Одесі, поранено двох людей.", "uk"),
        # forces named as the target, not as the subject of the attack verb
        ("Беспилотник атаковал позиции иорданской армии, ранены двое.", "ru"),
    ],
)
def test_a_country_not_named_as_the_attacker_is_no_attacker(pipe, text, lang) -> None:
    assert _perpetrators(pipe, text, lang) == [None]


def test_the_struck_country_after_the_verb_is_not_the_attacker(pipe) -> None:
    assert _perpetrators(pipe, "Иран выпустил ракеты по Израилю, погиб один человек.", "ru") == ["Иран"]
