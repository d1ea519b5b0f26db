"""Running bench areas side by side (``--quick``, ``--jobs N``): one forked process per area.

Why forked processes from a warmed parent: every accuracy area (extract, ruuk, geo, link) reads
text with the same spaCy and natasha models, and loading them costs ~2 s of CPU per process.
The parent loads them once (``warm_models``); each area process is forked from it and starts
with the models in memory (copy-on-write), so a quick run pays the load once instead of four
times. Each area still runs in its own process, so one area's crash, memory or CPU use is
its own: an area's CPU figure is the CPU of its process and of the processes it waited for.

Scheduling: areas that mostly wait (a browser and a server: ``serve``) start first and hold no
CPU slot; areas that need no models (``ingest``: it times its own child process) start while
the parent loads the models; the rest start longest first, ``jobs`` at a time. Every area
process runs its numerical libraries on one thread (``OMP/OPENBLAS/MKL_NUM_THREADS=1``),
as the areas share the cores.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any

Result = tuple[str, list[dict], str, str]  # area, tables, "x s wall, y s CPU", traceback

# areas whose time is mostly spent waiting on a browser or a server: they take no CPU slot
WAITING = frozenset({"serve"})
# areas that load no text models in their own process: they need not wait for the warm-up
COLD = frozenset({"serve", "ingest", "scale"})
# rough quick-mode CPU seconds per area, to start the longest first (so the slots end together)
QUICK_COST = {"link": 8.0, "geo": 6.5, "extract": 5.0, "ruuk": 3.5, "ingest": 2.5, "serve": 9.0}

# the last shared warm-up of this process (seconds), for the run's closing note
WARM_UP: dict[str, float] = {}

ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def warm_models() -> None:
    """Load what the accuracy areas share: the extractor with its English and Russian/Ukrainian
    models, the gazetteer (a read-only, immutable SQLite file, safe to use after a fork) and
    the linker (scikit-learn, datasketch)."""
    import skylog.link  # noqa: F401 - imported once here, not in each area
    from skylog.extract import Extractor
    from skylog.records import Report

    ex = Extractor()
    texts = {
        "en": "Two drones were shot down over Kursk Oblast on 3 March 2025, the governor said.",
        "ru": "3 марта 2025 года два беспилотника сбиты над Курской областью, сообщил губернатор.",
        "uk": "3 березня 2025 року два безпілотники збито над Сумською областю, повідомив голова ОВА.",
    }
    for lang, text in texts.items():
        ex.extract(Report(id=f"warm-{lang}", text=text, language=lang))
    from skylog.geo.gazetteer import default_gazetteer

    gazetteer = default_gazetteer()
    gazetteer.fuzzy_buckets()  # the index for names that match nothing (~1 s to build)
    gazetteer.water_words()  # seas and gulfs by word


def run_parallel(
    chosen: list[str], jobs: int, run_area: Callable[[str], Result], warm: Callable[[], None] | None = None
) -> Iterator[Result]:
    """Each area's result in the order chosen, the areas computed ``jobs`` at a time;
    ``warm`` (default ``warm_models``) runs once here before the areas that need models."""
    before = {key: os.environ.get(key) for key in ONE_THREAD}
    os.environ.update({k: v for k, v in ONE_THREAD.items() if before[k] is None})
    try:
        yield from _schedule(chosen, jobs, run_area, warm or warm_models)
    finally:  # this process's environment as it was (the areas had theirs at the fork)
        for key, value in before.items():
            if value is None:
                os.environ.pop(key, None)


def _schedule(
    chosen: list[str], jobs: int, run_area: Callable[[str], Result], warm: Callable[[], None]
) -> Iterator[Result]:
    ctx = multiprocessing.get_context("fork")
    running: dict[str, tuple[Any, Connection]] = {}
    done: dict[str, Result] = {}

    def start(area: str) -> None:
        recv, send = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_child, args=(run_area, area, send), name=f"bench-{area}")
        proc.start()
        send.close()
        running[area] = (proc, recv)

    def busy() -> int:
        return sum(1 for a in running if a not in WAITING)

    order = sorted(chosen, key=lambda a: -QUICK_COST.get(a, 10.0))  # longest first
    queue = [a for a in order if a not in WAITING]
    for area in (a for a in order if a in WAITING):
        start(area)
    if any(a not in COLD for a in queue):
        for area in [a for a in queue if a in COLD][: max(0, jobs - 1)]:  # one core loads the models
            queue.remove(area)
            start(area)
        try:
            t0, c0 = time.perf_counter(), time.process_time()
            warm()
            WARM_UP.update(wall=time.perf_counter() - t0, cpu=time.process_time() - c0)
        except Exception:  # each area then loads (and reports) the models on its own
            traceback.print_exc()
            print("bench: the shared model warm-up failed; each area loads its own", file=sys.stderr)
    emitted = 0
    while emitted < len(chosen):
        while queue and busy() < jobs:
            start(queue.pop(0))
        _collect(running, done)
        while emitted < len(chosen) and chosen[emitted] in done:
            yield done.pop(chosen[emitted])
            emitted += 1


def _collect(running: dict[str, tuple[Any, Connection]], done: dict[str, Result]) -> None:
    """Wait until at least one running area ends; move the ended ones into ``done``."""
    by_conn = {conn: area for area, (_proc, conn) in running.items()}
    for conn in wait(list(by_conn)):
        area = by_conn[conn]
        proc, _ = running.pop(area)
        try:
            done[area] = conn.recv()
        except EOFError:  # the process died without a word (killed, out of memory, a crash in C)
            proc.join()
            done[area] = (area, [], "", f"bench {area}: its process ended with exit code {proc.exitcode}")
        conn.close()
        proc.join()


def _child(run_area: Callable[[str], Result], area: str, send: Connection) -> None:
    send.send(run_area(area))
    send.close()
