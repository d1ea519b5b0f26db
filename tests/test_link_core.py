"""Linking as a pure library: which mentions become one incident, and how it is graded."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from test_link_fixtures import (
    claim,
    country_tally,
    event,
    kaluga_example,
    kaluga_official,
    kaluga_outlet,
    place,
    record,
    span,
    village_strike,
)

from skylog.link import Linker, MentionRecord, link_records, resolve, stream_link
from skylog.link.features import sentence_around, time_window
from skylog.link.text_cues import bridges_types


def _incident_of(lk: Linker, mention_id: str):
    return lk.incidents[lk.by_mention[mention_id]]


def test_kaluga_three_reports_one_incident_dam_separate():
    lk = Linker()
    recs = kaluga_example() + [kaluga_official(), kaluga_outlet()]
    lk.link(recs)
    inc = _incident_of(lk, "example#0")
    assert sorted(inc.mention_ids) == ["example#0", "kaluga24#0", "shapsha-tg#0"]
    dam = _incident_of(lk, "example#1")
    assert dam.id != inc.id and dam.mention_ids == ["example#1"]

    r = resolve(inc.records)
    assert r["n_sources"] == 3
    assert r["grade"] == "several_sources_one_side"
    assert r["grade_label"] == "several sources of one side"
    counts = sorted(c["value"] for c in r["fields"]["count"]["claims"])
    assert counts == [3, 5]
    assert r["fields"]["count"]["conflict"] is True
    assert (r["fields"]["count"]["low"], r["fields"]["count"]["high"]) == (3, 5)
    # every claim points back at the sentence that carries it
    for c in r["fields"]["count"]["claims"]:
        rec = next(x for x in recs if x.id == c["mention_id"])
        s, e = c["spans"][0]
        assert rec.report_text[s:e] in c["evidence"]
    assert resolve(dam.records)["grade"] == "single_source"


def test_same_input_same_incidents_in_any_order():
    recs = kaluga_example() + [kaluga_official(), kaluga_outlet()] + _neighbour_wave()
    a = link_records(recs)
    shuffled = recs[:]
    random.Random(5).shuffle(shuffled)
    b = link_records(shuffled)
    assert a == b


def test_incremental_join_keeps_incident_id_and_logs_it():
    lk = Linker()
    lk.link([kaluga_official()])
    first = lk.by_mention["shapsha-tg#0"]
    lk.link([kaluga_outlet()])
    lk.link(kaluga_example())
    assert lk.by_mention["kaluga24#0"] == first
    assert lk.by_mention["example#0"] == first
    actions = [(e.action, e.mention_id) for e in lk.log]
    assert ("create", "shapsha-tg#0") in actions
    assert ("join", "kaluga24#0") in actions
    # re-linking what is already linked changes nothing
    before = {k: list(v.mention_ids) for k, v in lk.incidents.items()}
    lk.link([kaluga_outlet()])
    assert {k: list(v.mention_ids) for k, v in lk.incidents.items()} == before


def _intercept_post(
    rid: str,
    town: str,
    region_word: str,
    n: int,
    day: str,
    published: str,
    source: str = "governor",
    kind: str = "official",
) -> MentionRecord:
    t = f"Overnight {n} drones were destroyed over {town}, {region_word}. No casualties."
    ev = event(
        t,
        "interception",
        f"{n} drones were destroyed",
        places=[place(t, town, town)],
        count=claim(t, n, f"{n} drones"),
        time={"text": "Overnight", "start": day, "end": None, "precision": "day", "span": [0, 9]},
    )
    return record(rid, 0, t, ev, source=source, kind=kind, published=published)


def _neighbour_wave() -> list[MentionRecord]:
    day = "2025-06-03"
    return [
        _intercept_post("kursk-gov", "Kursk", "Kursk region", 4, day, "2025-06-03T06:00:00+03:00"),
        _intercept_post(
            "kursk-tass",
            "Kursk",
            "Kursk region",
            5,
            day,
            "2025-06-03T07:10:00+03:00",
            source="TASS",
            kind="media",
        ),
        _intercept_post("bel-gov", "Belgorod", "Belgorod region", 4, day, "2025-06-03T06:20:00+03:00"),
        _intercept_post("bry-gov", "Bryansk", "Bryansk region", 2, day, "2025-06-03T05:50:00+03:00"),
    ]


def test_same_night_neighbouring_regions_stay_separate():
    lk = Linker()
    lk.link(_neighbour_wave())
    assert lk.by_mention["kursk-gov#0"] == lk.by_mention["kursk-tass#0"]
    ids = {lk.by_mention[m] for m in ("kursk-gov#0", "bel-gov#0", "bry-gov#0")}
    assert len(ids) == 3


def _strike(
    rid: str,
    town: str,
    day: datetime,
    killed: int,
    *,
    hour: int | None = 2,
    kind: str = "official",
    source: str = "Regional head",
    weapon: str = "drone",
    text: str | None = None,
    claimant: str | None = None,
    hedge: str = "asserted",
    needle: str | None = None,
) -> MentionRecord:
    t = text or f"A {weapon} hit a residential building in {town}. {killed} people were killed."
    tm = None
    if hour is not None:
        start = day.replace(hour=hour)
        tm = {
            "text": "overnight",
            "start": start.isoformat(),
            "end": (start + timedelta(hours=1)).isoformat(),
            "precision": "hour",
            "span": None,
        }
    ev = event(
        t,
        "drone_strike" if weapon == "drone" else "missile_strike",
        town,
        weapon=weapon,
        places=[place(t, town, town)],
        time=tm,
        claimant=claimant,
        killed=claim(t, killed, needle or f"{killed} people", claimant=claimant, hedge=hedge),
    )
    pub = day.replace(hour=(hour or 2) + 3)
    return record(rid, 0, t, ev, source=source, kind=kind, published=pub.isoformat())


def test_campaign_on_consecutive_nights_is_one_incident_per_night():
    d0 = datetime(2025, 6, 10, tzinfo=UTC)
    recs = []
    for k in range(3):
        day = d0 + timedelta(days=k)
        recs.append(_strike(f"off{k}", "Belgorod", day, killed=k + 1))
        recs.append(
            _strike(
                f"media{k}",
                "Belgorod",
                day,
                killed=k + 2,
                hour=None,
                kind="media",
                source="RBC",
                text=f"Drone attack on Belgorod: {k + 2} people dead, officials say.",
            )
        )
    lk = Linker()
    lk.link(recs)
    per_night = [lk.by_mention[f"off{k}#0"] for k in range(3)]
    assert len(set(per_night)) == 3
    for k in range(3):
        assert lk.by_mention[f"media{k}#0"] == per_night[k]


def test_reposts_are_one_source_and_other_kinds_confirm():
    day = datetime(2025, 7, 1, tzinfo=UTC)
    base = _strike("off", "Kharkiv", day, killed=2, claimant="Regional head Oleh Syniehubov")
    copy = MentionRecord(
        id="copy#0",
        report_id="copy",
        event=base.event,
        source="@repost_channel",
        source_kind="social",
        published_at=base.published_at + timedelta(minutes=30),
        report_text=base.report_text + " #news",
    )
    lk = Linker()
    lk.link([base, copy])
    inc = _incident_of(lk, "off#0")
    assert sorted(inc.mention_ids) == ["copy#0", "off#0"]
    r = resolve(inc.records)
    assert r["n_sources"] == 1 and r["n_reports"] == 2
    assert r["grade"] == "single_source"
    # an eyewitness speaking for themself is a different kind of source
    t = "Huge explosion in Kharkiv, our windows shook, smoke over the district."
    ev = event(
        t,
        "drone_strike",
        "explosion in Kharkiv",
        places=[place(t, "Kharkiv", "Kharkiv")],
        claimant="a local resident",
    )
    witness = record(
        "witness",
        0,
        t,
        ev,
        source="@kharkiv_life",
        kind="social",
        published=(day.replace(hour=2, minute=40)).isoformat(),
    )
    lk.link([witness])
    assert lk.by_mention["witness#0"] == inc.id
    assert resolve(inc.records)["grade"] == "independently_confirmed"


def test_denial_makes_incident_contested_and_fatalities_resolve_low_with_range():
    day = datetime(2025, 7, 5, tzinfo=UTC)
    a = _strike("a", "Odesa", day, killed=4, claimant="Regional head Oleh Kiper")
    b = _strike("b", "Odesa", day, killed=6, kind="media", source="Suspilne", claimant="the outlet")
    c = _strike(
        "c",
        "Odesa",
        day,
        killed=5,
        kind="media",
        source="Kyiv Independent",
        text="Five people were killed when a drone hit a building in Odesa, police said.",
        claimant="police",
        needle="Five people",
    )
    lk = Linker()
    lk.link([a, b, c])
    inc = _incident_of(lk, "a#0")
    assert len(inc.members) == 3
    k = resolve(inc.records)["fields"]["killed"]
    assert (k["value"], k["low"], k["high"]) == (4, 4, 6)
    assert k["conflict"] is True
    t = "The ministry denied that its drone struck a residential building in Odesa."
    ev = event(
        t,
        "drone_strike",
        "drone struck",
        places=[place(t, "Odesa", "Odesa")],
        claimant="Russian Defence Ministry",
        perpetrator=claim(
            t, "Russian forces", "its drone struck", claimant="Russian Defence Ministry", hedge="denied"
        ),
    )
    denial = record(
        "deny",
        0,
        t,
        ev,
        source="Russian MoD",
        kind="official",
        published=(day + timedelta(hours=9)).isoformat(),
    )
    lk.link([denial])
    assert lk.by_mention["deny#0"] == inc.id
    r = resolve(inc.records)
    assert r["grade"] == "contested"
    assert r["fields"]["perpetrator"]["denied"] is True


def test_interception_and_strike_same_night_link_only_when_text_ties_them():
    day = "2025-06-20"
    intercept = _intercept_post("gov", "Kursk", "Kursk region", 6, day, "2025-06-20T05:00:00+03:00")
    t = "A drone struck an oil depot in Kursk overnight, a fire broke out."
    ev = event(
        t,
        "drone_strike",
        "drone struck an oil depot",
        places=[place(t, "Kursk", "Kursk")],
        time={"text": "overnight", "start": day, "end": None, "precision": "day", "span": None},
    )
    strike = record("depot", 0, t, ev, source="Astra", kind="media", published="2025-06-20T06:30:00+03:00")
    lk = Linker()
    lk.link([intercept, strike])
    assert lk.by_mention["gov#0"] != lk.by_mention["depot#0"]

    t2 = "A drone was shot down over Kursk overnight; its debris hit an oil depot and damaged a tank."
    ev2 = event(
        t2,
        "drone_strike",
        "its debris hit an oil depot",
        places=[place(t2, "Kursk", "Kursk")],
        time={"text": "overnight", "start": day, "end": None, "precision": "day", "span": None},
    )
    tied = record("tied", 0, t2, ev2, source="Baza", kind="media", published="2025-06-20T06:40:00+03:00")
    lk2 = Linker()
    lk2.link([intercept, tied])
    assert lk2.by_mention["gov#0"] == lk2.by_mention["tied#0"]


def test_unplaced_undated_mention_with_nothing_in_common_stays_alone():
    t = "Explosions were heard somewhere in the night, a channel reports."
    ev = event(t, "drone_strike", "Explosions were heard", places=[])
    lone = MentionRecord(id="lone#0", report_id="lone", event=ev, source="x", report_text=t)
    lk = Linker()
    lk.link(kaluga_example() + [kaluga_official(), lone])
    assert len(_incident_of(lk, "lone#0").members) == 1


def test_merge_when_a_mention_ties_two_incidents_and_split_back():
    lk = Linker(threshold=0.6, merge_threshold=0.6)
    day = datetime(2025, 8, 1, tzinfo=UTC)
    a = _strike("a", "Sumy", day, 1, text="A drone hit a school in Sumy. 1 people were killed.")
    b = _strike(
        "b",
        "Shostka",
        day,
        2,
        kind="media",
        source="Suspilne",
        text="Shostka market burned after the strike; 2 people dead, residents say.",
        needle="2 people",
    )
    lk.link([a])
    lk.link([b])
    older = lk.by_mention["a#0"]
    assert lk.by_mention["b#0"] != older  # two towns 130 km apart: two incidents
    t = "Overnight drones struck Sumy and Shostka: a school in Sumy and the Shostka market were hit."
    ev = event(
        t,
        "drone_strike",
        "drones struck Sumy and Shostka",
        places=[place(t, "Sumy", "Sumy"), place(t, "Shostka", "Shostka")],
        time=a.event["time"],
    )
    both = record(
        "c", 0, t, ev, source="Ukrainska Pravda", kind="media", published=day.replace(hour=9).isoformat()
    )
    lk.link([both])
    # a report naming both towns joins one of them; it never merges two towns' strikes
    assert lk.by_mention["c#0"] in (older, lk.by_mention["b#0"])
    assert lk.by_mention["a#0"] != lk.by_mention["b#0"]
    assert not [e for e in lk.log if e.action == "merge"]
    # an analyst merges them anyway, with a reason, then splits b back out
    lk.merge(older, lk.by_mention["b#0"], reason="one wave")
    assert lk.by_mention["a#0"] == lk.by_mention["b#0"] == older
    assert lk.incidents[older].evidence["b#0"]["created_by"] == "analyst"
    merges = [e for e in lk.log if e.action == "merge"]
    assert len(merges) == 1 and merges[0].detail["reason"] == "one wave"
    new_id = lk.split(older, ["b#0"], reason="two towns")
    assert lk.by_mention["b#0"] == new_id != older
    assert lk.by_mention["a#0"] == older
    assert any(e.action == "split" and e.detail["reason"] == "two towns" for e in lk.log)
    assert "a" in lk.cannot["b"]  # kept apart from now on


def test_time_windows_respect_precision_and_publication():
    pub = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)
    day = time_window({"time": {"start": "2025-06-01", "precision": "day"}}, None)
    hour = time_window({"time": {"start": "2025-06-01T02:00:00+00:00", "precision": "hour"}}, None)
    assert day.end - day.start > hour.end - hour.start
    unknown = time_window({"time": None}, pub)
    assert not unknown.precise and unknown.end > pub.timestamp() > unknown.start
    social = time_window({"time": None}, pub, "social")
    assert social.start > unknown.start  # an eyewitness post follows the event closely
    clipped = time_window({"time": {"start": "2025-06-01", "precision": "day"}}, pub)
    assert clipped.end <= pub.timestamp() + 3600
    assert time_window({"time": None}, None) is None


def test_bridging_cues_and_sentences():
    assert bridges_types("The drone was shot down and its debris damaged a roof.")
    assert bridges_types("Беспилотник сбит, обломки повредили крышу дома.")
    assert not bridges_types("Drones were shot down, no casualties or damage.")
    assert not bridges_types("A drone hit a house.")


def test_a_repelled_attack_with_no_impact_tells_only_of_the_downing():
    from skylog.link.text_cues import type_cues

    # "repelling" is a downing word as "repelled" is; "no facilities ... have been hit" denies the impact
    assert type_cues(
        "Ships are repelling a drone attack in the bay. No facilities in the city have been hit."
    ) == (
        False,
        True,
    )
    assert type_cues("All the drones were shot down, пострадавших нет.") == (False, True)
    assert type_cues("Все БПЛА сбиты, пострадавших нет.") == (False, True)
    assert type_cues("Air defence repelled the attack; debris hit a house.") == (True, False)
    text = "First sentence. Drones were shot down near Kaluga. Last one."
    i = text.index("Kaluga")
    assert sentence_around(text, i, i + 6) == "Drones were shot down near Kaluga."


def test_bad_record_is_refused_with_its_id():
    with pytest.raises(ValueError, match="m-42"):
        MentionRecord.from_dict({"id": "m-42", "event": {"places": []}})
    rec = MentionRecord.from_dict(
        {"id": 7, "report_id": "r", "event": {"type": "shelling", "places": [], "spans": [[0, 1]]},
         "published_at": "2025-06-01T10:00:00Z", "source_kind": "media"}
    )  # fmt: skip
    assert rec.id == "7" and rec.published_at.tzinfo is not None


def test_stream_link_retires_old_incidents():
    recs = []
    d0 = datetime(2025, 1, 1, tzinfo=UTC)
    for k in range(30):
        day = d0 + timedelta(days=k)
        recs.append(_strike(f"s{k}", "Kharkiv", day, killed=1))
    lk = Linker(on_log=lambda e: None)
    out = list(stream_link(recs, batch=5, horizon_days=2, linker=lk))
    assert len(out) == 30 and len({i for _, i in out}) == 30
    assert len(lk.incidents) <= 10  # only the last few days stay in memory


def test_strike_typed_report_that_only_tells_of_downing_joins_the_interception():
    day = "2025-06-21"
    intercept = _intercept_post("gov", "Kursk", "Kursk region", 6, day, "2025-06-21T05:00:00+03:00")
    t = "Air defence destroyed six drones over Kursk overnight, there were no casualties or damage."
    ev = event(
        t,
        "drone_strike",
        "destroyed six drones",
        places=[place(t, "Kursk", "Kursk")],
        time={"text": "overnight", "start": day, "end": None, "precision": "day", "span": None},
    )
    mistyped = record(
        "mistyped", 0, t, ev, source="TASS", kind="media", published="2025-06-21T07:00:00+03:00"
    )
    lk = Linker()
    lk.link([intercept, mistyped])
    assert lk.by_mention["gov#0"] == lk.by_mention["mistyped#0"]


def test_undated_reports_link_only_to_copies_of_their_text():
    """No publication date and no time in the text: no time evidence, so no link (unknown is no wildcard)."""

    def undated(rec: MentionRecord, rid: str | None = None) -> MentionRecord:
        ev = dict(rec.event, time=None)
        return MentionRecord(id=f"{rid}#0" if rid else rec.id, report_id=rid or rec.report_id, event=ev,
                             source=rec.source, source_kind="unknown", published_at=None,
                             report_text=rec.report_text)  # fmt: skip

    recs = [undated(r) for r in kaluga_example() + [kaluga_official(), kaluga_outlet()]]
    copy = undated(kaluga_outlet(), rid="repost")
    lk = Linker()
    lk.link([*recs, copy])
    assert _incident_of(lk, "example#0").mention_ids == ["example#0"]
    assert _incident_of(lk, "shapsha-tg#0").mention_ids == ["shapsha-tg#0"]
    assert sorted(_incident_of(lk, "kaluga24#0").mention_ids) == ["kaluga24#0", "repost#0"]
    ev = _incident_of(lk, "repost#0").evidence["repost#0"]
    assert any("copy" in r for r in ev["reasons"])
    refused = _incident_of(lk, "shapsha-tg#0").evidence["shapsha-tg#0"]["reasons"]
    assert any("no time evidence" in r for r in refused)


def test_wording_vectors_rank_rewrites_above_other_events():
    from skylog.link.text import TextEncoder

    texts = [
        "Three drones were shot down near Kaluga overnight, Governor Vladislav Shapsha said on Telegram.",
        "Governor Vladislav Shapsha said on Telegram that air defence downed drones near Kaluga.",
        "A missile struck a market in Kharkiv, killing two people and wounding eleven.",
        "",
    ]
    v = TextEncoder().vectors(texts)
    assert v.shape == (4, 256)
    assert abs(float(v[0] @ v[0]) - 1.0) < 1e-5 and not v[3].any()
    assert float(v[0] @ v[1]) > 0.3 > float(v[0] @ v[2])
    assert float(v[0] @ v[1]) > float(v[1] @ v[2]) + 0.2


def test_tallies_of_one_night_join_whatever_their_type_and_a_village_is_only_related():
    day = "2025-02-03"
    a = country_tally("af-wire", "Russia attacked Ukraine with 40 drones overnight; the air force said 30 were "
                       "downed over nine regions.", "interception", day, "2025-02-03T09:00:00+02:00")  # fmt: skip
    b = country_tally("af-outlet", "Ukraine's air force said 30 of 40 drones launched at Ukraine overnight were "
                       "shot down; several regions were hit.", "drone_strike", day, "2025-02-03T10:30:00+02:00")  # fmt: skip
    village = village_strike(day, "2025-02-03T08:00:00+02:00")
    for batches in ([[a, b, village]], [[village], [a], [b]]):
        lk = Linker()
        for batch in batches:
            lk.link(batch)
        assert lk.by_mention["af-wire#0"] == lk.by_mention["af-outlet#0"]
        tally, local = lk.by_mention["af-wire#0"], lk.by_mention["village#0"]
        assert local != tally
        assert (
            "injured" not in resolve(lk.incidents[tally].records)["fields"]
        )  # never against the village's 2
        assert lk.related.get(tuple(sorted((tally, local)))) == "tally"  # stored as related, either order


def test_incidents_one_order_kept_apart_are_merged_after_the_batch():
    """Linking is greedy: reports published at the same time are taken in report-id order, and an
    order may leave one event in two incidents. After the batch, an incident whose member scores
    against another merges with it when their members agree; the merge is logged with its reason."""
    lk = Linker()
    official = lk.seed("inc-official", [kaluga_official()])
    outlet = lk.seed("inc-outlet", [kaluga_outlet()])
    lk._consolidate([official.id, outlet.id])
    assert list(lk.incidents) == ["inc-official"]
    assert sorted(lk.incidents["inc-official"].mention_ids) == ["kaluga24#0", "shapsha-tg#0"]
    merges = [e for e in lk.log if e.action == "merge"]
    assert [(m.incident_id, m.other_id, m.detail["reason"]) for m in merges] == [
        ("inc-official", "inc-outlet", "consolidated after the batch")
    ]


def test_a_member_naming_two_towns_never_merges_their_strikes_after_the_batch():
    """An incident's places are its members' union: one report naming Sumy and Shostka makes the
    Sumy incident look like Shostka's. Members are judged one to one, so the two stay apart."""
    day = datetime(2025, 8, 1, tzinfo=UTC)
    a = _strike("a", "Sumy", day, 1, text="A drone hit a school in Sumy. 1 people were killed.")
    b = _strike("b", "Shostka", day, 2, kind="media", source="Suspilne",
                text="Shostka market burned after the strike; 2 people dead, residents say.", needle="2 people")  # fmt: skip
    t = "Overnight drones struck Sumy and Shostka: a school in Sumy and the Shostka market were hit."
    ev = event(t, "drone_strike", "drones struck Sumy and Shostka",
               places=[place(t, "Sumy", "Sumy"), place(t, "Shostka", "Shostka")], time=a.event["time"])  # fmt: skip
    both = record(
        "c", 0, t, ev, source="Ukrainska Pravda", kind="media", published=day.replace(hour=9).isoformat()
    )
    lk = Linker(threshold=0.6, merge_threshold=0.6)
    sumy = lk.seed("inc-sumy", [a, both])
    shostka = lk.seed("inc-shostka", [b])
    lk._consolidate([sumy.id, shostka.id])
    assert sorted(lk.incidents) == ["inc-shostka", "inc-sumy"]
    assert not [e for e in lk.log if e.action == "merge"]


