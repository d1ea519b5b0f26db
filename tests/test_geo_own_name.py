"""A town that bears a name as its own beats a town of its country that has the name only as an
alternate name unlike its own (#16), across scripts; other countries' bearers are left to context."""

from __future__ import annotations

from gazetteer_entries import entry

from skylog.geo import Geocoder
from skylog.geo.candidates import W_NOT_ITS_NAME, _namesake_bears_it, reads_own_name
from skylog.geo.gazetteer import Candidate, Entry
from skylog.geo.spelling import looks_alike, romanize_uk


def _town(i: int, name: str, country: str, pop: int) -> Entry:
    return entry(i, country, 1, name=name, population=pop, feature="PPL")


def test_ukrainian_cyrillic_is_also_read_in_the_national_romanisation():
    assert romanize_uk("Кривий Ріг") == "Kryvyi Rih"
    assert looks_alike("кривии ріг", "Kryvyy Rih")  # unidecode alone reads 'krivii rig'
    assert looks_alike("Слов'янськ", "Slovyansk") and not looks_alike("Слов'янськ", "Nikopol")


def test_an_alternate_unlike_the_own_name_yields_to_the_namesake_of_its_country():
    own = Candidate(_town(1, "Slovyansk", "UA", 105_141), "sloviansk", 2, 4.52)
    odd = Candidate(_town(2, "Nikopol", "UA", 105_160), "sloviansk", 2, 4.52)
    assert reads_own_name("Sloviansk", own) and not reads_own_name("Sloviansk", odd)
    _namesake_bears_it([own, odd], "Sloviansk", {"sloviansk"})
    assert own.score == 4.52 and odd.score == 4.52 - W_NOT_ITS_NAME


def test_a_bearer_in_another_country_leaves_a_former_name_alone():
    # «Красноармейск», the former name of Pokrovsk, is the own name of Russian towns: the text's
    # country decides between them, not this rule
    former = Candidate(_town(1, "Pokrovsk", "UA", 60_000), "красноармеиск", 2, 4.3)
    other = Candidate(_town(2, "Krasnoarmeysk", "RU", 26_000), "красноармеиск", 2, 4.0)
    _namesake_bears_it([former, other], "Красноармейск", {"красноармеиск"})
    assert (former.score, other.score) == (4.3, 4.0)


def test_the_own_name_reading_comes_first_in_latin_and_cyrillic():
    gc = Geocoder.default()
    for name, lang in (("Слов'янськ", "uk"), ("Sloviansk", "en"), ("Славянськ", "uk")):
        assert gc.candidates(name, lang)[0].entry.name == "Slovyansk", name
    assert gc.candidates("Ставрополь", "ru")[0].entry.name == "Stavropol"  # not Tolyatti, once Stavropol
    assert gc.candidates("Кривий Ріг", "uk")[0].entry.name == "Kryvyy Rih"


def test_a_fuzzy_key_is_no_likeness_of_the_own_name():
    town = Candidate(_town(1, "Pleasantville", "US", 2_000), "pleasantville", 2)
    assert not reads_own_name("Pleasant City", town, key_too=False)
    assert reads_own_name("Pleasant City", town)  # an exact key of the name would vouch


def test_a_former_name_in_its_region_keeps_its_town():
    # the rule is a prior: the region the text names still places a renamed town (Pervomaiskyi,
    # now Zlatopil, whose old name a village of 3,000 bears as its own)
    from skylog.geo import geoparse

    places = geoparse("A missile hit Pervomaiskyi in Kharkiv region overnight.", "en")
    assert places[0].name == "Zlatopil" and places[0].admin1_code == "UA-63"


def test_a_bearer_of_another_reading_of_the_word_outranks_no_town():
    # «Артемівську» is a case form of Артемівськ (Bakhmut's former name) and of the village
    # Артемівське: the village bears its own name, not the name the town is matched under
    former = Candidate(_town(1, "Bakhmut", "UA", 80_500), "артемівськ", 2, 4.42)
    village = Candidate(_town(2, "Artemivske", "UA", 1_540), "артемівськии", 2, 3.05)
    _namesake_bears_it([former, village], "Артемівську", {"артемівськ", "артемівськии"})
    assert (former.score, village.score) == (4.42, 3.05)


def test_decommunised_former_names_still_place_the_renamed_town():
    from skylog.geo import geoparse

    cases = [
        ("Shelling hit Artemivsk overnight.", "en", "Bakhmut"),
        ("An explosion was heard in Dnipropetrovsk.", "en", "Dnipro"),
        ("Air defence worked over Kirovohrad.", "en", "Kropyvnytskyi"),
        ("Вибухи пролунали в Артемівську.", "uk", "Bakhmut"),
        ("Окупанти обстріляли Артемівськ.", "uk", "Bakhmut"),
        ("Вибухи пролунали в Дніпропетровську.", "uk", "Dnipro"),
        ("У Кіровограді оголошено тривогу.", "uk", "Kropyvnytskyi"),
        ("Взрывы прогремели в Днепропетровске.", "ru", "Dnipro"),
        ("В Кировограде объявлена тревога.", "ru", "Kropyvnytskyi"),
        ("ВСУ обстреляли Артемовск.", "ru", "Bakhmut"),
    ]
    for text, lang, town in cases:
        places = geoparse(text, lang)
        assert places and places[0].name == town, (text, places)
