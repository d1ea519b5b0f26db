"""A national body is its country's by what the text says (#13): "the Israeli Air Force" is no
Ukrainian command, nor is «Минобороны» in a report on Israel and Syria Russia's; a bare body is
Ukraine's or Russia's in a text naming the war's ground or no other country."""

from __future__ import annotations

from skylog.link.text_cues import national_lead, tally_side


def test_a_body_after_another_countrys_adjective_is_that_countrys() -> None:
    text = "The Israeli Air Force intercepted a drone launched from Yemen, unlike the Ukrainian case."
    assert tally_side(text) is None
    assert tally_side("Сирийское Минобороны сообщило об ударе по Дамаску; в России это осудили.") is None


def test_a_bare_body_in_a_text_on_other_countries_only_is_no_sides() -> None:
    assert tally_side("The Air Force intercepted a Yemeni UAV launched toward Eilat, the army said.") is None
    assert (
        tally_side("Армия обороны Израиля атаковала сирийскую столицу. Пострадало здание Минобороны.") is None
    )
    assert not national_lead("The Air Force said 17 of 20 Iranian drones launched at Eilat were downed.")


def test_a_bare_body_where_the_war_is_named_keeps_its_side() -> None:
    assert tally_side("The Air Force said 50 of 70 Russian drones were shot down overnight.") == "UA"
    assert tally_side("Минобороны: над Белгородской областью сбиты 5 украинских БПЛА.") == "RU"
    assert tally_side("Ukraine's Air Force said the Ukrainian air defence downed 40 drones.") == "UA"
    assert national_lead("The Air Force said 17 of 20 Russian drones were downed over three regions.")
    # a text naming no country at all: the body is the war's
    assert tally_side("Air defence destroyed 20 of 24 drones overnight, the Air Force said.") == "UA"
