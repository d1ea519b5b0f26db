"""Telegram Desktop exports (``result.json``): one report per message with text.

A message's ``text`` is a string or a list of parts (plain strings and entity
objects ``{"type", "text", ...}``); the parts are joined. The report is keyed by
``external_id = "telegram:<channel id>/<message id>"``: the same message with
new text (an edit, seen in a later export) becomes a new version in the store,
and the old text is kept. Service messages and media without caption are skipped.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import IO, Any

from skylog.ingest.common import IngestFailure, IngestOptions, build_report, human_size, nfc, parse_when
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


def _when(local: Any, unixtime: Any, what: str = "date") -> datetime | None:
    """Message time: the exact instant from ``*_unixtime``, shown in the exporting machine's
    UTC offset (the gap between the naive local ``date`` and that instant), else the naive
    ``date`` taken as UTC."""
    try:
        instant = parse_when(unixtime) if unixtime not in (None, "") else None
    except IngestFailure as exc:
        raise IngestFailure(f"{what}_unixtime: {exc}") from None
    try:
        naive = parse_when(local)
    except IngestFailure as exc:
        raise IngestFailure(f"{what}: {exc}") from None
    if instant is None:
        return naive
    if naive is not None:
        gap = naive.replace(tzinfo=None) - instant.replace(tzinfo=None)
        minutes = round(gap.total_seconds() / 900) * 15
        if gap and abs(minutes) <= 14 * 60 and abs(gap.total_seconds() - minutes * 60) < 60:
            return instant.astimezone(timezone(timedelta(minutes=minutes)))
    return instant


_CHAT_KEYS = ("name", "id", "username", "handle")
MAX_MESSAGE_DEPTH = 64


def parse_export(data: bytes, origin: str) -> Iterator[Report | IngestError]:
    """Reports (or per-message errors) from the bytes of a ``result.json``."""
    yield from _stream_all(lambda: io.BytesIO(data), origin)


def iter_export(path: Path, origin: str, opts: IngestOptions) -> Iterator[Report | IngestError]:
    """Reports (or per-message errors) from a ``result.json`` file, parsed incrementally.

    Memory stays flat whatever the export's size: messages are built one at a time from
    the parser's events (ijson), never the whole document.
    """
    size = path.stat().st_size
    if size > opts.max_archive_bytes:
        raise IngestFailure(
            f"file too large ({human_size(size)} > {human_size(opts.max_archive_bytes)} limit)"
        )
    yield from _stream_all(lambda: path.open("rb"), origin, max_text=opts.max_bytes)


class _Damaged(Exception):
    """The fast parser stopped at damage; the careful one reads up to the damage exactly."""


def _stream_all(
    opener: Callable[[], IO[bytes]], origin: str, max_text: int | None = None
) -> Iterator[Report | IngestError]:
    """The C parser first (fast; it loses the events of the buffer holding the damage and
    refuses integers over 64 bits); at damage, the pure-Python parser reads the export
    again in small pieces, past the messages already yielded, up to the damage itself."""
    done = [0]
    try:
        yield from _stream(opener, origin, max_text, done=done, careful=False)
    except _Damaged:
        yield from _stream(opener, origin, max_text, done=done, careful=True)


def _open_json(opener: Callable[[], IO[bytes]]) -> IO[bytes]:
    fh = opener()
    if fh.read(3) != b"\xef\xbb\xbf":  # a UTF-8 byte-order mark before the JSON
        fh.seek(0)
    return fh


def _json_error(exc: Exception, fh: IO[bytes]) -> IngestFailure:
    first = (str(exc).strip().splitlines() or [exc.__class__.__name__])[0][:120]
    try:
        where = f" near byte {fh.tell():,}"
    except (OSError, ValueError):
        where = ""
    return IngestFailure(f"malformed JSON ({first}{where}); messages before it were read")


_CHAT_BASES = ("", "chats.list.item")  # a one-chat export; each chat of a full export


def _chat_facts(opener: Callable[[], IO[bytes]]) -> dict[tuple[str, int], dict[str, Any]]:
    """The channel facts (name, id, username) of every chat: a pass over the parser's events
    that builds nothing, for exports that write them after the messages."""
    import ijson

    facts: dict[tuple[str, int], dict[str, Any]] = {}
    chats = 0
    with _open_json(opener) as fh:
        try:
            for prefix, event, value in ijson.parse(fh, use_float=True):
                if event == "start_map" and prefix == "chats.list.item":
                    chats += 1
                elif event in ("string", "number"):
                    base, _, key = prefix.rpartition(".")
                    if key in _CHAT_KEYS and base in _CHAT_BASES:
                        facts.setdefault((base, chats if base else 0), {}).setdefault(key, value)
        except (ijson.JSONError, ValueError, OverflowError, OSError):  # the main pass names the damage
            pass
    return facts


class _ExportPass:
    """The state of one pass over an export's parser events: which chat it is in, and the
    message being built (nested deeper than MAX_MESSAGE_DEPTH: refused, and not built)."""

    def __init__(
        self, opener: Callable[[], IO[bytes]], origin: str, max_text: int | None, done: list[int]
    ) -> None:
        self.opener, self.origin, self.max_text, self.done = opener, origin, max_text, done
        self.late_facts: dict[tuple[str, int], dict[str, Any]] | None = None
        self.seen_facts: dict[tuple[str, int], dict[str, Any]] = {}
        self.chats = 0  # chats.list items started so far
        self.chat: dict[str, Any] = {}
        self.msg_prefix = ""
        self.found = False
        self.builder: Any = None  # an ijson ObjectBuilder while inside one message
        self.depth = 0
        self.too_deep = False
        self.index = 0  # messages of this chat so far
        self.ordinal = 0  # messages of the whole export so far

    def feed(self, prefix: str, event: str, value: Any) -> Iterator[Report | IngestError]:
        """What one parser event completes (a message, or nothing)."""
        if self.builder is not None:
            yield from self._inside(event, value)
        elif self.msg_prefix and prefix == self.msg_prefix:
            yield from self._message_start(event, value)
        else:
            self._structure(prefix, event, value)

    def _inside(self, event: str, value: Any) -> Iterator[Report | IngestError]:
        if event in ("start_map", "start_array"):
            self.depth += 1
            self.too_deep = self.too_deep or self.depth > MAX_MESSAGE_DEPTH
        elif event in ("end_map", "end_array"):
            self.depth -= 1
        if not self.too_deep:  # once too deep, the rest of it is only counted
            self.builder.event(event, value)
        if self.depth == 0:
            msg = self.builder.value
            self.builder = None
            yield from self._emit(msg, self.too_deep)

    def _message_start(self, event: str, value: Any) -> Iterator[Report | IngestError]:
        from ijson.common import ObjectBuilder

        if event in ("start_map", "start_array"):
            self.builder = ObjectBuilder()
            self.builder.event(event, value)
            self.depth, self.too_deep = 1, False
        elif event != "end_array":  # a bare value in the list: not a message
            yield from self._emit(value, False)

    def _emit(self, msg: Any, too_deep: bool) -> Iterator[Report | IngestError]:
        if self.ordinal >= self.done[0]:  # not yielded by an earlier pass
            yield from _one(msg, self.index, self.chat, self.origin, too_deep, self.max_text)
            self.done[0] += 1
        self.index += 1
        self.ordinal += 1

    def _structure(self, prefix: str, event: str, value: Any) -> None:
        if event == "start_array" and prefix in ("messages", "chats.list.item.messages"):
            self.chat = self._facts_of(prefix.rpartition(".")[0])
            self.msg_prefix, self.index, self.found = prefix + ".item", 0, True
        elif event == "end_array" and prefix + ".item" == self.msg_prefix:
            self.msg_prefix = ""
        elif event == "start_map" and prefix == "chats.list.item":
            self.chats += 1
        elif event in ("string", "number"):
            base, _, key = prefix.rpartition(".")
            if key in _CHAT_KEYS and base in _CHAT_BASES:
                self.seen_facts.setdefault((base, self.chats if base else 0), {}).setdefault(key, value)

    def _facts_of(self, base: str) -> dict[str, Any]:
        """The chat's name, id and username: seen before its messages, else from a second pass."""
        key = (base, self.chats if base else 0)
        chat = dict(self.seen_facts.get(key, {}))
        if not any(chat.get(k) not in (None, "") for k in _CHAT_KEYS):
            if self.late_facts is None:
                self.late_facts = _chat_facts(self.opener)
            chat = dict(self.late_facts.get(key, {}))
        return chat


