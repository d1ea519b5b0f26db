"""The side words are data (geo/data/sides.toml), read by geo.sides and by the English attacker patterns."""

from __future__ import annotations

import pytest

from skylog.extract.en.perpetrators import PERP_ACTOR
from skylog.geo.sides import _WORDS, names_a_side, territory_countries, words


def test_every_list_is_an_alternation_of_its_items():
    assert words("en", "FORCES").split("|") == _WORDS["en"]["FORCES"]
    assert _WORDS["ruuk"]["COUNTRY_ADJECTIVES"]["російськ"] == "RU"


@pytest.mark.parametrize("verb", _WORDS["en"]["ATTACK_VERB"])
def test_what_a_side_does_is_one_list_for_geo_and_the_english_attacker(verb):
    text = f"Iran {verb} the city overnight."
    assert names_a_side(text, (0, 4))
    assert [m.group("a") for m in PERP_ACTOR.finditer(text)] == ["Iran"]


def test_a_country_adjective_before_a_land_word_from_the_data():
    text = "Дроны атаковали объекты на российской территории."
    assert [code for code, _ in territory_countries(text)] == ["RU"]


@pytest.mark.parametrize(
    ("text", "name", "attacker"),
    [
        ("израиль нанес авиаудар по дамаску", "израиль", True),
        ("в результате удара израиля по складу", "израиля", True),
        ("ракета попала в штаб армии сирии", "сирии", False),
        ("дрон, запущений з молдови, влучив у склад", "молдови", False),
    ],
)
def test_the_attacker_is_the_subject_of_an_attack_verb_or_the_agent_of_an_attack_noun(
    text, name, attacker
) -> None:
    # the forces' owner and a launch's ground are sides (``names_a_side``), not who struck
    from skylog.geo.sides import names_the_attacker

    a = text.index(name)
    assert names_the_attacker(text, (a, a + len(name))) is attacker


def test_a_name_whose_best_reading_is_a_country_gives_its_code() -> None:
    from skylog.geo.geocoder import Geocoder

    g = Geocoder.default()
    assert (g.country_named("Израиль", "ru"), g.country_named("Ізраїль", "uk")) == ("IL", "IL")
    assert g.country_named("Бейрут", "ru") is None
