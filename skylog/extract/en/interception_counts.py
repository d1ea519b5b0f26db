"""The counts an interception sentence splits: the strike's count told after it, and its count per region.

"shot down 12 drones overnight, as one attacked a military target": the one is the strike's count;
"29 drones over Bryansk, 15 over Oryol": each region's count, with the total kept where the regions'
counts are parts of it ("22 drones, including two over X").
"""

from __future__ import annotations

import re

from skylog.extract.common.places import region_key
from skylog.extract.en import casualties as C
from skylog.extract.en import lexicon as L
from skylog.nlp.spans import NumberMention
from skylog.records import Claim, Place

_DISTRIBUTIVE = L.pattern("events.DISTRIBUTIVE")
_LIST_JOINER = L.pattern("events.LIST_JOINER")
_PART_OF_TOTAL = L.pattern("events.PART_OF_TOTAL")
_STRIKE_SUBJECT = L.pattern("events.STRIKE_SUBJECT")


def struck_count(text: str, offset: int, after: int, numbers: list[NumberMention]) -> C.WeaponCount | None:
    """ "shot down 12 drones overnight, as one attacked a military target": after the interception
    (``after``, sentence offset), the bare figure that is the subject of a hit is the strike's count."""
    m = _STRIKE_SUBJECT.search(text, after)
    if m is None:
        return None
    at = offset + m.start("n")
    n = next((n for n in numbers if n.start == at and n.value is not None and n.designation is None), None)
    if n is None:
        return None
    return C.WeaponCount(value=int(n.value), qualifier=n.qualifier, weapon_class="", span=(n.start, n.end))


def split_counts(
    text: str, offset: int, places: list[Place], numbers: list[NumberMention], count: Claim | None
) -> dict[str | None, Claim]:
    """An interception's count per region, with the total under None where the regions' counts are parts
    of it told after it ("22 drones, including two over X"): the total is a tally of its own."""
    split = _per_place_counts(text, offset, places, numbers)
    if count is not None and _parts_of_total(text, offset, count, split):
        return {None: count, **split}
    return split if len(places) > 1 else {}


def _parts_of_total(text: str, offset: int, total: Claim, parts: dict[str | None, Claim]) -> bool:
    """The per-place counts are parts of the total told before them ("22 drones, including two over X")."""
    if not parts or not total.spans:
        return False
    end = total.spans[0][1]
    firsts = [c.spans[0][0] for c in parts.values() if c.spans and c.spans[0][0] >= end]
    if len(firsts) != len(parts):
        return False
    return bool(_PART_OF_TOTAL.search(text[end - offset : min(firsts) - offset]))


def _per_place_counts(
    text: str, offset: int, places: list[Place], numbers: list[NumberMention]
) -> dict[str | None, Claim]:
    """In "29 drones over Bryansk, 15 over Oryol…", the count nearest before each region's mention.

    A count followed by a list of regions ("10 downed over Kharkiv, Sumy and Kyiv") is one total over
    the list, not a count for each: none of them gets it, unless the count is given for each ("one
    drone each over Bryansk and Lipetsk").
    """
    groups: dict[int, tuple[NumberMention, list[tuple[str, Place]]]] = {}
    counts = [n for n in numbers if n.is_count]
    for p in sorted(places, key=lambda p: p.span[0]):
        key = region_key(p)
        before = [n for n in counts if n.start < p.span[0] and p.span[0] - n.start < 80]
        if not key or not before or re.search(r"[;\n]", text[before[-1].end - offset : p.span[0] - offset]):
            continue
        items = groups.setdefault(before[-1].start, (before[-1], []))[1]
        if all(k != key for k, _ in items):
            items.append((key, p))
    out: dict[str | None, Claim] = {}
    for n, items in groups.values():
        first = items[0][1]
        if _DISTRIBUTIVE.search(text[n.end - offset : first.span[0] - offset]):
            chosen = items  # "one drone each over Bryansk and Lipetsk"
        elif len(items) > 1 and _LIST_JOINER.match(
            text[first.span[1] - offset : items[1][1].span[0] - offset]
        ):
            chosen = []  # a total over a list of regions
        else:
            chosen = items[:1]  # later regions are landmarks ("over Ryazan region, southeast of Moscow")
        for key, _ in chosen:
            out.setdefault(key, Claim(value=n.value, spans=[(n.start, n.end)], claimant=None))
    return out
