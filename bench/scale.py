"""Scale benchmark (``skylog bench scale``): reports/s, peak memory and memory growth.

A streamed archive of generated reports (``skylog.engine.synth``: attack reports
from varied EN/RU/UK templates, ~10% of them, and unrelated news) is written as
JSON Lines files of 1,000 reports, then ingested — parse, store, extract with
geocoding, link — in a child process, once single-process (``run_ingest``) and once
through the Dask engine on a local cluster of 2 one-thread workers. The parent
samples the RSS of the child's whole process tree (Dask workers included) every
0.5 s: the peak, and the growth between the second and the last quarter of the run,
which is ~0 when memory is flat. The 10M/16-core projection divides 10M by the
measured per-worker rate times 16, and by the store writer's measured rate (one
client writes every batch), and keeps the slower.

Sizes: quick 2,000 (full pipeline) and 20,000 (store only); full 100,000 and
1,000,000. ``SKYLOG_SCALE_SIZES=2000,10000`` overrides the full-pipeline sizes,
``SKYLOG_SCALE_STORE_SIZES`` the store-only ones (0 for none), and ``SKYLOG_SCALE_MODES=dask``
runs only the listed modes.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
N_WORKERS = 2
TARGET_1M_H = 3.0


def _sizes(env: str, default: list[int]) -> list[int]:
    raw = os.environ.get(env, "").strip()
    return [int(x) for x in raw.split(",") if x.strip() and int(x) > 0] if raw else default


def _tree_rss(pid: int) -> int:
    import psutil

    try:
        p = psutil.Process(pid)
        procs = [p, *p.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for q in procs:
        try:
            total += q.memory_info().rss
        except psutil.Error:
            pass
    return total


def measure(mode: str, n: int, folder: Path, db: str) -> dict[str, Any]:
    """Run one ingest in a child process; its wall time, counts and RSS samples of the process tree."""
    cmd = [sys.executable, "-m", "bench.scale", "--child", mode, str(folder), db]
    t0 = time.perf_counter()
    # one BLAS/OpenMP thread per process, as Dask sets for its workers: the numpy taggers otherwise
    # oversubscribe the cores, which makes the single-process run slower and the comparison unfair
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    p = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    samples: list[tuple[float, int]] = []

    def sample() -> None:
        while p.poll() is None:
            samples.append((time.perf_counter() - t0, _tree_rss(p.pid)))
            time.sleep(0.5)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    out, err = p.communicate()
    th.join()
    if p.returncode != 0:
        raise RuntimeError(f"{mode} run failed: {err[-1500:]}")
    child = json.loads(out.strip().splitlines()[-1])
    rss_all = [r for _, r in samples if r]
    rss = [r for t, r in samples if r and t > child["warm_s"] + 1.0] or rss_all  # the timed run only
    q = max(1, len(rss) // 4)
    second, last = rss[q : 2 * q] or rss, rss[-q:] or rss
    growth = (statistics.median(last) - statistics.median(second)) / max(1, statistics.median(second))
    return {
        "mode": mode,
        "n": n,
        "seconds": child["seconds"],
        "wall": time.perf_counter() - t0,
        "stored": child["stored"],
        "extracted": child["extracted"],
        "mentions": child["mentions"],
        "warm_s": child["warm_s"],
        "peak_mb": max(rss_all) / 2**20 if rss_all else 0.0,
        "growth": growth,
        "samples": len(rss),
    }


WARM_TEXTS = [
    ("en", "Air defence shot down 12 drones over Kharkiv overnight, the governor said."),
    ("ru", "Над Белгородом сбиты три беспилотника, пострадавших нет."),
    ("uk", "Сили ППО збили 5 дронів над Одесою."),
]


def warm_up() -> None:
    """Load the extraction models in this process (the cached loaders keep them for later Extractors)."""
    from skylog.extract import Extractor
    from skylog.records import Report

    ex = Extractor()
    for lang, text in WARM_TEXTS:
        ex.extract(Report(id=f"warm-{lang}", text=text, language=lang))


def _child(mode: str, folder: str, db: str) -> None:
    """Child process body: warm up (models, cluster), then one timed ingest run; JSON on stdout."""
    from skylog.store import Store

    t_start = time.perf_counter()
    client = None
    if mode in ("dask", "dask-store-only"):
        from skylog.engine import make_client

        client = make_client(n_workers=N_WORKERS)
        if mode == "dask":
            client.run(warm_up)
    elif mode == "single":
        warm_up()
    t0 = time.perf_counter()
    if client is not None:
        from skylog.engine import EngineStats, run_distributed

        stats = EngineStats()
        s = run_distributed(
            [folder], db, client=client, stats=stats, keep_ids=False, extract=(mode == "dask")
        )
        stored = stats.new
    else:
        from skylog.pipeline import run_ingest

        with Store(db) as st:
            s = run_ingest([folder], st, extract=(mode == "single"))
        stored = len(s.new)
    print(
        json.dumps(
            {
                "warm_s": t0 - t_start,
                "seconds": time.perf_counter() - t0,
                "stored": stored,
                "extracted": s.extracted,
                "mentions": s.mentions,
            }
        )
    )


def run(quick: bool = False) -> list[dict[str, Any]]:
    from skylog.engine.synth import write_archive

    full = _sizes("SKYLOG_SCALE_SIZES", [200] if quick else [100_000, 1_000_000])
    store_only = _sizes("SKYLOG_SCALE_STORE_SIZES", [2_000] if quick else [100_000, 1_000_000])
    writer: float | None = None
    only = set(filter(None, os.environ.get("SKYLOG_SCALE_MODES", "").split(",")))
    rows: list[list[Any]] = []
    results: list[dict[str, Any]] = []
    work = Path(tempfile.mkdtemp(prefix="skylog-scale-"))
    try:
        dask = () if quick else ("dask",)  # a quick look skips starting clusters
        for n, modes in [(n, ("store-only", *(f"{d}-store-only" for d in dask))) for n in store_only] + [
            (n, ("single", *dask)) for n in full
        ]:
            folder = work / f"in-{n}"
            if not folder.exists():
                write_archive(folder, n, per_file=1000, seed=n)
            for mode in modes:
                if only and mode not in only:
                    continue
                db = f"sqlite:///{work / f'{mode}-{n}.db'}"
                r = measure(mode, n, folder, db)
                results.append(r)
                Path(db.removeprefix("sqlite:///")).unlink(missing_ok=True)
        writer = max(
            (r["n"] / r["seconds"] for r in results if r["mode"].endswith("store-only")), default=None
        )
        for r in results:
            rate = r["n"] / r["seconds"]
            cores = N_WORKERS if r["mode"].startswith("dask") else 1
            per_core = rate / cores
            proj = None
            if not r["mode"].endswith("store-only"):
                compute_h = 10_000_000 / (per_core * 16) / 3600
                writer_h = 10_000_000 / writer / 3600 if writer else 0.0
                proj = max(compute_h, writer_h)
            rows.append(
                [
                    r["mode"],
                    r["n"],
                    round(r["warm_s"], 1),
                    round(r["seconds"], 1),
                    round(rate, 1),
                    round(per_core, 1),
                    round(1_000_000 / rate / 3600, 2),
                    round(r["peak_mb"]),
                    f"{r['growth'] * 100:+.0f}%",
                    r["mentions"],
                    round(proj, 2) if proj is not None else "",
                ]
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    notes = [
        f"Generated archive: ~10% attack reports (EN/RU/UK templates), rest unrelated news; JSON Lines, "
        f"1,000 per file; SQLite store; this machine: {os.cpu_count()} cores (shared).",
        "single = skylog.pipeline.run_ingest in one process; dask = skylog.engine.run_distributed with "
        f"LocalCluster({N_WORKERS} workers x 1 thread); *store-only = parse and store, no extraction "
        "(the engine with keep_ids=False).",
        "Every run with OMP/MKL/OPENBLAS_NUM_THREADS=1 (Dask's worker default). "
        "warm-up (models loaded, cluster started) is timed apart; reports/s is over the ingest itself.",
        "peak RSS: whole process tree (client, scheduler, workers), sampled every 0.5 s; growth: median RSS "
        "of the last quarter of the run vs the second quarter (≈0 means flat).",
        "10M/16 cores: 10,000,000 / (per-core rate x 16), or the store writer's rate if that is slower "
        "(one client writes all batches).",
        f"Target: 1M reports in < {TARGET_1M_H:.0f} h on 2 cores (column '1M h' for the dask row).",
    ]
    return [
        {
            "title": "Scale: reports/s, memory, projection",
            "columns": [
                "mode",
                "reports",
                "warm-up s",
                "s",
                "reports/s",
                "per core/s",
                "1M h",
                "peak RSS MB",
                "RSS growth",
                "mentions",
                "10M on 16 cores h",
            ],  # fmt: skip
            "rows": rows,
            "notes": notes,
        }
    ]


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.path.insert(0, str(REPO))
        print(json.dumps(run(quick="--quick" in sys.argv), indent=1, default=str))