def _stream(
    opener: Callable[[], IO[bytes]],
    origin: str,
    max_text: int | None = None,
    *,
    done: list[int],
    careful: bool = True,
) -> Iterator[Report | IngestError]:
    """The one pass that yields messages, each built from the parser's events alone."""
    import ijson

    state = _ExportPass(opener, origin, max_text, done)
    with _open_json(opener) as fh:
        if careful:
            events = ijson.get_backend("python").parse(fh, buf_size=256, use_float=True)
        else:
            events = ijson.parse(fh, use_float=True)
        try:
            first = next(events, None)
            if first is None:
                raise IngestFailure("empty file, not a Telegram export")
            if first[1] != "start_map":
                raise IngestFailure("not a Telegram export (top level is not an object)")
            for prefix, event, value in events:
                yield from state.feed(prefix, event, value)
        except IngestFailure:
            raise
        except Exception as exc:  # ijson: malformed JSON, invalid UTF-8, a truncated file
            if not careful:
                raise _Damaged from None
            if not state.found:
                raise _json_error(exc, fh) from None
            yield IngestError(origin, str(_json_error(exc, fh)))
            return
    if not state.found:
        raise IngestFailure("not a Telegram export (no 'messages' list)")


def _one(
    msg: Any, index: int, facts: dict[str, Any], origin: str, too_deep: bool, max_text: int | None
) -> Iterator[Report | IngestError]:
    mid = msg.get("id") if isinstance(msg, dict) else None
    where = f"{origin}#{mid if mid is not None and not isinstance(mid, dict | list) else f'index {index}'}"
    try:
        if too_deep:
            raise IngestFailure(f"message nested too deeply (more than {MAX_MESSAGE_DEPTH} levels)")
        yield from _messages(facts, [msg], origin, where_of=lambda _i, _m: where, max_text=max_text)
    except IngestFailure as exc:
        yield IngestError(where, str(exc))
    except Exception as exc:  # a value nobody foresaw: still only this message fails
        yield IngestError(where, f"unexpected error ({exc.__class__.__name__}: {str(exc)[:200]})")


