"""Plain-text and Markdown files: one file, one report, its text kept exactly.

A UTF-8 file is stored as Python's text mode reads it (CR LF -> LF, nothing
else), so character offsets into ``report.text`` index the file. Legacy
encodings (cp1251, KOI8-R, UTF-16) are detected and decoded.
"""

from __future__ import annotations

import re
from pathlib import Path

from skylog.ingest.common import IngestFailure, build_report, decode_text
from skylog.records import Report

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
MARKDOWN_SUFFIXES = (".md", ".markdown")


def report_from_text_bytes(data: bytes, *, source: str, origin: str, markdown: bool = False) -> Report:
    if not data.strip():
        raise IngestFailure("empty file")
    text, notes = decode_text(data)
    if not text.strip():
        raise IngestFailure("empty file (whitespace only)")
    title = None
    if markdown:
        m = _MD_HEADING.search(text[:4000])
        title = m.group(1) if m else None
        notes["format"] = "markdown"
    return build_report(text, source=source, title=title, origin=origin, meta=notes)


def ingest_text_file(path: Path, data: bytes, origin: str) -> Report:
    return report_from_text_bytes(
        data, source=path.name, origin=origin, markdown=path.suffix.lower() in MARKDOWN_SUFFIXES
    )
