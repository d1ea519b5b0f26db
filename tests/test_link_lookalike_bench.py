"""The dev look-alike stress check (``bench.lookalike``): which gold incidents are look-alikes, and
how a detail is taken out of a mention."""

from __future__ import annotations

from bench.lookalike import _without, lookalike_pairs


def _inc(label: str, day: str, settlement: str | None, admin1: str | None = "Kharkiv Oblast") -> dict:
    return {"label": label, "date": day, "settlement": settlement, "admin1": admin1}


def test_look_alikes_are_one_place_on_the_same_or_a_neighbouring_day():
    incs = [
        _inc("night", "2024-05-25", "Kharkiv"),
        _inc("evening", "2024-05-25", "Kharkiv"),
        _inc("next", "2024-05-26", "Kharkiv"),
        _inc("later", "2024-05-28", "Kharkiv"),
        _inc("other town", "2024-05-25", "Chuhuiv"),
        _inc("region a", "2024-05-25", None),
        _inc("region b", "2024-05-26", None),
        _inc("national", "2024-05-25", None, None),
    ]
    assert lookalike_pairs(incs) == [
        ("evening", "next"),
        ("evening", "night"),
        ("next", "night"),
        ("region a", "region b"),
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
