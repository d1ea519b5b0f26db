"""National tallies on real shapes: placed anywhere, told region by region, and recalled the next day.

Records are built by hand in the extractor's output shape (texts written for these tests).
"""

from __future__ import annotations

from test_link_fixtures import claim, event, record, span

from skylog.link import Linker

NIGHT = "2024-05-17"


def _region(text: str, mention: str, name: str, code: str, country: str = "UA") -> dict:
    return {"mention": mention, "span": span(text, mention), "kind": "region", "name": name,
            "country": country, "admin1": name, "admin1_code": code, "precision": 3}  # fmt: skip


def _country(text: str, mention: str = "Ukraine") -> dict:
    return {"mention": mention, "span": span(text, mention), "kind": "country", "name": "Ukraine",
            "country": "UA", "precision": 3}  # fmt: skip


def _time(text: str, said: str, day: str) -> dict:
    return {"text": said, "start": day, "end": None, "precision": "day", "span": span(text, said)}


def _tally(
    rid: str, text: str, places: list[dict], published: str, said: str = "overnight", day: str = NIGHT
):
    ev = event(text, "interception", text.split(",")[0][:30], places=places, time=_time(text, said, day))
    return record(rid, 0, text, ev, source=rid, kind="media", published=published)


def test_one_nights_tallies_meet_wherever_each_outlet_places_the_count():
    t1 = "Ukraine's Air Force said 20 of 24 drones launched at Ukraine were shot down overnight."
    t2 = "The Air Force said 20 of 24 Shahed drones launched from Kursk Oblast were destroyed overnight."
    t3 = "Air defence destroyed 20 of 24 drones overnight, the Air Force said on Telegram."
    recs = [
        _tally("in-ukraine", t1, [_country(t1)], "2024-05-17T08:00:00+03:00"),
        _tally(
            "launch-site",
            t2,
            [_region(t2, "Kursk Oblast", "Kursk Oblast", "RU-KRS", "RU")],
            "2024-05-17T08:30:00+03:00",
        ),  # fmt: skip
        _tally("nowhere", t3, [], "2024-05-17T09:00:00+03:00"),
    ]
    lk = Linker()
    lk.link(recs)
    assert len(lk.incidents) == 1, {i: sorted(x.reports) for i, x in lk.incidents.items()}
    other_night = _tally("next-night", t1, [_country(t1)], "2024-05-19T08:00:00+03:00", day="2024-05-19")
    lk.link([other_night])  # the same words two nights later: another tally
    assert lk.by_mention["next-night#0"] != lk.by_mention["in-ukraine#0"]


def test_a_count_told_region_by_region_is_one_tally_in_one_incident():
    t = ("All 20 Shahed drones were shot down overnight over Kharkiv Oblast, Poltava Oblast and Odesa Oblast, "
         "Ukraine's Air Force said.")  # fmt: skip
    regions = [("Kharkiv Oblast", "UA-63"), ("Poltava Oblast", "UA-53"), ("Odesa Oblast", "UA-51")]
    parts = []
    for i, (name, code) in enumerate(regions):
        ev = event(t, "interception", "All 20 Shahed drones were shot down", places=[_region(t, name, name, code)],
                   time=_time(t, "overnight", NIGHT))  # fmt: skip
        parts.append(
            record(
                "by-region", i, t, ev, source="Outlet", kind="media", published="2024-05-17T08:00:00+03:00"
            )
        )
    t2 = "Ukraine's Air Force said all 20 drones launched at Ukraine were shot down overnight."
    wire = _tally("wire", t2, [_country(t2)], "2024-05-17T10:00:00+03:00")
    lk = Linker()
    lk.link([*parts, wire])
    incidents = {lk.by_mention[r.id] for r in [*parts, wire]}
    assert len(incidents) == 1
    ev = lk.incidents[incidents.pop()].evidence["by-region#1"]
    assert any("its report's tally" in r for r in ev["reasons"])


