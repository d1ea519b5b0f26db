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

from skylog.ingest.common import IngestFailure, IngestOptions, build_report, human_size, parse_when
from skylog.ingest.fields import UnknownKeys, canonical_record
from skylog.ingest.sources import kind_for_domain
from skylog.records import IngestError, Report

_KINDS = ("official", "media", "ngo", "social", "unknown")


def iter_jsonl(path: Path, origin: str, opts: IngestOptions) -> Iterator[Report | IngestError]:
    unknown = UnknownKeys(origin)  # field aliases and unknown keys: skylog.ingest.fields
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            where = f"{origin}:{lineno}"
            if not raw.strip():
                continue
            try:
                if len(raw) > opts.max_bytes:
                    raise IngestFailure(f"line too large ({human_size(len(raw))})")
                try:
                    obj = json.loads(raw)
                except UnicodeDecodeError:
                    raise IngestFailure("line is not UTF-8") from None
                except json.JSONDecodeError as exc:
                    raise IngestFailure(f"malformed JSON ({exc.msg} at column {exc.colno})") from None
                yield report_from_record(obj, where, unknown)
            except IngestFailure as exc:
                yield IngestError(where, str(exc))


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
    pub_raw = obj.get("published_at") or obj.get("published") or obj.get("date")
    published = parse_when(pub_raw)
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
