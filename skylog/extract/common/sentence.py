"""The sentence around a point of a report's text, and a clock written in it, for the stages that read a
report's text by offsets (``common.clocks``, ``common.anchor``, ``common.dayparts``).

A sentence ends at a run of stops before a space or the text's end, or at a line break; the stop of a
one-letter abbreviation ends none ("7:30 p.m. a drone hit", "U.S. forces", «с. Р. Лозова»), a figure's
does ("The toll rose to 5. Rescuers …"). A clock is a time of day as reports write it ("19:40", «7.30»):
hours 0-24, minutes 00-59, not part of a longer figure, a date or a time with seconds ("1.5.2024").
"""

from __future__ import annotations

import re

SENTENCE_END = re.compile(r"(?<!\b[^\W\d_])[.!?…]+(?=\s|$)|\n")
CLOCK = re.compile(r"(?<![\d.:,])(?P<h>[01]?\d|2[0-4])[:.](?P<m>[0-5]\d)(?!\d|[.,:]\d)")


def sentence_around(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """(start, end) of the sentence that holds ``text[start:end]`` (all of it: a span may run on into
    the next sentence, whose end is then the end); ``end`` defaults to ``start``."""
    end = start + 1 if end is None else end
    lo = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    m = SENTENCE_END.search(text, max(start, end - 1))
    return lo, (m.start() if m else len(text))
