"""Airfields as places: 'Nevatim air base', «аэродром Бельбек» at the airfield's own point.

Air bases lie outside the towns they are named after, and many (Nevatim, Ramat David, Hmeimim) are
named after no settlement the gazetteer holds. The table ``geo/data/airfields.tsv`` (built from
OurAirports, public domain, by ``build_tools/airfields``) lists large and medium airports and
military airfields with the names reports give them and the GeoNames ids of the units around each.
A facility named with an airfield word (``geo/data/airfields.toml``) is looked up in it first; the
airfield comes back as a gazetteer ``Entry`` of its own (feature ``airfield``, an id above
``ID_BASE``) that the gazetteer then answers for like any other.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from importlib import resources

from skylog.geo.gazetteer import Candidate, Entry, Gazetteer
from skylog.geo.normalize import norm
from skylog.geo.vocab import alternation

ID_BASE = 1_000_000_000  # airfield entries' ids: far above any gazetteer row's
FEATURE = "airfield"
W_AIRFIELD = 4.0  # an airfield of the name, when the text names an airfield, over the town it is named after
W_KIND = 0.5  # a military word prefers a military airfield, "airport" a civil one

_MILITARY = re.compile(rf"(?i)(?<!\w)(?:{alternation('airfields', 'en.MILITARY', 'ruuk.MILITARY')})(?!\w)")
_CIVIL = re.compile(rf"(?i)(?<!\w)(?:{alternation('airfields', 'en.CIVIL', 'ruuk.CIVIL')})(?!\w)")
_NUMBERED = re.compile(r"^(.+?)\s+\d{1,2}$")  # "engels 2" of "Engels-2": the base's number


@dataclass(frozen=True)
class _Row:
    ident: str
    military: bool
    name: str
    lat: float
    lon: float
    country: str
    admin1_gid: str
    admin2_gid: str


class Airfields:
    """The airfield table, read on first use; lookups by a name's key."""

    def __init__(self, gz: Gazetteer) -> None:
        self.gz = gz
        self._lock = threading.Lock()
        self._index: dict[str, list[int]] | None = None
        self._rows: list[_Row] = []

    def _load(self) -> dict[str, list[int]]:
        with self._lock:
            if self._index is not None:
                return self._index
            index: dict[str, list[int]] = {}
            text = resources.files("skylog.geo").joinpath("data/airfields.tsv").read_text(encoding="utf-8")
            lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
            for line in lines[1:]:
                ident, kind, name, lat, lon, cc, a1, a2, names = line.split("\t")
                self._rows.append(_Row(ident, kind == "military", name, float(lat), float(lon), cc, a1, a2))
                for n in names.split("|"):
                    index.setdefault(norm(n), []).append(len(self._rows) - 1)
            self._index = index
            return index

    def named(self, key: str) -> list[int]:
        """Row numbers of the airfields bearing a normalised name ('engels 2' finds Engels too)."""
        index = self._load()
        hit = index.get(key)
        if hit is None:
            m = _NUMBERED.match(key)
            hit = index.get(m.group(1), []) if m else []
        return hit

    def entry(self, row: int) -> Entry:
        """The airfield as a gazetteer entry, with the units around it (remembered by the gazetteer)."""
        pid = ID_BASE + row
        known = self.gz.remembered(pid)
        if known is not None:
            return known
        r = self._rows[row]
        a1 = self.gz.by_gid(r.admin1_gid) if r.admin1_gid else None
        a2 = self.gz.by_gid(r.admin2_gid) if r.admin2_gid else None
        e = Entry(
            id=pid,
            gid=f"ourairports:{r.ident}",
            name=r.name,
            kind=FEATURE,
            level=3,
            country=r.country,
            admin1_code=a1.admin1_code if a1 else None,
            admin1=a1.name if a1 else None,
            admin2=a2.name if a2 else None,
            lat=r.lat,
            lon=r.lon,
            population=0,
            a1=a1.id if a1 else None,
            a2=a2.id if a2 else None,
            feature=FEATURE,
            approx=0,
        )
        self.gz.remember(e)
        return e

    def candidates(self, name: str, facility: str, keys: tuple[str, ...], top: float) -> list[Candidate]:
        """The airfields a facility span names ('Nevatim air base': Nevatim Air Base), scored above
        ``top`` (the best other reading), or none when the span names no airfield."""
        if not names_an_airfield(facility):
            return []
        military = bool(_MILITARY.search(facility))
        out: list[Candidate] = []
        for key in dict.fromkeys((norm(name), *keys)):
            for row in self.named(key):
                if any(c.entry.id == ID_BASE + row for c in out):
                    continue
                fits = self._rows[row].military == military
                score = top + W_AIRFIELD + (W_KIND if fits else 0.0)
                why = [f"an airfield named so, the text names an airfield {W_AIRFIELD:+.1f}"]
                if fits:
                    why.append(f"{'military' if military else 'civil'} airfield {W_KIND:+.1f}")
                out.append(Candidate(self.entry(row), key, 0, score, why))
        return sorted(out, key=lambda c: -c.score)


def names_an_airfield(facility: str) -> bool:
    """Does a facility's name carry an airfield word ("air base", «аэродром»)?"""
    return bool(_MILITARY.search(facility) or _CIVIL.search(facility))


def is_airfield(e: Entry) -> bool:
    return e.feature == FEATURE and e.id >= ID_BASE
