"""``skylog extract`` command line: JSON contract, JSON Lines batches, per-input errors, schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from skylog.cli import app

SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schema" / "extract.schema.json"
runner = CliRunner()

ATTACK = (
    "Russian drones attacked the city of Sumy overnight, the regional military administration said.\n"
    "“A school and two houses were damaged, one woman was injured,” Governor Oleh Hryhorov wrote on Telegram."
)
CALM = "The city council approved the budget for road repairs on Tuesday, the mayor said."


@pytest.fixture(scope="module")
def validator():
    if not SCHEMA.is_file():
        pytest.skip("shared schema not present")
    return jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_one_file_prints_one_valid_object(tmp_path, validator) -> None:
    f = tmp_path / "sumy.txt"
    f.write_text(ATTACK, encoding="utf-8")
    res = runner.invoke(app, ["extract", str(f), "--published", "2025-03-02T08:00:00+02:00", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    validator.validate(out)
    assert out["report"]["published_at"].startswith("2025-03-02")
    (event,) = out["events"]
    assert event["type"] == "drone_strike"
    assert event["time"]["start"] == "2025-03-02"
    assert event["injured"]["value"] == 1
    assert out["quotes"][-1]["speaker"] == "Oleh Hryhorov"
    for s, e in event["spans"]:
        assert 0 <= s < e <= len(ATTACK)


def test_several_files_give_json_lines_and_errors_do_not_stop_the_batch(tmp_path, validator) -> None:
    a = tmp_path / "a.txt"
    a.write_text(ATTACK, encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text(CALM, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    res = runner.invoke(app, ["extract", str(a), str(missing), str(binary), str(b), "--json"])
    lines = [json.loads(x) for x in res.stdout.splitlines() if x.strip()]
    assert [x["file"] for x in lines] == [str(a), str(missing), str(binary), str(b)]
    assert "error" in lines[1] and "error" in lines[2]
    assert lines[0]["events"] and lines[3]["events"] == []
    for x in (lines[0], lines[3]):
        validator.validate(x)


def test_jsonl_input_carries_ids(tmp_path, validator) -> None:
    f = tmp_path / "batch.jsonl"
    rows = [
        {"id": "r1", "text": ATTACK, "published_at": "2025-03-02", "title": None, "source": "test"},
        {"id": "r2", "text": CALM, "published_at": None},
        {"id": "r3"},
    ]
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    res = runner.invoke(app, ["extract", str(f), "--json"])
    lines = [json.loads(x) for x in res.stdout.splitlines() if x.strip()]
    assert [x.get("id") for x in lines[:2]] == ["r1", "r2"]
    assert "error" in lines[2] and lines[2]["id"] and lines[2]["file"] == str(f)
    validator.validate(lines[0])
    assert lines[0]["events"][0]["time"]["start"] == "2025-03-02"


def test_readable_summary_without_json(tmp_path) -> None:
    f = tmp_path / "sumy.txt"
    f.write_text(ATTACK, encoding="utf-8")
    res = runner.invoke(app, ["extract", str(f)])
    assert res.exit_code == 0
    assert "drone_strike" in res.stdout and "Oleh Hryhorov" in res.stdout


def test_jsonl_input_takes_ingest_aliases_and_names_unknown_keys_once(tmp_path, caplog) -> None:
    """``extract`` reads JSON Lines with ingest's reader: the same aliases, one warning per file."""
    from skylog.ingest.inputs import iter_input_files

    f = tmp_path / "aliases.jsonl"
    rows = [
        {
            "id": "a1",
            "text": ATTACK,
            "source_url": "https://www.reuters.com/world/x",
            "source_title": "Drones hit Sumy",
            "published": "2025-03-02T08:00:00+02:00",
            "publshed_typo": 1,
        },
        {
            "id": "a2",
            "text": CALM,
            "link": "https://example.org/b",
            "date": "2025-03-03",
            "channel": "Sumy OVA",
        },
    ]
    f.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    with caplog.at_level("WARNING", logger="skylog"):
        items = list(iter_input_files([str(f)]))
    assert [i.id for i in items] == ["a1", "a2"]
    first, second = (i.report for i in items)
    assert first.url == "https://www.reuters.com/world/x" and first.title == "Drones hit Sumy"
    assert first.source == "www.reuters.com" and first.source_kind == "media"
    assert first.published_at.isoformat() == "2025-03-02T08:00:00+02:00"
    assert second.source == "Sumy OVA" and second.published_at.date().isoformat() == "2025-03-03"
    warned = [r.getMessage() for r in caplog.records if "unknown field" in r.getMessage()]
    assert len(warned) == 1 and "publshed_typo" in warned[0]
    res = runner.invoke(app, ["extract", str(f), "--json"])
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert [x["id"] for x in lines] == ["a1", "a2"]
    assert lines[0]["report"]["title"] == "Drones hit Sumy"


def test_russian_model_load_prints_no_pkg_resources_warning(tmp_path) -> None:
    """pymorphy2 (under natasha) imports the deprecated ``pkg_resources``; that warning is dropped
    where the model loads, so ``skylog extract`` keeps stderr (and progress bars) clean."""
    import os
    import subprocess
    import sys

    repo = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(repo)}
    raw = subprocess.run(
        [sys.executable, "-W", "default", "-c", "import pkg_resources"],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    if "pkg_resources is deprecated" not in raw.stderr:
        pytest.skip("this setuptools does not warn about pkg_resources")
    f = tmp_path / "kaluga.txt"
    f.write_text("Два беспилотника сбиты над Калужской областью, сообщил губернатор.", encoding="utf-8")
    res = subprocess.run(
        [sys.executable, "-W", "default", "-m", "skylog", "extract", str(f), "--json"],
        capture_output=True, text=True, env=env, cwd=str(tmp_path),
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["events"], res.stdout
    assert "pkg_resources" not in res.stderr, res.stderr
