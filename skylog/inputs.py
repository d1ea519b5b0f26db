"""Reading the FILE arguments of ``skylog extract`` / ``skylog geoparse``.

A plain file is one report whose text is the file's text unchanged (UTF-8,
so offsets index the file); a ``.jsonl`` file holds one report per line
(``{"id", "text", "published_at", "title", "source"}``). Each yielded item
is either a Report or an error message, so one bad input never stops a batch.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from skylog.nlp.lang import detect_language, is_supported
from skylog.records import Report, report_id

MAX_FILE_BYTES = 10_000_000  # one input file or JSON line of ``skylog extract``, as ingest's default


@dataclass
class InputItem:
    file: str
    id: str | None = None  # the JSON Lines record id, when the input is .jsonl
    report: Report | None = None
    error: str | None = None

    def envelope(self) -> dict:
        out: dict = {"file": self.file}
        if self.id is not None:
            out["id"] = self.id
        if self.error is not None:
            out["error"] = self.error
        return out


def parse_datetime(value: str | None) -> datetime | None:
    """ISO date or datetime -> aware datetime (naive values are taken as UTC)."""
    if not value:
        return None
    from datetime import UTC

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
    lang = language or detect_language(text)
    return Report(
        id=rid or report_id(source or "", text),
        text=text,
        source=source,
        title=title,
        published_at=published_at,
        language=lang,
        language_supported=is_supported(lang),
        origin=origin,
    )


def iter_input_files(paths: list[str], published: str | None = None) -> Iterator[InputItem]:
    default_published = parse_datetime(published) if published else None
    for path in paths:
        p = Path(path)
        try:
            if p.suffix.lower() == ".jsonl":
                yield from _iter_jsonl(path, default_published)
                continue
            size = p.stat().st_size
            if not p.is_file():
                raise ValueError("not a regular file")
            if size > MAX_FILE_BYTES:  # checked before reading: memory stays bounded
                raise ValueError(f"file too large ({size:,} bytes > {MAX_FILE_BYTES:,} limit)")
            with p.open("rb") as fh:
                raw = fh.read(MAX_FILE_BYTES + 1)
            if len(raw) > MAX_FILE_BYTES:
                raise ValueError(f"file too large (more than {MAX_FILE_BYTES:,} bytes)")
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                from charset_normalizer import from_bytes

                best = from_bytes(raw).best()
                if best is None:
                    raise ValueError("not text (no character encoding fits)") from None
                text = str(best)
            if "\x00" in text:
                raise ValueError("binary file (contains NUL bytes)")
            yield InputItem(
                file=path,
                report=make_report(text, source=p.name, published_at=default_published, origin=path),
            )
        except Exception as exc:  # reported per input, the batch goes on
            yield InputItem(file=path, error=_reason(exc))


def _iter_jsonl(path: str, default_published: datetime | None) -> Iterator[InputItem]:
    from skylog.ingest.common import iter_lines_capped

    with open(path, "rb") as bfh:
        for lineno, raw_line, size in iter_lines_capped(bfh, MAX_FILE_BYTES):
            rid = None
            if raw_line is None:
                yield InputItem(
                    file=path, id=f"{path}:{lineno}", error=f"line {lineno}: line too large ({size:,} bytes)"
                )
                continue
            line = raw_line.decode("utf-8", errors="replace").lstrip("\ufeff")
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                    raise ValueError("line is not an object with a string 'text'")
                rid = str(obj["id"]) if obj.get("id") is not None else f"{path}:{lineno}"
                pub = obj.get("published_at") or obj.get("published")
                yield InputItem(
                    file=path,
                    id=rid,
                    report=make_report(
                        obj["text"],
                        source=obj.get("source"),
                        title=obj.get("title"),
                        published_at=parse_datetime(pub) if pub else default_published,
                        rid=rid,
                        language=obj.get("language") if obj.get("language") in ("en", "ru", "uk") else None,
                        origin=f"{path}:{lineno}",
                    ),
                )
            except (Exception, RecursionError) as exc:
                yield InputItem(
                    file=path, id=rid or f"{path}:{lineno}", error=f"line {lineno}: {_reason(exc)[:200]}"
                )


def _reason(exc: BaseException) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return str(exc) or exc.__class__.__name__
