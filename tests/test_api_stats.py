"""The page's read endpoints (/api/stats/*, /api/export, dated list) agree with /api/incidents.

Each aggregate is recomputed here from the plain incident list of the same filters, so
the endpoints are checked against the list query, not against numbers written down.
"""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from bench.serve import build_store
from skylog.api import create_app, stats
from skylog.store.incident_schema import incidents

N = 400


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    store = build_store(tmp_path_factory.mktemp("stats") / "s.db", N)
    with store.engine.begin() as conn:
        conn.execute(update(incidents).where(incidents.c.ordinal % 25 == 3).values(start=None, end=None))
        conn.execute(
            update(incidents)
            .where(incidents.c.ordinal % 50 == 5)
            .values(lat=None, lon=None, admin1_code=None, admin1=None)
        )
    with TestClient(create_app(store)) as c:
        yield c
    store.close()


def _all(client, query: str = "") -> list[dict]:
    out, cursor = [], None
    while True:
        r = client.get("/api/incidents?limit=1000" + query + (f"&cursor={cursor}" if cursor else ""))
        assert r.status_code == 200, r.text
        body = r.json()
        out += body["incidents"]
        cursor = body["next_cursor"]
        if not cursor:
            return out


QUERIES = [
    "",
    "&type=interception",
    "&admin1=RU-BEL&grade=contested",
    "&start=2024-05-01&end=2024-09-30",
    "&bbox=35,50,38,52",
]


@pytest.mark.parametrize("query", QUERIES)
def test_daily_counts_every_dated_incident_by_type(client, query):
    items = [i["summary"] for i in _all(client, query)]
    body = client.get("/api/stats/daily?" + query[1:]).json()
    want = Counter((i["date"], i["type"]) for i in items if i["date"])
    got = Counter({(d["day"], t): n for d in body["days"] for t, n in d["by_type"].items()})
    assert got == want
    assert all(d["total"] == sum(d["by_type"].values()) for d in body["days"])
    assert body["undated"] == sum(1 for i in items if not i["date"])
    assert [d["day"] for d in body["days"]] == sorted(d["day"] for d in body["days"])


@pytest.mark.parametrize("query", QUERIES)
def test_regions_and_totals_sum_the_selection(client, query):
    items = [i["summary"] for i in _all(client, query)]
    body = client.get("/api/stats/regions?" + query[1:]).json()
    t = body["totals"]
    assert t["incidents"] == len(items)
    assert t["killed"] == sum(i["killed"] or 0 for i in items)
    assert t["count"] == sum(i["count"] or 0 for i in items)
    assert t["intercepted"] == sum(i["count"] or 0 for i in items if i["type"] == "interception")
    assert t["undated"] == sum(1 for i in items if not i["date"])
    per = Counter((i["country"], i["admin1"]) for i in items)
    assert {(r["country"], r["admin1"]): r["incidents"] for r in body["regions"]} == dict(per)


def test_map_layer_points_areas_and_cells(client, monkeypatch):
    items = [i["summary"] for i in _all(client)]
    points = [i for i in items if i["lat"] is not None and i["geo_precision"] != 3]
    areas = [i for i in items if i["geo_precision"] == 3]
    body = client.get("/api/stats/map?zoom=5").json()
    assert sorted(p[0] for p in body["points"]) == sorted(i["id"] for i in points)
    assert sum(a["count"] for a in body["areas"]) == len(areas)
    assert body["unlocated"] == sum(
        1 for i in items if i["lat"] is None and not i["admin1"] and i["geo_precision"] != 3
    )
    assert "bounds" not in body
    s, w, n, e = client.get("/api/stats/map?parts=bounds").json()["bounds"]
    assert s == pytest.approx(min(i["lat"] for i in points), abs=1e-3)
    assert e == pytest.approx(max(i["lon"] for i in points), abs=1e-3)
    # past the point limit the same incidents come as grid clusters, finer when zoomed in
    monkeypatch.setattr(stats, "POINT_LIMIT", 10)
    coarse = client.get("/api/stats/map?zoom=3&view=20,40,45,60").json()
    fine = client.get("/api/stats/map?zoom=9&view=20,40,45,60").json()
    assert "points" not in coarse and sum(c[2] for c in coarse["cells"]) == len(points)
    assert sum(c[2] for c in fine["cells"]) == len(points)
    assert len(fine["cells"]) > len(coarse["cells"])


@pytest.mark.parametrize("query", QUERIES)
def test_overview_is_the_chart_table_and_areas_in_one(client, query):
    o = client.get("/api/stats/overview?" + query[1:]).json()
    assert {k: o[k] for k in ("days", "undated")} == {
        k: v for k, v in client.get("/api/stats/daily?" + query[1:]).json().items() if k != "dated"
    }
    assert o["totals"] == client.get("/api/stats/regions?" + query[1:]).json()["totals"]
    m = client.get("/api/stats/map?parts=areas,bounds" + query).json()
    assert sorted((a["admin1_code"] or "", a["count"]) for a in o["areas"]) == sorted(
        (a["admin1_code"] or "", a["count"]) for a in m["areas"]
    )
    assert o["unlocated"] == m["unlocated"] and o["bounds"] == m["bounds"]


def test_dated_list_puts_undated_apart(client):
    everything = {i["id"] for i in _all(client)}
    dated = _all(client, "&dated=true")
    undated = _all(client, "&dated=false")
    assert all(i["summary"]["date"] for i in dated) and not any(i["summary"]["date"] for i in undated)
    assert {i["id"] for i in dated} | {i["id"] for i in undated} == everything
    assert len(dated) + len(undated) == len(everything)
    times = [i["sort_time"] for i in dated]
    assert times == sorted(times, reverse=True)
    page = client.get("/api/incidents?dated=true&limit=7").json()
    assert page["count"] == 7 and page["next_cursor"]


@pytest.mark.parametrize("query", ["&type=shelling&admin1=RU-KRS", "&start=2024-02-01&end=2024-02-20"])
def test_export_is_the_selection(client, query):
    ids = [i["id"] for i in _all(client, "&dated=true" + query)] + [
        i["id"] for i in _all(client, "&dated=false" + query)
    ]
    r = client.get("/api/export?" + query[1:])
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert sorted(row["event_id_cnty"].split("-", 1)[1] for row in rows) == sorted(ids)
    geo = client.get("/api/export?format=geojson" + query).json()
    assert geo["type"] == "FeatureCollection" and sorted(f["id"] for f in geo["features"]) == sorted(ids)


def test_bad_filters_are_400(client):
    for path in ("/api/stats/daily", "/api/stats/regions", "/api/stats/map", "/api/export"):
        assert client.get(path + "?type=nope").status_code == 400
        assert client.get(path + "?start=2024-05-01&end=2024-01-01").status_code == 400
        assert client.get(path + "?bbox=1,2,3").status_code == 400
    assert client.get("/api/export?format=xlsx").status_code == 400
    assert client.get("/api/stats/map?zoom=99").status_code == 400
    assert client.get("/api/stats/map?parts=markers,everything").status_code == 400
    assert client.get("/api/stats/regions?q=nothing-matches-this").json()["totals"]["incidents"] == 0
