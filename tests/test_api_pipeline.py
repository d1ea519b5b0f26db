"""API and exports over a store built by the real pipeline (ingest -> extract -> link)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from skylog.api import create_app

EXAMPLE = Path(__file__).resolve().parents[2] / "shared" / "examples" / "kaluga-drones.txt"
TEXTS = {
    "kursk.txt": "On 1 June 2025, air defences shot down 12 drones over Kursk Oblast, the governor said. "
    "Debris damaged a house; no one was hurt.",
    "odesa.txt": "A Russian missile strike hit Odesa on 14 June 2025, killing two people and injuring five, "
    "the regional administration said.",
    "kharkiv.txt": "Russian forces shelled Kharkiv on 9 June 2025 with rocket artillery; one person was injured, "
    "the mayor said.",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    from skylog.pipeline import run_ingest
    from skylog.store import Store

    root = tmp_path_factory.mktemp("pipe")
    folder = root / "in"
    folder.mkdir()
    if EXAMPLE.is_file():
        shutil.copy(EXAMPLE, folder / EXAMPLE.name)
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = str(root / "p.db")
    with Store(path) as store:
        run_ingest([str(folder)], store)
    return path


@pytest.fixture()
def client(db, monkeypatch):
    from skylog.store import Store

    monkeypatch.delenv("SKYLOG_READ_TOKEN", raising=False)
    store = Store(db)
    with TestClient(create_app(store)) as c:
        yield c
    store.close()


def test_real_cursor_pages_and_bad_cursor(client):
    everything = client.get("/api/incidents", params={"limit": 1000}).json()["incidents"]
    assert len(everything) >= 3
    ids, cursor = [], None
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        body = client.get("/api/incidents", params=params).json()
        ids += [i["id"] for i in body["incidents"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert ids == [i["id"] for i in everything]
    r = client.get("/api/incidents", params={"cursor": "not-a-cursor"})
    assert r.status_code == 400 and "cursor" in r.json()["error"]


def test_since_filter_uses_the_update_time(client):
    everything = client.get("/api/incidents", params={"limit": 1000}).json()["incidents"]
    assert client.get("/api/incidents", params={"since": "2000-01-01"}).json()["count"] == len(everything)
    assert client.get("/api/incidents", params={"since": "2999-01-01"}).json()["incidents"] == []


def test_timeline_counts_every_dated_incident_per_day(client):
    from collections import Counter

    everything = client.get("/api/incidents", params={"limit": 1000}).json()["incidents"]
    expected = Counter(i["summary"]["date"] for i in everything if i["summary"]["date"])
    assert expected
    body = client.get("/api/timeline").json()
    assert {d["day"]: d["count"] for d in body["days"]} == dict(expected)
    assert body["total"] == sum(expected.values())
    typ = everything[0]["type"]
    typed = Counter(i["summary"]["date"] for i in everything if i["summary"]["date"] and i["type"] == typ)
    got = client.get("/api/timeline", params={"type": typ}).json()["days"]
    assert {d["day"]: d["count"] for d in got} == dict(typed)
    assert client.get("/api/timeline", params={"type": "nope"}).status_code == 400


def test_full_text_query_over_real_reports(client):
    body = client.get("/api/incidents", params={"q": "Odesa", "limit": 100}).json()
    assert body["incidents"]
    for inc in body["incidents"]:
        detail = client.get(f"/api/incidents/{inc['id']}").json()
        assert any("Odesa" in r["text"] for r in detail["reports"])


def test_detail_claims_point_into_the_served_texts(client):
    for inc in client.get("/api/incidents", params={"limit": 1000}).json()["incidents"]:
        detail = client.get(f"/api/incidents/{inc['id']}").json()
        texts = {r["id"]: r["text"] for r in detail["reports"]}
        assert texts
        for name, f in detail["fields"].items():
            for c in f.get("claims") or []:
                for s, e in c.get("spans") or []:
                    assert 0 <= s < e <= len(texts[c["report_id"]]), name


@pytest.mark.parametrize("fmt", ["acled-csv", "geojson", "jsonl", "parquet"])
def test_export_command_round_trips(db, tmp_path, fmt):
    import duckdb
    import geojson
    import pandas as pd

    from skylog.cli import app

    out = tmp_path / f"out.{fmt}"
    res = CliRunner().invoke(app, ["export", "--format", fmt, "--out", str(out), "--db", db])
    assert res.exit_code == 0, res.output
    if fmt == "acled-csv":
        df = pd.read_csv(out)
        assert (df["sub_event_type"].notna()).all()
        assert df["event_date"].notna().all() and df["latitude"].notna().all()
        from skylog.export.writers import side_path

        side = side_path(out)  # undated or unlocated incidents: beside the file, never dropped
        n = len(df) + (len(pd.read_csv(side)) if side.exists() else 0)
    elif fmt == "parquet":
        n = duckdb.connect().execute(f"SELECT count(*) FROM read_parquet('{out.as_posix()}')").fetchone()[0]
        assert len(pd.read_parquet(out)) == n
    elif fmt == "geojson":
        fc = geojson.loads(out.read_text(encoding="utf-8"))
        assert fc.is_valid
        n = len(fc["features"])
    else:
        lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
        assert all("fields" in x for x in lines)
        n = len(lines)
    from skylog.store import Store

    with Store(db) as store:
        from skylog.export.source import iter_incidents

        assert n == sum(1 for _ in iter_incidents(store)) >= 3


def test_export_rejects_unknown_format(db, tmp_path):
    from skylog.cli import app

    res = CliRunner().invoke(app, ["export", "--format", "xlsx", "--out", str(tmp_path / "x"), "--db", db])
    assert res.exit_code != 0


def test_confidences_reach_the_api_and_every_export(db, tmp_path):
    """The learned stage's P(value right) and low-confidence marks, per incident field and per claim, reach
    the incident detail, the JSONL export and the ACLED CSV (its confidence and low_confidence columns)."""
    import pandas as pd

    from skylog.cli import app
    from skylog.store import Store

    store = Store(db)
    with TestClient(create_app(store)) as c:
        items = c.get("/api/incidents", params={"limit": 1000}).json()["incidents"]
        details = [c.get(f"/api/incidents/{i['id']}").json() for i in items]
    store.close()
    odesa = next(d for d in details if (d.get("place") or {}).get("name") == "Odesa")
    assert set(odesa["field_confidence"]) >= {"type", "killed", "injured"}
    assert all(0.0 <= p <= 1.0 for p in odesa["field_confidence"].values())
    assert isinstance(odesa["low_confidence"], list)
    (claim,) = odesa["fields"]["killed"]["claims"]
    assert 0.0 <= claim["confidence"] <= 1.0 and claim["low_confidence"] is (claim["confidence"] < 0.5)
    (when,) = odesa["fields"]["time"]["claims"]
    assert 0.0 <= when["confidence"] <= 1.0 and isinstance(when["low_confidence"], bool)

    out = tmp_path / "out.jsonl"
    assert (
        CliRunner().invoke(app, ["export", "--format", "jsonl", "--out", str(out), "--db", db]).exit_code == 0
    )
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    exported = next(x for x in lines if x["id"] == odesa["id"])
    assert exported["field_confidence"] == odesa["field_confidence"]
    assert exported["low_confidence"] == odesa["low_confidence"]

    csv = tmp_path / "out.csv"
    assert (
        CliRunner().invoke(app, ["export", "--format", "acled-csv", "--out", str(csv), "--db", db]).exit_code
        == 0
    )
    row = pd.read_csv(csv).set_index("incident_id").loc[odesa["id"]]
    assert row["confidence"] == pytest.approx(odesa["field_confidence"]["type"])
    assert json.loads(row["claims"])["killed"][0]["low_confidence"] is claim["low_confidence"]