def test_an_unresolved_place_is_inside_no_region():
    """A name the gazetteer does not place ("the Osman Digna air base") names no region, so it is
    no evidence of lying in another report's region; only the same name matches it."""
    from skylog.link.features import place_features
    from skylog.link.relations import place_relation

    t = "Drones hit the Osman Digna air base on Sunday."
    base = place_features([{"mention": "the Osman Digna air base", "span": [15, 39], "kind": "facility",
                            "name": "the Osman Digna air base"}], t)  # fmt: skip
    region = place_features([{"mention": "central Israel", "kind": "region", "name": "Central", "country": "IL",
                              "admin1": "Central", "admin1_code": "IL-M", "lat": 31.9, "lon": 34.9}])  # fmt: skip
    assert place_relation(base, region) == (0.3, "place unknown (a name the gazetteer does not place)")
    assert place_relation(base, base)[0] == 1.0


def test_a_region_named_whole_beside_a_town_elsewhere_holds_any_town_of_it():
    """ "Air strikes on Beirut and in Nabatieh province": the mention places its event anywhere in the
    province, so a town of it is no other settlement; naming a town there (or two towns) still is."""
    from skylog.link.features import place_features
    from skylog.link.relations import place_relation

    def town(name: str, a1: str, lat: float, lon: float) -> dict:
        return {"mention": name, "kind": "settlement", "name": name, "country": "LB", "admin1": a1,
                "admin1_code": a1, "lat": lat, "lon": lon, "precision": 1, "gazetteer_id": name}  # fmt: skip

    province = {"mention": "Nabatieh province", "kind": "region", "name": "Nabatieh", "country": "LB",
                "admin1": "LB-NA", "admin1_code": "LB-NA", "lat": 33.3, "lon": 35.5, "precision": 3}  # fmt: skip
    beirut, tyre = town("Beirut", "LB-BA", 33.89, 35.5), town("Tyre", "LB-JA", 33.27, 35.2)
    kfar, nab = town("Kfar Roummane", "LB-NA", 33.38, 35.5), town("Nabatieh", "LB-NA", 33.38, 35.48)
    both = place_features([beirut, province])
    assert both.open_regions == {"LB-NA"} and both.town_regions == {"LB-BA"}
    score, why = place_relation(both, place_features([nab]))
    assert score == 0.6 and "region the other's town lies in" in why
    assert (
        place_relation(place_features([beirut, tyre]), place_features([nab]))[0] is None
    )  # two towns elsewhere
    named = place_features([beirut, province, kfar])  # a town of the province named: that town, not all of it
    assert named.open_regions == frozenset() and place_relation(named, place_features([nab]))[0] is None
    # an incident whose members name the province whole and one of its towns holds that town only
    incident = both.union(place_features([kfar]))
    assert incident.open_regions == frozenset() and place_relation(incident, place_features([nab]))[0] is None


