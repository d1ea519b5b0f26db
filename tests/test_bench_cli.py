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


def _fake_area(name: str, run) -> None:
    mod = types.ModuleType(f"bench.{name}")
    mod.run = run
    sys.modules[f"bench.{name}"] = mod


def _table(title: str) -> list[dict]:
    return [{"title": title, "columns": ["k", "v"], "rows": [["x", 1]], "notes": []}]


WARMED: list[str] = []


def test_parallel_areas_come_in_order_and_a_failure_hides_no_other(monkeypatch, capsys):
    import os

    from bench import parallel

    def warm() -> None:  # runs once, in the parent, before the areas that need models
        WARMED.append(str(os.getpid()))

    monkeypatch.setattr(parallel, "warm_models", warm)
    for name in ("fa", "fb", "fc", "fd"):
        monkeypatch.delitem(sys.modules, f"bench.{name}", raising=False)
    _fake_area("fa", lambda quick: _table(f"fa warmed={len(WARMED)} pid={os.getpid()}"))
    _fake_area("fb", lambda quick: 1 / 0)
    _fake_area("fc", lambda quick: os._exit(3))  # dies without a word
    _fake_area("fd", lambda quick: _table(f"fd threads={os.environ.get('OPENBLAS_NUM_THREADS')}"))
    try:
        rc = bench_run.run(["fa", "fb", "fc", "fd"], quick=True, jobs=2)
    finally:
        for name in ("fa", "fb", "fc", "fd"):
            sys.modules.pop(f"bench.{name}", None)
    cap = capsys.readouterr()
    assert rc == 1
    assert WARMED == [str(os.getpid())]  # once, here; the forked areas saw it done
    out = cap.out
    assert out.index("fa warmed=1 pid=") < out.index("fd threads=1")
    assert f"pid={os.getpid()}" not in out  # each area ran in a process of its own
    assert "bench fb failed" in cap.err and "ZeroDivisionError" in cap.err
    assert "bench fc failed" in cap.err and "exit code 3" in cap.err
    assert "bench: 4 areas in" in out
