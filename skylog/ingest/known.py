"""Defaults for a source URL: well-known channels and outlets (``known_sources.json``,
read by ``skylog.ingest.sources.known_table``).

``skylog sources add URL`` fills what the analyst did not give from here: the
name, kind, home country, language and the office an official channel speaks
for. A Telegram channel not in the table is ``social``; a web host not in it gets
``sources.kind_for_domain`` (``official`` for government suffixes, else unknown).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from skylog.ingest import tgpreview
from skylog.ingest.sources import as_kind, domain_entry, kind_for_channel, kind_for_domain, known_table


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


def defaults_for(url: str) -> SourceDefaults:
    """Normalised URL and default properties of a source given as a URL or ``@handle``."""
    canon = tgpreview.canonical_url(url)
    if canon is not None:
        handle = canon.rsplit("/", 1)[1]
        entry = known_table().telegram.get(handle.lower())
        if entry:
            return SourceDefaults(
                url=canon,
                name=entry.get("name") or handle,
                kind=as_kind(entry.get("kind") or "official"),
                handle=handle,
                country=entry.get("country"),
                language=entry.get("language"),
                official_of=entry.get("official_of"),
                known=True,
            )
        return SourceDefaults(url=canon, name=handle, kind=kind_for_channel(None, handle), handle=handle)
    host = urlsplit(url).hostname or ""
    entry = domain_entry(host) if host else None
    bare = host[4:] if host.startswith("www.") else host
    if entry and entry.get("name"):  # an outlet; a bare kind (a platform) is not a known source
        return SourceDefaults(
            url=url,
            name=entry.get("name") or bare,
            kind=as_kind(entry.get("kind")),
            handle=bare or None,
            country=entry.get("country"),
            language=entry.get("language"),
            official_of=entry.get("official_of"),
            known=True,
        )
    return SourceDefaults(url=url, name=bare or url, kind=kind_for_domain(host), handle=bare or None)
