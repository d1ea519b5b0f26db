"""``skylog ingest --engine dask`` through the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from skylog.engine.synth import write_archive
from skylog.store import Store


@pytest.mark.slow
def test_ingest_engine_dask_cli(tmp_path):
    write_archive(tmp_path / "in", 60, per_file=20, seed=2)
    (tmp_path / "in" / "broken.jsonl").write_text('{"text": "ok line about drones over Sumy"}\n{oops\n')
    db = str(tmp_path / "cli.db")
    cmd = [sys.executable, "-m", "skylog", "ingest", str(tmp_path / "in"), "--db", db, "--json"]
    out = subprocess.run(
        [*cmd, "--engine", "dask", "--workers", "1"], capture_output=True, text=True, timeout=600
    )
    assert out.returncode == 1, out.stderr[-2000:]  # one bad line: exit 1, the rest stored
    summary = json.loads(out.stdout)
    assert len(summary["new"]) == 61 and len(summary["failed"]) == 1
    assert "broken.jsonl:2" in summary["failed"][0]["input"]
    with Store(db) as s:
        assert s.count_reports() == 61 and s.check() == []
    bad = subprocess.run([*cmd, "--engine", "spark"], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "dask" in bad.stderr
