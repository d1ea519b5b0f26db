"""Field names of JSON Lines records: the usual aliases mapped onto skylog's names.

Archives, scrapers and evaluation sets spell the same things differently
(``source_url``/``url``/``link``, ``published``/``date``/``datetime``...). A
record is read through :func:`canonical_fields` so none of that provenance is
lost, and keys skylog does not know are named once per file (a typo such as
``publshed`` must not silently drop a date).

A report with no outlet at all often still signs itself: Telegram posts of
official channels end with a link to the channel (``[Минобороны России](https://t.me/mod_russia)``).
:func:`signature_source` reads that signature, so the report keeps its carrier.
"""

from __future__ import annotations

import logging
import re
from typing import Any

log = logging.getLogger("skylog.ingest")

# canonical name -> accepted keys, in order of preference (the first present, non-empty one wins)
ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "message", "full_text"),
    "id": ("id", "external_id", "guid", "message_id", "post_id", "uid"),
    "url": ("url", "source_url", "link", "href", "permalink", "article_url", "post_url"),
    "title": ("title", "source_title", "headline"),
    "published_at": (
        "published_at",
        "published",
        "datetime_utc",
        "datetime",
        "pubDate",
        "pub_date",
        "publication_date",
        "date_published",
        "created_at",
        "date",
        "time",
        "timestamp",
    ),
    "source": (
        "source",
        "source_name",
        "outlet",
        "publisher",
        "site_name",
        "sitename",
        "site",
        "channel",
        "channel_name",
        "feed",
    ),
    "author": ("author", "byline", "creator", "from"),
    "language": ("language", "lang"),
    "source_kind": ("source_kind",),
    "channel_handle": ("channel_handle", "username", "handle"),
}
_KNOWN = {k for keys in ALIASES.values() for k in keys}
# Keys that are known not to be report fields (labels of evaluation sets, row bookkeeping):
# read without a warning, never stored as report fields.
IGNORED: frozenset[str] = frozenset({"gold", "labels", "annotations", "row_index", "truncated", "meta"})


def canonical_fields(obj: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """(record under skylog's field names, unknown keys) for one JSON object.

    Values are taken as given (strings are not re-typed here); empty strings count as absent,
    so ``{"url": "", "link": "https://..."}`` keeps the link.
    """
    out: dict[str, Any] = {}
    for name, keys in ALIASES.items():
        for key in keys:
            v = obj.get(key)
            if v is None or (isinstance(v, str) and not v.strip()):
                continue
            out[name] = v
            break
    unknown = sorted(k for k in obj if isinstance(k, str) and k not in _KNOWN and k not in IGNORED)
    return out, unknown


class UnknownKeys:
    """Remembers which unknown keys one file had, and warns once per file (not once per line)."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.seen: set[str] = set()

    def note(self, keys: list[str]) -> None:
        new = [k for k in keys if k not in self.seen]
        if not new:
            return
        first = not self.seen
        self.seen.update(new)
        if first:
            log.warning(
                "%s: ignoring unknown field(s) %s (known: %s)",
                self.origin,
                ", ".join(repr(k) for k in new[:10]),
                ", ".join(sorted(ALIASES)),
            )


_LINK = re.compile(r"\[(?P<name>[^\]\n]{1,80})\]\((?P<url>[^)\s]{1,300})\)")
_TRUNCATED_LINK = re.compile(r"\[[^\]\n]{0,80}(?:\]\([^)\s]{0,300})?\Z")
_CHANNEL_URL = re.compile(r"https?://(?:t\.me|telegram\.me)/(?P<handle>[A-Za-z][A-Za-z0-9_]{3,63})/?")
_BARE_SIGNATURE = re.compile(r"(?:^|\s)@(?P<handle>[A-Za-z][A-Za-z0-9_]{3,63})\W*\Z")
_CALL_TO_ACTION = re.compile(r"подпис|підпис|subscribe|join|канал|channel|читать|читайте|more", re.I)


def signature_source(text: str) -> tuple[str, str] | None:
    """(name, channel URL) when the text ends with a footer that links a Telegram channel, else None.

    The footer is the run of links at the very end of the text with nothing but symbols
    between them (a link cut off by truncation at the end is skipped); a link there to a
    channel (``t.me/handle``, not a single post) signs the post. A call to action
    ("Подписаться на канал") names the channel by its handle instead.
    """
    tail = text[-400:].rstrip()
    tail = _TRUNCATED_LINK.sub("", tail).rstrip()
    links = list(_LINK.finditer(tail))
    footer: list[re.Match[str]] = []
    end = len(tail)
    for m in reversed(links):
        if re.search(r"\w", tail[m.end() : end]):
            break
        footer.append(m)
        end = m.start()
    for m in footer:  # last link first
        ch = _CHANNEL_URL.fullmatch(m.group("url"))
        if ch is None:
            continue
        name = m.group("name").strip(" *_")
        if not name or _CALL_TO_ACTION.search(name):
            name = "@" + ch.group("handle")
        return name, f"https://t.me/{ch.group('handle')}"
    m = _BARE_SIGNATURE.search(tail)
    if m:
        return "@" + m.group("handle"), f"https://t.me/{m.group('handle')}"
    return None


def canonical_record(obj: dict[str, Any], unknown: UnknownKeys | None = None) -> dict[str, Any]:
    """``obj`` under skylog's field names, ready for the JSON Lines reader; unknown keys are
    noted in ``unknown``. A record with no outlet takes its channel's signature as source
    (and the channel's kind); a bare ``channel_handle`` becomes ``@handle``."""
    f, extra = canonical_fields(obj)
    if unknown is not None and extra:
        unknown.note(extra)
    src = f.get("source")
    if not (isinstance(src, str) and src.strip()):
        handle = f.get("channel_handle")
        text = f.get("text")
        if isinstance(handle, str) and handle.strip():
            f["source"] = "@" + handle.strip().lstrip("@")
        elif isinstance(text, str) and (sig := signature_source(text)) is not None:
            from skylog.ingest.sources import kind_for_channel

            f["source"] = sig[0]
            if f.get("source_kind") is None:
                f["source_kind"] = kind_for_channel(sig[0], sig[1].rsplit("/", 1)[-1])
    elif isinstance(src, str):
        f["source"] = src.strip()
    return f
