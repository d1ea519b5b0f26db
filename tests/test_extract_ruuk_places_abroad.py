"""Places outside Russia and Ukraine in Russian/Ukrainian reports, and Ukrainian spellings of Russian
towns, on invented posts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from skylog.ingest.common import make_report
from skylog.records import Place

PUB = datetime(2025, 4, 12, 6, 0, tzinfo=UTC)


def _places(pipe, text: str, lang: str) -> list[tuple[str | None, str | None]]:
    out = pipe(make_report(text, published_at=PUB, language=lang)).to_dict()
    return [(p["name"], p["country"]) for e in out["events"] for p in e["places"]]


@pytest.mark.parametrize(
    ("text", "lang", "place"),
    [
        ("Беспилотник упал в Эйлате, пострадали три человека.", "ru", ("Eilat", "IL")),
        ("Ракета попала в жилой дом в Хайфе, ранены двое.", "ru", ("Haifa", "IL")),
        ("Беспилотник ударил по порту в Ходейде, погиб один человек.", "ru", ("Al Hudaydah", "YE")),
        ("Дрон атакував будинок у Бейруті, загинули двоє людей.", "uk", ("Beirut", "LB")),
    ],
)
def test_a_town_abroad_named_in_its_case_places_the_event(pipe, text, lang, place) -> None:
    assert place in _places(pipe, text, lang)


def test_a_ukrainian_spelling_of_a_russian_town_places_the_event(pipe) -> None:
    got = _places(pipe, "Уночі дрони атакували Новоросійськ, пошкоджено нафтобазу.", "uk")
    assert ("Novorossiysk", "RU") in got


def test_a_village_abroad_or_an_abbreviation_is_still_no_place() -> None:
    from skylog.extract.ruuk.places_of import plausible_toponym

    def abroad(mention: str, name: str, country: str) -> Place:
        return Place(mention=mention, span=(0, len(mention)), kind="settlement", name=name, country=country,
                     precision=1)  # fmt: skip

    assert plausible_toponym(abroad("Эйлате", "Eilat", "IL"))
    assert not plausible_toponym(abroad("Бай", "Bay", "US"))  # a village of 1,800
    assert not plausible_toponym(abroad("ЭЙЛАТ", "Eilat", "IL"))  # an abbreviation-like capitals word


def test_a_capital_abroad_named_as_the_side_is_no_place(pipe) -> None:
    text = "Ракетный удар по Хайфе стал ответом Тегерана на действия Израиля, ранены двое."
    got = _places(pipe, text, "ru")
    assert ("Haifa", "IL") in got and not any(name == "Tehran" for name, _ in got), got


@pytest.mark.parametrize(
    "text",
    [
        # «Ливан» in its cases also reads as the female name Ливана: a country's name is read as the country
        "Израильская авиация ночью нанесла удары по Ливану, погибли два человека.",
        "Израиль нанес авиаудар по югу Ливана, ранены трое.",
    ],
)
def test_a_country_whose_name_is_also_a_first_name_places_the_event(pipe, text) -> None:
    assert ("Lebanon", "LB") in _places(pipe, text, "ru")


def test_a_country_name_is_not_person_like_where_also_a_first_name() -> None:
    from skylog.geo.constrain import person_like

    assert not person_like("Ливану") and not person_like("Ливана")
    assert person_like("Ване")  # the dative of Ваня stays a person's name


def test_a_facility_abroad_named_with_its_word_places_the_event(pipe) -> None:
    got = _places(pipe, "Утром беспилотник атаковал аэропорт Порт-Судана, начался пожар.", "ru")
    assert any(country == "SD" for _, country in got), got
