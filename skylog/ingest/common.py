"""Shared pieces of the ingest modules: options, decoding bytes to text, building Reports."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from skylog.nlp.lang import detect_language, is_supported
from skylog.records import Report, SourceKind, report_id

MB = 1_000_000


class IngestFailure(Exception):
    """Raised inside an ingest module for one bad input; turned into an IngestError by the caller."""


@dataclass
class IngestOptions:
    """Limits and switches for one ingest run (defaults are safe for untrusted input)."""

    allow_private: bool = False  # fetch from private/loopback/link-local addresses and file://
    max_bytes: int = 10 * MB  # one document (file, HTTP response), checked before/while reading
    max_archive_bytes: int = 512 * MB  # a Telegram export (read whole by the JSON parser)
    timeout: float = 10.0  # seconds per network operation (connect, each read)
    total_timeout: float = 30.0  # seconds for a whole HTTP response
    max_redirects: int = 5
    fetch_articles: bool = True  # follow RSS/Atom entry links to the article


def human_size(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB: not a text document."""
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(head) * 0.05


def decode_text(data: bytes) -> tuple[str, dict[str, Any]]:
    """Bytes of a text document -> (text, notes).

    UTF-8 is kept exactly (no normalisation, so offsets index the file; CR LF
    and lone CR become LF as Python's text mode reads them). Other encodings
    (cp1251, KOI8-R, UTF-16 with a BOM...) are detected with charset-normalizer
    and the result NFC-normalised. Raises IngestFailure for binary data.
    """
    notes: dict[str, Any] = {}
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise IngestFailure(f"invalid UTF-16 ({exc.reason} at byte {exc.start})") from None
        notes["encoding"] = "utf-16"
        return _newlines(unicodedata.normalize("NFC", text.lstrip("\ufeff"))), notes
    if looks_binary(data):
        raise IngestFailure("binary file, not text (contains NUL or control bytes)")
    try:
        return _newlines(data.decode("utf-8")), notes
    except UnicodeDecodeError as exc:
        utf8_error = f"invalid UTF-8 at byte {exc.start}"
    # Mostly UTF-8 with a few broken bytes (a truncated or corrupted file): keep UTF-8.
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    non_ascii = sum(1 for ch in replaced if ord(ch) > 127 and ch != "\ufffd")
    if non_ascii and bad <= max(8, len(replaced) // 100) and non_ascii >= 8 * bad:
        notes["encoding"] = "utf-8"
        notes["decode_warning"] = f"{utf8_error}; {bad} undecodable byte sequence(s) replaced with U+FFFD"
        return _newlines(replaced), notes
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 2 * MB]).best()
    if best is None or best.encoding in ("utf_8", "ascii") or best.chaos > 0.3:
        raise IngestFailure(f"{utf8_error}, and no other character encoding fits")
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise IngestFailure(f"{utf8_error}, and no other character encoding fits") from None
    notes["encoding"] = best.encoding
    return _newlines(unicodedata.normalize("NFC", text)), notes


def _newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def nfc(text: str) -> str:
    """NFC only when the text is not already NFC (cheap check first)."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def parse_when(value: Any) -> datetime | None:
    """ISO string, epoch seconds or datetime -> aware datetime (naive is taken as UTC); None if unknown."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, int | float) or (isinstance(value, str) and value.strip().isdigit()):
        return datetime.fromtimestamp(int(value), tz=UTC)
    from skylog.inputs import parse_datetime

    try:
        return parse_datetime(str(value))
    except (ValueError, OverflowError):
        return None


def build_report(
    text: str,
    *,
    source: str | None,
    source_kind: SourceKind = "unknown",
    url: str | None = None,
    title: str | None = None,
    author: str | None = None,
    published_at: datetime | None = None,
    fetched_at: datetime | None = None,
    origin: str | None = None,
    external_id: str | None = None,
    version_key: str | None = None,
    language: str | None = None,
    meta: dict[str, Any] | None = None,
) -> Report:
    """A Report with its stable id and detected language; ``text`` is stored exactly as given."""
    if not text.strip():
        raise IngestFailure("no text (empty)")
    lang = language or detect_language(text)
    return Report(
        id=report_id(source or "", text, version_key),
        text=text,
        source=source,
        source_kind=source_kind,
        url=url,
        title=(title or "").strip() or None,
        author=(author or "").strip() or None,
        published_at=published_at,
        fetched_at=fetched_at,
        language=lang,
        language_supported=is_supported(lang),
        origin=origin,
        external_id=external_id,
        meta=meta or {},
    )
