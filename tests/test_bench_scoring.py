"""The bench's own scoring helpers: a score must not depend on the order of a set."""

from __future__ import annotations

from bench.extract import _matched


def test_pairs_are_matched_to_the_largest_one_to_one_pairing():
    # "a" could take either prediction; a greedy pass that gives it "x" leaves "b" without one.
    gold = ["a", "b"]
    pred = ["x", "y"]
    matches = {("a", "x"), ("a", "y"), ("b", "x")}
    assert _matched(gold, pred, lambda g, q: (g, q) in matches) == 2


def test_each_prediction_pairs_with_one_gold_item_only():
    assert _matched(["a", "b"], ["x"], lambda g, q: True) == 1
    assert _matched([], ["x"], lambda g, q: True) == 0


def test_extract_errors_lists_each_lost_field_as_the_scorer_counts_it():
    """bench.extract_errors: per-item errors (type and count sets, killed/injured sums, dates, speakers)."""
    from types import SimpleNamespace

    from bench.extract_errors import item_errors

    regions = SimpleNamespace(gold_key=lambda name: name, place_keys=lambda pl: {pl.get("admin1")} - {None})
    item = {
        "text": "Two drones hit Kharkiv, killing three.",
        "gold": {
            "events": [
                {
                    "type": "drone_strike",
                    "count": 2,
                    "killed": 3,
                    "injured": None,
                    "admin1": "X",
                    "date": "2024-01-02",
                }
            ],
            "quotes": [{"speaker": "Oleh Syniehubov"}],
        },
    }
    pred = {
        "events": [
            {
                "type": "drone_strike",
                "count": {"value": 2, "spans": [[0, 10]]},
                "killed": {"value": 1, "spans": [[24, 37]]},
                "places": [{"admin1": "X"}],
                "time": {"start": "2024-01-02T00:00:00"},
            }
        ],
        "quotes": [{"speaker": "the governor"}],
    }
    errs = item_errors(item, pred, regions)
    assert set(errs) == {"killed", "speaker"}
    assert errs["killed"]["gold"] == 3 and errs["killed"]["pred"] == 1
    assert errs["killed"]["evidence"] == [(1, ["killing three"])]
