"""``skylog watch`` and ``serve`` with hostile folders and settings."""

from __future__ import annotations

import os
import time

from hostile_helpers import GOOD, cli, stored_texts

from skylog.api.watch import Watcher
from skylog.store import Store


def _old(path) -> None:
    t = time.time() - 10
    os.utime(path, (t, t))


def test_watch_survives_a_bad_file_and_ingests_later_ones(tmp_path, db, monkeypatch):
    import skylog.pipeline

    d = tmp_path / "w"
    d.mkdir()
    bad = os.path.join(os.fsencode(d), b"bad\xff.txt")
    with open(bad, "wb") as fh:
        fh.write(b"\x00 binary")
    os.utime(bad, (time.time() - 10, time.time() - 10))
    store = Store(db)
    w = Watcher([str(d)], store, interval=0.2)
    no_models = lambda: lambda reports: [skylog.pipeline.Extracted(r.id) for r in reports]  # noqa: E731
    monkeypatch.setattr(skylog.pipeline, "ReportExtractor", no_models)
    first = w.poll_once()
    assert first.summary is not None and len(first.summary.failed) == 1
    for i in range(2):
        p = d / f"later{i}.txt"
        p.write_text(GOOD[i], encoding="utf-8")
        _old(p)
        r = w.poll_once()
        assert r.error is None and r.summary is not None and len(r.summary.new) == 1
    assert sorted(stored_texts(db)) == sorted(GOOD[:2])


def test_watch_once_exits_non_zero_when_something_failed(tmp_path, db):
    d = tmp_path / "w"
    d.mkdir()
    good = d / "good.txt"
    good.write_text(GOOD[0], encoding="utf-8")
    bad = d / "bad.txt"
    bad.write_bytes(b"\x00\x01 binary")
    for p in (good, bad):
        _old(p)
    r = cli("watch", d, "--db", db, "--once")
    assert r.code == 1 and "bad.txt" in r.err
    assert stored_texts(db) == [GOOD[0]]


def test_serve_on_all_interfaces_warns(tmp_path, db, monkeypatch):
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)
    r = cli("serve", "--db", db, "--host", "0.0.0.0")
    assert r.code == 0 and "warning" in r.err and "0.0.0.0" in r.err
    r = cli("serve", "--db", db)
    assert "warning" not in r.err


def test_export_out_refuses_special_and_unwritable_targets(tmp_path, db):
    Store(db).close()
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    real = tmp_path / "real.csv"
    real.write_text("keep", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    folder = tmp_path / "dir"
    folder.mkdir()
    for target in (fifo, link, folder, tmp_path / "missing" / "x.csv"):
        r = cli("export", "--format", "acled-csv", "--out", target, "--db", db)
        assert r.code == 2 and "export failed" in r.err and len(r.err.strip().splitlines()) == 1, r.err
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "keep"
    r = cli("export", "--format", "acled-csv", "--out", link, "--db", db, "--allow-special-out")
    assert r.code == 0 and link.is_symlink() and real.read_text(encoding="utf-8") != "keep"
