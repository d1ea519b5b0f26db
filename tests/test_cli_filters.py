"""CLI filters as people type them; read commands never create a database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skylog.cli import app
from skylog.filters import FilterError, region_code

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("filters") / "x.db")
    assert runner.invoke(app, ["ingest", str(EXAMPLES), "--db", path]).exit_code == 0
    return path


def _plain(output: str) -> str:
    """The output with rich's box drawing and line wrapping removed."""
    return " ".join(output.replace("│", " ").split())


def _ids(db: str, *args: str) -> set[str]:
    r = runner.invoke(app, ["incidents", "--db", db, "--format", "json", *args])
    assert r.exit_code == 0, r.output
    return {i["id"] for i in json.loads(r.stdout)}


@pytest.mark.parametrize(
    "region", ["RU-KRS", "ru-krs", "Kursk", "Kursk Oblast", "Курская", "Курской области", "Kurs"]
)
def test_region_filter_takes_codes_names_and_prefixes(db, region):
    everything = _ids(db)
    kursk = _ids(db, "--region", region)
    assert kursk and kursk < everything
    assert kursk == _ids(db, "--region", "RU-KRS")


def test_ukrainian_and_english_region_names(db):
    assert (
        _ids(db, "--region", "Харківська")
        == _ids(db, "--region", "Kharkiv region")
        == _ids(db, "--region", "UA-63")
    )
    assert region_code("Belgorod") == region_code("Белгородская") == "RU-BEL"


def test_unknown_region_and_type_are_errors_listing_the_valid_values(db):
    r = runner.invoke(app, ["incidents", "--db", db, "--region", "Atlantis"])
    assert r.exit_code == 2
    assert "RU-KRS (Kursk Oblast)" in _plain(r.output)  # the regions that have incidents
    r = runner.invoke(app, ["incidents", "--db", db, "--type", "drone"])
    assert r.exit_code == 2
    assert "drone_strike" in _plain(r.output) and "interception" in _plain(r.output)
    r = runner.invoke(app, ["export", "--db", db, "--format", "jsonl", "--out", "-", "--type", "drone"])
    assert r.exit_code == 2
    with pytest.raises(FilterError, match="ambiguous|unknown"):
        region_code("Ka")


@pytest.mark.parametrize(
    "args",
    [
        ["incidents"],
        ["incident", "inc-1"],
        ["reports"],
        ["search", "drone"],
        ["export", "--format", "jsonl", "--out", "-"],
    ],
)
def test_read_commands_refuse_a_database_that_does_not_exist(tmp_path, args):
    missing = tmp_path / "typo.db"
    r = runner.invoke(app, [*args, "--db", str(missing)])
    assert r.exit_code == 2
    assert "no database at" in r.output and str(missing) in r.output
    assert not missing.exists()


def test_warnings_are_printed_through_the_progress_console_once(tmp_path, monkeypatch):
    import warnings

    import skylog.pipeline

    p = tmp_path / "a.jsonl"
    p.write_text(
        "".join(json.dumps({"text": f"Report {i} about drones", "publshed": "x"}) + "\n" for i in range(3))
    )
    original = skylog.pipeline.run_ingest

    def noisy(*a, **k):
        warnings.warn("library noise", DeprecationWarning, stacklevel=1)
        return original(*a, **k)

    monkeypatch.setattr(skylog.pipeline, "run_ingest", noisy)
    r = runner.invoke(app, ["ingest", str(p), "--db", str(tmp_path / "w.db"), "--no-extract"])
    assert r.exit_code == 0, r.output
    out = _plain(r.output)
    assert out.count("unknown field") == 1  # once per file, not per line
    assert "warning: library noise" in out
    assert "DeprecationWarning" not in out and "warnings.warn" not in out  # not Python's raw format
