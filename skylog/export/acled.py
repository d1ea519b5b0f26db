"""ACLED's vocabulary for the export: column order, country names and regions, time and
geographic precision, populated places.

ACLED rows are read by tools that expect ACLED's own conventions, so the
export follows them rather than skylog's internal names:

- ``country`` is ACLED's name ("Russia", not ISO's "Russian Federation"), ``region`` ACLED's region;
- ``location`` is always a populated place: a settlement as named; for a district the
  district's largest settlement; for a facility, water body or other point the nearest
  settlement; for a region its administrative centre (``geo_precision`` 3), as ACLED
  codes region-level events; for a country its capital;
- ``time_precision`` 1 is one known day, 2 a window of a few days up to a week (an
  overnight window spanning two dates included), 3 a month or vaguer.
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

# ACLED's country names are the actors' table (a lower layer); re-exported for the export rows
from skylog.actors.countries import country_name as country_name
from skylog.actors.countries import iso_country

if TYPE_CHECKING:
    from skylog.geo.gazetteer import Entry, Gazetteer

DATA_PATH = Path(__file__).resolve().parent / "acled_data.json"

# ACLED's columns in ACLED's order (codebook, "ACLED data columns at a glance").
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
ACLED_REGIONS: tuple[str, ...] = (
    "Western Africa",
    "Middle Africa",
    "Eastern Africa",
    "Southern Africa",
    "Northern Africa",
    "South Asia",
    "Southeast Asia",
    "East Asia",
    "Middle East",
    "Caucasus and Central Asia",
    "Europe",
    "North America",
    "Central America",
    "Caribbean",
    "South America",
    "Oceania",
    "Antarctica",
)


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return json.loads(DATA_PATH.read_text(encoding="utf-8"))


def iso_numeric(code: str | None) -> int | None:
    """ISO 3166-1 numeric code (ACLED's ``iso``); Kosovo, which has none, gets ACLED's 0."""
    c = iso_country(code) if code else None
    return int(c.numeric) if c is not None else (0 if code else None)


def alpha3(code: str | None) -> str:
    c = iso_country(code) if code else None
    return c.alpha_3 if c is not None else (code or "XXX").upper()


@lru_cache(maxsize=512)
def region(code: str | None) -> str | None:
    """ACLED's region of a country (ISO alpha-2), or None when not listed."""
    if not code:
        return None
    for name, codes in _data()["regions"].items():
        if code.upper() in codes:
            return name
    return None


# ---------------------------------------------------------------- time


def _as_date(v: Any) -> date | None:
    if not v:
        return None
    try:
        return datetime.fromisoformat(str(v).replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(str(v)[:10])
        except ValueError:
            return None


def _is_midnight(v: Any) -> bool:
    s = str(v or "")
    return len(s) <= 10 or s[11:19] in ("00:00:00", "00:00")


def event_date(start: Any, end: Any, precision: str | None) -> tuple[date, int] | None:
    """(ACLED event_date, time_precision) of a time window; None when nothing dates it.

    One calendar day (``end`` at most the next midnight) is precision 1. Two to seven days,
    as an overnight window is, precision 2: the first day for two, the middle day for more
    (ACLED codes a range by its middle). Longer, or ``month``, precision 3. Without a start,
    an ``end`` alone (at or before the first report) is that day at precision 2: the event
    is dated by its report, not by the text.
    """
    s, e = _as_date(start), _as_date(end)
    if s is None and e is None:
        return None
    if s is None:
        assert e is not None
        return e, 2
    if precision == "month":
        return s, 3
    if e is None or e < s:
        e = s
    if e > s and _is_midnight(end):
        e = e - timedelta(days=1)  # an end at midnight closes the day before
    days = (e - s).days + 1
    if precision == "week" and days <= 1:
        days = 7
    if days <= 1:
        return s, 1
    if days == 2:
        return s, 2
    if days <= 7:
        return s + timedelta(days=(days - 1) // 2), 2
    return s + timedelta(days=(days - 1) // 2), 3


# ---------------------------------------------------------------- places


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _gaz() -> Gazetteer:
    from skylog.geo.gazetteer import default_gazetteer

    return default_gazetteer()


PopulatedPlace = tuple[str, float, float, str | None, str | None]  # name, lat, lon, admin1, admin2


def _populated(e: Entry | None) -> PopulatedPlace | None:
    if e is None or e.lat is None or e.lon is None:
        return None
    return e.name, e.lat, e.lon, e.admin1, e.admin2


@lru_cache(maxsize=1024)
def regional_capital(admin1_code: str) -> PopulatedPlace | None:
    """The administrative centre of an admin1 unit: the listed one, else its most populous settlement."""
    gaz = _gaz()
    listed = _data()["regional_capitals"].get(admin1_code)
    if isinstance(listed, dict):
        hit = _populated(
            gaz.largest_settlement(admin1_code=listed.get("in", admin1_code), name=listed["name"])
        )
        if hit:
            return hit
    return _populated(gaz.largest_settlement(admin1_code=admin1_code))


@lru_cache(maxsize=256)
def national_capital(country: str) -> PopulatedPlace | None:
    """The capital (GeoNames PPLC) of a country, else its most populous settlement."""
    gaz = _gaz()
    return _populated(gaz.largest_settlement(country=country.upper(), feature="PPLC")) or _populated(
        gaz.largest_settlement(country=country.upper())
    )


@lru_cache(maxsize=1)
def _settlement_points() -> tuple[Any, Any, Any, Any, Any]:
    """(ids, lat, lon, population, country) arrays of every gazetteer settlement, loaded once:
    the read-only gazetteer has no spatial index, and a scan per incident would be slow."""
    import numpy as np

    rows = _gaz().settlement_points()
    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    lat = np.fromiter((r[1] for r in rows), dtype=np.float64, count=len(rows))
    lon = np.fromiter((r[2] for r in rows), dtype=np.float64, count=len(rows))
    pop = np.fromiter((r[3] for r in rows), dtype=np.float64, count=len(rows))
    cc = np.array([r[4] for r in rows], dtype="<U2")
    return ids, lat, lon, pop, cc


@lru_cache(maxsize=4096)
def nearest_settlement(
    lat: float, lon: float, country: str | None, max_km: float = 40.0
) -> PopulatedPlace | None:
    """The settlement nearest to a point (a facility, a water body, a district's centre), within ``max_km``.

    A town a little further away beats a hamlet next door: the distance is divided by a
    factor that grows with the logarithm of the population.
    """
    import numpy as np

    ids, la, lo, pop, cc = _settlement_points()
    dlat = max_km / 111.0
    dlon = max_km / max(1.0, 111.0 * math.cos(math.radians(lat)))
    mask = (la >= lat - dlat) & (la <= lat + dlat) & (lo >= lon - dlon) & (lo <= lon + dlon)
    if country:
        mask &= cc == country.upper()
    idx = np.nonzero(mask)[0]
    best: tuple[float, int] | None = None
    for i in idx:
        d = _km(lat, lon, float(la[i]), float(lo[i]))
        if d > max_km:
            continue
        score = d / (1.0 + math.log10(1.0 + float(pop[i])) / 3)
        if best is None or score < best[0]:
            best = (score, int(ids[i]))
    if best is None:
        return None
    return _populated(_gaz().entry(best[1]))


def populated_place(
    place: dict[str, Any], lat: float | None, lon: float | None
) -> tuple[PopulatedPlace, int] | None:
    """(populated place, geo_precision) for an incident's place, as ACLED would code its location."""
    kind = place.get("kind") or ("settlement" if place.get("precision") == 1 else None)
    prec = place.get("precision")
    cc = place.get("country")
    name = place.get("name") or place.get("mention")
    a1, a2 = place.get("admin1"), place.get("admin2")
    try:
        prec = int(prec) if prec is not None else None
    except (TypeError, ValueError):
        prec = None
    if kind == "settlement" and name and lat is not None and lon is not None:
        return (str(name), lat, lon, a1, a2), prec or 1
    if kind == "region" or (kind is None and prec == 3 and place.get("admin1_code")):
        code = place.get("admin1_code")
        cap = regional_capital(code) if code else None
        if cap:
            return (cap[0], cap[1], cap[2], a1 or cap[3], None), 3
    if kind == "country" and cc:
        cap = national_capital(cc)
        if cap:
            return (cap[0], cap[1], cap[2], cap[3], None), 3
    if lat is not None and lon is not None:
        near = nearest_settlement(lat, lon, cc)
        if near:
            p = max(2, prec or 2)  # a district, facility or water body is located by a settlement near it
            return (near[0], near[1], near[2], a1 or near[3], a2 or near[4]), min(p, 3)
        if place.get("admin1_code"):
            cap = regional_capital(place["admin1_code"])
            if cap:
                return (cap[0], cap[1], cap[2], a1 or cap[3], None), 3
    elif place.get("admin1_code"):
        cap = regional_capital(place["admin1_code"])
        if cap:
            return (cap[0], cap[1], cap[2], a1 or cap[3], None), 3
    return None


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, lower first (17, 18); one actor alone is inter1 * 10."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    lo, hi = sorted((inter1, inter2))
    return lo * 10 + hi
