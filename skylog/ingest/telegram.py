"""Telegram Desktop exports (``result.json``): one report per message with text.

A message's ``text`` is a string or a list of parts (plain strings and entity
objects ``{"type", "text", ...}``); the parts are joined. The report is keyed by
``external_id = "telegram:<channel id>/<message id>"``: the same message with
new text (an edit, seen in a later export) becomes a new version in the store,
and the old text is kept. Service messages and media without caption are skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

from skylog.ingest.common import IngestFailure, build_report, nfc, parse_when
from skylog.ingest.sources import kind_for_channel
from skylog.records import IngestError, Report


def message_text(value: Any) -> str:
    """Plain text of a message's ``text`` field (string or list of entity parts)."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        out = []
        for part in value:
            if isinstance(part, str):
                out.append(part)
            elif isinstance(part, dict) and isinstance(part.get("text"), str):
                out.append(part["text"])
        return "".join(out)
    return ""


def _links(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [
        p.get("href") or p.get("text")
        for p in value
        if isinstance(p, dict) and p.get("type") in ("link", "text_link") and (p.get("href") or p.get("text"))
    ]


def _when(local: Any, unixtime: Any) -> datetime | None:
    """Message time: the exact instant from ``*_unixtime``, shown in the exporting machine's
    UTC offset (the gap between the naive local ``date`` and that instant), else the naive
    ``date`` taken as UTC."""
    instant = parse_when(unixtime) if unixtime not in (None, "") else None
    naive = parse_when(local)
    if instant is None:
        return naive
    if naive is not None:
        gap = naive.replace(tzinfo=None) - instant.replace(tzinfo=None)
        minutes = round(gap.total_seconds() / 900) * 15
        if gap and abs(minutes) <= 14 * 60 and abs(gap.total_seconds() - minutes * 60) < 60:
            return instant.astimezone(timezone(timedelta(minutes=minutes)))
    return instant


def parse_export(data: bytes, origin: str) -> Iterator[Report | IngestError]:
    """Reports (or per-message errors) from the bytes of a ``result.json``."""
    try:
        doc = json.loads(data)
    except UnicodeDecodeError:
        raise IngestFailure("malformed Telegram export: not UTF-8 JSON") from None
    except json.JSONDecodeError as exc:
        raise IngestFailure(f"malformed JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    if not isinstance(doc, dict):
        raise IngestFailure("not a Telegram export (top level is not an object)")
    chats: list[dict[str, Any]]
    if isinstance(doc.get("messages"), list):
        chats = [doc]
    elif isinstance(doc.get("chats"), dict) and isinstance(doc["chats"].get("list"), list):
        chats = [
            c for c in doc["chats"]["list"] if isinstance(c, dict) and isinstance(c.get("messages"), list)
        ]
    else:
        raise IngestFailure("not a Telegram export (no 'messages' list)")
    for chat in chats:
        yield from _chat(chat, origin)


def _chat(chat: dict[str, Any], origin: str) -> Iterator[Report | IngestError]:
    name = str(chat.get("name") or "").strip() or None
    chat_id = chat.get("id")
    handle = chat.get("username") or chat.get("handle")
    channel_key = str(handle or chat_id or name or "unknown")
    kind = kind_for_channel(name, str(handle) if handle else None)
    source = name or channel_key
    for i, msg in enumerate(chat["messages"]):
        where = f"{origin}#{msg.get('id', f'index {i}') if isinstance(msg, dict) else f'index {i}'}"
        try:
            if not isinstance(msg, dict):
                raise IngestFailure("message is not an object")
            if msg.get("type", "message") != "message":
                continue  # service messages: joins, pins, title changes
            text = nfc(message_text(msg.get("text")))
            if not text.strip():
                continue  # media without caption
            mid = msg.get("id")
            if mid is None:
                raise IngestFailure("message has no id")
            external_id = f"telegram:{channel_key}/{mid}"
            published = _when(msg.get("date"), msg.get("date_unixtime"))
            edited = _when(msg.get("edited"), msg.get("edited_unixtime"))
            meta: dict[str, Any] = {"telegram": {"channel": name, "channel_id": chat_id, "message_id": mid}}
            if edited:
                meta["edited_at"] = edited.isoformat()
            if msg.get("from") and msg.get("from") != name:
                meta["telegram"]["from"] = msg["from"]
            if msg.get("forwarded_from"):
                meta["forwarded_from"] = msg["forwarded_from"]
            links = _links(msg.get("text"))
            if links:
                meta["links"] = links
            url = f"https://t.me/{str(handle).lstrip('@')}/{mid}" if handle else None
            yield build_report(
                text,
                source=source,
                source_kind=kind,
                url=url,
                published_at=published,
                origin=where,
                external_id=external_id,
                version_key=external_id,
                meta=meta,
            )
        except IngestFailure as exc:
            yield IngestError(where, str(exc))
