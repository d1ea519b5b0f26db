"""Place mentions for extraction through ``skylog.geo``, with an unresolved fallback when geo fails on a text.

The geo stage owns toponym finding and resolution (``geoparse`` for every toponym, ``Geocoder.resolve``
for spans found here, such as facilities). A geo failure on one text leaves unresolved
``Place(mention, span, kind)`` records, so the extraction is not lost, and is recorded: logged, and
collected by ``recording_geo_failures`` so the report's extraction carries it as a warning.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from skylog.extract.packs import load_pack
from skylog.geo import Geocoder
from skylog.geo import geoparse as geo_geoparse
from skylog.geo.keys import romanisation_variants
from skylog.records import Place, PlaceKind

log = logging.getLogger(__name__)

LOCATOR = "locator"  # geo's relation for "southwest of X", "200 km from X"
KIND_RANK = {"facility": 0, "settlement": 1, "district": 2, "water": 3, "region": 4, "country": 5, "other": 6}

_EN = load_pack("en")
_FALLBACK = _EN.compile("places.FALLBACK")
_STOP: frozenset[str] = _EN.word_sets["FALLBACK_NOT_PLACE"]
_COUNTRY_PART: frozenset[str] = _EN.word_sets["COUNTRY_PART"]
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s+$")
_GEO_FAILURES: ContextVar[list[str] | None] = ContextVar("geo_failures", default=None)


@contextmanager
def recording_geo_failures() -> Iterator[list[str]]:
    """Collect, for one report, every geo failure the place helpers fell back from (one line each)."""
    sink: list[str] = []
    token = _GEO_FAILURES.set(sink)
    try:
        yield sink
    finally:
        _GEO_FAILURES.reset(token)


def _geo_failed(step: str, fallback: str, exc: Exception) -> None:
    message = f"{step} failed ({type(exc).__name__}: {exc}); {fallback}"
    log.warning(message)
    sink = _GEO_FAILURES.get()
    if sink is not None:
        sink.append(message)


def geoparse(text: str, language: str) -> list[Place]:
    """Every toponym in text order, resolved by ``skylog.geo`` when available.

    Relative locators ("southwest of Moscow", "200 km from Kursk") are left out: they tell the
    reader where the event is relative to a place, never that the event happened there."""
    try:
        return [p for p in geo_geoparse(text, language) if p.relation != LOCATOR]
    except Exception as exc:  # a geo failure must not lose the extraction: recorded, unresolved fallback
        _geo_failed("geoparse", "places found without the gazetteer and left unresolved", exc)
    return fallback_places(text)


def resolve(
    mentions: list[Place], text: str, language: str, hints: list[int | None] | None = None
) -> list[Place]:
    """Resolve mention spans found by extraction (e.g. facilities); unresolved when geo is missing.

    ``hints`` gives the admin level a mention is known to have (3: "the village of X")."""
    if not mentions:
        return []
    try:
        return list(Geocoder.default().resolve(mentions, text, language, hints=hints))
    except Exception as exc:  # a geo failure must not lose the extraction: recorded, left unresolved
        _geo_failed("geo resolve", "places left unresolved", exc)
        return mentions


def territory_places(text: str) -> list[Place]:
    """ "missiles fired at Israeli territory", «над российской территорией»: the country a land phrase
    names, as a place at country precision (not the land a launch comes from)."""
    try:
        return Geocoder.default().territory_places(text)
    except Exception as exc:  # a geo failure loses only these places
        _geo_failed("geo territory lookup", "territory phrases left out", exc)
        return []


def country_parts(places: list[Place], text: str) -> list[Place]:
    """ "central Israel", "northern Israel": a country named after a part-of-country word ("northern",
    "central", …) becomes the first-level unit the country calls by that word (Israel's Central and
    Northern districts), with the word in its mention; a country without such a unit stays the country."""
    out = []
    for p in places:
        m = _WORD_BEFORE.search(text[max(0, p.span[0] - 24) : p.span[0]]) if p.kind == "country" else None
        unit = None
        if m and p.country and m.group(1).lower() in _COUNTRY_PART:
            start = p.span[0] - len(m.group(0))
            try:
                unit = Geocoder.default().unit_named(
                    p.country, m.group(1), text[start : p.span[1]], (start, p.span[1]), p.relation
                )
            except Exception as exc:  # a geo failure keeps the country as found
                _geo_failed("geo unit lookup", "the country kept as found", exc)
        out.append(unit or p)
    return out


def known_mentions(mentions: list[Place], language: str) -> list[Place]:
    """Only the mentions whose name is in the gazetteer index (a cheap exact check that keeps the
    geocoder's slow fuzzy search for typos out of the per-report path)."""
    return [m for m in mentions if _known(m.mention, language)]


@lru_cache(maxsize=65536)
def _known(name: str, language: str) -> bool:
    g = Geocoder.default()
    keys = g.keys_for(name, language)
    # 'Zaporizhia': a romanisation variant of an indexed name is known too
    return any(g.gz.has(k) for k, _ in keys) or any(g.gz.has(k) for k, _ in romanisation_variants(keys))


@lru_cache(maxsize=65536)
def country_named(name: str, language: str) -> str | None:
    """The ISO code of the country ``name`` names in the gazetteer («Израиль», «США»), else None (also when geo
    is missing)."""
    try:
        return Geocoder.default().country_named(name, language)
    except Exception as exc:  # a geo failure loses only this reading
        _geo_failed("geo country lookup", "the name not read as a country", exc)
        return None


def fallback_places(text: str) -> list[Place]:
    """Unresolved capitalised toponym candidates (used only when geo is unavailable)."""
    out: list[Place] = []
    for m in _FALLBACK.finditer(text):
        if m.group(1):
            start, end = m.start(1), m.end(2)
            kind: PlaceKind = (
                "district" if m.group(2).lower() in ("district", "raion", "hromada", "county") else "region"
            )
        else:
            start, end = m.start(3), m.end(3)
            kind = "other"
        mention = text[start:end].strip()
        if mention.split()[0] in _STOP:
            continue
        out.append(Place(mention=mention, span=(start, start + len(mention)), kind=kind))
    return out


def most_specific_first(places: list[Place]) -> list[Place]:
    """Order places settlement/facility first, then district, region, country; dedupe by resolved id."""
    seen: set = set()
    uniq: list[Place] = []
    for p in places:
        key = p.gazetteer_id or p.mention.lower()
        if key in seen:
            continue
        seen.add(key)
        uniq.append(p)
    return sorted(uniq, key=lambda p: (KIND_RANK.get(p.kind, 6), p.span[0]))


def region_key(place: Place) -> str | None:
    """The first-level unit a place lies in, for "one event per incident per region"."""
    if place.admin1_code:
        return place.admin1_code.upper()
    if place.kind == "country" and place.country:
        return "C:" + place.country
    if place.kind == "water":
        return "W:" + (place.name or place.mention).lower()
    return None
