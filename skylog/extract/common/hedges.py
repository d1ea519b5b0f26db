"""Hedge cues: how firmly a claim is made (``asserted``, ``likely``, ``alleged``, ``denied``).

The cue words are the ``en`` pack's ``[patterns.hedges]``.
"""

from __future__ import annotations

import re

from skylog.extract.packs import load_pack
from skylog.records import Hedge

_PACK = load_pack("en")
_RE: tuple[tuple[Hedge, re.Pattern[str]], ...] = tuple(
    (hedge, _PACK.compile(f"hedges.HEDGE_{hedge.upper()}")) for hedge in ("denied", "likely", "alleged")
)


def hedge_of(text: str) -> Hedge:
    """The strongest hedge cue in ``text`` (denial beats doubt beats attribution)."""
    for hedge, rx in _RE:
        if rx.search(text):
            return hedge
    return "asserted"
