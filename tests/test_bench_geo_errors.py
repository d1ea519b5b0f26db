"""bench.geo_errors lists one article's geoparsing errors by kind (#16)."""

from __future__ import annotations

from bench.geo_errors import outcomes


def test_misses_extras_and_far_readings_are_told_apart():
    doc = {
        "text": "Alexandria and Pineville and Paris",
        "toponyms": [
            {"start": 0, "end": 10, "name": "Alexandria", "lat": 31.3, "lon": -92.4},
            {"start": 15, "end": 24, "name": "Pineville", "lat": 31.3, "lon": -92.4},
        ],
    }
    pred = {
        "toponyms": [
            {"start": 0, "end": 10, "lat": 31.2, "lon": 29.9, "name": "Alexandria", "cc": "EG"},
            {"start": 29, "end": 34, "lat": 48.9, "lon": 2.3, "name": "Paris", "cc": "FR"},
        ]
    }
    kinds = sorted(k for k, *_ in outcomes(doc, pred))
    assert kinds == ["extra", "far", "miss"]
