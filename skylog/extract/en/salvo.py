"""A share of a mixed salvo told again (English): its weapons counted once.

A report that tells a salvo of several kinds of weapons with their total ("shot down an anti-ship ballistic
missile and three Iranian-made drones" -> 4) often goes on to tell each kind's part in a sentence of its own
("the USS Carney engaged and shot down three Iranian UAVs"). That later figure is a share of the salvo, not
another count of weapons: summed with the salvo's total, its drones would be counted twice. Here a later
event of the same type whose count is one figure of one weapon class that the salvo's total already holds
(the same figure, the same class), and that may be the same incident (``common.tolls.may_share``), keeps the
event but loses the count.
"""

from __future__ import annotations

from skylog.extract.common.tolls import may_share
from skylog.extract.en import casualties as C
from skylog.nlp.spans import NumberMention
from skylog.records import Claim, EventMention


def _parts(text: str, claim: Claim, numbers: list[NumberMention]) -> list[C.WeaponCount]:
    """The counts of single weapon classes a count claim's span holds."""
    a, b = claim.spans[0]
    inside = [n for n in numbers if a <= n.start and n.end <= b]
    return C.class_counts(text[a:b], a, inside)


def _salvo(text: str, claim: Claim | None, numbers: list[NumberMention]) -> set[tuple[int, str]]:
    """The (figure, class) parts of a count that sums weapons of several classes; empty for any other."""
    if claim is None or not claim.spans or not isinstance(claim.value, int):
        return set()
    parts = _parts(text, claim, numbers)
    if len({c.weapon_class for c in parts}) < 2 or sum(c.value for c in parts) != claim.value:
        return set()
    return {(c.value, c.weapon_class) for c in parts}


def salvo_shares_once(events: list[EventMention], text: str, numbers: list[NumberMention]) -> list[str]:
    """Drop the count of each event that restates one class's share of an earlier event's salvo (in place);
    a warning for each."""
    warnings: list[str] = []
    told = sorted(
        (e for e in events if e.count is not None and e.count.spans), key=lambda e: e.count.spans[0]
    )
    for i, salvo in enumerate(told):
        parts = _salvo(text, salvo.count, numbers)
        if not parts:
            continue
        for later in told[i + 1 :]:
            claim = later.count
            if claim is None or later.type != salvo.type or not may_share(salvo, later):
                continue
            own = _parts(text, claim, numbers)
            if len(own) == 1 and (own[0].value, own[0].weapon_class) in parts and own[0].value == claim.value:
                later.count = None
                warnings.append(
                    f"count {claim.value} dropped: a share of the salvo of {salvo.count.value} told again"
                )
    return warnings
