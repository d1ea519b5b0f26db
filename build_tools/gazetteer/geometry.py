"""Points for units the sources give none, rayon links of unlinked settlements, alias demotions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz

from build_tools.gazetteer.builder import Builder
from build_tools.gazetteer.model import RU_UA_FULL, SRC_ADJ, SRC_GEN, SRC_PRIMARY, P, centroid, haversine
from build_tools.gazetteer.spelling import common_prefix, stem_latin
from skylog.geo.normalize import norm, script_of


def coordinates(b: Builder) -> None:
    """Every unit gets a point, every RU/BY settlement a rayon where one is near, names their parents."""
    members: dict[int, list[P]] = defaultdict(list)
    for p in b.places:
        if p.level == 3:
            if p.a2:
                members[p.a2].append(p)
            if p.a1:
                members[p.a1].append(p)
    _place_districts(b, members)
    _place_regions_and_countries(b, members)
    _link_rayon_seats(b)
    _demote_city_names_of_regions(b)
    _demote_country_names_of_settlements(b)
    _fill_parent_names(b)


def _place_districts(b: Builder, members: dict[int, list[P]]) -> None:
    """A second-level unit without a point: its seat by name stem within the same admin1, else the
    centroid of its settlements."""
    cities_by_a1: dict[int, list[P]] = defaultdict(list)
    for p in b.places:
        if p.level == 3 and p.a1:
            cities_by_a1[p.a1].append(p)
    for p in b.places:
        if p.level != 2 or p.lat is not None:
            continue
        # a rayon is named after its seat (Borovsky -> Borovsk); US counties mostly are not
        seat = _seat(p, cities_by_a1.get(p.a1 or -1, [])) if p.country in RU_UA_FULL else None
        mem = members.get(p.id, [])
        if seat is not None:
            p.lat, p.lon = seat.lat, seat.lon
            p.feature = (p.feature or "ADM2") + "|seat"
            _seat_district_names(p, seat)
        elif mem:
            p.lat, p.lon = centroid(mem)
            p.feature = (p.feature or "ADM2") + "|centroid"


def _seat_district_names(p: P, seat: P) -> None:
    """'Borovsk district', 'Borovsk raion': reports name a rayon after its seat."""
    primary = norm(seat.name)
    for k in list(seat.names):
        if script_of(k) == "latin" and len(k.split()) == 1 and fuzz.ratio(k, primary) >= 70:
            p.add(f"{k} district", SRC_GEN)
            p.add(f"{k} raion", SRC_GEN)
            p.add(f"{k} rayon", SRC_GEN)
            p.add(f"{k} municipal district", SRC_GEN)


def _seat_stems(unit: P) -> set[str]:
    stems = set()
    for k in unit.names:
        if script_of(k) != "latin":
            continue
        w = k.split()[0]
        if w in ("gorodskoy", "city", "municipality"):
            w = k.split()[-1]
        st = stem_latin(w)
        if len(st) >= 3:
            stems.add(st)
    return stems


def _seat_rank(k: str, stems: Iterable[str], population: int) -> tuple[int, int] | None:
    """How well a one-word name ``k`` matches the best of the stems: (1, pop) by prefix, (0, pop) by
    near prefix. The best, not the first: a set of stems iterates in an order of the hash seed's."""
    best = None
    for st in stems:
        if len(k) - len(st) > 3:
            continue
        if k.startswith(st):
            return (1, population)
        if len(st) >= 6 and common_prefix(k, st) >= len(st) - 2:
            best = (0, population)  # Zhizdrinsky -> Zhizdra
    return best


def _seat(unit: P, cities: list[P]) -> P | None:
    """The settlement a unit is named after, the most populous on ties."""
    stems = _seat_stems(unit)
    best, best_rank = None, None
    for c in cities:
        for k in c.names:
            if script_of(k) != "latin" or " " in k:
                continue
            rank = _seat_rank(k, stems, c.population)
            if rank is not None and (best_rank is None or rank > best_rank):
                best, best_rank = c, rank
    return best


def _place_regions_and_countries(b: Builder, members: dict[int, list[P]]) -> None:
    """A region without a point: the centroid of its settlements; a country: of up to 2,000 of them."""
    for p in b.places:
        if p.level == 1 and p.lat is None:
            mem = members.get(p.id, [])
            if mem:
                p.lat, p.lon = centroid(mem)
        if p.level == 0 and p.lat is None:
            mem = [q for q in b.places if q.level == 3 and q.country == p.country][:2000]
            if mem:
                p.lat, p.lon = centroid(mem)


def _link_rayon_seats(b: Builder) -> None:
    """RU/BY settlements without a rayon link: the nearest rayon seat in the same region (approx)."""
    seats: dict[int, list[P]] = defaultdict(list)
    for p in b.places:
        if p.level == 2 and p.lat is not None and p.a1 and "|seat" in (p.feature or ""):
            seats[p.a1].append(p)
    for p in b.places:
        if p.level == 3 and p.a2 is None and p.a1 and p.country in RU_UA_FULL and seats.get(p.a1):
            best = min(seats[p.a1], key=lambda s, p=p: haversine(p.lat, p.lon, s.lat, s.lon))
            if haversine(p.lat, p.lon, best.lat, best.lon) < 60:
                p.a2 = best.id
                p.approx = 1


def _demote_city_names_of_regions(b: Builder) -> None:
    """ "Kharkiv" alone is the city, not the oblast: demote such bare aliases of RU/UA regions."""
    city_keys: dict[int, set[str]] = defaultdict(set)
    for p in b.places:
        if p.level == 3 and p.a1 and p.country in RU_UA_FULL and p.population >= 10000:
            city_keys[p.a1].update(k for k, src in p.names.items() if src <= 2)
    for p in b.places:
        if p.level == 1 and p.country in RU_UA_FULL:
            for k in list(p.names):
                if k in city_keys.get(p.id, ()) and p.names[k] < SRC_ADJ:
                    p.names[k] = SRC_ADJ


def _demote_country_names_of_settlements(b: Builder) -> None:
    """ "Mexico" alone is the country, not Mexico City: demote a settlement's alternate names that
    are its own country's names."""
    country_keys = {p.country: set(p.names) for p in b.places if p.level == 0}
    for p in b.places:
        if p.level == 3:
            for k in country_keys.get(p.country, set()) & set(p.names):
                if p.names[k] > SRC_PRIMARY:
                    p.names[k] = SRC_ADJ


def _fill_parent_names(b: Builder) -> None:
    by_id = {p.id: p for p in b.places}
    for p in b.places:
        if p.a1 and p.level >= 2:
            a1 = by_id[p.a1]
            p.admin1, p.admin1_code = a1.admin1, a1.admin1_code
        if p.a2 and p.level == 3:
            p.admin2 = by_id[p.a2].name
