"""Place words of English reports: how a place relates to an event ("near", "outskirts") and facilities named."""

from __future__ import annotations

from skylog.extract.en import lexicon as L
from skylog.records import Place

_RELATIONS = tuple(
    (L.pattern(f"place_words.RELATION_{rel.upper()}"), rel)
    for rel in ("outskirts", "locator", "near", "over")
)
_FACILITY_RE = L.pattern("place_words.FACILITY_RE")


def relation_of(text: str, place: Place) -> str | None:
    before = text[max(0, place.span[0] - 40) : place.span[0]]
    for pat, rel in _RELATIONS:
        if pat.search(before):
            return rel
    return None


def find_facilities(text: str) -> list[Place]:
    out = []
    for m in _FACILITY_RE.finditer(text):
        mention = m.group(0).strip()
        if mention.split()[0] in ("The", "the") and len(mention.split()) < 2:
            continue
        out.append(
            Place(mention=mention, span=(m.start(), m.start() + len(mention)), kind="facility", name=mention)
        )
    return out
