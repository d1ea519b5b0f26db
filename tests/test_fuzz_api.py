"""Property tests of the HTTP API's parameters: any query string gives a 2xx or a clear 4xx, never a 5xx."""

from __future__ import annotations

import shutil

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skylog.engine.synth import stored_mentions_archive
from skylog.store import Store

FAST = settings(
    max_examples=60,
    deadline=10_000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# hostile but plausible values: dates, numbers, injections, unicode, huge and empty strings
values = (
    st.text(max_size=30)
    | st.sampled_from(
        [
            "",
            "0",
            "-1",
            "1e309",
            "NaN",
            "2025-01-01",
            "2025-13-45",
            "2025-01-01T00:00:00Z",
            "9999-12-31",
            "30.0,44.0,40.0,53.0",
            "1,2,3",
            "200,0,0,0",
            "a,b,c,d",
            "interception",
            "'; drop table reports; --",
            "%00",
            "\u202e",
            "x" * 600,
            "inc-",
            "RU-KUR",
            "Kursk Oblast",
            "*",
            '"',
        ]
    )  # fmt: skip
    | st.integers(-(10**12), 10**12).map(str)
)
INCIDENT_PARAMS = [
    "start",
    "end",
    "bbox",
    "admin1",
    "type",
    "grade",
    "q",
    "since",
    "limit",
    "cursor",
    "token",
]
REPORT_PARAMS = ["q", "language", "since", "limit", "token"]


@pytest.fixture(scope="module")
def template_db(tmp_path_factory):
    from skylog.store.linking import link_store

    path = tmp_path_factory.mktemp("fuzzapi") / "t.db"
    s = Store(str(path))
    stored_mentions_archive(s, 300, seed=4)
    link_store(s)
    with s.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    s.close()
    return path


@pytest.fixture(scope="module")
def client(template_db, tmp_path_factory):
    from skylog.api import create_app

    path = tmp_path_factory.mktemp("fuzzapi2") / "api.db"
    shutil.copy(template_db, path)
    mp = pytest.MonkeyPatch()
    mp.delenv("SKYLOG_READ_TOKEN", raising=False)
    mp.setenv("SKYLOG_API_TOKEN", "fuzz-token")
    s = Store(str(path))
    with TestClient(create_app(s, max_body=4096), raise_server_exceptions=False) as c:
        yield c
    s.close()
    mp.undo()


def _ok(resp) -> None:  # noqa: ANN001
    assert resp.status_code < 500, (resp.status_code, resp.text[:300])
    if resp.status_code >= 400:
        body = resp.json()
        assert isinstance(body, dict) and body, "an error must say what was wrong"


def test_api_has_data(client):
    body = client.get("/api/incidents", params={"limit": 5}).json()
    assert body["incidents"], "the fixture store has linked incidents"


@FAST
@given(st.dictionaries(st.sampled_from(INCIDENT_PARAMS), values, max_size=5))
def test_incident_list_params(client, params):
    r = client.get("/api/incidents", params=params)
    _ok(r)
    if r.status_code == 200:
        assert isinstance(r.json()["incidents"], list)


@FAST
@given(st.dictionaries(st.sampled_from(REPORT_PARAMS), values, max_size=4))
def test_report_list_params(client, params):
    _ok(client.get("/api/reports", params=params))


@FAST
@given(st.text(max_size=80), st.sampled_from(["reports", "incidents"]))
def test_item_ids(client, ident, kind):
    from urllib.parse import quote

    r = client.get(f"/api/{kind}/{quote(ident, safe='')}")
    _ok(r)
    if r.status_code >= 400:
        assert r.status_code in (400, 404, 422)


@settings(max_examples=25, deadline=20_000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.one_of(
        st.dictionaries(
            st.sampled_from(["text", "url", "title", "source", "source_kind", "published_at"]),
            st.none() | values | st.integers() | st.lists(st.integers(), max_size=2),
            max_size=4,
        ),
        st.lists(st.integers(), max_size=3),
        st.text(max_size=20),
    )
)
def test_ingest_bodies(client, body):
    """POST bodies of every shape; URLs in them are never fetched from private addresses."""
    r = client.post("/api/ingest", json=body, headers={"Authorization": "Bearer fuzz-token"})
    _ok(r)
    if isinstance(body, dict) and isinstance(body.get("url"), str) and "127.0.0.1" in body["url"]:
        assert r.status_code >= 400
