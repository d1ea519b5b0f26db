"""The gazetteer file: ``places``, ``names`` (key, place, source rank) and ``meta`` (counts, build time)."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from pathlib import Path

from build_tools.gazetteer.builder import Builder
from build_tools.gazetteer.model import BUILD_VERSION


def write(b: Builder, path: Path) -> dict:
    """Write the places and names to ``path`` (through a temporary file); returns counts and size."""
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
            for p in b.places
        ],
    )
    n_names = 0
    batch = []
    for p in b.places:
        for k, src in p.names.items():
            batch.append((k, p.id, src))
    n_names = len(batch)
    db.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?)", batch)
    stats = {
        "version": BUILD_VERSION,
        "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "places": len(b.places),
        "names": n_names,
    }
    for lvl in range(7):
        stats[f"level{lvl}"] = sum(1 for p in b.places if p.level == lvl)
    db.executemany("INSERT INTO meta VALUES (?,?)", [(k, str(v)) for k, v in stats.items()])
    db.commit()
    db.execute("VACUUM")
    db.close()
    tmp.replace(path)
    stats["bytes"] = path.stat().st_size
    return stats


def content_digest(path: Path) -> str:
    """SHA-256 of every row of ``places`` and ``names`` and of ``meta`` without the build time:
    two builds from the same sources have the same digest (the file bytes differ by the time)."""
    h = hashlib.sha256()
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        for query in (
            "SELECT * FROM places ORDER BY id",
            "SELECT * FROM names ORDER BY key, place",
            "SELECT k, v FROM meta WHERE k != 'built' ORDER BY k",
        ):
            for row in db.execute(query):
                h.update(repr(row).encode())
    finally:
        db.close()
    return h.hexdigest()
