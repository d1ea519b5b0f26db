"""Parts of the day in linking (``link.dayparts``): one city hit twice on one date, a night attack and
an evening attack, stays two incidents; a "this morning" follow-up of the night attack joins it; a time
with no part is compatible with every part; the relation is shown with the link's evidence."""

from __future__ import annotations

from test_link_fixtures import claim, event, place, record, span

from skylog.link import Linker
from skylog.link.dayparts import relation

DAY = "2025-10-22"


def _strike(rid: str, text: str, when: str, published: str, part: str | None, injured: int) -> object:
    time = {"text": when, "start": DAY, "end": DAY, "precision": "day", "span": span(text, when)}
    if part:
        time.update(part=part, part_span=span(text, when))
    ev = event(text, "drone_strike", text.split(",")[0], places=[place(text, "Kharkiv", "Kharkiv")],
               time=time, injured=claim(text, injured, f"{injured} people"))  # fmt: skip
    return record(rid, 0, text, ev, source=rid, kind="media", published=published)


def _night():
    t = "Russian drones struck a residential building in Kharkiv overnight, injuring 3 people, the mayor said."
    return _strike("night", t, "overnight", f"{DAY}T08:10:00+03:00", "night", 3)


def _evening(part: str | None = "evening"):
    t = "Russian drones struck a residential building in Kharkiv in the evening, injuring 2 people, the mayor said."
    return _strike("evening", t, "in the evening", f"{DAY}T21:40:00+03:00", part, 2)


def _morning_follow_up():
    t = "Russian drones struck a residential building in Kharkiv, injuring 3 people; this morning rescuers cleared debris."
    return _strike("morning", t, "this morning", f"{DAY}T11:00:00+03:00", "morning", 3)


def _together(lk: Linker, a: str, b: str) -> bool:
    return lk.by_mention[f"{a}#0"] == lk.by_mention[f"{b}#0"]


def test_parts_of_one_day_in_order():
    assert relation("night", "night") == "same"
    assert relation("night", "morning") == relation("afternoon", "evening") == "adjacent"
    assert (
        relation("night", "evening")
        == relation("night", "afternoon")
        == relation("morning", "evening")
        == "apart"
    )


def test_a_night_and_an_evening_attack_of_one_date_stay_apart():
    lk = Linker()
    lk.link([_night(), _evening()])
    assert not _together(lk, "night", "evening")


def test_a_this_morning_follow_up_still_joins_the_night_attack_and_says_why():
    lk = Linker()
    lk.link([_night(), _morning_follow_up(), _evening()])
    assert _together(lk, "night", "morning")
    assert not _together(lk, "evening", "morning") and not _together(lk, "evening", "night")
    inc = lk.incidents[lk.by_mention["night#0"]]
    reasons = [r for ev in inc.evidence.values() for r in ev.get("reasons") or []]
    assert any(r.startswith("part of the day: morning / night (adjacent)") for r in reasons), reasons


def test_an_unknown_part_is_compatible_with_every_part():
    lk = Linker()
    lk.link([_night(), _evening(part=None)])
    assert _together(lk, "night", "evening")  # nothing but the part tells them apart


# ---- across midnight: one timeline of days' parts -------------------------------------------------

EVE = "2025-10-21"  # the day before DAY


def _dated(rid: str, day: str, when: str, part: str | None, published: str) -> object:
    t = f"Russian drones struck a residential building in Kharkiv {when}, injuring 3 people, the mayor said."
    time = {"text": when, "start": day, "end": day, "precision": "day", "span": span(t, when)}
    if part:
        time.update(part=part, part_span=span(t, when))
    ev = event(t, "drone_strike", "Russian drones struck", places=[place(t, "Kharkiv", "Kharkiv")], time=time,
               injured=claim(t, 3, "3 people"))  # fmt: skip
    return record(rid, 0, t, ev, source=rid, kind="media", published=published)


def _undated(rid: str, published: str) -> object:
    t = "Russian drones struck a residential building in Kharkiv, injuring 3 people, the mayor said."
    ev = event(t, "drone_strike", "Russian drones struck", places=[place(t, "Kharkiv", "Kharkiv")],
               injured=claim(t, 3, "3 people"))  # fmt: skip
    return record(rid, 0, t, ev, source=rid, kind="media", published=published)


def _late(part: str = "evening") -> object:
    return _dated("late", EVE, "late on Tuesday", part, f"{EVE}T23:40:00+03:00")


def _overnight() -> object:
    return _dated("overnight", DAY, "overnight", "night", f"{DAY}T08:10:00+03:00")


def _said_after(published: str = f"{DAY}T09:00:00+03:00") -> object:
    return _dated("after", EVE, "on Tuesday night", None, published)  # "Friday night": no part


def test_a_days_evening_and_the_next_dates_night_are_one_night():
    lk = Linker()
    lk.link([_late(), _overnight()])
    assert _together(lk, "late", "overnight")


def test_a_days_afternoon_and_the_next_dates_night_stay_apart():
    lk = Linker()
    lk.link([_late("afternoon"), _overnight()])
    assert not _together(lk, "late", "overnight")


def test_a_night_said_after_its_day_is_that_days_evening_and_the_night_after():
    lk = Linker()
    lk.link([_said_after(), _overnight()])
    assert _together(lk, "after", "overnight")  # "Tuesday night" and "overnight" into Wednesday
    small_hours = _dated("small", EVE, "overnight", "night", f"{EVE}T08:00:00+03:00")
    lk = Linker()
    lk.link([_said_after(f"{EVE}T23:00:00+03:00"), small_hours])
    assert not _together(lk, "after", "small")  # not the night into Tuesday


def test_a_night_said_after_its_day_is_not_the_next_afternoon():
    afternoon = _dated("afternoon", DAY, "on Wednesday afternoon", "afternoon", f"{DAY}T16:00:00+03:00")
    lk = Linker()
    lk.link([_said_after(), afternoon])
    assert not _together(lk, "after", "afternoon")


def test_a_report_with_no_time_published_before_the_evening_began_does_not_tell_of_it():
    lk = Linker()
    lk.link([_evening(), _undated("early", f"{DAY}T09:30:00+03:00")])
    assert not _together(lk, "evening", "early")
    lk = Linker()
    lk.link([_evening(), _undated("after", f"{DAY}T22:30:00+03:00")])
    assert _together(lk, "evening", "after")