def test_a_recalled_earlier_night_is_background_not_a_second_source():
    t13 = "Overnight into September 13, Russia launched 44 drones at Ukraine; 32 were shot down, the Air Force said."
    first = _tally("sep13", t13, [_country(t13)], "2023-09-13T09:00:00+03:00",
                   said="Overnight into September 13", day="2023-09-13")  # fmt: skip
    t14 = ("Overnight into September 14, air defence destroyed 17 of 22 drones launched at Ukraine, the Air Force "
           "said. As the agency earlier reported, overnight into Wednesday, September 13, Russia launched 44 drones "
           "at Ukraine.")  # fmt: skip
    main = event(t14, "interception", "destroyed 17 of 22 drones", places=[_country(t14)],
                 time=_time(t14, "Overnight into September 14", "2023-09-14"))  # fmt: skip
    recalled = event(t14, "drone_strike", "Russia launched 44 drones", places=[_country(t14, "Ukraine.")],
                     time=_time(t14, "overnight into Wednesday, September 13", "2023-09-13"))  # fmt: skip
    src = dict(source="Agency", kind="media", published="2023-09-14T09:00:00+03:00")
    lk = Linker()
    lk.link([first, record("sep14", 0, t14, main, **src), record("sep14", 1, t14, recalled, **src)])
    assert lk.incidents[lk.by_mention["sep13#0"]].reports == {"sep13"}  # the recall is no second source
    why = lk.incidents[lk.by_mention["sep14#1"]].evidence["sep14#1"]["reasons"]
    assert any("recalls as background" in r for r in why), why
    # the same sentence as a report's only news (nothing else dated in it) is a source for that night
    t = "As the agency earlier reported, overnight into Wednesday, September 13, Russia launched 44 drones at Ukraine."
    only = event(t, "drone_strike", "Russia launched 44 drones", places=[_country(t, "Ukraine.")],
                 time=_time(t, "overnight into Wednesday, September 13", "2023-09-13"))  # fmt: skip
    lk.link(
        [record("later", 0, t, only, source="Other", kind="media", published="2023-09-13T12:00:00+03:00")]
    )
    assert lk.by_mention["later#0"] == lk.by_mention["sep13#0"]


def _dnipro(text: str) -> dict:
    return {"mention": "Dnipro", "span": span(text, "Dnipro"), "kind": "settlement", "name": "Dnipro",
            "country": "UA", "admin1": "Dnipropetrovsk Oblast", "admin1_code": "UA-12", "lat": 48.45,
            "lon": 35.05, "precision": 1, "gazetteer_id": "709930"}  # fmt: skip


def _strike(rid: str, text: str, published: str):
    ev = event(text, "missile_strike", "a missile hit a high-rise", places=[_dnipro(text)],
               weapon="missile", time=_time(text, "overnight", "2024-04-19"))  # fmt: skip
    return record(rid, 0, text, ev, source=rid, kind="media", published=published)


def test_a_national_frame_without_a_count_is_a_local_report():
    framed = ("Russia again attacked Ukraine overnight with rockets and shells. In Dnipro, a missile hit a high-rise "
              "building, the regional governor said.")  # fmt: skip
    governor = "In Dnipro, a missile hit a high-rise overnight; nine people were injured, the governor said."
    tally = ("Russia attacked Ukraine overnight with 40 drones and 5 missiles, the Air Force said; 30 drones were "
             "downed. In Dnipro, a missile hit a high-rise building.")  # fmt: skip
    downed = event(tally, "interception", "30 drones were downed", places=[_country(tally)],
                   time=_time(tally, "overnight", "2024-04-19"))  # fmt: skip
    tally_parts = [record("tally", 0, tally, downed, source="tally", kind="media", published="2024-04-19T09:00:00+03:00"),
                   _strike("tally", tally, "2024-04-19T09:00:00+03:00")]  # fmt: skip
    tally_parts[1].id = "tally#1"
    frame = event(framed, "missile_strike", "attacked Ukraine", places=[_country(framed)],
                  time=_time(framed, "overnight", "2024-04-19"))  # fmt: skip
    framed_parts = [record("framed", 0, framed, frame, source="framed", kind="media", published="2024-04-19T08:00:00+03:00"),
                    _strike("framed", framed, "2024-04-19T08:00:00+03:00")]  # fmt: skip
    framed_parts[1].id = "framed#1"
    lk = Linker()
    lk.link([_strike("governor", governor, "2024-04-19T07:00:00+03:00"), *framed_parts, *tally_parts])
    assert lk.by_mention["framed#1"] == lk.by_mention["governor#0"]  # one strike, two sources
    assert lk.by_mention["tally#1"] != lk.by_mention["governor#0"]  # the count's report: related, not one


