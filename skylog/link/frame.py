"""A report's own geography as a coarse locator for the mentions that name no place of their own.

Extraction places an event by the places of its sentences; a report often names its place elsewhere
(a title "Kharkiv Hypermarket Hit by Russian Guided Bombs", an opening "A devastating event has
occurred in Kharkiv, Ukraine"), and then the mention has none. Read as a whole, the report still
says where it is about: when every place it names lies in one first-level region, that region is
the mention's coarse place (region precision, never a town); when it names one country and no
region, the country. The frame is evidence of the report, not of the mention: it blocks a link to
another region or country, and it never counts as the same spot (``gates`` scores it below a named
place). A report naming several regions or countries gives no frame: unknown stays unknown.

The same reading resolves a place extraction left unresolved ("Nabatiyeh" with no gazetteer entry)
when the whole report's context resolves it at that span.

A wire dateline ("KYIV - ...", "BEIRUT, Lebanon: ...") is where the report was filed from; it counts
only when the report names no other place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from skylog.link.features import PlaceFeatures, place_features
from skylog.link.locators import is_group_home, is_locator, is_origin
from skylog.nlp.lang import script_language

MAX_CHARS = 8000  # the part of a report read for its frame (its lead tells where it is about)

# "KYIV - ", "BEIRUT, Lebanon: ", "KYIV, Ukraine (AP) — ": the place a report was filed from
_DATELINE_AFTER = re.compile(
    r"^(?:,[ ]+[A-Z][\w.]*(?:[ ][A-Z][\w.]*)?)?(?:[ ]*\([^)\n]{2,20}\))?[ \t]*(?:—|–|--|-|:)\s"
)
_LINE_START = re.compile(r"(?:^|\n)[ \t]*$")


@dataclass(frozen=True)
class ReportGeo:
    """The resolved places a report names (its text's, with their spans; its title's) and its frame."""

    places: tuple[dict[str, Any], ...]
    frame: PlaceFeatures | None
    why: str
    town: frozenset[str] = frozenset()  # the one settlement it names, if so (``frame_town``)


def read_report(text: str, title: str | None = None) -> ReportGeo:
    """Geoparse the report (its title and text) and derive its frame."""
    from skylog.extract.common.places import geoparse

    body = text[:MAX_CHARS]
    lang = script_language(body)
    in_text = [p.to_dict() for p in geoparse(body, lang)]
    in_title = [p.to_dict() for p in geoparse(title, lang)] if title else []
    frame, why = frame_of(in_text, body, in_title)
    town = frame_town(in_text, body, in_title) if frame is not None else frozenset()
    return ReportGeo(tuple(in_text), frame, why, town)


def _is_dateline(text: str, p: dict[str, Any]) -> bool:
    span = p.get("span")
    if not isinstance(span, list | tuple) or len(span) != 2:
        return False
    s, e = int(span[0]), int(span[1])
    return bool(_LINE_START.search(text[max(0, s - 40) : s])) and bool(
        _DATELINE_AFTER.match(text[e : e + 40])
    )


def _counted(p: dict[str, Any], text: str | None) -> bool:
    """A place the report locates something at: not a demonym, a relative locator, a launch origin or an
    armed group's home ("Yemen's Houthi rebels")."""
    if p.get("relation") in ("adjective", "locator"):
        return False
    span = p.get("span")
    return not (text and (is_locator(text, span) or is_origin(text, span) or is_group_home(text, p)))


def _named(
    in_text: list[dict[str, Any]], text: str, in_title: list[dict[str, Any]] | None
) -> list[dict[str, Any]]:
    """The places the report locates something at; a dateline only when it names nothing else."""
    body = [p for p in in_text if _counted(p, text)]
    head = [p for p in in_title or [] if _counted(p, None)]
    own = [p for p in body if not _is_dateline(text, p)] + head
    return own or body


def frame_of(
    in_text: list[dict[str, Any]], text: str, in_title: list[dict[str, Any]] | None = None
) -> tuple[PlaceFeatures | None, str]:
    """The report's frame from the places it names: one region, else one country, else None."""
    named = _named(in_text, text, in_title)
    if not named:
        return None, "names no place"
    regions = {p.get("admin1_code") for p in named if p.get("kind") != "country"}
    if None in regions:
        return None, "names a place it does not resolve"
    if len(regions) == 1:
        a1 = next(iter(regions))
        cc = {p.get("country") for p in named if p.get("admin1_code") == a1 and p.get("country")}
        return PlaceFeatures(countries=frozenset(cc), admin1=frozenset({a1})), f"its report names only {a1}"
    if regions:
        return None, "names places in several regions"
    countries = {p.get("country") for p in named if p.get("country")}
    if len(countries) == 1:
        cc = next(iter(countries))
        return PlaceFeatures(countries=frozenset({cc})), f"its report names only {cc}"
    return None, "names several countries"


def frame_town(
    in_text: list[dict[str, Any]], text: str, in_title: list[dict[str, Any]] | None = None
) -> frozenset[str]:
    """The town keys (as ``place_features`` gives them) when the report names one settlement and no
    other place below the country (its region aside); empty otherwise."""
    named = [p for p in _named(in_text, text, in_title) if p.get("kind") not in ("country", "region")]
    keys = {p.get("gazetteer_id") for p in named}
    if len(keys) != 1 or None in keys or any(p.get("kind") != "settlement" for p in named):
        return frozenset()
    return place_features(named[:1]).towns


def _unresolved(p: Any) -> bool:
    return isinstance(p, dict) and not (p.get("gazetteer_id") or p.get("name") or p.get("admin1_code"))


def has_unresolved(places: list[Any]) -> bool:
    return any(_unresolved(p) for p in places or [])


def resolve_from(
    places: list[Any], geo: ReportGeo, report_text: str | None, attackers: frozenset[str] = frozenset()
) -> PlaceFeatures:
    """The mention's place features, with each unresolved place read as the report resolves it at
    its span (unresolved ones the report does not resolve stay as they are)."""
    out = []
    for p in places or []:
        if _unresolved(p) and isinstance(p.get("span"), list | tuple) and len(p["span"]) == 2:
            s, e = int(p["span"][0]), int(p["span"][1])
            hit = next(
                (
                    q
                    for q in geo.places
                    if q.get("kind") != "country" and int(q["span"][0]) < e and s < int(q["span"][1])
                ),
                None,
            )
            if hit is not None and hit.get("relation") != "adjective":
                p = {**hit, "span": p["span"], "mention": p.get("mention")}
        out.append(p)
    return place_features(out, report_text, attackers)
