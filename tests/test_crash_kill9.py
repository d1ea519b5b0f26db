"""kill -9 in the middle of ingest, linking and export, then run again: nothing lost or doubled.

Real subprocesses running the real CLI (``python -m skylog``), killed with SIGKILL at a
moment chosen by watching the database or the output file, then the same command again.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from skylog.engine.pg import server_url, temp_schema
from skylog.engine.synth import stored_mentions_archive, write_archive
from skylog.ingest import ingest
from skylog.records import Report
from skylog.store import Store
from skylog.store.schema import event_mentions, extractions

CLI = [sys.executable, "-m", "skylog"]


def _spawn(args: list[str]) -> subprocess.Popen:
    # own session: kill -9 reaches the whole process group we started (Dask workers included)
    return subprocess.Popen(
        CLI + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )


def _kill9(p: subprocess.Popen) -> None:
    try:
        os.killpg(p.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    p.communicate(timeout=30)


def _wait_for(cond: Callable[[], bool], p: subprocess.Popen, timeout: float = 120) -> bool:
    """Poll ``cond`` until true (True) or the process ends first (False)."""
    end = time.time() + timeout
    while time.time() < end:
        if p.poll() is not None:
            return False
        try:
            if cond():
                return True
        except Exception:  # the database may be mid-creation
            pass
        time.sleep(0.02)
    raise AssertionError("timed out waiting for the process")


def _count(db: str, table=None) -> int:  # noqa: ANN001
    s = Store(db, migrate_on_open=False)
    try:
        with s.engine.connect() as c:
            if table is None:
                return s.count_reports()
            return c.scalar(select(func.count()).select_from(table)) or 0
    finally:
        s.close()


def _cli_check(db: str, ok: bool = True) -> dict:
    out = subprocess.run(CLI + ["check", "--db", db, "--json"], capture_output=True, text=True, timeout=120)
    assert out.returncode == (0 if ok else 1), out.stdout + out.stderr[-2000:]
    return json.loads(out.stdout)


def _assert_complete(db: str, expected_ids: set[str], *, extracted: bool) -> None:
    s = Store(db)
    try:
        ids = [r.id for r in s.iter_reports(include_superseded=True)]
        assert len(ids) == len(set(ids))
        assert set(ids) == expected_ids, f"{len(expected_ids - set(ids))} report(s) lost"
        with s.engine.connect() as c:
            if extracted:
                have = set(c.scalars(select(extractions.c.report_id)))
                missing = expected_ids - have
                assert not missing, f"{len(missing)} stored report(s) were never extracted after the re-run"
                # every extraction's events are stored once as mentions, no more, no fewer
                want = {
                    rid: len(d["events"])
                    for rid, d in c.execute(select(extractions.c.report_id, extractions.c.data))
                }
                got = Counter(c.scalars(select(event_mentions.c.report_id)))
                assert {k: v for k, v in want.items() if v} == dict(got)
                pairs = c.execute(select(event_mentions.c.report_id, event_mentions.c.idx)).all()
                assert len(pairs) == len(set(pairs)), "a mention was stored twice"
    finally:
        s.close()
    assert _cli_check(db)["ok"]


def _expected_ids(paths: list[str]) -> set[str]:
    return {r.id for r in ingest(paths) if isinstance(r, Report)}


def _kill_large_ingest(tmp_path: Path, db: str) -> None:
    """Thousands of small files, killed after some batches are committed, then run again."""
    paths = write_archive(tmp_path / "in", 4000, kind="txt", seed=5)
    expected = _expected_ids(paths)
    p = _spawn(["ingest", str(tmp_path / "in"), "--db", db, "--no-extract", "--json"])
    killed = _wait_for(lambda: 0 < _count(db) < len(expected), p)
    _kill9(p)
    assert killed, "ingest finished before it could be killed; make the archive larger"
    assert 0 < _count(db) < len(expected)
    assert _cli_check(db)["ok"]  # a killed run leaves a consistent store
    again = subprocess.run(
        CLI + ["ingest", str(tmp_path / "in"), "--db", db, "--no-extract", "--json"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr[-2000:]
    summary = json.loads(again.stdout)
    assert len(summary["new"]) + len(summary["duplicate"]) == len(expected)
    _assert_complete(db, expected, extracted=False)


def test_kill9_during_large_ingest(tmp_path):
    _kill_large_ingest(tmp_path, str(tmp_path / "k.db"))


@pytest.mark.postgres
@pytest.mark.skipif(not server_url(), reason="SKYLOG_TEST_PG_URL is not set")
def test_kill9_during_large_ingest_postgresql(tmp_path):
    with temp_schema(server_url()) as url:
        _kill_large_ingest(tmp_path, url)


@pytest.mark.slow
def test_kill9_during_ingest_with_extraction(tmp_path):
    """Killed after reports are stored but before all are extracted: the re-run must extract them."""
    paths = write_archive(tmp_path / "in", 300, kind="txt", seed=6, relevant_share=0.3)
    expected = _expected_ids(paths)
    db = str(tmp_path / "k.db")
    args = ["ingest", str(tmp_path / "in"), "--db", db, "--json"]
    p = _spawn(args)
    killed = _wait_for(lambda: 5 < _count(db, extractions) < len(expected), p, timeout=300)
    _kill9(p)
    assert killed
    again = subprocess.run(CLI + args, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr[-2000:]
    _assert_complete(db, expected, extracted=True)


@pytest.mark.slow
def test_kill9_during_engine_ingest(tmp_path):
    """The Dask engine's client (and its local cluster) killed mid-run, then run again."""
    paths = write_archive(tmp_path / "in", 300, kind="txt", seed=7, relevant_share=0.3)
    expected = _expected_ids(paths)
    db = str(tmp_path / "k.db")
    code = (
        "import sys\n"
        "from skylog.engine import run_distributed\n"
        "if __name__ == '__main__':\n"
        "    s = run_distributed([sys.argv[1]], sys.argv[2], n_workers=2, batch_size=40)\n"
        "    print(len(s.new), len(s.duplicate), s.extracted)\n"
    )
    script = tmp_path / "run_engine.py"
    script.write_text(code)
    cmd = [sys.executable, str(script), str(tmp_path / "in"), db]
    p = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    killed = _wait_for(lambda: 5 < _count(db, extractions) < len(expected), p, timeout=300)
    _kill9(p)
    assert killed
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr[-2000:]
    _assert_complete(db, expected, extracted=True)


