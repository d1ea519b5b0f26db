"""The ingest pipeline: inputs -> stored reports -> extractions -> linking.

``run_ingest`` stores reports in batches (one transaction each), extracts every
new report or new version with one ``Extractor`` per run, and then lets the
linking stage (``skylog.store.linking.link_store``) update incidents.
A failing extraction is a warning for that report; the batch goes on.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from skylog.ingest import IngestOptions, expand_inputs, ingest_input
from skylog.records import Extraction, IngestError, Report
from skylog.store import IngestSummary, Store

Progress = Callable[[str, int, int, str], None]
"""``progress(stage, done, total, label)``; stage is ``"ingest"``, ``"extract"`` or ``"link"``."""

BATCH = 500


@dataclass
class Extracted:
    """One report's extraction result as a runner gets it back (from this process or a worker)."""

    report_id: str
    extraction: Extraction | None = None
    warning: str | None = None  # this report failed; the batch goes on
    unavailable: str | None = None  # extraction code/models missing where it ran


class ReportExtractor:
    """Extracts reports with one ``Extractor``, loaded on first use: the one place where an
    extraction failure becomes a warning for that report (the batch goes on) and missing
    extraction code becomes "unavailable" (reports are stored without extraction)."""

    def __init__(self) -> None:
        self.extractor: Any = None
        self.unavailable: str | None = None

    def __call__(self, reports: list[Report]) -> list[Extracted]:
        return [self.one(report) for report in reports]

    def one(self, report: Report) -> Extracted:
        if self.unavailable:
            return Extracted(report.id, unavailable=self.unavailable)
        try:
            if self.extractor is None:
                from skylog.extract import Extractor

                self.extractor = Extractor()
            return Extracted(report.id, extraction=self.extractor.extract(report))
        except ImportError as exc:  # extraction pipelines not installed/built
            self.unavailable = f"extraction unavailable ({exc}); reports stored without extraction"
            return Extracted(report.id, unavailable=self.unavailable)
        except Exception as exc:  # one report's failure never stops the batch
            label = report.origin or report.id
            return Extracted(
                report.id, warning=f"{label}: extraction failed ({exc.__class__.__name__}: {str(exc)[:200]})"
            )


def save_extracted(store: Store, summary: IngestSummary, results: list[Extracted]) -> bool:
    """Store the usable extractions and record the rest in ``summary`` (each warning, and the
    first "unavailable" once); returns False once extraction turned out to be unavailable."""
    available = True
    for res in results:
        if res.unavailable:
            available = False
            if res.unavailable not in summary.warnings:
                summary.warnings.append(res.unavailable)
        elif res.warning:
            summary.warnings.append(res.warning)
        elif res.extraction is not None:
            summary.mentions += len(store.save_extraction(res.extraction))
            summary.extracted += 1
    return available


def link_incidents(store: Store, summary: IngestSummary) -> None:
    """Link the mentions not linked yet into incidents; a failure is a warning of the run."""
    from skylog.store import linking

    try:
        linking.link_store(store)
    except Exception as exc:  # recorded: the stored reports and mentions stay, check names them
        summary.warnings.append(f"linking failed ({exc.__class__.__name__}: {str(exc)[:200]})")


class BatchWriter:
    """Stores parsed items in batches of ``batch_size`` (one transaction each) and hands each
    batch's summary and the reports that need extraction (when ``fresh``) to
    ``on_batch(part, fresh)``, in input order.

    The one batching rule of both ingest runners (this process, and ``skylog.engine``
    on Dask): new reports and new versions are fresh, and so is a duplicate stored by an
    earlier run that died before extracting it.
    """

    def __init__(
        self,
        store: Store,
        summary: IngestSummary,
        on_batch: Callable[[IngestSummary, list[Report]], None] | None = None,
        batch_size: int = BATCH,
        *,
        fresh: bool = True,
    ) -> None:
        self.store, self.summary, self.on_batch, self.batch_size = store, summary, on_batch, batch_size
        self.fresh = fresh  # whether to work out which reports need extraction
        self.buffer: list[Report | IngestError] = []

    def add(self, item: Report | IngestError) -> None:
        self.buffer.append(item)
        if len(self.buffer) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        if not self.buffer:
            return
        part = self.store.add_reports(self.buffer)
        self.summary.merge(part)
        fresh: list[Report] = []
        if self.fresh:
            ids = set(part.new) | set(part.updated)
            ids |= self.store.without_extraction(part.duplicate)  # left by an interrupted run
            for r in self.buffer:
                if isinstance(r, Report) and r.id in ids:
                    ids.discard(r.id)
                    fresh.append(r)
        self.buffer.clear()
        if self.on_batch is not None:
            self.on_batch(part, fresh)


