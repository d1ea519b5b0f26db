"""A geo failure on one report keeps the report's events and says so in its warnings."""

from __future__ import annotations

import pytest

from skylog.extract import Extractor
from skylog.extract.common import places
from skylog.ingest.common import make_report

TEXT = (
    "Air defences shot down three drones over the Kaluga region overnight, the governor said on Sunday. "
    "Debris damaged a warehouse in Kaluga."
)


def _broken(*_args, **_kwargs):
    raise RuntimeError("gazetteer file unreadable")


def test_geo_failure_is_a_warning_not_a_lost_report(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(places.Geocoder, "resolve", _broken)
    result = Extractor(learned=False).extract(make_report(TEXT, source="t", language="en"))
    assert result.events, "the events survive the geo failure"
    failures = [w for w in result.warnings if w.startswith("geo resolve failed")]
    assert failures and "RuntimeError: gazetteer file unreadable" in failures[0]
    assert all(p.lat is None for e in result.events for p in e.places), "places are left unresolved"


def test_failures_are_collected_per_report_only(monkeypatch: pytest.MonkeyPatch) -> None:
    with places.recording_geo_failures() as sink:
        monkeypatch.setattr(places, "geo_geoparse", _broken)
        places.geoparse("Shelling hit Kherson.", "en")
    assert len(sink) == 1
    places.geoparse("Shelling hit Kherson.", "en")  # outside a report: logged only, nowhere to collect
    assert len(sink) == 1


def test_no_failure_no_warning() -> None:
    result = Extractor(learned=False).extract(make_report(TEXT, source="t", language="en"))
    assert not [w for w in result.warnings if "failed" in w]
