"""The dev missed-pair diagnostic (``bench.link_misses``): what dated each side of a missed pair."""

from __future__ import annotations

from datetime import date

from bench.link_misses import NO_EVENT, date_gap, refusal

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
