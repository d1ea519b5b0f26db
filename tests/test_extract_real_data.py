"""Checks on the real labelled extraction corpus ``bench/data/extract-real.jsonl`` (issue 15).

Its test split is where extraction accuracy is reported, so a malformed label, an outlet leaking across
splits or a text shared with the tuned dev files would make those numbers dishonest.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from bench.extract_real import PATH, assign_splits, frozen_splits, pinned_outlets, tuned_urls

DATA = PATH.parent
SHARED = Path(__file__).resolve().parents[2] / "shared" / "bench" / "extract"
TOP_KEYS = {"id", "source_url", "source_title", "published", "language", "text", "gold"}
EXTRA_KEYS = {"origin", "outlet", "split", "sentences"}
EVENT_KEYS = {
    "type",
    "country",
    "admin1",
    "admin2",
    "settlement",
    "date",
    "count",
    "killed",
    "injured",
    "perpetrator_claimed",
    "claimed_by",
}
TYPES = {"interception", "drone_strike", "missile_strike", "air_strike", "shelling", "debris_fall"}
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    out = []
    for n, line in enumerate(PATH.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:  # pragma: no cover - the message is the point
                pytest.fail(f"extract-real.jsonl:{n}: not JSON ({exc})")
    return out


def _int_or_none(v) -> bool:
    return v is None or (isinstance(v, int) and not isinstance(v, bool) and v >= 0)


def test_schema_of_every_line(rows):
    for r in rows:
        where = r.get("id")
        assert set(r) == TOP_KEYS | EXTRA_KEYS, where
        assert re.fullmatch(rf"real-{r['language']}-\d{{3}}", r["id"]), where
        assert r["language"] in ("en", "ru", "uk"), where
        assert r["origin"] == "real excerpt", where
        assert isinstance(r["outlet"], str) and r["outlet"].strip(), where
        assert r["split"] in ("train", "dev", "test"), where
        assert isinstance(r["source_url"], str) and r["source_url"].startswith("http"), where
        assert r["published"] is None or DATE_RE.match(r["published"]), where
        assert isinstance(r["text"], str) and r["text"].strip(), where
        assert len(r["text"].split()) <= 220, f"{where}: excerpts stay short"
        gold = r["gold"]
        assert set(gold) == {"is_attack_report", "events", "quotes"}, where
        assert gold["is_attack_report"] is bool(gold["events"]), f"{where}: relevance must match events"
        for e in gold["events"]:
            assert set(e) == EVENT_KEYS, where
            assert e["type"] in TYPES, where
            for k in ("count", "killed", "injured"):
                assert _int_or_none(e[k]), f"{where}: {k}={e[k]!r}"
            assert e["country"] is None or re.fullmatch(r"[A-Z]{2}", e["country"]), where
            if e["date"]:
                assert DATE_RE.match(e["date"]), where
                if r["published"]:
                    lag = dt.date.fromisoformat(r["published"]) - dt.date.fromisoformat(e["date"])
                    assert dt.timedelta(0) <= lag <= dt.timedelta(days=31), f"{where}: {e['date']}"
        for q in gold["quotes"]:
            assert set(q) == {"speaker", "text_start"}, where
            assert q["speaker"].strip() and q["text_start"] in r["text"], f"{where}: {q}"


def test_sentence_labels(rows):
    for r in rows:
        where = r["id"]
        end = 0
        for s in r["sentences"]:
            assert set(s) == {"start", "end", "type"}, where
            assert end <= s["start"] < s["end"] <= len(r["text"]), f"{where}: spans in order, inside the text"
            assert s["type"] is None or s["type"] in TYPES, where
            end = s["end"]
        typed = {s["type"] for s in r["sentences"] if s["type"]}
        if r["gold"]["is_attack_report"]:
            assert typed, f"{where}: an attack report states its event in some sentence"
        else:
            assert not typed, f"{where}: a negative has no event sentence"


def test_ids_and_urls_unique(rows):
    for key in ("id", "source_url"):
        counts = Counter(r[key] for r in rows)
        assert not [k for k, c in counts.items() if c > 1], key


def test_corpus_size_languages_outlets_negatives(rows):
    """What the corpus holds today: a floor that no later edit may go below."""
    langs = Counter(r["language"] for r in rows)
    assert len(rows) >= 400, len(rows)
    assert langs["en"] >= 250 and langs["ru"] >= 90 and langs["uk"] >= 80, langs
    assert len({r["outlet"] for r in rows}) >= 40
    assert sum(not r["gold"]["is_attack_report"] for r in rows) >= 0.25 * len(rows)
    conflicts = {r["gold"]["events"][0]["country"] for r in rows if r["gold"]["events"]}
    assert {"UA", "RU", "IL", "PS", "LB", "SD", "MM", "SY", "IN", "PK"} <= conflicts, conflicts


def test_issue_15_corpus_size(rows):
    """The size issue 15 asks for: at least 400 items, EN 250, RU 80, UK 70."""
    langs = Counter(r["language"] for r in rows)
    assert len(rows) >= 400 and langs["en"] >= 250 and langs["ru"] >= 80 and langs["uk"] >= 70, langs


def test_each_outlet_in_one_split_by_the_rule(rows):
    splits: dict[str, set[str]] = {}
    for r in rows:
        splits.setdefault(r["outlet"], set()).add(r["split"])
    assert all(len(s) == 1 for s in splits.values()), {o: s for o, s in splits.items() if len(s) > 1}
    # outlets whose domain was seen while tuning stay in train, with or without the shared set
    for outlet in pinned_outlets(rows, tuned_urls(None)):
        assert splits[outlet] == {"train"}, f"{outlet}: its domain is in the tuned dev files"
    if not (SHARED / "reports-dev.jsonl").exists():
        pytest.skip("shared dev set absent: the full split rule cannot be recomputed")
    rule = assign_splits(rows, pinned_outlets(rows, tuned_urls(SHARED)), frozen_splits())
    assert {o: s.pop() for o, s in splits.items()} == rule


def test_split_shares_per_language(rows):
    for lang in ("en", "ru", "uk"):
        items = [r for r in rows if r["language"] == lang]
        if not items:
            continue
        share = Counter(r["split"] for r in items)
        # items labelled blind for the next fit go to train by hand (PROVENANCE, fresh*), so train may grow
        # past the rule's 50 %; what must hold is that dev and test stay large enough to report on (fresh8's
        # 10 RU train items took RU test to 22 of 175, 12.6 %: the floor is 12 % and at least 20 items each)
        assert share["train"] / len(items) >= 0.35, (lang, share)
        assert share["dev"] / len(items) >= 0.12 and share["test"] / len(items) >= 0.12, (lang, share)
        assert share["dev"] >= 20 and share["test"] >= 20, (lang, share)


def test_no_overlap_with_shared_dev_sets(rows):
    files = [SHARED / "reports-dev.jsonl", SHARED / "mod-russia-dev.jsonl"]
    if not all(f.exists() for f in files):
        pytest.skip("shared evaluation sets not present")
    norm = lambda s: re.sub(r"\s+", " ", s)  # noqa: E731
    shared = [json.loads(line) for f in files for line in f.open(encoding="utf-8") if line.strip()]
    urls = {s.get("source_url") for s in shared if s.get("source_url")}
    window = 120
    shingles = {
        norm(s["text"])[i : i + window]
        for s in shared
        for i in range(0, max(1, len(norm(s["text"])) - window), 20)
    }
    for r in rows:
        assert r["source_url"] not in urls, f"{r['id']}: its page is in a shared evaluation set"
        t = norm(r["text"])
        hit = next(
            (t[i : i + window] for i in range(max(1, len(t) - window)) if t[i : i + window] in shingles), None
        )
        assert hit is None, f"{r['id']} repeats a shared passage: {hit[:60]!r}"


def test_own_admin1_maps_gold_names_through_the_gazetteer():
    from bench.extract_real import gold_unit_key, own_admin1
    from skylog.geo.gazetteer import Gazetteer

    gz = Gazetteer()
    assert gold_unit_key(gz, "Northern District", "IL") == "IL-Z"  # outside the shared scorer's table
    assert gold_unit_key(gz, "Moscow Oblast", "RU") == "RU-MOS"  # the exact name wins over 'Moscow'
    assert gold_unit_key(gz, "Moscow", "RU") == "RU-MOW"
    assert gold_unit_key(gz, "Gaza Strip", "PS") == "PS-GZA"  # a coded unit wins over an uncoded one
    assert gold_unit_key(gz, "Red Sea", None) == "water:red sea"
    assert gold_unit_key(gz, "Nowhere Land Oblast", "RU") is None
    item = {
        "id": "x",
        "language": "en",
        "gold": {
            "events": [
                {"admin1": "Northern District", "country": "IL"},
                {"admin1": "Atlantis", "country": "IL"},
            ]
        },
    }
    pred = {"id": "x", "events": [{"places": [{"admin1_code": "IL-Z"}, {"admin1_code": "LB-NA"}]}]}
    r = own_admin1([item], [pred], "en")
    assert (r["p"], r["r"], r["unmapped"]) == (0.5, 1.0, 1)
