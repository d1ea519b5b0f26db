"""Why linked and analyst overrides over the store: evidence per member, split/merge that outlive re-runs."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from test_link_fixtures import (
    event_from_dict,
    kaluga_example,
    kaluga_official,
    kaluga_outlet,
    store_records,
)
from typer.testing import CliRunner

from skylog.store.incidents import EVIDENCE_KEYS, get_incident, list_incidents
from skylog.store.linking import link_store, merge_incidents, relink_all, split_incident


def _kaluga_id(store) -> str:
    items = list_incidents(store, type="interception", admin1="RU-KLU")["items"]
    return max(items, key=lambda i: i["n_reports"])["id"]


def _reports(store, iid: str) -> set[str]:
    return {m["report_id"] for m in get_incident(store, iid)["members"]}


def test_every_member_carries_its_evidence(store):
    store_records(store, kaluga_example() + [kaluga_official(), kaluga_outlet()])
    link_store(store)
    inc = get_incident(store, _kaluga_id(store))
    assert len(inc["members"]) == 3
    for m in inc["members"]:
        ev = m["evidence"]
        assert set(ev) == set(EVIDENCE_KEYS)
        assert ev["created_by"] == "linker" and ev["reasons"]
    joined = [m["evidence"] for m in inc["members"] if m["evidence"]["score"] is not None]
    assert len(joined) == 2  # the first member started the incident; two joined it with a score
    for ev in joined:
        assert 0 < ev["score"] <= 1 and ev["time"] and ev["place"]
        assert ev["text_similarity"] is not None
        assert any(r.startswith("time:") for r in ev["reasons"])
    assert inc["related"] == []


def _ingest_outlet(store, rid: str, extra: str = "") -> None:
    """The outlet's report as ingest stores it (with an external id, so a re-fetch is a new version)."""
    from skylog.records import Extraction, Report

    rec = kaluga_outlet()
    rep = Report(id=rid, text=(rec.report_text or "") + extra, source=rec.source, source_kind=rec.source_kind,
                 published_at=rec.published_at, language="en", external_id="kaluga24.example/123")  # fmt: skip
    store.add_reports([rep])
    store.save_extraction(Extraction(report=rep, events=[event_from_dict(rec.event)]))


def test_split_survives_reingest_relink_and_rebuild(store):
    store_records(store, kaluga_example() + [kaluga_official()])
    _ingest_outlet(store, "kaluga24")
    link_store(store)
    kid = _kaluga_id(store)
    assert _reports(store, kid) == {"example", "shapsha-tg", "kaluga24"}
    new_id = split_incident(store, kid, report_id="kaluga24", reason="another night's drones")
    assert _reports(store, new_id) == {"kaluga24"}
    inc = get_incident(store, kid)
    log = [e for e in inc["log"] if e["action"] == "split"]
    assert log and log[0]["detail"]["reason"] == "another night's drones" and log[0]["at"]
    moved = get_incident(store, new_id)["members"][0]["evidence"]
    assert moved["created_by"] == "analyst"

    # re-ingest: the outlet's report is fetched again with an edit, stored as a new version, linked again
    _ingest_outlet(store, "kaluga24-v2", extra="\nUpdated at 09:10.")
    s = link_store(store)
    assert s.new_mentions == 1 and s.dropped == 1
    assert _reports(store, kid) == {"example", "shapsha-tg"}
    alone = [i["id"] for i in list_incidents(store)["items"] if _reports(store, i["id"]) == {"kaluga24-v2"}]
    assert len(alone) == 1

    # a full re-link from scratch keeps the split too
    relink_all(store)
    kid2 = _kaluga_id(store)
    assert kid2 == kid  # ids derive from the first mention: stable
    assert _reports(store, kid2) == {"example", "shapsha-tg"}


def test_merge_is_logged_and_survives_relink(store):
    late = kaluga_outlet(published="2025-06-03T08:40:00+03:00")  # two nights later: kept apart
    late.event["time"] = dict(late.event["time"], start="2025-06-03", end="2025-06-03")
    store_records(store, kaluga_example() + [kaluga_official(), late])
    link_store(store)
    kid = _kaluga_id(store)
    other = next(i["id"] for i in list_incidents(store)["items"] if _reports(store, i["id"]) == {"kaluga24"})
    merge_incidents(store, kid, other, reason="the analyst reads them as one")
    assert get_incident(store, other) is None
    inc = get_incident(store, kid)
    assert _reports(store, kid) == {"example", "shapsha-tg", "kaluga24"}
    assert any(
        e["action"] == "merge" and e["detail"]["reason"] == "the analyst reads them as one"
        for e in inc["log"]
    )
    assert [m["evidence"]["created_by"] for m in inc["members"]].count("analyst") == 1
    with pytest.raises(ValueError):
        merge_incidents(store, kid, kid)
    with pytest.raises(ValueError):
        merge_incidents(store, kid, "inc-nothere")
    relink_all(store)
    kid2 = _kaluga_id(store)
    assert _reports(store, kid2) == {"example", "shapsha-tg", "kaluga24"}
    forced = [m["evidence"] for m in get_incident(store, kid2)["members"] if m["report_id"] == "kaluga24"]
    assert forced[0]["created_by"] == "analyst"


