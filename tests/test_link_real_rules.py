"""Linking real wording: the extractor's output of differently worded reports, linked as the store would.

The texts are written here in the style of governors' posts, outlets, wire copy and MoD
bulletins (none is copied from an evaluation set). Each test is one rule of "How linking
decides" (README): one interception told three ways stays one incident with its count
conflict; a relative locator never places an incident; look-alikes of another night,
another date, another MoD window or another settlement stay apart.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from skylog.link import Linker, MentionRecord, resolve

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def extractor():
    from skylog.extract import Extractor

    return Extractor()


def _link(extractor, items: list[tuple[str, str, str, str, str | None, str]]) -> Linker:
    from skylog.records import Report

    recs = []
    for rid, text, source, kind, published, lang in items:
        rep = Report(id=rid, text=text, source=source, source_kind=kind, language=lang,
                     published_at=datetime.fromisoformat(published) if published else None)  # fmt: skip
        for i, ev in enumerate(extractor.extract(rep).events):
            recs.append(MentionRecord(id=f"{rid}#{i}", report_id=rid, event=ev.to_dict(), source=source,
                                      source_kind=kind, published_at=rep.published_at, report_text=text))  # fmt: skip
    assert {r.report_id for r in recs} == {it[0] for it in items}, "every report must give a mention"
    lk = Linker()
    lk.link(recs)
    return lk


def _groups(lk: Linker) -> list[set[str]]:
    """Which reports share an incident (report ids per incident)."""
    return sorted((set(i.reports) for i in lk.incidents.values()), key=lambda g: sorted(g))


def _together(lk: Linker, a: str, b: str) -> bool:
    return any({a, b} <= g for g in _groups(lk))


def test_one_interception_told_three_ways_is_one_incident_with_the_count_conflict(extractor):
    lk = _link(extractor, [
        ("gov", "Air defence forces destroyed three drones over the Kurchatov district of Kursk Oblast tonight. "
                "Nobody was hurt, there is no damage. Governor Alexander Khinshtein",
         "Alexander Khinshtein (Telegram)", "official", "2025-03-10T06:40:00+03:00", "en"),
        ("news", "Russian air defences brought down three Ukrainian drones above the Kurchatov district overnight, "
                 "the Kursk regional governor wrote on Telegram on Monday. He said no one was injured.",
         "Kursk Today", "media", "2025-03-10T08:15:00+03:00", "en"),
        ("wire", "MOSCOW, March 10 (Wire) - Four Ukrainian drones were shot down over the Kursk region overnight, "
                 "the regional governor said on Monday. There were no casualties.",
         "Wire", "media", "2025-03-10T09:30:00+03:00", "en"),
    ])  # fmt: skip
    inc = next(i for i in lk.incidents.values() if "gov" in i.reports)
    assert inc.reports == {"gov", "news", "wire"}
    r = resolve(inc.records)
    count = r["fields"]["count"]
    assert sorted({c["value"] for c in count["claims"]}) == [3, 4]
    assert count["conflict"] is True and "count" in r["conflicts"]
    for mid, ev in inc.evidence.items():  # every member says why it is there
        assert ev["created_by"] == "linker" and ev["reasons"], mid


def test_a_relative_locator_never_places_an_incident(extractor):
    lk = _link(extractor, [
        ("loc", "Two drones were shot down over Kaluga region, southwest of Moscow, overnight, "
                "governor Vladislav Shapsha said.", "Outlet", "media", "2025-06-01T07:00:00+03:00", "en"),
        ("depot", "Drones set fire to a fuel depot some 200 km south of Moscow overnight, the local "
                  "authorities said.", "Outlet", "media", "2025-06-01T08:00:00+03:00", "en"),
    ])  # fmt: skip
    for inc in lk.incidents.values():
        places = resolve(inc.records)["fields"]["places"]["places"]
        assert all(p.get("admin1_code") != "RU-MOW" for p in places), places
    assert len([i for i in lk.incidents.values() if "loc" in i.reports]) == 1


def test_nightly_air_force_tallies_of_different_nights_stay_apart(extractor):
    items = [
        ("af-mon", "Russia launched 23 drones at Ukraine overnight, Ukraine's air force said on Monday, adding "
                   "that air defence destroyed 18 of them over nine regions.", "2025-02-03T09:00:00+02:00"),
        ("af-sun", "Russia launched 28 drones at Ukraine overnight, Ukraine's air force said on Sunday; 21 of them "
                   "were destroyed.", "2025-02-02T09:00:00+02:00"),
        ("af-thu", "Ukraine's air force said on Thursday that it shot down all 29 drones Russia launched at Ukraine "
                   "overnight over eight regions.", "2025-01-30T09:00:00+02:00"),
        ("af-wed", "Russia attacked Ukraine with 13 drones overnight, Ukraine's air force said on Wednesday; 10 were "
                   "downed.", "2025-01-29T09:00:00+02:00"),
    ]  # fmt: skip
    dated = _link(extractor, [(r, t, "Wire", "media", p, "en") for r, t, p in items])
    assert all(len(g) == 1 for g in _groups(dated))
    # the same texts with no publication date: no time evidence, so nothing links (no wildcard)
    undated = _link(extractor, [(r, t, "Wire", "media", None, "en") for r, t, _p in items])
    assert all(len(g) == 1 for g in _groups(undated))


def test_a_dateline_of_another_date_and_another_weekday_block_the_link(extractor):
    lk = _link(extractor, [
        ("tass", "BELGOROD, August 18. /TASS/. Several Ukrainian drones were shot down over the Belgorod district, "
                 "regional governor Vyacheslav Gladkov said. Nobody was hurt.", "TASS", "media", None, "en"),
        ("sep", "A Ukrainian drone was shot down over the Belgorod district on September 26, governor Vyacheslav "
                "Gladkov said. Nobody was hurt.", "Outlet", "media", "2023-09-26T10:00:00+03:00", "en"),
        ("mon", "Two Ukrainian drones were shot down over the Belgorod district, the region's governor said on "
                "Monday. Nobody was hurt.", "Outlet", "media", None, "en"),
        ("tass2", "BELGOROD, August 18. /TASS/. A drone was downed near Belgorod overnight, the governor said.",
         "TASS", "media", "2024-08-18T09:10:00+03:00", "en"),
        ("aug20", "Air defences downed a drone over the Belgorod district on August 20, the governor said.",
         "Outlet", "media", "2024-08-20T08:00:00+03:00", "en"),
        ("aug18", "A drone was shot down over the Belgorod district overnight, governor Vyacheslav Gladkov said on "
                  "his Telegram channel.", "Gladkov (Telegram)", "official", "2024-08-18T07:40:00+03:00", "en"),
    ])  # fmt: skip
    assert _together(lk, "tass2", "aug18")  # the dated dateline and the governor's post of that night
    assert [g for g in _groups(lk) if len(g) > 1] == [{"tass2", "aug18"}]
    why = " ".join(r for i in lk.incidents.values() for e in i.evidence.values() for r in e["reasons"])
    assert "different" in why or "no time evidence" in why


def test_mod_windows_of_other_days_and_adjacent_windows_stay_apart(extractor):
    lk = _link(extractor, [(r, t, "Минобороны России", "official", p, "ru") for r, t, p in [
        ("mod-14a", "Дежурными средствами ПВО в период с 12.00 до 20.00 мск уничтожены пять украинских "
                    "беспилотных летательных аппаратов над территорией Брянской области.", "2024-10-14T17:30:00+00:00"),
        ("mod-19", "В период с 00.00 до 06.00 мск дежурными средствами ПВО перехвачены и уничтожены 13 украинских "
                   "беспилотных летательных аппаратов над территорией Брянской области.", "2024-10-19T04:20:00+00:00"),
        ("mod-14b", "В период с 20.00 до 23.00 мск дежурными средствами ПВО уничтожены два украинских беспилотных "
                    "летательных аппарата над территорией Брянской области.", "2024-10-14T20:40:00+00:00"),
        ("relay-14a", "Над Брянской областью в период с 12.00 до 20.00 мск сбиты пять украинских беспилотников, "
                      "сообщили в Минобороны.", "2024-10-14T18:10:00+00:00"),
    ]])  # fmt: skip
    assert _together(lk, "mod-14a", "relay-14a")  # the same window, relayed: one incident
    assert not _together(lk, "mod-14a", "mod-14b")
    assert not _together(lk, "mod-14a", "mod-19") and not _together(lk, "mod-14b", "mod-19")


def test_a_village_strike_and_a_city_night_attack_stay_apart(extractor):
    lk = _link(extractor, [
        ("village", "Russian forces struck the village of Bilenke in Zaporizhzhia district with a drone on Tuesday "
                    "afternoon, injuring two people, regional governor Ivan Fedorov said.",
         "Outlet", "media", "2025-04-08T16:00:00+03:00", "en"),
        ("city", "Russian drones attacked Zaporizhzhia overnight, hitting a residential building in the city. Three "
                 "people were injured, governor Ivan Fedorov said.", "Outlet", "media", "2025-04-08T07:30:00+03:00", "en"),
    ])  # fmt: skip
    assert not _together(lk, "village", "city")
    for inc in lk.incidents.values():
        assert "injured" not in resolve(inc.records)["conflicts"]  # no false "2 vs 3"


def test_a_follow_up_days_later_joins_the_strike_it_names_not_its_statement_day(extractor):
    """Time anchoring (#13): "the strike of 3 March" dates a follow-up published two days later;
    the statement's own day ("as of 5 March") does not, and a look-alike of the follow-up's
    publication day in the same town stays apart."""
    lk = _link(extractor, [
        ("strike", "A Russian missile hit a hospital in Zolochiv overnight, killing two people and injuring 11, "
                   "the regional governor said.",
         "Kharkiv governor (Telegram)", "official", "2025-03-03T07:10:00+02:00", "en"),
        ("toll", "As of 5 March, the death toll of the missile strike on a hospital in Zolochiv on 3 March "
                 "has risen to four, the governor said.",
         "Kharkiv Daily", "media", "2025-03-05T12:00:00+02:00", "en"),
        ("later", "A Russian drone hit a shop in Zolochiv overnight, injuring one woman, the governor said.",
         "Kharkiv governor (Telegram)", "official", "2025-03-05T07:30:00+02:00", "en"),
    ])  # fmt: skip
    assert _together(lk, "strike", "toll")
    assert not _together(lk, "toll", "later") and not _together(lk, "strike", "later")
    inc = next(i for i in lk.incidents.values() if "toll" in i.reports)
    ev = next(e for m, e in inc.evidence.items() if m.startswith("toll"))
    assert any("reference to the attack" in r for r in ev["reasons"]), ev["reasons"]
    claims = resolve(inc.records)["fields"]["time"]["claims"]
    assert any(c["value"].get("basis") == "reference" and c["value"]["start"] == "2025-03-03" for c in claims)


def test_a_follow_up_naming_no_day_joins_only_the_same_town(extractor):
    """A follow-up with no day of its own ("the toll rose") is bounded by its publication (the week
    before it), never dated to its publication day, and joins only an incident of the same place."""
    lk = _link(extractor, [
        ("strike", "A Russian missile hit an apartment block in Zolochiv, killing two people, the governor said.",
         "Kharkiv governor (Telegram)", "official", "2025-03-03T19:10:00+02:00", "en"),
        ("other", "A Russian missile hit a warehouse in Izium, injuring a guard, the governor said.",
         "Kharkiv governor (Telegram)", "official", "2025-03-03T20:10:00+02:00", "en"),
        ("toll", "The death toll of the missile strike on the apartment block in Zolochiv has risen to five, "
                 "rescuers said.",
         "Kharkiv Daily", "media", "2025-03-06T10:00:00+02:00", "en"),
    ])  # fmt: skip
    mention = next(m for i in lk.incidents.values() for m in i.members if m.rec.report_id == "toll")
    assert mention.rec.event["time"]["basis"] == "on_or_before_published"
    assert mention.rec.event["time"]["start"] is None
    assert _together(lk, "strike", "toll") and not _together(lk, "other", "toll")


def test_a_report_dated_only_by_its_statement_joins_the_previous_evenings_strike(extractor):
    """A report whose only day is its statement's ("..., local television reported on September 25")
    keeps that date (``time.basis`` "statement") but is placed as a report published that day: it
    joins the previous evening's strike in the same town, not the same town's strike two days before."""
    lk = _link(extractor, [
        ("strike", "On Wednesday evening a Ukrainian drone struck an apartment block in Kursk, injuring 19 people, "
                   "the governor said.",
         "Kursk governor (Telegram)", "official", "2025-09-24T21:40:00+03:00", "en"),
        ("before", "On Monday evening a Ukrainian drone struck a garage in Kursk, injuring one man, the governor said.",
         "Kursk governor (Telegram)", "official", "2025-09-22T21:10:00+03:00", "en"),
        ("said", "A Ukrainian drone struck an apartment block in Kursk, injuring 19 people, local television "
                 "reported on September 25.",
         "Wire", "media", "2025-09-25T10:00:00+03:00", "en"),
    ])  # fmt: skip
    mention = next(m for i in lk.incidents.values() for m in i.members if m.rec.report_id == "said")
    assert mention.rec.event["time"]["basis"] == "statement"
    assert mention.rec.event["time"]["start"] == "2025-09-25"  # the date as read
    assert _together(lk, "strike", "said") and not _together(lk, "before", "said")


def test_a_tally_and_one_regions_report_of_the_same_share_are_one_interception(extractor):
    """A national count that fell whole on one region ("17 of 20", all over Odesa) and the region's
    report of the same share are one interception; the region's report of another share that
    night stays *related* to the tally, not part of it."""
    lk = _link(extractor, [
        ("tally", "Ukraine's Air Force said on Thursday that air defence shot down 17 out of 20 attack drones "
                  "launched by Russia at Ukraine. The drones were intercepted over Odesa.",
         "Wire", "media", "2025-05-08T09:00:00+03:00", "en"),
        ("region", "Ukraine's defence forces shot down 17 out of the 20 attack drones Russia launched at Odesa "
                   "region overnight Thursday, the Air Force said.",
         "Odesa News", "media", "2025-05-08T10:00:00+03:00", "en"),
        ("other", "Air defence shot down 5 out of 6 drones over Odesa region overnight Thursday, the regional "
                  "governor said.",
         "Odesa governor (Telegram)", "official", "2025-05-08T07:30:00+03:00", "en"),
    ])  # fmt: skip
    assert _together(lk, "tally", "region")
    assert not _together(lk, "tally", "other")


def test_an_undated_report_never_joins_an_event_dated_after_its_publication_day() -> None:
    from datetime import UTC

    from skylog.link.features import DAY, Window
    from skylog.link.relations import _pair_time

    pub = datetime(2025, 9, 27, tzinfo=UTC).timestamp()  # a date-only publication (midnight)
    undated = Window(pub - DAY, pub + DAY, False, "published", pub + DAY / 2, origin="published")
    next_day = datetime(2025, 9, 28, tzinfo=UTC).timestamp()
    dated_after = Window(next_day - 3600, next_day + DAY + 3600, True, "day")
    assert _pair_time(undated, dated_after)[0] is None
    same_day = Window(pub - 3600, pub + DAY + 3600, True, "day")
    assert _pair_time(undated, same_day)[0] is not None  # an event of the day it was published still joins


def test_a_clock_told_alone_keeps_an_evening_strike_apart_from_the_nights(extractor):
    """Clock-only times (#13, ``extract.common.clocks``): "At around 19:40 a drone hit ..." is that
    evening's, so it stays apart from the same city's night attack of that date; the link's evidence
    says its day came from its report."""
    lk = _link(extractor, [
        ("night", "Russian drones attacked Kharkiv overnight, hitting a residential building and injuring three "
                  "people, the mayor said.", "Kharkiv mayor (Telegram)", "official", "2025-10-22T07:30:00+03:00", "en"),
        ("evening", "At around 19:40 a Russian drone hit a residential building in Kharkiv, injuring two people, "
                    "the mayor said.", "Kharkiv Daily", "media", "2025-10-22T21:10:00+03:00", "en"),
        ("relay", "At 19:40 a Russian drone struck a residential building in Kharkiv; two people were injured, "
                  "the mayor said.", "Outlet", "media", "2025-10-22T22:30:00+03:00", "en"),
    ])  # fmt: skip
    assert not _together(lk, "night", "evening") and not _together(lk, "night", "relay")
    assert _together(lk, "evening", "relay")
    inc = next(i for i in lk.incidents.values() if "relay" in i.reports)
    why = " ".join(r for e in inc.evidence.values() for r in e["reasons"])
    assert "placed on its report's day" in why, why
