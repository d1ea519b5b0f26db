"""Place words of English reports: how a place relates to an event ("near", "outskirts") and facilities named."""

from __future__ import annotations

import re

from skylog.records import Place

_RELATIONS = (
    (re.compile(r"(?:on|at) the outskirts of\s+(?:the\s+)?(?:\w+\s+of\s+)?$", re.I), "outskirts"),
    (
        re.compile(
            r"\b(?:near|close to|not far from|outside|just outside|around|in the vicinity of|next to)\s+(?:the\s+)?(?:\w+\s+of\s+)?$",
            re.I,
        ),
        "near",
    ),
    (
        re.compile(
            r"\b(?:over|above|in the sky over|in the skies over|over the territory of|over the waters of)\s+(?:the\s+)?(?:\w+\s+of\s+)?$",
            re.I,
        ),
        "over",
    ),
)
_FACILITY_RE = re.compile(
    r"\b(?:the\s+)?(?:[A-Z][\w’'\-]+\s+){1,3}(?:dam|airport|airfield|air base|airbase|oil depot|oil refinery|refinery|"
    r"oil terminal|terminal|power plant|power station|thermal power plant|nuclear power plant|substation|port|bridge|"
    r"military base|base|plant|factory|depot|arsenal|reservoir|hydroelectric power plant|HPP|TPP|NPP)\b"
    r"|\bthe\s+(?:[A-Z][\w’'\-]+\s+)?(?:dam|refinery|oil depot|airfield|airport|power plant)\s+(?:in|near|of)\s+[A-Z][\w’'\-]+"
)


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
