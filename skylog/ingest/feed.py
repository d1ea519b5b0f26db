"""RSS and Atom feeds (feedparser): each entry's linked article is fetched and read
as HTML; when there is no link, or it cannot be fetched, the entry's own text
is used (and the reason kept in ``meta["article_error"]``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from skylog.ingest.common import IngestFailure, IngestOptions, build_report, nfc
from skylog.ingest.fetch import fetch, make_client
from skylog.ingest.html import report_from_html
from skylog.ingest.sources import kind_for_domain
from skylog.records import IngestError, Report


def looks_like_feed(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return (
        head.startswith(b"<?xml")
        and (b"<rss" in data[:4096].lower() or b"<feed" in data[:4096].lower())
        or (head.startswith((b"<rss", b"<feed", b"<rdf:rdf")))
    )


def _entry_time(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        st = entry.get(key)
        if st:
            try:
                return datetime(*st[:6], tzinfo=UTC)
            except (TypeError, ValueError):
                continue
    return None


def _entry_text(entry: Any) -> str:
    """Plain text of an entry's content or summary (markup stripped)."""
    html = ""
    if entry.get("content"):
        html = max((c.get("value") or "" for c in entry["content"]), key=len)
    html = html or entry.get("summary") or entry.get("description") or ""
    if "<" not in html:
        return html.strip()
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fromstring(f"<div>{html}</div>")
    except (etree.LxmlError, ValueError):  # markup lxml cannot read: the entry keeps it as text
        return html.strip()
    for br in root.iter("br", "p", "div", "li"):
        br.tail = "\n" + (br.tail or "")
    return "\n".join(line.strip() for line in root.text_content().splitlines() if line.strip())


def parse_feed(
    data: bytes,
    origin: str,
    opts: IngestOptions,
    feed_url: str | None = None,
    *,
    keep: Callable[[Any], bool] | None = None,
) -> Iterator[Report | IngestError]:
    """Reports from the bytes of an RSS/Atom document; IngestFailure if it is not a feed.

    ``keep(entry)`` (a poller's "not seen yet") picks the entries read; the others are
    skipped before their article is fetched."""
    import feedparser

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if parsed.get("bozo") and not entries:
        exc = parsed.get("bozo_exception")
        raise IngestFailure(f"broken RSS/Atom XML ({exc.__class__.__name__}: {str(exc)[:150]})")
    if not entries:
        if parsed.get("version"):
            return  # a valid feed with no entries
        raise IngestFailure("not an RSS/Atom feed")
    feed = parsed.get("feed", {})
    feed_title = (feed.get("title") or "").strip() or None
    feed_host = urlsplit(feed.get("link") or feed_url or "").hostname
    warn = None
    if parsed.get("bozo"):
        warn = f"broken RSS/Atom XML, read leniently ({parsed.get('bozo_exception').__class__.__name__})"
    client = make_client(opts) if opts.fetch_articles else None
    try:
        for i, entry in enumerate(entries):
            if keep is not None and not keep(entry):
                continue
            where = f"{origin}#{i + 1}"
            try:
                yield _entry_report(entry, where, feed_title, feed_host, opts, client, warn)
            except IngestFailure as exc:
                yield IngestError(where, str(exc))
    finally:
        if client is not None:
            client.close()


def _entry_report(entry, where, feed_title, feed_host, opts, client, warn) -> Report:
    link = entry.get("link")
    published = _entry_time(entry)
    meta: dict[str, Any] = {"feed": feed_title}
    if warn:
        meta["feed_warning"] = warn
    if entry.get("id"):
        meta["entry_id"] = entry["id"]
    if link and client is not None:
        try:
            got = fetch(link, opts, client)
            report = report_from_html(
                got.body, origin=where, url=got.final_url, fetched_at=got.fetched_at, meta=meta
            )
            if report.published_at is None:
                report.published_at = published
            report.title = report.title or entry.get("title")
            return report
        except IngestFailure as exc:
            meta["article_error"] = f"{link}: {exc}"
    text = nfc(_entry_text(entry))
    if not text:
        text = nfc((entry.get("title") or "").strip())
        if not text:
            raise IngestFailure(
                "entry has no text"
                + (f" and its article failed ({meta['article_error']})" if "article_error" in meta else "")
                + (f"; {warn}" if warn else "")
            )
    host = urlsplit(link).hostname if link else feed_host
    source = feed_title or host
    return build_report(
        text,
        source=source,
        source_kind=kind_for_domain(host or feed_host),
        url=link,
        title=entry.get("title"),
        author=entry.get("author"),
        published_at=published,
        origin=where,
        external_id=link or entry.get("id"),
        meta=meta,
    )
