"""Hedge cues: how firmly a claim is made (``asserted``, ``likely``, ``alleged``, ``denied``)."""

from __future__ import annotations

import re

from skylog.records import Hedge

_LIKELY = r"likely|probably|presumably|apparently|believed to|thought to|suspected|appears? to|seems? to|possibly|may have|might have|could have|most likely"
_ALLEGED = r"allegedly|alleged|reportedly|purportedly|claimed|claims?|claiming|accused|accuses|blamed|blames|unverified|said to be"
_DENIED = r"denied|denies|deny|rejected the claims?|refuted|dismissed (?:the )?(?:claims?|reports?)"

_RE: tuple[tuple[Hedge, re.Pattern[str]], ...] = (
    ("denied", re.compile(rf"\b(?:{_DENIED})\b", re.I)),
    ("likely", re.compile(rf"\b(?:{_LIKELY})\b", re.I)),
    ("alleged", re.compile(rf"\b(?:{_ALLEGED})\b", re.I)),
)


def hedge_of(text: str) -> Hedge:
    """The strongest hedge cue in ``text`` (denial beats doubt beats attribution)."""
    for hedge, rx in _RE:
        if rx.search(text):
            return hedge
    return "asserted"