class Pending(Protocol):
    """A submitted task: a ``distributed.Future``, or ``Ready`` for one run here."""

    def done(self) -> bool: ...

    def result(self) -> Any: ...


class Executor(Protocol):
    """Where the per-report stages run: ``InProcess`` (here, at once) or a Dask client's futures."""

    def submit(self, fn: Callable[..., Any], *args: Any) -> Pending: ...


class Ready:
    """A task already run (``InProcess``)."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def done(self) -> bool:
        return True

    def result(self) -> Any:
        return self.value


class InProcess:
    """Runs each task at once in this process: the executor of ``run_ingest``."""

    def submit(self, fn: Callable[..., Any], *args: Any) -> Pending:
        return Ready(fn(*args))


@dataclass
class RunStats:
    """What a run did, task by task (for benchmarks and logs; ``skylog.engine.EngineStats``)."""

    parse_tasks: int = 0
    extract_tasks: int = 0
    batches: int = 0
    workers: int = 0
    new: int = 0
    duplicate: int = 0
    updated: int = 0
    failed: int = 0


@dataclass
class ParseTask:
    """One parse task: what the parse stage gets, how many inputs it completes, a progress label."""

    work: Any
    inputs: int
    label: str


@dataclass
class Stages:
    """The per-report stages of a run and how they are scheduled."""

    executor: Executor
    parse: Callable[[Any], Iterable[Report | IngestError]]
    extract: Callable[[list[Report]], list[Extracted]]
    window: int = 1  # tasks of each kind in flight
    chunk: int = 1  # reports per extraction task


class IngestRun:
    """The one ingest loop of both runners: parse tasks submitted (``window`` at a time) and
    stored in input order through ``BatchWriter``; each batch's fresh reports submitted for
    extraction in chunks; finished extractions stored oldest first (``save_extracted``).
    With ``keep_ids=False`` the summary's id lists stay empty (counts are in ``stats``)."""

    def __init__(
        self,
        store: Store,
        summary: IngestSummary,
        stages: Stages,
        *,
        extract: bool = True,
        batch_size: int = BATCH,
        progress: Progress | None = None,
        stats: RunStats | None = None,
        keep_ids: bool = True,
    ) -> None:
        self.store, self.summary, self.stages, self.progress = store, summary, stages, progress
        self.stats = stats if stats is not None else RunStats()
        self.keep_ids = keep_ids
        self.writer = BatchWriter(store, summary, self.on_batch, batch_size, fresh=extract)
        self.extract_q: deque[tuple[Pending, str]] = deque()  # (extraction task, its last report)
        self.disabled = False  # set once extraction turns out to be unavailable
        self.extracted_total = self.submitted = 0

    def run(self, tasks: list[ParseTask], n_items: int, refused: Iterable[IngestError] = ()) -> None:
        """Store every task's reports in input order; extract the fresh ones; wait for all."""
        for err in refused:  # symlinks out of a folder: errors of their own, like any bad input
            self.writer.add(err)
        parse_q: deque[tuple[Pending, ParseTask]] = deque()
        next_task = done_inputs = 0
        while next_task < len(tasks) or parse_q:
            while next_task < len(tasks) and len(parse_q) < self.stages.window:
                task = tasks[next_task]
                parse_q.append((self.stages.executor.submit(self.stages.parse, task.work), task))
                self.stats.parse_tasks += 1
                next_task += 1
            pending, task = parse_q.popleft()
            for out in pending.result():
                self.writer.add(out)
            del pending
            done_inputs += task.inputs
            if self.progress:
                self.progress("ingest", done_inputs, n_items, task.label)
            self.save_done(block=False)
        self.writer.flush()
        self.save_done(block=True)

    def on_batch(self, part: IngestSummary, fresh: list[Report]) -> None:
        """A stored batch: count it and submit its fresh reports for extraction."""
        self._count(part)
        step = self.stages.chunk
        for i in range(0, len(fresh), step):
            if self.disabled:  # ``fresh`` is empty when the run does not extract
                break
            self._submit(fresh[i : i + step])
        self.save_done(block=False)

    def _count(self, part: IngestSummary) -> None:
        self.stats.batches += 1
        self.stats.new += len(part.new)
        self.stats.duplicate += len(part.duplicate)
        self.stats.updated += len(part.updated)
        self.stats.failed += len(part.failed)
        if not self.keep_ids:  # counts live in ``stats``; id lists would grow with the archive
            self.summary.new.clear()
            self.summary.duplicate.clear()
            self.summary.updated.clear()
            del self.summary.failed[100:]

    def _submit(self, reports: list[Report]) -> None:
        while len(self.extract_q) >= self.stages.window:
            self.save_done(block=False)
            if len(self.extract_q) >= self.stages.window:
                self.extract_q[0][0].result()  # wait for the oldest
        pending = self.stages.executor.submit(self.stages.extract, reports)
        self.extract_q.append((pending, reports[-1].origin or reports[-1].id))
        self.stats.extract_tasks += 1
        self.submitted += len(reports)

    def save_done(self, block: bool) -> None:
        """Store the extractions of finished tasks (all of them when ``block``), oldest first."""
        while self.extract_q and (block or self.extract_q[0][0].done()):
            pending, label = self.extract_q.popleft()
            results = pending.result()
            if not save_extracted(self.store, self.summary, results):
                self.disabled = True
            self.extracted_total += len(results)
            if self.progress:
                self.progress("extract", self.extracted_total, self.submitted, label)


