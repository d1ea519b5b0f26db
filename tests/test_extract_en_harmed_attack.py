"""English: an attack told with its harm and its attacker but no weapon word is an event (invented reports)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from skylog.extract.en import EnglishPipeline
from skylog.ingest.common import make_report

PUB = datetime(2025, 1, 9, 12, tzinfo=UTC)


def run(nlp: EnglishPipeline, text: str):
    return nlp(make_report(text, published_at=PUB, language="en"))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # the attacker's usual type where the pack lists one ([maps.HARMED_ATTACK_TYPE_OF_ATTACKER])
        (
            "On January 8, the Russian army attacked an industrial site in Nikopol, the governor said. One person "
            "was killed and four were injured.",
            "shelling",
        ),
        # unless that is shelling and the place is beyond its reach (geo/data/reach.toml): the cue's type
        (
            "On January 8, the Russian army attacked an industrial site in Dnipro, the governor said. One person "
            "was killed and four were injured.",
            "drone_strike",
        ),
        (
            "Two people were killed and nine injured in the Russian attack on Kyiv overnight, the mayor said.",
            "drone_strike",
        ),
        (
            "Two people were killed in an Israeli attack on a car in southern Lebanon, the ministry said.",
            "air_strike",
        ),
        # else the cue's ([maps.HARMED_ATTACK_TYPE])
        (
            "Earlier this week, officials said that two sailors were killed in the Houthi attack on the cargo ship.",
            "drone_strike",
        ),
    ],
)
def test_a_harmed_attack_by_a_named_attacker_is_kept(nlp, text: str, kind: str) -> None:
    x = run(nlp, text)
    assert [e.type for e in x.events] == [kind]
    assert any(e.killed is not None and e.killed.value for e in x.events)


@pytest.mark.parametrize(
    "text",
    [
        # no attacker named: history, not an incident of the report
        "February 26, 1993: The Attack on the World Trade Center. Six people died, and 1000 were injured.",
        # no harm told: the attack stays unknown
        "Israel on Friday launched an attack on the Lebanese capital for the first time since the truce.",
    ],
)
def test_an_untyped_attack_without_harm_or_attacker_stays_unknown(nlp, text: str) -> None:
    assert run(nlp, text).events == []


def test_a_typed_event_beside_it_keeps_the_harmed_attack_untyped(nlp) -> None:
    text = (
        "Air defence shot down 12 drones and 3 missiles over Kyiv overnight, the air force said. "
        "Two people were killed in the Russian attack on the capital."
    )
    assert "drone_strike" not in [e.type for e in run(nlp, text).events]
