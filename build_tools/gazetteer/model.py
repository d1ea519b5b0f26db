"""The place record the builder fills, the name-source ranks and the small helpers every step uses."""

from __future__ import annotations

import csv
import importlib
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from skylog.geo.normalize import norm, script_of

REPO = Path(__file__).resolve().parents[2]
DATA_DIR = REPO / "skylog" / "geo" / "data"
DEFAULT_PATH = DATA_DIR / "gazetteer.sqlite"
SOURCES_DIR = Path(__file__).resolve().parent / "sources"
BUILD_VERSION = 1

# name sources, best first (smaller = more authoritative)
SRC_PRIMARY, SRC_ALIAS, SRC_ALT, SRC_GEN, SRC_ADJ, SRC_ABBR = 0, 1, 2, 3, 5, 6

RU_UA_FULL = {"RU", "UA", "BY"}  # every populated place, all Cyrillic names
MIN_POP_ELSEWHERE = 1000
MIN_POP_US = 0  # LGL-type local news names small US towns

ADMIN2_EN = ("district", "raion", "rayon", "municipal district", "urban district", "municipality")
CYRILLIC = re.compile("[\u0400-\u04ff]")


@dataclass
class P:
    """One place being built: its row of ``places`` and its names (normalised key -> best source)."""

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
        """Add a name, keeping its most authoritative source; noise (one letter, no script) is dropped."""
        if not name:
            return
        key = norm(name)
        if not key or len(key) < 2 or script_of(key) == "other":
            return
        if key not in self.names or self.names[key] > src:
            self.names[key] = src


def site(pkg: str) -> Path:
    """Folder of an installed package, whose data files the build reads."""
    return Path(importlib.import_module(pkg).__file__).resolve().parent


def tsv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f]


def country_points() -> dict[str, tuple[float, float]]:
    """ISO2 -> (lat, lon) from the vendored country table."""
    with open(SOURCES_DIR / "country_points.csv", encoding="utf-8", newline="") as f:
        return {r["iso2"]: (float(r["lat"]), float(r["lon"])) for r in csv.DictReader(f)}


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def centroid(members: list[P]) -> tuple[float, float]:
    """Mean point of places that all have coordinates."""
    return sum(m.lat for m in members) / len(members), sum(m.lon for m in members) / len(members)
