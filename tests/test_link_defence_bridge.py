"""A downing whose own text tells of the impact is the strike told from its defence (#13).

"Four missiles were shot down; the fifth's fragments fell on the beach" is typed an interception,
while other outlets tell of the missile strike on the same city that day. The interception's own
text ties the downing to an impact, so it joins the strike's incident (``relations.type_pair``);
and once the incident holds such a downing beside a real strike, another report of that strike
joins it too (``Incident.defence_bridge``). A downing that tells of no impact, a country's tally,
and the same city another day stay apart.
"""

from __future__ import annotations

from test_link_fixtures import event, place, record

from skylog.link import Linker


def _day(day: str) -> dict:
    return {"text": "on Sunday", "start": day, "end": day, "precision": "day", "span": None}


def _strike(rid: str, town: str, day: str, dated: bool = True):
    when = " on Sunday" if dated else ""
    t = f"Missiles struck {town}{when}, officials said. Rescuers are working at the site."
    ev = event(t, "missile_strike", "Missiles struck", places=[place(t, town, town)], weapon="missile",
               time=_day(day) if dated else None)  # fmt: skip
    return record(rid, 0, t, ev, source=f"wire-{rid}", kind="media", published=f"{day}T20:00:00+03:00")


def _downing(rid: str, town: str, day: str, impact: bool = True):
    tail = "and debris of the fifth damaged houses on a beach" if impact else "and no damage was done"
    t = f"Air defence shot down four missiles over {town} on Sunday, {tail}, the ministry said."
    ev = event(t, "interception", "shot down", places=[place(t, town, town)], weapon="missile",
               time=_day(day))  # fmt: skip
    return record(rid, 0, t, ev, source=f"ministry-{rid}", kind="official", published=f"{day}T15:00:00+03:00")


def _together(lk: Linker, a: str, b: str) -> bool:
    return lk.by_mention[a] == lk.by_mention[b]


def test_a_downing_that_tells_of_the_impact_joins_the_strike():
    lk = Linker(on_log=lambda e: None)
    lk.link([_strike("wire", "Belgorod", "2025-06-22"), _downing("mod", "Belgorod", "2025-06-22")])
    assert _together(lk, "wire#0", "mod#0")
    inc = lk.incidents[lk.by_mention["mod#0"]]
    assert inc.defence_bridge


def test_another_report_of_the_strike_joins_beside_such_a_downing():
    # the later report gives no day of its own: only the linker's pass can take it in, not the merge
    # of incidents after a batch (which rests on members dated by their texts)
    lk = Linker(on_log=lambda e: None)
    lk.link([_strike("first", "Belgorod", "2025-06-22"), _downing("mod", "Belgorod", "2025-06-22")])
    lk.link([_strike("later", "Belgorod", "2025-06-22", dated=False)])
    assert _together(lk, "first#0", "mod#0") and _together(lk, "later#0", "mod#0")


def test_a_downing_with_no_impact_and_look_alikes_stay_apart():
    lk = Linker(on_log=lambda e: None)
    lk.link(
        [
            _strike("wire", "Belgorod", "2025-06-22"),
            _downing("quiet", "Belgorod", "2025-06-22", impact=False),  # tells only of the downing
            _downing("next-day", "Belgorod", "2025-06-24"),  # the same city another day
            _downing("other-town", "Kursk", "2025-06-22"),  # the same day another city
        ]
    )
    assert len({lk.by_mention[m] for m in lk.by_mention}) == 4
