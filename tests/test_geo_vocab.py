"""geo's word lists are data (geo/data/*.toml, read through geo.vocab); the patterns built from them
match what the hand-written patterns matched (probe strings, expected answers as before the move)."""

from __future__ import annotations

import re

import pytest

from skylog.geo import frame, keys
from skylog.geo import recognize_cyr as rc
from skylog.geo import recognize_en as ren
from skylog.geo.vocab import alternation, items, table


def test_a_list_is_an_alternation_of_its_items_in_order():
    assert items("frame", "en.IN", "ruuk.IN") == ["in", "of", "within", "в", "у", "во"]
    assert alternation("frame", "en.IN", "ruuk.IN") == "in|of|within|в|у|во"
    assert table("frame") is table("frame")  # read once


@pytest.mark.parametrize("word", items("frame", "en.ADMIN", "ruuk.ADMIN"))
def test_every_admin_word_of_the_data_is_an_admin_word(word):
    probe = re.sub(r"\\w\*|\[(.)[^]]*\]|\?", lambda m: m.group(1) or "", word)  # one form of the item
    assert frame._ADMIN_WORD.search(f"Foo {probe}")


@pytest.mark.parametrize(
    ("gap", "kind"),
    [
        (" in the ", "in"),
        (" village in the northern ", "in"),
        (" town of ", "in"),
        (" in south-eastern ", "in"),
        (" во ", "in"),
        ("'s ", "in"),
        (" near the ", "near"),
        (", not far from the city of ", "near"),
        (" неподалік від ", "near"),
        (" под ", "near"),
        (" and ", None),
        (" from the ", None),
        (" nearby ", None),
    ],
)
def test_links_between_two_names_read_as_before(gap, kind):
    text = f"Alpha{gap}Beta"
    got = frame.links([(0, 5), (5 + len(gap), len(text))], text)
    assert [lk.kind for lk in got] == ([kind] if kind else [])


@pytest.mark.parametrize(
    ("mention", "part"),
    [
        ("Kirovsky district", True),
        ("North Side", True),
        ("Tekstilshchik neighborhood", True),
        ("Кировский микрорайон", True),
        ("Боровский район", True),
        ("Kherson", False),
        ("Sumy region", False),
    ],
)
def test_a_district_or_a_part_of_a_town(mention, part):
    assert frame.is_part(mention) is part


@pytest.mark.parametrize(
    ("text", "span", "own"),
    [
        ("Pale Township", (0, 13), True),
        ("Pale township, Sagaing", (0, 4), True),
        ("Pale town", (0, 9), False),
        ("Kani Oblast", (0, 11), True),
        ("Kani State", (0, 10), False),
    ],
)
def test_a_unit_named_after_its_stem(text, span, own):
    assert frame.names_own_unit(text, span, text[span[0] : span[1]]) is own


# the settlement-word pattern as it was written before its words moved to recognize_cyr.toml (it then
# named one alternative twice): the one built from the data matches the same on every probe
_OLD_SETTLEMENT_CYR = (
    r"(?:^|\s)(?:сел[оеау]|посел[ке][еа]?|посёлк[еа]|поселок|деревн[еяю]|хутор[еа]?|город[еа]?|пгт\.?|смт\.?"
    r"|міст[оі]|селі|селищ[еіа]|с\.|г\.|м\.|п\.|д\.|населен\w+ пункт\w*|населен\w+ пункт\w*)\s+"
    r"([А-ЯЁІЇЄҐ][\w’'-]*(?: [А-ЯЁІЇЄҐ][\w’'-]*)?)"
)
_CYR_PROBES = [
    "в селе Грузское Белгородского района",
    "в населенном пункте Тёткино и в населённом пункте Глушково",
    "смт Велика Писарівка, с. Р. Лозова, г. Шебекино",
    "у місті Суми і селищі Краснопілля",
    "посёлке Октябрьский, хуторе Ржевка, пгт. Красная Яруга",
    "сбит над городом; деревне Новая",
]


@pytest.mark.parametrize("text", _CYR_PROBES)
def test_the_settlement_words_from_the_data_match_as_before(text):
    old = re.compile(_OLD_SETTLEMENT_CYR)
    assert [m.span(1) for m in rc._SETTLEMENT_CYR.finditer(text)] == [m.span(1) for m in old.finditer(text)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("атаки на Белгородскую, Курскую и Брянскую область", []),
        ("над территорией Белгородской, Курской и Брянской областей", ["Белгородской, Курской и Брянской"]),
        ("в Сумському та Конотопському районах", ["Сумському та Конотопському"]),
        ("Есманьська, Вороніжська й Шалигинська громади", ["Есманьська, Вороніжська й Шалигинська"]),
    ],
)
def test_a_list_of_names_before_the_unit_noun(text, found):
    assert [m.group(1) for m in rc._LIST_CYR.finditer(text)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Курская АЭС", [("Курская", "АЭС", None, None)]),
        ("Каховское водохранилище", [("Каховское", "водохранилище", None, None)]),
        ("аэродром «Бельбек»", [(None, None, "аэродром", "Бельбек")]),
        ("Курская область", []),
    ],
)
def test_a_facility_named_after_a_place(text, found):
    assert [m.groups() for m in rc._FACILITY_CYR.finditer(text)] == found


