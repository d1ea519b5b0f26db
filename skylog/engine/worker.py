"""What runs on a Dask worker: the pure per-report stages, returning plain records.

Functions here are submitted by name (``skylog.engine.worker.parse_inputs`` …), so a
worker needs only ``skylog`` installed; nothing in them touches the database.
Models load once per worker process (a module-level ``ReportExtractor``), not per task.
"""

from __future__ import annotations

from dataclasses import dataclass

from skylog.ingest import IngestOptions, ingest_input
from skylog.pipeline import Extracted, ReportExtractor
from skylog.records import IngestError, Report

__all__ = ["Extracted", "JsonlRange", "extract_reports", "parse_inputs"]

_reader = ReportExtractor()  # one per worker process: models load once, not per task


@dataclass(frozen=True)
class JsonlRange:
    """Lines of one large JSON Lines file, by byte range, so one archive becomes many tasks."""

    path: str
    start: int  # byte offset of the first line
    end: int  # byte offset just past the last line
    first_line: int  # 1-based number of the first line (origins say ``path:line``)


def parse_inputs(items: list[str | JsonlRange], opts: IngestOptions) -> list[Report | IngestError]:
    """Reports and errors of each input (a file, URL or JSON Lines range) in order; never raises."""
    out: list[Report | IngestError] = []
    for item in items:
        if isinstance(item, JsonlRange):
            out.extend(_jsonl_range(item, opts))
        else:
            out.extend(ingest_input(item, opts))
    return out


def _jsonl_range(r: JsonlRange, opts: IngestOptions) -> list[Report | IngestError]:
    """The lines of ``r`` read exactly as ingest reads a whole JSON Lines file."""
    from skylog.ingest.jsonl import iter_jsonl_lines

    out: list[Report | IngestError] = []
    lines = iter_jsonl_lines(r.path, r.path, opts, start=r.start, end=r.end, first_line=r.first_line)
    try:
        out.extend(item for _n, item in lines)
    except OSError as exc:  # the lines read before it are kept
        out.append(IngestError(r.path, f"cannot read ({exc.__class__.__name__}: {exc.strerror or exc})"))
    return out


def extract_reports(reports: list[Report]) -> list[Extracted]:
    """Extraction (with geocoding) of each report; a failure is a warning for that report only
    (``skylog.pipeline.ReportExtractor``, the same code as in a single-process run)."""
    return _reader(reports)
