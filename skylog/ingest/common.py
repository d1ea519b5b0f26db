"""Shared pieces of the ingest modules: options, decoding bytes to text, building Reports."""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from skylog.nlp.lang import detect_language, is_supported
from skylog.records import SURROGATE, Report, SourceKind, printable_name, report_id

MB = 1_000_000


class IngestFailure(Exception):
    """Raised inside an ingest module for one bad input; turned into an IngestError by the caller."""


@dataclass
class IngestOptions:
    """Limits and switches for one ingest run (defaults are safe for untrusted input)."""

    allow_private: bool = False  # fetch from private/loopback/link-local addresses and file://
    max_bytes: int = 10 * MB  # one document (file, HTTP response), checked before/while reading
    max_archive_bytes: int = 512 * MB  # a Telegram export (streamed: memory stays flat)
    timeout: float = 10.0  # seconds per network operation (connect, each read)
    total_timeout: float = 30.0  # wall-clock seconds for a whole HTTP response, every read included
    max_redirects: int = 5
    fetch_articles: bool = True  # follow RSS/Atom entry links to the article
    follow_links: bool = False  # follow symlinks in a folder that point outside it


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

    UTF-8 is kept exactly (no normalisation, so offsets index the file after a
    leading byte-order mark, which is dropped; CR LF and lone CR become LF as
    Python's text mode reads them). Other encodings
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
    if data.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte-order mark is not part of the text
        data = data[3:]
        notes["bom"] = True
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


def parse_datetime(value: str | None) -> datetime | None:
    """ISO date or datetime (else any date ``dateparser`` reads) -> aware datetime; naive
    values are taken as UTC. ValueError names a value that is not a date."""
    if not value:
        return None
    text = str(value).strip().replace("Z", "+00:00")
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        import dateparser

        dt = dateparser.parse(text, settings={"RETURN_AS_TIMEZONE_AWARE": True, "TIMEZONE": "UTC"})
        if dt is None:
            raise ValueError(f"cannot parse date {value!r}") from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt


def parse_when(value: Any) -> datetime | None:
    """ISO string, epoch seconds or datetime -> aware datetime (naive is taken as UTC).

    None for an empty or unreadable date string (kept as ``published_raw`` by callers);
    IngestFailure for a value that is not a date at all (a boolean, NaN, infinity) or one
    outside the years 1..9999 in UTC, so that one bad record is refused by name instead
    of crashing its batch later.
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float | datetime):
        raise IngestFailure(f"date is not a date or a number: {_short_repr(value)}")
    if isinstance(value, datetime):
        return _in_range(value if value.tzinfo else value.replace(tzinfo=UTC), value)
    if isinstance(value, float) and not math.isfinite(value):
        raise IngestFailure(f"date is not a number: {value!r}")
    if isinstance(value, int | float) or (isinstance(value, str) and value.strip().isdigit()):
        try:
            seconds = int(value) if isinstance(value, int | float) else int(value.strip())
            return datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            raise IngestFailure(f"date out of range: {_short_repr(value)} seconds") from None
    try:
        return _in_range(parse_datetime(str(value)), value)
    except (ValueError, OverflowError):
        return None


def _in_range(dt: datetime | None, raw: Any) -> datetime | None:
    """``dt`` if it converts to UTC (the store keeps UTC); else IngestFailure."""
    if dt is None:
        return None
    try:
        dt.astimezone(UTC)
    except (OverflowError, ValueError):
        raise IngestFailure(f"date out of range: {_short_repr(raw)}") from None
    return dt


def _short_repr(value: Any, n: int = 40) -> str:
    s = repr(value)
    return s if len(s) <= n else s[: n - 1] + "…"


def check_text(text: str) -> None:
    """IngestFailure for text that is not storable Unicode (lone surrogates, NUL characters)."""
    m = SURROGATE.search(text)
    if m is not None:
        raise IngestFailure(
            f"text is not valid Unicode (lone surrogate U+{ord(m.group()):04X} at character {m.start()})"
        )
    if "\x00" in text:
        raise IngestFailure(f"text contains a NUL character (at character {text.index(chr(0))})")


MAX_META_DEPTH = 32


def clean_meta(value: Any, depth: int = 0) -> Any:
    """Metadata made storable as JSON: strings through ``printable_name``, non-finite
    floats as strings; IngestFailure when it nests deeper than MAX_META_DEPTH."""
    if depth > MAX_META_DEPTH:
        raise IngestFailure(f"metadata nested too deeply (more than {MAX_META_DEPTH} levels)")
    if isinstance(value, str):
        return printable_name(value)
    if isinstance(value, dict):
        return {printable_name(str(k)): clean_meta(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_meta(v, depth + 1) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    if value is None or isinstance(value, bool | int | float):
        return value
    return printable_name(str(value))


def read_capped(path: Path, limit: int) -> bytes:
    """The bytes of ``path``; IngestFailure when it is over ``limit`` (checked before reading)."""
    size = path.stat().st_size
    if size > limit:
        raise IngestFailure(f"file too large ({human_size(size)} > {human_size(limit)} limit)")
    with path.open("rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:  # grew while we looked
        raise IngestFailure(f"file too large (more than {human_size(limit)} limit)")
    return data


def read_line_capped(fh: IO[bytes], cap: int) -> tuple[bytes | None, int]:
    """The next line of ``fh`` (with its newline) and its size; ``None`` instead of the bytes
    when the line is longer than ``cap`` (it is read past in 1 MB pieces, never held whole).
    Returns ``(b"", 0)`` at the end of the file."""
    line = fh.readline(cap + 1)
    if len(line) <= cap or line.endswith(b"\n"):
        return line, len(line)
    size = len(line)
    while True:
        more = fh.readline(MB)
        size += len(more)
        if not more or more.endswith(b"\n"):
            return None, size


def build_report(
    text: str,
    *,
    source: str | None = None,
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
    rid: str | None = None,
    checked: bool = True,
) -> Report:
    """A Report with its stable id (``rid`` when the caller has one) and detected language;
    ``text`` is stored exactly as given. The one report factory of skylog: every reader and
    ``make_report`` come through here, so ids, names and metadata are cleaned the same way.
    ``checked`` refuses empty or non-storable text (IngestFailure) and drops a byte-order mark.
    """
    if checked:
        text = _checked_text(text)
    source = printable_name(source) if source else source
    lang = language or detect_language(text)
    return Report(
        id=rid or report_id(source or "", text, version_key),
        text=text,
        source=source,
        source_kind=source_kind,
        url=printable_name(url) if url else url,
        title=printable_name((title or "").strip()) or None,
        author=printable_name((author or "").strip()) or None,
        published_at=published_at,
        fetched_at=fetched_at,
        language=lang,
        language_supported=is_supported(lang),
        origin=printable_name(origin) if origin else origin,
        external_id=printable_name(external_id) if external_id else external_id,
        meta=clean_meta(meta or {}),
    )


def _checked_text(text: str) -> str:
    if not text.strip():
        raise IngestFailure("no text (empty)")
    check_text(text)
    if text.startswith("\ufeff"):  # a byte-order mark is not part of the text
        text = text[1:]
        if not text.strip():
            raise IngestFailure("no text (empty)")
    return text


def make_report(
    text: str,
    *,
    source: str | None = None,
    title: str | None = None,
    published_at: datetime | None = None,
    rid: str | None = None,
    language: str | None = None,
    origin: str | None = None,
) -> Report:
    """``build_report`` for text already in memory that is to be analysed as it is (an API
    post, a test, a bench item): the text is not refused for being empty or odd, so an
    extractor can be fed any text directly."""
    return build_report(
        text,
        source=source,
        title=title,
        published_at=published_at,
        rid=rid,
        language=language,
        origin=origin,
        checked=False,
    )
