"""Exports round-trip: CSV -> pandas, Parquet -> pandas and DuckDB, GeoJSON -> validator, JSONL."""

from __future__ import annotations

import csv
import io
import json
import tracemalloc
from collections.abc import Iterator

import geojson
import pandas as pd
import pytest
from test_api_fixtures import make_incidents

from skylog.export.rows import ACLED_COLUMNS, CSV_COLUMNS, SKYLOG_COLUMNS, flat_row
from skylog.export.writers import FORMATS, export_incidents, write_csv, write_geojson


@pytest.fixture(scope="module")
def incidents() -> list[dict]:
    return make_incidents(40)


def test_csv_has_exactly_acled_then_skylog_columns(tmp_path, incidents):
    out = tmp_path / "inc.csv"
    assert export_incidents(incidents, "acled-csv", out) == len(incidents)
    df = pd.read_csv(out)
    assert list(df.columns) == list(ACLED_COLUMNS) + list(SKYLOG_COLUMNS)
    assert SKYLOG_COLUMNS[:4] == ("injured", "count", "grade", "claims")
    assert len(df) == len(incidents)
    by_id = {inc["id"]: inc for inc in incidents}
    for _, row in df.iterrows():
        inc_id = row["event_id_cnty"].split("-", 1)[1]
        inc = by_id[inc_id]
        place = inc["fields"]["places"]["value"]
        assert row["latitude"] == pytest.approx(place["lat"])
        assert row["admin1"] == place["admin1"]
        assert row["event_date"] == inc["fields"]["time"]["value"]["start"][:10]
        assert row["grade"] == inc["grade"]
        count = inc["fields"].get("count")
        if count:
            assert row["count"] == count["value"]
            claims = json.loads(row["claims"])
            assert sorted(c["value"] for c in claims["count"]) == sorted(c["value"] for c in count["claims"])


def test_csv_fatalities_are_the_lowest_claim_and_types_map_to_acled(incidents):
    rows = [flat_row(inc) for inc in incidents]
    for inc, row in zip(incidents, rows, strict=True):
        killed = inc["fields"].get("killed")
        assert row["fatalities"] == (killed["value"] if killed else 0)  # ACLED: 0 when none reported
        if inc["type"] == "interception":
            assert row["sub_event_type"] == "Disrupted weapons use"
        if inc["type"] in ("drone_strike", "air_strike"):
            assert row["sub_event_type"] == "Air/drone strike"
            assert row["event_type"] == "Explosions/Remote violence"


def test_csv_keeps_hostile_text_as_data():
    inc = make_incidents(1)[0]
    inc["fields"]["perpetrator"] = {"value": '=HYPERLINK("x"),\n"quoted"; <script>', "claims": []}
    buf = io.StringIO()
    write_csv([inc], buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    # words that name no known actor: ACLED's unidentified actor, the words kept as the associate
    assert rows[0]["actor1"].startswith("Unidentified Armed Group")
    assert rows[0]["assoc_actor_1"] == '=HYPERLINK("x"),\n"quoted"; <script>'


def test_excel_safe_csv_defuses_formulas_only():
    inc = make_incidents(1)[0]
    inc["fields"]["perpetrator"] = {"value": '=HYPERLINK("http://x")', "claims": []}
    inc["id"] = "a plain - id"
    buf = io.StringIO()
    write_csv([inc], buf, excel_safe=True)
    row = next(csv.DictReader(io.StringIO(buf.getvalue())))
    assert row["assoc_actor_1"] == '\'=HYPERLINK("http://x")'
    assert row["incident_id"] == "a plain - id"
    assert row["latitude"] == str(inc["fields"]["places"]["value"]["lat"])


def test_geojson_is_valid_feature_collection(tmp_path, incidents):
    odd = dict(make_incidents(1, seed=3)[0])
    odd["id"] = "no-place"
    odd["fields"] = {k: v for k, v in odd["fields"].items() if k != "places"}
    out = tmp_path / "inc.geojson"
    export_incidents([*incidents, odd], "geojson", out)
    fc = geojson.loads(out.read_text(encoding="utf-8"))
    assert fc.is_valid, fc.errors()
    assert fc["type"] == "FeatureCollection"
    assert len(fc["features"]) == len(incidents) + 1
    first = fc["features"][0]
    place = incidents[0]["fields"]["places"]["value"]
    assert first["geometry"]["coordinates"] == [pytest.approx(place["lon"]), pytest.approx(place["lat"])]
    assert fc["features"][-1]["geometry"] is None  # unknown place stays unknown, not (0, 0)


def test_empty_geojson_is_valid():
    buf = io.StringIO()
    assert write_geojson([], buf) == 0
    assert geojson.loads(buf.getvalue()).is_valid


def test_jsonl_keeps_every_claim_and_span(tmp_path, incidents):
    out = tmp_path / "inc.jsonl"
    export_incidents(incidents, "jsonl", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(incidents)
    back = [json.loads(line) for line in lines]
    assert back[5]["fields"] == json.loads(json.dumps(incidents[5]["fields"]))


def test_parquet_reads_back_in_pandas_and_duckdb(tmp_path, incidents):
    import duckdb

    out = tmp_path / "inc.parquet"
    export_incidents(incidents, "parquet", out)
    df = pd.read_parquet(out)
    assert len(df) == len(incidents)
    assert set(CSV_COLUMNS) <= set(df.columns)
    con = duckdb.connect()
    n, n_ids = con.execute(
        f"SELECT count(*), count(DISTINCT incident_id) FROM read_parquet('{out.as_posix()}')"
    ).fetchone()
    assert n == n_ids == len(incidents)
    lat = con.execute(
        f"SELECT latitude FROM read_parquet('{out.as_posix()}') WHERE incident_id = ?", [incidents[3]["id"]]
    ).fetchone()[0]
    assert lat == pytest.approx(incidents[3]["fields"]["places"]["value"]["lat"])


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown export format"):
        export_incidents([], "xlsx", tmp_path / "x")


def _stream(template: list[dict], n: int) -> Iterator[dict]:
    for i in range(n):
        inc = dict(template[i % len(template)])
        inc["id"] = f"inc-{i:07d}"
        yield inc


@pytest.mark.parametrize("fmt", FORMATS)
def test_exports_stream_in_bounded_memory(tmp_path, incidents, fmt):
    """Peak memory does not grow with the number of incidents (generator in, file out)."""
    peaks = []
    for n in (500, 3000):
        tracemalloc.start()
        export_incidents(_stream(incidents, n), fmt, tmp_path / f"x{n}.{fmt}", batch_size=250)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    # six times the incidents must not take anything like six times the memory
    assert peaks[1] < peaks[0] * 2 + 2_000_000, peaks
