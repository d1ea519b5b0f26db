"""A report's own geography as a coarse locator (``skylog.link.frame``): read, scored, guarded.

``frame_of`` is tested on place records; the linker tests stand the geoparse in with the same
records (``read_report`` patched), so they test the wiring and the gates, not the geocoder.
"""

from __future__ import annotations

from typing import Any

import pytest
from test_link_fixtures import PLACES, event, place, record

from skylog.link import Linker
from skylog.link import report_features as RF
from skylog.link.frame import ReportGeo, frame_of, frame_town, resolve_from


def _p(text: str, mention: str, key: str, **kw: Any) -> dict[str, Any]:
    return {**place(text, mention, key), **kw}


UKRAINE = {"kind": "country", "name": "Ukraine", "country": "UA", "precision": 3}
RUSSIA = {"kind": "country", "name": "Russia", "country": "RU", "precision": 3}


# ---- frame_of -------------------------------------------------------------------------------


def test_one_region_named_is_the_frame_at_region_precision():
    text = "A devastating event has occurred in Kharkiv, Ukraine, after a strike."
    places = [_p(text, "Kharkiv", "Kharkiv"), {"mention": "Ukraine", "span": [45, 52], **UKRAINE}]
    frame, why = frame_of(places, text)
    assert frame is not None and frame.admin1 == {"UA-63"} and frame.countries == {"UA"}
    assert not frame.spots and not frame.towns  # a region, never the town: no "same place" from a frame
    assert "UA-63" in why


def test_a_dateline_counts_only_when_the_report_names_nothing_else():
    text = "KYIV - Russia bombed a superstore in the city of Kharkiv, killing two."
    kyiv = {**place(text, "KYIV", "Kharkiv"), "admin1_code": "UA-30", "name": "Kyiv"}
    frame, _ = frame_of([kyiv, _p(text, "Kharkiv", "Kharkiv")], text)
    assert frame is not None and frame.admin1 == {"UA-63"}  # filed from Kyiv, about Kharkiv
    alone = "ODESA - Two drones hit a warehouse overnight."
    frame, _ = frame_of([_p(alone, "ODESA", "Odesa")], alone)
    assert frame is not None and frame.admin1 == {"UA-51"}


def test_several_regions_or_countries_give_no_frame():
    text = "Drones hit Kharkiv and Odesa overnight."
    assert frame_of([_p(text, "Kharkiv", "Kharkiv"), _p(text, "Odesa", "Odesa")], text)[0] is None
    text = "Strikes in Ukraine and Russia overnight."
    both = [
        {"mention": "Ukraine", "span": [11, 18], **UKRAINE},
        {"mention": "Russia", "span": [23, 29], **RUSSIA},
    ]
    assert frame_of(both, text)[0] is None
    text = "Drones hit Kharkiv and Lozova overnight."
    unresolved = {"mention": "Lozova", "span": [23, 29], "kind": "settlement"}
    assert frame_of([_p(text, "Kharkiv", "Kharkiv"), unresolved], text)[0] is None


def test_one_country_is_a_country_frame_and_demonyms_or_locators_are_no_frame():
    text = "Ukraine was attacked overnight by Russian drones."
    frame, _ = frame_of([{"mention": "Ukraine", "span": [0, 7], **UKRAINE},
                         {"mention": "Russian", "span": [34, 41], **RUSSIA, "relation": "adjective"}], text)  # fmt: skip
    assert frame is not None and frame.countries == {"UA"} and not frame.admin1
    text = "A depot 200 km from Kharkiv burned."
    assert frame_of([_p(text, "Kharkiv", "Kharkiv")], text)[0] is None


