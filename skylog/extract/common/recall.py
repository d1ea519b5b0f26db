"""Day references that belong to an earlier event the report recalls, not to the report's own.

A report often dates only the event it recalls: "some missiles slipped through, the most recent
being a rocket that struck near the airport on May 4", "this attack follows Sunday's drone
strike", "one of the deadliest strikes since the Feb. 1, 2021 coup", «День траура объявили 26
ноября». Taken as the report's time, such a day ties the report to the recalled incident. A day is
*recalled* when the clause it sits in (from the last comma, colon, dash or sentence end before it)
reads, in any pack's words (``[patterns.anchor]``):

- a recall cue and then, within a few words, an event noun the day qualifies ("after the May 4
  strike", "follows Sunday's drone strike", "since ... a Feb. 1, 2021 coup");
- a recall cue, an event noun and the day within a few words after it ("since the coup of Feb. 1",
  "after the attack on Kyiv on 7 September", «після удару по Харкову 4 травня»);
- an earlier member of a series, the day within the clause ("the most recent being ...", "including
  one on May 6");
- a day of mourning or an anniversary within a few words before the day ("a day of mourning in
  Odesa would be held on Saturday"), or within a few words after it in the same sentence, with no
  event noun between («Завтра, 9 січня, у Запоріжжі оголошено день жалоби», "January 9 was declared
  a day of mourning").

The time stages leave a recalled day out of the event's own time (the event then keeps no time and
is bounded by publication); ``common.anchor`` treats it as a recall sentence's day when the report
tells of an attack outside the recalled words ("it intercepted a missile ...; the most recent being
a rocket that struck on May 4"), and as the attack's own day when the recalled attack is the only
one it tells of ("after the drone attack on Sumy on 11 March, rescuers this morning recovered ...").
"""

from __future__ import annotations

import re

from skylog.extract.packs import every_pack


def _every(name: str) -> str:
    return "|".join(f"(?:{pack.text(f'anchor.{name}')})" for pack in every_pack())


_CUE = _every("RECALL_CUE")
_EVENT = _every("RECALLED_EVENT")
_WORD = r"[\w'’.-]+"
# the words before the day: cue, at most 8 words (the day then qualifies an event noun after it)
_CUE_THEN = re.compile(rf"(?<![\w-])(?:{_CUE})\s+(?:{_WORD}\s+){{0,8}}$", re.I)
_ATTRIBUTIVE = re.compile(rf"^(?:['’]s)?\s+(?:[\w-]+\s+){{0,2}}?(?:{_EVENT})(?![\w-])", re.I)
# cue, event noun, at most 5 words, the day
_CUE_EVENT = re.compile(
    rf"(?<![\w-])(?:{_CUE})\s+(?:{_WORD}\s+){{0,3}}?(?:{_EVENT})(?![\w-])(?:\s+{_WORD}){{0,5}}\s+$", re.I
)
_SERIES = re.compile(rf"(?<![\w-])(?:{_every('SERIES_MEMBER')})(?:\s+{_WORD}){{0,12}}\s+$", re.I)
# the mourning word, then its announcement's verb and place ("a day of mourning in Odesa would be held on")
_MOURNING = re.compile(rf"(?<![\w-])(?:{_every('MOURNING')})(?:\s+{_WORD}){{0,8}}\s+$", re.I)
# the day, then at most 6 words (commas allowed, no sentence end) and the mourning word: «9 січня, у
# Запоріжжі оголошено день жалоби»; the words between name no event
_MOURNING_AFTER = re.compile(rf"^[,\s]*(?:[\w'’-]+[,\s]+){{0,6}}?(?:{_every('MOURNING')})(?![\w-])", re.I)
_EVENT_WORD = re.compile(rf"(?<![\w-])(?:{_EVENT})(?![\w-])", re.I)
# where a clause starts: a comma, semicolon, colon, parenthesis, dash, or a sentence end
_CLAUSE_CUT = re.compile(r"[,;:()\[\]—–!?\n]|\s-\s|\.\s")
_REACH = 160  # characters before the day read for its clause


def clause_before(text: str, start: int) -> tuple[int, str]:
    """Where the clause before ``start`` begins (from its last cut), and its text with one trailing space."""
    lo = max(0, start - _REACH)
    before = text[lo:start]
    cut = 0
    for m in _CLAUSE_CUT.finditer(before):
        cut = m.end()
    return lo + cut, before[cut:].rstrip() + " "


def recall_region(text: str, start: int, end: int) -> tuple[int, int, bool] | None:
    """The recalled event's words around the day reference ``text[start:end]`` (from the recall cue to
    the day, or to the event noun after it) and whether they tell of an event of the report's sequence
    (a cue: "after air strikes Friday on ...", which the report tells of too) rather than background
    (an earlier member of a series, a commemoration); None when the day is not a recalled event's."""
    lo, before = clause_before(text, start)
    for rx, told in ((_SERIES, False), (_MOURNING, False), (_CUE_EVENT, True)):
        m = rx.search(before)
        if m:
            return lo + m.start(), end, told
    m = _MOURNING_AFTER.match(text[end : end + 80])
    if m and not _EVENT_WORD.search(m.group(0)):
        return start, end + m.end(), False
    m = _CUE_THEN.search(before)
    after = _ATTRIBUTIVE.match(text[end : end + 60]) if m else None
    if m and after:
        return lo + m.start(), end + after.end(), True
    return None


def recalled(text: str, start: int, end: int) -> bool:
    """Whether the day reference ``text[start:end]`` dates an earlier event the report recalls."""
    return recall_region(text, start, end) is not None
