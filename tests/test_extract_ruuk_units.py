"""Russian/Ukrainian extraction building blocks: numbers, regions, time expressions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from skylog.extract.common.numbers import numbers_of
from skylog.extract.ruuk.places import find_regions
from skylog.extract.ruuk.timex import find_times
from skylog.nlp.text import fold


def values(text: str, lang: str) -> list[int]:
    return [n.value for n in numbers_of(text, lang) if n.is_count]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("сбиты двух беспилотников и пятнадцати ракет", "ru", [2, 15]),
        ("уничтожено сорок три дрона, ещё сто двадцать семь", "ru", [43, 127]),
        ("травмовано трьох людей, п'ятеро госпіталізовані", "uk", [3, 5]),
        ("збили сім із восьми шахедів", "uk", [7, 8]),
        ("знищено/подавлено 45 з 60 ударних БпЛА", "uk", [45, 60]),
        ("около 15.00 мск над Х-101 и Су-34", "ru", []),
        ("по одному над каждой областью", "ru", [1]),
    ],
)
def test_numbers_in_words_and_digits(text, lang, expected):
    assert values(text, lang) == expected


def regions(text: str) -> list[tuple[str, str | None]]:
    return [(text[r.start : r.end], r.code or r.name) for r in find_regions(fold(text))]


def test_region_adjectives_with_and_without_noun():
    got = regions("12 – над территорией Тульской области, 4 – Калужской, 2 – Смоленской")
    assert [c for _, c in got] == ["RU-TUL", "RU-KLU", "RU-SMO"]
    assert got[1][0] == "Калужской"


def test_coordinated_adjectives_before_plural_noun():
    got = regions("перехвачены над Липецкой, Тамбовской и Воронежской областями")
    assert [c for _, c in got] == ["RU-LIP", "RU-TAM", "RU-VOR"]


def test_ukrainian_regions_seas_and_crimea():
    got = regions(
        "Уламки впали на Полтавщині; ще два дрони збито над Чорним морем біля Криму, голова Вінницької ОВА"
    )
    codes = [c for _, c in got]
    assert "UA-53" in codes and "Black Sea" in codes and "UA-43" in codes and "UA-05" in codes


def test_masculine_adjective_alone_is_not_a_region():
    # "киевского режима" must not become Kyiv Oblast even next to a real region
    got = regions("попытка киевского режима атаковать объекты Орловской области")
    assert [c for _, c in got] == ["RU-ORL"]


PUB_RU = datetime(2025, 6, 8, 5, 30, tzinfo=UTC)  # 08:30 in Moscow, a Sunday


def first_time(text: str, lang: str = "ru", pub: datetime = PUB_RU):
    found = find_times(fold(text), text, pub, lang)
    return found[0].expr if found else None


def test_clock_window_in_moscow_time():
    t = first_time("В период с 20.00 до 23.00 мск дежурными средствами ПВО")
    assert t.start == "2025-06-07T20:00:00+03:00" and t.end == "2025-06-07T23:00:00+03:00"
    assert t.precision == "hour"


def test_window_across_midnight_is_dated_to_its_morning():
    t = first_time("с 23.30 мск 6.06 до 04.10 мск 7.06 перехвачены")
    assert (t.start, t.end, t.precision) == ("2025-06-07", "2025-06-07", "day")
    t = first_time("В период с 23.00 мск 14 мая до 07.00 мск 15 мая уничтожены")
    assert t.start == "2025-05-15"


def test_time_then_date_is_one_expression():
    t = first_time("Близько 4:30 ранку 2 червня росіяни вдарили", "uk")
    assert t.start == "2025-06-02T04:30:00+03:00" and t.precision == "hour"


def test_date_only_publication_keeps_clock_times_on_that_day():
    t = first_time("в период с 13.00 до 16.00 сбиты", pub=datetime(2025, 6, 8, tzinfo=UTC))
    assert t.start.startswith("2025-06-08T13:00")


def test_night_is_dated_to_the_morning_it_ends():
    assert first_time("В ночь на воскресенье над областью сбиты").start == "2025-06-08"
    t = first_time("У ніч на 3 червня ворог атакував", "uk")
    assert t.start == "2025-06-03" and t.precision == "day"


@pytest.mark.parametrize(
    ("text", "lang", "day"),
    [
        # the past day of a morning summary is the day before publication (a Sunday)
        ("Минулої доби ворог обстрілював громади області", "uk", "2025-06-07"),
        ("За прошедшие сутки над регионом сбиты два дрона", "ru", "2025-06-07"),
        # a part of the day before a weekday's genitive is that weekday's
        ("Увечері п'ятниці дрон влучив у склад", "uk", "2025-06-06"),
        ("Утром субботы беспилотник атаковал село", "ru", "2025-06-07"),
    ],
)
def test_past_day_and_weekday_with_a_part_of_the_day(text, lang, day):
    t = first_time(text, lang)
    assert (t.start, t.precision) == (day, "day")


@pytest.mark.parametrize(
    ("text", "lang", "day", "said"),
    [
        # a part of the day or a weekday told just before a date is that date, one expression
        ("Вечером 5 июня ВСУ атаковали нефтебазу", "ru", "2025-06-05", "Вечером 5 июня"),
        (
            "Вечером во вторник, 3 июня, стало известно об атаке",
            "ru",
            "2025-06-03",
            "Вечером во вторник, 3 июня",
        ),
        ("Нагадаємо, ввечері 4 червня в Одесі було влучання", "uk", "2025-06-04", "ввечері 4 червня"),
    ],
)
def test_a_part_of_the_day_before_its_date_is_that_date(text, lang, day, said):
    t = first_time(text, lang)
    assert (t.start, t.precision, t.text) == (day, "day", said)


@pytest.mark.parametrize(
    ("text", "lang", "day"),
    [
        # a night word just before a date: the small hours of that date, not the last night
        ("Вночі 4 червня ворожий дрон влучив у склад", "uk", "2025-06-04"),
        ("Ночью 2 июня беспилотник упал на поле", "ru", "2025-06-02"),
        # an ordinal's ending after the day's digits
        ("6-го июня беспилотник упал на поле", "ru", "2025-06-06"),
        # a day and month with no year, in the weeks before publication
        ("Атака 05.06 на Орел: дрон сбит", "ru", "2025-06-05"),
        ("31.05 ворожий дрон влучив у склад", "uk", "2025-05-31"),
        # «накануне»: the day before publication when no day was told before it
        ("Напередодні ворожий дрон влучив у склад", "uk", "2025-06-07"),
    ],
)
def test_more_ways_of_telling_a_day(text, lang, day):
    t = first_time(text, lang)
    assert (t.start, t.precision) == (day, "day")


def test_a_short_date_is_not_a_clock_time():
    # «в 9.05» and «около 21.04 мск» are clock times; «1.02», months before publication, is no date
    assert first_time("в 9.05 беспилотник упал на поле").precision == "hour"
    assert first_time("около 21.04 мск беспилотник упал").precision == "hour"
    assert first_time("индекс составил 1.02 пункта") is None


def test_the_eve_is_the_day_before_the_day_told_before_it():
    text = "3 июня дрон атаковал Курск. Накануне беспилотник упал в Рыльске."
    days = [t.expr.start for t in find_times(fold(text), text, PUB_RU, "ru")]
    assert days == ["2025-06-03", "2025-06-02"]


def test_a_weekday_before_a_bare_part_of_the_day_keeps_its_day():
    # «во вторник вечером» is Tuesday's evening; a bare «Вечером» in a post at 08:30 is the evening before
    text = "Во вторник вечером обстрел. Вечером сбиты два дрона."
    days = [t.expr.start for t in find_times(fold(text), text, PUB_RU, "ru")]
    assert days == ["2025-06-03", "2025-06-03", "2025-06-07"]


@pytest.mark.parametrize(
    ("text", "lang", "pub", "day"),
    [
        # an evening told before evening has come is the day before's; after it, the publication day's
        ("Вечером ВСУ атаковали Белгород дронами", "ru", PUB_RU, "2025-06-07"),
        ("Поздно вечером ВСУ атаковали Белгород дронами", "ru", PUB_RU, "2025-06-07"),
        ("Увечері ворог атакував Харків", "uk", PUB_RU, "2025-06-07"),
        (
            "Вечером ВСУ атаковали Белгород дронами",
            "ru",
            datetime(2025, 6, 8, 19, 0, tzinfo=UTC),
            "2025-06-08",
        ),
        # a morning is the publication day's, and a bare publication date keeps the day
        ("Утром ВСУ атаковали Белгород дронами", "ru", PUB_RU, "2025-06-08"),
        ("Вечером ВСУ атаковали Белгород дронами", "ru", datetime(2025, 6, 8, tzinfo=UTC), "2025-06-08"),
        # «в минувшие сутки»: the past day of a morning summary
        ("В минувшие сутки над регионом сбиты два дрона", "ru", PUB_RU, "2025-06-07"),
    ],
)
def test_an_evening_before_evening_is_the_day_before(text, lang, pub, day):
    assert first_time(text, lang, pub).start == day


def test_a_part_of_the_day_after_a_day_told_is_that_days_not_a_later_dates():
    text = "Одеса сьогодні зранку знову під ударом. Нагадаємо, ввечері 4 червня було влучання."
    got = [(t.expr.text, t.expr.start) for t in find_times(fold(text), text, PUB_RU, "uk")]
    assert ("зранку", "2025-06-08") in got


def test_launch_start_told_apart_is_its_nights():
    text = "В ночь на 7 июня враг атаковал область. Запускать дроны начали с 20:00 6 июня. Сбиты 30 дронов."
    days = [t.expr.start for t in find_times(fold(text), text, PUB_RU, "ru")]
    assert days == ["2025-06-07", "2025-06-07"]
    text = "В ночь на 7 июня, (с 20:00 6 июня) враг атаковал область."
    (t,) = find_times(fold(text), text, PUB_RU, "ru")
    assert t.expr.start == "2025-06-07"


def test_today_about_a_time_uses_published_day():
    t = first_time("Сегодня около 15.00 мск пресечена попытка", pub=datetime(2025, 6, 8, 14, 0, tzinfo=UTC))
    assert t.start == "2025-06-08T15:00:00+03:00"


def test_kyiv_time_for_ukrainian_posts():
    t = first_time("Близько 4:30 ранку росіяни вдарили", "uk", datetime(2025, 1, 10, 6, 0, tzinfo=UTC))
    assert t.start == "2025-01-10T04:30:00+02:00"


def test_no_publication_date_means_unknown():
    t = first_time("в ночь на вторник", pub=None)
    assert t.start is None and t.precision == "unknown"


# ---------------------------------------------------------------- language pack and document
def test_language_pack_serves_both_languages_and_refuses_others():
    from skylog.extract.packs import load_pack

    ru, uk = load_pack("ru"), load_pack("uk")
    assert ru is uk and ru.name == "ruuk"
    assert ru.pattern("HARM").search("двое пострадавших")
    assert not ru.pattern("HARM").search("непострадавших")  # a pattern starts at a word start
    assert {w.label for w in ru.weapons} >= {"drone", "missile", "glide_bomb"}
    en = load_pack("en")
    assert en.name == "en" and en.maps["DEMONYMS"] and "said" in en.words["CUE_VERBS"]
    with pytest.raises(KeyError):
        load_pack("de")


def test_document_reads_once_with_offsets_into_the_text():
    from skylog.nlp.document import build_document
    from skylog.nlp.morphology import morphologies

    text = "**Сбиты** 12 БПЛА.\nПострадавших нет."
    doc = build_document(text, "ru", morphologies()["ru"])
    assert len(doc.folded) == len(text) and doc.folded.startswith("  сбиты")
    assert [doc.text[s.start : s.end] for s in doc.sentences] == ["**Сбиты** 12 БПЛА.", "Пострадавших нет."]
    assert [s.paragraph for s in doc.sentences] == [0, 1]
    first = doc.sentences[0]
    assert [t.text for t in doc.tokens_in(first.start, first.end)] == ["сбиты", "12", "бпла", "."]
    assert doc.tokens_in(3, 5) == []  # no token lies wholly inside a part of a word
    assert doc.paragraph_of(text.index("нет")) == 1
    assert doc.lemma(doc.tokens[0]) == "сбить"


LATE_RU = datetime(2025, 6, 7, 20, 30, tzinfo=UTC)  # 23:30 in Moscow: a late post


@pytest.mark.parametrize(
    ("text", "lang", "pub", "day"),
    [
        # the night before the last one: the night into the day before publication
        ("Позапрошлой ночью над Курской областью сбиты два дрона", "ru", PUB_RU, "2025-06-07"),
        ("Позаминулої ночі над Сумщиною збили два дрони", "uk", PUB_RU, "2025-06-07"),
        # a night told as past is the night that ended that morning, even in a post late in the evening
        ("Минувшей ночью над Курской областью сбиты два дрона", "ru", LATE_RU, "2025-06-07"),
        ("Минулої ночі над Сумщиною збили два дрони", "uk", LATE_RU, "2025-06-07"),
        ("Позапрошлой ночью над Курской областью сбиты два дрона", "ru", LATE_RU, "2025-06-06"),
        # a dateline's abbreviated month
        ("МОСКВА, 6 июн — РИА Новости. Над Курской областью сбиты два дрона", "ru", PUB_RU, "2025-06-06"),
        ("КУРСК, 6 авг. Над Курской областью сбиты два дрона", "ru", LATE_RU, "2024-08-06"),
    ],
)
def test_nights_before_and_dateline_months(text, lang, pub, day):
    assert first_time(text, lang, pub).start == day


WED = datetime(2025, 10, 22, 6, 30, tzinfo=UTC)  # a Wednesday morning


@pytest.mark.parametrize(
    ("text", "lang", "day"),
    [
        # a weekday told as past: the last one before publication's day (a week back on its own weekday)
        ("В прошлую пятницу беспилотник атаковал Курск", "ru", "2025-10-17"),
        ("В минувшее воскресенье дроны атаковали Брянск", "ru", "2025-10-19"),
        ("В прошлую среду дроны атаковали Брянск", "ru", "2025-10-15"),
        ("Минулої неділі дрони атакували Суми", "uk", "2025-10-19"),
        ("У минулу п'ятницю дрони атакували Суми", "uk", "2025-10-17"),
        # a night named from one weekday to the next, with «со»
        ("В ночь со среды на четверг сбиты два дрона", "ru", "2025-10-16"),
        # a night adverb naming its night as «в ночь на» does
        ("Вночі проти неділі ворог атакував Суми дронами", "uk", "2025-10-19"),
        ("Ночью на субботу сбиты два дрона", "ru", "2025-10-18"),
    ],
)
def test_past_weekdays_and_named_nights(text, lang, day):
    assert first_time(text, lang, WED).start == day


@pytest.mark.parametrize(
    ("text", "lang", "days"),
    [
        # «днем ранее», «сутками ранее»: the day before the day told last, as «накануне»
        ("18 октября дрон атаковал Курск. Днём ранее беспилотник атаковал Белгород.", "ru",
         ["2025-10-18", "2025-10-17"]),
        ("Сутками ранее дрон атаковал Курск", "ru", ["2025-10-21"]),
        ("Днем раніше дрони атакували Суми", "uk", ["2025-10-21"]),
        # a morning summary's past day
        ("За последние сутки над регионом сбиты пять дронов", "ru", ["2025-10-21"]),
    ],
)  # fmt: skip
def test_a_day_before_the_day_told(text, lang, days):
    assert [t.expr.start for t in find_times(fold(text), text, WED, lang)] == days


@pytest.mark.parametrize(
    ("text", "lang", "days"),
    [
        # a clock or window naming no day is on the day told before it, not the publication's
        (
            "Вечером 3 июня обломки повредили дом. В период с 22.00 до 23.00 над областью перехвачены 24 БПЛА.",
            "ru",
            ["2025-06-03", "2025-06-03"],
        ),
        (
            "Ввечері 3 червня дрон атакував Суми, а о 23:40 ще один дрон вдарив по місту.",
            "uk",
            ["2025-06-03"] * 2,
        ),
        (
            "В ночь на 5 июня беспилотник атаковал Белгород, около 03:30 был слышен взрыв.",
            "ru",
            ["2025-06-05"] * 2,
        ),
        # told no day before it: the publication day (or the day before, a clock later than publication)
        ("Около 06:00 беспилотник атаковал Белгород.", "ru", ["2025-06-07"]),
    ],
)
def test_a_clock_is_on_the_day_told_before_it(text, lang, days):
    pub = datetime(2025, 6, 7, 8, 30, tzinfo=UTC)
    assert [t.expr.start[:10] for t in find_times(fold(text), text, pub, lang)] == days
