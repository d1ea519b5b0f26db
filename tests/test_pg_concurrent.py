"""Several ingesters and a reader on one database at once: nothing lost, nothing doubled."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from skylog.engine.pg import server_url, temp_schema
from skylog.engine.synth import write_archive
from skylog.ingest import ingest
from skylog.records import Report
from skylog.store import Store

PG = server_url()


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServeReader:
    """A real ``skylog serve`` on the database, polled over HTTP while the ingesters run."""

    def __init__(self, url: str) -> None:
        import threading

        self.port = _free_port()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "skylog", "serve", "--db", url, "--port", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.reads = 0
        self.errors: list[str] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._poll, daemon=True)

    def wait_ready(self, timeout: float = 60) -> None:
        import time

        import httpx

        end = time.time() + timeout
        while time.time() < end:
            assert self.proc.poll() is None, self.proc.stderr.read()[-2000:]
            try:
                if httpx.get(f"http://127.0.0.1:{self.port}/api/status", timeout=2).status_code == 200:
                    self.thread.start()
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise AssertionError("skylog serve did not start")

    def _poll(self) -> None:
        import httpx

        base = f"http://127.0.0.1:{self.port}"
        with httpx.Client(timeout=30) as c:
            while not self.stop.is_set():
                try:
                    r = c.get(f"{base}/api/reports", params={"limit": 20})
                    if r.status_code != 200:
                        self.errors.append(f"/api/reports -> {r.status_code}: {r.text[:200]}")
                    s = c.get(f"{base}/api/status")
                    if s.status_code != 200:
                        self.errors.append(f"/api/status -> {s.status_code}: {s.text[:200]}")
                    self.reads += 1
                except httpx.HTTPError as exc:
                    self.errors.append(f"{exc.__class__.__name__}: {exc}")
                self.stop.wait(0.05)

    def close(self) -> None:
        self.stop.set()
        if self.thread.is_alive():
            self.thread.join(30)
        self.proc.terminate()
        self.proc.wait(30)


def _run_concurrently(url: str, tmp_path: Path) -> None:
    shared = write_archive(tmp_path / "shared", 300, kind="txt", seed=11)
    own = [write_archive(tmp_path / f"own{i}", 120, kind="txt", seed=20 + i) for i in range(3)]
    # two ingesters walk the shared files in the same order at the same time (the worst case for
    # a check-then-insert race), one walks them backwards, each also has files of its own
    orders = [shared + own[0], shared + own[1], own[2] + list(reversed(shared))]
    expected = {r.id for paths in (shared, *own) for r in ingest(paths) if isinstance(r, Report)}
    assert len(expected) == 300 + 3 * 120
    Store(url).close()  # migrate once up front, as an admin would (concurrent first opens also work)
    reader = ServeReader(url)
    reader.wait_ready()
    procs = []
    for i, paths in enumerate(orders):
        lst = tmp_path / f"inputs{i}.txt"
        lst.write_text("\n".join(paths))
        code = (
            "import sys, json; from skylog.pipeline import run_ingest; from skylog.store import Store; "
            "paths = open(sys.argv[2]).read().split(chr(10)); "
            "s = run_ingest(paths, Store(sys.argv[1]), extract=False, batch_size=int(sys.argv[3])); "
            "print(json.dumps(s.to_dict()))"
        )
        procs.append(
            subprocess.Popen(
                [sys.executable, "-c", code, url, str(lst), str(25 + 10 * i)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    outs = []
    try:
        for p in procs:
            out, err = p.communicate(timeout=300)
            assert p.returncode == 0, err[-2000:]
            outs.append(json.loads(out.strip().splitlines()[-1]))
    finally:
        reader.close()
    assert reader.errors == [] and reader.reads > 0

    for o in outs:
        assert o["failed"] == [], o["failed"][:3]
    new = [rid for o in outs for rid in o["new"]]
    assert len(new) == len(set(new)), "a report was stored as new by two ingesters"
    assert set(new) == expected  # every report stored exactly once, by exactly one ingester
    s = Store(url)
    try:
        assert s.count_reports() == len(expected)
        assert {r.id for r in s.iter_reports()} == expected
        assert s.check() == []
    finally:
        s.close()


@pytest.mark.postgres
@pytest.mark.skipif(not PG, reason="SKYLOG_TEST_PG_URL is not set")
def test_concurrent_ingesters_postgresql(tmp_path):
    with temp_schema(PG) as url:
        _run_concurrently(url, tmp_path)


def test_concurrent_ingesters_sqlite(tmp_path):
    _run_concurrently(f"sqlite:///{tmp_path / 'shared.db'}", tmp_path)


def _race_same_batch(url: str) -> None:
    """Two writers store the same new reports in overlapping transactions (held open on purpose)."""
    import threading

    from skylog.store import IngestSummary

    batch = [
        Report(id=f"race{i:03d}", text=f"Drones over Kursk, report {i}", language="en") for i in range(20)
    ]
    a, b = Store(url), Store(url)
    try:
        a_wrote = threading.Event()
        result: dict[str, object] = {}

        def second() -> None:
            a_wrote.wait(10)
            try:
                result["summary"] = b.add_reports(batch)
            except Exception as exc:  # the bug this test guards against
                result["error"] = exc

        t = threading.Thread(target=second)
        t.start()
        with a.engine.begin() as conn:
            a._add_batch(conn, list(batch), IngestSummary())
            a_wrote.set()
            t.join(0.5)  # let the second writer check for the ids and block on them
        t.join(30)
        assert "error" not in result, f"concurrent add_reports failed: {result.get('error')!r}"
        s = result["summary"]
        assert sorted(s.duplicate) == sorted(r.id for r in batch) and s.new == []
        assert a.count_reports() == 20
    finally:
        a.close()
        b.close()


@pytest.mark.postgres
@pytest.mark.skipif(not PG, reason="SKYLOG_TEST_PG_URL is not set")
def test_overlapping_batches_postgresql():
    with temp_schema(PG) as url:
        _race_same_batch(url)


def test_overlapping_batches_sqlite(tmp_path):
    _race_same_batch(f"sqlite:///{tmp_path / 'race.db'}")
