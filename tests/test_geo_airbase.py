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


def _airfield(text: str, language: str):
    return next(
        p for p in geoparse(text, language) if p.gazetteer_id and p.gazetteer_id.startswith("ourairports:")
    )


def test_an_air_base_no_settlement_bears_is_placed_at_the_airfield():
    # Nevatim, Ramat David and Hmeimim are no gazetteer settlements: the airfield table places them
    cases = [
        ("Iranian missiles hit Nevatim air base in the Negev.", "en", "IL", "IL-D"),
        ("Israeli jets from Ramat David Air Base struck Lebanon.", "en", "IL", "IL-Z"),
        ("Russian jets took off from Hmeimim airbase in Latakia.", "en", "SY", "SY-LA"),
        ("Drones attacked the Engels-2 airbase overnight.", "en", "RU", "RU-SAR"),
    ]
    for text, language, country, a1 in cases:
        p = _airfield(text, language)
        assert (p.kind, p.country, p.admin1_code, p.precision) == ("facility", country, a1, 1), (text, p)
        assert p.lat is not None and p.lon is not None


def test_a_russian_or_ukrainian_airfield_word_before_the_name():
    belbek = _airfield("Дроны атаковали аэродром Бельбек в Крыму.", "ru")
    assert "Belbek" in (belbek.name or "") and belbek.country == "UA" and belbek.precision == 1
    # «Уражено аеродром Саки»: the name after the airfield word, not the word before it
    saky = _airfield("Уражено аеродром Саки.", "uk")
    assert saky.name == "Saky Air Base" and saky.admin1_code == "UA-43" and saky.mention.endswith("Саки")
    assert _airfield("Уражено авіабазу Саки в Криму.", "uk").name == "Saky Air Base"


def test_a_town_named_without_an_airfield_word_stays_the_town():
    engels = next(p for p in geoparse("Drones attacked Engels overnight.", "en") if p.mention == "Engels")
    assert engels.kind == "settlement" and not (engels.gazetteer_id or "").startswith("ourairports:")


def test_the_airfield_table_is_small_and_read_by_name():
    from skylog.geo.airfields import Airfields
    from skylog.geo.gazetteer import DATA_PATH, default_gazetteer

    assert (DATA_PATH.parent / "airfields.tsv").stat().st_size < 700_000
    af = Airfields(default_gazetteer())
    assert af.named("nevatim") and af.named("бельбек") and af.named("engels 2") == af.named("engels")
    assert not af.named("kyiv oblast")


def test_bare_names_cut_a_facility_to_the_place_it_is_named_after():
    # geoparsing corpora mark "Cairo" in "Cairo airport"; an air base's capitalised words are its name
    (cairo,) = geoparse("Flights resumed at Cairo airport on Monday.", "en", bare_names=True)
    assert cairo.mention == "Cairo" and cairo.span == (19, 24)
    plant = geoparse("Dow said the South Charleston power plant was shut.", "en", bare_names=True)
    assert [p.mention for p in plant] == ["South Charleston"]
    text = "Israeli jets from Ramat David Air Base struck Lebanon."
    assert "Ramat David Air Base" in [p.mention for p in geoparse(text, "en", bare_names=True)]


def test_an_airport_word_before_a_town_the_airfield_table_lacks_leaves_the_town():
    # «Международный аэропорт Порт-Судана»: Port Sudan itself, as before the airfield table
    text = "Международный аэропорт Порт-Судана охвачен пожаром после атаки БПЛА."
    (p,) = geoparse(text, "ru")
    assert (p.name, p.kind, p.precision) == ("Port Sudan", "settlement", 1)
