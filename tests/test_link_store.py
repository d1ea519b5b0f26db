"""Linking over the store: incremental runs, re-extraction, queries and the CLI."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from test_link_fixtures import (
    EXAMPLE,
    claim,
    event,
    event_from_dict,
    kaluga_example,
    kaluga_official,
    kaluga_outlet,
    place,
    record,
    store_records,
)

from skylog.store.incidents import decode_cursor, get_incident, list_incidents
from skylog.store.linking import link_store


def _kaluga(store):
    items = list_incidents(store, type="interception", admin1="RU-KLU")["items"]
    assert len(items) == 1
    return items[0]


def test_done_when_example_plus_two_reports(store):
    store_records(store, kaluga_example())
    first = link_store(store)
    assert first.new_mentions == 2 and first.created == 2
    kaluga_id = _kaluga(store)["id"]

    store_records(store, [kaluga_official(), kaluga_outlet()])
    second = link_store(store)
    assert second.new_mentions == 2 and second.created == 0 and second.joined == 2
    inc = get_incident(store, kaluga_id)
    assert inc["id"] == kaluga_id  # the id did not change when evidence arrived
    assert inc["n_sources"] == 3 and len(inc["members"]) == 3
    assert inc["grade"] == "several_sources_one_side"
    assert inc["grade_label"] == "several sources of one side"
    counts = {c["value"]: c for c in inc["fields"]["count"]["claims"]}
    assert set(counts) == {3, 5}
    assert "count" in inc["conflicts"]
    for c in counts.values():  # evidence: the report, the span and the sentence
        assert c["report_id"] in {"shapsha-tg", "kaluga24"}
        assert c["evidence"] and c["spans"]
    dam = list_incidents(store, admin1="RU-BEL")["items"]
    assert len(dam) == 1 and dam[0]["id"] != kaluga_id and dam[0]["n_mentions"] == 1
    assert {e["action"] for e in inc["log"]} >= {"create", "join"}

    third = link_store(store)  # nothing new: nothing changes
    assert third.new_mentions == 0 and third.updated_incidents == []
    assert list_incidents(store)["total"] == 2


def test_reextraction_drops_stale_members_and_keeps_the_id(store):
    store_records(store, kaluga_example() + [kaluga_official()])
    link_store(store)
    kid = _kaluga(store)["id"]
    # the official post is extracted again (new mention ids, same content)
    from skylog.records import Extraction, Report

    rec = kaluga_official()
    rep = Report(id=rec.report_id, text=rec.report_text, source=rec.source, source_kind=rec.source_kind,
                 published_at=rec.published_at, language="en")  # fmt: skip
    store.save_extraction(Extraction(report=rep, events=[event_from_dict(rec.event)]))
    s = link_store(store)
    assert s.dropped == 1 and s.new_mentions == 1
    inc = get_incident(store, kid)
    assert inc is not None and len(inc["members"]) == 2
    assert any(e["action"] == "drop" for e in inc["log"])
    assert list_incidents(store)["total"] == 2


def test_split_moves_members_to_a_new_logged_incident(store):
    from skylog.store.linking import split_incident

    store_records(store, kaluga_example() + [kaluga_official(), kaluga_outlet()])
    link_store(store)
    kid = _kaluga(store)["id"]
    inc = get_incident(store, kid)
    outlet = next(m["mention_id"] for m in inc["members"] if m["report_id"] == "kaluga24")
    new_id = split_incident(store, kid, [outlet])
    assert new_id != kid
    old, new = get_incident(store, kid), get_incident(store, new_id)
    assert len(old["members"]) == 2 and [m["report_id"] for m in new["members"]] == ["kaluga24"]
    assert old["n_sources"] == 2 and new["grade"] == "single_source"
    assert any(e["action"] == "split" and e["other_id"] == new_id for e in old["log"])
    assert any(e["action"] == "split" for e in new["log"])
    with pytest.raises(ValueError):
        split_incident(store, kid, [m["mention_id"] for m in old["members"]])  # not all of them
    with pytest.raises(ValueError):
        split_incident(store, "inc-none", [outlet])
    # a later run links new evidence into the stored incidents without undoing the split
    assert link_store(store).new_mentions == 0
    assert get_incident(store, new_id)["members"][0]["report_id"] == "kaluga24"


def test_incident_dissolves_when_its_only_report_loses_its_mentions(store):
    from skylog.records import Extraction, Report

    store_records(store, [kaluga_outlet()])
    link_store(store)
    iid = list_incidents(store)["items"][0]["id"]
    rec = kaluga_outlet()
    rep = Report(id=rec.report_id, text=rec.report_text, source=rec.source, published_at=rec.published_at)
    store.save_extraction(Extraction(report=rep, events=[]))  # re-extracted: no event any more
    s = link_store(store)
    assert s.dropped == 1 and s.total_incidents == 0
    assert get_incident(store, iid) is None
    # the same report extracted again comes back under the same incident id
    store.save_extraction(Extraction(report=rep, events=[event_from_dict(rec.event)]))
    link_store(store)
    assert [i["id"] for i in list_incidents(store)["items"]] == [iid]


def _many(store, n: int = 7):
    recs = []
    d0 = datetime(2025, 5, 1, 1, 0, tzinfo=UTC)
    towns = ["Kharkiv", "Odesa", "Sumy", "Kursk", "Belgorod", "Bryansk", "Shostka"]
    for k in range(n):
        town = towns[k % len(towns)]
        day = d0 + timedelta(days=k)
        t = f"A missile hit a warehouse in {town}. {k + 1} people were injured."
        ev = event(
            t,
            "missile_strike",
            "missile hit",
            weapon="missile",
            places=[place(t, town, town)],
            injured=claim(t, k + 1, f"{k + 1} people"),
            time={"text": None, "start": day.isoformat(), "end": None, "precision": "hour", "span": None},
        )
        recs.append(
            record(
                f"m{k}",
                0,
                t,
                ev,
                source="Outlet",
                kind="media",
                published=(day + timedelta(hours=2)).isoformat(),
            )
        )
    store_records(store, recs)
    link_store(store)


def test_list_filters_and_cursor_pages(store):
    _many(store)
    everything = list_incidents(store, limit=100)
    assert everything["total"] == 7 and everything["next_cursor"] is None
    times = [i["sort_time"] for i in everything["items"]]
    assert times == sorted(times, reverse=True)
    seen, cursor = [], None
    while True:
        page = list_incidents(store, limit=3, cursor=cursor)
        seen += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == [i["id"] for i in everything["items"]]
    assert [i["place"]["name"] for i in list_incidents(store, admin1="ua-63")["items"]] == ["Kharkiv"]
    assert list_incidents(store, admin1="Sumy Oblast")["total"] == 2
    assert list_incidents(store, start="2025-05-03", end="2025-05-04")["total"] == 2
    assert list_incidents(store, type="interception")["total"] == 0
    assert list_incidents(store, grade="single_source")["total"] == 7
    ukraine_east = list_incidents(store, bbox=(33.0, 49.0, 37.0, 52.0))["items"]
    assert {i["place"]["name"] for i in ukraine_east} == {"Kharkiv", "Sumy", "Shostka", "Kursk", "Belgorod"}
    with pytest.raises(ValueError):
        list_incidents(store, cursor="not-a-cursor")
    with pytest.raises(ValueError):
        list_incidents(store, start="yesterday-ish")
    c = list_incidents(store, limit=1)["next_cursor"]
    assert decode_cursor(c)[1].startswith("inc-")


def test_get_incident_by_prefix_and_unknown(store):
    _many(store, 2)
    iid = list_incidents(store)["items"][0]["id"]
    assert get_incident(store, iid[:10])["id"] == iid
    assert get_incident(store, "inc-doesnotexist") is None


def test_cli_incidents_and_incident(store, tmp_path):
    from typer.testing import CliRunner

    from skylog.cli import app

    store_records(store, kaluga_example() + [kaluga_official(), kaluga_outlet()])
    db = store.url.replace("sqlite:///", "")
    runner = CliRunner()
    r = runner.invoke(app, ["link", "--db", db, "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["new_mentions"] == 4
    r = runner.invoke(app, ["incidents", "--db", db, "--format", "json", "--region", "RU-KLU"])
    assert r.exit_code == 0, r.output
    items = json.loads(r.output)
    assert len(items) == 1 and items[0]["grade"] == "several_sources_one_side"
    r = runner.invoke(app, ["incidents", "--db", db, "--format", "geojson"])
    fc = json.loads(r.output)
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 2
    assert all(f["geometry"]["type"] == "Point" for f in fc["features"])
    r = runner.invoke(app, ["incidents", "--db", db, "--format", "csv", "--grade", "single_source"])
    lines = r.output.strip().splitlines()
    assert lines[0].startswith("id,type,") and len(lines) == 2 and "RU-BEL" in lines[1]
    r = runner.invoke(app, ["incidents", "--db", db])
    assert r.exit_code == 0 and "several sources of one side" in r.output
    r = runner.invoke(app, ["incident", items[0]["id"], "--db", db])
    assert r.exit_code == 0, r.output
    assert "Air defence systems destroyed 5 UAVs" in r.output  # evidence sentence of the 5
    assert "three unmanned aerial vehicles" in r.output  # and of the 3
    r = runner.invoke(app, ["incident", "inc-nope", "--db", db])
    assert r.exit_code == 1
    r = runner.invoke(app, ["incidents", "--db", db, "--format", "xml"])
    assert r.exit_code != 0


def test_hostile_text_is_escaped_in_cli(store):
    from typer.testing import CliRunner

    from skylog.cli import app

    t = "[bold red]PWNED[/bold red] \x1b[31m drones were shot down over Kursk overnight."
    ev = event(
        t,
        "interception",
        "drones were shot down",
        places=[place(t, "Kursk", "Kursk")],
        count=claim(t, "[link=http://x]9[/link]", "drones"),
    )
    store_records(
        store,
        [
            record(
                "hostile", 0, t, ev, source="[blink]src", kind="social", published="2025-06-01T06:00:00+00:00"
            )
        ],
    )
    db = store.url.replace("sqlite:///", "")
    runner = CliRunner()
    assert runner.invoke(app, ["link", "--db", db]).exit_code == 0
    iid = json.loads(runner.invoke(app, ["incidents", "--db", db, "--format", "json"]).output)[0]["id"]
    out = runner.invoke(app, ["incident", iid, "--db", db]).output
    assert "[bold red]PWNED[/bold red]" in out  # shown literally, not interpreted
    assert "\x1b" not in out


@pytest.mark.slow
def test_end_to_end_through_extract_and_store(store):
    import skylog.extract as extract_mod
    from skylog.records import Report

    texts = {
        "example": (EXAMPLE.read_text(encoding="utf-8"), "Example outlet", "media", "2025-06-01T10:30:00+03:00"),
        "tg": (
            "Air defence systems destroyed 5 drones over the Borovsky and Maloyaroslavets districts of "
            "Kaluga Oblast tonight. There are no casualties or damage, governor Vladislav Shapsha said.",
            "Vladislav Shapsha (Telegram)", "official", "2025-06-01T07:05:00+03:00",
        ),
        "outlet": (
            "Three drones were shot down near Kaluga overnight, Governor Vladislav Shapsha said on his "
            "Telegram channel. Nobody was hurt.",
            "Kaluga24", "media", "2025-06-01T08:40:00+03:00",
        ),
    }  # fmt: skip
    for rid, (text, source, kind, pub) in texts.items():
        rep = Report(id=rid, text=text, source=source, source_kind=kind, language="en",
                     published_at=datetime.fromisoformat(pub))  # fmt: skip
        store.add_reports([rep])
        store.save_extraction(extract_mod.extract(rep))
    link_store(store)
    kaluga = [i for i in list_incidents(store, admin1="RU-KLU")["items"] if i["type"] == "interception"]
    assert kaluga, "no Kaluga interception incident"
    best = max(kaluga, key=lambda i: i["n_reports"])
    assert best["n_reports"] == 3
    inc = get_incident(store, best["id"])
    assert inc["grade"] == "several_sources_one_side"
    values = {c["value"] for c in inc["fields"].get("count", {}).get("claims", [])}
    assert {3, 5} <= values
    belgorod = [i for i in list_incidents(store, limit=100)["items"] if i["id"] != best["id"]]
    assert all(i["place"]["admin1_code"] != "RU-KLU" or i["type"] != "interception" for i in belgorod)


def test_one_filter_selects_the_same_incidents_everywhere(store):
    """List, totals, timeline and export read one WHERE clause (skylog.store.filters)."""
    from skylog.api import stats
    from skylog.export.source import iter_incidents
    from skylog.store import IncidentFilter
    from skylog.store.aggregates import timeline

    _many(store)
    f = IncidentFilter(country="ua", start="2025-05-01", end="2025-05-06")
    page = store.incident_page(f, limit=100)
    ids = {i["id"] for i in page["items"]}
    assert page["total"] == len(ids) == 3  # Kharkiv, Odesa, Sumy; Shostka (day 7) is after the end
    assert {i["place"]["country"] for i in page["items"]} == {"UA"}
    assert stats.overview(store, f)["totals"]["incidents"] == 3
    assert timeline(store, f)["total"] == 3
    exported = {i["id"] for i in iter_incidents(store, start="2025-05-01", end="2025-05-06")}
    assert ids < exported  # the export's filter has no country; the rest means the same
    assert store.incident_page(IncidentFilter(dated=False))["total"] == 0
    assert store.incident_page(IncidentFilter(dated=True))["total"] == 7


def test_full_text_and_updated_since_are_applied_in_sql(store):
    from skylog.api import data

    _many(store)
    kharkiv = data.incident_page(store, limit=2, q="Kharkiv")
    assert [i["place"]["name"] for i in kharkiv["incidents"]] == ["Kharkiv"] and kharkiv["total"] == 1
    assert data.incident_page(store, limit=2, q="zzzyxnotaword")["total"] == 0
    assert data.incident_page(store, limit=3, since="2000-01-01")["total"] == 7
    assert data.incident_page(store, limit=3, since="2999-01-01")["incidents"] == []
    with pytest.raises(ValueError):
        data.incident_page(store, limit=3, since="not a date")
