"""A time that is only a statement's day (``time.basis`` "statement": "..., local television reported
on September 25") bounds its event, never dates it: the linker places it as it places a report by its
publication on that day (the day before it, the same checks), so it joins the previous evening's strike
in the same town, but not a strike two days before, one in another town, or one dated after it."""

from __future__ import annotations

import pytest
from test_link_fixtures import claim, event, place, record, span

from skylog.link import Linker

STRIKE = "A drone struck a residential building in {town} on {when}, injuring 19 people, the mayor said."
SAID = (
    "A drone struck a residential building in Kursk, injuring 19 people, local television reported on {when}."
)


def _rec(rid: str, text: str, town: str, when: str, day: str, published: str, basis: str | None = None):
    time = {"text": when, "start": day, "end": day, "precision": "day", "span": span(text, when)}
    if basis:
        time["basis"] = basis
    ev = event(text, "drone_strike", "A drone struck", places=[place(text, town, town)], time=time,
               injured=claim(text, 19, "19 people"))  # fmt: skip
    return record(rid, 0, text, ev, source=rid, kind="media", published=published)


def _strike(rid: str, town: str, when: str, day: str):
    return _rec(rid, STRIKE.format(town=town, when=when), town, when, day, f"{day}T22:30:00+03:00")


def _said(when: str = "September 25", day: str = "2025-09-25", basis: str | None = "statement"):
    return _rec("said", SAID.format(when=when), "Kursk", when, day, f"{day}T09:00:00+03:00", basis)


def _together(lk: Linker, a: str, b: str) -> bool:
    return lk.by_mention[f"{a}#0"] == lk.by_mention[f"{b}#0"]


def test_a_statement_dated_report_joins_the_previous_days_strike_and_says_why():
    lk = Linker()
    lk.link([_strike("strike", "Kursk", "Wednesday evening", "2025-09-24"), _said()])
    assert _together(lk, "strike", "said")
    ev = lk.incidents[lk.by_mention["said#0"]].evidence["said#0"]
    assert any("statement's day" in r for r in ev["reasons"]), ev["reasons"]
    assert any("placed in time by its report's published" in r for r in ev["reasons"]), ev["reasons"]


def test_the_same_day_as_an_exact_day_of_its_own_does_not_join():
    """Without the basis the statement's day is the event's: the day after the strike, another event."""
    lk = Linker()
    lk.link([_strike("strike", "Kursk", "Wednesday evening", "2025-09-24"), _said(basis=None)])
    assert not _together(lk, "strike", "said")


@pytest.mark.parametrize(
    ("town", "when", "day"),
    [
        ("Kursk", "Tuesday evening", "2025-09-23"),  # two days before the statement
        ("Bryansk", "Wednesday evening", "2025-09-24"),  # another town
        ("Kursk", "Friday evening", "2025-09-26"),  # after the statement: it cannot tell of it
    ],
)
def test_a_statement_dated_report_does_not_join_another_day_or_place(town, when, day):
    lk = Linker()
    lk.link([_strike("strike", town, when, day), _said()])
    assert not _together(lk, "strike", "said")
