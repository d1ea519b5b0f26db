"""The one table of well-known sources (``known_sources.json``) and what it says about a
source's kind (official / media / ngo / social).

A deliberately small, documented table: it only labels well-known publishers and
channels; everything else stays ``unknown`` (nothing guessed silently). Extend the
data file, not this code: ``skylog sources add`` takes its defaults from the same
entries (``skylog.ingest.known``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, cast, get_args

from skylog.records import SourceKind


@dataclass(frozen=True)
class KnownSources:
    """The bundled table, with domains and Telegram handles lower-cased for lookup."""

    telegram: dict[str, dict[str, Any]]
    domains: dict[str, dict[str, Any]]
    official_suffixes: tuple[str, ...]
    official_name: re.Pattern[str]


@lru_cache(maxsize=1)
def known_table() -> KnownSources:
    """The one loader of ``known_sources.json``."""
    raw = json.loads(resources.files("skylog.ingest").joinpath("known_sources.json").read_text("utf-8"))
    return KnownSources(
        telegram={k.lower(): v for k, v in raw["telegram"].items()},
        domains={k.lower(): v for k, v in raw["domains"].items()},
        official_suffixes=tuple(raw["official_suffixes"]),
        official_name=re.compile(raw["official_name_pattern"], re.IGNORECASE),
    )


def as_kind(value: Any) -> SourceKind:
    """``value`` as a source kind (``unknown`` for anything that is not one)."""
    return cast(SourceKind, value) if value in get_args(SourceKind) else "unknown"


def domain_entry(host: str) -> dict[str, Any] | None:
    """The table's entry for a host name (``www.`` and sub-domains looked through)."""
    host = host.lower().rstrip(".")
    host = host[4:] if host.startswith("www.") else host
    parts = host.split(".")
    table = known_table().domains
    for i in range(len(parts) - 1):
        entry = table.get(".".join(parts[i:]))
        if entry:
            return entry
    return None


def kind_for_domain(host: str | None) -> SourceKind:
    """Kind of a publisher from its host name; government suffixes count as official."""
    if not host:
        return "unknown"
    entry = domain_entry(host)
    if entry and entry.get("kind"):
        return as_kind(entry["kind"])
    if host.lower().rstrip(".").endswith(known_table().official_suffixes):
        return "official"
    return "unknown"


def kind_for_channel(name: str | None, handle: str | None = None) -> SourceKind:
    """A Telegram channel is ``social`` unless it is a known or self-described official account."""
    table = known_table()
    entry = table.telegram.get(handle.lower().lstrip("@")) if handle else None
    if entry:
        return as_kind(entry.get("kind") or "official")
    if name and table.official_name.search(name):
        return "official"
    return "social"
