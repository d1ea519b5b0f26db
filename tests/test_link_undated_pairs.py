"""Two undated reports of one dated strike, published a day apart (``pair_facts.dated_between``)."""

from __future__ import annotations

from dataclasses import replace

from test_link_fixtures import event, place, record

from skylog.link import Linker
from skylog.link.incident import Incident
from skylog.link.pair_facts import dated_between


def _undated(rid: str, published: str):
    t = "A drone hit a warehouse in Belgorod, the governor said; several people were hurt."
    ev = event(t, "drone_strike", "A drone hit", places=[place(t, "Belgorod", "Belgorod")])
    return record(rid, 0, t, ev, source=f"outlet {rid}", kind="media", published=published)


def _dated(rid: str, day: str):
    t = "On Sunday a drone hit a warehouse in Belgorod."
    time = {"text": "On Sunday", "start": day, "end": day, "precision": "day", "span": [0, 9]}
    ev = event(t, "drone_strike", "a drone hit", places=[place(t, "Belgorod", "Belgorod")], time=time)
    return record(rid, 0, t, ev, source=f"outlet {rid}", kind="media", published=f"{day}T20:00:00+03:00")


def _incidents(lk: Linker, first: list, second: list) -> tuple[Incident, Incident]:
    a, b = Incident(id="a", order=0), Incident(id="b", order=1)
    for f in lk.features(first):
        a.add(f)
    for f in lk.features(second):
        b.add(f)
    return a, b


def test_two_undated_reports_a_day_apart_are_one_strike_beside_the_report_that_dates_it():
    """A report of the day and the next morning's follow-up, both placed in time only by their
    publication, are "undated reports published 24 h apart" one to one; beside a member that dates
    the strike to the first day (and both agree with it) the gap is no contradiction."""
    lk = Linker(on_log=lambda e: None)
    day, next_day = _undated("day", "2025-06-22"), _undated("next", "2025-06-23")
    a, b = _incidents(lk, [day], [_dated("dated", "2025-06-22"), next_day])
    fa, fb = a.members[0], b.members[1]
    assert dated_between(fa, fb, a.members + b.members)
    assert lk._pairwise(a, b) and lk._pairwise(b, a)


def test_without_a_dated_member_or_with_another_days_the_gap_still_keeps_them_apart():
    lk = Linker(on_log=lambda e: None)
    day, next_day = _undated("day", "2025-06-22"), _undated("next", "2025-06-23")
    a, b = _incidents(lk, [day], [next_day])  # nothing dates the event: two nights' reports
    assert not dated_between(a.members[0], b.members[0], a.members + b.members)
    assert not lk._pairwise(a, b)
    # the dated member two days before the follow-up: it tells of that earlier strike, not this one
    a, b = _incidents(lk, [day], [_dated("dated", "2025-06-21"), next_day])
    assert not dated_between(a.members[0], b.members[1], a.members + b.members)
    assert not lk._pairwise(a, b)


def test_time_refusals_carry_a_code_beside_the_message_analysts_read():
    """``dated_between`` tests the refusal's code, not its wording: two undated reports a day apart are
    refused as ``PUBLISHED_APART`` with the message unchanged; a report with no window at all as
    ``NO_EVIDENCE``; a refusal of another kind (a type or place) has no time code."""
    from skylog.link.consolidate import alone
    from skylog.link.gates import members_conflict
    from skylog.link.relations import TimeRefusal, refusal_code

    lk = Linker(on_log=lambda e: None)
    a, b = _incidents(lk, [_undated("day", "2025-06-22")], [_undated("next", "2025-06-24")])
    why = members_conflict(a.members[0], alone(b.members[0]))
    assert why == "undated reports published 48 h apart"
    assert refusal_code(why) is TimeRefusal.PUBLISHED_APART
    no_window = replace(a.members[0], window=None)
    why = members_conflict(no_window, alone(b.members[0]))
    assert why == "no time evidence" and refusal_code(why) is TimeRefusal.NO_EVIDENCE
    assert refusal_code("incompatible event types") is None
