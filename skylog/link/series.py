"""Which day of a run of attacks on one place a report tells of (#13, no false corroboration).

A place struck day after day is told so: "a second drone strike in as many days on Port Sudan",
"drones struck the airport on Tuesday, the third straight day", «третий день подряд», «другу ніч
поспіль». Each report of a run names the day of it that it tells of, and two strikes of a run on
one city a day apart look alike in every other way (place, type, the same armed group, a time one
report gives only by its publication). Two mentions whose texts name different days of a run
("second" and "third") are two strikes: they never link. A text naming no day of a run, or
naming two (it recalls the run as it goes), says nothing either way.

The words are the packs' ``[patterns.link] SERIES`` (group 1 the ordinal) and
``[maps.SERIES_ORDINAL]`` (the ordinal, or its stem, to the day's number).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Protocol

from skylog.extract.packs import every_pack


class _Told(Protocol):
    series: int | None


@lru_cache(maxsize=1)
def _readers() -> tuple[tuple[re.Pattern[str], tuple[tuple[str, int], ...]], ...]:
    """Each pack's SERIES pattern with its ordinals (longest stem first)."""
    out = []
    for p in every_pack():
        if "link.SERIES" not in p.templates:
            continue
        ords = sorted(((w.casefold(), int(n)) for w, n in p.maps.get("SERIES_ORDINAL", {}).items()),
                      key=lambda t: -len(t[0]))  # fmt: skip
        out.append((re.compile(p.text("link.SERIES"), re.I), tuple(ords)))
    return tuple(out)


def _number(word: str, ords: tuple[tuple[str, int], ...]) -> int | None:
    low = word.casefold()
    return next((n for stem, n in ords if low.startswith(stem)), None)


def series_day(text: str | None) -> int | None:
    """The day of a run of attacks the text tells of ("the third straight day": 3), or None when it
    names none or names more than one."""
    days: set[int] = set()
    for rx, ords in _readers():
        for m in rx.finditer(text or ""):
            n = _number(m.group(1), ords)
            if n is not None:
                days.add(n)
    return days.pop() if len(days) == 1 else None


def series_conflict(a: _Told, b: _Told) -> str | None:
    """Why two mentions naming different days of a run of attacks are two strikes, or None."""
    if a.series is not None and b.series is not None and a.series != b.series:
        return f"different days of a run of attacks (day {a.series} / day {b.series})"
    return None