def _partition(db: str) -> set[frozenset[int]]:
    from skylog.store.incident_schema import incident_members

    s = Store(db)
    try:
        groups: dict[str, set[int]] = {}
        with s.engine.connect() as c:
            for mid, iid in c.execute(select(incident_members.c.mention_id, incident_members.c.incident_id)):
                groups.setdefault(iid, set()).add(int(mid))
        return {frozenset(g) for g in groups.values()}
    finally:
        s.close()


@pytest.fixture(scope="module")
def mentions_db(tmp_path_factory) -> Path:
    """A store with 6,000 reports, one mention each, not linked yet (built once per module)."""
    path = tmp_path_factory.mktemp("mentions") / "m.db"
    s = Store(str(path))
    stored_mentions_archive(s, 6000, seed=9)
    s.close()
    return path


def test_kill9_during_linking(tmp_path, mentions_db):
    db = str(tmp_path / "l.db")
    ref = str(tmp_path / "ref.db")
    shutil.copy(mentions_db, db)
    shutil.copy(mentions_db, ref)
    from skylog.store.linking import link_store

    with Store(ref) as s:
        link_store(s)
    reference = _partition(ref)
    assert len(reference) > 10
    for delay in (1.5, 3.0):  # before and during the linking proper (imports take ~1 s)
        p = _spawn(["link", "--db", db, "--json"])
        time.sleep(delay)
        _kill9(p)
        # a consistent store; the only problem named is the linking the kill left undone
        problems = _cli_check(db, ok=False)["problems"]
        assert problems and all("not linked" in p and "skylog link" in p for p in problems), problems
    again = subprocess.run(CLI + ["link", "--db", db, "--json"], capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr[-2000:]
    got = _partition(db)
    members = [m for g in got for m in g]
    assert len(members) == len(set(members)), "a mention is in two incidents"
    assert got == reference
    assert _cli_check(db)["ok"]


def test_kill9_during_export(tmp_path, mentions_db):
    db = str(tmp_path / "e.db")
    shutil.copy(mentions_db, db)
    from skylog.store.linking import link_store

    with Store(db) as s:
        n_incidents = link_store(s).total_incidents
    out = tmp_path / "incidents.jsonl"
    args = ["export", "--format", "jsonl", "--out", str(out), "--db", db]
    p = _spawn(args)
    killed = _wait_for(lambda: out.exists() and out.stat().st_size > 0, p)
    _kill9(p)
    if killed and out.exists():
        lines = out.read_text(encoding="utf-8").splitlines()
        assert len(lines) == n_incidents, (
            f"a killed export left a truncated {out.name} ({len(lines)} of {n_incidents} incidents) "
            "where a complete one is expected; write to a temporary file and rename it"
        )
    again = subprocess.run(CLI + args, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr[-2000:]
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == n_incidents and all(json.loads(x)["id"] for x in lines)
    assert not [f for f in tmp_path.iterdir() if out.name in f.name and f != out]  # no leftovers
    assert _cli_check(db)["ok"]
