"""Time evidence the linker relies on: wire datelines, nights with a year, undated hints, exact MoD windows."""

from __future__ import annotations

from datetime import UTC, datetime

from skylog.extract.common.timex import dateline
from skylog.extract.ruuk.timex import find_times
from skylog.link import Linker, MentionRecord
from skylog.link.features import is_locator, is_origin, place_features, time_hints, time_window


def test_datelines_are_dated_against_publication_or_kept_as_text():
    pub = datetime(2024, 8, 19, 6, 0, tzinfo=UTC)
    t = dateline("BELGOROD, August 18. /TASS/. Several drones were shot down.", pub)
    assert (t.start, t.precision, t.text) == ("2024-08-18", "day", "August 18")
    assert dateline("Headline\n\nKALUGA, Nov 22 – Drones were downed.", pub).start == "2023-11-22"
    assert (
        dateline("MOSCOW, Dec 5 (Wire) - text", datetime(2025, 12, 5, 23, 0, tzinfo=UTC)).start
        == "2025-12-05"
    )
    assert dateline("БЕЛГОРОД, 18 августа. /ТАСС/. Над регионом", pub).start == "2024-08-18"
    assert dateline("НОВО-ОГАРЕВО, 5 декабря 2025 года — текст", None).start == "2025-12-05"
    undated = dateline("BELGOROD, August 18. /TASS/. Drones.", None)
    assert undated is not None and undated.start is None and undated.text == "August 18"
    assert dateline("KYIV (Reuters) – Ukraine's air force said", pub) is None  # no date in it
    assert dateline("Hello, May 5. people came", pub) is None  # not an upper-case place


def test_ruuk_night_with_a_year_needs_no_publication_date():
    for text, day in (
        ("в ночь на 5 декабря 2025 года сбиты", "2025-12-05"),
        ("у ніч на 7 вересня 2024 року", "2024-09-07"),
    ):
        found = find_times(text.lower(), text, None, "ru")
        assert [(f.expr.start, f.expr.precision) for f in found] == [(day, "day")]
    assert find_times("в ночь на 5 декабря", "в ночь на 5 декабря", None, "ru")[0].expr.start is None


def test_time_hints_read_undated_weekdays_dates_and_clock_windows():
    assert time_hints("on Monday").weekday == 0
    assert time_hints("в ночь на воскресенье").weekday == 6 and time_hints("в ночь на воскресенье").night
    assert time_hints("August 18").monthday == (8, 18)
    assert time_hints("18 августа").monthday == (8, 18)
    assert time_hints("у ніч проти 7 вересня").monthday == (9, 7)
    assert time_hints("в период с 12:00 до 20:00 мск").clock == (720, 1200)
    assert not time_hints(None).any and not time_hints("overnight").any


def test_stated_windows_are_exact_and_date_only_publication_covers_its_day():
    a = time_window({"time": {"start": "2025-07-17T14:00:00+03:00", "end": "2025-07-17T17:00:00+03:00",
                              "precision": "hour"}}, None)  # fmt: skip
    b = time_window({"time": {"start": "2025-07-17T17:00:00+03:00", "end": "2025-07-17T20:00:00+03:00",
                              "precision": "hour"}}, None)  # fmt: skip
    assert a.explicit and b.explicit and not a.overlaps(b)  # back-to-back MoD windows are two windows
    day_only = time_window({}, datetime(2024, 8, 17, tzinfo=UTC))
    assert day_only.end > datetime(2024, 8, 17, 23, 0, tzinfo=UTC).timestamp()


def test_relative_locators_are_recognised():
    for text, name in (
        ("drones were shot down 200 km southwest of Moscow overnight", "Moscow"),
        ("над областью к юго-западу от Москвы", "Москвы"),
        ("на південний захід від Києва", "Києва"),
    ):
        s = text.index(name)
        assert is_locator(text, [s, s + len(name)])
    t = "drones were shot down over Moscow overnight"
    assert not is_locator(t, [t.index("Moscow"), t.index("Moscow") + 6])


