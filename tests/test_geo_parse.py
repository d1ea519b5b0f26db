"""geoparse: recognition + resolution in context, on varied EN/RU/UK texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from skylog.geo import Geocoder, geoparse
from skylog.records import Place

EXAMPLE = Path(__file__).resolve().parents[2] / "shared" / "examples" / "kaluga-drones.txt"


def by_mention(places: list[Place], mention: str) -> list[Place]:
    return [p for p in places if p.mention == mention]


def check_offsets(text: str, places: list[Place]) -> None:
    for p in places:
        assert text[p.span[0] : p.span[1]] == p.mention
    assert [p.span for p in places] == sorted(p.span for p in places)


@pytest.mark.skipif(not EXAMPLE.is_file(), reason="shared example not present")
def test_kaluga_example():
    text = EXAMPLE.read_text(encoding="utf-8")
    places = geoparse(text, "en")
    check_offsets(text, places)
    kaluga = [p for p in places if p.mention == "Kaluga"]
    assert kaluga and kaluga[0].kind == "settlement" and kaluga[0].admin1_code == "RU-KLU"
    assert kaluga[0].relation == "outskirts" and kaluga[0].precision == 2
    borovsky = by_mention(places, "Borovsky")
    assert borovsky and borovsky[0].kind == "district" and borovsky[0].precision == 2
    assert borovsky[0].admin1_code == "RU-KLU"
    # "Borovsky and Maloyaroslavets municipal districts": the second is the district, not the town
    first_malo = [p for p in places if p.mention == "Maloyaroslavets"][0]
    assert first_malo.kind == "district" and first_malo.admin2 and "Maloyaroslav" in first_malo.admin2
    dam = [p for p in places if "dam" in p.mention]
    assert dam and dam[0].kind == "facility"
    assert dam[0].admin1_code == "RU-BEL" and dam[0].precision in (2, 3)
    oblast = by_mention(places, "Kaluga Oblast")
    assert oblast and all(p.kind == "region" and p.precision == 3 for p in oblast)


def test_russian_inflected_forms_and_lists():
    text = (
        "Беспилотник сбит в Боровском районе Калужской области, сообщил губернатор. "
        "Обломки упали под Малоярославцем. Также атакованы Белгородская, Курская и Брянская области."
    )
    places = geoparse(text, "ru")
    check_offsets(text, places)
    codes = [p.admin1_code for p in places]
    assert {"RU-KLU", "RU-BEL", "RU-KRS", "RU-BRY"} <= set(codes)
    district = [p for p in places if p.kind == "district"]
    assert district and district[0].name.startswith("Borovsk")
    malo = [p for p in places if p.mention == "Малоярославцем"][0]
    assert malo.kind == "settlement" and malo.relation == "near" and malo.precision == 2


def test_ukrainian_regional_nouns_and_cities():
    text = (
        "Уночі над Сумщиною та Полтавщиною збили 12 дронів. На Харківщині пошкоджено будинки, "
        "у Києві та Одесі працювала ППО."
    )
    places = geoparse(text, "uk")
    check_offsets(text, places)
    codes = {p.admin1_code for p in places}
    assert {"UA-59", "UA-53", "UA-63", "UA-51"} <= codes
    kyiv = [p for p in places if p.mention == "Києві"]
    assert kyiv and kyiv[0].kind == "settlement" and kyiv[0].country == "UA"


def test_paris_disambiguated_by_context():
    tx = geoparse("A tornado hit Paris, Texas, on Monday, and damaged homes in Lamar County.", "en")
    fr = geoparse("Protesters marched in Paris as the French government met in the capital of France.", "en")
    p_tx = [p for p in tx if p.mention == "Paris"][0]
    p_fr = [p for p in fr if p.mention == "Paris"][0]
    assert p_tx.country == "US" and p_tx.admin1_code == "US-TX"
    assert p_fr.country == "FR"


def test_region_named_in_same_sentence_picks_the_town():
    text = "Shelling damaged a school in Pokrovsk, Donetsk Oblast, officials said."
    places = geoparse(text, "en")
    p = [x for x in places if x.mention == "Pokrovsk"][0]
    assert p.admin1_code == "UA-14"


def test_one_sense_per_text():
    text = "Drones attacked Kursk overnight. Later, the governor said Kursk's airport was closed. Kursk is quiet."
    places = [p for p in geoparse(text, "en") if p.mention.startswith("Kursk")]
    assert len({p.gazetteer_id for p in places}) == 1


def test_empty_and_placeless_texts():
    assert geoparse("", "en") == []
    assert geoparse("   ", "ru") == []
    assert geoparse("The committee will meet again on Tuesday to discuss the budget.", "en") == []


def test_resolve_mentions_found_by_others():
    text = "Debris fell in the Belgorod region near the village of Shebekino."
    gc = Geocoder.default()
    start = text.index("Shebekino")
    stub = Place(mention="Shebekino", span=(start, start + 9), relation="near")
    rstart = text.index("Belgorod region")
    region = Place(mention="Belgorod region", span=(rstart, rstart + 15))
    out = gc.resolve([region, stub], text, "en")
    assert out[0].kind == "region" and out[0].admin1_code == "RU-BEL"
    assert out[1].kind == "settlement" and out[1].admin1_code == "RU-BEL" and out[1].precision == 2


def test_sea_resolves_to_water():
    places = geoparse("Air defences destroyed six drones over the Black Sea.", "en")
    sea = [p for p in places if "Black Sea" in p.mention]
    assert sea and sea[0].kind == "water" and sea[0].relation == "over"


def test_bare_sea_name_beside_a_sea_word_is_the_sea_not_the_town():
    ru = geoparse("Ночью над Азовом и Черным морем уничтожены 12 беспилотников.", "ru")
    azov = [p for p in ru if p.mention.startswith("Азов")]
    assert azov and azov[0].kind == "water"
    town = geoparse("Обломки беспилотника упали на окраине Азова Ростовской области.", "ru")
    azov_town = [p for p in town if p.mention.startswith("Азов")]
    assert azov_town and azov_town[0].kind == "settlement" and azov_town[0].admin1_code == "RU-ROS"
    # the sea named in full nearby: the bare name is the town
    port = geoparse("Обломки упали под Азовом, на берегу Азовского моря.", "ru")
    assert [p.kind for p in port if p.mention == "Азовом"] == ["settlement"]


def test_hostile_input_does_not_crash():
    junk = "\x00\ufeff" + "Kyiv " * 2000 + "<script>alert(1)</script>" + "Ж" * 500
    places = geoparse(junk, "en")
    assert all(p.lat is not None for p in places)


def test_unknown_village_placed_in_named_district_or_region():
    ru = geoparse("Обломки упали в селе Пупырышкино Валуйского округа Белгородской области.", "ru")
    village = [p for p in ru if p.mention == "Пупырышкино"]
    assert village and village[0].admin1_code == "RU-BEL"
    assert village[0].admin2 and "Valu" in village[0].admin2 and village[0].precision == 2
    en = geoparse("Shelling hit the village of Zapupyrkino in Kursk Oblast, the governor said.", "en")
    v = [p for p in en if p.mention == "Zapupyrkino"]
    assert v and v[0].admin1_code == "RU-KRS" and v[0].precision == 3


def test_hromadas_and_city_districts():
    uk = geoparse("Ворог атакував Есманську та Білопільську громади Сумщини.", "uk")
    hrom = [p for p in uk if "hromada" in (p.name or "")]
    assert len(hrom) == 2 and all(p.admin1_code == "UA-59" and p.precision == 2 for p in hrom)
    en = geoparse("A drone hit a high-rise in the Obolonskyi district of Kyiv overnight.", "en")
    d = [p for p in en if p.kind == "district"]
    assert d and d[0].admin1_code == "UA-30" and "Obolon" in (d[0].admin2 or "")


def test_coordinated_russian_districts():
    places = geoparse("Атакованы Грайворонский и Шебекинский районы Белгородской области.", "ru")
    districts = [p for p in places if p.kind == "district"]
    assert {p.name.split()[0][:6] for p in districts} == {"Grayvo", "Shebek"}
    assert all(p.admin1_code == "RU-BEL" for p in districts)


def test_acronyms_and_surnames_are_not_places():
    text = "CNN reported that John Walsh met reporters in Denver on Monday. Walsh said the NBA was wrong."
    places = geoparse(text, "en")
    mentions = {p.mention for p in places}
    assert "Denver" in mentions
    assert not mentions & {"CNN", "Walsh", "NBA", "John Walsh"}


def test_region_implied_by_several_places():
    text = "Ворог обстріляв Куп'янськ, Лозову, Великий Бурлук і село Пупиринівка."
    places = geoparse(text, "uk")
    village = [p for p in places if p.mention == "Пупиринівка"]
    assert village and village[0].admin1_code == "UA-63" and village[0].precision == 3


def test_concurrent_callers_get_the_same_answers():
    from concurrent.futures import ThreadPoolExecutor

    texts = [
        ("Drones were downed over the Kursk and Belgorod regions and near Bryansk.", "en"),
        ("Обломки упали в Курске и Белгороде.", "ru"),
        ("Вибухи пролунали в Одесі та Миколаєві.", "uk"),
        ("Flooding closed roads in Dublin, Ohio, and in Columbus.", "en"),
    ] * 4
    expected = [[(p.span, p.gazetteer_id) for p in geoparse(t, lang)] for t, lang in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda tl: [(p.span, p.gazetteer_id) for p in geoparse(*tl)], texts))
    assert got == expected
    assert all(expected)


def test_sentence_initial_names_and_surnames_in_cyrillic():
    uk = geoparse("Харків. Вибухи пролунали вночі.", "uk")
    assert uk and uk[0].admin1_code == "UA-63"
    ru = geoparse(
        "Губернатор Гладков сообщил, что в Белгородской области сбиты дроны. Гладков добавил детали.", "ru"
    )
    assert all(p.mention != "Гладков" for p in ru)
    assert any(p.admin1_code == "RU-BEL" for p in ru)
