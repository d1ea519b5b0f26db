"""Mixed-language batches: each report goes to the pipeline for its language, models load once."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from skylog.extract import Extractor
from skylog.ingest.common import make_report

POSTS = [
    ("Над Курской областью сбиты два беспилотника, пострадавших нет.", "ru", "interception"),
    ("Уночі сили ППО збили над Одещиною три ударні дрони.", "uk", "interception"),
    ("Росіяни обстріляли Нікополь з артилерії, пошкоджено два будинки.", "uk", "shelling"),
]


def test_extractor_routes_ru_and_uk_to_one_pipeline():
    ex = Extractor()
    pub = datetime(2025, 5, 1, 6, tzinfo=UTC)
    for text, lang, typ in POSTS:
        out = ex.extract(make_report(text, published_at=pub, language=lang)).to_dict()
        assert out["report"]["language"] == lang
        assert [e["type"] for e in out["events"]] == [typ]
    assert len([k for k in ex._pipelines if k == "ruuk"]) == 1


@pytest.mark.slow
def test_cli_jsonl_with_both_languages(tmp_path):
    src = tmp_path / "mixed.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for i, (text, _lang, _typ) in enumerate(POSTS):
            fh.write(json.dumps({"id": f"m{i}", "text": text, "published_at": "2025-05-01T06:00:00Z"}) + "\n")
        fh.write('{"id": "bad", "text": 5}\n')
    res = subprocess.run(
        [sys.executable, "-m", "skylog", "extract", str(src), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    rows = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    by_id = {r.get("id"): r for r in rows}
    for i, (_text, lang, typ) in enumerate(POSTS):
        r = by_id[f"m{i}"]
        assert r["report"]["language"] == lang
        assert [e["type"] for e in r["events"]] == [typ]
