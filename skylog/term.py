"""Terminal output that report data cannot take over.

Report text, titles, sources and file names are hostile data: an escape sequence in
them could clear the screen, set the window title, recolour or hide output, or move
the cursor. Everything skylog prints for a person goes through ``SafeConsole`` (rich)
or ``echo``/``safe``, which show control characters as visible symbols instead of
sending them: C0 controls as their Unicode "control pictures" (ESC as ␛), DEL as ␡,
C1 controls and bidirectional overrides as U+FFFD. Each replacement is one character
for one, so rich's style spans stay aligned. Newlines and tabs are kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import typer
from rich.console import Console
from rich.segment import Segment

_KEEP = {"\n", "\t"}
_TABLE: dict[int, str] = {}
for _cp in range(0x20):
    if chr(_cp) not in _KEEP:
        _TABLE[_cp] = chr(0x2400 + _cp)  # ␀ ... ␟ (ESC -> ␛)
_TABLE[0x7F] = "\u2421"  # ␡
for _cp in [*range(0x80, 0xA0), 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]:
    _TABLE[_cp] = "\ufffd"
_JSON_TABLE = {cp: f"\\u{cp:04x}" for cp in [0x7F, *range(0x80, 0xA0)]}


def safe(text: Any) -> str:
    """``text`` with every control character shown as a visible symbol (one for one)."""
    return str(text).translate(_TABLE)


def json_text(s: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with DEL and C1 controls
    escaped as ``\\u00XX`` too: the same JSON value, and nothing a terminal would obey."""
    return s.translate(_JSON_TABLE)


def dumps(obj: Any, **kw: Any) -> str:
    return json_text(json.dumps(obj, ensure_ascii=False, **kw))


def echo(message: Any = "", err: bool = False) -> None:
    """``typer.echo`` for messages that hold data (names, reasons, text)."""
    typer.echo(safe(message), err=err)


class SafeConsole(Console):
    """A rich Console whose text never carries control characters from the data.

    Rich's own styling and cursor codes are not in the segments' text, so they are
    kept; only the text itself is made safe.
    """

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(
            Segment(safe(seg.text), seg.style, seg.control) if not seg.control else seg for seg in buffer
        )
