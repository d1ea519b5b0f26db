"""``run_distributed``: the ingest pipeline with its per-report stages on a Dask cluster.

Why Dask: it is pure Python, installs with pip next to skylog, runs the same code on a
laptop (``LocalCluster``) and on many machines (``dask scheduler`` + ``dask worker``),
and its futures API lets the client keep a bounded window of work in flight, which is
what keeps memory flat on million-report archives.

Division of labour:

* workers parse inputs (one task per small group of files/URLs) and extract reports
  (one task per chunk of fresh reports); both are pure functions returning records;
* the client alone writes to the store, one transaction per batch, in input order, so
  ids, versions and duplicates come out exactly as with ``skylog.pipeline.run_ingest``;
* linking runs once at the end over the stored mentions (``skylog.link.link_store``).

Crash safety: reports are stored before they are extracted; on a re-run, a stored
report that has no extraction yet (the run died in between) is extracted again, so
nothing is lost and, because every write is keyed by report id, nothing is doubled.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from skylog.ingest import IngestOptions, expand_inputs
from skylog.records import IngestError, Report
from skylog.store import IngestSummary, Store

Progress = Callable[[str, int, int, str], None]

BATCH = 500  # reports per store transaction
EXTRACT_CHUNK = 25  # reports per extraction task (amortises scheduling, keeps tasks short)


@dataclass
class EngineStats:
    """What the cluster did (for benchmarks and logs)."""

    parse_tasks: int = 0
    extract_tasks: int = 0
    batches: int = 0
    workers: int = 0
    new: int = 0
    duplicate: int = 0
    updated: int = 0
    failed: int = 0


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


def _missing_extractions(store: Store, ids: list[str]) -> list[str]:
    """Of stored report ids, those with no extraction (a previous run died before saving it)."""
    finder = getattr(store, "missing_extractions", None)
    if finder is not None:
        return list(finder(ids))
    return [rid for rid in ids if store.get_extraction(rid) is None]


def _save_extractions(store: Store, extractions: list[Any]) -> int:
    """Store extractions (one transaction when the store offers a batch method); returns mention count."""
    batch = getattr(store, "save_extractions", None)
    if batch is not None:
        return sum(len(ids) for ids in batch(extractions))
    return sum(len(store.save_extraction(ex)) for ex in extractions)


def _link(store: Store, summary: IngestSummary) -> None:
    try:
        import skylog.link as link_mod
    except ImportError:
        return
    link_store = getattr(link_mod, "link_store", None)
    if link_store is None:
        return
    try:
        link_store(store)
    except Exception as exc:
        summary.warnings.append(f"linking failed ({exc.__class__.__name__}: {str(exc)[:200]})")


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
        if refused:  # symlinks out of a folder: errors of their own, like any bad input
            summary.merge(store.add_reports(refused))
        chunks = plan_tasks(items, task_bytes=task_bytes)
        _pipeline(
            client, worker, store, chunks, len(items), opts, summary, stats,
            batch_size=batch_size, extract=extract, window=window, progress=progress, keep_ids=keep_ids,
        )  # fmt: skip
        if extract and link and summary.extracted:
            if progress:
                progress("link", 0, 1, "linking")
            _link(store, summary)
    finally:
        if own_client:
            cluster = getattr(client, "cluster", None)
            client.close()
            if cluster is not None:
                cluster.close()
        if own_store:
            store.close()
    return summary


def _pipeline(
    client: Any,
    worker: Any,
    store: Store,
    chunks: list[list[str]],
    n_items: int,
    opts: IngestOptions,
    summary: IngestSummary,
    stats: EngineStats,
    *,
    batch_size: int,
    extract: bool,
    window: int,
    progress: Progress | None,
    keep_ids: bool = True,
) -> None:
    """Parse ``chunks`` on the cluster, store the reports in batches and extract them there."""
    run = _Pipeline(client, worker, store, opts, summary, stats, batch_size=batch_size, extract=extract,
                    window=window, progress=progress, keep_ids=keep_ids)  # fmt: skip
    run.run(chunks, n_items)


class _Pipeline:
    """One Dask ingest run: at most ``window`` parse tasks and ``window`` extraction tasks in
    flight; parsed reports are stored in batches of ``batch_size`` in input order, and what a
    batch stored new (or a resumed run left unextracted) goes to extraction."""

    def __init__(
        self,
        client: Any,
        worker: Any,
        store: Store,
        opts: IngestOptions,
        summary: IngestSummary,
        stats: EngineStats,
        *,
        batch_size: int,
        extract: bool,
        window: int,
        progress: Progress | None,
        keep_ids: bool,
    ) -> None:
        self.client, self.worker, self.store, self.opts = client, worker, store, opts
        self.summary, self.stats = summary, stats
        self.batch_size, self.extract, self.window = batch_size, extract, window
        self.progress, self.keep_ids = progress, keep_ids
        self.parse_q: deque = deque()  # (future, n inputs, last input) in input order
        self.extract_q: deque = deque()  # futures of extraction chunks
        self.buffer: list[Report | IngestError] = []
        self.disabled: list[str] = []  # set once extraction turns out to be unavailable
        self.extracted_total = 0
        self.submitted_reports = 0

    def run(self, chunks: list[list[str]], n_items: int) -> None:
        done_inputs = 0
        next_chunk = 0
        while next_chunk < len(chunks) or self.parse_q:
            while next_chunk < len(chunks) and len(self.parse_q) < self.window:
                self._submit_parse(chunks[next_chunk])
                next_chunk += 1
            fut, n, last = self.parse_q.popleft()
            for out in fut.result():
                self.buffer.append(out)
                if len(self.buffer) >= self.batch_size:
                    self.flush()
            del fut
            done_inputs += n
            if self.progress:
                self.progress("ingest", done_inputs, n_items, last)
            self.save_done(block=False)
        self.flush()
        self.save_done(block=True)

    def _submit_parse(self, chunk: list[Any]) -> None:
        fut = self.client.submit(self.worker.parse_inputs, chunk, self.opts, pure=False)
        n_inputs = sum(1 for c in chunk if isinstance(c, str)) or (1 if chunk[0].start == 0 else 0)
        self.parse_q.append((fut, n_inputs, str(getattr(chunk[-1], "path", chunk[-1]))))
        self.stats.parse_tasks += 1

    def save_done(self, block: bool) -> None:
        """Store the extractions of finished tasks (of all of them when ``block``), in order."""
        while self.extract_q and (block or self.extract_q[0].done()):
            results = self.extract_q.popleft().result()
            good = [ex for ex in (self._result(res) for res in results) if ex is not None]
            if good:
                self.summary.mentions += _save_extractions(self.store, good)
                self.summary.extracted += len(good)
            self.extracted_total += len(results)
            if self.progress:
                self.progress("extract", self.extracted_total, self.submitted_reports, "")

    def _result(self, res: Any) -> Any:
        """The extraction of one worker result, or None (its warning noted in the summary)."""
        if res.unavailable:
            if not self.disabled:
                self.disabled.append(res.unavailable)
                self.summary.warnings.append(res.unavailable)
            return None
        if res.warning:
            self.summary.warnings.append(res.warning)
            return None
        return res.extraction

    def flush(self) -> None:
        """Store the buffered reports as one batch and send its new ones to extraction."""
        if not self.buffer:
            return
        part = self.store.add_reports(self.buffer)
        self.stats.batches += 1
        self.stats.new += len(part.new)
        self.stats.duplicate += len(part.duplicate)
        self.stats.updated += len(part.updated)
        self.stats.failed += len(part.failed)
        self.summary.merge(part)
        if self.extract and not self.disabled:
            self._submit_extraction(self._to_extract(part))
        self.buffer.clear()
        if not self.keep_ids:  # counts live in ``stats``; id lists would grow with the archive
            self.summary.new.clear()
            self.summary.duplicate.clear()
            self.summary.updated.clear()
            del self.summary.failed[100:]
        self.save_done(block=False)

    def _to_extract(self, part: IngestSummary) -> list[Report]:
        """The buffered reports this batch stored new or updated, and duplicates that a run
        which died before extracting them left without an extraction (resume)."""
        fresh = set(part.new) | set(part.updated)
        dup_ids = set(part.duplicate)
        dup = [r.id for r in self.buffer if isinstance(r, Report) and r.id in dup_ids]
        if dup:
            fresh.update(_missing_extractions(self.store, list(dict.fromkeys(dup))))
        todo: list[Report] = []
        for r in self.buffer:
            if isinstance(r, Report) and r.id in fresh:
                fresh.discard(r.id)
                todo.append(r)
        return todo

    def _submit_extraction(self, todo: list[Report]) -> None:
        for i in range(0, len(todo), EXTRACT_CHUNK):
            while len(self.extract_q) >= self.window:
                self.save_done(block=False)
                if len(self.extract_q) >= self.window:
                    self.extract_q[0].result()  # wait for the oldest
            part = todo[i : i + EXTRACT_CHUNK]
            self.extract_q.append(self.client.submit(self.worker.extract_reports, part, pure=False))
            self.stats.extract_tasks += 1
            self.submitted_reports += len(part)
