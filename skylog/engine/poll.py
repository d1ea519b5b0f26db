"""Following the source registry: per-source polls that are cheap, polite and independent.

``SourcePoller`` polls each registered source (``skylog sources``) when it is due:

- every request goes through ``fetch.fetch`` (no private addresses unless allowed,
  size limit, per-read timeout and total deadline);
- conditional requests: the source's ``ETag`` / ``Last-Modified`` are sent back
  (``If-None-Match`` / ``If-Modified-Since``); a ``304`` or a body identical to the
  last one costs no parsing;
- only new items are read: Telegram preview posts and feed entries whose
  fingerprint was seen before are skipped before any language detection,
  article fetch or extraction (an edited post has a new fingerprint and becomes
  a new version of its report);
- a failing source backs off exponentially with jitter (``interval * 2**(n-1)``,
  at most ``max_backoff``) and after ``FAILING_AFTER`` failures in a row shows as
  ``failing``; it is never retried in a tight loop;
- sources are fetched in a thread pool, so one slow or failing source never holds
  up the others; storing, extraction and linking run in the poller's own thread.

Every report polled from a source carries its ``source_id``, and its kind when the
registry gives one.
"""

from __future__ import annotations

import hashlib
import logging
import random
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from skylog.engine.background import Background
from skylog.ingest.common import IngestFailure, IngestOptions
from skylog.ingest.sources import as_kind
from skylog.records import IngestError, Report
from skylog.store import Store
from skylog.store.sources import RegisteredSource

log = logging.getLogger("skylog.sources")

MAX_BACKOFF_S = 3600.0
SEEN_LIMIT = 2000  # fingerprints kept per source (a channel page shows ~20 posts)


