"""The labelled linking set (bench/data/link-dev.jsonl) is well formed and reproducible."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data" / "link-dev.jsonl"


def _rows() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_dev_set_is_large_varied_and_its_spans_point_at_the_text():
    rows = _rows()
    assert len(rows) >= 300
    assert len({r["id"] for r in rows}) == len(rows)
    golds = Counter(r["gold"] for r in rows)
    assert len(golds) >= 60 and max(golds.values()) >= 5  # multi-report incidents
    assert {r["source_kind"] for r in rows} >= {"official", "media", "social"}
    assert {r["event"]["type"] for r in rows} >= {"interception", "drone_strike", "shelling", "debris_fall"}
    for r in rows:
        t, ev = r["text"], r["event"]
        for p in ev["places"]:
            assert t[p["span"][0] : p["span"][1]] == p["mention"], r["id"]
        for s, e in ev["spans"]:
            assert 0 <= s < e <= len(t), r["id"]
        for k in ("count", "killed", "injured", "damage"):
            c = ev.get(k)
            if c:
                s, e = c["spans"][0]
                assert 0 <= s < e <= len(t), (r["id"], k)


def test_dev_set_is_what_the_generator_writes():
    sys.path.insert(0, str(ROOT))
    from bench.make_link_dev import generate

    assert generate() == _rows()
