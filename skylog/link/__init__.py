"""Linking: event mentions of the same real incident across reports -> Incidents.

Pure library over :class:`MentionRecord` (``linker``, ``resolve``) plus the
store integration (``link_store``) and read helpers (``queries``).
"""

from __future__ import annotations

from typing import Any

from skylog.link.features import MentionRecord
from skylog.link.linker import Incident, Linker, LogEntry, link_records, stream_link
from skylog.link.resolve import GRADES, resolve

__all__ = [
    "GRADES",
    "Incident",
    "Linker",
    "LogEntry",
    "MentionRecord",
    "link_records",
    "link_store",
    "resolve",
    "stream_link",
]


def link_store(store: Any, **kwargs: Any) -> Any:
    """Link every stored mention not linked yet (incremental); returns a LinkSummary."""
    from skylog.link.storage import link_store as _link_store

    return _link_store(store, **kwargs)
