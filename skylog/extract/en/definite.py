"""One weapon told by the definite article (English): an event's count of one.

A report often names the single weapon of a strike only by the article after its lead ("A drone attack in
Omdurman killed 15 … The drone targeted a truck", "a missile was launched from Yemen … the missile was most
likely intercepted"). No figure and no "a drone" stands in the event's sentences, so the rules leave its count
empty, where the labels count the one weapon. Here an event without a count, of the type of that weapon (or an
interception), whose sentences tell "the <weapon>" in the singular as what struck or was downed, and no plural
of a weapon class, takes the count 1.
"""

from __future__ import annotations

import re

from skylog.extract.en import lexicon as L
from skylog.extract.en.casualties import weapon_class_of
from skylog.records import Claim, EventMention

_DEFINITE_ONE = L.pattern("casualties.DEFINITE_ONE")
_ONE_MUNITION: frozenset[str] = L.WORDS["ONE_MUNITION_CLASSES"]
_WEAPON_WORD = re.compile(rf"\b(?:{L.WEAPON_ANY})\b", re.I)


def _singular(word: str) -> bool:
    return not word.lower().endswith("s")


def _weapon_type(word: str) -> str | None:
    """The strike type of a weapon word of a class of single munitions; None for any other word."""
    cls = weapon_class_of(word)
    return L.WEAPON_TYPE.get(cls) if cls in _ONE_MUNITION else None


def _plural_of(kind: str, text: str, spans: list[tuple[int, int]]) -> bool:
    """The sentences tell weapons of that type in the plural ("drones attacked …"): no one weapon."""
    return any(
        not _singular(w.group(0)) and _weapon_type(w.group(0)) == kind
        for a, b in spans
        for w in _WEAPON_WORD.finditer(text, a, b)
    )


def definite_single_counts(events: list[EventMention], text: str) -> list[str]:
    """Give the count 1 to each event without one whose sentences tell its one weapon by the definite article
    (in place); a warning for each."""
    warnings: list[str] = []
    for e in events:
        if e.count is not None or not e.spans:
            continue
        for a, b in e.spans:
            m = _DEFINITE_ONE.search(text[a:b])
            if m is None or not _singular(m.group("w")):
                continue
            kind = _weapon_type(m.group("w"))
            if (
                kind is None
                or (e.type != "interception" and kind != e.type)
                or _plural_of(kind, text, e.spans)
            ):
                continue
            span = (a + m.start(), a + m.end("w"))
            e.count = Claim(value=1, spans=[span], claimant=e.claimant or "the outlet")
            warnings.append(f"count 1: one weapon told as {text[span[0] : span[1]]!r}")
            break
    return warnings
