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
from skylog.ingest.fields import UnknownKeys, canonical_fields, signature_source
from skylog.ingest.sources import kind_for_channel, kind_for_domain
from skylog.records import IngestError, Report

_KINDS = ("official", "media", "ngo", "social", "unknown")


def iter_jsonl(path: Path, origin: str, opts: IngestOptions) -> Iterator[Report | IngestError]:
    unknown = UnknownKeys(origin)
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
    """One Report from one JSON object; field aliases (``source_url``, ``published``...) are read
    through :mod:`skylog.ingest.fields`, unknown keys noted in ``unknown`` (one warning per file)."""
    if not isinstance(obj, dict):
        raise IngestFailure("line is not a JSON object")
    f, extra = canonical_fields(obj)
    if unknown is not None and extra:
        unknown.note(extra)
    text = f.get("text")
    if not isinstance(text, str) or not text.strip():
        raise IngestFailure("no 'text' (a non-empty string is required)")

    def s(name: str) -> str | None:
        v = f.get(name)
        return v.strip() if isinstance(v, str) else None

    url = s("url")
    host = urlsplit(url).hostname if url else None
    source = s("source")
    if not source and s("channel_handle"):
        source = "@" + s("channel_handle").lstrip("@")
    meta = {}
    kind = f.get("source_kind") if f.get("source_kind") in _KINDS else None
    if not source:
        sig = signature_source(text)
        if sig is not None:
            source = sig[0]
            meta["signature_url"] = sig[1]
            kind = kind or kind_for_channel(source, sig[1].rsplit("/", 1)[-1])
    source = source or host
    kind = kind or kind_for_domain(host)
    pub_raw = f.get("published_at")
    published = parse_when(pub_raw)
    if pub_raw and published is None:
        meta["published_raw"] = str(pub_raw)
    ext = f.get("id")
    lang = f.get("language") if f.get("language") in ("en", "ru", "uk") else None
    return build_report(
        text,
        source=source,
        source_kind=kind,
        url=url,
        title=s("title"),
        author=s("author"),
        published_at=published,
        origin=origin,
        external_id=str(ext) if ext is not None else None,
        language=lang,
        meta=meta,
    )
