"""Read-only access to the bundled gazetteer (SQLite, opened immutable).

The file ships in the package (``skylog/geo/data/gazetteer.sqlite``), is
opened read-only (one connection per thread, so concurrent callers are
safe) and is queried by normalised name key. Lookups are memoised, so a
batch of reports naming the same places touches the file once per name.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from skylog.geo.normalize import norm
from skylog.geo.vocab import items
from skylog.records import PlaceKind

DATA_PATH = Path(__file__).resolve().parent / "data" / "gazetteer.sqlite"

LEVEL_KIND: dict[int, PlaceKind] = {
    0: "country",
    1: "region",
    2: "district",
    3: "settlement",
    4: "water",
    5: "other",
    6: "district",
}
SRC_NAMES = {
    0: "primary name",
    1: "official alias",
    2: "alternate name",
    3: "generated form",
    5: "adjective",
    6: "abbreviation",
}


NEIGHBOUR_KM = 500.0  # first-level unit points this close make two countries neighbours
# a first-level unit placed at its biggest town (the state of New York at New York City) is
# placed at the mean point of its settlements instead, when it holds this many of them
CITY_POINT_MIN_TOWNS = 20
CITY_POINT_DEG = 0.02  # the unit's point lies this close (degrees) to its biggest town's


@dataclass(frozen=True)
class Entry:
    """One gazetteer row (a country, region, district, settlement or water body)."""

    id: int
    gid: str
    name: str
    kind: str
    level: int
    country: str
    admin1_code: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    population: int
    a1: int | None
    a2: int | None
    feature: str | None
    approx: int


@dataclass
class Candidate:
    """A gazetteer entry proposed for a name, with its score and the reasons for it."""

    entry: Entry
    key: str
    src: int
    score: float = 0.0
    why: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        e = self.entry
        return {
            "name": e.name,
            "kind": e.kind,
            "country": e.country or None,
            "admin1": e.admin1,
            "admin1_code": e.admin1_code,
            "admin2": e.admin2,
            "lat": e.lat,
            "lon": e.lon,
            "population": e.population,
            "gazetteer_id": e.gid,
            "matched": self.key,
            "match": SRC_NAMES.get(self.src, str(self.src)),
            "score": round(self.score, 3),
            "why": self.why,
        }


def gazetteer_path() -> Path:
    """Bundled file, or ``$SKYLOG_GAZETTEER`` when set (e.g. a rebuilt copy)."""
    env = os.environ.get("SKYLOG_GAZETTEER")
    return Path(env) if env else DATA_PATH


class Gazetteer:
    """Name -> entries index over the SQLite file; thread-safe, memoised."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path else gazetteer_path()
        if not self.path.is_file():
            raise FileNotFoundError(
                f"gazetteer not found at {self.path}: in a skylog checkout run `python scripts/build_gazetteer.py` (or `skylog gazetteer build`)"
            )
        self._local = threading.local()
        self._lock = threading.Lock()
        self._names_cache: dict[str, tuple[tuple[int, int], ...]] = {}
        self._entry_cache: dict[int, Entry] = {}
        self.meta = dict(self._db().execute("SELECT k, v FROM meta").fetchall())

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            uri = f"file:{self.path}?mode=ro&immutable=1"
            db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            db.execute("PRAGMA cache_size=-16000")
            self._local.db = db
        return db

    def ids(self, key: str) -> tuple[tuple[int, int], ...]:
        """(place id, name source) pairs for an already normalised key."""
        hit = self._names_cache.get(key)
        if hit is not None:
            return hit
        rows = tuple(self._db().execute("SELECT place, src FROM names WHERE key = ?", (key,)).fetchall())
        if len(self._names_cache) > 500_000:
            self._names_cache.clear()
        self._names_cache[key] = rows
        return rows

    def keys_with_initial(self, initial: str, rest: str) -> list[str]:
        """Keys '<word starting with initial> <rest>': 'р. лозова' -> 'руська лозова' (memoised)."""
        cache: dict[tuple[str, str], tuple[str, ...]] = self.__dict__.setdefault("_initial_cache", {})
        hit = cache.get((initial, rest))
        if hit is None:
            rows = self._db().execute(
                "SELECT DISTINCT key FROM names WHERE key >= ? AND key < ? AND key LIKE ?",
                (initial, initial + "\uffff", f"{initial}% {rest}"),
            )
            hit = tuple(k for (k,) in rows if k.endswith(" " + rest) and " " not in k[: -len(rest) - 1])
            cache[(initial, rest)] = hit
        return list(hit)

    def has(self, key: str) -> bool:
        return bool(self.ids(key))

    def entry(self, pid: int) -> Entry:
        e = self._entry_cache.get(pid)
        if e is None:
            row = self._db().execute("SELECT * FROM places WHERE id = ?", (pid,)).fetchone()
            e = Entry(*row)
            if e.lat is None and e.level == 2 and e.country == "RU":
                # a quarter of Russia's districts come without a point: the seat town's stands in
                seat = self._ru_district_seat(pid)
                if seat and seat[1] is not None:
                    e = replace(e, lat=seat[1], lon=seat[2], approx=1)
            elif e.level == 1:
                e = self._unit_point(e)
            self._entry_cache[pid] = e
        return e

    def remember(self, e: Entry) -> None:
        """Keep an entry made outside the file (an airfield of ``geo.airfields``) under its id."""
        self._entry_cache[e.id] = e

    def remembered(self, pid: int) -> Entry | None:
        return self._entry_cache.get(pid)

    def by_gid(self, gid: str) -> Entry | None:
        """The first- or second-level unit with this source id ('gn:694422'), or None."""
        ids: dict[str, int] = self.__dict__.get("_unit_gids") or self.__dict__.setdefault(
            "_unit_gids",
            dict(self._db().execute("SELECT gid, id FROM places WHERE level IN (1, 2)").fetchall()),
        )
        pid = ids.get(gid)
        return self.entry(pid) if pid is not None else None

    def _unit_point(self, e: Entry) -> Entry:
        """A first-level unit whose point is its biggest town's (some sources place a state at its
        largest city: New York at New York City, 200 km from the state's middle) is placed at the
        mean point of its settlements, when it has enough of them to be more than a city."""
        towns = self.unit_towns().get(e.id)
        if towns is None or e.lat is None or e.lon is None:
            return e
        n, mean_lat, mean_lon, big_lat, big_lon = towns
        if (
            n < CITY_POINT_MIN_TOWNS
            or abs(e.lat - big_lat) > CITY_POINT_DEG
            or abs(e.lon - big_lon) > CITY_POINT_DEG
        ):
            return e
        return replace(e, lat=round(mean_lat, 5), lon=round(mean_lon, 5))

    @lru_cache(maxsize=1)  # noqa: B019 - one Gazetteer per process
    def unit_towns(self) -> dict[int, tuple[int, float, float, float, float]]:
        """Per first-level unit: its number of settlements, their mean point, and its biggest town's point."""
        rows = self._db().execute(
            """SELECT a1, COUNT(*), AVG(lat), AVG(lon), lat, lon, MAX(population) FROM places
               WHERE level = 3 AND a1 IS NOT NULL AND lat IS NOT NULL GROUP BY a1"""
        )
        return {a1: (n, mlat, mlon, blat, blon) for a1, n, mlat, mlon, blat, blon, _ in rows}

    @lru_cache(maxsize=512)  # noqa: B019 - one Gazetteer per process
    def country_entry(self, code: str) -> Entry | None:
        """The country record for an ISO 3166-1 alpha-2 code."""
        row = self._db().execute("SELECT id FROM places WHERE level = 0 AND country = ?", (code,)).fetchone()
        return self.entry(row[0]) if row else None

    def lookup(self, name: str, *, normalised: bool = False) -> list[tuple[Entry, int]]:
        """Entries carrying this name, with how the name is attested (``src``)."""
        key = name if normalised else norm(name)
        return [(self.entry(pid), src) for pid, src in self.ids(key)]

    @lru_cache(maxsize=1)  # noqa: B019 - one Gazetteer per process
    def fuzzy_choices(self) -> tuple[list[str], list[int]]:
        """Keys worth fuzzy matching: admin units, seas, and settlements of 5,000+ (or in RU/UA)."""
        rows = (
            self._db()
            .execute(
                """SELECT n.key, n.place FROM names n JOIN places p ON p.id = n.place
               WHERE n.src <= 3 AND (p.level IN (0, 1, 4, 5, 6) OR (p.level = 2 AND p.country IN ('RU','UA','US'))
                     OR (p.level = 3 AND p.population >= 15000))"""
            )
            .fetchall()
        )
        keys: dict[str, int] = {}
        for k, pid in rows:
            keys.setdefault(k, pid)
        return list(keys), list(keys.values())

    @lru_cache(maxsize=1)  # noqa: B019 - one Gazetteer per process
    def unit_population(self) -> dict[int, int]:
        """Summed population of the settlements in each first-level unit (a size prior).

        Several states share a name (Florida: US, Uruguay, Puerto Rico; Victoria: Australia,
        Malta); the one where more people live is the one more often written about.
        """
        rows = self._db().execute(
            "SELECT a1, SUM(population) FROM places WHERE level = 3 AND a1 IS NOT NULL GROUP BY a1"
        )
        return {a1: int(pop or 0) for a1, pop in rows}

    def nearest_district(self, e: Entry, max_km: float = 60.0) -> Entry | None:
        """The second-level unit of ``e``'s region whose seat or centroid is nearest to it.

        GeoNames links many Russian/Ukrainian villages to their region only; the
        nearest district point is a fair stand-in (a Voronoi guess, not a polygon test).
        """
        if e.lat is None or not e.a1:
            return None
        best, best_d = None, max_km
        for d in self._districts(e.a1):
            km = _km(e.lat, e.lon, d.lat, d.lon)
            if km < best_d:
                best, best_d = d, km
        return best

    def district_label(self, pid: int | None) -> str | None:
        """English name of a Russian district as news agencies write it: the seat town's name.

        GeoNames calls them by the adjective ("Grayvoronsky District", "Sortaval’skiy Rayon",
        "Gorodskoy Okrug Staryy Oskol"); reports and analysts write "Grayvoron District",
        "Stary Oskol District". Other countries' units keep their gazetteer name.
        """
        if pid is None:
            return None
        e = self.entry(pid)
        if e.level != 2 or e.country != "RU":
            return e.name
        hit = self._ru_district_seat(pid)
        return hit[0] if hit else e.name

    @lru_cache(maxsize=1)  # noqa: B019 - one Gazetteer per process
    def _ru_towns(self) -> tuple[dict[int, list[tuple]], dict[int, list[tuple]]]:
        """Russian settlements (population, name, lat, lon, key) by district and by region."""
        towns: dict[int, list[tuple]] = {}
        by_a1: dict[int, list[tuple]] = {}
        for name, pop, a1, a2, lat, lon in self._db().execute(
            "SELECT name, population, a1, a2, lat, lon FROM places WHERE level = 3 AND country = 'RU'"
        ):
            t = (pop or 0, name, lat, lon, norm(name))
            if a2:
                towns.setdefault(a2, []).append(t)
            if a1:
                by_a1.setdefault(a1, []).append(t)
        return towns, by_a1

    def _ru_district_seat(self, pid: int) -> tuple[str, float | None, float | None] | None:
        """(label after the seat town, the seat's lat, lon) for a Russian district, memoised."""
        cache = self.__dict__.setdefault("_seat_cache", {})
        if pid in cache:
            return cache[pid]
        row = self._db().execute("SELECT name, a1 FROM places WHERE id = ?", (pid,)).fetchone()
        cache[pid] = out = _district_seat(pid, row[0], row[1], *self._ru_towns()) if row else None
        return out

    def units(self, country: str) -> list[Entry]:
        """First-level units of a country (cached)."""
        cache = self.__dict__.setdefault("_unit_cache", {})
        hit = cache.get(country)
        if hit is None:
            rows = self._db().execute("SELECT id FROM places WHERE level = 1 AND country = ?", (country,))
            hit = cache[country] = [self.entry(pid) for (pid,) in rows.fetchall()]
        return hit

    @lru_cache(maxsize=1)  # noqa: B019 - one Gazetteer per process
    def _unit_points(self) -> tuple[list[str], list[float], list[float]]:
        rows = (
            self._db()
            .execute(
                "SELECT country, lat, lon FROM places WHERE level IN (0, 1) AND lat IS NOT NULL AND country != ''"
            )
            .fetchall()
        )
        return [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]

    def neighbours(self, country: str, km: float = NEIGHBOUR_KM) -> frozenset[str]:
        """Countries with a first-level unit's point within ``km`` of one of ``country``'s (cached).

        A report about one country names places just across its borders (Kherson in a report on
        Russian shelling, Tyre in one on Israel); this is the region a report's frame spans.
        """
        cache = self.__dict__.setdefault("_neighbour_cache", {})
        hit = cache.get((country, km))
        if hit is None:
            import numpy as np

            cc, lat, lon = self._unit_points()
            cc_a = np.array(cc)
            la, lo = np.radians(np.array(lat)), np.radians(np.array(lon))
            mine = cc_a == country
            near: set[str] = {country}
            for a, b in zip(la[mine], lo[mine], strict=True):
                # haversine from one of the country's points to every unit point
                h = np.sin((la - a) / 2) ** 2 + np.cos(a) * np.cos(la) * np.sin((lo - b) / 2) ** 2
                d = 2 * 6371.0 * np.arcsin(np.sqrt(np.minimum(1.0, h)))
                near.update(cc_a[d <= km].tolist())
            hit = cache[(country, km)] = frozenset(near)
        return hit

    @lru_cache(maxsize=1)  # noqa: B019 - one Gazetteer per process
    def water_words(self) -> list[tuple[str, Entry]]:
        """(word, sea) for each distinctive word of a sea's or gulf's names ('azov', 'азовскии')."""
        out: list[tuple[str, Entry]] = []
        common = set(items("names", "water_words.COMMON"))
        rows = self._db().execute(
            "SELECT n.key, n.place FROM names n JOIN places p ON p.id = n.place WHERE p.level = 4"
        )
        for key, pid in rows.fetchall():
            for w in key.split():
                if len(w) >= 4 and w not in common:
                    out.append((w, self.entry(pid)))
        return out

    def _districts(self, a1: int) -> list[Entry]:
        cache = self.__dict__.setdefault("_district_cache", {})
        hit = cache.get(a1)
        if hit is None:
            rows = (
                self._db()
                .execute("SELECT id FROM places WHERE level = 2 AND a1 = ? AND lat IS NOT NULL", (a1,))
                .fetchall()
            )
            hit = cache[a1] = [self.entry(pid) for (pid,) in rows]
        return hit

    @lru_cache(maxsize=1)  # noqa: B019 - one Gazetteer per process
    def fuzzy_buckets(self) -> dict[tuple[str, int], list[str]]:
        """``fuzzy_choices`` keys grouped by (first character, length).

        A ratio of 90+ between two strings bounds their length difference to about a
        tenth of their summed length, and typos rarely hit the first letter, so a
        fuzzy query only needs to scan a few small buckets instead of every key
        (about 1 ms instead of 100+ ms for a name that matches nothing).
        """
        buckets: dict[tuple[str, int], list[str]] = {}
        for k in self.fuzzy_choices()[0]:
            if k:
                buckets.setdefault((k[0], len(k)), []).append(k)
        return buckets

    # Queries other packages need (region filters, ACLED's populated places): the gazetteer owns its SQL.

    def admin1_with_code(self, code: str) -> str | None:
        """The admin1 code as the gazetteer spells it, for an ISO 3166-2 code in any case."""
        row = (
            self._db()
            .execute(
                "SELECT admin1_code FROM places WHERE level = 1 AND upper(admin1_code) = ? LIMIT 1",
                (code.upper(),),
            )
            .fetchone()
        )
        return row[0] if row else None

    def admin1_names(self, key: str, *, prefix: bool) -> list[tuple[str | None, str, int]]:
        """(admin1 code, primary name, name source) of the first-level units named ``key``
        (a normalised key), or whose names start with it when ``prefix``."""
        if prefix:
            where, args = "n.key >= ? AND n.key < ? LIMIT 200", (key, key + "\uffff")
        else:
            where, args = "n.key = ?", (key,)
        rows = self._db().execute(
            "SELECT p.admin1_code, p.name, n.src FROM names n JOIN places p ON p.id = n.place "
            f"WHERE p.level = 1 AND {where}",
            args,
        )
        return [(code, name, src) for code, name, src in rows]

    def largest_settlement(
        self,
        *,
        admin1_code: str | None = None,
        country: str | None = None,
        name: str | None = None,
        feature: str | None = None,
    ) -> Entry | None:
        """The most populous settlement with a point that meets every condition given."""
        conds, args = ["level = 3", "lat IS NOT NULL"], []
        for column, value in (
            ("admin1_code", admin1_code),
            ("country", country),
            ("name", name),
            ("feature", feature),
        ):
            if value is not None:
                conds.append(f"{column} = ?")
                args.append(value)
        row = (
            self._db()
            .execute(
                f"SELECT id FROM places WHERE {' AND '.join(conds)} ORDER BY population DESC LIMIT 1", args
            )
            .fetchone()
        )
        return self.entry(row[0]) if row else None

    @lru_cache(maxsize=1)  # noqa: B019 - one Gazetteer per process
    def settlement_points(self) -> list[tuple[int, float, float, int, str]]:
        """(id, lat, lon, population, country) of every settlement with a point, for nearest-place
        searches (the read-only file has no spatial index)."""
        rows = self._db().execute(
            "SELECT id, lat, lon, population, country FROM places WHERE level = 3 AND lat IS NOT NULL"
        )
        return [(pid, lat, lon, pop or 0, cc or "") for pid, lat, lon, pop, cc in rows]


