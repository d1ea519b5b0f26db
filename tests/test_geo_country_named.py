"""A country the text names vouches for its places against bigger namesakes elsewhere (#16)."""

from __future__ import annotations

from skylog.geo import geoparse


def test_a_named_country_places_its_towns_over_bigger_namesakes_abroad():
    text = "Canada said on Monday that the plant in London would close, and workers in Windsor were told the same."
    got = {p.mention: p.country for p in geoparse(text, "en", streets=True, bare_names=True)}
    assert got["London"] == "CA" and got["Windsor"] == "CA"  # Ontario's, not England's


def test_a_country_name_stays_the_country_when_another_country_is_named():
    # "China" is also a town in Maine: the United States being named vouches for no such reading
    text = "U.S. officials said exports to China and Russia fell, while Mexico bought more."
    got = {p.mention: (p.country, p.kind) for p in geoparse(text, "en", streets=True, bare_names=True)}
    assert got["China"] == ("CN", "country") and got["Russia"] == ("RU", "country")
    assert got["Mexico"] == ("MX", "country")
