"""HTML pages (files or fetched URLs): main text, title, author and date with trafilatura.

The page's menus, banners and footers are dropped; what is kept is trafilatura's
main text, NFC-normalised. Offsets index that text (the stored ``report.text``),
not the HTML. The page URL (as fetched, or the page's canonical URL) is the
report's ``external_id``: an article updated after it was first ingested is
stored as a new version.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from skylog.ingest.common import IngestFailure, build_report, nfc, parse_when
from skylog.ingest.sources import kind_for_domain
from skylog.records import Report


def _extract(html: bytes | str, url: str | None) -> dict[str, Any]:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params={
            "extensive_search": True,
            "original_date": True,
            "outputformat": "%Y-%m-%dT%H:%M:%S%z",
        },
    )
    if doc is None:
        return {}
    return doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)


def report_from_html(
    html: bytes | str,
    *,
    origin: str,
    url: str | None = None,
    fetched_at: datetime | None = None,
    fallback_source: str | None = None,
    meta: dict[str, Any] | None = None,
) -> Report:
    """One Report from one HTML page; raises IngestFailure when it has no main text."""
    try:
        d = _extract(html, url)
    except Exception as exc:  # trafilatura/lxml on hostile markup
        raise IngestFailure(f"cannot parse HTML ({exc.__class__.__name__})") from None
    text = (d.get("text") or "").strip()
    if not text:
        raise IngestFailure("no main text found in the HTML page")
    text = nfc(text)
    page_url = url or d.get("url")
    host = urlsplit(page_url).hostname if page_url else None
    host = host or d.get("hostname")
    source = d.get("sitename") or (host[4:] if host and host.startswith("www.") else host) or fallback_source
    info = dict(meta or {})
    if d.get("date"):
        info["published_raw"] = d["date"]
        if len(str(d["date"])) <= 10:
            info["published_precision"] = "day"
    return build_report(
        text,
        source=source,
        source_kind=kind_for_domain(host),
        url=page_url,
        external_id=page_url,  # the same page with new text later is a new version
        title=d.get("title"),
        author=d.get("author"),
        published_at=parse_when(d.get("date")),
        fetched_at=fetched_at,
        origin=origin,
        meta=info,
    )


def ingest_html_file(path: Path, data: bytes, origin: str) -> Report:
    return report_from_html(data, origin=origin, fallback_source=path.name)