def test_a_distance_locator_reads_every_packs_units_and_prepositions():
    """The linker's locator words are the packs' ([patterns.link]): a unit and a preposition of any language."""
    for text, name in (
        ("a drone fell 15 miles outside Kursk", "Kursk"),
        ("обломки упали в 12 км от Брянска", "Брянска"),
        ("уламки впали за 7 km від Сум", "Сум"),
    ):
        s = text.index(name)
        assert is_locator(text, [s, s + len(name)]), text
    t = "a drone fell on 15 houses in Kursk"
    assert not is_locator(t, [t.index("Kursk"), t.index("Kursk") + 5])


def test_the_lead_count_share_and_recall_cues_come_from_the_packs():
    from skylog.link.gates import _SHARE
    from skylog.link.report_features import _lead_counts, opens_on_recall

    assert _lead_counts("Russia attacked Ukraine overnight with 48 attack drones. In Odesa a house burned.")
    assert _lead_counts("Росія атакувала 35 ударними безпілотниками. Уламки впали у дворі.")
    assert not _lead_counts("Russia attacked Ukraine again. In Dnipro 3 drones hit a high-rise.")
    assert [m.groups() for m in _SHARE.finditer("downed 17 out of the 20 drones; збито 9 з 11")] == [
        ("17", "20"),
        ("9", "11"),
    ]
    assert opens_on_recall("As was previously reported, the strike hit a depot.")
    assert opens_on_recall("«Нагадаємо, що вночі ворог атакував місто.")
    assert not opens_on_recall("The strike, as reported, hit a depot.")


def test_launch_origins_never_place_an_incident():
    for text, name, origin in (
        (
            "Eight drones launched from rebel-held areas of Yemen were destroyed over the Red Sea.",
            "Yemen",
            True,
        ),
        (
            "Eight drones launched from rebel-held areas of Yemen were destroyed over the Red Sea.",
            "Red Sea",
            False,
        ),
        ("Дроны, запущенные с территории Сумской области, сбиты над Курском.", "Сумской области", True),
        ("Дроны, запущенные с территории Сумской области, сбиты над Курском.", "Курском", False),
        ("Ракети випущено з боку Брянщини по Чернігову.", "Брянщини", True),
    ):
        s = text.index(name)
        assert is_origin(text, [s, s + len(name)]) is origin, (text, name)
    text = "Eight drones launched from rebel-held areas of Yemen were destroyed over the Red Sea."
    places = [{"name": "Yemen", "kind": "country", "country": "YE", "span": [text.index("Yemen"), text.index("Yemen") + 5]},
              {"name": "Red Sea", "kind": "water", "span": [text.index("Red Sea"), text.index("Red Sea") + 7]}]  # fmt: skip
    pf = place_features(places, text)
    assert (
        not pf.countries and "name:red sea" in pf.spots and not pf.tally
    )  # not a country-wide tally of Yemen


def _mention(rid: str, text: str, published: datetime | None, time: dict | None = None) -> MentionRecord:
    place = {"mention": "Belgorod District", "span": [text.index("Belgorod"), text.index("Belgorod") + 8],
             "kind": "district", "name": "Belgorod District", "country": "RU", "admin1": "Belgorod Oblast",
             "admin1_code": "RU-BEL", "admin2": "Belgorod District", "precision": 2}  # fmt: skip
    ev = {"type": "interception", "places": [place], "time": time, "spans": [[0, 10]]}
    return MentionRecord(id=f"{rid}#0", report_id=rid, event=ev, source=rid, source_kind="media",
                         published_at=published, report_text=text)  # fmt: skip