def test_a_day_of_the_month_without_a_year_places_a_report_with_no_publication_date():
    dated = "Вночі окупанти атакували Україну 20 ударними БпЛА, усі збито, повідомили Повітряні сили."
    other = "Вночі окупанти атакували Україну 15 ударними БпЛА, 11 збито, повідомили Повітряні сили."
    t = "В ніч на 17 травня російські окупанти атакували Україну 20 ударними БпЛА, усі збито."
    undated = event(t, "interception", "атакували Україну", places=[_country(t, "Україну")], count=claim(t, 20, "20"),
                    time={"text": "В ніч на 17 травня", "start": None, "end": None, "precision": "unknown",
                          "span": span(t, "В ніч на 17 травня")})  # fmt: skip
    for first_undated in (True, False):
        recs = [_tally("may17", dated, [_country(dated, "Україну")], "2024-05-17T08:00:00+03:00", said="Вночі"),
                _tally("may18", other, [_country(other, "Україну")], "2024-05-18T08:00:00+03:00", said="Вночі",
                       day="2024-05-18"),
                record("no-date", 0, t, undated, source="Channel", kind="media", published=None)]  # fmt: skip
        recs[0].event["count"], recs[1].event["count"] = claim(dated, 20, "20"), claim(other, 11, "11")
        lk = Linker()
        for batch in ([recs[2]], recs[:2]) if first_undated else (recs[:2], [recs[2]]):
            lk.link(batch)
        assert lk.by_mention["no-date#0"] == lk.by_mention["may17#0"] != lk.by_mention["may18#0"]
        ev = lk.incidents[lk.by_mention["no-date#0"]].evidence
        assert any("year is not known" in str(e) for e in ev.values())
    recs[2].event["count"] = claim(t, 24, "20")  # another count: the day of the month alone is no evidence
    lk = Linker()
    lk.link(recs)
    assert lk.by_mention["no-date#0"] not in (lk.by_mention["may17#0"], lk.by_mention["may18#0"])


def test_a_count_in_the_lead_makes_a_tally_even_where_only_a_town_was_extracted():
    odesa = {"kind": "settlement", "name": "Odesa", "country": "UA", "admin1": "Odesa Oblast",
             "admin1_code": "UA-51", "lat": 46.48, "lon": 30.73, "precision": 1, "gazetteer_id": "698740"}  # fmt: skip
    lead = ("Overnight Russia attacked Ukraine with 86 drones, the Air Force said; 53 were downed. In Odesa a drone "
            "hit a rail depot.")  # fmt: skip
    local = "A drone hit a rail depot in Odesa overnight, the regional governor said."
    tally = "Ukraine's Air Force said 53 of 86 drones launched at Ukraine were shot down overnight."

    def at_odesa(rid: str, text: str, published: str):
        ev = event(text, "drone_strike", "drone", places=[{"mention": "Odesa", "span": span(text, "Odesa"), **odesa}],
                   time=_time(text, "overnight" if "overnight" in text else "Overnight", "2025-10-02"))  # fmt: skip
        return record(rid, 0, text, ev, source=rid, kind="media", published=published)

    lk = Linker()
    lk.link([at_odesa("governor", local, "2025-10-02T07:00:00+03:00"),
             _tally("air-force", tally, [_country(tally)], "2025-10-02T08:00:00+03:00", day="2025-10-02"),
             at_odesa("lead", lead, "2025-10-02T09:00:00+03:00")])  # fmt: skip
    assert lk.by_mention["lead#0"] == lk.by_mention["air-force#0"] != lk.by_mention["governor#0"]


def test_the_whole_country_as_target_is_read_through_a_longer_object():
    from skylog.link.text_cues import tally_side

    wire = "Russia launched 67 Shahed drones at various targets in Ukraine on Saturday; 58 were destroyed."
    assert tally_side(wire) == "UA"
    assert (
        tally_side("A drone struck a house in the village of Bilenke overnight, the governor said.") is None
    )


