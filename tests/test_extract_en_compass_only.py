"""A name of compass words alone that no syntax places ("commanders and Western instructors") is a
direction, not Sri Lanka's Western Province: extraction's supplement of toponyms follows geo's rule
(``skylog.geo.compass.only_compass``; invented report, issue 16)."""

from __future__ import annotations

from datetime import UTC, datetime

from skylog.extract import extract
from skylog.ingest.common import make_report

PUB = datetime(2025, 4, 5, 12, 0, tzinfo=UTC)


def test_compass_words_alone_are_no_place() -> None:
    text = (
        "On April 4, a Russian ballistic missile struck Kryvyi Rih in Dnipropetrovsk Oblast, killing 18 people. "
        "Russia's Defense Ministry claimed that the missile had targeted a meeting between Ukrainian commanders "
        "and Western instructors."
    )
    out = extract(make_report(text, published_at=PUB, language="en")).to_dict()
    names = [p["name"] for e in out["events"] for p in e["places"]]
    assert "Kryvyy Rih" in names
    assert not any(n and n.startswith("Western") for n in names)
