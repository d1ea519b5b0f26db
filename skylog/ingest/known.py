"""Defaults for a source URL: well-known channels and outlets (``known_sources.json``).

``skylog sources add URL`` fills what the analyst did not give from here: the
name, kind, home country, language and the office an official channel speaks
for. A Telegram channel not in the table is ``social``; a web host not in it gets
``sources.kind_for_domain`` (``official`` for government suffixes, else unknown).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from skylog.ingest import tgpreview
from skylog.ingest.sources import kind_for_channel, kind_for_domain


@dataclass
class SourceDefaults:
    """What ``sources add`` assumes about a URL unless told otherwise."""

    url: str  # normalised: a Telegram channel as its preview URL https://t.me/s/NAME
    name: str
    kind: str
    handle: str | None = None
    country: str | None = None
    language: str | None = None
    official_of: str | None = None
    known: bool = False  # found in known_sources.json


@lru_cache(maxsize=1)
def known_table() -> dict[str, dict[str, dict[str, Any]]]:
    """The bundled table, with Telegram handles lower-cased for lookup."""
    raw = json.loads(resources.files("skylog.ingest").joinpath("known_sources.json").read_text("utf-8"))
    return {
        "telegram": {k.lower(): v for k, v in raw.get("telegram", {}).items()},
        "domains": {k.lower(): v for k, v in raw.get("domains", {}).items()},
    }


def _domain_entry(host: str) -> dict[str, Any] | None:
    host = host.lower().rstrip(".")
    host = host[4:] if host.startswith("www.") else host
    parts = host.split(".")
    table = known_table()["domains"]
    for i in range(len(parts) - 1):
        entry = table.get(".".join(parts[i:]))
        if entry:
            return entry
    return None


def defaults_for(url: str) -> SourceDefaults:
    """Normalised URL and default properties of a source given as a URL or ``@handle``."""
    canon = tgpreview.canonical_url(url)
    if canon is not None:
        handle = canon.rsplit("/", 1)[1]
        entry = known_table()["telegram"].get(handle.lower())
        if entry:
            return SourceDefaults(
                url=canon,
                name=entry.get("name") or handle,
                kind=entry.get("kind") or "official",
                handle=handle,
                country=entry.get("country"),
                language=entry.get("language"),
                official_of=entry.get("official_of"),
                known=True,
            )
        return SourceDefaults(url=canon, name=handle, kind=kind_for_channel(None, handle), handle=handle)
    host = urlsplit(url).hostname or ""
    entry = _domain_entry(host) if host else None
    bare = host[4:] if host.startswith("www.") else host
    if entry:
        return SourceDefaults(
            url=url,
            name=entry.get("name") or bare,
            kind=entry.get("kind") or "unknown",
            handle=bare or None,
            country=entry.get("country"),
            language=entry.get("language"),
            official_of=entry.get("official_of"),
            known=True,
        )
    return SourceDefaults(url=url, name=bare or url, kind=kind_for_domain(host), handle=bare or None)
