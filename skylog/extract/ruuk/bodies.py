"""A region named inside a body's name or title is the body's jurisdiction, not the event's place.

«Про це повідомляють у Сумській ОВА», «очільник Дніпропетровської обласної військової адміністрації»,
«повідомили у Харківській обласній прокуратурі»: the region is the one the reporting body (an
administration, a prosecutor's office, the police) answers for. When an event would take its region from
such a name, a settlement of that region told on the event's own line (its sentence, or the line its
evidence lies on: «вдарили по багатоповерхівці у Сумах. … повідомляють у Сумській ОВА») is the event's
place. A settlement on another line is another event's place and is never taken; the region stays when
the event's line names no settlement of it. The words are the pack's (``[patterns.places_of]``
BODY_AFTER, BODY_BEFORE).
"""

from __future__ import annotations

from skylog.extract.ruuk import lexicon as L
from skylog.nlp.spans import RegionMention
from skylog.records import Place

_BODY_AFTER = L.pattern("places_of.BODY_AFTER")
_BODY_BEFORE = L.pattern("places_of.BODY_BEFORE")
_PLACE_KINDS = ("settlement", "district")


def body_region(folded: str, r: RegionMention) -> bool:
    """The region mention is part of a body's name or an official's title (``folded``: the folded text)."""
    if r.kind != "region":
        return False
    if _BODY_AFTER.match(folded[r.start : r.end + 60]):
        return True
    return bool(_BODY_BEFORE.search(folded[max(0, r.start - 40) : r.start]))


def line_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The line (between line breaks) that holds ``text[start:end]``."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return lo, len(text) if hi < 0 else hi


def settlement_of_body_region(
    toponyms: list[Place], r: RegionMention, line: tuple[int, int], before: int
) -> Place | None:
    """The settlement of the body's region named on the event's ``line``: the last before offset
    ``before`` (the event's sentence), else the first after it; None when the line names none in that
    region (a settlement on another line is another event's place)."""
    inside = [
        p
        for p in toponyms
        if p.kind in _PLACE_KINDS and p.admin1_code == r.code and line[0] <= p.span[0] < line[1]
    ]
    earlier = [p for p in inside if p.span[0] < before]
    if earlier:
        return earlier[-1]
    later = [p for p in inside if p.span[0] >= before]
    return later[0] if later else None
