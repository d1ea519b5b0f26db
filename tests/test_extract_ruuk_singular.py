"""Russian/Ukrainian counts read from a weapon's grammatical number (invented posts): a model's name after
a plural noun is no single weapon; an abbreviation («БПЛА») takes its number from the word agreeing with it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from skylog.ingest.common import make_report

PUB = datetime(2025, 5, 12, 6, 0, tzinfo=UTC)


def counts(pipe, text: str, lang: str) -> list:
    evs = pipe(make_report(text, published_at=PUB, language=lang)).to_dict()["events"]
    return [(e["type"], e["count"]["value"] if e["count"] else None) for e in evs]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Российская армия атаковала Днепр ракетами «Искандер».", "ru", [("missile_strike", None)]),
        ('Окупанти обстріляли Богодухів дронами типу "Шахед".', "uk", [("drone_strike", None)]),
        # the noun singular: one weapon, as before
        ("Российская армия атаковала Днепр ракетой «Искандер».", "ru", [("missile_strike", 1)]),
        ('Окупанти атакували Харків дроном типу "Шахед".', "uk", [("drone_strike", 1)]),
    ],
)
def test_a_model_name_takes_the_number_of_its_noun(pipe, text, lang, expected):
    assert counts(pipe, text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "count"),
    [
        ("Над Брянской областью силами ПВО сбит БПЛА.", "ru", 1),
        ("Пострадавших нет. БПЛА был сбит силами ПВО над Брянской областью.", "ru", 1),
        ("Над Київщиною ППО знищила ворожий БпЛА.", "uk", 1),
        ("Над Курской областью сбиты БПЛА.", "ru", None),
        ("Над Курской областью сбиты три БПЛА.", "ru", 3),
    ],
)
def test_an_abbreviation_takes_the_number_of_the_word_agreeing_with_it(pipe, text, lang, count):
    assert counts(pipe, text, lang) == [("interception", count)]
