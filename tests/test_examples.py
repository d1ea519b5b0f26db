"""The README's first run: ``skylog ingest examples/`` then ``skylog incidents``, with nothing outside the repository."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skylog.cli import app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
runner = CliRunner()


@pytest.fixture(scope="module")
def example_db(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("examples") / "skylog.db")
    r = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", db])
    assert r.exit_code == 0, r.output
    return db


def test_examples_folder_is_self_contained() -> None:
    names = {p.name for p in EXAMPLES.rglob("*") if p.is_file()}
    assert {"kaluga-drones.txt", "official-posts.jsonl", "result.json", "regional-news.xml"} <= names
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    assert "illustrative" in readme and "invented" in readme


def test_ingest_examples_finds_every_kind_of_incident(example_db: str) -> None:
    reports = json.loads(runner.invoke(app, ["reports", "--db", example_db, "--json", "--limit", "0"]).stdout)
    assert len(reports) >= 7
    assert all(r["source"] for r in reports), [r["origin"] for r in reports if not r["source"]]
    dated = [r for r in reports if r["published_at"]]
    assert len(dated) == len(reports) - 1  # only the Kaluga text has no date
    out = runner.invoke(app, ["incidents", "--db", example_db, "--format", "json"])
    assert out.exit_code == 0, out.output
    incidents = json.loads(out.stdout)
    kinds = {i["type"] for i in incidents}
    assert {"interception", "drone_strike", "missile_strike", "shelling", "debris_fall"} <= kinds
    regions = {i["place"]["admin1_code"] for i in incidents}
    assert {"RU-KLU", "RU-KRS", "UA-63", "UA-12", "UA-51", "RU-ROS"} <= regions
    table = runner.invoke(app, ["incidents", "--db", example_db])
    assert table.exit_code == 0 and "Kaluga" in table.stdout


def test_claimant_and_carrier_in_json_csv_detail_and_page(example_db: str) -> None:
    incidents = json.loads(runner.invoke(app, ["incidents", "--db", example_db, "--format", "json"]).stdout)
    kaluga = next(
        i for i in incidents if i["place"]["admin1_code"] == "RU-KLU" and i["type"] == "interception"
    )
    assert kaluga["claimant"] == "Vladislav Shapsha" and kaluga["claimant_role"] == "Governor"
    assert kaluga["carrier"] == "kaluga-drones.txt"
    kursk = [i for i in incidents if i["place"]["admin1_code"] == "RU-KRS"]
    assert {i["carrier"] for i in kursk} == {"Губернатор Курской области (пример)"}
    csv_out = runner.invoke(app, ["incidents", "--db", example_db, "--format", "csv"]).stdout
    assert csv_out.splitlines()[0].endswith("claimant,claimant_role,carrier")
    detail = runner.invoke(app, ["incident", kaluga["id"], "--db", example_db]).stdout
    assert "according to: Vladislav Shapsha (Governor)" in " ".join(detail.split())
    js = (EXAMPLES.parent / "skylog" / "web" / "static" / "app.js").read_text(encoding="utf-8")
    assert "inc.claimant" in js and "inc.carrier" in js  # the incident panel shows both (as text nodes)
