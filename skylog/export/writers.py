"""Streaming writers: incidents in, one file out, in bounded memory.

Each writer takes any iterable of incident dicts (as ``skylog.store.incidents``
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

from skylog.export.incident_fields import coordinates
from skylog.export.rows import CSV_COLUMNS, flat_row

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


SIDE_COLUMNS: tuple[str, ...] = ("reason", *CSV_COLUMNS)


def side_path(path: str | Path) -> Path:
    """Where an ACLED export puts the incidents it cannot date or place: beside the file."""
    p = Path(path)
    return p.with_name(f"{p.stem}.undated-or-unlocated{p.suffix or '.csv'}")


def side_reason(row: dict[str, Any]) -> str | None:
    """Why an ACLED row cannot be in the ACLED file (ACLED requires a date and coordinates)."""
    missing = []
    if not row.get("event_date"):
        missing.append("no date")
    if row.get("latitude") is None or row.get("longitude") is None:
        missing.append("no location")
    return ", ".join(missing) or None


def write_csv(
    incidents: Iterable[dict[str, Any]],
    out: IO[str],
    *,
    excel_safe: bool = False,
    side: IO[str] | None = None,
    counts: dict[str, int] | None = None,
) -> int:
    """ACLED CSV: ACLED's columns in ACLED's order, then skylog's (docs/export.md).

    ACLED rows always have a date and coordinates: an incident without either goes to
    ``side`` (a CSV with a ``reason`` column), or is counted in ``counts["side"]`` and left
    out when there is no side file. Values are written exactly; ``excel_safe`` defuses text
    cells that start like a formula (report text is hostile, and ``=HYPERLINK(...)`` runs
    when a spreadsheet opens the file). Returns the number of ACLED rows written.
    """
    ts = _now_ts()
    w = csv.DictWriter(out, fieldnames=list(CSV_COLUMNS), extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    sw = None
    if side is not None:
        sw = csv.DictWriter(side, fieldnames=list(SIDE_COLUMNS), extrasaction="ignore", lineterminator="\n")
        sw.writeheader()
    n = n_side = 0
    for inc in incidents:
        flat = flat_row(inc, timestamp=ts)
        reason = side_reason(flat)
        row = {k: ("" if v is None else v) for k, v in flat.items()}
        if excel_safe:
            row = {k: spreadsheet_safe(v) for k, v in row.items()}
        if reason:
            n_side += 1
            if sw is not None:
                sw.writerow({"reason": reason, **row})
            continue
        w.writerow(row)
        n += 1
    if counts is not None:
        counts["side"] = counts.get("side", 0) + n_side
        counts["rows"] = counts.get("rows", 0) + n
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

    ints = {
        "year",
        "time_precision",
        "inter1",
        "inter2",
        "interaction",
        "iso",
        "geo_precision",
        "fatalities",
        "timestamp",
        "injured",
        "count",
    }
    floats = {"latitude", "longitude", "confidence"}
    fields = []
    for name in CSV_COLUMNS:
        if name in ints:
            typ = pa.int64()
        elif name in floats:
            typ = pa.float64()
        else:
            typ = pa.string()
        fields.append(pa.field(name, typ))
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
    counts: dict[str, int] | None = None,
) -> int:
    """Write ``incidents`` to ``out`` in ``fmt`` (one of FORMATS); returns how many were written.

    ``batch_size`` is the Parquet row-group size (rows held in memory at once). For
    ``acled-csv`` the incidents without a date or a place go to :func:`side_path` (written
    only when there are any); ``counts["side"]`` says how many.
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
        if fmt == "acled-csv":
            n = _write_acled(incidents, path, tmp, excel_safe=excel_safe, counts=counts)
        else:
            n = _write(incidents, fmt, tmp, batch_size=batch_size, excel_safe=excel_safe)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return n


def _write_acled(
    incidents: Iterable[dict[str, Any]],
    path: Path,
    tmp: Path,
    *,
    excel_safe: bool,
    counts: dict[str, int] | None,
) -> int:
    side = side_path(path)
    side_tmp = side.with_name(f".{side.name}.part")
    local: dict[str, int] = {}
    try:
        with (
            tmp.open("w", encoding="utf-8", newline="") as fh,
            side_tmp.open("w", encoding="utf-8", newline="") as sh,
        ):
            n = write_csv(incidents, fh, excel_safe=excel_safe, side=sh, counts=local)
        if local.get("side"):
            os.replace(side_tmp, side)
        else:
            side_tmp.unlink(missing_ok=True)
            side.unlink(missing_ok=True)  # an older side file no longer describes this export
    except BaseException:
        side_tmp.unlink(missing_ok=True)
        raise
    if counts is not None:
        for k, v in local.items():
            counts[k] = counts.get(k, 0) + v
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
