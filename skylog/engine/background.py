"""A loop that runs in a daemon thread until asked to stop (the source poller, the API's watcher)."""

from __future__ import annotations

import threading
from typing import Self


class Background:
    """``run`` in a thread named ``thread_name``; ``run`` should return soon after ``_stop`` is set."""

    thread_name = "skylog-background"

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def run(self) -> None:  # pragma: no cover - every subclass has its own loop
        raise NotImplementedError

    def start(self) -> Self:
        self._thread = threading.Thread(target=self.run, name=self.thread_name, daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float | None = 30.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
