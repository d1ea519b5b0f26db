"""The accuracy gate (#15): a change that drops any extraction field on the real corpus by more than
0.02 against the pinned figures fails `bash scripts/test`.

The pinned floor is `bench/data/extract-real-pinned.json`; after a real improvement, re-pin with
`python -m bench.extract_real --pin` and commit the file with the change that earned it.
"""

from __future__ import annotations

import json

import pytest

from bench.extract_real import PINNED, field_scores, gate_failures
from bench.paths import shared_dir

SCORER = shared_dir() / "bench" / "extract"


def test_gate_flags_a_drop_and_only_a_drop():
    pinned = {"test/en": {"type": 0.90, "count": 0.80}}
    assert gate_failures({"test/en": {"type": 0.885, "count": 0.95}}, pinned) == []
    assert gate_failures({"test/en": {"type": 0.87, "count": 0.80}}, pinned) == [
        "test/en type: 0.900 -> 0.870"
    ]
    assert gate_failures({}, pinned) == ["test/en count: 0.800 -> 0.000", "test/en type: 0.900 -> 0.000"]


def test_pinned_file_covers_every_split_and_language():
    pinned = json.loads(PINNED.read_text(encoding="utf-8"))
    assert {f"{s}/{lg}" for s in ("dev", "test") for lg in ("en", "ru", "uk")} <= set(pinned)


@pytest.mark.slow
def test_real_corpus_scores_hold_the_pinned_floor():
    if not (SCORER / "score_extract.py").is_file():
        pytest.skip("the shared scorer (../shared/bench/extract/score_extract.py) is not beside the checkout")
    pinned = json.loads(PINNED.read_text(encoding="utf-8"))
    failures = gate_failures(field_scores(SCORER), pinned)
    assert failures == [], "fields dropped by more than 0.02:\n" + "\n".join(failures)
