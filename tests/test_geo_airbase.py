"""An air base named after a place is that place (#16); one the gazetteer lacks leaves the place the
text puts it in."""

from __future__ import annotations

from skylog.geo import geoparse


def test_an_air_base_named_after_a_town_is_placed_at_the_town():
    cases = [
        ("Drones attacked the Engels airbase overnight.", "Engels", "RU-SAR"),
        ("Ukraine struck Saky airbase in Crimea.", "Saky", "UA-43"),
        ("Drones hit the Morozovsk air base in Rostov region.", "Morozovsk", "RU-ROS"),
    ]
    for text, town, a1 in cases:
        base = next(p for p in geoparse(text, "en") if p.mention.startswith(town))
        assert base.admin1_code == a1 and base.lat is not None, (text, base)


def test_an_air_base_the_gazetteer_lacks_keeps_the_place_it_lies_in():
    # Hmeimim, Nevatim and Ramat David are below the gazetteer's 500-people threshold
    got = {
        (p.mention, p.country)
        for p in geoparse("Russian jets took off from Hmeimim airbase in Latakia.", "en")
    }
    assert ("Latakia", "SY") in got