def test_the_attacking_state_named_as_a_country_is_not_the_incidents_place():
    from test_link_fixtures import claim, event

    from skylog.link.features import place_features
    from skylog.link.locators import attacker_countries
    from skylog.link.relations import place_relation

    text = "Overnight Russia hit the city again: drones struck a high-rise, the mayor of Kharkiv said."
    russia = {"mention": "Russia", "span": [10, 16], **RUSSIA}
    ev = event(text, "drone_strike", "struck", places=[russia],
               perpetrator=claim(text, "Russia", "Russia"))  # fmt: skip
    attackers = attacker_countries(ev, text)
    assert attackers == {"RU"}
    pf = place_features(ev["places"], text, attackers)
    assert not pf.known  # "Russia" names who struck: unknown place, not a conflict with Kharkiv
    kharkiv = place_features([_p(text, "Kharkiv", "Kharkiv")], text)
    assert place_relation(place_features(ev["places"], text), kharkiv)[0] is None  # as it was read before
    assert place_relation(pf, kharkiv)[0] is not None
    # a region of the attacking state stays a place (a strike may fall on its own soil)
    belgorod = _p("Drones hit Belgorod.", "Belgorod", "Belgorod")
    assert place_features([belgorod, russia], text, attackers).admin1
    # a denied claim, or a non-state actor, names no attacking state
    denied = claim(text, "Russia", "Russia", hedge="denied")
    assert attacker_countries({**ev, "perpetrator": denied}, text) == set()
    assert attacker_countries({**ev, "perpetrator": claim(text, "Hezbollah", "the city")}, text) == set()


def test_an_unresolved_place_is_read_as_its_report_resolves_it():
    text = "Five were killed in strikes on Kharkiv."
    unresolved = {"mention": "Kharkiv", "span": [31, 38], "kind": "settlement"}
    geo = ReportGeo((_p(text, "Kharkiv", "Kharkiv"),), None, "")
    pf = resolve_from([unresolved], geo, text)
    assert pf.admin1 == {"UA-63"} and PLACES["Kharkiv"]["gazetteer_id"] in pf.spots


def test_one_settlement_named_is_the_frames_town_and_two_are_none():
    text = "Guided bombs hit a hypermarket in Kharkiv, in Kharkiv Oblast."
    region = {"mention": "Kharkiv Oblast", "span": [46, 60], "kind": "region", "name": "Kharkiv Oblast",
              "country": "UA", "admin1_code": "UA-63", "precision": 3}  # fmt: skip
    assert PLACES["Kharkiv"]["gazetteer_id"] in frame_town([_p(text, "Kharkiv", "Kharkiv"), region], text)
    town = {**_p(text, "hypermarket", "Kharkiv"), "name": "Chuhuiv", "gazetteer_id": "other-town"}
    assert frame_town([_p(text, "Kharkiv", "Kharkiv"), town], text) == frozenset()


# ---- the linker -----------------------------------------------------------------------------


@pytest.fixture
def frames(monkeypatch):
    """Report id -> the place records its (patched) geoparse finds."""
    table: dict[str, list[dict[str, Any]]] = {}

    def read(text: str, title: str | None = None) -> ReportGeo:
        rid = next(k for k in table if text.startswith(k))
        frame, why = frame_of(table[rid], text)
        return ReportGeo(tuple(table[rid]), frame, why, frame_town(table[rid], text))

    monkeypatch.setattr(RF, "read_report", read)
    return table


DAY = {"text": "on May 25", "start": "2024-05-25", "end": "2024-05-25", "precision": "day"}


def _dated(rid: str, key: str, published: str, day: dict[str, Any] = DAY):
    text = f"{rid}: Russian guided bombs hit a hypermarket in {key} on May 25, killing two people."
    ev = event(text, "air_strike", "hit", weapon="glide_bomb", places=[place(text, key, key)],
               time={**day, "span": [text.find("on May"), text.find("on May") + 9]})  # fmt: skip
    return record(rid, 0, text, ev, source=f"src-{rid}", kind="media", published=published)


def _unplaced(rid: str, published: str, frames: dict, named: list[dict[str, Any]], key: str = "Kharkiv"):
    text = f"{rid}: A devastating event has occurred in {key}. A hypermarket was hit by two guided bombs."
    frames[rid] = [{**p, "span": [text.find(p["mention"]), text.find(p["mention"]) + len(p["mention"])]}
                   for p in named]  # fmt: skip
    ev = event(text, "air_strike", "was hit", weapon="glide_bomb", places=[])
    return record(rid, 0, text, ev, source=f"src-{rid}", kind="media", published=published)


def _together(lk: Linker, a: str, b: str) -> bool:
    return any({a, b} <= inc.reports for inc in lk.incidents.values())


def test_an_unplaced_mention_joins_by_its_reports_region_with_the_frame_as_its_reason(frames):
    lk = Linker(on_log=lambda e: None)
    lk.link([
        _dated("dated", "Kharkiv", "2024-05-25T19:00:00+03:00"),
        _unplaced("framed", "2024-05-25T20:00:00+03:00", frames, [{"mention": "Kharkiv", **PLACES["Kharkiv"]}]),
    ])  # fmt: skip
    assert _together(lk, "dated", "framed")
    inc = next(i for i in lk.incidents.values() if "framed" in i.reports)
    ev = inc.evidence["framed#0"]
    assert "the one town its report names" in ev["place"] and "UA-63" in ev["place"]
    assert ev["score"] < 0.9


