"""Russian/Ukrainian days told in words (#15, unseen outlets): a day of the month in words («третьего
декабря», «двадцять першого листопада»), a weekday's adjective («пятничный удар», «суботня атака»), a
night told with an adjective («в ночное время»), a whole past day («в течение суток») and a whole hour told
with the hour's noun («около 3 часов ночи»)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from skylog.extract.packs import load_pack
from skylog.extract.ruuk.timex import find_times

PUB = datetime(2025, 12, 5, 10, 0, tzinfo=UTC)  # a Friday, 13:00 in Moscow, 12:00 in Kyiv


def days(text: str, lang: str) -> dict[str, str | None]:
    return {f.expr.text: f.expr.start for f in find_times(text.lower(), text, PUB, lang)}


@pytest.mark.parametrize(
    ("text", "lang", "expr", "day"),
    [
        ("Третьего декабря ракета попала в дом в Харькове.", "ru", "Третьего декабря", "2025-12-03"),
        ("Двадцать девятого ноября дроны атаковали Курск.", "ru", "Двадцать девятого ноября", "2025-11-29"),
        ("Третього грудня дрони атакували Одесу.", "uk", "Третього грудня", "2025-12-03"),
        ("Двадцять дев'ятого листопада 2024 року дрони атакували Одесу.", "uk",
         "Двадцять дев'ятого листопада 2024 року", "2024-11-29"),
    ],
)  # fmt: skip
def test_a_day_of_the_month_in_words(text, lang, expr, day):
    assert days(text, lang)[expr] == day


def test_words_that_sum_past_a_month_or_a_cardinal_alone_are_no_day():
    assert load_pack("ru").time.day_in_words("тридцать девятого") is None
    assert days("Двадцать дронов атаковали Курск 3 декабря.", "ru") == {"3 декабря": "2025-12-03"}


@pytest.mark.parametrize(
    ("text", "lang", "expr", "day"),
    [
        ("Беспилотник атаковал мечеть во время пятничной молитвы.", "ru", "пятничной", "2025-12-05"),
        ("Воскресный удар по Курску: ранены двое.", "ru", "Воскресный", "2025-11-30"),
        ("Суботня атака дронів на Одесу.", "uk", "Суботня", "2025-11-29"),
        ("П’ятничний удар по Одесі.", "uk", "П’ятничний", "2025-12-05"),
    ],
)  # fmt: skip
def test_a_weekdays_adjective_is_that_weekday(text, lang, expr, day):
    assert days(text, lang)[expr] == day


@pytest.mark.parametrize(
    ("text", "lang", "expr", "day"),
    [
        ("В ночное время силы ПВО сбили 41 беспилотник.", "ru", "В ночное время", "2025-12-05"),
        ("У нічний час сили ППО знищили 41 дрон.", "uk", "У нічний час", "2025-12-05"),
        ("В течение суток силы ПВО сбили 41 беспилотник.", "ru", "В течение суток", "2025-12-04"),
        ("Протягом доби росіяни атакували Одесу.", "uk", "Протягом доби", "2025-12-04"),
    ],
)  # fmt: skip
def test_a_night_told_with_an_adjective_and_a_whole_past_day(text, lang, expr, day):
    assert days(text, lang)[expr] == day


@pytest.mark.parametrize(
    ("text", "lang", "start"),
    [
        ("Около 3 часов ночи ВВС нанесли удар по Газе.", "ru", "2025-12-05T03:00:00+03:00"),
        ("В 11 часов вечера беспилотники атаковали Курск.", "ru", "2025-12-04T23:00:00+03:00"),
        ("Близько 4 години ранку дрони атакували Одесу.", "uk", "2025-12-05T04:00:00+02:00"),
    ],
)
def test_a_whole_hour_told_with_the_hours_noun(text, lang, start):
    (f,) = find_times(text.lower(), text, PUB, lang)
    assert f.expr.start == start