@dataclass
class SourcePoll:
    """What one poll of one source did."""

    source_id: int
    name: str
    url: str
    status: str = "ok"  # ok | not_modified | error
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    duplicate: int = 0
    skipped: int = 0  # items already seen, media-only or service posts
    skipped_media: int = 0  # of those: posts with media and no text (albums, photos, videos)
    failed: list[IngestError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    mentions: int = 0
    error: str | None = None
    retry_in_s: float | None = None
    seconds: float = 0.0

    def line(self) -> str:
        """One human line for logs."""
        if self.status == "error":
            return f"{self.name}: poll failed ({self.error}); retry in {self.retry_in_s or 0:.0f} s"
        if self.status == "not_modified":
            return f"{self.name}: not modified"
        skipped = f"{self.skipped} skipped ({self.skipped_media} media-only), "
        counts = counts_line(
            len(self.new), len(self.updated), self.duplicate, len(self.failed), self.mentions, skipped
        )
        return f"{self.name}: {counts}"

    def lines(self) -> list[str]:
        """What ``watch`` prints for this poll (nothing when a source had nothing new)."""
        if self.status == "not_modified":
            return []
        if self.status == "ok" and not (self.new or self.updated or self.failed or self.warnings):
            return []
        return [f"watch: {self.line()}", *detail_lines(self.failed, self.warnings)]


@dataclass
class _Read:
    """The network half of a poll (done in a worker thread)."""

    source: RegisteredSource
    items: list[Report | IngestError] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    skipped: int = 0
    skipped_media: int = 0
    title: str | None = None
    error: str | None = None
    started: float = 0.0


def counts_line(new: int, updated: int, duplicate: int, failed: int, mentions: int, extra: str = "") -> str:
    """The one wording of what a poll stored (``watch`` folders and feeds, followed sources)."""
    return (
        f"{new} new, {updated} updated, {duplicate} duplicate, {extra}{failed} failed; {mentions} mention(s)"
    )


def detail_lines(failed: list[Any], warnings: list[str]) -> list[str]:
    """Indented lines naming each failed input and each warning of a poll."""
    return [f"  failed: {e}" for e in failed] + [f"  warning: {w}" for w in warnings]


def _fp(*parts: Any) -> str:
    h = hashlib.sha1()
    for p in parts:
        h.update(str(p or "").encode())
        h.update(b"\x00")
    return h.hexdigest()[:16]


def _bounded(seen: dict[str, str], limit: int = SEEN_LIMIT) -> dict[str, str]:
    if len(seen) <= limit:
        return seen
    keys = sorted(seen, key=lambda k: (len(k), k))  # message ids: numeric order
    return {k: seen[k] for k in keys[-limit:]}


def backoff_delay(interval: float, failures: int, max_backoff: float, rng: random.Random) -> float:
    """Seconds until the next try after ``failures`` failed polls in a row ("equal jitter":
    half the exponential step fixed, half random, so many failing sources spread out)."""
    step = min(max_backoff, max(interval, 0.1) * 2 ** max(0, failures - 1))
    return step / 2 + rng.uniform(0, step / 2)


class SourcePoller(Background):
    """Polls the registered sources of ``store`` when due; see the module docstring."""

    thread_name = "skylog-sources"

    def __init__(
        self,
        store: Store,
        *,
        options: IngestOptions | None = None,
        allow_private: bool = False,
        extract: bool = True,
        workers: int = 4,
        max_backoff: float = MAX_BACKOFF_S,
        tick: float = 0.25,
        on_poll: Callable[[SourcePoll], None] | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.store = store
        self.opts = options or IngestOptions()
        self.opts.allow_private = allow_private or self.opts.allow_private
        self.extract = extract
        self.workers = max(1, workers)
        self.max_backoff = max_backoff
        self.tick = tick
        self.on_poll = on_poll
        self.rng = rng or random.Random()
        super().__init__()
        self.polls = 0

    # ---- network half (worker threads) ---------------------------------------------------

    def _read(self, src: RegisteredSource) -> _Read:
        """Fetch and parse one source; never raises (the error is kept in the result)."""
        from skylog.ingest.fetch import fetch, make_client

        out = _Read(source=src, state=dict(src.state or {}), started=time.monotonic())
        client = make_client(self.opts) if not src.url.startswith("file:") else None
        try:
            headers: dict[str, str] = {}
            if src.etag:
                headers["If-None-Match"] = src.etag
            if src.last_modified:
                headers["If-Modified-Since"] = src.last_modified
            got = fetch(src.url, self.opts, client, headers=headers) if client else fetch(src.url, self.opts)
            out.etag = got.headers.get("etag")
            out.last_modified = got.headers.get("last-modified")
            if got.status == 304:
                out.not_modified = True
                return out
            body_fp = _fp(len(got.body), hashlib.sha1(got.body).hexdigest())
            if body_fp == out.state.get("body"):
                out.not_modified = True  # a server without validators sent the same bytes
                return out
            out.state["body"] = body_fp
            self._parse(out, got, client)
        except IngestFailure as exc:
            out.error = str(exc)
        except Exception as exc:  # a bug or an answer nobody foresaw: only this source fails
            out.error = f"unexpected error ({exc.__class__.__name__}: {str(exc)[:200]})"
        finally:
            if client is not None:
                client.close()
        return out

    def _parse(self, out: _Read, got: Any, client: Any) -> None:
        from skylog.ingest import feed, from_fetched, tgpreview

        ctype = got.content_type.split(";")[0].strip().lower()
        if ("html" in ctype or not ctype) and tgpreview.looks_like_preview(got.body):
            self._telegram(out, got, client)
            out.state["format"] = "telegram"
        elif tgpreview.is_preview_url(out.source.url) or out.state.get("format") == "telegram":
            # t.me answers a missing or private channel with a redirect to a card without posts
            where = f" (answered from {got.final_url})" if got.final_url != out.source.url else ""
            raise IngestFailure(f"no channel preview: no public posts at this address{where}")
        elif "rss" in ctype or "atom" in ctype or feed.looks_like_feed(got.body):
            seen: dict[str, str] = dict(out.state.get("seen") or {})
            fresh: dict[str, str] = {}

            def keep(entry: Any) -> bool:
                key = str(entry.get("id") or entry.get("link") or entry.get("title") or "")
                fp = _fp(
                    entry.get("updated") or entry.get("published"), entry.get("title"), entry.get("summary")
                )
                if seen.get(key) == fp:
                    out.skipped += 1
                    return False
                fresh[key] = fp
                return True

            out.items = list(feed.parse_feed(got.body, out.source.url, self.opts, got.final_url, keep=keep))
            out.state["seen"] = _bounded({**seen, **fresh})
            out.state["format"] = "feed"
        else:
            out.items = list(from_fetched(got, out.source.url, self.opts))
            out.state["format"] = "page"

    def _telegram(self, out: _Read, got: Any, client: Any) -> None:
        """New and edited posts of the page; on the first poll, also ``backfill_pages`` older pages."""
        from skylog.ingest import tgpreview
        from skylog.ingest.fetch import fetch

        seen: dict[str, str] = dict(out.state.get("seen") or {})
        first = not seen
        page = tgpreview.parse_page(got.body, got.charset)
        pages = [(page, out.source.url, got.fetched_at)]
        if first and out.source.backfill_pages > 0:
            before, asked = page.before, set()
            for _ in range(out.source.backfill_pages):
                if before is None or before in asked:
                    break
                asked.add(before)
                older_url = tgpreview.page_url(got.final_url or out.source.url, before)
                try:
                    older = fetch(older_url, self.opts, client)
                    older_page = tgpreview.parse_page(older.body, older.charset)
                except IngestFailure as exc:  # the newest page is still read
                    out.items.append(IngestError(older_url, f"back-fill stopped: {exc}"))
                    break
                pages.append((older_page, older_url, older.fetched_at))
                if not older_page.messages:
                    break
                before = older_page.before
        out.title = page.title
        for p, origin, fetched_at in pages:
            out.skipped += p.skipped_media + p.skipped_service
            out.skipped_media += p.skipped_media
            for m in p.messages:
                key, fp = str(m.message_id), m.fingerprint()
                if seen.get(key) == fp:
                    out.skipped += 1
                    continue
                seen[key] = fp
                try:
                    out.items.append(
                        tgpreview.message_report(
                            m, title=p.title, origin=f"{origin}#{m.message_id}", fetched_at=fetched_at
                        )
                    )
                except IngestFailure as exc:
                    out.items.append(IngestError(f"{origin}#{m.message_id}", str(exc)))
            for e in p.errors:
                out.items.append(IngestError(origin, e))
        out.state["seen"] = _bounded(seen)
        ids = [m.message_id for p, _, _ in pages for m in p.messages]
        if ids:
            out.state["newest_id"] = max([*ids, int(out.state.get("newest_id") or 0)])

    # ---- storing half (poller thread) ----------------------------------------------------

    def _finish(self, read: _Read) -> SourcePoll:
        """Store what a read brought, extract it, and record the source's health."""
        from skylog.pipeline import reprocess

        src = read.source
        reg = self.store.sources
        now = datetime.now(UTC)
        result = SourcePoll(source_id=src.id, name=src.name, url=src.url)
        try:
            if read.error is not None:
                raise _PollError(read.error)
            if read.not_modified:
                result.status = "not_modified"
            else:
                for item in read.items:
                    if isinstance(item, Report):
                        item.source_id = src.id
                        kind = as_kind(src.kind)
                        if kind != "unknown":
                            item.source_kind = kind
                        item.meta.setdefault("registered_source", src.name)
                summary = self.store.add_reports(read.items)
                result.new, result.updated = list(summary.new), list(summary.updated)
                result.duplicate, result.failed = len(summary.duplicate), list(summary.failed)
                fresh = list(summary.new) + list(summary.updated)
                fresh += sorted(self.store.without_extraction(summary.duplicate))
                reg.claim(summary.duplicate, src.id)  # read before by hand: now from this source
                if self.extract and fresh:
                    done = reprocess(self.store, report_ids=fresh, link=False)
                    result.mentions, result.warnings = done.mentions, list(done.warnings)
            result.skipped, result.skipped_media = read.skipped, read.skipped_media
            # a name nobody chose (the handle) gives way to the channel's own title
            rename = read.title if src.handle and src.name == src.handle else None
            reg.record_success(
                src.id,
                at=now,
                next_poll_at=now + timedelta(seconds=src.interval_s),
                new_items=len(result.new) + len(result.updated),
                etag=read.etag,
                last_modified=read.last_modified,
                state=read.state,
                name=rename,
            )
        except Exception as exc:  # a failed read, or the store refusing: back off, others go on
            result.status = "error"
            result.error = str(exc) if isinstance(exc, _PollError) else f"{exc.__class__.__name__}: {exc}"
            delay = backoff_delay(src.interval_s, src.failures + 1, self.max_backoff, self.rng)
            result.retry_in_s = delay
            try:
                reg.record_failure(
                    src.id, at=now, error=result.error, next_poll_at=now + timedelta(seconds=delay)
                )
            except Exception as exc2:  # the store itself is down: nothing more to record
                result.warnings.append(f"could not record the failure ({exc2.__class__.__name__})")
        result.seconds = time.monotonic() - read.started
        self.polls += 1
        if self.on_poll is not None:
            try:
                self.on_poll(result)
            except Exception as exc:  # a broken log line never stops the poller; it is logged
                log.warning("poll report of %s failed: %s: %s", src.name, exc.__class__.__name__, exc)
        return result

    def _link(self, results: list[SourcePoll]) -> None:
        if not self.extract or not any(r.mentions for r in results):
            return
        from skylog.store.linking import link_store

        try:
            link_store(self.store)
        except Exception as exc:
            results[-1].warnings.append(f"linking failed ({exc.__class__.__name__}: {str(exc)[:200]})")

    # ---- scheduling ----------------------------------------------------------------------

    def poll_once(self) -> list[SourcePoll]:
        """Poll every source that is due now (in parallel), store, extract and link; never raises."""
        due = self.store.sources.due()
        if not due:
            return []
        with ThreadPoolExecutor(min(self.workers, len(due)), thread_name_prefix="skylog-poll") as pool:
            futures = [pool.submit(self._read, s) for s in due]
            results = [self._finish(f.result()) for f in futures]
        self._link(results)
        return results

    def run(self) -> None:
        """Poll until ``stop()``: each source on its own schedule; a slow one never delays the rest."""
        inflight: dict[int, Future[_Read]] = {}
        with ThreadPoolExecutor(self.workers, thread_name_prefix="skylog-poll") as pool:
            while not self._stop.is_set():
                try:
                    for src in self.store.sources.due():
                        if src.id not in inflight:
                            inflight[src.id] = pool.submit(self._read, src)
                except Exception as exc:  # the database is busy or gone for a moment: try next tick
                    log.warning(
                        "sources: cannot read the schedule (%s: %s); retrying", exc.__class__.__name__, exc
                    )
                finished = [sid for sid, f in inflight.items() if f.done()]
                results = [self._finish(inflight.pop(sid).result()) for sid in finished]
                if results:
                    self._link(results)
                self._stop.wait(self.tick)
            for f in inflight.values():
                f.cancel()


class _PollError(Exception):
    """A read that failed; its message is the reason shown for the source."""
