"""Hedge cues: how firmly a claim is made (``asserted``, ``likely``, ``alleged``, ``denied``), in every language.

The cue words are each pack's ``[patterns.hedges]``: ``HEDGE_DENIED``, ``HEDGE_LIKELY`` and
``HEDGE_ALLEGED``, each optional (a pack without a level never gives it). Russian/Ukrainian rules
read the folded text, English the raw text; either way the pattern is the pack's.
"""

from __future__ import annotations

import re
from functools import lru_cache

from skylog.extract.packs import load_pack
from skylog.records import Hedge

_LEVELS: tuple[Hedge, ...] = ("denied", "likely", "alleged")  # denial beats doubt beats attribution


@lru_cache(maxsize=4)
def _cues(language: str) -> tuple[tuple[Hedge, re.Pattern[str]], ...]:
    pack = load_pack(language)
    keys = ((hedge, f"hedges.HEDGE_{hedge.upper()}") for hedge in _LEVELS)
    return tuple((hedge, pack.compile(key)) for hedge, key in keys if key in pack.templates)


@lru_cache(maxsize=512)  # one sentence's hedge is asked for each of its claims (bounded)
def hedge_of(text: str, language: str = "en", start: int = 0, end: int | None = None) -> Hedge:
    """The strongest hedge cue in ``text[start:end]`` (word boundaries read from the whole text)."""
    stop = len(text) if end is None else end
    for hedge, rx in _cues(language):
        if rx.search(text, start, stop):
            return hedge
    return "asserted"