def test_ukrainian_shelling_of_ukraine_names_the_whole_country_as_target():
    from skylog.link.text_cues import tally_side

    assert tally_side("Семеро людей загинули під час нічного обстрілу України 7 вересня.") == "UA"
    assert tally_side("Під час масованого обстрілу України сили ППО знешкодили 400 цілей.") == "UA"
    # Russian «обстрелы Украины» is as often Ukraine's own fire: no side is read from it
    assert tally_side("Обстрелы Украины по Белгородской области продолжаются, сообщил губернатор.") is None
    assert tally_side("Обстріл Харкова: пошкоджено будинок.") is None


def _israel(text: str) -> dict:
    return {"mention": "Israel", "span": span(text, "Israel"), "kind": "country", "name": "Israel",
            "country": "IL", "precision": 3}  # fmt: skip


def test_a_barrage_at_a_country_told_with_its_impacts_is_one_incident_with_its_local_hits():
    """No national command's tally speaks: a country-wide account of interceptions that tells of the
    impacts too is the attack on the country, and a town's report of those impacts joins it; the same
    shape spoken by Ukraine's Air Force stays a tally, related to the town's strike."""
    day = "2024-10-01"
    wide = ("A neighbouring state fired about 150 missiles at Israel on Tuesday evening; most were intercepted, "
            "but several hit and two people were lightly injured by shrapnel.")  # fmt: skip
    local = "Missiles struck the Tel Aviv area on Tuesday evening and two people were lightly injured by shrapnel."
    tel_aviv = _region(local, "Tel Aviv", "Tel Aviv District", "IL-TA", "IL")
    ev_wide = event(wide, "interception", "most were intercepted", places=[_israel(wide)], weapon="missile",
                    time=_time(wide, "Tuesday evening", day))  # fmt: skip
    ev_local = event(local, "missile_strike", "Missiles struck", places=[tel_aviv], weapon="missile",
                     time=_time(local, "Tuesday evening", day))  # fmt: skip
    lk = Linker()
    lk.link([record("wide", 0, wide, ev_wide, source="wide", kind="media", published="2024-10-01T21:00:00+03:00"),
             record("local", 0, local, ev_local, source="local", kind="media", published="2024-10-01T22:00:00+03:00")])  # fmt: skip
    assert lk.by_mention["wide#0"] == lk.by_mention["local#0"]

    tally = ("Russia fired about 150 drones at Ukraine overnight, Ukraine's Air Force said; most were intercepted, "
             "but several hit and two people were lightly injured.")  # fmt: skip
    sumy = "Drones struck Sumy Oblast overnight and two people were lightly injured."
    ev_tally = event(tally, "interception", "most were intercepted", places=[_country(tally)],
                     time=_time(tally, "overnight", NIGHT))  # fmt: skip
    ev_sumy = event(sumy, "drone_strike", "Drones struck", places=[_region(sumy, "Sumy Oblast", "Sumy Oblast", "UA-59")],
                    time=_time(sumy, "overnight", NIGHT))  # fmt: skip
    lk = Linker()
    lk.link([record("tally", 0, tally, ev_tally, source="tally", kind="media", published="2024-05-17T08:00:00+03:00"),
             record("sumy", 0, sumy, ev_sumy, source="sumy", kind="media", published="2024-05-17T09:00:00+03:00")])  # fmt: skip
    assert lk.by_mention["tally#0"] != lk.by_mention["sumy#0"]


def test_an_air_force_of_a_third_country_speaks_for_no_ukrainian_or_russian_tally():
    israel = "Missiles fired at Israel overnight were mostly intercepted by the Israeli Air Force, the military said."
    ukraine = "Drones launched at Ukraine overnight were mostly shot down, the Air Force said."
    recs = [
        record("il", 0, israel, event(israel, "interception", "mostly intercepted", places=[_israel(israel)],
                                      time=_time(israel, "overnight", NIGHT)), source="il", kind="media",
               published="2024-05-17T08:00:00+03:00"),
        record("ua", 0, ukraine, event(ukraine, "interception", "mostly shot down", places=[_country(ukraine)],
                                       time=_time(ukraine, "overnight", NIGHT)), source="ua", kind="media",
               published="2024-05-17T08:00:00+03:00"),
    ]  # fmt: skip
    feats = {f.rec.report_id: f for f in Linker().features(recs)}
    assert (feats["ua"].tally, feats["ua"].side) == (True, "UA")
    assert (feats["il"].tally, feats["il"].side) == (False, None)


