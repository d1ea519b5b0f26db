"""A Cyrillic form is read by the text's own language first (#16): «в Артемовске» of a Russian text is
Artemovsk (Bakhmut's former name), not Artëmovskiy of Sverdlovsk read through a Ukrainian adjective."""

from __future__ import annotations

from skylog.geo import geoparse
from skylog.geo.geocoder import Geocoder


def test_the_texts_own_language_reads_the_form_first():
    (p,) = geoparse("Бои идут в Артемовске.", "ru")
    assert (p.name, p.country, p.admin1_code) == ("Bakhmut", "UA", "UA-14")


def test_the_other_languages_reading_stays_a_candidate_behind():
    cs = Geocoder.default().candidates("Артемовске", "ru")
    other = next(c for c in cs if c.entry.country == "RU" and c.key == "артемовскии")
    assert any("read as a Ukrainian form" in w for w in other.why)


def test_a_ukrainian_form_in_a_russian_text_still_reads():
    (p,) = geoparse("Удар по Харкові.", "ru")
    assert p.name == "Kharkiv"
