"""The ingest pipeline: inputs -> stored reports -> extractions -> linking.

``run_ingest`` stores reports in batches (one transaction each), extracts every
new report or new version with one ``Extractor`` per run, and then lets the
linking stage (``skylog.store.linking.link_store``) update incidents.
A failing extraction is a warning for that report; the batch goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from skylog.ingest import IngestOptions, expand_inputs, ingest_input
from skylog.records import IngestError, Report
from skylog.store import IngestSummary, Store

Progress = Callable[[str, int, int, str], None]
"""``progress(stage, done, total, label)``; stage is ``"ingest"``, ``"extract"`` or ``"link"``."""

BATCH = 500


class _Extraction:
    """Runs extraction for a run; loads models once, stops trying when the code is missing."""

    def __init__(self, store: Store, summary: IngestSummary) -> None:
        self.store = store
        self.summary = summary
        self.extractor = None
        self.disabled: str | None = None

    def __call__(self, report: Report) -> None:
        if self.disabled:
            return
        try:
            if self.extractor is None:
                from skylog.extract import Extractor

                self.extractor = Extractor()
            ex = self.extractor.extract(report)
            ids = self.store.save_extraction(ex)
            self.summary.extracted += 1
            self.summary.mentions += len(ids)
        except ImportError as exc:  # extraction pipelines not installed/built yet
            self.disabled = f"extraction unavailable ({exc}); reports stored without extraction"
            self.summary.warnings.append(self.disabled)
        except Exception as exc:  # one report's failure never stops the batch
            label = report.origin or report.id
            self.summary.warnings.append(
                f"{label}: extraction failed ({exc.__class__.__name__}: {str(exc)[:200]})"
            )


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
    """
    opts = options or IngestOptions()
    opts.allow_private = allow_private or opts.allow_private
    summary = IngestSummary()
    extractor = _Extraction(store, summary)

    def extract_batch(_part: IngestSummary, todo: list[Report]) -> None:
        for i, report in enumerate(todo):
            extractor(report)
            if progress:
                progress("extract", i + 1, len(todo), report.origin or report.id)

    writer = BatchWriter(store, summary, extract_batch, batch_size, fresh=extract)
    refused: list[IngestError] = []
    items = expand_inputs(inputs, follow_links=opts.follow_links, refused=refused)
    for err in refused:
        writer.add(err)
    for n, item in enumerate(items):
        for out in parsed[item] if parsed and item in parsed else ingest_input(item, opts):
            writer.add(out)
        if progress:
            progress("ingest", n + 1, len(items), item)
    writer.flush()
    # linking is incremental (only mentions not yet linked), so it also finishes the
    # work of an earlier run that was interrupted after extraction
    if extract and link and (summary.extracted or summary.duplicate):
        if progress:
            progress("link", 0, 1, "linking")
        link_incidents(store, summary)
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
    extractor = _Extraction(store, summary)
    if report_ids is None:  # ids first, texts one at a time: memory stays flat on big stores
        report_ids = [r.id for r in store.iter_reports(language=language, since=since, limit=limit)]
    ids = list(report_ids)
    for i, rid in enumerate(ids):
        report = store.get_report(rid)
        if report is None:
            summary.warnings.append(f"{rid}: no such report")
            continue
        extractor(report)
        if progress:
            progress("extract", i + 1, len(ids), report.origin or report.id)
        if extractor.disabled:
            break
    if link and summary.extracted:
        link_incidents(store, summary)
    return summary
