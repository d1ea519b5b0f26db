"""A region's adjective in a body's name sets the document's frame: «у Харківській обласній прокуратурі»
is the Kharkiv region, so a city district the text names («в Індустріальному районі», a name Kharkiv and
Dnipro both have) is read inside it (issues 13, 16)."""

from __future__ import annotations

from skylog.geo import geoparse


def test_a_bodys_regional_adjective_names_the_region():
    got = geoparse("Подробиці повідомили у Харківській обласній прокуратурі.", "uk")
    assert [(p.kind, p.admin1_code) for p in got] == [("region", "UA-63")]


def test_the_bodys_region_frames_a_district_named_before_it():
    text = "Ракета влучила в будинок в Індустріальному районі. Подробиці повідомили у Харківській обласній прокуратурі."
    districts = [p for p in geoparse(text, "uk") if p.kind == "district"]
    assert [(p.name, p.admin1_code) for p in districts] == [("Industrialnyi District", "UA-63")]
