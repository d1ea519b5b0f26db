"""Linking without a database: plain records in, incidents out; a bounded-memory stream for archives."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator

from skylog.link.features import DAY, MentionRecord
from skylog.link.linker import Linker


def link_records(records: Iterable[MentionRecord], *, linker: Linker | None = None) -> dict[str, list[str]]:
    """Link plain records; returns incident id -> member mention ids (no DB)."""
    lk = linker or Linker()
    lk.link(list(records))
    return {iid: inc.mention_ids for iid, inc in sorted(lk.incidents.items())}


def stream_link(
    records: Iterable[MentionRecord],
    *,
    batch: int = 4096,
    horizon_days: float = 3.0,
    linker: Linker | None = None,
) -> Iterator[tuple[str, str]]:
    """Link a time-ordered stream with bounded memory; yields (mention id, incident id).

    Incidents whose windows ended ``horizon_days`` before the batch's latest
    publication time are retired from the working set. The cyclic garbage
    collector runs less often meanwhile (it would rescan the large, long-lived
    working set; ~15% of the time), and is restored afterwards.
    """
    lk = linker or Linker(on_log=lambda e: None)
    buf: list[MentionRecord] = []
    old_threshold = gc.get_threshold()
    gc.set_threshold(max(old_threshold[0], 50_000), *old_threshold[1:])

    def flush() -> Iterator[tuple[str, str]]:
        yield from lk.link(buf)
        latest = max((r.published_at.timestamp() for r in buf if r.published_at), default=None)
        if latest is not None:
            lk.retire(latest - horizon_days * DAY)
        buf.clear()

    try:
        for r in records:
            buf.append(r)
            if len(buf) >= batch:
                yield from flush()
        if buf:
            yield from flush()
    finally:
        gc.set_threshold(*old_threshold)
