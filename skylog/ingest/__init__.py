"""Ingest: files, folders, URLs, feeds, Telegram exports and previews, JSON Lines -> Reports.

Every source kind is a small module; this one routes each input to it. Bad
input never raises: it comes out as an ``IngestError`` naming the input and
the reason, and the rest of the batch goes on.

    for item in ingest(["reports/", "https://example.org/feed.xml"]):
        ...  # Report or IngestError
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from skylog.ingest.common import IngestFailure, IngestOptions, read_capped
from skylog.records import IngestError, Report

__all__ = ["IngestOptions", "expand_inputs", "from_fetched", "ingest", "ingest_input", "is_url"]

TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
TELEGRAM_NAMES = ("result.json",)


def is_url(value: str) -> bool:
    """``scheme://...`` (any scheme: unsupported ones are refused by the fetcher, by name)."""
    scheme = urlsplit(value).scheme
    return len(scheme) > 1 and value.startswith(scheme + "://")


# A folder's own documentation is not a report: README.md beside example reports is skipped
# in a folder walk (a file named on the command line is always read).
FOLDER_DOCS = ("readme", "license", "licence", "notice", "changelog", "contributing")


def _wanted_in_folder(p: Path) -> bool:
    name = p.name.lower()
    if name.split(".", 1)[0] in FOLDER_DOCS:
        return False
    return (
        name.endswith(TEXT_SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES + JSONL_SUFFIXES)
        or name in TELEGRAM_NAMES
    )


def expand_inputs(
    inputs: Iterable[str], *, follow_links: bool = False, refused: list[IngestError] | None = None
) -> list[str]:
    """Inputs with folders replaced by the files inside them that ingest reads (sorted,
    recursive, hidden files and symlinked folders skipped). An empty folder stays as it
    is, so that ingesting it reports the problem.

    A symlink inside a folder that points outside it is not followed unless
    ``follow_links`` (a folder of reports must not read ``/etc/passwd``); it is added to
    ``refused`` as an error when that list is given.
    """
    out: list[str] = []
    for item in inputs:
        p = Path(item)
        if is_url(item) or not p.is_dir():
            out.append(item)
            continue
        root = p.resolve()
        found = []
        skipped = 0
        for dirpath, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for f in sorted(files):
                fp = Path(dirpath) / f
                if f.startswith(".") or not _wanted_in_folder(fp):
                    continue
                if not follow_links and fp.is_symlink() and not _inside(fp, root):
                    skipped += 1
                    if refused is not None:
                        refused.append(
                            IngestError(
                                str(fp),
                                "symlink to a file outside the folder, not followed (use --follow-links)",
                            )
                        )
                    continue
                found.append(str(fp))
        out.extend(found or ([] if skipped else [item]))
    return out


def _inside(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a link loop
        return False


def ingest(
    inputs: Iterable[str], options: IngestOptions | None = None, *, allow_private: bool | None = None
) -> Iterator[Report | IngestError]:
    """Reports and errors from every input (files, folders, URLs), in order."""
    opts = options or IngestOptions()
    if allow_private is not None:
        opts.allow_private = allow_private
    refused: list[IngestError] = []
    items = expand_inputs(inputs, follow_links=opts.follow_links, refused=refused)
    yield from refused
    for item in items:
        yield from ingest_input(item, opts)


def ingest_input(item: str, opts: IngestOptions | None = None) -> Iterator[Report | IngestError]:
    """Everything one input (a file or URL, not a folder) yields; never raises for bad input."""
    opts = opts or IngestOptions()
    try:
        if is_url(item):
            yield from _from_url(item, opts)
        else:
            yield from _from_path(Path(item), item, opts)
    except IngestFailure as exc:
        yield IngestError(item, str(exc))
    except Exception as exc:  # a bug or an input nobody foresaw: still only this input fails
        yield IngestError(item, f"unexpected error ({exc.__class__.__name__}: {str(exc)[:200]})")


def _from_path(path: Path, label: str, opts: IngestOptions) -> Iterator[Report | IngestError]:
    from skylog.ingest import feed, html, jsonl, telegram, textfile, tgpreview

    try:
        if path.is_dir():
            raise IngestFailure(
                "folder has no files that skylog reads (.txt .md .html .xml .jsonl result.json)"
            )
        if not path.exists():
            raise IngestFailure("no such file or directory")
        if not path.is_file():
            raise IngestFailure("not a regular file")
        name = path.name.lower()
        if name.endswith(JSONL_SUFFIXES):
            yield from jsonl.iter_jsonl(path, label, opts)
            return
        if name.endswith(".json"):
            yield from telegram.iter_export(path, label, opts)
            return
        data = read_capped(path, opts.max_bytes)
    except PermissionError:
        raise IngestFailure("permission denied") from None
    except IsADirectoryError:
        raise IngestFailure("is a directory") from None
    if not data.strip():
        raise IngestFailure("empty file")
    sniff = not name.endswith(TEXT_SUFFIXES)
    if name.endswith(FEED_SUFFIXES):
        yield from feed.parse_feed(data, label, opts)
    elif sniff and tgpreview.looks_like_preview(data):  # a saved t.me/s channel page
        page = tgpreview.parse_page(data)
        yield from tgpreview.page_reports(page, label)
    elif name.endswith(HTML_SUFFIXES) or (sniff and _looks_html(data)):
        yield html.ingest_html_file(path, data, label)
    elif sniff and feed.looks_like_feed(data):
        yield from feed.parse_feed(data, label, opts)
    else:
        yield textfile.ingest_text_file(path, data, label)


def _looks_html(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:200]


def _from_url(url: str, opts: IngestOptions) -> Iterator[Report | IngestError]:
    from skylog.ingest.fetch import fetch

    yield from from_fetched(fetch(url, opts), url, opts)


def from_fetched(got: Any, url: str, opts: IngestOptions) -> Iterator[Report | IngestError]:
    """Reports of one fetched response (a ``fetch.Fetched``), read by its content type and markup."""
    from skylog.ingest import feed, html, textfile, tgpreview
    from skylog.ingest.sources import kind_for_domain

    if not got.body.strip():
        raise IngestFailure(f"empty response (HTTP {got.status})")
    ctype = got.content_type.split(";")[0].strip().lower()
    if (
        "rss" in ctype
        or "atom" in ctype
        or (("xml" in ctype or not ctype) and feed.looks_like_feed(got.body))
    ):
        yield from feed.parse_feed(got.body, url, opts, feed_url=got.final_url)
        return
    if ("html" in ctype or not ctype) and tgpreview.looks_like_preview(got.body):
        yield from tgpreview.page_reports(tgpreview.parse_page(got.body, got.charset), url, got.fetched_at)
        return
    if "html" in ctype or (not ctype and _looks_html(got.body)):
        yield html.report_from_html(got.body, origin=url, url=got.final_url, fetched_at=got.fetched_at)
        return
    if ctype.startswith("text/") or not ctype:
        host = urlsplit(got.final_url).hostname or url
        report = textfile.report_from_text_bytes(got.body, source=host, origin=url)
        report.url, report.fetched_at, report.source_kind = (
            got.final_url,
            got.fetched_at,
            kind_for_domain(host),
        )
        yield report
        return
    raise IngestFailure(f"unsupported content type {ctype!r}")