def _town_strike(rid: str, town: str, what: str, published: str) -> MentionRecord:
    t = f"A drone hit {what} in {town} overnight, the governor said."
    ev = event(t, "drone_strike", "A drone hit", places=[place(t, town, town)],
               time={"text": "overnight", "start": "2025-06-20", "end": None, "precision": "day", "span": None})  # fmt: skip
    return record(rid, 0, t, ev, source=f"{town} News", kind="media", published=published)


def test_a_region_wide_report_that_fits_two_towns_strikes_alike_joins_neither():
    kaluga = _town_strike("kaluga", "Kaluga", "a warehouse", "2025-06-20T08:00:00+03:00")
    malo = _town_strike("malo", "Maloyaroslavets", "a house", "2025-06-20T08:10:00+03:00")
    t = "Drones hit Kaluga Oblast overnight, the governor said; a building was damaged."
    ev = event(t, "drone_strike", "Drones hit", places=[place(t, "Kaluga Oblast", "Kaluga Oblast")])
    region = record("region", 0, t, ev, source="Wire", kind="media", published="2025-06-20T09:00:00+03:00")
    alone = Linker()
    alone.link([kaluga, region])  # one town's strike that night: the region-wide report is its
    assert alone.by_mention["region#0"] == alone.by_mention["kaluga#0"]
    both = Linker()
    both.link([kaluga, malo, region])  # two towns' strikes, different events: its evidence cannot tell which
    assert both.by_mention["kaluga#0"] != both.by_mention["malo#0"]
    inc = _incident_of(both, "region#0")
    assert inc.reports == {"region"}
    assert any("fit two different events" in r for r in inc.evidence["region#0"]["reasons"])


