"""The shared example report: both events, outcome, hedged perpetrator claim and all quotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from skylog.extract.en import EnglishPipeline
from skylog.ingest.common import make_report

EXAMPLE = Path(__file__).resolve().parents[2] / "shared" / "examples" / "kaluga-drones.txt"
pytestmark = pytest.mark.skipif(not EXAMPLE.is_file(), reason="shared example not present")


@pytest.fixture(scope="module")
def result():
    text = EXAMPLE.read_text(encoding="utf-8")
    return text, EnglishPipeline()(make_report(text, source="example", language="en"))


def test_two_events_with_places(result) -> None:
    text, x = result
    assert len(x.events) == 2
    first, second = x.events
    assert first.type == "interception" and first.weapon == "drone"
    assert {p.admin1_code for p in first.places} == {"RU-KLU"}
    mentions = {p.mention for p in first.places}
    assert {"Kaluga", "Borovsky", "Maloyaroslavets", "Kaluga Oblast"} <= mentions
    assert next(p for p in first.places if p.mention == "Kaluga").relation == "outskirts"
    assert second.type in ("shelling", "drone_strike")
    dam = second.places[0]
    assert dam.kind == "facility" and "dam" in dam.mention and dam.admin1_code == "RU-BEL"
    assert second.damage.value["level"] == "minor"


def test_first_event_outcome(result) -> None:
    _, x = result
    first = x.events[0]
    assert (first.killed.value, first.injured.value) == (0, 0)
    assert first.damage.value["level"] == "none"


def test_hedged_perpetrator(result) -> None:
    text, x = result
    perp = x.events[0].perpetrator
    assert (perp.value, perp.claimant, perp.hedge) == ("Ukraine", "defense analysts", "likely")
    assert text[slice(*perp.spans[0])] == "Ukrainian"


def test_all_quotes_with_speakers(result) -> None:
    _, x = result
    direct = [q for q in x.quotes if q.kind == "direct"]
    speakers = [q.speaker for q in direct]
    assert speakers.count("Vladislav Shapsha") == 2  # "Shapsha wrote", "Shapsha declared"
    for name in ("Elena Petrova", "Igor Kovalchuk", "Dmitriy Semyonov"):
        assert name in speakers
    assert any("spokesperson" in (s or "").lower() and "Ministry of Defense" in s for s in speakers)
    assert len(direct) == 8  # Kovalchuk and Semyonov each speak in two quoted parts
    reported = [q for q in x.quotes if q.kind == "reported"]
    assert [q.speaker for q in reported].count("Vladislav Shapsha") >= 2  # "according to", "confirmed"
    assert any(q.channel == "Telegram" and q.speaker == "Vladislav Shapsha" for q in reported)
    declared = next(q for q in direct if q.cue == "declared")
    assert declared.speaker == "Vladislav Shapsha"