def test_an_interception_that_failed_is_the_strike_it_let_through():
    from skylog.link.text_cues import failed_interception

    for text, failed in (
        ("Air defences failed to intercept the missile.", True),
        ("Israel's air defence could not intercept it.", True),
        ("Армия признала, что попытки перехватить ракету были неудачными.", True),
        ("Система ПВО не смогла сбить ракету.", True),
        ("Армія не змогла перехопити ракету.", True),
        ("The missile was intercepted over the sea.", False),
        ("Ракету сбили над морем.", False),
    ):
        assert failed_interception(text) is failed, text
    day = "2025-05-04"
    tried = ("Several attempts were made to intercept the missile launched at the airport on Sunday morning, "
             "the military said.")  # fmt: skip
    hit = "A missile fell near the airport terminal on Sunday morning; four people were hurt."
    downed = "A missile was intercepted near the airport on Sunday morning, the army said."

    def airport(text: str) -> dict:
        return {"mention": "airport", "span": span(text, "airport"), "kind": "facility", "name": "City airport",
                "country": "IL", "admin1": "Central District", "admin1_code": "IL-M", "lat": 32.0,
                "lon": 34.9, "precision": 1, "gazetteer_id": "airport"}  # fmt: skip

    def rec(rid: str, text: str, type_: str, anchor: str, places: list[dict]):
        ev = event(
            text, type_, anchor, places=places, weapon="missile", time=_time(text, "Sunday morning", day)
        )
        return record(rid, 0, text, ev, source=rid, kind="media", published="2025-05-04T12:00:00+03:00")

    lk = Linker()
    lk.link([rec("hit", hit, "missile_strike", "A missile fell", [airport(hit)]),
             rec("tried", tried, "interception", "to intercept", [airport(tried)])])  # fmt: skip
    assert lk.by_mention["tried#0"] == lk.by_mention["hit#0"]
    lk = Linker()
    lk.link([rec("hit", hit, "missile_strike", "A missile fell", [airport(hit)]),
             rec("downed", downed, "interception", "was intercepted", [airport(downed)])])  # fmt: skip
    assert lk.by_mention["downed#0"] != lk.by_mention["hit#0"]  # a downing: another incident


def test_a_year_less_day_joins_the_nights_tally_after_the_batch_when_another_outlet_started_it():
    # the post with no publication date is taken first; an outlet giving no count starts the night's
    # incident and one giving the count joins it; after the batch the post's incident merges with
    # theirs: alone, the outlet without the count has no time evidence against the post, which is
    # no contradiction (the count is judged against the incident)
    nocount = "Russia attacked Ukraine overnight with drones; most were shot down over several regions, the Air Force said."
    counted = "Russia attacked Ukraine overnight with 20 drones; all were shot down over several regions, the Air Force said."
    t = "Russia attacked Ukraine with 20 attack UAVs on the night of May 17; air defence destroyed all of them."
    undated = event(t, "interception", "attacked Ukraine", places=[_country(t)], count=claim(t, 20, "20"),
                    time={"text": "on the night of May 17", "start": None, "end": None, "precision": "unknown",
                          "span": span(t, "on the night of May 17")})  # fmt: skip
    recs = [record("no-date", 0, t, undated, source="Channel", kind="media", published=None),
            _tally("first", nocount, [_country(nocount)], "2024-05-17T07:00:00+03:00"),
            _tally("second", counted, [_country(counted)], "2024-05-17T08:00:00+03:00")]  # fmt: skip
    recs[2].event["count"] = claim(counted, 20, "20")
    lk = Linker()
    lk.link(recs)
    assert lk.by_mention["no-date#0"] == lk.by_mention["first#0"] == lk.by_mention["second#0"]
    assert any(
        e.action == "merge" and (e.detail or {}).get("reason") == "consolidated after the batch"
        for e in lk.log
    )


