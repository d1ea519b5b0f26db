"""Concurrent ``skylog ingest`` processes on one database (#19): new and existing, SQLite and PostgreSQL.

Each process is a real CLI run with its own batch of reports; all of them also carry one
shared file, so they race on the same ids too. Whatever the interleaving, every process
exits 0 and every report is stored exactly once, by exactly one of them. On a new database
the processes race to create the schema (done under the migration lock in ``store.core``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_helpers import GOOD

from skylog.store import Store

N_PROC = 3  # processes with a batch of their own, and as many again on the shared batch
OWN = 40  # reports of each process's own batch
SHARED = 30  # reports in the batch that several processes ingest at once


def _jsonl(path: Path, n: int, tag: str) -> set[str]:
    ids = set()
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            rid = f"{tag}-{i}"
            fh.write(json.dumps({"id": rid, "text": f"{GOOD[i % 3]} ({tag} {i})"}) + "\n")
            ids.add(rid)
    return ids


def _ingest(url: str, path: Path, extract: bool) -> subprocess.Popen[str]:
    args = [sys.executable, "-m", "skylog", "ingest", str(path), "--db", url, "--json"]
    if not extract:
        args.append("--no-extract")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _stored(url: str) -> tuple[dict[str, str], list[str]]:
    """Stored report id -> the id given in the input (``external_id``), and ``check``'s problems."""
    s = Store(url)
    try:
        rows = [(r.id, r.external_id or "") for r in s.iter_reports(include_superseded=True)]
        assert len(rows) == len({rid for rid, _ in rows}), "a report id was stored twice"
        return dict(rows), s.check()
    finally:
        s.close()


def _race(url: str, tmp_path: Path, *, existing: bool, extract: bool) -> None:
    expected: set[str] = set()
    before: set[str] = set()
    if existing:  # a database with a schema and reports already in it
        first = tmp_path / "first.jsonl"
        expected |= _jsonl(first, 30, "first")
        pre = _ingest(url, first, extract)
        out, err = pre.communicate(timeout=300)
        assert pre.returncode == 0, err[-2000:]
        before = set(json.loads(out)["new"])
    shared = tmp_path / "shared.jsonl"
    expected |= _jsonl(shared, SHARED, "shared")
    batches = []
    for k in range(N_PROC):
        own = tmp_path / f"own{k}.jsonl"
        expected |= _jsonl(own, OWN, f"own{k}")
        batches.append(own)
    # every process gets its own batch and the shared one; start them all before waiting on any
    procs = [_ingest(url, b, extract) for b in batches] + [
        _ingest(url, shared, extract) for _ in range(N_PROC)
    ]
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err[-3000:]
        assert "Traceback" not in err, err[-3000:]
        outs.append(json.loads(out))
    for o in outs:
        assert o["failed"] == [], o["failed"][:3]
    new = [rid for o in outs for rid in o["new"]]
    assert len(new) == len(set(new)), "a report was stored as new by two processes"
    stored, problems = _stored(url)
    given = list(stored.values())
    assert len(given) == len(set(given)), "an input report was stored twice"
    assert set(given) == expected  # every report of every batch, nothing else
    assert set(new) | before == set(stored)  # each stored as new by exactly one process
    assert problems == [], problems


@pytest.mark.parametrize("existing", [False, True], ids=["new", "existing"])
def test_concurrent_cli_ingests_sqlite(tmp_path, existing):
    _race(f"sqlite:///{tmp_path / 'race.db'}", tmp_path, existing=existing, extract=False)


@pytest.mark.postgres
@pytest.mark.parametrize("existing", [False, True], ids=["new", "existing"])
def test_concurrent_cli_ingests_postgresql(tmp_path, pg_url, existing):
    """``pg_url`` is a fresh, empty database: no schema, no alembic_version, until the race."""
    _race(pg_url, tmp_path, existing=existing, extract=False)


@pytest.mark.postgres
@pytest.mark.slow
def test_concurrent_cli_ingests_with_extraction_postgresql(tmp_path, pg_url):
    """The default ``skylog ingest`` also extracts and stores mentions while the others write."""
    _race(pg_url, tmp_path, existing=False, extract=True)