def test_community_headings_initials_and_lead_prepositions():
    assert [m.group(1) for m in rc._HROMADA_HEAD.finditer("Есманьська:\nНовослобідська: тихо\nСуми: ні")] == [
        "Есманьська",
        "Новослобідська",
    ]
    assert [m.group(1) for m in rc._INITIAL_NAME_CYR.finditer("с. Р. Лозова и село В. Бурлук")] == [
        "Р. Лозова",
        "В. Бурлук",
    ]
    assert rc._LEAD_PREP.match("Над Азовским морем").end() == 4
    assert rc._LEAD_PREP.match("Поблизу Харкова").end() == 8
    assert rc._LEAD_PREP.match("Азовским морем") is None


@pytest.mark.parametrize(
    ("key", "hint"),
    [
        ("kiev region", (1, "kiev")),
        ("the shebekino districts", (2, "shebekino")),
        ("republic of dagestan", (1, "dagestan")),
        ("калужская область", (1, "калужская")),
        ("кіндрашівська сільська громада", (6, "кіндрашівська")),
        ("kindrashivka territorial community", (6, "kindrashivka")),
        ("старооскольский городской округ", (2, "старооскольский")),
        ("боровский район", (2, "боровский")),
        ("orange county", (None, None)),
        ("kharkiv", (None, None)),
    ],
)
def test_the_level_a_generic_word_implies(key, hint):
    assert keys.level_hint(key) == hint


@pytest.mark.parametrize(
    ("query", "expanded"),
    [
        ("Кіндрашівська ТГ", "Кіндрашівська громада"),
        ("Кіндрашівська ОТГ громада", "Кіндрашівська громада громада"),
        ("Харківська ОВА", "Харківська область"),
        ("Сумська ОДА ", "Сумська область"),
        ("ТГ Суми", "ТГ Суми"),
    ],
)
def test_abbreviations_read_as_their_unit_word(query, expanded):
    assert keys.expand_abbreviations(query) == expanded


@pytest.mark.parametrize(
    ("key", "bare"),
    [
        ("city of kharkiv", "kharkiv"),
        ("село грузское", "грузское"),
        ("поселок октябрьскии", "октябрьскии"),
        ("tuapse city", "tuapse"),
        ("kharkiv", None),
    ],
)
def test_the_name_without_its_settlement_word(key, bare):
    m = keys.SETTLEMENT_WORDS.match(key)
    assert (m and (m.group("a") or m.group("b") or m.group("b2"))) == bare


def test_the_settlement_word_of_the_surface_text_and_the_short_okrug():
    assert keys._SETTLEMENT_WORDS_SURFACE.sub("", "посёлок Октябрьский") == "Октябрьский"
    assert keys._SETTLEMENT_WORDS_SURFACE.sub("", "Tuapse City") == "Tuapse"
    assert keys._SHORT_OKRUG.match("старооскольскии округ").group(1) == "старооскольскии"
    assert keys._SHORT_OKRUG.match("старооскольскии раион") is None
    assert keys._OKRUG_KINDS == ("городскои", "муниципальныи")


