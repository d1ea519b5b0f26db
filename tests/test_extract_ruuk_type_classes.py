"""Russian/Ukrainian event types of classes the out-of-fold confusions showed (invented posts; #15 rutype):
an interception told by a passive verb with a count or by a participle after the weapon, a weaponless
shelling beside an interception, and jets as aircraft."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from skylog.ingest.common import make_report

PUB = datetime(2025, 7, 16, 15, 0, tzinfo=UTC)


def _types(pipe, text: str, lang: str = "ru") -> list[str]:
    out = pipe(make_report(text, published_at=PUB, language=lang)).to_dict()
    return sorted({e["type"] for e in out["events"]})


@pytest.mark.parametrize(
    "text",
    [
        # a figure after the passive verb: the weapon it counts is the verb's subject, in the genitive
        "Уничтожены два БПЛА, летевших на Москву, сообщил мэр.",
        "Ночью ликвидированы пять беспилотников над Курской областью.",
        # a participle after the weapon it tells as downed
        "Губернатор сообщает об очередном беспилотнике, сбитом системой ПВО в Людиновском районе.",
    ],
)
def test_an_interception_told_by_a_passive_verb_or_participle(pipe, text) -> None:
    assert _types(pipe, text) == ["interception"]


def test_a_passive_verb_with_a_count_of_no_weapon_is_no_interception(pipe) -> None:
    assert _types(pipe, "Уничтожены два дома, пострадавших нет.") == []


def test_a_weaponless_shelling_is_no_outcome_of_an_interception(pipe) -> None:
    text = (
        "ВСУ обстреляли село Сопычи Погарского района Брянской области, ранен мирный житель. "
        "Ранее губернатор заявлял, что средства ПВО уничтожили беспилотник в Брянской области."
    )
    assert _types(pipe, text) == ["interception", "shelling"]


def test_a_weaponless_attack_is_still_the_outcome_of_a_named_strike(pipe) -> None:
    text = "Дрон атаковал село в Брянской области. В результате обстрела ранен мирный житель."
    assert _types(pipe, text) == ["drone_strike"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("В течение ночи истребители ЦАХАЛ нанесли удары по военным объектам на юге Ливана.", "ru"),
        ("Ізраїльські винищувачі завдали ударів по об'єктах на півдні Лівану.", "uk"),
    ],
)
def test_jets_strikes_are_air_strikes(pipe, text, lang) -> None:
    assert _types(pipe, text, lang) == ["air_strike"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Ночью город подвергся ракетным обстрелам, осуществленным «Хезболлой», пострадали двое.",
            "ru",
        ),
        (
            "«Хезболла» випустила понад 100 ракет по Ізраїлю.\nУ Хайфі троє людей поранені внаслідок "
            "ракетного обстрілу, пошкоджено кілька будинків.",
            "uk",
        ),
    ],
)
def test_the_rockets_of_an_armed_group_are_shelling(pipe, text, lang) -> None:
    assert "shelling" in _types(pipe, text, lang)
    assert "missile_strike" not in _types(pipe, text, lang)


def test_a_states_missile_strike_on_an_armed_group_stays_a_missile_strike(pipe) -> None:
    assert _types(pipe, "Израиль нанес ракетный удар по позициям Хезболлы, погибли двое.") == [
        "missile_strike"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Израильские военные нанесли удар по дому в Газе, погибли пять человек.",
        "Израиль снова ударил по югу Ливана.\nАрмия нанесла удары по трем районам на юге, погибли двое.",
    ],
)
def test_a_weaponless_strike_of_an_air_striking_side_is_an_air_strike(pipe, text) -> None:
    assert _types(pipe, text) == ["air_strike"]


def test_a_weaponless_strike_of_another_side_is_no_air_strike(pipe) -> None:
    # not AIR_SIDE's: the harmed weaponless attack keeps the pack's default (HARMED_ATTACK_TYPE, shelling)
    assert _types(pipe, "Российские войска нанесли удар по Запорожью, пострадали семь человек.") == [
        "shelling"
    ]


def test_a_running_total_told_with_a_count_is_no_interception_of_its_own(pipe) -> None:
    out = pipe(
        make_report(
            "Силами ПВО уничтожен один беспилотник. Пострадавших нет.\n"
            "Всего менее чем за сутки в Калужской области уничтожены 30 беспилотников.",
            published_at=PUB,
            language="ru",
        )
    ).to_dict()
    assert [(e["type"], e["count"]["value"]) for e in out["events"]] == [("interception", 1)]