def test_a_frames_town_other_than_the_incidents_counts_only_as_its_region(frames):
    chuhuiv = {**PLACES["Kharkiv"], "name": "Chuhuiv", "gazetteer_id": "other-town", "mention": "Chuhuiv"}
    lk = Linker(on_log=lambda e: None)
    lk.link([_dated("dated", "Kharkiv", "2024-05-25T19:00:00+03:00")])
    (inc,) = lk.incidents.values()
    rec = _unplaced("framed", "2024-05-25T20:00:00+03:00", frames, [chuhuiv], "Chuhuiv")
    (f,) = lk.features([rec])
    assert f.framed and f.frame_town
    ev, why = lk._assess(f, inc)
    assert ev is not None, why
    assert "one town" not in ev.place and "region" in ev.place
    frames["framed"] = [{"mention": "Kharkiv", **PLACES["Kharkiv"]}]  # the incident's own town
    (f,) = lk.features([rec])
    ev, why = lk._assess(f, inc)
    assert ev is not None and "the one town its report names" in ev.place


def test_a_frame_in_another_region_blocks_and_no_frame_stays_unknown(frames):
    lk = Linker(on_log=lambda e: None)
    lk.link([
        _dated("dated", "Kharkiv", "2024-05-25T19:00:00+03:00"),
        _unplaced("odesa", "2024-05-25T20:00:00+03:00", frames, [{"mention": "Odesa", **PLACES["Odesa"]}], "Odesa"),
    ])  # fmt: skip
    assert not _together(lk, "dated", "odesa")
    framed = next(i for i in lk.incidents.values() if "odesa" in i.reports)
    assert framed.members[0].framed and framed.members[0].places.admin1 == {"UA-51"}
    # two regions named: no frame, the mention stays unplaced (unknown is not a wildcard)
    lk = Linker(on_log=lambda e: None)
    two = [{"mention": "Odesa", **PLACES["Odesa"]}, {"mention": "Kharkiv", **PLACES["Kharkiv"]}]
    lk.link([_unplaced("two", "2024-05-25T20:00:00+03:00", frames, two, "Odesa and Kharkiv")])
    (inc,) = lk.incidents.values()
    assert inc.members[0].framed is None and not inc.members[0].places.known


def test_a_frame_never_ties_an_undated_report_to_an_event_dated_after_its_publication_day(frames):
    next_day = {"text": "on May 26", "start": "2024-05-26", "end": "2024-05-26", "precision": "day"}
    lk = Linker(on_log=lambda e: None)
    lk.link([
        _unplaced("early", "2024-05-25", frames, [{"mention": "Kharkiv", **PLACES["Kharkiv"]}]),
        _dated("later", "Kharkiv", "2024-05-26T10:00:00+03:00", next_day),
    ])  # fmt: skip
    assert not _together(lk, "early", "later")
    inc = next(i for i in lk.incidents.values() if "later" in i.reports)
    assert "published before the day the event is dated" in " ".join(inc.evidence["later#0"]["reasons"])


def test_a_country_frame_alone_is_no_place_evidence(frames):
    lk = Linker(on_log=lambda e: None)
    lk.link([
        _dated("dated", "Kharkiv", "2024-05-25T19:00:00+03:00"),
        _unplaced("country", "2024-05-25T20:00:00+03:00", frames,
                  [{"mention": "Ukraine", **UKRAINE}], "Ukraine"),
    ])  # fmt: skip
    inc = next(i for i in lk.incidents.values() if "country" in i.reports)
    assert inc.members[0].places.countries == {"UA"}
    ev = inc.evidence["country#0"]
    if "dated" in inc.reports:  # only its wording may carry it: the place scores as unknown
        assert ev["text_similarity"] >= 0.5


def test_the_frame_is_read_in_the_reports_language():
    from skylog.nlp.lang import script_language

    assert script_language("Drones hit Kharkiv overnight.") == "en"
    assert script_language("Уночі дрони атакували Харків, загинули двоє людей.") == "uk"
    assert script_language("Ночью дроны атаковали Белгород, пострадавших нет.") == "ru"