def finish_with_linking(store: Store, summary: IngestSummary, progress: Progress | None) -> None:
    """Link after an extracting run. Linking is incremental (only mentions not linked yet), so
    a run of duplicates also finishes the work of an earlier run interrupted after extraction."""
    if summary.extracted or summary.duplicate:
        if progress:
            progress("link", 0, 1, "linking")
        link_incidents(store, summary)


def run_ingest(
    inputs: Iterable[str],
    store: Store,
    *,
    extract: bool = True,
    progress: Progress | None = None,
    allow_private: bool = False,
    options: IngestOptions | None = None,
    link: bool = True,
    batch_size: int = BATCH,
    parsed: dict[str, list[Report | IngestError]] | None = None,
) -> IngestSummary:
    """Ingest every input into ``store``; returns what happened (new, duplicate, updated, failed).

    ``parsed`` holds what some inputs already gave (e.g. a URL fetched before a caller
    took its write lock, so a slow server never holds the lock): those are not read again.
    The loop is ``IngestRun`` with every stage run here, one input and one report at a time.
    """
    opts = options or IngestOptions()
    opts.allow_private = allow_private or opts.allow_private
    summary = IngestSummary()
    refused: list[IngestError] = []
    items = expand_inputs(inputs, follow_links=opts.follow_links, refused=refused)

    def parse(item: str) -> Iterable[Report | IngestError]:
        return parsed[item] if parsed and item in parsed else ingest_input(item, opts)

    stages = Stages(InProcess(), parse, ReportExtractor())
    run = IngestRun(store, summary, stages, extract=extract, batch_size=batch_size, progress=progress)
    run.run([ParseTask(item, 1, item) for item in items], len(items), refused)
    if extract and link:
        finish_with_linking(store, summary, progress)
    return summary


def reprocess(
    store: Store,
    *,
    language: str | None = None,
    since: datetime | None = None,
    limit: int | None = None,
    report_ids: Iterable[str] | None = None,
    progress: Progress | None = None,
    link: bool = True,
) -> IngestSummary:
    """Re-run extraction on stored reports (raw text is always kept), then re-link."""
    summary = IngestSummary()
    extractor = ReportExtractor()
    if report_ids is None:  # ids first, texts one at a time: memory stays flat on big stores
        report_ids = [r.id for r in store.iter_reports(language=language, since=since, limit=limit)]
    ids = list(report_ids)
    for i, rid in enumerate(ids):
        report = store.get_report(rid)
        if report is None:
            summary.warnings.append(f"{rid}: no such report")
            continue
        available = save_extracted(store, summary, [extractor.one(report)])
        if progress:
            progress("extract", i + 1, len(ids), report.origin or report.id)
        if not available:
            break
    if link and summary.extracted:
        link_incidents(store, summary)
    return summary
