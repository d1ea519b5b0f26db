"""English counts of a mixed salvo: a bare 'to down' and 'all were destroyed' as interceptions, and a salvo's
share told again counted once (texts written for these tests, not the corpora)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from skylog.extract.common.numbers import numbers_of
from skylog.extract.en import EnglishPipeline
from skylog.extract.en import casualties as C
from skylog.extract.en.triggers import read_sentence
from skylog.ingest.common import make_report


def _events(nlp: EnglishPipeline, text: str) -> list[tuple[str | None, int | None]]:
    x = nlp(make_report(text, source="test", published_at=datetime(2024, 8, 8, 9, tzinfo=UTC), language="en"))
    return [(e.type, e.count.value if e.count else None) for e in x.events]


@pytest.mark.parametrize(
    "text",
    [
        "Air defence crews were able to down 14 drones and three missiles over the south.",
        "Gunners managed to down all the incoming drones near the port.",
    ],
)
def test_to_down_is_an_interception(text: str) -> None:
    assert any(t[0] == "interception" for t in read_sentence(text).types)


def test_down_as_a_direction_is_no_interception() -> None:
    assert not any(t[0] == "interception" for t in read_sentence("Rockets rained down on the town.").types)


def test_all_were_destroyed_makes_the_whole_salvo_an_interception(nlp) -> None:
    text = (
        "The rebels launched two cruise missiles and five drones at a cargo ship in the Red Sea on Monday, "
        "but all were destroyed, the navy said."
    )
    got = _events(nlp, text)
    assert ("interception", 7) in got


def test_class_counts_keep_a_single_weapon_beside_figures() -> None:
    s = "an anti-ship missile and six drones"
    parts = C.class_counts(s, 0, numbers_of(s, "en"))
    assert [(c.value, c.weapon_class) for c in parts] == [(1, "missile"), (6, "drone")]


def test_a_salvos_share_told_again_is_counted_once(nlp) -> None:
    text = (
        "A destroyer shot down a cruise missile and six drones fired toward the Gulf of Aden on Tuesday, "
        "the navy said.\n"
        "Later in the evening, the destroyer shot down six Iranian-made UAVs in its vicinity, it said."
    )
    got = _events(nlp, text)
    counts = [c for t, c in got if t == "interception" and c is not None]
    assert counts == [7]


def test_another_figure_of_the_class_stays(nlp) -> None:
    text = (
        "A destroyer shot down a cruise missile and six drones fired toward the Gulf of Aden on Tuesday, "
        "the navy said.\n"
        "Later in the evening, the destroyer shot down four more UAVs in its vicinity, it said."
    )
    got = _events(nlp, text)
    counts = sorted(c for t, c in got if t == "interception" and c is not None)
    assert counts == [4, 7]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Air defence forces destroyed 41 out of 47 enemy aerial targets overnight, the air force said.", 41),
        ("Over 30 enemy targets were shot down by air defence over the capital, the mayor said.", 30),
    ],
)
def test_air_targets_are_an_interceptions_count(nlp, text: str, value: int) -> None:
    assert ("interception", value) in _events(nlp, text)


def test_enemy_targets_struck_are_no_count_of_weapons() -> None:
    s = "The army said its jets struck 120 enemy targets in the south."
    assert C.weapon_counts(s, 0, numbers_of(s, "en")) == []
