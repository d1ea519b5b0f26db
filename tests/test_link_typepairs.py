"""One strike told as different event types (``link.typepairs``, ``link/type_pairs.toml``)."""

from __future__ import annotations

from test_link_fixtures import claim, event, place, record

from skylog.link import Linker
from skylog.link.typepairs import listed, same_size, table


def _day(day: str, part: str | None = "afternoon") -> dict:
    """A day, with the part of the day both texts name (a type pair alone needs one: ``link.ceilings``)."""
    return {"text": "on Sunday", "start": day, "end": day, "precision": "day", "span": None, "part": part}


def _debris(rid: str, town: str, day: str, killed: int, injured: int):
    t = f"Missile fragments fell on a beach in {town} on Sunday: {killed} killed, {injured} injured."
    ev = event(
        t, "debris_fall", "fragments fell", places=[place(t, town, town)], weapon=None, time=_day(day),
        killed=claim(t, killed, f"{killed} killed"), injured=claim(t, injured, f"{injured} injured"),
    )  # fmt: skip
    return record(rid, 0, t, ev, source="governor", kind="official", published=f"{day}T18:00:00+03:00")


def _strike(rid: str, town: str, day: str, killed: int, injured: int, type_: str = "missile_strike"):
    t = f"A strike on {town} left {killed} dead and {injured} wounded, officials said."
    ev = event(
        t, type_, "A strike", places=[place(t, town, town)], weapon="missile", time=_day(day),
        killed=claim(t, killed, f"{killed} dead"), injured=claim(t, injured, f"{injured} wounded"),
    )  # fmt: skip
    return record(rid, 0, t, ev, source="wire", kind="media", published=f"{day}T20:00:00+03:00")


def _together(lk: Linker, a: str, b: str) -> bool:
    return lk.by_mention[a] == lk.by_mention[b]


def test_debris_fall_and_missile_strike_of_one_toll_are_one_incident_with_the_evidence():
    lk = Linker(on_log=lambda e: None)
    lk.link(
        [_debris("gov", "Belgorod", "2025-06-22", 4, 120), _strike("wire", "Belgorod", "2025-06-22", 5, 124)]
    )
    assert _together(lk, "gov#0", "wire#0")
    inc = lk.incidents[lk.by_mention["gov#0"]]
    reasons = " ".join(r for ev in inc.evidence.values() for r in ev.get("reasons") or [])
    assert "one event told two ways (casualties of the same size)" in reasons


def test_shelling_of_a_city_and_the_interception_there_join_by_their_toll():
    gov = _debris("gov", "Belgorod", "2025-06-22", 3, 100)
    gov.event["type"] = "interception"
    lk = Linker(on_log=lambda e: None)
    lk.link([gov, _strike("ru", "Belgorod", "2025-06-22", 4, 124, type_="shelling")])
    assert _together(lk, "gov#0", "ru#0")


def test_look_alikes_stay_apart():
    lk = Linker(on_log=lambda e: None)
    lk.link(
        [
            _debris("gov", "Belgorod", "2025-06-22", 4, 120),
            _strike("next-day", "Belgorod", "2025-06-25", 5, 124),  # the same city another day
            _strike("other-town", "Kursk", "2025-06-22", 5, 124),  # the same day another town
            _debris("small", "Kharkiv", "2025-06-22", 1, 2),
            _strike("small-strike", "Kharkiv", "2025-06-22", 0, 2),  # "2 injured" recurs every day
            _debris("far", "Sumy", "2025-06-22", 2, 10),
            _strike("far-strike", "Sumy", "2025-06-22", 5, 60),  # a toll of another size
        ]
    )
    assert len({lk.by_mention[m] for m in lk.by_mention}) == 7


def test_table_lists_pairs_both_ways_and_sizes():
    assert listed("missile_strike", "debris_fall") is listed("debris_fall", "missile_strike") is not None
    assert listed("missile_strike", "missile_strike") is None
    assert table().min_toll >= 5
    assert same_size({"killed": 3, "injured": 100}, {"killed": 5, "injured": 124})
    assert not same_size({"injured": 2}, {"injured": 2})
    assert not same_size({"killed": 5}, {"killed": 9, "injured": 60})
    assert same_size({"killed": 13}, {"killed": 13, "injured": 30})  # the figures both give


