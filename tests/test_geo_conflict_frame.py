"""The frame of reports on other conflicts (issue 16): seas, compass parts, far namesakes.

Each sentence is written for the test, in the shape of a failure seen on train items of other
conflicts in Russian/Ukrainian text: a ship in the Red Sea read as a village of Zhytomyr, a township
of Myanmar as a city of Sulawesi, "South Lebanon" as a village of Ohio, Gaza as a province of
Mozambique.
"""

from __future__ import annotations

from skylog.geo import Geocoder, geoparse
from skylog.geo.parse import explain


def one(places, mention):
    got = [p for p in places if p.mention == mention]
    assert got, f"{mention!r} not found in {[p.mention for p in places]}"
    return got[0]


def test_a_ukrainian_sea_with_its_water_word_is_the_sea_not_a_village():
    text = "Хусити атакували судно в Червоному морі біля узбережжя Ємену."
    p = one(geoparse(text, "uk"), "Червоному морі")
    assert (p.name, p.kind) == ("Red Sea", "water")


def test_a_ukrainian_gulf_and_a_strait_are_read_in_their_case():
    text = "Ракета влучила в танкер в Аденській затоці, ще одна впала в Чорному морі."
    places = geoparse(text, "uk")
    assert one(places, "Аденській затоці").name == "Gulf of Aden"
    assert one(places, "Чорному морі").name == "Black Sea"


def test_a_sea_sets_the_frame_to_its_shores():
    text = "Хуситы атаковали судно в Красном море у порта Ходейда."
    frame = explain("Ходейда", text, "ru")["frame"]
    assert {"YE", "SA", "EG"} <= set(frame["countries"])
    assert any("sea named" in w for w in frame["why"])


def test_a_compass_part_of_a_country_is_that_country_not_a_namesake_town():
    text = "An Israeli drone strike hit a car in South Lebanon on Thursday, killing one person."
    p = one(geoparse(text, "en"), "South Lebanon")
    assert p.country == "LB"
    assert p.kind == "region"
    best = Geocoder.default().candidates("South Lebanon", "en")[0]
    assert best.entry.country == "LB"


def test_a_russian_or_ukrainian_compass_part_reads_the_country():
    for text, lang, mention in (
        ("Израиль нанес удары по Южному Ливану.", "ru", "Южному Ливану"),
        ("Ізраїль завдав ударів по Південному Лівану.", "uk", "Південному Лівану"),
    ):
        assert one(geoparse(text, lang), mention).country == "LB"


def test_a_compass_part_keeps_a_name_of_its_own():
    gc = Geocoder.default()
    assert gc.candidates("West Virginia", "en")[0].entry.name == "West Virginia"
    assert gc.candidates("South Korea", "en")[0].entry.country == "KR"
    # two compass words: a region of its own, not the country after them
    assert not any("part of" in " ".join(c.why) for c in gc.candidates("North West England", "en"))


def test_a_case_form_guess_abroad_is_no_reading():
    text = "Авиаудар по деревне в поселке Пале, регион Сагайн, Мьянма, унес жизни шести человек."
    p = one(geoparse(text, "ru"), "Пале")
    assert p.country in (None, "MM")
    frame = explain("Пале", text, "ru")["frame"]
    assert "ID" not in frame["countries"]


def test_a_far_first_level_namesake_gives_way_to_the_frames_part_of_the_world():
    text = (
        "ХАМАС погодився на припинення вогню в Газі. Пропозицію щодо Гази передали посередники з "
        "Єгипту та Катару, Ізраїль її вивчає."
    )
    places = geoparse(text, "uk")
    assert one(places, "Газі").country == "PS"
    assert one(places, "Гази").country == "PS"


def test_a_pronoun_is_no_place():
    text = "Серед поранених двоє дітей. Усім надають допомогу. Вона госпіталізована у Харкові."
    places = geoparse(text, "uk")
    assert [p.mention for p in places] == ["Харкові"]
