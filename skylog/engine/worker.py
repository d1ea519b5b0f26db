"""What runs on a Dask worker: the pure per-report stages, returning plain records.

Functions here are submitted by name (``skylog.engine.worker.parse_inputs`` …), so a
worker needs only ``skylog`` installed; nothing in them touches the database.
Models load once per worker process (a module-level ``Extractor``), not per task.
"""

from __future__ import annotations

from dataclasses import dataclass

from skylog.ingest import IngestOptions, ingest_input
from skylog.records import Extraction, IngestError, Report

_extractor = None
_extractor_error: str | None = None


@dataclass
class Extracted:
    """One report's extraction result as it travels back to the client."""

    report_id: str
    extraction: Extraction | None = None
    warning: str | None = None  # this report failed; the batch goes on
    unavailable: str | None = None  # extraction code/models missing on this worker


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


def _get_extractor():
    global _extractor, _extractor_error
    if _extractor is None and _extractor_error is None:
        try:
            from skylog.extract import Extractor

            _extractor = Extractor()
        except ImportError as exc:
            _extractor_error = f"extraction unavailable ({exc}); reports stored without extraction"
    return _extractor


def extract_reports(reports: list[Report]) -> list[Extracted]:
    """Extraction (with geocoding) of each report; a failure is a warning for that report only."""
    out: list[Extracted] = []
    for report in reports:
        extractor = _get_extractor()
        if extractor is None:
            out.append(Extracted(report.id, unavailable=_extractor_error))
            continue
        try:
            out.append(Extracted(report.id, extraction=extractor.extract(report)))
        except ImportError as exc:  # a language pipeline not built yet
            out.append(
                Extracted(
                    report.id,
                    unavailable=f"extraction unavailable ({exc}); reports stored without extraction",
                )
            )
        except Exception as exc:  # one report's failure never stops the batch
            label = report.origin or report.id
            out.append(
                Extracted(
                    report.id,
                    warning=f"{label}: extraction failed ({exc.__class__.__name__}: {str(exc)[:200]})",
                )
            )
    return out
