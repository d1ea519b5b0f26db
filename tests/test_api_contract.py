"""API rough edges: total counts, unknown parameters, described responses, no server paths."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from skylog.api import create_app
from skylog.cli import app as cli
from skylog.store import Store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("api") / "x.db")
    assert CliRunner().invoke(cli, ["ingest", str(EXAMPLES), "--db", db]).exit_code == 0
    store = Store(db)
    with TestClient(create_app(store)) as c:
        yield c
    store.close()


def test_total_is_the_match_count_and_count_the_page_size(client):
    everything = client.get("/api/incidents", params={"limit": 1000}).json()
    n = len(everything["incidents"])
    assert n >= 9 and everything["total"] == n == everything["count"]
    page = client.get("/api/incidents", params={"limit": 2}).json()
    assert page["count"] == 2 and page["total"] == n and page["next_cursor"]
    typed = client.get("/api/incidents", params={"type": "interception", "limit": 1}).json()
    assert typed["total"] == sum(1 for i in everything["incidents"] if i["type"] == "interception")
    q = client.get("/api/incidents", params={"q": "Odesa", "limit": 1}).json()  # filtered outside SQL
    assert q["total"] >= 1 and q["count"] == 1


def test_region_parameter_takes_names_and_unknown_ones_are_refused(client):
    by_code = client.get("/api/incidents", params={"admin1": "RU-KRS"}).json()["total"]
    assert by_code >= 1
    assert client.get("/api/incidents", params={"admin1": "Курская"}).json()["total"] == by_code
    r = client.get("/api/incidents", params={"admin1": "Atlantis"})
    assert r.status_code == 400 and "RU-KRS" in r.json()["detail"]["allowed"]


@pytest.mark.parametrize(
    "path", ["/api/incidents", "/api/timeline", "/api/reports", "/api/sources", "/api/status"]
)
def test_unknown_query_parameters_are_400_listing_the_accepted_ones(client, path):
    r = client.get(path, params={"colour": "UA"})
    assert r.status_code == 400
    body = r.json()
    assert "colour" in body["error"] and "colour" not in body["detail"]["accepted"]
    assert client.get(path).status_code == 200


def test_every_response_field_is_described_in_openapi(client):
    spec = client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    for path in (
        "/api/incidents",
        "/api/incidents/{incident_id}",
        "/api/reports",
        "/api/timeline",
        "/api/status",
    ):
        ref = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        assert ref.rsplit("/", 1)[1] in schemas
    undescribed = [
        f"{name}.{field}"
        for name, schema in schemas.items()
        if name not in ("HTTPValidationError", "ValidationError", "IngestRequest")
        for field, prop in (schema.get("properties") or {}).items()
        if not prop.get("description")
    ]
    assert undescribed == []
    page = schemas["IncidentPage"]["properties"]
    assert {"incidents", "next_cursor", "count", "total"} <= set(page)
    assert {"claimant", "carrier"} <= set(schemas["Incident"]["properties"])


def test_claimant_and_carrier_reach_the_api(client):
    items = client.get("/api/incidents", params={"limit": 1000}).json()["incidents"]
    odesa = next(i for i in items if (i["place"] or {}).get("name") == "Odesa")
    assert odesa["claimant"] == "Mykola Hrytsenko" and odesa["claimant_role"] == "regional governor"
    assert odesa["carrier"] == "Example Regional Wire (illustrative)"


def test_no_server_paths_in_responses(client):
    root = str(EXAMPLES.parent)
    reports = client.get("/api/reports", params={"limit": 100}).json()["reports"]
    assert reports
    for r in reports:
        full = client.get(f"/api/reports/{r['id']}")
        assert full.status_code == 200
        assert root not in full.text and "/tmp/" not in full.text
        origin = full.json()["origin"]
        assert "/" not in origin or "://" in origin
    items = client.get("/api/incidents", params={"limit": 1000}).json()["incidents"]
    for i in items:
        assert root not in client.get(f"/api/incidents/{i['id']}").text