def test_weapon_frame_needs_the_pairs_weapon_and_another_report():
    from skylog.link.typepairs import Pair, frame

    a, b = _strike("a", "Belgorod", "2025-06-22", 0, 0), _debris("b", "Belgorod", "2025-06-22", 0, 0)
    b.event["weapon"] = "missile"
    fa, fb = Linker().features([a, b])
    assert (
        frame(fa, fb, Pair(frozenset({"weapon"}), frozenset({"missile"}), 0.6))
        == "both name the weapon (missile)"
    )
    assert frame(fa, fb, Pair(frozenset({"weapon"}), frozenset({"drone"}), 0.6)) == ""
    assert frame(fa, fa, Pair(frozenset({"weapon"}), frozenset({"missile"}), 0.6)) == ""


def test_a_drones_debris_and_the_drone_strike_of_one_toll_are_one_incident():
    """A drone fell, "20 hurt" (debris_fall), and "a drone struck, 20 wounded": the drone counterpart
    of the missile pair; the same city another day or another town the same day stay apart."""
    assert listed("drone_strike", "debris_fall") is not None
    debris = _debris("gov", "Belgorod", "2025-06-22", 0, 20)
    debris.event["weapon"] = "drone"

    def drone(rid: str, town: str, day: str):
        s = _strike(rid, town, day, 0, 20, type_="drone_strike")
        s.event["weapon"] = "drone"
        return s

    lk = Linker(on_log=lambda e: None)
    lk.link([debris, drone("wire", "Belgorod", "2025-06-22"), drone("later", "Belgorod", "2025-06-25"),
             drone("elsewhere", "Kursk", "2025-06-22")])  # fmt: skip
    assert _together(lk, "gov#0", "wire#0")
    assert not _together(lk, "gov#0", "later#0") and not _together(lk, "gov#0", "elsewhere#0")


def _drone(rid: str, town: str, day: str, killed: int, injured: int, type_: str = "drone_strike"):
    if type_ == "debris_fall":
        rec = _debris(rid, town, day, killed, injured)
    else:
        rec = _strike(rid, town, day, killed, injured, type_)
    rec.event["weapon"] = "drone"
    return rec


def test_a_drones_debris_and_the_drone_strike_of_one_town_and_day_join_by_the_town():
    """Too few hurt for a toll frame, no name shared: one settlement named alone on one day, with no
    casualty figure that differs, ties a drone's debris to "drones struck the town"."""
    lk = Linker(on_log=lambda e: None)
    lk.link([_drone("gov", "Belgorod", "2025-06-22", 0, 1, "debris_fall"),
             _drone("wire", "Belgorod", "2025-06-22", 0, 1)])  # fmt: skip
    assert _together(lk, "gov#0", "wire#0")
    inc = lk.incidents[lk.by_mention["gov#0"]]
    reasons = " ".join(r for ev in inc.evidence.values() for r in ev.get("reasons") or [])
    assert "one event told two ways (one settlement" in reasons


def test_the_town_frame_keeps_the_next_day_and_another_toll_apart():
    """The same town the next day, or the same day with another toll ("3 killed" beside "1 injured,
    no one killed"), is another strike; the missile pairs take no town frame at all."""
    lk = Linker(on_log=lambda e: None)
    lk.link([_drone("gov", "Belgorod", "2025-06-22", 0, 1, "debris_fall"),
             _drone("next-day", "Belgorod", "2025-06-23", 0, 1),
             _drone("gov2", "Kursk", "2025-06-22", 0, 1, "debris_fall"),
             _drone("other-toll", "Kursk", "2025-06-22", 3, 1),
             _debris("gov3", "Sumy", "2025-06-22", 0, 1),
             _strike("missile", "Sumy", "2025-06-22", 0, 1)])  # fmt: skip
    assert len({lk.by_mention[m] for m in lk.by_mention}) == 6


def test_tolls_agree_only_where_no_figure_both_give_differs():
    from skylog.link.typepairs import tolls_agree

    assert tolls_agree({"injured": 1.0}, {"injured": 1.0}) and tolls_agree({}, {"killed": 2.0})
    assert tolls_agree({"killed": 4.0}, {"killed": 5.0, "injured": 9.0})  # a toll that grew
    assert not tolls_agree({"killed": 0.0, "injured": 1.0}, {"killed": 3.0, "injured": 1.0})
    assert not tolls_agree({"injured": 1.0}, {"injured": 6.0})