def _messages(
    chat: dict[str, Any],
    messages: list[Any],
    origin: str,
    *,
    where_of: Callable[[int, Any], str] | None = None,
    max_text: int | None = None,
) -> Iterator[Report | IngestError]:
    name = str(chat.get("name") or "").strip() or None
    chat_id = chat.get("id")
    handle = chat.get("username") or chat.get("handle")
    channel_key = str(handle or chat_id or name or "unknown")
    kind = kind_for_channel(name, str(handle) if handle else None)
    source = name or channel_key
    for i, msg in enumerate(messages):
        if where_of is not None:
            where = where_of(i, msg)
        else:
            where = f"{origin}#{msg.get('id', f'index {i}') if isinstance(msg, dict) else f'index {i}'}"
        try:
            if not isinstance(msg, dict):
                raise IngestFailure("message is not an object")
            if msg.get("type", "message") != "message":
                continue  # service messages: joins, pins, title changes
            text = nfc(message_text(msg.get("text")))
            if not text.strip():
                continue  # media without caption
            if max_text is not None and len(text) > max_text:
                raise IngestFailure(f"message text too large ({len(text):,} characters)")
            mid = msg.get("id")
            if mid is None:
                raise IngestFailure("message has no id")
            external_id = f"telegram:{channel_key}/{mid}"
            published = _when(msg.get("date"), msg.get("date_unixtime"), "date")
            edited = _when(msg.get("edited"), msg.get("edited_unixtime"), "edited")
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