def _last_week(rid: str, text: str, needle: str, key: str, published: str) -> MentionRecord:
    ev = event(text, "drone_strike", "a drone hit", places=[place(text, needle, key)],
               time={"text": "Last week", "start": "2025-06-09", "end": "2025-06-15", "precision": "week",
                     "span": [0, 9]})  # fmt: skip
    return record(rid, 0, text, ev, source=f"{rid} outlet", kind="media", published=published)


def test_a_week_named_without_a_day_bounds_the_event_but_never_dates_it():
    w = time_window(_last_week("w", "Last week a drone hit Kaluga.", "Kaluga", "Kaluga", None).event, None)
    assert w is not None and not w.precise and w.precision == "week"
    strike = _town_strike("thu", "Kaluga", "a warehouse", "2025-06-12T09:00:00+03:00")
    strike.event["time"]["start"] = "2025-06-12"
    town = _last_week("town", "Last week a drone hit a house in Kaluga, the mayor recalled.", "Kaluga", "Kaluga",
                      "2025-06-18T10:00:00+03:00")  # fmt: skip
    region = _last_week("region", "Last week a drone hit a barn in Kaluga Oblast, officials said.", "Kaluga Oblast",
                        "Kaluga Oblast", "2025-06-18T11:00:00+03:00")  # fmt: skip
    lk = Linker()
    lk.link([strike, town, region])
    # the same town within the week it names: linked, and the evidence says the week is all it had
    assert lk.by_mention["town#0"] == lk.by_mention["thu#0"]
    assert "within the week" in _incident_of(lk, "town#0").evidence["town#0"]["time"]
    # only the region and only the week: no day and no town in common, so no link (not "same day")
    assert lk.by_mention["region#0"] != lk.by_mention["thu#0"]
    later = _last_week("later", "Last week a drone hit a house in Kaluga.", "Kaluga", "Kaluga",
                       "2025-06-30T10:00:00+03:00")  # fmt: skip
    later.event["time"].update(start="2025-06-23", end="2025-06-29")
    lk.link([later])  # another week: outside it, nothing to join
    assert lk.by_mention["later#0"] != lk.by_mention["thu#0"]


