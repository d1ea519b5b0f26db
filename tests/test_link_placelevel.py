"""A report placed only at a region containing the others' city, with the same toll (``link.placelevel``)."""

from __future__ import annotations

from test_link_fixtures import claim, event, place, record

from skylog.link import Linker


def _day(day: str) -> dict:
    return {"text": "on Wednesday", "start": day, "end": day, "precision": "day", "span": None}


def _city(rid: str, day: str, killed: int, injured: int, type_: str = "air_strike"):
    t = f"Guided bombs hit an industrial site in Kaluga on Wednesday: {killed} killed, {injured} injured."
    ev = event(
        t, type_, "Guided bombs hit", places=[place(t, "Kaluga", "Kaluga")], weapon="glide_bomb",
        time=_day(day), killed=claim(t, killed, f"{killed} killed"), injured=claim(t, injured, f"{injured} injured"),
    )  # fmt: skip
    return record(rid, 0, t, ev, source="city-news", kind="media", published=f"{day}T19:00:00+03:00")


def _region(rid: str, day: str, killed: int, type_: str = "missile_strike"):
    t = f"Губернатор: враг нанёс удар по Калужской области, погибли {killed} человек."
    ev = event(
        t, type_, "нанёс удар", places=[place(t, "Калужской области", "Kaluga Oblast")], weapon=None,
        time=_day(day), killed=claim(t, killed, f"погибли {killed} человек"),
    )  # fmt: skip
    return record(rid, 0, t, ev, source="governor", kind="official", published=f"{day}T20:00:00+03:00")


def test_region_level_report_with_the_same_toll_joins_the_citys_incident():
    lk = Linker(on_log=lambda e: None)
    lk.link(
        [
            _city("city", "2025-01-08", 13, 30),
            _city("city2", "2025-01-08", 13, 29),
            _region("gov", "2025-01-08", 13),
        ]
    )
    inc = lk.incidents[lk.by_mention["city#0"]]
    assert lk.by_mention["gov#0"] == inc.id
    reasons = " ".join(r for ev in inc.evidence.values() for r in ev.get("reasons") or [])
    assert "casualties of the same size: the less specific member" in reasons


def test_region_level_look_alikes_stay_apart():
    lk = Linker(on_log=lambda e: None)
    lk.link(
        [
            _city("city", "2025-01-08", 13, 30),
            _city("city2", "2025-01-08", 13, 29),
            _region("other-size", "2025-01-08", 2),  # the same day, another strike in the region
            _region("other-day", "2025-01-11", 13),  # the same region three days later
        ]
    )
    city = lk.by_mention["city#0"]
    assert lk.by_mention["other-size#0"] != city and lk.by_mention["other-day#0"] != city
