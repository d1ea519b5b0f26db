"""``skylog bench --quick``: a fast look, with plain tables when the output is not a terminal."""

from __future__ import annotations

import resource
import subprocess
import sys
import time
import types
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench import run as bench_run  # noqa: E402

BOX = set("┏┓┗┛┃━│─┡┩╇┳┻╋")


def test_piped_tables_are_plain_aligned_text(monkeypatch, capsys):
    fake = types.ModuleType("bench.fakearea")
    fake.run = lambda quick: [
        {
            "title": "fake: table",
            "columns": ["name", "value"],
            "rows": [["a long name", 1.5], ["b", 12345]],
            "notes": ["n"],
        }
    ]
    monkeypatch.setitem(sys.modules, "bench.fakearea", fake)
    assert bench_run.run(["fakearea"], quick=True) == 0
    out = capsys.readouterr().out
    assert not BOX & set(out)
    lines = out.splitlines()
    assert lines[0] == "fake: table"
    assert (
        lines[1].index("value") == lines[3].index("1.500") == lines[4].index("12,345") == len("a long name  ")
    )
    assert "fakearea: " in out


def test_quick_skips_the_cluster_area_unless_named():
    assert "scale" in bench_run.AREAS and "scale" not in bench_run.QUICK_AREAS


@pytest.mark.slow
@pytest.mark.skipif(not (REPO.parent / "shared" / "bench").is_dir(), reason="needs ../shared/bench")
def test_quick_bench_is_fast_and_plain_when_piped():
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "skylog", "bench", "--quick"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert not BOX & set(proc.stdout)
    # its speed (20 s on an idle machine) is a benchmark figure, not a test: reported, never asserted
    print(f"quick bench: {cpu:.1f} s CPU, {wall:.1f} s wall")
