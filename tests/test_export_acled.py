"""The ACLED CSV read with pandas and checked column by column against ACLED's codebook."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from test_api_fixtures import make_incidents
from typer.testing import CliRunner

from skylog.actors import actors
from skylog.cli import app
from skylog.export.acled import ACLED_COLUMNS, ACLED_REGIONS, event_date, populated_place
from skylog.export.rows import CSV_COLUMNS, SKYLOG_COLUMNS
from skylog.export.writers import export_incidents, side_path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
runner = CliRunner()

# ACLED codebook: event types and their sub-event types, disorder types, source scales.
SUB_EVENTS = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    },
}
DISORDER = {
    "Political violence",
    "Demonstrations",
    "Strategic developments",
    "Political violence; Demonstrations",
}
SCALES = {
    "Local",
    "Subnational",
    "National",
    "Regional",
    "International",
    "New media",
    "Other",
    "Local partner",
}
ISO_NAMES_NOT_ACLED = {"Russian Federation", "Iran, Islamic Republic of", "Syrian Arab Republic", "Türkiye"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    tmp = tmp_path_factory.mktemp("acled")
    db = str(tmp / "x.db")
    assert runner.invoke(app, ["ingest", str(EXAMPLES), "--db", db]).exit_code == 0
    out = tmp / "examples.csv"
    r = runner.invoke(app, ["export", "--format", "acled-csv", "--out", str(out), "--db", db])
    assert r.exit_code == 0, r.output
    assert str(side_path(out)) in r.output  # the side file is named in the output
    fixtures = tmp / "fixtures.csv"
    counts: dict[str, int] = {}
    n = export_incidents(make_incidents(60), "acled-csv", fixtures, counts=counts)
    df = pd.concat([pd.read_csv(out), pd.read_csv(fixtures)], ignore_index=True)
    return df, pd.read_csv(side_path(out)), n


def test_columns_are_acleds_in_acleds_order_then_skylogs(exported):
    df, side, _ = exported
    assert list(df.columns) == list(ACLED_COLUMNS) + list(SKYLOG_COLUMNS) == list(CSV_COLUMNS)
    assert list(side.columns) == ["reason", *CSV_COLUMNS]
    assert len(df) >= 60


def test_every_acled_column_has_the_codebooks_type_and_vocabulary(exported):
    df, _, _ = exported
    assert df["event_id_cnty"].map(lambda v: bool(re.fullmatch(r"[A-Z]{3}-\S+", v))).all()
    dates = pd.to_datetime(df["event_date"], format="%Y-%m-%d")  # never empty, always a day
    assert dates.notna().all()
    assert (df["year"] == dates.dt.year).all() and df["year"].dtype.kind == "i"
    assert set(df["time_precision"]) <= {1, 2, 3} and df["time_precision"].dtype.kind == "i"
    assert set(df["disorder_type"]) <= DISORDER
    assert set(df["event_type"]) <= set(SUB_EVENTS)
    for et, se in zip(df["event_type"], df["sub_event_type"], strict=True):
        assert se in SUB_EVENTS[et]
    known = {a.name for a in actors().values()}
    pattern = re.compile(r"(Military Forces of .+|Civilians \(.+\)|Unidentified Armed Group \(.+\))")
    for col in ("actor1", "actor2"):
        names = df[col].dropna()
        assert all(n in known or pattern.fullmatch(n) for n in names), set(names) - known
    assert df["actor1"].notna().all()
    assert df["inter1"].dtype.kind == "i" and set(df["inter1"]) <= set(range(1, 9))
    assert df["inter2"].dtype.kind == "i" and set(df["inter2"]) <= set(range(0, 9))
    assert (df["inter2"] == 0).eq(df["actor2"].isna()).all()
    for i1, i2, ia in zip(df["inter1"], df["inter2"], df["interaction"], strict=True):
        assert ia == (i1 * 10 if i2 == 0 else min(i1, i2) * 10 + max(i1, i2))
    assert set(df["civilian_targeting"].dropna()) <= {"Civilian targeting"}
    civ = df["actor2"].fillna("").str.startswith("Civilians")
    assert (df["civilian_targeting"].notna() == civ).all()
    assert df["iso"].dtype.kind == "i" and (df["iso"] > 0).all()
    assert set(df["region"]) <= set(ACLED_REGIONS)
    assert df["country"].notna().all() and not set(df["country"]) & ISO_NAMES_NOT_ACLED
    assert {"Russia", "Ukraine"} <= set(df["country"])
    assert df["admin1"].notna().all()
    assert df["location"].notna().all() and (df["location"] != df["country"]).all()
    assert (
        not df["location"].str.contains(r"Oblast|Region|Krai|District", regex=True).any()
    )  # populated places
    assert df["latitude"].between(-90, 90).all() and df["longitude"].between(-180, 180).all()
    assert df["latitude"].dtype.kind == "f" and df["longitude"].dtype.kind == "f"
    assert set(df["geo_precision"]) <= {1, 2, 3} and df["geo_precision"].dtype.kind == "i"
    assert df["source"].notna().all()
    assert all(set(s.split("-")) <= SCALES for s in df["source_scale"])
    assert df["notes"].str.match(r"^(On|Around|In|On or before) .+\.$").all()
    assert df["fatalities"].dtype.kind == "i" and (df["fatalities"] >= 0).all()
    assert df["timestamp"].dtype.kind == "i" and (df["timestamp"] > 1_500_000_000).all()


def test_region_level_events_are_located_at_the_regional_capital(exported):
    df, _, _ = exported
    region_rows = df[(df["geo_precision"] == 3) & df["source"].str.contains("(пример)", regex=False)]
    assert len(region_rows)
    kursk = region_rows[region_rows["admin1"] == "Kursk Oblast"]
    assert set(kursk["location"]) == {"Kursk"}
    assert populated_place(
        {"kind": "region", "admin1_code": "RU-MOS", "admin1": "Moscow Oblast"}, None, None
    )[0][0] == ("Krasnogorsk")


def test_actors_interceptions_and_civilians(exported):
    df, _, _ = exported
    examples = df[df["source"].str.contains("(пример)", regex=False)]  # the Kursk governor's post
    kursk = examples[
        (examples["admin1"] == "Kursk Oblast") & (examples["sub_event_type"] == "Disrupted weapons use")
    ]
    assert len(kursk) == 2
    assert set(kursk["actor1"]) == {"Military Forces of Ukraine (2019-)"}
    assert set(kursk["actor2"]) == {"Military Forces of Russia (2000-)"}  # the intercepting force
    assert set(kursk["interaction"]) == {18}
    hit = df[(df["country"] == "Ukraine") & (df["event_type"] == "Explosions/Remote violence")]
    assert "Civilians (Ukraine)" in set(hit["actor2"])


def test_notes_are_sentences_with_attribution(exported):
    df, _, _ = exported
    notes = " ".join(df["notes"])
    assert "On 14 November 2026, Russian air defence intercepted 7 drones over Kursk Oblast" in notes
    assert "according to Mykola Hrytsenko (regional governor)" in notes
    assert "No casualties were reported." in notes


def test_undated_incidents_go_to_the_side_file_with_a_reason(exported):
    _, side, _ = exported
    assert len(side) >= 1
    assert set(side["reason"]) <= {"no date", "no location", "no date, no location"}
    assert side["event_date"].isna().sum() + side["latitude"].isna().sum() >= len(side)


def test_timestamp_is_the_incidents_last_update_not_the_export_time():
    incs = make_incidents(3)
    for i, inc in enumerate(incs):
        inc["updated_at"] = f"2026-11-0{i + 1}T10:00:00+00:00"
    from skylog.export.rows import flat_row

    ts = [flat_row(inc, timestamp=1)["timestamp"] for inc in incs]
    assert ts == [1793527200 + 86400 * i for i in range(3)]


@pytest.mark.parametrize(
    ("start", "end", "precision", "expected"),
    [
        ("2026-11-22T00:00:00+00:00", "2026-11-23T00:00:00+00:00", "day", (date(2026, 11, 22), 1)),
        ("2026-11-22T08:15:00+03:00", None, "hour", (date(2026, 11, 22), 1)),
        ("2026-11-21T22:00:00+00:00", "2026-11-22T06:00:00+00:00", "hour", (date(2026, 11, 21), 2)),
        ("2026-11-16T00:00:00+00:00", "2026-11-22T00:00:00+00:00", "week", (date(2026, 11, 18), 2)),
        ("2026-11-01T00:00:00+00:00", "2026-12-01T00:00:00+00:00", "month", (date(2026, 11, 1), 3)),
        (None, "2026-11-22T09:00:00+00:00", "unknown", (date(2026, 11, 22), 2)),
        (None, None, "unknown", None),
    ],
)
def test_time_precision_is_honest(start, end, precision, expected):
    assert event_date(start, end, precision) == expected
