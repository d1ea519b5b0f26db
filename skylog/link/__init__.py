"""Linking: event mentions of the same real incident across reports -> Incidents.

- Pure library over :class:`MentionRecord`: :class:`Linker` (incremental,
  deterministic; ``link``, ``split``, ``retire``), ``link_records``,
  ``stream_link`` (bounded memory) and ``resolve`` (per-field values, every
  claim with provenance, source groups, corroboration grade).
- The store persists and queries incidents (``skylog.store.linking.link_store``,
  ``skylog.store.incidents``); this package knows no tables.
"""

from __future__ import annotations

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
    "resolve",
    "stream_link",
]
