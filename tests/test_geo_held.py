"""A country joined to a place by a holding word names who holds the place (skylog.geo.held)."""

from __future__ import annotations

import pytest

from skylog.geo import Geocoder, geoparse
from skylog.geo.held import names_a_holder
from skylog.geo.sides import names_a_side
from skylog.geo.vocab import items
from skylog.records import Place


def _place(text: str, mention: str):
    return next(p for p in geoparse(text, "en") if p.mention == mention)


@pytest.mark.parametrize("word", items("frame", "en.HELD"))
def test_the_holders_own_unit_bearing_the_name_is_its_reading(word):
    # "Kashmir" alone reads as India's Jammu and Kashmir; held by Pakistan, it is Pakistan's unit
    text = f"Indian jets struck a camp in Pakistan-{word} Kashmir on Tuesday, officials in Jammu said."
    p = _place(text, "Kashmir")
    assert (p.country, p.admin1) == ("PK", "Azad Kashmir")


def test_a_holder_written_apart_or_as_an_adjective():
    p = _place("Three soldiers died in the Pakistan occupied Kashmir sector, the army said.", "Kashmir")
    assert p.country == "PK"
    p = _place("Shelling hit Indian-administered Kashmir overnight, Pakistan said.", "Kashmir")
    assert (p.country, p.admin1_code) == ("IN", "IN-JK")


def test_a_holder_is_a_side_not_context():
    text = "A drone hit Russian-controlled Donetsk on Monday."
    assert names_a_holder(text, (12, 19))
    assert names_a_side(text, (12, 19))
    # the adjective no longer pulls the name to the Russian namesake town (Rostov Oblast)
    assert _place(text, "Donetsk").country == "UA"


def test_a_holder_with_no_unit_of_that_name_leaves_the_reading():
    p = _place("Missiles struck Russian-occupied Crimea at dawn.", "Crimea")
    assert p.country == "UA"


def test_no_holder_without_a_holding_word_before_a_name():
    text = "Pakistan held talks with India."
    assert not names_a_holder(text, (0, 8))


def test_the_holder_is_read_from_the_text_when_only_the_held_name_is_resolved():
    # the English extraction resolves "Kashmir" alone (it drops "Pakistan-occupied" as a side's adjective)
    text = "Strikes hit nine sites in Pakistan-occupied Kashmir."
    s = text.index("Kashmir")
    stub = Place(mention="Kashmir", span=(s, s + len("Kashmir")))
    (p,) = Geocoder.default().resolve([stub], text, "en")
    assert (p.country, p.admin1) == ("PK", "Azad Kashmir")
