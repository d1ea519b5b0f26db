"""Watch mode: poll folders and feeds, ingest what is new, link it (``skylog watch``).

A folder is scanned each interval; a file is taken once it has stopped
changing (same size and mtime on two looks, so a half-written file waits),
and taken again if it changes later. Feeds and URLs are re-read every
interval; ingest's stable report ids make that idempotent. Each poll runs the
real pipeline (``run_ingest``: ingest, extract, store, link), so the API and
the page (which polls ``/api/status``) show new incidents without a reload.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from skylog.engine.background import Background
from skylog.store import IngestSummary, Store


@dataclass
class PollResult:
    """What one poll did: the inputs it ingested and the pipeline's summary."""

    inputs: list[str] = field(default_factory=list)
    summary: IngestSummary | None = None
    error: str | None = None

    def lines(self) -> list[str]:
        """What ``watch`` prints for this poll (nothing when nothing was due)."""
        from skylog.engine.poll import counts_line, detail_lines

        if self.error:
            return [f"watch: poll failed: {self.error}"]
        s = self.summary
        if not self.inputs or s is None:
            return []
        counts = counts_line(len(s.new), len(s.updated), len(s.duplicate), len(s.failed), s.mentions)
        return [f"watch: {len(self.inputs)} input(s): {counts}", *detail_lines(s.failed, s.warnings)]


class Watcher(Background):
    """Polls ``targets`` (folders, feed URLs, feed files) and ingests new items into ``store``."""

    thread_name = "skylog-watch"

    def __init__(
        self,
        targets: list[str],
        store: Store,
        *,
        interval: float = 30.0,
        allow_private: bool = False,
        on_poll: Callable[[PollResult], None] | None = None,
    ) -> None:
        self.targets = list(targets)
        self.store = store
        self.interval = max(0.2, float(interval))
        self.allow_private = allow_private
        self.on_poll = on_poll
        self._seen: dict[str, tuple[int, int]] = {}  # file -> (mtime_ns, size) when ingested
        self._pending: dict[str, tuple[int, int]] = {}  # file -> (mtime_ns, size) at last look
        super().__init__()
        self.polls = 0

    # ---- one poll -------------------------------------------------------------------------

    def due_inputs(self) -> list[str]:
        """Inputs to ingest now: settled new/changed files in folders, and every feed/URL/file target."""
        from skylog.ingest import expand_inputs, is_url

        out: list[str] = []
        for target in self.targets:
            p = Path(target)
            if is_url(target) or not p.is_dir():
                if is_url(target) or self._settled(str(p)):
                    out.append(target)
                continue
            for f in expand_inputs([str(p)]):
                if f != str(p) and self._settled(f):
                    out.append(f)
        return out

    def _settled(self, path: str) -> bool:
        try:
            st = Path(path).stat()
        except OSError:
            return False
        sig = (st.st_mtime_ns, st.st_size)
        if self._seen.get(path) == sig:
            return False
        if self._pending.get(path) != sig:
            self._pending[path] = sig
            # a file not seen before is taken at once if it was last written over a second ago
            if time.time() - st.st_mtime < 1.0:
                return False
        self._pending.pop(path, None)
        self._seen[path] = sig
        return True

    def poll_once(self) -> PollResult:
        """Ingest whatever is due; never raises (a failure is reported in the result)."""
        from skylog.pipeline import run_ingest

        result = PollResult()
        try:
            result.inputs = self.due_inputs()
            if result.inputs:
                result.summary = run_ingest(result.inputs, self.store, allow_private=self.allow_private)
        except Exception as exc:  # the watcher keeps going after a bad poll
            # one input at a time, so one that breaks the batch cannot hold back the others;
            # an input that fails alone stays seen until it changes (no retry every poll)
            result.summary = IngestSummary()
            errors = []
            failed = []
            for path in result.inputs:
                try:
                    result.summary.merge(run_ingest([path], self.store, allow_private=self.allow_private))
                except Exception as one:
                    failed.append(path)
                    errors.append(f"{path}: {one.__class__.__name__}: {str(one)[:200]}")
            if failed and len(failed) == len(result.inputs):
                for path in failed:  # every input failed: the store, not a file, is at fault; retry
                    self._seen.pop(path, None)
            if errors:
                result.error = (
                    f"{len(errors)} input(s) failed ({exc.__class__.__name__}): " + "; ".join(errors)[:600]
                )
        self.polls += 1
        if self.on_poll is not None:
            self.on_poll(result)
        return result

    # ---- loop -----------------------------------------------------------------------------

    def run(self) -> None:
        """Poll until ``stop()``; the first poll ingests what is already there."""
        while not self._stop.is_set():
            started = time.monotonic()
            self.poll_once()
            self._stop.wait(max(0.0, self.interval - (time.monotonic() - started)))
