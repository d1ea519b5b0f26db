"""Regular expressions behind a cheap keyword gate.

Some extraction patterns try a long weapon alternation at every position of a sentence; most
sentences lack the one verb the pattern needs, so a plain search for that verb first skips the
expensive scan without changing any match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


class GatedPattern:
    """``pattern``, searched only in texts where ``gate`` (a verb every match contains) occurs."""

    def __init__(self, pattern: re.Pattern[str], gate: str) -> None:
        self.pattern = pattern
        self.gate = re.compile(gate, pattern.flags)

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        if not self.gate.search(text, pos):
            return None
        return self.pattern.search(text, pos)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if not self.gate.search(text):
            return iter(())
        return self.pattern.finditer(text)
