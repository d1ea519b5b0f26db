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
