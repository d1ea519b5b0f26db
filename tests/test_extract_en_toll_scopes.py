"""English tolls of one report told as updates, parts and running totals, on texts written for these tests
(not the corpora; #15)."""

from __future__ import annotations

import pytest

from skylog.extract.common.numbers import numbers_of
from skylog.extract.en.casualties import casualties


def tolls(sentence: str) -> dict[str, int]:
    return {k: f.value for k, f in casualties(sentence, 0, numbers_of(sentence, "en")).items()}


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        # the figure a toll rose to holds the people told as more after it: the increment, not more people
        ("The death toll rose to 10 on Monday, with two more bodies pulled from the rubble.", {"killed": 10}),
        ("The number of injured has risen to at least 14 after three more people sought help.", {"injured": 14}),
        ("The toll now stands at 9 after another two died in hospital overnight.", {"killed": 9}),
        # told beside a first toll, more people add to it
        ("Two people were killed in the strike, and two more died in hospital.", {"killed": 4}),
    ],
)
def test_update_holds_its_increment(sentence: str, want: dict[str, int]) -> None:
    assert tolls(sentence) == want



def test_one_toll_on_two_events_counts_once() -> None:
    from skylog.extract.en.restated import count_tolls_once
    from skylog.records import Claim, EventMention

    # one run-on sentence read as attacks of two types, each given the sentence's toll: one toll, not two
    same = [(21, 32)]
    a = EventMention("missile_strike", [(0, 700)], injured=Claim(value=2, spans=list(same)))
    b = EventMention("shelling", [(0, 700)])
    c = EventMention("air_strike", [(0, 700)], injured=Claim(value=2, spans=list(same)))
    # another event's toll of the same figure told in other words stays (the rules of a retelling decide)
    d = EventMention("shelling", [(800, 900)], injured=Claim(value=2, spans=[(810, 830)]))
    count_tolls_once([a, b, c, d], set())
    assert [e.injured.value if e.injured else None for e in (a, b, c, d)] == [2, None, None, 2]
