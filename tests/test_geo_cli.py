"""``skylog geoparse`` / ``skylog geocode`` command line: JSON contract, batches, per-input errors."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from skylog.cli import app

SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schema" / "extract.schema.json"
runner = CliRunner()

EN = "Drones were shot down over the Bryansk region and near the town of Klintsy, the governor said."
RU = "Обломки беспилотника упали в Курске и в Рыльском районе Курской области."


@pytest.fixture(scope="module")
def place_validator():
    if not SCHEMA.is_file():
        pytest.skip("shared schema not present")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    sub = {"$schema": schema.get("$schema"), "$defs": schema["$defs"], "$ref": "#/$defs/place"}
    return jsonschema.Draft202012Validator(sub)


def test_one_file_prints_toponyms(tmp_path, place_validator) -> None:
    f = tmp_path / "en.txt"
    f.write_text(EN, encoding="utf-8")
    res = runner.invoke(app, ["geoparse", str(f), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert set(out) >= {"toponyms"}
    tops = out["toponyms"]
    assert tops
    for t in tops:
        place_validator.validate(t)
        assert EN[t["span"][0] : t["span"][1]] == t["mention"]
    codes = {t["admin1_code"] for t in tops}
    assert "RU-BRY" in codes


def test_streets_are_listed_unresolved_unless_asked_not_to(tmp_path, place_validator) -> None:
    text = "A drone hit a warehouse on Shevchenko Street in Kharkiv, the mayor said."
    f = tmp_path / "street.txt"
    f.write_text(text, encoding="utf-8")
    default = json.loads(runner.invoke(app, ["geoparse", str(f), "--json"]).stdout)["toponyms"]
    streets = [t for t in default if t["mention"] == "Shevchenko Street"]
    assert streets and streets[0]["kind"] == "other" and streets[0]["lat"] is None
    for t in default:
        place_validator.validate(t)
    bare = json.loads(runner.invoke(app, ["geoparse", str(f), "--json", "--no-streets"]).stdout)["toponyms"]
    assert [t["mention"] for t in bare] == [
        t["mention"] for t in default if t["mention"] != "Shevchenko Street"
    ]
    assert any(t["admin1_code"] == "UA-63" for t in bare)


def test_several_files_and_errors_give_json_lines(tmp_path) -> None:
    a = tmp_path / "ru.txt"
    a.write_text(RU, encoding="utf-8")
    b = tmp_path / "en.txt"
    b.write_text(EN, encoding="utf-8")
    missing = tmp_path / "nope.txt"
    res = runner.invoke(app, ["geoparse", str(a), str(missing), str(b), "--json"])
    lines = [json.loads(x) for x in res.stdout.splitlines() if x.strip()]
    assert [x["file"] for x in lines] == [str(a), str(missing), str(b)]
    assert "error" in lines[1] and "toponyms" not in lines[1]
    ru_codes = {t["admin1_code"] for t in lines[0]["toponyms"]}
    assert "RU-KRS" in ru_codes
    district = [t for t in lines[0]["toponyms"] if t["kind"] == "district"]
    assert district and district[0]["precision"] == 2


def test_jsonl_input_carries_ids(tmp_path) -> None:
    f = tmp_path / "batch.jsonl"
    rows = [
        {"id": "a1", "text": EN},
        {"id": "b2", "text": RU},
        {"id": "c3", "text": 42},
    ]
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    res = runner.invoke(app, ["geoparse", str(f), "--json"])
    lines = [json.loads(x) for x in res.stdout.splitlines() if x.strip()]
    assert [x["id"] for x in lines[:2]] == ["a1", "b2"] and len(lines) == 3
    assert lines[0]["toponyms"] and lines[1]["toponyms"]
    assert "error" in lines[2]


def test_geocode_prints_candidates_with_reasons() -> None:
    res = runner.invoke(app, ["geocode", "Kaluga", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    top = out["candidates"][0]
    assert top["admin1_code"] == "RU-KLU" and top["why"]
    text = runner.invoke(app, ["geocode", "Харківщина"])
    assert text.exit_code == 0 and "Kharkiv Oblast" in text.stdout


def test_geocode_unknown_name_exits_nonzero() -> None:
    res = runner.invoke(app, ["geocode", "Xqzzqx Yvvq"])
    assert res.exit_code == 1
