"""The Dask engine stores exactly what the single-process pipeline stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from skylog.engine import EngineStats, make_client, run_distributed
from skylog.engine.pg import server_url, temp_schema
from skylog.engine.synth import write_archive
from skylog.pipeline import run_ingest
from skylog.records import Report
from skylog.store import Store
from skylog.store.schema import event_mentions, extractions, ingest_errors, reports

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Regional news</title>
<link>https://news.example.org/</link>
<item><title>Drones downed</title><link>https://news.example.org/a</link>
<description>Air defence destroyed 7 drones over Belgorod region overnight, the governor said.</description>
<pubDate>Tue, 03 Jun 2025 06:00:00 GMT</pubDate></item>
<item><title>Concert</title><link>https://news.example.org/b</link>
<description>The philharmonic gives an open-air concert on Saturday evening.</description>
<pubDate>Tue, 03 Jun 2025 08:00:00 GMT</pubDate></item>
</channel></rss>"""

HTML = """<!doctype html><html><head><title>Missile attack on Odesa</title></head><body>
<article><h1>Missile attack on Odesa</h1><p>Russia struck the port of Odesa with two ballistic missiles
on Monday night, injuring four people, regional governor Oleh Kiper said.</p>
<p>Several warehouses were damaged and a fire broke out.</p></article></body></html>"""


def _telegram(msgs: list[tuple[int, str]]) -> str:
    return json.dumps(
        {
            "name": "Повітряні сили ЗСУ",
            "type": "public_channel",
            "id": 777,
            "messages": [
                {"id": i, "type": "message", "date": f"2025-06-0{i}T09:00:00", "text": t} for i, t in msgs
            ],
        },
        ensure_ascii=False,
    )


