"""Linking recall mechanisms: one event a report tells twice, and undated reports between two events."""

from __future__ import annotations

from test_link_fixtures import event, place, record

from skylog.link import Linker, MentionRecord


def _day(start: str, text: str = "overnight") -> dict:
    return {"text": text, "start": start, "end": None, "precision": "day", "span": None}


def test_a_report_telling_one_event_twice_keeps_both_mentions_in_its_incident():
    t = "A missile hit a high-rise in Kharkiv overnight, the governor said."
    other = record("other", 0, t, event(t, "missile_strike", "A missile hit", places=[place(t, "Kharkiv", "Kharkiv")],
                                        weapon="missile", time=_day("2025-06-20")),
                   source="Kharkiv News", kind="media", published="2025-06-20T08:00:00+03:00")  # fmt: skip
    t2 = ("Overnight rockets and shells hit Kharkiv and Odesa. In Kharkiv a rocket hit a high-rise, "
          "the governor said.")  # fmt: skip
    both = event(t2, "shelling", "rockets and shells hit", weapon="artillery", time=_day("2025-06-20"),
                 places=[place(t2, "Kharkiv", "Kharkiv"), place(t2, "Odesa", "Odesa")])  # fmt: skip
    kharkiv = event(t2, "missile_strike", "a rocket hit", weapon="missile", time=_day("2025-06-20"),
                    places=[place(t2, "Kharkiv", "Kharkiv", after="In Kharkiv")])  # fmt: skip
    recs = [record("twice", i, t2, ev, source="Wire", kind="media", published="2025-06-20T09:00:00+03:00")
            for i, ev in enumerate((both, kharkiv))]  # fmt: skip
    lk = Linker()
    lk.link([other, *recs])
    inc = lk.by_mention["other#0"]
    assert lk.by_mention["twice#0"] == inc and lk.by_mention["twice#1"] == inc
    reasons = lk.incidents[inc].evidence["twice#1"]["reasons"]
    assert any("one event told twice" in r for r in reasons)


def test_a_report_naming_two_towns_in_two_mentions_keeps_them_apart():
    t = "Overnight a drone hit Kharkiv. Later a drone hit a port in Odesa."
    evs = [event(t, "drone_strike", "a drone hit", time=_day("2025-06-20"), places=[place(t, "Kharkiv", "Kharkiv")]),
           event(t, "drone_strike", "a drone hit a port", time=_day("2025-06-20"),
                 places=[place(t, "Odesa", "Odesa")])]  # fmt: skip
    recs = [record("two", i, t, ev, source="Wire", kind="media", published="2025-06-20T09:00:00+03:00")
            for i, ev in enumerate(evs)]  # fmt: skip
    lk = Linker()
    lk.link(recs)
    assert lk.by_mention["two#0"] != lk.by_mention["two#1"]


def _strike(rid: str, text: str, day: str | None, published: str) -> MentionRecord:
    ev = event(text, "drone_strike", "drone", places=[place(text, "Odesa", "Odesa")],
               time=_day(day, "on Sunday") if day else None)  # fmt: skip
    return record(rid, 0, text, ev, source=f"{rid} outlet", kind="media", published=published)


def test_an_undated_report_between_two_dated_strikes_on_its_town_joins_neither():
    sunday = _strike("sun", "On Sunday a drone hit an air base in Odesa, the army said.", "2025-05-04",
                     "2025-05-04T18:00:00+00:00")  # fmt: skip
    monday = _strike("mon", "On Monday a drone hit fuel depots in Odesa, sources said.", "2025-05-05",
                     "2025-05-05T10:00:00+00:00")  # fmt: skip
    # published the day after the first, the day of the second; its text names no day
    undated = _strike(
        "und", "A drone attack hit Odesa, the military said.", None, "2025-05-05T00:00:00+00:00"
    )
    # a dated report that fits the second strongly and the undated one too: it merges nothing through it
    later = _strike("later", "On Monday a drone attack hit fuel depots in Odesa, the military said.",
                    "2025-05-05", "2025-05-05T12:00:00+00:00")  # fmt: skip
    lk = Linker()
    lk.link([sunday, monday])  # both strikes are known when the undated report comes in
    lk.link([undated, later])
    mine = lk.by_mention["und#0"]
    assert mine not in (lk.by_mention["sun#0"], lk.by_mention["mon#0"])
    assert lk.incidents[mine].reports == {"und"}
    assert any("fit two different events" in r for r in lk.incidents[mine].evidence["und#0"]["reasons"])
    assert lk.by_mention["later#0"] == lk.by_mention["mon#0"]