_URBAN_OKRUG = re.compile(r"^Gorodskoy Okrug (.+)$")
_ADJ_DISTRICT = re.compile(
    r"^(.+?)\s+(?:(Gorodskoy|Godorskoy|Urban|Municipal)\s+(?:Okrug|District|district)|District|Rayon|rayon|district)$"
)
_ADJ_END = re.compile(r"(?:skiy|skii|skyi|sky|skoy|kiy|ky)$")


def _district_seat(
    pid: int, name: str, a1: int | None, towns: dict[int, list[tuple]], by_a1: dict[int, list[tuple]]
) -> tuple[str, float | None, float | None] | None:
    """'Grayvoronsky District' -> ('Grayvoron District', lat, lon of Grayvoron).

    The seat is looked for among the district's own towns, then (GeoNames links many towns
    to their region only) among its region's.
    """
    m = _URBAN_OKRUG.match(name)
    if m:  # "Gorodskoy Okrug Staryy Oskol" -> "Staryy Oskol Urban District"
        key = norm(m.group(1))
        seat = next((t for t in by_a1.get(a1, []) if t[4] == key), None) if a1 else None
        return (f"{m.group(1)} Urban District", *(seat[2:4] if seat else (None, None)))
    m = _ADJ_DISTRICT.match(name)
    if not m:
        return None
    stem = norm(m.group(1))
    if m.group(2) and not _ADJ_END.search(stem):
        return None  # "Podolsk Urban Okrug": already the town's name
    for pool in (towns.get(pid, []), by_a1.get(a1, []) if a1 else []):
        seat = _seat(stem, pool)
        if seat:
            label = f"{seat[1]} Urban District" if m.group(2) else f"{seat[1]} District"
            return (label, seat[2], seat[3])
    return None


def _seat(stem: str, pool: list[tuple]) -> tuple | None:
    """The most populous town whose name the district adjective is made of ('borisovsky' <- Borisovka)."""
    from rapidfuzz import fuzz

    best = None
    base = _ADJ_END.sub("", stem)
    for t in pool:
        pop, k = t[0], t[4]
        if len(k) < 4 or k[0] != stem[:1]:
            continue
        n = 0
        while n < min(len(k), len(stem)) and k[n] == stem[n]:
            n += 1
        joined = k.replace(" ", "")
        ok = n >= 5 and n >= len(k) - 2 and n >= len(base) - 2 and k.count(" ") == stem.count(" ")
        # a compound seat: "starooskolsky" <- Staryy Oskol
        ok = ok or (" " in k and joined[:4] == base[:4] and fuzz.ratio(joined, base) >= 85)
        if ok and (best is None or pop > best[0]):
            best = t
    return best


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    import math

    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 12742.0 * math.asin(math.sqrt(min(1.0, a)))


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    return Gazetteer()