def varied_folder(root: Path) -> Path:
    """Text in three languages, HTML, a feed, two Telegram exports (one edits a post),
    JSON Lines with a bad line, an empty file, and a repeated text."""
    d = root / "in"
    (d / "tg1").mkdir(parents=True)
    (d / "tg2").mkdir()
    (d / "a_en.txt").write_text(
        "Ukrainian air defence shot down 23 of 30 drones launched overnight, the Air Force said.\n",
        encoding="utf-8",
    )
    (d / "b_ru.txt").write_text(
        "В Курской области сбиты четыре беспилотника, пострадавших нет, сообщил губернатор.\n",
        encoding="utf-8",
    )
    (d / "c_uk.md").write_text("Уламки збитого дрона пошкодили два будинки у Києві.\n", encoding="utf-8")
    (d / "d.html").write_text(HTML, encoding="utf-8")
    (d / "feed.rss").write_text(RSS, encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "tg1" / "result.json").write_text(
        _telegram([(1, "Збито 12 шахедів над Одещиною."), (2, "Повітряна тривога скасована.")]),
        encoding="utf-8",
    )
    (d / "tg2" / "result.json").write_text(
        _telegram([(1, "Збито 14 шахедів над Одещиною."), (3, "Вибухи у Харкові, працює ППО.")]),
        encoding="utf-8",
    )
    lines = [
        json.dumps({"id": "x1", "text": "Shelling of Nikopol injured two men, officials said."}),
        "{not json",
        json.dumps({"id": "x2", "text": "The Kyiv marathon drew 8,000 runners on Sunday."}),
        json.dumps({"id": "x1", "text": "Shelling of Nikopol injured three men, officials said."}),
    ]
    (d / "e.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_archive(d / "synth", 120, per_file=40, seed=3)
    return d


def snapshot(url: str) -> dict:
    """Everything stored that must not depend on the engine (row ids and clock times left out)."""
    s = Store(url)
    try:
        with s.engine.connect() as c:
            reps = sorted(
                (r.id, r.version, r.superseded_by, r.text, r.source, r.external_id, r.language, r.origin)
                for r in c.execute(select(reports))
            )
            errs = sorted((e.input, e.reason) for e in c.execute(select(ingest_errors)))
            exs = sorted(
                (e.report_id, e.relevant, json.dumps(e.data, sort_keys=True))
                for e in c.execute(select(extractions))
            )
            ments = sorted(
                (m.report_id, m.idx, json.dumps(m.data, sort_keys=True))
                for m in c.execute(select(event_mentions))
            )
    finally:
        s.close()
    return {"reports": reps, "errors": errs, "extractions": exs, "mentions": ments}


def first_difference(only_a: list, only_b: list) -> str:
    """The first differing stretch of two unequal rows, for a readable failure."""
    if not only_a or not only_b:
        return f"single-process only: {only_a[:2]}; engine only: {only_b[:2]}"
    x, y = str(only_a[0]), str(only_b[0])
    i = next((i for i in range(min(len(x), len(y))) if x[i] != y[i]), min(len(x), len(y)))
    return f"single: …{x[max(0, i - 150) : i + 150]}…\nengine: …{y[max(0, i - 150) : i + 150]}…"


@pytest.fixture(scope="module")
def dask_client():
    client = make_client(n_workers=2)
    yield client
    cluster = client.cluster
    client.close()
    cluster.close()


@pytest.mark.slow
def test_engine_matches_single_process(tmp_path, dask_client):
    folder = varied_folder(tmp_path)
    single = f"sqlite:///{tmp_path / 'single.db'}"
    dist = f"sqlite:///{tmp_path / 'dist.db'}"
    with Store(single) as st:
        s1 = run_ingest([str(folder)], st, batch_size=37)
    stats = EngineStats()
    # small tasks: JSON Lines files are split into line ranges, several files share a task
    s2 = run_distributed([str(folder)], dist, client=dask_client, batch_size=37, stats=stats, task_bytes=900)
    assert stats.parse_tasks > 1 and stats.batches > 1
    assert sorted(s1.new) == sorted(s2.new) and sorted(s1.updated) == sorted(s2.updated)
    assert sorted(s1.duplicate) == sorted(s2.duplicate)
    assert sorted(map(str, s1.failed)) == sorted(map(str, s2.failed))
    assert s1.extracted == s2.extracted and s1.mentions == s2.mentions
    a, b = snapshot(single), snapshot(dist)
    assert len(a["reports"]) > 120 and a["errors"]  # the folder really is varied
    assert any(r[1] == 2 for r in a["reports"])  # an edited post became version 2
    for key in a:
        only_a, only_b = sorted(set(a[key]) - set(b[key])), sorted(set(b[key]) - set(a[key]))
        assert not only_a and not only_b, (key, first_difference(only_a, only_b))
    # a re-run through the engine changes nothing
    s3 = run_distributed([str(folder)], dist, client=dask_client, batch_size=50)
    assert s3.new == [] and s3.updated == [] and len(s3.duplicate) == len(a["reports"])
    assert snapshot(dist)["reports"] == a["reports"]


def test_plan_tasks_splits_and_groups(tmp_path):
    from skylog.engine.core import plan_tasks
    from skylog.engine.worker import JsonlRange, parse_inputs
    from skylog.ingest import IngestOptions, ingest

    paths = write_archive(tmp_path / "j", 250, per_file=250, seed=1)
    big = paths[0]
    with open(big, "ab") as fh:
        fh.write(b"{broken\n\n")
    small = [str(tmp_path / f"s{i}.txt") for i in range(5)]
    for i, p in enumerate(small):
        Path(p).write_text(f"Drones attacked town number {i}.\n")
    tasks = plan_tasks([*small[:2], big, *small[2:]], task_bytes=4000)
    assert tasks[0] == small[:2] and tasks[-1] == small[2:]
    ranges = [t[0] for t in tasks[1:-1]]
    assert len(ranges) > 5 and all(
        isinstance(r, JsonlRange) and len(t) == 1 for r, t in zip(ranges, tasks[1:-1], strict=True)
    )
    # the ranges together read exactly what reading the whole file reads, origins included
    opts = IngestOptions()
    pieces = [x for r in ranges for x in parse_inputs([r], opts)]
    whole = list(ingest([big]))
    assert [
        (type(x).__name__, getattr(x, "origin", None) or x.input, getattr(x, "id", None)) for x in pieces
    ] == [(type(x).__name__, getattr(x, "origin", None) or x.input, getattr(x, "id", None)) for x in whole]
    assert sum(isinstance(x, Report) for x in pieces) == 250


def test_engine_own_local_cluster_and_errors(tmp_path):
    """Without a client the engine starts and stops its own local cluster; bad inputs are errors."""
    (tmp_path / "ok.txt").write_text("Drones attacked Sumy overnight, two people were injured.\n")
    url = f"sqlite:///{tmp_path / 'x.db'}"
    s = run_distributed(
        [str(tmp_path / "ok.txt"), str(tmp_path / "missing.txt")], url, n_workers=1, extract=False
    )
    assert len(s.new) == 1 and len(s.failed) == 1
    assert s.failed[0].input.endswith("missing.txt") and "no such file" in s.failed[0].reason
    with Store(url) as st:
        assert st.count_reports() == 1 and st.check() == []


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.skipif(not server_url(), reason="SKYLOG_TEST_PG_URL is not set")
def test_engine_on_postgresql(tmp_path, dask_client):
    """The engine writing to PostgreSQL stores what the single process stores in SQLite."""
    folder = varied_folder(tmp_path)
    single = f"sqlite:///{tmp_path / 'single.db'}"
    with Store(single) as st:
        run_ingest([str(folder)], st)
    with temp_schema(server_url()) as url:
        run_distributed([str(folder)], url, client=dask_client)
        a, b = snapshot(single), snapshot(url)
    for key in a:
        only_a, only_b = sorted(set(a[key]) - set(b[key])), sorted(set(b[key]) - set(a[key]))
        assert not only_a and not only_b, (key, first_difference(only_a, only_b))


@pytest.mark.slow
def test_engine_on_a_separate_scheduler(tmp_path):
    """The multi-node recipe of docs/scaling.md on one machine: ``dask scheduler`` + ``dask worker``."""
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    dask_cli = [sys.executable, "-m", "distributed.cli.dask_scheduler"]
    addr = f"tcp://127.0.0.1:{port}"
    sched = subprocess.Popen(
        [*dask_cli, "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    work = subprocess.Popen(
        [sys.executable, "-m", "distributed.cli.dask_worker", addr, "--nworkers", "1", "--nthreads", "1",
         "--no-dashboard"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        from distributed import Client

        deadline = time.time() + 60
        while True:
            try:
                with Client(addr, timeout=5) as c:
                    if c.scheduler_info()["workers"]:
                        break
            except OSError:
                pass
            assert time.time() < deadline, "scheduler/worker did not start"
            time.sleep(0.5)
        paths = write_archive(tmp_path / "in", 50, per_file=25, seed=8)
        url = f"sqlite:///{tmp_path / 'remote.db'}"
        stats = EngineStats()
        s = run_distributed(paths, url, scheduler=addr, stats=stats)
        assert len(s.new) == 50 and stats.workers == 1 and stats.parse_tasks >= 1
        with Store(url) as st:
            assert st.count_reports() == 50 and st.check() == []
    finally:
        work.terminate()
        sched.terminate()
        work.wait(30)
        sched.wait(30)