def _bulletin(rid: str, text: str, time: dict, published: str) -> MentionRecord:
    ev = event(text, "interception", "destroyed", places=[place(text, "Kaluga Oblast", "Kaluga Oblast")],
               time=time)  # fmt: skip
    return record(rid, 0, text, ev, source=f"{rid} desk", kind="media", published=published)


def test_a_nights_account_never_joins_a_daytime_clock_window_of_the_same_day():
    t1 = "Overnight, air defences destroyed 12 drones over Kaluga Oblast, the ministry said."
    night = _bulletin("night", t1, {"text": "Overnight", "start": "2025-06-20", "end": None, "precision": "day",
                                    "span": [0, 9]}, "2025-06-20T07:30:00+03:00")  # fmt: skip
    t2 = "From 08:00 to 14:00 Moscow time air defences destroyed 5 drones over Kaluga Oblast, the ministry said."
    day = _bulletin("day", t2, {"text": "From 08:00 to 14:00 Moscow time", "start": "2025-06-20T08:00:00+03:00",
                                "end": "2025-06-20T14:00:00+03:00", "precision": "hour", "span": [0, 31]},
                    "2025-06-20T14:30:00+03:00")  # fmt: skip
    lk = Linker()
    lk.link([night, day])
    assert lk.by_mention["night#0"] != lk.by_mention["day#0"]
    assert "a night and a daytime clock window" in _incident_of(lk, "day#0").evidence["day#0"]["reasons"][1]
    # an evening window is not daytime: a night's account may include it (launches start in the evening)
    t3 = "From 19:00 to 23:00 Moscow time air defences destroyed 5 drones over Kaluga Oblast, the ministry said."
    eve = _bulletin("eve", t3, {"text": "From 19:00 to 23:00 Moscow time", "start": "2025-06-19T19:00:00+03:00",
                                "end": "2025-06-19T23:00:00+03:00", "precision": "hour", "span": [0, 31]},
                    "2025-06-19T23:30:00+03:00")  # fmt: skip
    from skylog.link.relations import hint_conflict

    f_night, f_eve = Linker().features([night, eve])
    assert hint_conflict(f_night, f_eve) is None


