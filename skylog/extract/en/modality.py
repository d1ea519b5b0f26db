"""Hypothetical cues of the English pack ("could strike", "threatened", "retaliatory"), read with the one
exception a cue word allows: a retaliatory strike, attack or raid told as done ("bombed more than a dozen
sites ... in a massive retaliatory strike") is an act, not a threat of one (#15)."""

from __future__ import annotations

import re

from skylog.extract.en import lexicon as L

_HYPO = L.pattern("events.HYPO_RE")
_ACT = L.pattern("events.RETALIATORY_ACT")
_DONE_BEFORE = L.pattern("events.DONE_BEFORE")
_DONE_AFTER = L.pattern("events.DONE_AFTER")
_LOOK = 160  # characters read either side of a retaliatory act for its verb of doing


def _told_as_done(text: str, m: re.Match[str]) -> bool:
    """The cue is a retaliatory act with a past verb of doing in its sentence."""
    act = _ACT.match(text, m.start())
    if act is None:
        return False
    before = text[max(0, m.start() - _LOOK) : m.start()]
    after = text[act.end() : act.end() + _LOOK]
    return bool(_DONE_BEFORE.search(before) or _DONE_AFTER.search(after))


class HypotheticalCue:
    """``search`` like a compiled pattern: the first hypothetical cue in ``text[pos:endpos]``, skipping
    retaliatory acts told as done."""

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else endpos
        while True:
            m = _HYPO.search(text, pos, end)
            if m is None or not _told_as_done(text, m):
                return m
            pos = m.end()


HYPO_RE = HypotheticalCue()
