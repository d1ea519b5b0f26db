"""Reading the FILE arguments of ``skylog extract`` / ``skylog geoparse``.

A plain file is one report, decoded as ingest decodes a text file (a UTF-8 file
with LF line endings is kept unchanged, so offsets index the file); a ``.jsonl``
file holds one report per line, read by ingest's own JSON Lines reader, so the
same field aliases are accepted and unknown keys are named once per file. Each
yielded item is either a Report or an error message: one bad input never stops
a batch, and memory stays bounded (size checked before reading, lines streamed).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from skylog.ingest.common import (
    IngestFailure,
    IngestOptions,
    build_report,
    decode_text,
    parse_datetime,
    read_capped,
)
from skylog.ingest.jsonl import iter_jsonl_lines
from skylog.records import IngestError, Report

MAX_FILE_BYTES = 10_000_000  # one input file or JSON line of ``skylog extract``, as ingest's default
JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass
class InputItem:
    """One report to analyse, or why an input (or one line of it) could not be read."""

    file: str
    id: str | None = None  # the JSON Lines record id, when the input is .jsonl
    report: Report | None = None
    error: str | None = None

    def envelope(self) -> dict:
        out: dict = {"file": self.file}
        if self.id is not None:
            out["id"] = self.id
        if self.error is not None:
            out["error"] = self.error
        return out


def iter_input_files(paths: list[str], published: str | None = None) -> Iterator[InputItem]:
    """An InputItem per plain file and per JSON Lines line, in order; ValueError only for a
    ``published`` default that is not a date (before any input is read)."""
    default_published = parse_datetime(published) if published else None
    opts = IngestOptions(max_bytes=MAX_FILE_BYTES)
    for path in paths:
        if path.lower().endswith(JSONL_SUFFIXES):
            yield from _jsonl_items(path, opts, default_published)
            continue
        try:
            report = _plain_file(Path(path), path, default_published)
        except (IngestFailure, OSError) as exc:  # reported per input, the batch goes on
            yield InputItem(file=path, error=_reason(exc))
            continue
        yield InputItem(file=path, report=report)


def _plain_file(p: Path, label: str, published: datetime | None) -> Report:
    if p.is_dir():
        raise IsADirectoryError(label)
    if p.exists() and not p.is_file():
        raise IngestFailure("not a regular file")
    text, notes = decode_text(read_capped(p, MAX_FILE_BYTES))
    return build_report(text, source=p.name, published_at=published, origin=label, meta=notes)


def _jsonl_items(path: str, opts: IngestOptions, published: datetime | None) -> Iterator[InputItem]:
    try:
        for lineno, item in iter_jsonl_lines(path, path, opts):
            yield _jsonl_item(path, lineno, item, published)
    except OSError as exc:
        yield InputItem(file=path, error=_reason(exc))


def _jsonl_item(path: str, lineno: int, item: Report | IngestError, published: datetime | None) -> InputItem:
    where = f"{path}:{lineno}"
    if isinstance(item, IngestError):
        return InputItem(file=path, id=where, error=f"line {lineno}: {item.reason[:200]}")
    rid = item.external_id or where  # the input's own id is the report's id here (no store)
    item.id = rid
    if item.published_at is None and published is not None:
        item.published_at = published
    return InputItem(file=path, id=rid, report=item)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return str(exc) or exc.__class__.__name__
