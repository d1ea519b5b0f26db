"""The HTTP API under hostile parameters and bodies: JSON 4xx with the security headers, never a 500."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from hostile_helpers import GOOD

import skylog.pipeline
from skylog.api import create_app
from skylog.api.app import SECURITY_HEADERS
from skylog.store import IngestSummary, Store

AUTH = {"Authorization": "Bearer t", "Content-Type": "application/json"}


@pytest.fixture
def client(tmp_path, monkeypatch):
    monkeypatch.setenv("SKYLOG_API_TOKEN", "t")
    monkeypatch.delenv("SKYLOG_READ_TOKEN", raising=False)
    monkeypatch.setattr(skylog.pipeline, "reprocess", lambda *a, **k: IngestSummary())  # no models
    store = Store(str(tmp_path / "api.db"))
    with TestClient(create_app(store), raise_server_exceptions=False) as c:
        c.store = store
        yield c
    store.close()


def _refused(r, status=(400, 404, 413, 422)):
    assert r.status_code in status, (r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert isinstance(body.get("error"), str) and "\n" not in body["error"]
    for k, v in SECURITY_HEADERS.items():
        assert r.headers.get(k) == v, k
    return body


LONG = "a" * 60_000


@pytest.mark.parametrize(
    "path",
    [
        "/api/reports?since=0001-01-01T00:00:00%2B14:00",
        "/api/reports?since=9999-12-31T23:59:59-14:00",
        "/api/incidents?end=9999-12-31T23:59:59-14:00",
        "/api/incidents?start=0001-01-01T00:00:00%2B14:00",
        "/api/incidents?since=0001-01-01T00:00:00%2B14:00",
        "/api/timeline?end=9999-12-31T23:59:59-14:00",
        "/api/timeline?start=0001-01-01T00:00:00%2B14:00",
        "/api/reports?since=99999-01-01",
        "/api/reports/" + LONG,
        "/api/incidents/" + LONG,
        "/api/incidents?cursor=" + "%ff" * 100,
    ],
)
def test_hostile_query_is_a_json_4xx(client, path):
    _refused(client.get(path))


@pytest.mark.parametrize(
    "body",
    [
        '{"text": "drones \\ud800 shot down"}',
        '{"text": "@G", "source": "bad \\udfff"}'.replace("@G", GOOD[0]),
        '{"text": "@G", "title": "\\ud800"}'.replace("@G", GOOD[0]),
        '{"text": "   "}',
        '{"text": "\\n\\t "}',
        '{"text": "@G", "published_at": true}'.replace("@G", GOOD[0]),
        '{"text": "@G", "published_at": 1e300}'.replace("@G", GOOD[0]),
        '{"text": "@G", "published_at": "0001-01-01T00:00:00+14:00"}'.replace("@G", GOOD[0]),
        '{"text": "@G", "published_at": "9999-12-31T23:59:59-14:00"}'.replace("@G", GOOD[0]),
        '{"text": "a\\u0000b drones"}',
        '{"text": ' + "[" * 5000 + "]" * 5000 + "}",
        '{"url": "http://x\\ud800.example/"}',
    ],
)
def test_hostile_post_is_refused_and_nothing_stored(client, body):
    _refused(client.post("/api/ingest", content=body.encode("utf-8"), headers=AUTH))
    assert client.store.count_reports() == 0


def test_good_post_beside_them_is_stored_once(client):
    for _ in range(2):
        r = client.post("/api/ingest", json={"text": GOOD[0], "source": "s"}, headers=AUTH)
        assert r.status_code == 201
    assert client.store.count_reports() == 1


def test_an_unforeseen_error_is_a_json_500_with_the_headers(client, monkeypatch):
    def boom(*a, **k):
        raise RuntimeError("something nobody foresaw")

    monkeypatch.setattr(client.store, "iter_reports", boom)
    r = client.get("/api/reports")
    assert r.status_code == 500 and r.json()["error"]
    for k, v in SECURITY_HEADERS.items():
        assert r.headers.get(k) == v, k
    assert "nobody foresaw" not in r.text  # no internals to the client