def test_one_template_filled_with_two_events_facts_is_no_copy():
    from skylog.link.text import is_copy, minhashes

    def bulletin(rid: str, clock: str, n: str) -> MentionRecord:
        t = (f"At about {clock} Moscow time an attempt by the enemy to attack facilities on the territory of the "
             f"country with fixed-wing drones was stopped. {n} drones were destroyed by the air defence systems on "
             "duty over the territory of Kaluga Oblast, the ministry said in its regular bulletin.")  # fmt: skip
        ev = event(t, "interception", "destroyed", places=[place(t, "Kaluga Oblast", "Kaluga Oblast")])
        return MentionRecord(id=f"{rid}#0", report_id=rid, event=ev, source="ministry", published_at=None,
                             report_text=t)  # fmt: skip

    one, other, repost = bulletin("a", "15.00", "3"), bulletin("b", "10.15", "5"), bulletin("c", "15.00", "3")
    ma, mb, mc = minhashes([one.report_text, other.report_text, repost.report_text])
    assert ma.jaccard(mb) >= 0.6  # alike in wording, as a ministry's bulletins are
    assert not is_copy(ma, mb, one.report_text, other.report_text)  # each states figures the other lacks
    assert is_copy(ma, mc, one.report_text, repost.report_text)
    assert is_copy(ma, mc, one.report_text, repost.report_text + " Nobody was hurt, 2 houses were checked.")
    lk = Linker()
    lk.link([one, other, repost])  # undated: only a copy may link them
    assert lk.by_mention["a#0"] == lk.by_mention["c#0"] != lk.by_mention["b#0"]


