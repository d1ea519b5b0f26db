"""Places a mention names that are not where its incident happened.

A relative locator ("200 km southwest of Moscow") locates another, unnamed place; a launch origin
("launched from Houthi-controlled areas of Yemen", «запущенных с территории») is where the weapons
came from. Neither may place an incident or block a link.
"""

from __future__ import annotations

import re
from typing import Any

from skylog.extract.packs import every_pack
from skylog.geo.gazetteer import default_gazetteer


def _every(name: str) -> str:
    """Pattern ``link.NAME`` of every pack that has one, as one alternation (a report may mix languages)."""
    return "|".join(p.templates[f"link.{name}"] for p in every_pack() if f"link.{name}" in p.templates)


# "200 km southwest of Moscow", "к юго-западу от Москвы", "на південний захід від Києва", "south of":
# the place only locates another, unnamed one; it is never the incident's place. The words are the
# packs' ([patterns.link] LOCATOR, DISTANCE_UNIT, DISTANCE_FROM); a distance may be in any language's
# unit and preposition.
_LOCATOR = re.compile(
    r"(?:" + _every("LOCATOR")
    + r"|\b\d+\s*(?:" + _every("DISTANCE_UNIT") + r")\s+(?:" + _every("DISTANCE_FROM") + r")\s+)$",
    re.I,
)  # fmt: skip


def _before(report_text: str | None, span: Any, width: int = 60) -> str | None:
    """The ``width`` characters of ``report_text`` before the place at ``span``; None when unknown."""
    if not report_text or not isinstance(span, list | tuple) or len(span) != 2:
        return None
    try:
        s = int(span[0])
    except (TypeError, ValueError):
        return None
    return report_text[max(0, s - width) : s]


def _country_after(report_text: str | None, place: dict[str, Any], width: int = 80) -> str | None:
    """The ``width`` characters after a country-kind ``place``; None for another kind or no span."""
    span = place.get("span")
    if (
        place.get("kind") != "country"
        or not report_text
        or not isinstance(span, list | tuple)
        or len(span) != 2
    ):
        return None
    try:
        end = int(span[1])
    except (TypeError, ValueError):
        return None
    return report_text[end : end + width]


def is_locator(report_text: str | None, span: Any) -> bool:
    """Is the place at ``span`` a relative locator ("southwest of Moscow") in ``report_text``?"""
    before = _before(report_text, span)
    return before is not None and bool(_LOCATOR.search(before))


# "launched from Houthi-controlled areas of Yemen", "запущенных с территории Сумской области", "з боку
# Брянщини": where the weapons came from, not where the incident happened ([patterns.link] ORIGIN).
_ORIGIN = re.compile(r"(?:" + _every("ORIGIN") + r")$", re.I)


def is_origin(report_text: str | None, span: Any) -> bool:
    """Is the place at ``span`` where the weapons were launched from ("launched from ... Yemen")?"""
    before = _before(report_text, span)
    return before is not None and bool(_ORIGIN.search(before))


# "Yemen's Iran-backed Houthi rebels": a country named in the possessive right before an armed group
# ([patterns.link] HOME_OF, the words between) is that group's home, who struck, not where
_HOME_OF = re.compile(r"(?:" + _every("HOME_OF") + r")", re.I)
HOME_GAP_WORDS = 2


def is_group_home(report_text: str | None, place: dict[str, Any]) -> bool:
    """Is ``place`` a country named as the home of the non-state armed group that follows it
    ("Yemen's Houthi rebels launched a missile at Israel": Yemen is who struck, not where)?"""
    from skylog.actors import actors, find_actors

    after = _country_after(report_text, place)
    if after is None:
        return False
    m = _HOME_OF.match(after)
    cc = (place.get("country") or "").upper()
    if m is None or not cc:
        return False
    # the group's name may follow a word or two ("Yemen's Iran-backed Houthi rebels")
    found = [a for a in find_actors(after[m.end() :]) if a[0] <= HOME_GAP_WORDS]
    actor = actors().get(found[0][2]) if found else None
    return actor is not None and actor.type == "non-state" and (actor.country or "").upper() == cc


# "Iran launched about 180 missiles at Israel": a country that is the subject of the attack verb
# ([patterns.link] STRUCK_BY, the words after the place) is who struck
_STRUCK_BY = re.compile(r"(?:" + _every("STRUCK_BY") + r")", re.I)


def is_striking_subject(report_text: str | None, place: dict[str, Any]) -> bool:
    """Is ``place`` a country named as the subject of the attack ("Iran launched ... at Israel")?
    ``place_features`` leaves it out only when the mention names another country (the one struck)."""
    after = _country_after(report_text, place)
    return after is not None and bool(_STRUCK_BY.match(after))


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


# words that name a part of a country ("central", «центральный»): each pack's [word_sets] COUNTRY_PART
_COUNTRY_PART = frozenset(w for p in every_pack() for w in p.word_sets.get("COUNTRY_PART", ()))


def is_country_part(p: dict[str, Any]) -> bool:
    """Is the region named only by a part of its country ("central Israel", read as the unit the
    country calls "Central"; not "Central District")? Its mention is the part word, which the unit
    bears, before a name of its country."""
    words = str(p.get("mention") or "").casefold().split()
    if len(words) < 2 or words[0] not in _COUNTRY_PART or str(p.get("name") or "").casefold() != words[0]:
        return False
    cc = (p.get("country") or "").upper()
    rest = re.sub(r"[’'ʼ]s$", "", " ".join(words[1:]))
    return any(e.level == 0 and e.country.upper() == cc for e, _src in default_gazetteer().lookup(rest))
