"""The dev look-alike stress check (``bench.lookalike``): which gold incidents are look-alikes, and
how a detail is taken out of a mention."""

from __future__ import annotations

from bench.lookalike import _without, lookalike_pairs


def _inc(label: str, day: str, settlement: str | None, admin1: str | None = "Kharkiv Oblast") -> dict:
    return {"label": label, "date": day, "settlement": settlement, "admin1": admin1}


def test_look_alikes_are_one_place_within_two_days_or_one_region_on_one_day():
    incs = [
        _inc("night", "2024-05-25", "Kharkiv"),
        _inc("evening", "2024-05-25", "Kharkiv"),
        _inc("next", "2024-05-26", "Kharkiv"),
        _inc("later", "2024-05-28", "Kharkiv"),
        _inc("other town", "2024-05-25", "Chuhuiv"),
        _inc("region b", "2024-05-26", None),
        _inc("national", "2024-05-25", None, None),
    ]
    assert lookalike_pairs(incs) == [
        ("evening", "next"),
        ("evening", "night"),
        ("evening", "other town"),  # two towns of one region on one day
        ("later", "next"),  # one city two days apart
        ("next", "night"),
        ("next", "region b"),
        ("night", "other town"),
    ]


def test_a_detail_taken_out_leaves_the_rest():
    ev = {"time": {"start": "2024-05-25", "precision": "hour", "part": "evening"}, "target": {"value": "a school"},
          "damage": None, "count": {"value": 3}, "launched": None, "killed": {"value": 2}, "injured": None}  # fmt: skip
    assert _without(ev, "clock")["time"] is None and _without(ev, "clock")["target"] == {"value": "a school"}
    assert _without(ev, "target")["target"] is None and _without(ev, "target")["killed"] == {"value": 2}
    assert _without(ev, "count")["count"] is None and _without(ev, "count")["killed"] is None
    assert _without(ev, "time")["time"] is None
    day = {**ev, "time": {"start": "2024-05-25", "precision": "day", "part": "night", "part_span": [0, 5]}}
    assert _without(day, "clock")["time"] == {"start": "2024-05-25", "precision": "day"}
    assert ev["time"]["part"] == "evening"  # the original is untouched


def test_a_weapon_or_a_settlement_taken_out():
    town = {"mention": "Kharkiv", "kind": "settlement", "name": "Kharkiv", "country": "UA",
            "admin1": "Kharkiv Oblast", "admin1_code": "UA-63", "admin2": None, "lat": 50.0, "lon": 36.2}  # fmt: skip
    ev = {"weapon": "missile", "places": [town, {"kind": "country", "name": "Ukraine", "admin1": None}]}
    assert _without(ev, "weapon")["weapon"] is None and _without(ev, "weapon")["places"] == ev["places"]
    region = _without(ev, "settlement")["places"]
    assert (
        region[0]["kind"] == "region" and region[0]["name"] == "Kharkiv Oblast" and region[0]["lat"] is None
    )
    assert region[0]["admin1_code"] == "UA-63" and region[1] == ev["places"][1]
    assert _without(ev, "settlement")["weapon"] == "missile"
