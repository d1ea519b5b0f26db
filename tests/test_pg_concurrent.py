"""Several ingesters and a reader on one database at once: nothing lost, nothing doubled."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from skylog.engine.pg import server_url, temp_schema
from skylog.engine.synth import write_archive
from skylog.ingest import ingest
from skylog.records import Report
from skylog.store import Store

PG = server_url()

READER = textwrap.dedent(
    """
    import json, sys, time
    from skylog.store import Store
    s = Store(sys.argv[1])
    seen, last, errors = 0, 0, []
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            n = s.count_reports()
            if n < last:
                errors.append(f"count went down {last} -> {n}")
            last = n
            rows = list(s.iter_reports(limit=50))
            s.search("drones")
            seen += 1
        except Exception as exc:
            errors.append(f"{exc.__class__.__name__}: {exc}")
        if sys.stdin.readable() and open(sys.argv[2]).read() == "stop":
            break
        time.sleep(0.05)
    print(json.dumps({"reads": seen, "errors": errors[:5]}))
    """
)


def _run_concurrently(url: str, tmp_path: Path) -> None:
    shared = write_archive(tmp_path / "shared", 300, kind="txt", seed=11)
    own = [write_archive(tmp_path / f"own{i}", 120, kind="txt", seed=20 + i) for i in range(3)]
    # two ingesters walk the shared files in the same order at the same time (the worst case for
    # a check-then-insert race), one walks them backwards, each also has files of its own
    orders = [shared + own[0], shared + own[1], own[2] + list(reversed(shared))]
    expected = {r.id for paths in (shared, *own) for r in ingest(paths) if isinstance(r, Report)}
    assert len(expected) == 300 + 3 * 120
    Store(url).close()  # migrate once up front, as an admin would (concurrent first opens also work)
    stop = tmp_path / "stop"
    stop.write_text("")
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, url, str(stop)],
        stdout=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )
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
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err[-2000:]
        outs.append(json.loads(out.strip().splitlines()[-1]))
    stop.write_text("stop")
    rout, _ = reader.communicate(timeout=60)
    read = json.loads(rout.strip().splitlines()[-1])
    assert read["errors"] == [] and read["reads"] > 0

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
