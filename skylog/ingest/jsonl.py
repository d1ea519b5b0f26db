"""JSON Lines archives: one ``{text, url, title, published_at, source}`` object per line.

Read line by line (archives can be large); a bad line is an error for that line
only. ``text`` is stored exactly as given (offsets index it). An ``id`` field is
kept as ``external_id``: the same id with new text is a new version.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from skylog.ingest.common import (
    IngestFailure,
    IngestOptions,
    build_report,
    human_size,
    parse_when,
    read_line_capped,
)
from skylog.ingest.fields import UnknownKeys, canonical_record
from skylog.ingest.sources import kind_for_domain
from skylog.records import IngestError, Report

_KINDS = ("official", "media", "ngo", "social", "unknown")


def iter_jsonl(path: Path, origin: str, opts: IngestOptions) -> Iterator[Report | IngestError]:
    """Every line of ``path`` as a Report or an IngestError naming ``origin:line``.

    Streamed: a line longer than ``opts.max_bytes`` is refused after counting it, without
    holding it in memory, and any error is that line's alone.
    """
    for _lineno, item in iter_jsonl_lines(path, origin, opts):
        yield item


def iter_jsonl_lines(
    path: Path | str,
    origin: str,
    opts: IngestOptions,
    *,
    start: int = 0,
    end: int | None = None,
    first_line: int = 1,
) -> Iterator[tuple[int, Report | IngestError]]:
    """``(line number, Report or IngestError)`` for the lines of ``path`` (blank lines skipped).

    The one JSON Lines reader: ``ingest``, ``extract`` and the Dask engine's byte ranges
    (``start``..``end``, numbered from ``first_line``) all read lines through it, so the
    field aliases, size cap and per-line errors are the same everywhere.
    """
    unknown = UnknownKeys(origin)  # field aliases and unknown keys: skylog.ingest.fields
    with open(path, "rb") as fh:
        fh.seek(start)
        lineno = first_line - 1
        while end is None or fh.tell() < end:
            raw, size = read_line_capped(fh, opts.max_bytes)
            if not size:
                return
            lineno += 1
            item = parse_line(raw, size, f"{origin}:{lineno}", first=lineno == 1, unknown=unknown)
            if item is not None:
                yield lineno, item


def parse_line(
    raw: bytes | None, size: int, where: str, *, first: bool = False, unknown: UnknownKeys | None = None
) -> Report | IngestError | None:
    """One JSON Lines line (``None`` when it was over the size cap) -> Report or IngestError;
    ``None`` for a blank line. Never raises."""
    try:
        if raw is None:
            raise IngestFailure(f"line too large ({human_size(size)}; skipped)")
        if first and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            return None
        try:
            obj = json.loads(raw)
        except UnicodeDecodeError:
            raise IngestFailure("line is not UTF-8") from None
        except json.JSONDecodeError as exc:
            raise IngestFailure(f"malformed JSON ({exc.msg} at column {exc.colno})") from None
        except RecursionError:
            raise IngestFailure("JSON nested too deeply") from None
        except ValueError as exc:  # e.g. an integer with more digits than Python converts
            raise IngestFailure(f"malformed JSON ({str(exc).splitlines()[0][:120]})") from None
        return report_from_record(obj, where, unknown)
    except IngestFailure as exc:
        return IngestError(where, str(exc))
    except RecursionError:
        return IngestError(where, "JSON nested too deeply")
    except Exception as exc:  # a value nobody foresaw: still only this line fails
        return IngestError(
            where, f"unexpected error ({exc.__class__.__name__}: {str(exc).splitlines()[0][:200]})"
        )


def report_from_record(obj: object, origin: str, unknown: UnknownKeys | None = None) -> Report:
    if not isinstance(obj, dict):
        raise IngestFailure("line is not a JSON object")
    obj = canonical_record(obj, unknown)
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise IngestFailure("no 'text' (a non-empty string is required)")
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    host = urlsplit(url).hostname if url else None
    source = obj.get("source") if isinstance(obj.get("source"), str) else None
    source = source or host
    kind = obj.get("source_kind") if obj.get("source_kind") in _KINDS else kind_for_domain(host)
    pub_raw = obj.get("published_at")
    if pub_raw is None or pub_raw == "":
        pub_raw = obj.get("published") or obj.get("date")
    try:
        published = parse_when(pub_raw)
    except IngestFailure as exc:
        raise IngestFailure(f"published_at: {exc}") from None
    meta = {}
    if pub_raw and published is None:
        meta["published_raw"] = str(pub_raw)
    ext = obj.get("id")
    lang = obj.get("language") if obj.get("language") in ("en", "ru", "uk") else None
    return build_report(
        text,
        source=source,
        source_kind=kind,
        url=url,
        title=obj.get("title") if isinstance(obj.get("title"), str) else None,
        author=obj.get("author") if isinstance(obj.get("author"), str) else None,
        published_at=published,
        origin=origin,
        external_id=str(ext) if ext is not None else None,
        language=lang,
        meta=meta,
    )
