"""Watch mode: new files in a watched folder are ingested, linked and served by the API."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from skylog.api import create_app
from skylog.api.watch import Watcher
from skylog.store import Store


def _age(path: Path, seconds: float) -> None:
    t = time.time() - seconds
    os.utime(path, (t, t))


def test_due_inputs_takes_settled_new_and_changed_files_once(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    old = folder / "a.txt"
    old.write_text("Drones were shot down over Kursk.", encoding="utf-8")
    _age(old, 10)
    (folder / "notes.bin").write_bytes(b"\x00\x01")  # not a kind ingest reads
    w = Watcher([str(folder)], store=None, interval=1)
    assert w.due_inputs() == [str(old)]
    assert w.due_inputs() == []  # nothing new
    fresh = folder / "sub" / "b.md"
    fresh.parent.mkdir()
    fresh.write_text("A missile hit Odesa.", encoding="utf-8")
    assert w.due_inputs() == []  # just written: waits one look to be sure it is complete
    assert w.due_inputs() == [str(fresh)]
    old.write_text("Drones were shot down over Kursk and Belgorod.", encoding="utf-8")
    _age(old, 5)
    assert w.due_inputs() == [str(old)]  # changed: taken again (a new version or a new report)


def test_feed_targets_url_every_poll_file_when_changed(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text("<rss version='2.0'><channel><title>t</title></channel></rss>", encoding="utf-8")
    _age(feed, 10)
    url = "https://example.org/feed.xml"
    w = Watcher([url, str(feed)], store=None, interval=1)
    assert w.due_inputs() == [url, str(feed)]
    assert w.due_inputs() == [url]  # a URL is re-read each poll (ingest ids make it idempotent)
    feed.write_text("<rss version='2.0'><channel><title>t2</title></channel></rss>", encoding="utf-8")
    _age(feed, 5)
    assert w.due_inputs() == [url, str(feed)]


def test_bad_poll_is_reported_not_raised(tmp_path):
    class Broken:
        def add_reports(self, items):
            raise RuntimeError("disk full")

    folder = tmp_path / "in"
    folder.mkdir()
    f = folder / "a.txt"
    f.write_text("Drones were shot down over Kursk.", encoding="utf-8")
    _age(f, 10)
    seen = []
    w = Watcher([str(folder)], store=Broken(), interval=1, on_poll=seen.append)
    result = w.poll_once()
    assert result.error and "disk full" in result.error
    assert seen == [result]
    assert w.due_inputs() == [str(f)]  # a failed poll's files are tried again


@pytest.mark.slow
def test_new_file_in_watched_folder_is_served_within_the_interval(tmp_path):
    folder = tmp_path / "watched"
    folder.mkdir()
    first = folder / "first.txt"
    first.write_text(
        "On 3 June 2025, air defences shot down 9 drones over Bryansk Oblast, the governor said.",
        encoding="utf-8",
    )
    _age(first, 10)
    store = Store(str(tmp_path / "w.db"))
    watcher = Watcher([str(folder)], store, interval=0.5)
    watcher.poll_once()  # what is already there (and the models load once)
    with TestClient(create_app(store)) as client:
        before = {i["id"] for i in client.get("/api/incidents", params={"limit": 1000}).json()["incidents"]}
        version = client.get("/api/status").json()["version"]
        watcher.start()
        try:
            t0 = time.monotonic()
            (folder / "second.txt").write_text(
                "A missile strike hit Odesa on 14 June 2025, killing two people, the regional administration said.",
                encoding="utf-8",
            )
            new: set[str] = set()
            while time.monotonic() - t0 < 60 and not new:
                time.sleep(0.25)
                now = {
                    i["id"] for i in client.get("/api/incidents", params={"limit": 1000}).json()["incidents"]
                }
                new = now - before
            elapsed = time.monotonic() - t0
        finally:
            watcher.stop()
        assert new, "the new report never reached the API"
        assert elapsed < 60
        assert client.get("/api/status").json()["version"] != version
        texts = [r["text"] for i in new for r in client.get(f"/api/incidents/{i}").json()["reports"]]
        assert any("Odesa" in t for t in texts)
    store.close()


def test_poll_lines_of_folders_and_sources_share_one_wording():
    """``watch`` prints folder polls and source polls through one formatter (skylog.engine.poll)."""
    from skylog.api.watch import PollResult
    from skylog.engine.poll import SourcePoll
    from skylog.records import IngestError
    from skylog.store import IngestSummary

    summary = IngestSummary(new=["a", "b"], duplicate=["c"])
    summary.failed.append(IngestError("bad.jsonl:3", "malformed JSON"))
    summary.mentions = 4
    folder = PollResult(inputs=["x.txt", "bad.jsonl"], summary=summary).lines()
    assert folder == [
        "watch: 2 input(s): 2 new, 0 updated, 1 duplicate, 1 failed; 4 mention(s)",
        "  failed: bad.jsonl:3: malformed JSON",
    ]
    src = SourcePoll(1, "Air Force", "https://t.me/s/kpszsu", new=["a"], mentions=2, warnings=["slow"])
    assert src.lines() == [
        "watch: Air Force: 1 new, 0 updated, 0 duplicate, 0 skipped (0 media-only), 0 failed; 2 mention(s)",
        "  warning: slow",
    ]
    assert SourcePoll(1, "quiet", "u").lines() == [] and PollResult().lines() == []
    assert PollResult(error="db locked").lines() == ["watch: poll failed: db locked"]
