"""One weapon told by the definite article is an event's count of one (English, #15), on texts written for
these tests (not the corpora)."""

from __future__ import annotations

import pytest

from skylog.extract.en import EnglishPipeline
from skylog.ingest.common import make_report


def counts(nlp: EnglishPipeline, text: str) -> set:
    ex = nlp(make_report(text, source="test", language="en"))
    return {e.count.value for e in ex.events if e.count is not None}


@pytest.mark.parametrize(
    "text",
    [
        "A drone attack in Omdurman killed 15 civilians on Saturday. The drone targeted a truck near a market.",
        "A Russian missile strike hit Dnipro on Monday, killing four. The missile struck an apartment block.",
        "Israel's military said a missile was launched from Yemen. An interceptor was launched toward it, and the "
        "missile was most likely intercepted.",
    ],
)
def test_the_one_weapon_is_a_count_of_one(nlp, text):
    assert counts(nlp, text) == {1}


@pytest.mark.parametrize(
    "text",
    [
        # plural weapons, a compound, a part of a weapon, an activity: no count of one
        "Russian drones attacked Odesa overnight, the governor said. The drone hit a port warehouse.",
        "Russian drones attacked Odesa overnight. The drones hit a port warehouse.",
        "A drone strike hit a car near Tyre, killing two. The drone strike hit the car on the coastal road.",
        "Russian forces shelled Kherson on Monday. The shelling hit a bus stop, killing two people.",
        "An Israeli strike on Beirut killed three people on Monday. The air strike hit a building.",
    ],
)
def test_no_count_of_one_without_the_one_weapon(nlp, text):
    assert 1 not in counts(nlp, text)
