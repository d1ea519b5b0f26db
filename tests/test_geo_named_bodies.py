"""Counties named inside bodies' names, and articles that open a sentence (#16, LGL recognition)."""

from __future__ import annotations

from skylog.geo import geoparse


def _mentions(text: str) -> set[str]:
    return {p.mention for p in geoparse(text, "en", streets=True, bare_names=True)}


def test_a_county_that_names_a_body_is_the_county_whatever_the_body():
    # the county carries its own unit word: no person or river is named so
    assert "Madison County" in _mentions("The Madison County Health Department urged residents to test.")
    assert "Walker County" in _mentions("Crowds filled the Walker County Fairgrounds on Saturday.")


def test_a_body_tagged_as_a_place_is_named_after_the_county_it_opens_with():
    assert _mentions("He was booked into the Titus County Jail on Friday.") == {"Titus County"}
    got = _mentions("He was charged Monday in Wyandotte County District Court with assault.")
    assert got == {"Wyandotte County"}


def test_an_article_opening_the_sentence_is_no_part_of_the_name():
    got = geoparse("A Henderson County woman was sentenced to 99 years in Texas.", "en")
    assert [(p.mention, p.name) for p in got][0] == ("Henderson County", "Henderson County")


def test_compass_and_common_words_alone_are_no_places():
    # "Northwest Eighth Avenue", "Metro Police", "the Act": words, not the towns so named
    got = _mentions("Police said the protest began on Northwest Eighth Avenue in Miami.")
    assert "Northwest" not in got and "Miami" in got
    assert _mentions("Metro Police said a woman was hurt in Las Vegas.") == {"Las Vegas"}
    assert "Act" not in _mentions("Since the governor signed the Act, projects in Ohio moved.")


def test_a_dateline_names_a_town_that_shares_a_surname():
    # a surname in running text ("President Clinton"), a town before a dateline's dash
    got = _mentions("Couple faces drug counts. CLINTON — A town couple was arrested on Monday.")
    assert got == {"CLINTON"}
    assert not _mentions("President Clinton said the plan would work.")


def test_a_dateline_after_a_headline_with_a_spaced_period():
    assert "MONROE" in _mentions("New call for help in lynch case . MONROE - Officers met on Friday.")


def test_a_newspapers_title_names_no_place():
    from skylog.geo import geoparse

    got = [p.mention for p in geoparse("Drones hit Kharkiv overnight, the Kyiv Independent reported.", "en")]
    assert got == ["Kharkiv"]
    got = [p.mention for p in geoparse("He told the Lansing State Journal that China Daily was wrong.", "en")]
    assert got == []
    # a post office is no title
    assert [p.mention for p in geoparse("A post office in Kharkiv and the Moscow Post Office.", "en")] == [
        "Kharkiv",
        "Moscow",
    ]


def test_a_news_agency_named_like_a_town_is_no_place():
    # the agency that reports is no place the report names; the county it reports on is
    got = _mentions("Landslides buried 40 homes in Sichuan province this week, Xinhua reported.")
    assert "Xinhua" not in got and "Sichuan" in got
    assert "Xinhua" not in _mentions("According to Xinhua, the quake struck at dawn near Ya'an.")
