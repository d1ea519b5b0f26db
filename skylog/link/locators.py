"""Places a mention names that are not where its incident happened.

A relative locator ("200 km southwest of Moscow") locates another, unnamed place; a launch origin
("launched from Houthi-controlled areas of Yemen", «запущенных с территории») is where the weapons
came from. Neither may place an incident or block a link.
"""

from __future__ import annotations

import re
from typing import Any

# "200 km southwest of Moscow", "к юго-западу от Москвы", "на південний захід від Києва", "south of":
# the place only locates another, unnamed one; it is never the incident's place.
_LOCATOR = re.compile(
    r"(?:\b(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?\s+(?:of|from)\s+(?:the\s+)?(?:city\s+of\s+)?"
    r"|\b(?:к|на)\s+(?:северо-|юго-)?(?:север|юг|восток|запад)\w*\s+от\s+"
    r"|\b(?:севернее|южнее|восточнее|западнее|северо-западнее|юго-западнее|северо-восточнее|юго-восточнее)\s+"
    r"|\bна\s+(?:північн|південн|схід|захід)\w*(?:[- ]\w+)?\s+від\s+"
    r"|\b(?:північніше|південніше|східніше|західніше)\s+"
    r"|\b\d+\s*(?:km|kilometres|kilometers|miles|км)\s+(?:from|outside|от|від)\s+)$",
    re.I,
)


def _before(report_text: str | None, span: Any, width: int = 60) -> str | None:
    """The ``width`` characters of ``report_text`` before the place at ``span``; None when unknown."""
    if not report_text or not isinstance(span, list | tuple) or len(span) != 2:
        return None
    try:
        s = int(span[0])
    except (TypeError, ValueError):
        return None
    return report_text[max(0, s - width) : s]


def is_locator(report_text: str | None, span: Any) -> bool:
    """Is the place at ``span`` a relative locator ("southwest of Moscow") in ``report_text``?"""
    before = _before(report_text, span)
    return before is not None and bool(_LOCATOR.search(before))


# "launched from Houthi-controlled areas of Yemen", "запущенных с территории Сумской области", "з боку
# Брянщини": where the weapons came from, not where the incident happened.
_ORIGIN = re.compile(
    r"(?:\b(?:launched|fired|flying|flew|coming|sent)\s+(?:in\s+)?from\s+(?:[\w'’-]+\s+){0,4}"
    r"|(?<!\w)(?:запущен\w*|выпущен\w*|випущен\w*|запуще\w*)\s+(?:с|со|из|з|із)\s+(?:[\w'’-]+\s+){0,3}"
    r"|(?<!\w)(?:с|со|з|із)\s+(?:территории|території|направления|напрямку|стороны|боку)\s+(?:[\w'’-]+\s+){0,2})$",
    re.I,
)


def is_origin(report_text: str | None, span: Any) -> bool:
    """Is the place at ``span`` where the weapons were launched from ("launched from ... Yemen")?"""
    before = _before(report_text, span)
    return before is not None and bool(_ORIGIN.search(before))


def attacker_countries(event: dict[str, Any], report_text: str | None = None) -> frozenset[str]:
    """Home countries of the state forces an event's perpetrator claims name ("Russia launched 800
    drones at Ukraine": RU). A report names the attacking state as a country ("Russia", «РФ») in the
    same sentence as the attacked one; that country is who struck, not where (``skylog.actors``)."""
    from skylog.actors import normalise

    claim = event.get("perpetrator")
    claims = claim if isinstance(claim, list) else [claim]
    out = set()
    for c in claims:
        value = c.get("value") if isinstance(c, dict) else None
        if not value or (isinstance(c, dict) and c.get("hedge") == "denied"):
            continue
        actor = normalise(value, context=report_text)
        if actor is not None and actor.type == "state" and actor.country:
            out.add(actor.country.upper())
    return frozenset(out)


def is_attacker(p: dict[str, Any], attackers: frozenset[str]) -> bool:
    """Is ``p`` a whole country that is the event's attacking state (never its place)? A region or a
    town of that country stays a place (a strike may hit the attacker's own territory)."""
    return p.get("kind") == "country" and (p.get("country") or "").upper() in attackers