# the English recogniser's patterns as they were written before their words moved to recognize_en.toml:
# the ones built from the data are the same patterns
_OLD_EN = {
    "_ADMIN_TAIL_EN": "^\\s+(?:(?:municipal|urban|administrative)\\s+)?(?:oblast|region|province|krai|kray|district|raion|rayon|county|parish|governorate|territory|hromada|community|township)\\b",
    "_LIST_EN": "((?:[A-Z][\\w'’.-]*[\\w](?: [A-Z][\\w'’.-]*[\\w])?(?:,? and |, |,? or | & ))+[A-Z][\\w'’.-]*[\\w](?: [A-Z][\\w'’.-]*[\\w])?) (?:(?:municipal|urban|administrative) )?(regions|oblasts|provinces|krais|districts|raions|rayons|counties|villages|towns)\\b",
    "_FACILITY_EN": "\\b((?:[A-Z][\\w'’.-]*[\\w] ){1,2})(?:(?:hydroelectric |nuclear |thermal )?power (?:plant|station)|NPP|HPP|TPP|CHP|dam|reservoir|airport|(?i:airfield|air ?base|aerodrome)|oil refinery|refinery|oil depot|fuel depot|bridge|seaport)\\b",
    "_DIRECTION_EN": "^(?:(?:north|south|east|west|northeast|northwest|southeast|southwest|central|upstate|downstate)(?:ern)?|middle|greater|metro) ",
    "_SETTLEMENT_EN": "\\b(?:village|town|city|settlement|hamlet|township|urban-type settlement) of ([A-Z][\\w'’-]+(?: [A-Z][\\w'’-]+)?)",
    "_STREET_EN": "(?<![\\w.])((?:(?:State|County|U\\.S\\.) )?(?:Highway|Interstate|Route|Road) \\d+[A-Z]?|(?:(?!(?:County|State)\\s)(?:[A-Z][\\w-]*(?:['’](?!s\\b)\\w+)*[A-Za-z]|[A-Z]\\.)\\s){1,3}(?:Street|St\\.(?!\\s[A-Z])|Road|Rd\\.|Drive|Avenue|Ave\\.|Boulevard|Blvd\\.?|Lane|Parkway|Pkwy\\.|Highway|Trail|Pike|Turnpike)(?: (?:Northwest|Northeast|Southwest|Southeast|N\\.W\\.|N\\.E\\.|S\\.W\\.|S\\.E\\.))?)(?![\\w’'])",
    "_STREET_LEAD_EN": "^(?:(?:The|A|An|But|And|Or|At|In|On|Off|Onto|From|To|Of|By|For|Near|Along|Via|While|When|With|Then)\\s)+",
    "_STREET_NOT_NAME": "^(?:The|A|An)\\s",
    "_DEMONYM_SHAPE": "(?:an|ans|ese|ish|ic|ics|i|is|ch|ian|ians|ite|ites)$",
    "_UNIT_AFTER_EN": "\\s(Township|District|Raion|Rayon|Region|Oblast|Province)\\b",
}


@pytest.mark.parametrize("name", sorted(_OLD_EN))
def test_the_english_patterns_from_the_data_are_the_patterns_before(name):
    assert getattr(ren, name).pattern == _OLD_EN[name]


def test_the_english_word_sets_from_the_data_are_the_sets_before():
    assert ren._CONNECT_EN == set(
        [
            "ad",
            "adh",
            "al",
            "am",
            "an",
            "ar",
            "as",
            "ash",
            "at",
            "ath",
            "az",
            "da",
            "de",
            "del",
            "der",
            "do",
            "dos",
            "du",
            "ed",
            "el",
            "en",
            "er",
            "es",
            "ez",
            "la",
            "le",
            "of",
            "on",
            "upon",
        ]
    )
    assert ren._UNIT_NOUNS_EN == frozenset(
        [
            "community",
            "county",
            "district",
            "hromada",
            "krai",
            "oblast",
            "province",
            "raion",
            "rayon",
            "region",
        ]
    )


def test_a_list_of_units_reads_its_noun_and_level():
    got = ren._list_mentions("Kent and Essex counties, Kursk and Belgorod regions, Sumy and Okhtyrka raions")
    assert [(m.query, m.hint) for m in got] == [
        ("Kent county", 2),
        ("Essex county", 2),
        ("Kursk region", 1),
        ("Belgorod region", 1),
        ("Sumy raion", 2),
        ("Okhtyrka raion", 2),
    ]


def test_a_list_of_settlements_makes_each_member_a_settlement():
    got = ren._list_mentions("Nyaung Gon and Thayetpin villages")
    assert [(m.query, m.hint) for m in got] == [("Nyaung Gon village", 3), ("Thayetpin village", 3)]


def test_a_facilitys_determiner_is_no_name():
    got = [(m.query, m.kind) for m in ren._facility_mentions("The Belgorod airport and Kursk NPP")]
    assert got == [("Belgorod", "facility"), ("Kursk", "facility")]


def test_a_cyrillic_list_of_units_reads_its_noun_and_level():
    texts = (
        "в Сумському та Конотопському районах",
        "Есманьська й Шалигинська громади",
        "Курской и Брянской областей",
    )
    got = [(m.query, m.hint) for t in texts for m in rc._list_mentions(t)]
    assert got == [
        ("Сумському район", 2),
        ("Конотопському район", 2),
        ("Есманьська громада", 6),
        ("Шалигинська громада", 6),
        ("Курской область", 1),
        ("Брянской область", 1),
    ]


def test_the_seas_words_leave_out_the_common_ones():
    from skylog.geo.gazetteer import default_gazetteer

    words = {w for w, _ in default_gazetteer().water_words()}
    assert {"azov", "азовское", "caspian"} & words and not words & {
        "black",
        "gulf",
        "море",
        "залив",
        "затока",
    }
