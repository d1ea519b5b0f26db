"""The HTTP API with FastAPI's TestClient: filters, pagination, detail with evidence, errors, auth."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from test_api_fixtures import FakeIncidents, make_dataset

from skylog.api import create_app
from skylog.store import Store


@pytest.fixture(scope="module")
def dataset():
    return make_dataset(30, seed=11)


@pytest.fixture()
def store(tmp_path_factory, dataset):
    # a copy of one migrated template database per test (migrating each time is slow)
    import shutil

    template = tmp_path_factory.getbasetemp() / "api-template.db"
    if not template.exists():
        s = Store(str(template))
        s.add_reports(dataset[1])
        with s.engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        s.close()
    path = tmp_path_factory.mktemp("api") / "api.db"
    shutil.copy(template, path)
    s = Store(str(path))
    yield s
    s.close()


@pytest.fixture()
def client(store, dataset, monkeypatch):
    FakeIncidents(dataset[0], store).install(monkeypatch)
    monkeypatch.delenv("SKYLOG_READ_TOKEN", raising=False)
    monkeypatch.delenv("SKYLOG_API_TOKEN", raising=False)
    with TestClient(create_app(store, max_body=4096)) as c:
        yield c


def _all_ids(client, **params):
    ids, cursor, pages = [], None, 0
    while True:
        q = dict(params, limit=7)
        if cursor:
            q["cursor"] = cursor
        body = client.get("/api/incidents", params=q).json()
        ids += [i["id"] for i in body["incidents"]]
        cursor = body["next_cursor"]
        pages += 1
        if not cursor:
            return ids, pages


def test_incident_pages_cover_everything_once(client, dataset):
    ids, pages = _all_ids(client)
    assert sorted(ids) == sorted(i["id"] for i in dataset[0])
    assert len(ids) == len(set(ids))
    assert pages >= 4


def test_incident_filters(client, dataset):
    incs = dataset[0]
    some = incs[4]
    typ = some["type"]
    ids, _ = _all_ids(client, type=typ)
    assert set(ids) == {i["id"] for i in incs if i["type"] == typ}
    day = some["fields"]["time"]["value"]["start"][:10]
    ids, _ = _all_ids(client, start=day, end=day)
    assert some["id"] in ids
    assert all(i["fields"]["time"]["value"]["start"][:10] == day for i in incs if i["id"] in ids)
    p = some["fields"]["places"]["value"]
    ids, _ = _all_ids(client, bbox=f"{p['lon'] - 0.1},{p['lat'] - 0.1},{p['lon'] + 0.1},{p['lat'] + 0.1}")
    assert some["id"] in ids
    assert all(i["fields"]["places"]["value"]["name"] == p["name"] for i in incs if i["id"] in ids)
    ids, _ = _all_ids(client, admin1=p["admin1"], grade=some["grade"])
    assert some["id"] in ids


def test_incident_summary_for_the_page(client, dataset):
    body = client.get("/api/incidents", params={"limit": 3}).json()
    s = body["incidents"][0]["summary"]
    inc = next(i for i in dataset[0] if i["id"] == s["id"])
    assert s["lat"] == pytest.approx(inc["fields"]["places"]["value"]["lat"])
    assert s["date"] == inc["fields"]["time"]["value"]["start"][:10]
    assert s["geo_precision"] == 1


def test_full_text_query_finds_incidents_through_their_reports(client, dataset):
    incs, reports = dataset
    target = incs[9]
    rid = target["sources"][0]["reports"][0]
    word = next(r for r in reports if r.id == rid).text.split(":")[0]  # "Report N"
    body = client.get("/api/incidents", params={"q": word}).json()
    assert target["id"] in [i["id"] for i in body["incidents"]]
    assert client.get("/api/incidents", params={"q": "zzzyxnotaword"}).json()["incidents"] == []


def test_incident_detail_has_claims_and_evidence_spans(client, dataset):
    incs, reports = dataset
    inc = next(i for i in incs if len(i["sources"]) > 1 and "count" in i["fields"])
    body = client.get(f"/api/incidents/{inc['id']}").json()
    assert body["grade"] == inc["grade"]
    claims = body["fields"]["count"]["claims"]
    assert len(claims) == len(inc["fields"]["count"]["claims"]) >= 2
    texts = {r.id: r.text for r in reports}
    assert {r["id"] for r in body["reports"]} == {c["report_id"] for c in claims}
    for r in body["reports"]:
        assert r["text"] == texts[r["id"]]
        marks = [h for h in r["highlights"] if h["field"] == "count"]
        assert marks
        for h in marks:
            assert r["text"][h["start"] : h["end"]] == str(h["value"])


def test_reports_and_sources(client, dataset):
    reports = dataset[1]
    body = client.get("/api/reports", params={"limit": 500}).json()
    assert len(body["reports"]) == len(reports)
    assert "text" not in body["reports"][0]
    one = client.get(f"/api/reports/{reports[0].id}").json()
    assert one["text"] == reports[0].text
    srcs = client.get("/api/sources").json()["sources"]
    assert sum(s["reports"] for s in srcs) == len(reports)
    assert {s["name"] for s in srcs} == {r.source for r in reports}
    hits = client.get("/api/reports", params={"q": "governor"}).json()["reports"]
    assert all("snippet" in h for h in hits)


@pytest.mark.parametrize(
    "params, needle",
    [
        ({"start": "yesterday"}, "start"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "10,80,5,85"}, "bbox"),
        ({"type": "teleport"}, "type"),
        ({"grade": "maybe"}, "grade"),
        ({"limit": "0"}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"start": "2025-06-10", "end": "2025-06-01"}, "start"),
    ],
)
def test_bad_parameters_give_400_json(client, params, needle):
    r = client.get("/api/incidents", params=params)
    assert r.status_code == 400
    assert needle in r.json()["error"]


def test_missing_things_give_404_json(client):
    for url in ("/api/incidents/inc-nope", "/api/reports/nope", "/api/nothing"):
        r = client.get(url)
        assert r.status_code == 404 and r.json()["error"]


def test_every_response_has_a_strict_csp(client):
    for url in ("/", "/api/incidents", "/api/incidents/x", "/docs"):
        csp = client.get(url).headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp


def test_openapi_and_offline_docs(client):
    spec = client.get("/openapi.json").json()
    assert "/api/incidents" in spec["paths"] and "/api/ingest" in spec["paths"]
    html = client.get("/docs").text
    assert "/static/swagger-ui-bundle.js" in html and "http" not in html.split("<body>")[1]
    assert client.get("/static/swagger-ui-bundle.js").status_code == 200


def test_ingest_needs_the_token(client, monkeypatch, store):
    r = client.post("/api/ingest", json={"text": "Drones were shot down over Kursk."})
    assert r.status_code == 403  # writes disabled without a configured token
    monkeypatch.setenv("SKYLOG_API_TOKEN", "s3cret")
    r = client.post("/api/ingest", json={"text": "Drones were shot down over Kursk."})
    assert r.status_code == 401
    r = client.post(
        "/api/ingest",
        json={"text": "Drones were shot down over Kursk."},
        headers={"Authorization": "Bearer wrong"},
    )
    assert r.status_code == 401
    r = client.post("/api/ingest", json={}, headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 400
    r = client.post(
        "/api/ingest", json={"url": "file:///etc/passwd"}, headers={"Authorization": "Bearer s3cret"}
    )
    assert r.status_code == 400


@pytest.mark.slow  # runs extraction (loads the NLP models)
def test_ingest_text_stores_the_report(client, monkeypatch, store):
    monkeypatch.setenv("SKYLOG_API_TOKEN", "s3cret")
    text = "Regional officials said three drones were downed near Belgorod overnight."
    r = client.post(
        "/api/ingest",
        json={"text": text, "source": "Test outlet", "published_at": "2025-06-01"},
        headers={"Authorization": "Bearer s3cret"},
    )
    assert r.status_code == 201, r.text
    new = r.json()["new"]
    assert len(new) == 1
    assert store.get_report(new[0]).text == text
    again = client.post(
        "/api/ingest", json={"text": text, "source": "Test outlet"}, headers={"X-Skylog-Token": "s3cret"}
    )
    assert again.json()["duplicate"] == new


def test_body_size_limit(client, monkeypatch):
    monkeypatch.setenv("SKYLOG_API_TOKEN", "s3cret")
    r = client.post("/api/ingest", json={"text": "x" * 10_000}, headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 413
    assert "limit" in r.json()["error"]


def test_body_size_limit_without_content_length(client, monkeypatch):
    monkeypatch.setenv("SKYLOG_API_TOKEN", "s3cret")

    def chunks():
        for _ in range(10):
            yield b'{"text": "' + b"y" * 1000

    r = client.post(
        "/api/ingest",
        content=chunks(),
        headers={"Authorization": "Bearer s3cret", "Content-Type": "application/json"},
    )
    assert r.status_code == 413


def test_read_token_when_configured(client, monkeypatch):
    monkeypatch.setenv("SKYLOG_READ_TOKEN", "reader")
    assert client.get("/api/incidents").status_code == 401
    assert client.get("/api/incidents", headers={"Authorization": "Bearer reader"}).status_code == 200
    assert client.get("/api/incidents", params={"token": "reader"}).status_code == 200


def test_status_version_changes_with_new_reports(client, store):
    from skylog.ingest.common import make_report

    v1 = client.get("/api/status").json()
    store.add_reports([make_report("A drone fell on a field near Kaluga.", source="x")])
    v2 = client.get("/api/status").json()
    assert v2["counts"]["reports"] == v1["counts"]["reports"] + 1
    assert v2["version"] != v1["version"]
