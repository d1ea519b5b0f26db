"""``run_distributed``: the ingest pipeline with its per-report stages on a Dask cluster.

Why Dask: it is pure Python, installs with pip next to skylog, runs the same code on a
laptop (``LocalCluster``) and on many machines (``dask scheduler`` + ``dask worker``),
and its futures API lets the client keep a bounded window of work in flight, which is
what keeps memory flat on million-report archives.

Division of labour:

* workers parse inputs (one task per small group of files/URLs) and extract reports
  (one task per chunk of fresh reports); both are pure functions returning records;
* the client alone writes to the store, one transaction per batch, in input order, so
  ids, versions and duplicates come out exactly as with ``skylog.pipeline.run_ingest``
  (both runners run the one loop ``skylog.pipeline.IngestRun``; only its executor differs);
* linking runs once at the end over the stored mentions (``skylog.store.linking.link_store``).

Crash safety: reports are stored before they are extracted; on a re-run, a stored
report that has no extraction yet (the run died in between) is extracted again, so
nothing is lost and, because every write is keyed by report id, nothing is doubled.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable
from typing import Any

from skylog.ingest import IngestOptions, expand_inputs
from skylog.pipeline import IngestRun, ParseTask, RunStats, Stages, finish_with_linking
from skylog.records import IngestError
from skylog.store import IngestSummary, Store

Progress = Callable[[str, int, int, str], None]

BATCH = 500  # reports per store transaction
EXTRACT_CHUNK = 25  # reports per extraction task (amortises scheduling, keeps tasks short)


EngineStats = RunStats  # the name the engine has always exported

TASK_BYTES = 2_000_000  # input bytes per parse task: small files are grouped, big JSON Lines split
TASK_FILES = 64  # at most this many inputs per parse task
URL_COST = 200_000  # a URL counts as this many bytes when grouping


def _jsonl_ranges(path: str, piece: int) -> list[Any]:
    """Split a JSON Lines file at line ends into ranges of about ``piece`` bytes (one streaming pass)."""
    from skylog.engine.worker import JsonlRange
    from skylog.ingest.common import read_line_capped

    ranges = []
    start, line, first = 0, 1, 1
    size = count = 0
    with open(path, "rb") as fh:
        while True:  # whole lines, about ``piece`` bytes; a huge line is counted, never held
            _raw, n = read_line_capped(fh, piece)
            if n:
                size += n
                count += 1
            if (not n or size >= piece) and count:
                ranges.append(JsonlRange(path, start, start + size, first))
                start += size
                line += count
                first = line
                size = count = 0
            if not n:
                break
    return ranges


def plan_tasks(items: list[str], *, task_bytes: int = TASK_BYTES) -> list[list[Any]]:
    """Inputs grouped into parse tasks of about ``task_bytes`` each, in input order.

    Many small files share one task (scheduling costs less than parsing them); a JSON
    Lines file larger than ``task_bytes`` is split into line ranges, so a single huge
    archive still spreads over every worker and no task holds more than a slice of it.
    """
    from skylog.ingest import JSONL_SUFFIXES, is_url

    tasks: list[list[Any]] = []
    group: list[Any] = []
    weight = 0

    def close() -> None:
        nonlocal group, weight
        if group:
            tasks.append(group)
        group, weight = [], 0

    for item in items:
        if is_url(item):
            cost = URL_COST
        else:
            try:
                cost = os.stat(item).st_size
            except OSError:
                cost = 0  # the worker reports the problem, naming the input
            if cost > task_bytes and item.lower().endswith(JSONL_SUFFIXES):
                close()
                tasks.extend([r] for r in _jsonl_ranges(item, task_bytes))
                continue
        if group and (weight + cost > task_bytes or len(group) >= TASK_FILES):
            close()
        group.append(item)
        weight += cost
    close()
    return tasks


def make_client(scheduler: str | None = None, n_workers: int = 2, **cluster_kwargs: Any):
    """A Dask client: a fresh local cluster (one thread per worker process), or ``scheduler``'s."""
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler)
    kw: dict[str, Any] = {
        "n_workers": n_workers,
        "threads_per_worker": 1,
        "dashboard_address": None,
        "processes": True,
    }
    kw.update(cluster_kwargs)
    cluster = LocalCluster(**kw)
    return Client(cluster)


def run_distributed(
    inputs: Iterable[str],
    store_url: str | Store | None = None,
    *,
    scheduler: str | None = None,
    client: Any = None,
    n_workers: int = 2,
    batch_size: int = BATCH,
    extract: bool = True,
    link: bool = True,
    options: IngestOptions | None = None,
    allow_private: bool = False,
    progress: Progress | None = None,
    window: int | None = None,
    stats: EngineStats | None = None,
    keep_ids: bool = True,
    task_bytes: int = TASK_BYTES,
) -> IngestSummary:
    """Ingest ``inputs`` into the store at ``store_url`` with parsing and extraction on Dask.

    ``scheduler`` is a Dask scheduler address (``tcp://host:8786``) for a multi-node
    cluster; without it a local cluster of ``n_workers`` processes is started and shut
    down. ``client`` reuses an existing ``distributed.Client``. At most ``window`` tasks
    of each kind are in flight, so memory stays bounded however many inputs there are.
    Returns the same summary as ``run_ingest``; with ``keep_ids=False`` its id lists stay
    empty (counts are in ``stats``), so memory does not grow with the archive.
    """
    from skylog.engine import worker

    opts = options or IngestOptions()
    opts.allow_private = allow_private or opts.allow_private
    store = store_url if isinstance(store_url, Store) else Store(store_url)
    own_store = not isinstance(store_url, Store)
    own_client = client is None
    if own_client:
        client = make_client(scheduler, n_workers)
    stats = stats if stats is not None else EngineStats()
    summary = IngestSummary()
    try:
        stats.workers = len(client.scheduler_info().get("workers", {})) or n_workers
        window = window or max(4, 4 * stats.workers)
        refused: list[IngestError] = []
        items = expand_inputs(inputs, follow_links=opts.follow_links, refused=refused)
        tasks = [
            ParseTask(chunk, _inputs_in(chunk), str(getattr(chunk[-1], "path", chunk[-1])))
            for chunk in plan_tasks(items, task_bytes=task_bytes)
        ]
        stages = Stages(
            _DaskExecutor(client),
            functools.partial(worker.parse_inputs, opts=opts),
            worker.extract_reports,
            window=window,
            chunk=EXTRACT_CHUNK,
        )
        run = IngestRun(
            store, summary, stages, extract=extract, batch_size=batch_size, progress=progress,
            stats=stats, keep_ids=keep_ids,
        )  # fmt: skip
        run.run(tasks, len(items), refused)
        if extract and link:
            finish_with_linking(store, summary, progress)
    finally:
        if own_client:
            cluster = getattr(client, "cluster", None)
            client.close()
            if cluster is not None:
                cluster.close()
        if own_store:
            store.close()
    return summary


def _inputs_in(chunk: list[Any]) -> int:
    """Inputs a parse task completes: its files/URLs, or 1 for the first range of a JSON Lines file."""
    return sum(1 for c in chunk if isinstance(c, str)) or (1 if chunk[0].start == 0 else 0)


class _DaskExecutor:
    """``IngestRun``'s executor on a Dask client: each task a future (never cached: ``pure=False``)."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self.client.submit(fn, *args, pure=False)