def test_two_different_spots_in_one_region_need_wording_that_ties_them():
    day = {"text": "overnight", "start": "2025-06-20", "end": None, "precision": "day", "span": None}
    t1 = "Overnight a drone hit the reservoir dam, the regional administration said; its spillway was hit."
    dam = {**place(t1, "reservoir dam", "Belgorod dam"), "lat": None, "lon": None}  # no point for it
    a = record("dam", 0, t1, event(t1, "drone_strike", "a drone hit", places=[dam], time=day),
               source="Region", kind="official", published="2025-06-20T08:00:00+03:00")  # fmt: skip
    t2 = "Shebekino: a kamikaze UAV set a private house on fire, two residents were taken to hospital."
    b = record("town", 0, t2, event(t2, "drone_strike", "a kamikaze UAV", places=[place(t2, "Shebekino", "Shebekino")],
               time=day), source="Town chat", kind="social", published="2025-06-20T09:00:00+03:00")  # fmt: skip
    lk = Linker()
    lk.link([a, b])
    assert lk.by_mention["dam#0"] != lk.by_mention["town#0"]  # one region and night, two spots: two events
    why = _incident_of(lk, "town#0").evidence["town#0"]["reasons"]
    assert any("different spots in one region" in r for r in why), why


def test_two_nights_stay_apart_whenever_each_report_was_published():
    t = "Ukraine's air force said {} of {} Shahed drones launched by Russia overnight were shot down over Ukraine."
    # the night into the 14th told that evening, the night into the 15th told early next morning: the
    # publication cut of the first window once pulled their middles 18 h apart ("same day")
    late = country_tally("d14", t.format(17, 23), "interception", "2025-08-14", "2025-08-14T20:00:00+03:00")
    early = country_tally("d15", t.format(20, 25), "interception", "2025-08-15", "2025-08-15T07:00:00+03:00")
    lk = Linker()
    lk.link([late, early])
    assert lk.by_mention["d14#0"] != lk.by_mention["d15#0"]
    # a clock window of the night lies within its day: no distance at all from a report dated to that day
    w_day = time_window(late.event, late.published_at)
    night = dict(late.event, time={"text": "from 01:00 to 05:30", "start": "2025-08-14T01:00:00+03:00",
                                   "end": "2025-08-14T05:30:00+03:00", "precision": "hour"})  # fmt: skip
    w_night = time_window(night, late.published_at)
    from skylog.link.relations import _pair_time

    assert w_day is not None and w_night is not None
    assert _pair_time(w_night, w_day) == (1.0, "same day (gap 0 h)")
    # an undated report is as long after a dated day as after that day's middle, however early the dated
    # report came out (the night into the 15th, told at 07:00; an undated report that evening: same day)
    undated = dict(early.event, time=None)
    w_undated = time_window(undated, datetime.fromisoformat("2025-08-15T20:00:00+03:00"))
    w_early = time_window(early.event, early.published_at)
    assert w_undated is not None and w_early is not None
    assert _pair_time(w_undated, w_early)[0] == 1.0


def _sumy_strike(rid: str, t: str, published: str, time_text: str | None = None, day: str | None = None):
    tm = {"text": time_text, "start": day, "end": None, "precision": "day", "span": None} if day else None
    ev = event(t, "drone_strike", "a drone hit", places=[place(t, "Sumy", "Sumy")], time=tm)
    return record(rid, 0, t, ev, source=f"{rid} News", kind="media", published=published)