def test_cli_split_merge_and_incident_shows_why(store, tmp_path):
    from skylog.cli import app

    store_records(store, kaluga_example() + [kaluga_official(), kaluga_outlet()])
    link_store(store)
    kid = _kaluga_id(store)
    db = str(store.engine.url.database)
    runner = CliRunner()
    out = runner.invoke(app, ["incident", kid, "--db", db])
    assert out.exit_code == 0, out.output
    assert "why linked" in out.output and "time:" in out.output
    r = runner.invoke(
        app, ["split", kid, "--report", "kaluga24", "--reason", "wrong night", "--db", db, "--json"]
    )
    assert r.exit_code == 0, r.output
    new_id = json.loads(r.output)["new_incident"]
    assert _reports(store, new_id) == {"kaluga24"}
    bad = runner.invoke(app, ["split", kid, "--report", "nope", "--db", db])
    assert bad.exit_code == 1 and "not one of its members" in bad.output
    r = runner.invoke(app, ["merge", kid, new_id, "--reason", "it was the same after all", "--db", db])
    assert r.exit_code == 0, r.output
    assert _reports(store, kid) == {"example", "shapsha-tg", "kaluga24"}
    shown = runner.invoke(app, ["incident", kid, "--db", db, "--json"])
    data = json.loads(shown.output)
    assert all(set(m["evidence"]) == set(EVIDENCE_KEYS) for m in data["members"])
    assert any(e["action"] == "split" for e in data["log"]) and any(
        e["action"] == "merge" for e in data["log"]
    )


def test_api_split_and_merge_need_the_write_token(store, monkeypatch):
    from skylog.api.app import create_app

    store_records(store, kaluga_example() + [kaluga_official(), kaluga_outlet()])
    link_store(store)
    kid = _kaluga_id(store)
    monkeypatch.delenv("SKYLOG_READ_TOKEN", raising=False)
    monkeypatch.setenv("SKYLOG_API_TOKEN", "s3cret")
    auth = {"Authorization": "Bearer s3cret"}
    with TestClient(create_app(store)) as c:
        detail = c.get(f"/api/incidents/{kid}").json()
        assert all(set(m["evidence"]) == set(EVIDENCE_KEYS) for m in detail["members"])
        assert detail["related"] == []
        body = {"report_id": "kaluga24", "reason": "other night"}
        assert c.post(f"/api/incidents/{kid}/split", json=body).status_code == 401
        assert (
            c.post(
                f"/api/incidents/{kid}/split", json=body, headers={"Authorization": "Bearer no"}
            ).status_code
            == 401
        )
        assert c.post("/api/incidents/inc-none/split", json=body, headers=auth).status_code == 404
        r = c.post(f"/api/incidents/{kid}/split", json=body, headers=auth)
        assert r.status_code == 200, r.text
        new_id = r.json()["new_incident"]
        assert c.get(f"/api/incidents/{new_id}").json()["members"][0]["report_id"] == "kaluga24"
        m = {"incident": kid, "other": new_id, "reason": "same"}
        assert c.post("/api/incidents/merge", json=m).status_code == 401
        r = c.post("/api/incidents/merge", json=m, headers=auth)
        assert r.status_code == 200, r.text
        assert len(c.get(f"/api/incidents/{kid}").json()["members"]) == 3
        assert c.get(f"/api/incidents/{new_id}").status_code == 404
        assert (
            c.post("/api/incidents/merge", json={"incident": kid, "other": kid}, headers=auth).status_code
            == 400
        )


def test_a_tally_and_a_village_of_one_night_are_related_not_merged(store):
    from test_link_fixtures import country_tally, village_strike

    day = "2025-02-03"
    tally = country_tally("af-wire", "Russia attacked Ukraine with 40 drones overnight; the air force said 30 "
                          "were downed over nine regions.", "interception", day, "2025-02-03T09:00:00+02:00")  # fmt: skip
    store_records(store, [village_strike(day, "2025-02-03T08:00:00+02:00")])
    link_store(store)
    store_records(store, [tally])
    link_store(store)  # the tally arrives in a later run
    items = {i["place"]["name"]: i["id"] for i in list_incidents(store)["items"]}
    t, v = items["Ukraine"], items["Bilenke"]
    assert get_incident(store, t)["related"] == [{"id": v, "relation": "tally"}]
    assert get_incident(store, v)["related"] == [{"id": t, "relation": "tally"}]
    assert "injured" not in get_incident(store, t)["fields"]
