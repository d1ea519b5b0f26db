"""Checks on the real linking corpus (bench/data/link-real.jsonl + link-real-incidents.jsonl).

The gold incident labels are the truth `skylog bench link` scores against: a report pointing at a label that
does not exist, a split that differs between a report and its incident, or a corpus that quietly shrank below
the sizes issue #13 asks for would make every pairwise and B-cubed figure meaningless.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
REPORTS = DATA / "link-real.jsonl"
INCIDENTS = DATA / "link-real-incidents.jsonl"
# The shared evaluation sets live next to the checkout (`../shared` from the repository root).
SHARED = ROOT.parent / "shared" / "bench" / "extract"

REPORT_KEYS = {
    "id",
    "text",
    "title",
    "published_at",
    "source",
    "source_url",
    "source_kind",
    "language",
    "origin",
    "split",
    "gold",
}
GOLD_KEYS = {"incidents", "related", "note"}
INCIDENT_KEYS = {"label", "type", "date", "country", "admin1", "settlement", "description", "split"}
TYPES = {"interception", "drone_strike", "missile_strike", "air_strike", "shelling", "debris_fall"}
KINDS = {"official", "media", "ngo", "social"}
LANGS = {"en", "ru", "uk"}
SPLITS = {"dev", "test"}
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LABEL_RE = re.compile(r"^[a-z]{2}-\d{4}-\d{2}-\d{2}-[a-z0-9-]+$")


def _load(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:  # pragma: no cover - the failure message is the point
            pytest.fail(f"{path.name}:{n}: not JSON ({exc})")
    return rows


@pytest.fixture(scope="module")
def reports() -> list[dict]:
    return _load(REPORTS)


@pytest.fixture(scope="module")
def incidents() -> dict[str, dict]:
    rows = _load(INCIDENTS)
    labels = [r.get("label") for r in rows]
    assert len(labels) == len(set(labels)), [lab for lab, c in Counter(labels).items() if c > 1]
    return {r["label"]: r for r in rows}


def _published_date(value: str | None) -> dt.date | None:
    """The local calendar date of `published_at` (date-only or ISO datetime with offset)."""
    if value is None:
        return None
    if DATE_RE.match(value):
        return dt.date.fromisoformat(value)
    return dt.datetime.fromisoformat(value).date()


def _sources_by_label(reports: list[dict]) -> dict[str, set[str]]:
    by_label: dict[str, set[str]] = defaultdict(set)
    for r in reports:
        for label in r["gold"]["incidents"]:
            by_label[label].add(r["source"])
    return by_label


def test_report_schema(reports):
    ids = [r.get("id") for r in reports]
    assert len(ids) == len(set(ids)), [i for i, c in Counter(ids).items() if c > 1]
    for r in reports:
        where = f"link-real.jsonl:{r.get('id')}"
        assert set(r) == REPORT_KEYS, f"{where}: keys {sorted(set(r) ^ REPORT_KEYS)}"
        assert re.fullmatch(r"lr-\d{4}", r["id"]), where
        assert isinstance(r["text"], str) and r["text"].strip(), where
        assert len(r["text"].split()) <= 160, f"{where}: excerpts stay short"
        assert r["title"] is None or (isinstance(r["title"], str) and r["title"].strip()), where
        assert r["published_at"] is None or isinstance(r["published_at"], str), where
        _published_date(r["published_at"])  # raises on a malformed date
        assert isinstance(r["source"], str) and r["source"].strip(), f"{where}: no source"
        assert isinstance(r["source_url"], str) and re.match(r"https?://\S+$", r["source_url"]), (
            f"{where}: url"
        )
        assert r["source_kind"] in KINDS, where
        assert r["language"] in LANGS, where
        assert r["origin"] == "real excerpt", where
        assert r["split"] in SPLITS, where
        gold = r["gold"]
        assert set(gold) == GOLD_KEYS, where
        assert isinstance(gold["incidents"], list) and gold["incidents"], f"{where}: no gold incident"
        assert isinstance(gold["related"], list), where
        assert len(set(gold["incidents"])) == len(gold["incidents"]), where
        assert not set(gold["incidents"]) & set(gold["related"]), f"{where}: a label both told and related"
        assert isinstance(gold["note"], str) and gold["note"].strip(), (
            f"{where}: no note on how it was decided"
        )


def test_language_matches_script(reports):
    for r in reports:
        letters = [c for c in r["text"] if c.isalpha()]
        latin = sum("a" <= c.lower() <= "z" for c in letters) / len(letters)
        cyr = sum("\u0400" <= c <= "\u04ff" for c in letters) / len(letters)
        where = f"link-real.jsonl:{r['id']}"
        if r["language"] == "en":
            assert latin > 0.9, where
        else:
            assert cyr > 0.8, where
            if r["language"] == "uk":
                assert re.search(r"[іїєґІЇЄҐ]", r["text"]), f"{where}: no Ukrainian letters"
            else:
                assert not re.search(r"[іїєґІЇЄҐ]", r["text"]), f"{where}: Ukrainian letters in a ru text"


def test_incident_schema(incidents):
    for label, inc in incidents.items():
        where = f"link-real-incidents.jsonl:{label}"
        assert set(inc) == INCIDENT_KEYS, f"{where}: keys {sorted(set(inc) ^ INCIDENT_KEYS)}"
        assert LABEL_RE.match(label), where
        assert inc["type"] in TYPES, where
        assert isinstance(inc["date"], str) and DATE_RE.match(inc["date"]), where
        day = dt.date.fromisoformat(inc["date"])
        assert dt.date(2022, 1, 1) <= day <= dt.date(2026, 12, 31), where
        assert label[3:13] == inc["date"], f"{where}: the label's date is the incident's date"
        assert inc["country"] is None or re.fullmatch(r"[A-Z]{2}", inc["country"]), where
        for k in ("admin1", "settlement"):
            assert inc[k] is None or (isinstance(inc[k], str) and inc[k].strip()), where
        assert inc["settlement"] is None or inc["admin1"], f"{where}: a settlement needs its admin1"
        assert isinstance(inc["description"], str) and inc["description"].strip(), where
        assert inc["split"] in SPLITS, where


def test_every_label_exists_and_is_used(reports, incidents):
    used = set()
    for r in reports:
        for label in r["gold"]["incidents"] + r["gold"]["related"]:
            assert label in incidents, f"link-real.jsonl:{r['id']}: unknown label {label!r}"
            used.add(label)
    assert not set(incidents) - used, f"incidents no report tells of: {sorted(set(incidents) - used)}"


def test_splits_consistent(reports, incidents):
    """A report and every incident it tells of or relates to sit in one split (episodes are not divided)."""
    for r in reports:
        for label in r["gold"]["incidents"] + r["gold"]["related"]:
            assert incidents[label]["split"] == r["split"], f"{r['id']}: {r['split']} vs {label}"
    counts = Counter(r["split"] for r in reports)
    assert counts["dev"] and counts["test"], counts


def test_publication_follows_the_incident(reports, incidents):
    """A report is published on or after the day of what it tells of, and within a month of it."""
    for r in reports:
        pub = _published_date(r["published_at"])
        if pub is None:
            continue
        for label in r["gold"]["incidents"]:
            day = dt.date.fromisoformat(incidents[label]["date"])
            assert dt.timedelta(0) <= pub - day <= dt.timedelta(days=31), f"{r['id']}: {label} vs {pub}"


def test_corpus_size_and_spread(reports):
    # Three batches (PROVENANCE.md): 245 + 160 + 124 reports; the floors guard against a quiet shrink.
    assert len(reports) >= 500
    assert len({r["source"] for r in reports}) >= 300
    langs = Counter(r["language"] for r in reports)
    assert langs["en"] >= 250 and langs["ru"] >= 130 and langs["uk"] >= 100, langs
    assert sum(r["published_at"] is not None for r in reports) >= 0.9 * len(reports)
    multi = [label for label, sources in _sources_by_label(reports).items() if len(sources) >= 2]
    assert len(multi) >= 95, len(multi)


def test_each_split_has_cross_language_incidents(reports, incidents):
    """Linking has to join reports across languages: both splits hold incidents told in two or more of them
    (the third batch was added because dev lacked such multi-source kinds)."""
    langs: dict[str, set[str]] = defaultdict(set)
    for r in reports:
        for label in r["gold"]["incidents"]:
            langs[label].add(r["language"])
    for split, floor in (("dev", 20), ("test", 15)):
        n = sum(1 for label, inc in incidents.items() if inc["split"] == split and len(langs[label]) >= 2)
        assert n >= floor, (split, n)


def test_look_alike_distractors_present(incidents):
    """Enough incidents share type and place with another incident on a different day (the hard negatives)."""
    groups: dict[tuple, list[str]] = defaultdict(list)
    for inc in incidents.values():
        groups[(inc["type"], inc["country"], inc["admin1"], inc["settlement"])].append(inc["date"])
    other_day_pairs = sum(
        1 for dates in groups.values() for a, b in itertools.combinations(dates, 2) if a != b
    )
    assert other_day_pairs >= 50, other_day_pairs
    same_day = Counter(inc["date"] for inc in incidents.values())
    assert sum(1 for c in same_day.values() if c >= 2) >= 10, (
        "same-day look-alikes (other region, other window)"
    )


def test_no_text_copied_from_shared_evaluation_sets(reports):
    """The shared sets are for evaluation only; none of their passages may appear in this corpus."""
    files = [SHARED / "reports-dev.jsonl", SHARED / "mod-russia-dev.jsonl"]
    if not all(f.exists() for f in files):
        pytest.skip("shared evaluation sets not present")
    norm = lambda s: re.sub(r"\s+", " ", s)  # noqa: E731
    shared = [
        norm(json.loads(line)["text"]) for f in files for line in f.open(encoding="utf-8") if line.strip()
    ]
    window = 150
    shingles = {t[i : i + window] for t in shared for i in range(0, max(1, len(t) - window), 25)}
    for r in reports:
        t = norm(r["text"])
        hits = [t[i : i + window] for i in range(0, max(1, len(t) - window)) if t[i : i + window] in shingles]
        assert not hits, f"{r['id']} repeats a shared passage: {hits[0][:60]!r}"


_EPISODE_ROW = re.compile(r"^\| (\d+) \| `([^`]+)` \| ([0-9a-f]{8}) \| (dev|test) \| (.*) \|$")


def _episode_tables() -> list[list[tuple[int, str, str, str, list[str]]]]:
    """The episode tables of PROVENANCE.md, one per batch, in the order they are written."""
    tables: list[list[tuple[int, str, str, str, list[str]]]] = []
    inside = False
    for line in (DATA / "PROVENANCE.md").read_text(encoding="utf-8").splitlines():
        row = _EPISODE_ROW.match(line)
        if row is None:
            inside = False
            continue
        if not inside:
            tables.append([])
            inside = True
        rank, episode, digest, split, incidents = row.groups()
        tables[-1].append((int(rank), episode, digest, split, re.findall(r"`([^`]+)`", incidents)))
    return tables


def test_every_batch_is_split_by_the_sha256_of_its_episode_ids(incidents):
    """The split rule PROVENANCE states, checked rather than trusted: within each batch's table the episodes
    are ranked by the SHA-256 of their ids, the first round(0.6 × n) are dev, and every incident sits in the
    split of the one episode that lists it."""
    tables = _episode_tables()
    assert len(tables) >= 8, "one episode table per batch"
    split_of = {label: d["split"] for label, d in incidents.items()}
    listed: Counter[str] = Counter()
    for table in tables:
        digests = [hashlib.sha256(episode.encode()).hexdigest() for _, episode, _, _, _ in table]
        assert [rank for rank, *_ in table] == list(range(1, len(table) + 1))
        assert [d[:8] for d in digests] == [digest for _, _, digest, _, _ in table]
        assert digests == sorted(digests), "episodes are listed in SHA-256 order"
        n_dev = round(0.6 * len(table))
        for i, (_, episode, _, split, incidents) in enumerate(table):
            assert split == ("dev" if i < n_dev else "test"), episode
            for label in incidents:
                assert split_of.get(label) == split, (episode, label)
                listed[label] += 1
    assert set(listed) == set(split_of), "every incident belongs to one episode of a batch table"
    assert max(listed.values()) == 1