def test_a_russian_sides_report_of_one_crimean_city_is_local_not_a_tally():
    # a region the side's own reports count as its own ground (geo.sides.HELD_BY, sides.toml [held_by]) is where
    # the event happened, not a launch site; another region of the other country still is a launch site
    crimea = ("Air defence repelled a drone attack on Sevastopol overnight, all drones were shot down, the governor said; "
              "the Russian Ministry of Defence blamed Ukraine.")  # fmt: skip
    launch = "Air defence shot down drones launched from Sumy Oblast overnight, the Russian Ministry of Defence said."
    sev = {"mention": "Sevastopol", "span": span(crimea, "Sevastopol"), "kind": "settlement", "name": "Sevastopol",
           "country": "UA", "admin1": "Sevastopol", "admin1_code": "UA-40", "precision": 1}  # fmt: skip
    recs = [
        record("sev", 0, crimea, event(crimea, "interception", "shot down", places=[sev],
                                       time=_time(crimea, "overnight", NIGHT)),
               source="sev", kind="media", published="2024-05-17T08:00:00+03:00"),
        record("sumy", 0, launch, event(launch, "interception", "shot down",
                                        places=[_region(launch, "Sumy Oblast", "Sumy Oblast", "UA-59")],
                                        time=_time(launch, "overnight", NIGHT)),
               source="sumy", kind="media", published="2024-05-17T08:00:00+03:00"),
    ]  # fmt: skip
    feats = {f.rec.report_id: f for f in Linker().features(recs)}
    assert not feats["sev"].tally
    assert (feats["sumy"].tally, feats["sumy"].side) == (True, "RU")


def test_three_regions_over_two_countries_with_no_national_voice_are_no_tally():
    # no command counts for a country here: a town hit in each of two countries is no one country's tally;
    # three regions of one country are, and so are three of the ground of the war whose commands count
    two = "Missiles hit Central District and Jerusalem District overnight, and Damascus Governorate, officials said."
    one = "Missiles hit Central District, Jerusalem District and Southern District overnight, officials said."
    war = "Drones were shot down over Bryansk Oblast, Kursk Oblast and Crimea overnight, officials said."
    il = [("Central District", "IL-M"), ("Jerusalem District", "IL-JM")]

    def rec(rid: str, text: str, regions: list[tuple[str, str, str]]):
        places = [_region(text, n, n, c, cc) for n, c, cc in regions]
        ev = event(
            text, "missile_strike", text.split(" ")[0], places=places, time=_time(text, "overnight", NIGHT)
        )
        return record(rid, 0, text, ev, source=rid, kind="media", published="2024-05-17T08:00:00+03:00")

    recs = [
        rec("two", two, [(n, c, "IL") for n, c in il] + [("Damascus Governorate", "SY-DI", "SY")]),
        rec("one", one, [(n, c, "IL") for n, c in [*il, ("Southern District", "IL-D")]]),
        rec(
            "war",
            war,
            [("Bryansk Oblast", "RU-BRY", "RU"), ("Kursk Oblast", "RU-KRS", "RU"), ("Crimea", "UA-43", "UA")],
        ),
    ]
    feats = {f.rec.report_id: f for f in Linker().features(recs)}
    assert not feats["two"].tally
    assert feats["one"].tally and feats["war"].tally


def _district(text: str, mention: str) -> dict:
    return {"mention": mention, "span": span(text, mention), "kind": "district", "name": "Izmail Raion",
            "country": "UA", "admin1": "Odesa Oblast", "admin1_code": "UA-51", "admin2": "Izmail Raion",
            "precision": 2}  # fmt: skip


