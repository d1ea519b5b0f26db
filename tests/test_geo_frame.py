"""Document geography (issue 16): the report's own places constrain every reading.

Each test sentence is written for the test, in the shape of a failure seen on real reports:
a fuzzy or alternate-name match abroad, a village placed outside the district the text names,
a region read as its capital, a call-sign read as a region, a locator read as the event place.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skylog.extract.common import places as extract_places
from skylog.geo import geoparse
from skylog.geo.parse import explain

_HERE = Path(__file__).resolve()
EXAMPLES = [p / "shared" / "examples" / "kaluga-drones.txt" for p in _HERE.parents[1:4]]
EXAMPLE = next((p for p in EXAMPLES if p.is_file()), None)


def one(places, mention):
    got = [p for p in places if p.mention == mention]
    assert got, f"{mention!r} not found in {[p.mention for p in places]}"
    return got[0]


def test_no_fuzzy_or_alternate_match_outside_the_reports_countries():
    text = (
        "Indian army posts in the Rajouri district of Jammu and Kashmir came under mortar fire on "
        "Monday; one shell hit a cowshed in Kerni, police said."
    )
    places = geoparse(text, "en")
    assert {p.country for p in places if p.lat is not None} <= {"IN", "PK"}
    assert not any(p.mention == "Kerni" and p.country == "US" for p in places)


def test_village_near_a_town_stays_by_that_town():
    text = (
        "A drone strike hit a motorbike in the village of Mansouri near the port city of Tyre, "
        "Lebanon's health ministry said."
    )
    m = one(geoparse(text, "en"), "Mansouri")
    assert m.country == "LB" and m.admin1_code == one(geoparse(text, "en"), "Tyre").admin1_code
    assert m.precision == 2 and m.relation == "near"


def test_village_in_the_named_district_obeys_the_district():
    text = "Two people were hurt when a drone hit a tractor in Bezlyudovka in the Shebekino district."
    b = one(geoparse(text, "en"), "Bezlyudovka")
    assert b.country == "RU" and b.admin1_code == "RU-BEL"
    assert b.admin2 and "Shebekin" in b.admin2 and b.precision == 2


def test_village_in_the_named_region_after_a_settlement_and_a_part_word_obeys_the_region():
    # "X village in the northern Y region": the name read inside Y, not at its namesake in another region
    from skylog.extract.en import EnglishPipeline
    from skylog.ingest.common import make_report

    text = "A jet dropped bombs on Kyauktaga village in the northern Sagaing region, a resident said."
    x = EnglishPipeline()(make_report(text, source="test", language="en"))
    codes = {p.mention: p.admin1 for e in x.events for p in e.places}
    assert codes.get("Kyauktaga") == "Sagaing"


def test_hromada_heading_holds_the_villages_listed_under_it():
    text = "Кіндрашівська ТГ: ворог атакував дроном околиці с. Грушівка, пошкоджено приватний будинок."
    places = geoparse(text, "uk")
    h = one(places, "Грушівка")
    assert h.admin1_code == "UA-63"
    assert one(places, "Кіндрашівська ТГ").admin1_code == "UA-63"


@pytest.mark.parametrize(
    ("text", "lang", "mention", "code", "kind"),
    [
        (
            "Three drones were downed over the Moscow Region overnight.",
            "en",
            "Moscow Region",
            "RU-MOS",
            "region",
        ),
        ("Дроны сбиты над Московской областью.", "ru", "Московской областью", "RU-MOS", "region"),
        ("Ночью над Подмосковьем сбили беспилотник.", "ru", "Подмосковьем", "RU-MOS", "region"),
        ("A drone hit a warehouse in the Kyiv region at night.", "en", "Kyiv region", "UA-32", "region"),
        ("Air defence was active over Moscow at night.", "en", "Moscow", "RU-MOW", "settlement"),
    ],
)
def test_region_is_the_oblast_and_the_city_only_when_the_text_says_so(text, lang, mention, code, kind):
    p = one(geoparse(text, lang), mention)
    assert p.admin1_code == code and p.kind == kind
    if kind == "region":
        assert p.precision == 3


def test_quoted_call_sign_is_not_a_place():
    text = "Расчёт с позывным «Алтай» сбил два дрона над Курской областью."
    places = geoparse(text, "ru")
    assert not any(p.admin1_code == "RU-AL" for p in places)
    assert any(p.admin1_code == "RU-KRS" for p in places)


def test_ship_name_is_not_a_place():
    places = geoparse("Officials said the cruiser Moskva was hit by two missiles off Odesa.", "en")
    assert not any(p.mention == "Moskva" for p in places)


@pytest.mark.parametrize(
    ("text", "lang", "street", "place"),
    [
        ("В районе проспекта Свободы в Сумах повреждены окна.", "ru", "Свободы", "Сумах"),
        ("Ночью в Харькове повреждены дома на улице Киевской.", "ru", "Киевской", "Харькове"),
        ("Уламки впали на вулиці Київській у Харкові.", "uk", "Київській", "Харкові"),
        ("Уламки впали на Київській вулиці у Харкові.", "uk", "Київській", "Харкові"),
    ],
)
def test_street_names_are_not_settlements(text, lang, street, place):
    mentions = {p.mention for p in geoparse(text, lang)}
    assert street not in mentions
    assert place in mentions


def test_place_before_a_street_word_is_still_a_place():
    # a noun (not an adjective) before the street word: the city itself, and a lowercase "street" in English
    assert "Харкові" in {p.mention for p in geoparse("У Харкові проспект Науки перекрито після удару.", "uk")}
    assert "Kyiv" in {p.mention for p in geoparse("A missile hit a Kyiv street overnight.", "en")}


@pytest.mark.parametrize(
    ("text", "lang", "mention"),
    [
        ("Drones were downed over Kaluga Oblast, southwest of Moscow, the governor said.", "en", "Moscow"),
        ("A drone came down 40 km from Kursk, the governor said.", "en", "Kursk"),
        ("Беспилотник упал в 30 км от Брянска, сообщил губернатор.", "ru", "Брянска"),
    ],
)
def test_relative_locator_sets_no_event_place(text, lang, mention):
    p = one(geoparse(text, lang), mention)
    assert p.relation == "locator"
    assert not any(q.mention == mention for q in extract_places.geoparse(text, lang))


def test_inflected_village_and_region_adjective_resolve_in_the_region():
    text = "Беспилотник атаковал легковой автомобиль в селе Грузское Белгородской области."
    places = geoparse(text, "ru")
    g = one(places, "Грузское")
    assert g.kind == "settlement" and g.admin1_code == "RU-BEL" and g.name == "Грузское"
    assert g.precision in (2, 3)
    assert one(places, "Белгородской области").kind == "region"
    assert all(p.admin1_code == "RU-BEL" for p in places)


def test_occupation_name_of_an_oblast_holds_the_village_before_it():
    text = "Бои идут у населенного пункта Александрополь Донецкой Народной Республики."
    places = geoparse(text, "ru")
    a = one(places, "Александрополь")
    assert a.country == "UA" and a.admin1_code == "UA-14"


def test_municipal_districts_and_outskirts_precision():
    text = (
        "Drones were downed on the outskirts of Kaluga and in the Borovsky and Maloyaroslavets "
        "municipal districts, the governor of Kaluga Oblast said."
    )
    places = geoparse(text, "en")
    k = one(places, "Kaluga")
    assert k.relation == "outskirts" and k.precision == 2
    for name in ("Borovsky", "Maloyaroslavets"):
        d = one(places, name)
        assert d.kind == "district" and d.precision == 2 and d.admin1_code == "RU-KLU"


@pytest.mark.skipif(EXAMPLE is None, reason="shared example not present")
def test_project_example_kaluga():
    text = EXAMPLE.read_text(encoding="utf-8")
    places = geoparse(text, "en")
    first = [p for p in places if p.mention == "Maloyaroslavets"][0]
    assert first.kind == "district" and first.precision == 2
    assert one(places, "Kaluga").precision == 2


def test_generic_words_and_legal_references_are_not_places():
    text = (
        "Russian shelling hit Kherson again. The region has been under fire for weeks; prosecutors "
        "opened a case under Part 2 of Article 438 of the Criminal Code of Ukraine."
    )
    places = geoparse(text, "en")
    assert {p.country for p in places if p.lat is not None} <= {"UA", "RU"}


def test_city_district_named_without_its_region_stays_in_the_reports_city():
    text = (
        "Shells hit the Kirovsky district of Donetsk on Tuesday, the city's mayor said; "
        "two people were wounded."
    )
    d = one(geoparse(text, "en"), "Kirovsky district")
    assert d.country == "UA" and d.admin1_code == "UA-14"


def test_explain_shows_the_frame_and_why_candidates_lost():
    text = "Indian posts in the Poonch district of Jammu and Kashmir came under fire; a shell hit a house in Kerni."
    res = explain("Kerni", text, "en")
    assert "IN" in res["frame"]["countries"]
    assert res["chosen"] is None or res["chosen"]["country"] == "IN"
    assert res["candidates"] and all(c["status"].startswith("lost") for c in res["candidates"])
    assert any("frame" in c["status"] for c in res["candidates"])


def test_geocode_cli_with_context(tmp_path):
    from skylog.cli import app

    f = tmp_path / "r.txt"
    f.write_text("A drone hit a car in the village of Mansouri near the port city of Tyre, Lebanon.", "utf-8")
    res = CliRunner().invoke(app, ["geocode", "Mansouri", "--context", str(f), "--json"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.output.strip().splitlines()[-1])
    assert d["frame"]["countries"] and "LB" in d["frame"]["countries"]
    assert d["chosen"]["country"] == "LB"
    res = CliRunner().invoke(app, ["geocode", "Mansouri", "--context", str(f)])
    assert "frame:" in res.output and "lost" in res.output
    res = CliRunner().invoke(app, ["geocode", "Mansouri", "--context", str(tmp_path / "missing.txt")])
    assert res.exit_code == 1


def test_bare_name_of_a_unit_the_text_names_is_no_namesake_abroad():
    text = (
        "Jets bombed a village in the north of Kani Township, Sagaing Region, on Friday. "
        "A Kani-based resistance group said three houses burned."
    )
    assert not any(p.country == "JP" for p in geoparse(text, "en"))


def test_palestinian_governorates_sit_under_gaza_strip_and_west_bank():
    text = (
        "Five people were killed in the city of Khan Younis, and shelling hit Al-Bureij in the "
        "central Gaza Strip; troops also raided Jenin in the West Bank."
    )
    places = geoparse(text, "en")
    khan, bureij = one(places, "Khan Younis"), one(places, "Al-Bureij")
    assert (khan.admin1, khan.admin1_code, khan.admin2) == ("Gaza Strip", "PS-GZA", "Khan Yunis")
    assert (bureij.admin1, bureij.admin1_code, bureij.admin2) == ("Gaza Strip", "PS-GZA", "Deir El Balah")
    strip = one(places, "Gaza Strip")
    assert (strip.admin1, strip.admin1_code) == ("Gaza Strip", "PS-GZA")
    jenin = one(places, "Jenin")
    assert (jenin.admin1, jenin.admin1_code) == ("West Bank", "PS-WBK") and jenin.country == "PS"


def test_admin1_groups_leave_other_countries_alone():
    from skylog.geo.admin_groups import group_admin1

    assert group_admin1("UA", "UA-63", "Kharkiv Oblast", None) == ("Kharkiv Oblast", "UA-63", None)
    assert group_admin1("PS", "PS-RFH", "Rafah", None) == ("Gaza Strip", "PS-GZA", "Rafah")
    assert group_admin1(None, None, None, None) == (None, None, None)


def test_township_named_in_the_text_is_no_town_across_the_border():
    text = (
        "Junta jets bombed two villages in Tamu township and one in Pale township, Sagaing region, "
        "Myanmar, on Sunday, killing six people."
    )
    res = explain("Pale", text, "en")
    assert res["chosen"] is None or res["chosen"]["country"] == "MM"
    assert not any(p.country == "IN" and p.mention == "Pale" for p in geoparse(text, "en"))


def test_single_zh_spelling_of_a_ukrainian_city_is_read_beside_russia():
    text = "A Russian missile hit an industrial site in Zaporizhia on Friday, the regional governor said."
    z = one(geoparse(text, "en"), "Zaporizhia")
    assert z.country == "UA" and z.admin1_code == "UA-23"


def test_respelt_district_name_does_not_cross_the_border():
    text = (
        "An Israeli drone strike hit a car in the town of Srifa in the Sour district of southern "
        "Lebanon, the health ministry said."
    )
    res = explain("Sour district", text, "en")
    assert "TR" not in res["frame"]["countries"]
    assert res["chosen"] is None or res["chosen"]["country"] == "LB"
    assert not any(p.country == "TR" for p in geoparse(text, "en"))


@pytest.mark.parametrize(
    ("text", "lang", "mention", "name"),
    [
        ("Обломки ракеты упали у вокзала в Тель-Авиве, сообщила полиция.", "ru", "Тель-Авиве", "Tel Aviv"),
        (
            "Уламки ракети впали біля вокзалу в Тель-Авіві, повідомила поліція.",
            "uk",
            "Тель-Авіві",
            "Tel Aviv",
        ),
        ("Утром сирены звучали в Хайфе, пострадавших нет.", "ru", "Хайфе", "Haifa"),
    ],
)
def test_foreign_city_in_cyrillic_case_form_is_the_city(text, lang, mention, name):
    # a foreign city's Russian/Ukrainian exonym, inflected, with no country named: the city, not
    # nothing (the frame's size rule) and not the first-level unit that shares its name
    p = one(geoparse(text, lang), mention)
    assert (p.name, p.country, p.kind) == (name, "IL", "settlement")


def test_village_in_a_township_the_gazetteer_lacks_stays_in_the_region_named_after_it():
    # the township is unknown (only a namesake town abroad bears its name): the village is read
    # inside the region the text names for the township, not as a namesake in another region
    text = "Junta troops torched homes in Nyaung Kone village in Pale township, Sagaing Region, on Friday."
    p = one(geoparse(text, "en"), "Nyaung Kone")
    assert (p.country, p.admin1_code, p.precision) == ("MM", "MM-01", 3)


def test_arabic_name_joined_by_its_article_is_one_place():
    text = "Artillery shelled Jisr ash-Shughour and nearby farms in Idlib province overnight."
    p = one(geoparse(text, "en"), "Jisr ash-Shughour")
    assert (p.country, p.admin1_code, p.kind) == ("SY", "SY-ID", "settlement")


def test_town_of_two_words_in_the_named_country_counts_even_when_tagged_as_a_person():
    # the small NER model tags "Kiryat Shmona" as a person and the gazetteer has it only as an
    # alternate spelling; the text names Israel, so the two-word name is the town there
    text = "A barrage of rockets hit Kiryat Shmona, a town in northern Israel, before dawn."
    p = one(geoparse(text, "en"), "Kiryat Shmona")
    assert (p.country, p.kind) == ("IL", "settlement")
    # with no country named, a person-tagged two-word name is still no place
    assert not [p for p in geoparse("Coach Glen Allen praised the defence after the game.", "en") if p.lat]


# ---------------------------------------------------------------- the attacking side sets no frame
def test_the_attacking_country_does_not_set_the_frame():
    # the attacker's army names Pakistan: Poonch district is still India's, where the shells fell
    text = "Three villagers were hurt in mortar shelling by the Pakistan Army in Poonch district on Friday."
    assert one(geoparse(text, "en"), "Poonch district").country == "IN"


@pytest.mark.parametrize(
    ("text", "mention", "side"),
    [
        ("A missile fired by Yemen's Houthis hit a depot near Eilat.", "Yemen", True),
        ("Drones launched from Houthi-controlled areas of Yemen were downed.", "Yemen", True),
        ("Iran fired ballistic missiles at Haifa overnight.", "Iran", True),
        ("An attack by Russia on Kharkiv killed two.", "Russia", True),
        ("Ракеты были выпущены со стороны Белоруссии по Житомиру.", "Белоруссии", True),
        ("Масована атака Росії: уламки впали у Полтаві.", "Росії", True),
        ("РФ обстреляла Николаев ночью.", "РФ", True),
        ("Drones hit an oil depot in Russia overnight.", "Russia", False),
        ("Росія атакувала Україну дронами.", "Україну", False),
        ("Two were killed in shelling by Ukrainian troops in Donetsk.", "Ukrainian", False),
    ],
)
def test_a_country_named_as_attacker_or_launch_origin(text, mention, side):
    from skylog.geo.sides import names_a_side

    a = text.index(mention)
    assert names_a_side(text, (a, a + len(mention))) is side


def test_the_attacking_country_named_alone_still_frames_its_neighbourhood():
    # no other country is named: the attacker's frame (with its neighbours) beats a Swiss canton
    text = "Pakistan initiated unprovoked firing in the Uri sector, killing one civilian."
    assert one(geoparse(text, "en"), "Uri").country == "IN"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rockets were fired at Israeli territory overnight.", [("Israeli territory", "IL")]),
        ("Над российской территорией уничтожены шесть беспилотников.", [("российской территорией", "RU")]),
        ("Уламки ракети впали на молдовській території.", [("молдовській території", "MD")]),
        # the land a launch comes from is its origin, not a place of the event
        ("Rockets were fired from Syrian territory overnight.", []),
        ("Ракеты были выпущены с белорусской территории.", []),
    ],
)
def test_a_country_adjective_before_its_land_is_that_country(text, expected):
    from skylog.geo import Geocoder

    got = Geocoder.default().territory_places(text)
    assert [(p.mention, p.country) for p in got] == expected
    assert all(p.kind == "country" and p.lat is not None for p in got)


def _codes(text):
    return {p.mention: p.admin1_code for p in geoparse(text, "en")}


def test_village_namesake_in_another_unit_of_the_country_is_placed_in_the_named_unit():
    # the gazetteer's only Nyaung Gon lies in Mandalay Region; the report sets its villages in Sagaing
    listed = (
        "Two army jets struck Nyaung Gon and Thayetpin villages in Sagaing Region on Monday, residents said."
    )
    assert _codes(listed)["Nyaung Gon"] == "MM-01"
    possessive = (
        "A jet bombed a school in Nyaung Gon village's east ward on Monday, a teacher in Sagaing Region said."
    )
    assert _codes(possessive)["Nyaung Gon"] == "MM-01"


def test_unqualified_names_and_cities_elsewhere_in_the_country_keep_their_reading():
    # no settlement word: the name may be any place; a city of 20,000 or more is known by its name
    assert (
        _codes("A jet bombed a school in Nyaung Gon on Monday, a teacher in Sagaing Region said.")[
            "Nyaung Gon"
        ]
        == "MM-06"
    )
    assert (
        _codes("Refugees from Sagaing Region reached Mandalay on Monday, officials said.")["Mandalay"]
        == "MM-04"
    )


def test_a_name_of_compass_words_alone_sets_no_frame():
    # "North West" before a town is a direction; South Africa's North West province must neither
    # come back as a place nor put ZA in the frame, which drops every English town as outside it
    text = (
        "Councillors backed their own plan for homes near Kidlington and Bicester, despite a stormy "
        "meeting. They want to put North West Bicester in front of the Government as a better option."
    )
    places = geoparse(text, "en")
    assert "North West" not in {p.mention for p in places}
    assert "ZA" not in {p.country for p in places}
    frame = explain("Bicester", text, "en")["frame"]
    assert "ZA" not in frame["countries"]


def test_only_compass_words():
    from skylog.geo.compass import only_compass

    assert only_compass("North West") and only_compass("Western") and only_compass("north-eastern")
    assert not only_compass("North West Province") and not only_compass("West Bank")
    assert not only_compass("Northern Cape")
