"""Russian/Ukrainian: a weaponless strike aimed at a facility (energy, industry, fuel) is an event (invented posts)."""

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
        ("Утром 11 апреля армия РФ нанесла удар по энергетическим объектам Харьковской области. "
         "Об этом сообщил губернатор.", "ru"),
        ("Вночі окупанти атакували промислову інфраструктуру Запоріжжя. Про це повідомив очільник ОВА.", "uk"),
        ("В ночь на пятницу ВСУ атаковали нефтебазу в Брянской области.", "ru"),
    ],
)  # fmt: skip
def test_a_strike_on_a_facility_told_with_its_day_or_place_is_an_event(pipe, text, lang):
    assert len(events(pipe, text, lang)) == 1


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a trend told without a day or a place is no attack
        ("Країна-агресор посилює удари по енергетичній інфраструктурі нашої країни, пишуть аналітики.", "uk"),
        # an attack on a town, no facility, no weapon, no harm: still waits for its harm
        ("Утром 11 апреля армия РФ атаковала Харьков. Об этом сообщил губернатор.", "ru"),
    ],
)  # fmt: skip
def test_no_facility_strike_without_its_day_or_place_or_facility(pipe, text, lang):
    assert events(pipe, text, lang) == []
