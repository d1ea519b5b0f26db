"""Russian/Ukrainian: a denial refutes the attack it is about, not the report that tells it (invented posts)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from ruuk_posts import post_events

PUB = datetime(2025, 4, 12, 6, 0, tzinfo=UTC)


def events(pipe, text: str, lang: str) -> list[dict]:
    return post_events(pipe, text, lang, PUB)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Вночі росіяни атакували Харків ударними дронами, поранено трьох людей. Генштаб спростував заяву "
         "окупантів про удар по військовому об'єкту.", "uk"),
        ("Ночью беспилотники атаковали Курск, пострадали два человека. Позже в администрации опровергли "
         "сообщения о ракетном ударе по аэродрому.", "ru"),
    ],
)  # fmt: skip
def test_a_later_denial_keeps_the_reports_attack(pipe, text, lang):
    got = events(pipe, text, lang)
    assert [e["type"] for e in got] == ["drone_strike"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Інформація про нібито влучання ракети в Житомирі не відповідає дійсності, повідомили в міській раді. "
         "Вибухів у місті не було.", "uk"),
        ("В сети появились сообщения об атаке дронов на Липецк. Губернатор опроверг эти сообщения: "
         "беспилотников над городом не было.", "ru"),
    ],
)  # fmt: skip
def test_a_denial_report_keeps_nothing(pipe, text, lang):
    assert events(pipe, text, lang) == []
