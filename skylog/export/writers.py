"""Streaming writers: incidents in, one file out, in bounded memory.

Each writer takes any iterable of incident dicts (as ``skylog.link.queries``
returns them) and writes as it goes: CSV and JSON Lines row by row, GeoJSON
feature by feature inside one FeatureCollection, Parquet in row groups of
``batch_size``. Nothing holds the whole set, so a million incidents export
with the memory of one batch.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

from skylog.export.rows import CSV_COLUMNS, coordinates, flat_row

FORMATS: tuple[str, ...] = ("acled-csv", "geojson", "jsonl", "parquet")


def _json_default(o: Any) -> Any:
    if isinstance(o, (datetime, date)):
        return o.isoformat()
    if isinstance(o, (set, frozenset, tuple)):
        return list(o)
    return str(o)


def _now_ts() -> int:
    return int(datetime.now(UTC).timestamp())


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP advice)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv(incidents: Iterable[dict[str, Any]], out: IO[str], *, excel_safe: bool = False) -> int:
    """ACLED-style CSV (ACLED's columns, then injured, count, grade, claims).

    Values are written exactly; ``excel_safe`` defuses text cells that start like a formula
    (report text is hostile, and ``=HYPERLINK(...)`` runs when a spreadsheet opens the file).
    """
    ts = _now_ts()
    w = csv.DictWriter(out, fieldnames=list(CSV_COLUMNS), extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    n = 0
    for inc in incidents:
        row = {k: ("" if v is None else v) for k, v in flat_row(inc, timestamp=ts).items()}
        if excel_safe:
            row = {k: spreadsheet_safe(v) for k, v in row.items()}
        w.writerow(row)
        n += 1
    return n


def write_jsonl(incidents: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """One full incident object per line (every claim and evidence span kept)."""
    n = 0
    for inc in incidents:
        out.write(json.dumps(inc, ensure_ascii=False, default=_json_default))
        out.write("\n")
        n += 1
    return n


def feature(inc: dict[str, Any], *, timestamp: int | None = None) -> dict[str, Any]:
    """One GeoJSON Feature: Point geometry when the incident has coordinates, else null."""
    row = flat_row(inc, timestamp=timestamp)
    coords = coordinates(inc)
    props = {k: v for k, v in row.items() if k not in ("latitude", "longitude")}
    props["id"] = inc.get("id")
    props["type"] = inc.get("type")
    props["claims"] = json.loads(row["claims"]) if row.get("claims") else {}
    return {
        "type": "Feature",
        "id": inc.get("id"),
        "geometry": {"type": "Point", "coordinates": [coords[0], coords[1]]} if coords else None,
        "properties": props,
    }


def write_geojson(incidents: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """A GeoJSON FeatureCollection (RFC 7946), written one feature at a time."""
    ts = _now_ts()
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for inc in incidents:
        if n:
            out.write(",\n")
        out.write(json.dumps(feature(inc, timestamp=ts), ensure_ascii=False, default=_json_default))
        n += 1
    out.write("\n]}\n")
    return n


def parquet_schema():  # -> pyarrow.Schema
    import pyarrow as pa

    ints = {"year", "time_precision", "iso", "geo_precision", "fatalities", "timestamp", "injured", "count"}
    floats = {"latitude", "longitude"}
    fields = []
    for name in CSV_COLUMNS:
        if name in ints:
            typ = pa.int64()
        elif name in floats:
            typ = pa.float64()
        else:
            typ = pa.string()
        fields.append(pa.field(name, typ))
    fields.append(pa.field("incident_id", pa.string()))
    fields.append(pa.field("skylog_type", pa.string()))
    return pa.schema(fields)


def write_parquet(incidents: Iterable[dict[str, Any]], path: str | Path, *, batch_size: int = 10_000) -> int:
    """Parquet (zstd) in row groups of ``batch_size``; pandas, DuckDB and Arrow read it."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    ts = _now_ts()
    n = 0
    cols: dict[str, list[Any]] = {f.name: [] for f in schema}
    with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:

        def flush() -> None:
            if cols["incident_id"]:
                writer.write_table(pa.table(cols, schema=schema))
                for v in cols.values():
                    v.clear()

        for inc in incidents:
            row = flat_row(inc, timestamp=ts)
            for name in CSV_COLUMNS:
                cols[name].append(row.get(name))
            cols["incident_id"].append(str(inc.get("id")) if inc.get("id") is not None else None)
            cols["skylog_type"].append(inc.get("type"))
            n += 1
            if len(cols["incident_id"]) >= batch_size:
                flush()
        flush()
    return n


def export_incidents(
    incidents: Iterable[dict[str, Any]],
    fmt: str,
    out: str | Path,
    *,
    batch_size: int = 10_000,
    excel_safe: bool = False,
) -> int:
    """Write ``incidents`` to ``out`` in ``fmt`` (one of FORMATS); returns how many were written.

    ``batch_size`` is the Parquet row-group size (rows held in memory at once).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    path = Path(out)
    # Write beside the target and rename at the end: a killed export never leaves a
    # truncated file that looks complete, and an earlier complete export stays intact.
    # The partial file has a fixed name, so the next export of the same target
    # overwrites what a killed one left behind.
    tmp = path.with_name(f".{path.name}.part")
    try:
        n = _write(incidents, fmt, tmp, batch_size=batch_size, excel_safe=excel_safe)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return n


def _write(
    incidents: Iterable[dict[str, Any]], fmt: str, path: Path, *, batch_size: int, excel_safe: bool
) -> int:
    if fmt == "parquet":
        return write_parquet(incidents, path, batch_size=batch_size)
    text_writers: dict[str, Callable[[Iterable[dict[str, Any]], IO[str]], int]] = {
        "geojson": write_geojson,
        "jsonl": write_jsonl,
    }
    newline = "" if fmt == "acled-csv" else None
    with path.open("w", encoding="utf-8", newline=newline) as fh:
        if fmt == "acled-csv":
            return write_csv(incidents, fh, excel_safe=excel_safe)
        return text_writers[fmt](incidents, fh)
