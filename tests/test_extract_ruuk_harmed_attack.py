"""RU/UK: a weaponless attack told with its harm, in a report that names no weapon, is typed by the pack's
``[maps.HARMED_ATTACK_TYPE]``: shelling, as the corpus labels such «атака»/«прильоти», where shelling reaches
(``geo/data/reach.toml``), the remote default (a drone strike) on a place beyond it; invented posts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from skylog.ingest.common import make_report

PUB = datetime(2025, 4, 12, 6, 0, tzinfo=UTC)


def types(pipe, text: str, lang: str) -> list[str]:
    out = pipe(make_report(text, published_at=PUB, language=lang)).to_dict()
    return [e["type"] for e in out["events"]]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Вранці 11 квітня місто Нікополь було атаковане ворогом. Пошкоджено багато вікон та три автомобілі.",
            "uk",
        ),
        (
            "Утром 11 апреля враг атаковал город Шебекино. В районе рынка произошли попадания, повреждены окна.",
            "ru",
        ),
        ("Унаслідок удару по Харкову є троє загиблих.", "uk"),
        # no place told: the shelling reading stands
        ("Ворог знову атакував громаду, поранено двох жінок.", "uk"),
    ],
)
def test_a_weaponless_harmed_attack_within_reach_is_shelling(pipe, text: str, lang: str) -> None:
    assert types(pipe, text, lang) == ["shelling"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Вранці 11 квітня місто Полтава було атаковане ворогом. Пошкоджено багато вікон та три автомобілі.",
            "uk",
        ),
        (
            "Утром 11 апреля враг атаковал город Полтаву. В районе рынка произошли попадания, повреждены окна.",
            "ru",
        ),
        ("Уночі ворог атакував Київ. Загинули двоє людей, ще п'ятеро поранені.", "uk"),
        # a far city of a unit that is within reach elsewhere
        ("Увечері окупанти вдарили по Дніпру, внаслідок удару поранено чотирьох людей.", "uk"),
        ("Ночью противник атаковал Курск, ранены два человека.", "ru"),
        # the place told only in the report's other sentence
        ("Нічна атака на Одесу. Внаслідок атаки загинула жінка, ще троє поранені.", "uk"),
    ],
)
def test_a_weaponless_harmed_attack_beyond_reach_is_the_remote_default(pipe, text: str, lang: str) -> None:
    assert types(pipe, text, lang) == ["drone_strike"]


def test_a_named_weapon_keeps_its_own_type(pipe) -> None:
    text = (
        "Уночі ворог атакував Сумщину ударними дронами. Внаслідок атаки пошкоджено приватний будинок "
        "та автомобіль, травмовано трьох людей."
    )
    assert types(pipe, text, "uk") == ["drone_strike"]
