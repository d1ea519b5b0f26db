"""Russian/Ukrainian forms of issue #15 (invented posts): the debris of a downed weapon tells of its downing
(an interception and a debris fall, as the English pipeline reads «debris of a downed drone»), and one
casualty figure told of an attack with two weapons is one event's toll, not each weapon's."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from ruuk_posts import post_events

PUB = datetime(2025, 11, 20, 7, 0, tzinfo=UTC)


def events(pipe, text: str, lang: str) -> list[dict]:
    return post_events(pipe, text, lang, PUB)


def val(claim):
    return claim["value"] if claim else None


@pytest.mark.parametrize(
    ("text", "lang", "count"),
    [
        # no harm: the report is still about a downing and a debris fall
        ("Обломки сбитого беспилотника упали на территорию завода в Орле, пострадавших нет.", "ru", 1),
        ("Уламки збитого дрона впали на територію складу в Житомирі, постраждалих немає.", "uk", 1),
        # with damage
        ("Обломки сбитого беспилотника повредили крышу гаража в Калуге.", "ru", 1),
        ("Уламки збитої ракети пошкодили дах школи у Вінниці.", "uk", 1),
        # a plural participle counts no figure
        ("Обломки сбитых беспилотников упали на окраине Тулы, повреждена линия электропередачи.", "ru", None),
    ],
)
def test_debris_of_a_downed_weapon_is_an_interception_and_a_debris_fall(pipe, text, lang, count):
    evs = events(pipe, text, lang)
    assert sorted(e["type"] for e in evs) == ["debris_fall", "interception"]
    (icpt,) = [e for e in evs if e["type"] == "interception"]
    assert val(icpt["count"]) == count


def test_debris_without_a_downing_named_stays_no_event(pipe):
    # «на месте падения обломков работают службы»: no weapon told as downed, no harm
    assert events(pipe, "На месте падения обломков в Орле работают экстренные службы.", "ru") == []


def test_a_downing_told_in_its_own_sentence_is_the_only_interception(pipe):
    text = (
        "В Липецке обломки сбитого беспилотника упали во двор жилого дома, повреждены два автомобиля. "
        "Ночью над городом уничтожены пять беспилотников, сообщил губернатор."
    )
    evs = events(pipe, text, "ru")
    icpts = [e for e in evs if e["type"] == "interception"]
    assert [val(e["count"]) for e in icpts] == [5]
    assert any(e["type"] == "debris_fall" for e in evs)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Противник обстрелял поселок Теткино из артиллерии и дронов, ранен мужчина.", "ru"),
        ("Ворог обстріляв село Хотінь з артилерії та дронів, поранено чоловіка.", "uk"),
    ],
)
def test_one_toll_of_an_attack_with_two_weapons_is_told_once(pipe, text, lang):
    evs = events(pipe, text, lang)
    assert {e["type"] for e in evs} == {"shelling", "drone_strike"}
    assert sum(val(e["injured"]) or 0 for e in evs) == 1
    (shelling,) = [e for e in evs if e["type"] == "shelling"]
    assert val(shelling["injured"]) == 1  # the weapon named first


def test_a_stated_none_stays_on_each_weapon(pipe):
    text = "Противник обстрелял поселок Теткино из артиллерии и дронов, пострадавших нет."
    evs = events(pipe, text, "ru")
    assert len(evs) == 2
    assert all(val(e["injured"]) == 0 for e in evs)


@pytest.mark.parametrize(
    "text",
    [
        "Обломки сбитого беспилотника упали во двор дома в Курске, ранены два человека.",
        "Обломки сбитого беспилотника упали во двор дома в Курске. Пострадали два человека.",
    ],
)
def test_whom_the_debris_hurt_is_the_debris_falls_toll(pipe, text):
    evs = {e["type"]: e for e in events(pipe, text, "ru")}
    assert set(evs) == {"debris_fall", "interception"}
    assert val(evs["debris_fall"]["injured"]) == 2
    assert val(evs["interception"]["injured"]) is None
