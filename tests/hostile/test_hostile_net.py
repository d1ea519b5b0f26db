"""URLs, feeds and API posts against hostile local servers (127.0.0.1 only): slow, endless, huge."""

from __future__ import annotations

import threading
import time

import pytest
from hostile_helpers import GOOD

from skylog.ingest.common import IngestOptions
from skylog.ingest.fetch import FetchError, fetch


def dribble(body_bytes: int = 10_000, delay: float = 0.2, headers_slowly: bool = False, limit: float = 6.0):
    """A route that sends one byte every ``delay`` seconds (for at most ``limit`` seconds)."""

    def handler(h) -> None:
        t0 = time.monotonic()
        try:
            if headers_slowly:
                for b in b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n":
                    h.wfile.write(bytes([b]))
                    h.wfile.flush()
                    time.sleep(delay)
                    if time.monotonic() - t0 > limit:
                        return
            h.send_response(200)
            h.send_header("Content-Type", "text/plain")
            h.send_header("Content-Length", str(body_bytes))
            h.end_headers()
            for _ in range(body_bytes):
                h.wfile.write(b"x")
                h.wfile.flush()
                time.sleep(delay)
                if time.monotonic() - t0 > limit:
                    return
        except (BrokenPipeError, ConnectionResetError):
            pass

    return handler


def endless(h) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/plain")
    h.end_headers()
    try:
        for _ in range(100_000):
            h.wfile.write(b"drones " * 1000)
    except (BrokenPipeError, ConnectionResetError):
        pass


@pytest.mark.parametrize("headers_slowly", [False, True])
def test_dribbling_server_is_cut_off_at_the_wall_clock_deadline(http_server, headers_slowly):
    http_server.routes["/slow"] = dribble(headers_slowly=headers_slowly)
    opts = IngestOptions(allow_private=True, timeout=5.0, total_timeout=1.5)
    t0 = time.monotonic()
    with pytest.raises(FetchError) as err:
        fetch(http_server.url("/slow"), opts)
    took = time.monotonic() - t0
    assert took < 2.5, took
    assert "timed out" in str(err.value) and "1.5 s" in str(err.value)


def test_endless_response_is_cut_at_the_size_limit(http_server):
    http_server.routes["/endless"] = endless
    opts = IngestOptions(allow_private=True, max_bytes=200_000)
    with pytest.raises(FetchError) as err:
        fetch(http_server.url("/endless"), opts)
    assert "too large" in str(err.value)


def test_slow_url_post_does_not_hold_the_ingest_lock(http_server, tmp_path, monkeypatch):
    """While one POST waits on a slow server, a posted text is stored at once."""
    from fastapi.testclient import TestClient

    import skylog.pipeline
    from skylog.api import create_app
    from skylog.store import IngestSummary, Store

    monkeypatch.setattr(skylog.pipeline, "reprocess", lambda *a, **k: IngestSummary())  # no models

    http_server.routes["/slow"] = dribble(limit=4.0)
    monkeypatch.setenv("SKYLOG_API_TOKEN", "t")
    store = Store(str(tmp_path / "api.db"))
    app = create_app(store, allow_private_urls=True)
    auth = {"Authorization": "Bearer t"}
    with TestClient(app, raise_server_exceptions=False) as client:
        assert client.post("/api/ingest", json={"text": GOOD[1]}, headers=auth).status_code == 201  # warm
        slow_done = threading.Event()

        def slow_post() -> None:
            client.post("/api/ingest", json={"url": http_server.url("/slow")}, headers=auth)
            slow_done.set()

        threading.Thread(target=slow_post, daemon=True).start()
        time.sleep(0.5)
        t0 = time.monotonic()
        r = client.post("/api/ingest", json={"text": GOOD[0]}, headers=auth)
        took = time.monotonic() - t0
        assert r.status_code == 201, r.text
        assert not slow_done.is_set() and took < 3.0, took
        slow_done.wait(15)
    store.close()