def test_a_district_strike_with_its_own_damage_inside_a_tally_report_is_a_local_event():
    # the region's head tells of one district's strike and its damage; the Air Force's count over
    # several regions follows: the count is the tally, the district's strike is a local event that
    # joins the local reports of it (a mention with no outcome of its own stays a part of the tally)
    t = ("Overnight drones attacked Izmail Raion, port infrastructure was damaged, the governor said. "
         "The Air Force said drones attacked Sumy Oblast, Odesa Oblast and Kherson Oblast overnight.")  # fmt: skip
    local = "Drones attacked Izmail Raion overnight, damaging a grain elevator, the governor said."
    night = _time(t, "Overnight", NIGHT)
    strike = event(t, "drone_strike", "drones attacked Izmail Raion", places=[_district(t, "Izmail Raion")],
                   time=night, damage=claim(t, "port infrastructure", "port infrastructure"))  # fmt: skip
    regions = [("Sumy Oblast", "UA-59"), ("Odesa Oblast", "UA-51"), ("Kherson Oblast", "UA-65")]
    count = event(t, "drone_strike", "drones attacked Sumy Oblast", places=[_region(t, n, n, c) for n, c in regions],
                  time=_time(t, "overnight", NIGHT))  # fmt: skip
    recs = [
        record("both", 0, t, strike, source="both", kind="media", published="2024-05-17T08:00:00+03:00"),
        record("both", 1, t, count, source="both", kind="media", published="2024-05-17T08:00:00+03:00"),
        record("izmail", 0, local, event(local, "drone_strike", "Drones attacked", places=[_district(local, "Izmail Raion")],
                                         time=_time(local, "overnight", NIGHT),
                                         damage=claim(local, "a grain elevator", "a grain elevator")),
               source="izmail", kind="media", published="2024-05-17T09:00:00+03:00"),
    ]  # fmt: skip
    feats = {f.rec.id: f for f in Linker().features(recs)}
    assert not feats["both#0"].tally and feats["both#1"].tally
    lk = Linker()
    lk.link(recs)
    assert lk.by_mention["izmail#0"] == lk.by_mention["both#0"] != lk.by_mention["both#1"]
    # without its outcome the district's mention is a part of the tally, as before
    bare = dict(strike, damage=None)
    feats = Linker().features([record("bare", 0, t, bare, source="b", kind="media", published="2024-05-17T08:00:00+03:00"),
                               record("bare", 1, t, count, source="b", kind="media", published="2024-05-17T08:00:00+03:00")])  # fmt: skip
    assert all(f.tally for f in feats)


def test_debris_that_did_harm_in_a_district_inside_a_tally_report_is_a_local_event():
    # the night's count of drones downed over several regions, then debris that fell in one district and
    # damaged a port there: the debris is that district's event and joins its local report; an
    # interception, or debris with no harm told, stays a part of the tally
    t = ("The Air Force said drones were downed over Sumy Oblast, Odesa Oblast and Kherson Oblast overnight. "
         "Debris fell in Izmail Raion, damaging port infrastructure, the governor said.")  # fmt: skip
    local = "Debris of a downed drone fell in Izmail Raion overnight, damaging the port, the governor said."
    regions = [("Sumy Oblast", "UA-59"), ("Odesa Oblast", "UA-51"), ("Kherson Oblast", "UA-65")]
    count = event(t, "interception", "drones were downed", places=[_region(t, n, n, c) for n, c in regions],
                  time=_time(t, "overnight", NIGHT))  # fmt: skip
    debris = event(t, "debris_fall", "Debris fell", places=[_district(t, "Izmail Raion")],
                   time=_time(t, "overnight", NIGHT), damage=claim(t, "port infrastructure", "port infrastructure"))  # fmt: skip
    pub = "2024-05-17T08:00:00+03:00"
    recs = [
        record("both", 0, t, count, source="both", kind="media", published=pub),
        record("both", 1, t, debris, source="both", kind="media", published=pub),
        record("izmail", 0, local, event(local, "debris_fall", "Debris", places=[_district(local, "Izmail Raion")],
                                         time=_time(local, "overnight", NIGHT),
                                         damage=claim(local, "the port", "the port")),
               source="izmail", kind="media", published="2024-05-17T09:00:00+03:00"),
    ]  # fmt: skip
    feats = {f.rec.id: f for f in Linker().features(recs)}
    assert feats["both#0"].tally and not feats["both#1"].tally
    lk = Linker()
    lk.link(recs)
    assert lk.by_mention["izmail#0"] == lk.by_mention["both#1"] != lk.by_mention["both#0"]
    bare = dict(debris, damage=None)
    feats = Linker().features([record("bare", 0, t, count, source="b", kind="media", published=pub),
                               record("bare", 1, t, bare, source="b", kind="media", published=pub)])  # fmt: skip
    assert all(f.tally for f in feats)