def test_a_night_lies_in_its_days_small_hours_so_a_report_the_next_day_is_another_night():
    from skylog.link.features import HOUR

    night = _sumy_strike("night", "On the night of 27-28 May a drone hit a house in Sumy, the mayor said.",
                         "2025-05-28T09:00:00+03:00", "On the night of 27-28 May", "2025-05-28")  # fmt: skip
    school = "Overnight a drone hit a school in Sumy, the city council said; nobody was hurt."
    lk = Linker()
    lk.link([night, _sumy_strike("later", school, "2025-05-29")])  # a bare publication date, the next day
    assert lk.by_mention["night#0"] != lk.by_mention["later#0"]  # the next night's attack, not the same one
    w = lk.features([night])[0].window
    assert w is not None and w.night and w.happened == w.stated[0] + 3 * HOUR
    # a day told without a night ("on Tuesday afternoon") keeps its middle: the next day's report may join
    day = _sumy_strike("day", "On Tuesday afternoon a drone hit a house in Sumy, the mayor said.",
                       "2025-05-27T18:00:00+03:00", "On Tuesday afternoon", "2025-05-27")  # fmt: skip
    lk = Linker()
    lk.link([day, _sumy_strike("later", school, "2025-05-28")])
    assert lk.by_mention["day#0"] == lk.by_mention["later#0"]


def _kharkiv_missile(rid: str, t: str, said: str, day: str | None, published: str | None) -> MentionRecord:
    tm = {"text": said, "start": day, "end": None, "precision": "day" if day else "unknown", "span": None}
    ev = event(t, "missile_strike", "a missile hit", places=[place(t, "Kharkiv", "Kharkiv")], time=tm)
    return record(rid, 0, t, ev, source=f"{rid} News", kind="media", published=published)


def test_a_year_less_date_with_its_weekday_joins_the_day_it_falls_on():
    """No publication date: "On Friday, September 20" names a day of the month that is a Friday only
    one year in six or so, so it joins the strike dated to a Friday 20 September; the same date with
    no weekday (and no count to back it), or with another weekday, stays apart."""
    dated = _kharkiv_missile("dated", "On Friday a missile hit a school in Kharkiv, the mayor said.", "On Friday",
                             "2024-09-20", "2024-09-20T18:00:00+03:00")  # fmt: skip
    for said, joins in (("On Friday, September 20", True), ("On September 20", False),
                        ("On Saturday, September 20", False)):  # fmt: skip
        undated = _kharkiv_missile("undated", f"{said} a missile hit a school in Kharkiv, the mayor said.", said,
                                   None, None)  # fmt: skip
        lk = Linker()
        lk.link([dated, undated])
        assert (lk.by_mention["undated#0"] == lk.by_mention["dated#0"]) is joins, said
        if joins:
            evidence = lk.incidents[lk.by_mention["dated#0"]].evidence.values()
            assert any("weekday the undated text names" in (ev.get("time") or "") for ev in evidence)


def test_a_new_incident_is_judged_after_the_batch_against_an_older_one_that_grew_since():
    """A country-only report met the town's incident when it held only a post with no publication
    date, worded unlike it, and started its own; a dated report of the same strike, worded like both,
    joined the town's incident later in the batch. After the batch the country-only report is judged
    against the town's incident as it now stands, and they merge (the other way round, the undated
    post alone does not reach it)."""

    def rec(rid: str, t: str, places: list, anchor: str, said: str, day: str | None, pub: str | None):
        tm = {
            "text": said,
            "start": day,
            "end": None,
            "precision": "day" if day else "unknown",
            "span": span(t, said),
        }
        return record(rid, 0, t, event(t, "missile_strike", anchor, places=places, time=tm), source=rid,
                      kind="media", published=pub)  # fmt: skip

    pub = "2025-07-04T12:00:00+03:00"
    t1 = "On Friday, July 4 a missile hit an apartment block in Kharkiv, the governor said; nine people were hurt."
    t2 = "Ukraine: on Friday rescuers searched the rubble of a market hall nearby."
    t3 = ("A missile hit an apartment block in Kharkiv on Friday and nine people were hurt; rescuers searched "
          "the rubble of a market hall nearby.")  # fmt: skip
    ukraine = {"mention": "Ukraine", "span": span(t2, "Ukraine"), "kind": "country", "name": "Ukraine",
               "country": "UA", "precision": 3}  # fmt: skip
    recs = [rec("post", t1, [place(t1, "Kharkiv", "Kharkiv")], "a missile hit", "On Friday, July 4", None, None),
            rec("country", t2, [ukraine], "rescuers searched", "on Friday", "2025-07-04", pub),
            rec("town", t3, [place(t3, "Kharkiv", "Kharkiv")], "A missile hit", "on Friday", "2025-07-04", pub)]  # fmt: skip
    lk = Linker()
    lk.link(recs)
    assert lk.by_mention["post#0"] == lk.by_mention["town#0"] == lk.by_mention["country#0"]
    ev = lk.incidents[lk.by_mention["post#0"]].evidence["country#0"]
    assert any("only the country in common" in r for r in ev["reasons"])  # it started apart, at its turn
    assert any(
        e.action == "merge" and (e.detail or {}).get("reason") == "consolidated after the batch"
        for e in lk.log
    )
