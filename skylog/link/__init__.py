"""Linking: event mentions of the same real incident across reports -> Incidents.

- Pure library over :class:`MentionRecord`: :class:`Linker` (incremental,
  deterministic; ``link``, ``split``, ``retire``), ``link_records``,
  ``stream_link`` (bounded memory) and ``resolve`` (per-field values, every
  claim with provenance, source groups, corroboration grade).
- Over the store: ``link_store(store) -> LinkSummary`` links what is not
  linked yet; ``skylog.link.storage.split_incident`` is an analyst's split.
- Read helpers for the CLI, API and exports: ``skylog.link.queries``
  (``list_incidents``, ``get_incident``).
"""

from __future__ import annotations

from typing import Any

from skylog.link.features import MentionRecord
from skylog.link.incident import Incident, LogEntry
from skylog.link.linker import Linker
from skylog.link.resolve import GRADES, resolve
from skylog.link.stream import link_records, stream_link

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
    """Link every stored mention not linked yet (incremental); returns a LinkSummary.

    Imported lazily so ``skylog.link`` works without the store's tables (the
    bench and the pure library need no database).
    """
    from skylog.link.storage import link_store as _link_store

    return _link_store(store, **kwargs)
