"""The dev missed-pair diagnostic (``bench.link_misses``): what dated each side of a missed pair."""

from __future__ import annotations

from datetime import date

from bench.link_misses import NO_EVENT, date_gap, refusal
from skylog.link import Linker

GOLD = date(2024, 11, 17)


def test_a_side_is_dated_by_its_nearest_mention_against_the_gold_date():
    assert date_gap([date(2024, 11, 17)], GOLD) == "on its day"
    # an evening strike told by others as the night after it
    assert date_gap([date(2024, 11, 18)], GOLD) == "the day after"
    assert date_gap([date(2024, 11, 16)], GOLD) == "a day before"
    assert date_gap([date(2024, 10, 17), None], GOLD) == "-31 days off"  # a source's slip of the month
    assert date_gap([date(2024, 11, 20), date(2024, 11, 18)], GOLD) == "the day after"  # the nearer one
    assert date_gap([date(2024, 11, 19)], GOLD) == "+2 days off"


def test_a_side_with_no_day_or_no_gold_date_is_undated():
    assert date_gap([None, None], GOLD) == "undated"
    assert date_gap([], GOLD) == "undated"
    assert date_gap([date(2024, 11, 17)], None) == "undated"


def test_a_report_with_no_extracted_event_is_its_own_class():
    assert refusal([], [object()]) == NO_EVENT
    assert refusal([object()], []) == NO_EVENT


def test_a_type_refused_pair_is_told_by_what_its_sides_share():
    from test_link_typepairs import _debris, _strike

    from bench.link_misses import shared
    from skylog.link import Linker

    gov, wire, far = Linker().features([
        _debris("gov", "Belgorod", "2025-06-22", 4, 120),
        _strike("wire", "Belgorod", "2025-06-22", 5, 124),
        _strike("far", "Kursk", "2025-06-25", 0, 1),
    ])  # fmt: skip
    assert shared([gov], [wire]) == "day+settlement+toll"
    assert shared([gov], [far]) == "nothing"
    assert shared([], [far]) == "nothing"


def test_a_pair_that_passes_alone_is_told_by_what_kept_it_apart():
    """``--passing``: two incidents seeded as one order may leave them (the page with no date alone, the
    town's two reports together): the evening report would join the page's incident now and no member
    pair of the two conflicts, so the order they formed in kept them apart; a dated town report and a
    page with no date and no toll in common are refused alone for want of time evidence."""
    from test_link_consolidate import DAY, _toll_report

    from bench.link_misses import blocker

    t_page = (
        "Flags flew at half-mast across the Kaluga region on Sunday for the 12 people who lost their lives."
    )
    t_wire = (
        "Kaluga came under shelling overnight; according to the mayor's office, there are dead and wounded."
    )
    t_late = "Kaluga came under a missile attack; according to the mayor's office, 12 people were killed."
    lk = Linker()
    page = lk.seed("inc-page", [_toll_report("page", t_page, "missile_strike", "lost their lives",
                                             ("Kaluga region", "Kaluga Oblast"), None)])  # fmt: skip
    town = lk.seed("inc-town", [
        _toll_report("wire", t_wire, "shelling", "shelling", ("Kaluga", "Kaluga"), "2025-06-20T12:00:00+03:00", DAY),
        _toll_report("late", t_late, "missile_strike", "missile attack", ("Kaluga", "Kaluga"),
                     "2025-06-20T20:00:00+03:00"),
    ])  # fmt: skip
    late = [m for m in town.members if m.rec.report_id == "late"]
    assert blocker(lk, page.members, late) == (
        "joins the other's incident now; no member pair conflicts (the order they formed in)"
    )
