"""Russian/Ukrainian days of issue #15 (invented posts): relative days counted from the day a statement
was made, not from publication; ordinal endings after a day's digits; a full numeric date at a sentence's
end; tolls told as medical help needed and as kin."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from ruuk_posts import post_events

from skylog.extract.ruuk.timex import find_times

PUB = datetime(2025, 5, 12, 9, 0, tzinfo=UTC)  # a Monday, 12:00 in Moscow and Kyiv


def events(pipe, text: str, lang: str) -> list[dict]:
    return post_events(pipe, text, lang, PUB)


def days(text: str, lang: str) -> dict[str, str | None]:
    return {f.expr.text: f.expr.start for f in find_times(text.lower(), text, PUB, lang)}


@pytest.mark.parametrize(
    ("text", "lang", "expr", "day"),
    [
        ("В субботу губернатор Курской области сообщил, что ночью беспилотник атаковал Курчатов.", "ru",
         "ночью", "2025-05-10"),
        ("Как сообщил в пятницу губернатор, накануне вечером дрон атаковал Шебекино.", "ru",
         "накануне", "2025-05-08"),
        ("У суботу голова ОВА повідомив, що вночі дрон атакував Суми.", "uk", "вночі", "2025-05-10"),
        ("Губернатор 10 мая рассказал, что вчера дрон атаковал Шебекино.", "ru", "вчера", "2025-05-09"),
    ],
)  # fmt: skip
def test_a_relative_day_counts_from_the_statements_day(text, lang, expr, day):
    assert days(text, lang)[expr] == day


@pytest.mark.parametrize(
    ("text", "lang", "expr", "day"),
    [
        # a day an attack word owns, with no speech verb by it: the relative day stays publication's
        ("В субботу беспилотник атаковал Курчатов, а ночью — Льгов.", "ru", "ночью", "2025-05-12"),
        # the statement's day in another sentence
        ("Об этом в субботу сообщил губернатор. Ночью беспилотник атаковал Курчатов.", "ru", "Ночью",
         "2025-05-12"),
        # a part of the day joined to the date told after it is that date, not a day counted from the statement
        ("Губернатор в субботу сообщил, что вечером 9 мая дрон атаковал Шебекино.", "ru", "вечером 9 мая",
         "2025-05-09"),
    ],
)  # fmt: skip
def test_a_day_not_told_of_a_statement_moves_nothing(text, lang, expr, day):
    assert days(text, lang)[expr] == day


@pytest.mark.parametrize(
    ("text", "lang", "day"),
    [
        ("Дрон атакував Суми в ніч на 9-те травня.", "uk", "2025-05-09"),
        ("Беспилотник атаковал Курчатов в ночь на 9-го мая.", "ru", "2025-05-09"),
        ("Дрон атакував Суми 2-ге травня.", "uk", "2025-05-02"),
        # a full numeric date closing its sentence is a date, not a clock
        ("Беспилотник атаковал Курчатов 10.05.2025.", "ru", "2025-05-10"),
    ],
)
def test_ordinal_days_and_a_numeric_date_at_a_sentence_end(pipe, text, lang, day):
    (ev,) = events(pipe, text, lang)
    assert ev["time"]["start"] == day


@pytest.mark.parametrize(
    ("text", "lang", "injured"),
    [
        ("Беспилотник атаковал Курчатов. Медицинская помощь понадобилась шестерым.", "ru", 6),
        ("Беспилотник атаковал Курчатов. Трое мирных жителей нуждались в медицинской помощи.", "ru", 3),
        ("Дрон атакував Суми. Медична допомога знадобилася п'ятьом людям.", "uk", 5),
        ("Дрон атакував Суми. Троє людей потребують медичної допомоги.", "uk", 3),
        # kin named one by one
        ("Беспилотник атаковал Курчатов, погибла женщина, ранены её муж и сын.", "ru", 2),
        ("Дрон атакував Суми, поранені дружина та онука загиблого.", "uk", 2),
    ],
)
def test_medical_help_needed_and_kin_are_injured(pipe, text, lang, injured):
    (ev,) = events(pipe, text, lang)
    assert ev["injured"]["value"] == injured


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Беспилотник атаковал Курчатов. В помощи нуждаются 40 семей.", "ru"),
        ("Дрон атакував Суми. Допомоги потребують 20 родин.", "uk"),
    ],
)
def test_help_that_is_not_medical_counts_no_injured(pipe, text, lang):
    (ev,) = events(pipe, text, lang)
    assert ev["injured"] is None


@pytest.mark.parametrize(
    ("text", "lang", "field", "value"),
    [
        ("Беспилотник атаковал Курчатов. Пострадала пожилая пара.", "ru", "injured", 2),
        ("Беспилотник атаковал Курчатов. Погибла супружеская пара.", "ru", "killed", 2),
        ("Дрон атакував Суми. Загинуло подружжя.", "uk", "killed", 2),
    ],
)
def test_a_couple_is_two_people(pipe, text, lang, field, value):
    (ev,) = events(pipe, text, lang)
    assert ev[field]["value"] == value


@pytest.mark.parametrize(
    ("text", "lang", "injured"),
    [
        ("Беспилотник атаковал Курчатов. Ранее сообщалось о двух пострадавших, теперь их пять.", "ru", 5),
        ("Дрон атакував Суми. Раніше повідомлялося про двох поранених, наразі їх уже семеро.", "uk", 7),
        # «их» with no figure after it restates nothing
        ("Беспилотник атаковал Курчатов. Пострадали двое, теперь их жизни ничего не угрожает.", "ru", 2),
    ],
)
def test_a_toll_restated_as_it_stands_now(pipe, text, lang, injured):
    (ev,) = events(pipe, text, lang)
    assert ev["injured"]["value"] == injured


@pytest.mark.parametrize(
    ("text", "lang", "count"),
    [
        ("Над областью сбиты два десятка беспилотников.", "ru", 20),
        ("Курчатов подвергся атаке двух десятков беспилотников.", "ru", 20),
        ("Над областю збито три десятки дронів.", "uk", 30),
    ],
)
def test_tens_after_a_figure_multiply_it(pipe, text, lang, count):
    (ev,) = events(pipe, text, lang)
    assert ev["count"]["value"] == count


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Над областью сбиты десятки беспилотников.", "ru"),
        ("Над областю збито кілька десятків дронів.", "uk"),
    ],
)
def test_tens_with_no_figure_stay_vague(pipe, text, lang):
    for ev in events(pipe, text, lang):
        assert ev["count"] is None


@pytest.mark.parametrize(
    ("text", "lang", "start"),
    [
        ("Около 5 утра беспилотник атаковал Курчатов.", "ru", "2025-05-12T05:00:00+03:00"),
        # an evening hour later than the post's own: the evening before
        ("В 11 вечера беспилотник атаковал Курчатов.", "ru", "2025-05-11T23:00:00+03:00"),
        ("Об 11 вечора дрон атакував Суми.", "uk", "2025-05-11T23:00:00+03:00"),
        ("В 2 ночи беспилотник атаковал Курчатов.", "ru", "2025-05-12T02:00:00+03:00"),
    ],
)
def test_a_whole_hour_with_its_part_of_the_day_is_a_clock_not_a_figure(pipe, text, lang, start):
    (ev,) = events(pipe, text, lang)
    assert ev["time"]["start"] == start
    assert ev["count"]["value"] == 1  # the hour is no count of drones
