"""RU/UK: a weaponless attack told with its harm, in a report that names no weapon, is typed by the pack's
``[maps.HARMED_ATTACK_TYPE]`` (shelling, as the corpus labels such «атака»/«прильоти»); invented posts."""

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
            "Вранці 11 квітня місто Полтава було атаковане ворогом. Пошкоджено багато вікон та три автомобілі.",
            "uk",
        ),
        (
            "Утром 11 апреля враг атаковал город Полтаву. В районе рынка произошли попадания, повреждены окна.",
            "ru",
        ),
        ("Унаслідок удару по Харкову є троє загиблих.", "uk"),
    ],
)
def test_a_weaponless_harmed_attack_is_shelling(pipe, text: str, lang: str) -> None:
    assert types(pipe, text, lang) == ["shelling"]


def test_a_named_weapon_keeps_its_own_type(pipe) -> None:
    text = (
        "Уночі ворог атакував Сумщину ударними дронами. Внаслідок атаки пошкоджено приватний будинок "
        "та автомобіль, травмовано трьох людей."
    )
    assert types(pipe, text, "uk") == ["drone_strike"]
