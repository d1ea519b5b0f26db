"""Damaged, read-only and full databases, and concurrent writers on a new database."""

from __future__ import annotations

import json
import multiprocessing
import os

import pytest
from hostile_helpers import GOOD, cli

import skylog.store.core as core
import skylog.store.database as database
from skylog.store import Store


def _jsonl(path, n: int, tag: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"text": f"{GOOD[i % 3]} ({tag} {i})", "id": f"{tag}-{i}"}) + "\n")


def _ingest_in_child(db: str, path: str, q) -> None:
    try:
        from skylog.pipeline import run_ingest

        s = run_ingest([path], Store(db), extract=False)
        q.put(("ok", len(s.new), len(s.duplicate), len(s.failed)))
    except BaseException as exc:  # reported to the parent
        q.put(("error", repr(exc)))


@pytest.mark.parametrize("n_proc", [4])
def test_concurrent_ingests_into_a_new_database_store_everything_once(tmp_path, n_proc):
    db = str(tmp_path / "new.db")
    shared = tmp_path / "shared.jsonl"
    _jsonl(shared, 200, "shared")
    ctx = multiprocessing.get_context("fork")
    q = ctx.Queue()
    procs = []
    for k in range(n_proc):
        own = tmp_path / f"own{k}.jsonl"
        _jsonl(own, 300, f"own{k}")
        for path in (own, shared):
            procs.append(ctx.Process(target=_ingest_in_child, args=(db, str(path), q)))
    for p in procs:
        p.start()
    results = [q.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(30)
    assert all(r[0] == "ok" for r in results), results
    assert sum(r[1] for r in results) == n_proc * 300 + 200
    s = Store(db)
    assert s.count_reports() == n_proc * 300 + 200
    assert s.check() == []


def _damage(path) -> None:
    size = os.path.getsize(path)
    with open(path, "r+b") as fh:
        fh.seek(4096)  # keep the header page, wreck the pages after it
        fh.write(os.urandom(min(size - 4096, 64 * 1024)))


@pytest.fixture
def filled(tmp_path):
    db = tmp_path / "f.db"
    d = tmp_path / "in"
    d.mkdir()
    for i in range(40):
        (d / f"{i}.txt").write_text(f"{GOOD[i % 3]} {'x' * 3000} {i}", encoding="utf-8")
    assert cli("ingest", d, "--db", db, "--no-extract").code == 0
    s = Store(str(db))
    with s.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    s.close()
    return db


@pytest.mark.parametrize("how", ["pages", "not a database"])
@pytest.mark.parametrize("command", ["check", "reports", "ingest", "incidents", "search"])
def test_damaged_database_is_named_as_damaged(tmp_path, filled, how, command):
    if how == "pages":
        _damage(filled)
    else:
        filled.write_bytes(os.urandom(8192))
    good = tmp_path / "g.txt"
    good.write_text(GOOD[0], encoding="utf-8")
    args = {"check": ["check"], "reports": ["reports"], "ingest": ["ingest", good, "--no-extract"],
            "incidents": ["incidents"], "search": ["search", "drones"]}[command]  # fmt: skip
    r = cli(*args, "--db", filled)
    assert r.code != 0
    assert "database is damaged" in r.err + r.out, (r.out, r.err)


def test_read_only_database_reads_work(filled, monkeypatch):
    monkeypatch.setattr(core, "writable", lambda path: False)  # as a non-root user with chmod 444
    r = cli("reports", "--db", filled, "--json")
    assert r.code == 0 and len(r.json()) == 40
    r = cli("incidents", "--db", filled, "--format", "json")
    assert r.code == 0 and r.json() == []
    r = cli("search", "drones", "--db", filled, "--json")
    assert r.code == 0
    new = filled.parent / "new.txt"
    new.write_text(GOOD[1] + " A new one.", encoding="utf-8")
    r = cli("ingest", new, "--db", filled, "--no-extract")
    assert r.code == 2 and "read-only" in r.err, (r.out, r.err)


def test_disk_full_is_a_clear_error_and_earlier_batches_are_kept(tmp_path, monkeypatch):
    db = tmp_path / "full.db"
    Store(str(db)).close()
    orig = database._sqlite_pragmas

    def tiny(dbapi_conn, record):
        orig(dbapi_conn, record)
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 1500}")  # a full disk, as SQLite sees it

    monkeypatch.setattr(database, "_sqlite_pragmas", tiny)
    src = tmp_path / "big.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for i in range(3000):  # six batches of 500 reports; room for some of them
            fh.write(json.dumps({"text": f"{GOOD[i % 3]} {i} " + "y" * 2000}) + "\n")
    r = cli("ingest", src, "--db", db, "--no-extract")
    assert r.code == 2 and "disk full" in r.err, (r.out, r.err)
    assert len(r.err.strip().splitlines()) == 1
    monkeypatch.setattr(database, "_sqlite_pragmas", orig)
    kept = Store(str(db)).count_reports()
    assert kept % 500 == 0 and 0 < kept < 3000


def test_check_reports_unlinked_mentions_and_says_what_to_run(tmp_path, filled):
    from sqlalchemy import insert, select

    from skylog.store.schema import event_mentions, reports

    s = Store(str(filled))
    with s.engine.begin() as conn:
        rid = conn.scalar(select(reports.c.id).limit(1))
        conn.execute(insert(event_mentions).values(report_id=rid, idx=0, type="interception", data={}))
    r = cli("check", "--db", filled)
    assert r.code == 1 and "not linked" in r.out and "skylog link" in r.out


def test_incident_with_a_huge_id_is_a_clean_error(filled):
    r = cli("incident", "x" * 100_000, "--db", filled)
    assert r.code == 1 and len(r.err) < 400
    r = cli("report", "x" * 100_000, "--db", filled)
    assert r.code == 1 and len(r.err) < 400