def test_a_dateline_places_a_mention_with_no_time_of_its_own():
    late = datetime(2024, 8, 20, 9, 0, tzinfo=UTC)  # published two days later, no time in the sentence
    wire = _mention(
        "wire", "BELGOROD, August 18. /TASS/. A drone was downed over the Belgorod district.", late
    )
    gov = _mention("gov", "A drone was downed over the Belgorod district overnight, the governor said.",
                   datetime(2024, 8, 18, 5, 0, tzinfo=UTC),
                   {"text": "overnight", "start": "2024-08-18", "end": "2024-08-18", "precision": "day"})  # fmt: skip
    other = _mention("other", "A drone was downed over the Belgorod district overnight, the governor said.",
                     datetime(2024, 8, 20, 5, 0, tzinfo=UTC),
                     {"text": "overnight", "start": "2024-08-20", "end": "2024-08-20", "precision": "day"})  # fmt: skip
    lk = Linker()
    lk.link([gov, other, wire])
    assert lk.by_mention["wire#0"] == lk.by_mention["gov#0"] != lk.by_mention["other#0"]
    ev = lk.incidents[lk.by_mention["wire#0"]].evidence["wire#0"]
    assert "placed in time by its report's dateline" in ev["reasons"]


def test_a_launch_told_with_its_day_and_an_armed_groups_home_never_place_an_incident():
    from skylog.link.locators import is_group_home

    for text, name, origin in (
        ("Ракета, запущенная в воскресенье из Йемена, упала у аэропорта.", "Йемена", True),
        ("Після запуску балістичної ракети з Ємену аеропорт закрили.", "Ємену", True),
        ("A missile launched on Sunday from Yemen fell near the airport.", "Yemen", True),
        ("A missile launched on Sunday fell near the airport in Yemen.", "Yemen", False),
    ):
        s = text.index(name)
        assert is_origin(text, [s, s + len(name)]) is origin, (text, name)
    for text, name, cc, home in (
        ("A missile fired by Yemen’s Houthi rebels fell near the airport.", "Yemen", "YE", True),
        ("Yemen's Iran-backed Houthis launched a missile at the airport.", "Yemen", "YE", True),
        (
            "Ukraine's Air Force said 20 drones were downed.",
            "Ukraine",
            "UA",
            False,
        ),  # a state: the attacker rule
        ("Yemen's capital was struck overnight.", "Yemen", "YE", False),
    ):
        s = text.index(name)
        p = {"name": name, "kind": "country", "country": cc, "span": [s, s + len(name)]}
        assert is_group_home(text, p) is home, (text, name)
        town = {
            "name": "Haifa",
            "kind": "settlement",
            "country": "IL",
            "admin1_code": "IL-HA",
            "span": [0, 1],
        }
        kept = place_features([p, town], text).countries
        assert (cc in kept) is not home  # with another place named, the group's home is no place
        assert cc in place_features([p], text).countries  # alone, the country stays


def test_a_country_that_launched_the_attack_is_not_its_place_when_the_struck_one_is_named():
    def country(text: str, name: str, cc: str) -> dict:
        s = text.index(name)
        return {"name": name, "kind": "country", "country": cc, "span": [s, s + len(name)]}

    for text, a, b in (
        ("Iran launched about 180 missiles at Israel on Tuesday evening.", ("Iran", "IR"), ("Israel", "IL")),
        ("Иран вечером, 1 октября, подверг Израиль массированной атаке.", ("Иран", "IR"), ("Израиль", "IL")),
        ("Іран випустив по Ізраїлю близько 180 ракет.", ("Іран", "IR"), ("Ізраїлю", "IL")),
    ):
        pf = place_features([country(text, *a), country(text, *b)], text)
        assert pf.countries == {b[1]}, text
        assert place_features([country(text, *a)], text).countries == {
            a[1]
        }  # alone it stays: unknown otherwise
    text = "Israel was struck by missiles from Iran on Tuesday."
    assert place_features([country(text, "Israel", "IL"), country(text, "Iran", "IR")], text).countries == {
        "IL",
        "IR",
    }
