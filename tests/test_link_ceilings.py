"""Evidence ceilings (``link.ceilings``): a type pair alone, or missiles beside drones with nothing
else in common, never carries a link between two strikes of one city and day."""

from __future__ import annotations

from test_link_fixtures import claim, event, place, record

from skylog.link import Linker
from skylog.link.ceilings import apart_classes, weapon_class, weapons_apart


def _day(day: str, part: str | None) -> dict:
    return {"text": "on Sunday", "start": day, "end": day, "precision": "day", "span": None, "part": part}


def _strike(rid: str, weapon: str, day: str = "2025-06-22", part: str | None = None, killed: int = 0,
            injured: int = 0, source: str = "wire"):  # fmt: skip
    kind = "missile_strike" if weapon == "missile" else "drone_strike"
    t = f"A {weapon} attack hit Kharkiv on Sunday; {killed} dead and {injured} wounded, officials said."
    ev = event(
        t, kind, "attack hit", places=[place(t, "Kharkiv", "Kharkiv")], weapon=weapon, time=_day(day, part),
        killed=claim(t, killed, f"{killed} dead") if killed else None,
        injured=claim(t, injured, f"{injured} wounded") if injured else None,
    )  # fmt: skip
    return record(rid, 0, t, ev, source=source, kind="media", published=f"{day}T21:00:00+03:00")


def _debris(rid: str, part: str | None, killed: int = 4, injured: int = 120):
    t = f"Missile fragments fell on a beach in Kharkiv on Sunday: {killed} killed, {injured} injured."
    ev = event(
        t, "debris_fall", "fragments fell", places=[place(t, "Kharkiv", "Kharkiv")], weapon=None,
        time=_day("2025-06-22", part), killed=claim(t, killed, f"{killed} killed"),
        injured=claim(t, injured, f"{injured} injured"),
    )  # fmt: skip
    return record(rid, 0, t, ev, source="governor", kind="official", published="2025-06-22T22:00:00+03:00")


def _together(recs: list) -> bool:
    lk = Linker(on_log=lambda e: None)
    lk.link(recs)
    return len({lk.by_mention[r.id] for r in recs}) == 1


def test_a_type_pair_alone_needs_the_same_part_of_the_day():
    # "fragments fell" and a missile strike of one city and day and toll: one event only when
    # both texts put it in one part of the day; with none named, a second strike that day fits alike
    assert not _together([_debris("gov", None), _strike("wire", "missile", killed=5, injured=124)])
    assert _together(
        [_debris("gov", "afternoon"), _strike("wire", "missile", part="afternoon", killed=5, injured=124)]
    )


def test_missiles_and_drones_of_one_city_and_day_with_nothing_else_shared_stay_apart():
    assert not _together([_strike("a", "missile"), _strike("b", "drone", source="other")])
    # the same part of the day, or casualties of the same size, tie them: one combined attack
    assert _together(
        [_strike("a", "missile", part="morning"), _strike("b", "drone", part="morning", source="other")]
    )
    assert _together(
        [
            _strike("a", "missile", killed=6, injured=40),
            _strike("b", "drone", killed=6, injured=41, source="x"),
        ]
    )


def test_a_weapon_class_apart_from_every_weapon_the_incident_names():
    assert frozenset({"missile", "drone"}) in apart_classes()
    lk = Linker(on_log=lambda e: None)
    lk.link([_strike("a", "missile", part="morning")])
    drones = lk.features([_strike("b", "drone", source="other")])[0]
    assert weapons_apart(drones, lk.incidents[lk.by_mention["a#0"]])
    lk.link([_strike("c", "drone", part="morning", source="c")])  # the same morning: one combined attack
    both = lk.incidents[lk.by_mention["c#0"]]
    assert lk.by_mention["a#0"] == lk.by_mention["c#0"]
    assert not weapons_apart(drones, both)  # a member of another report names drones too


def test_a_strike_type_gives_its_weapon_class_where_the_text_names_none():
    # a follow-up typed a drone strike that names no weapon is still drones beside a missile strike
    lk = Linker(on_log=lambda e: None)
    lk.link([_strike("a", "missile")])
    unnamed = _strike("b", "drone", source="other")
    unnamed.event["weapon"] = None
    f = lk.features([unnamed])[0]
    assert weapon_class(f) == "drone"
    assert weapons_apart(f, lk.incidents[lk.by_mention["a#0"]])
    assert not _together([_strike("a", "missile"), unnamed])
