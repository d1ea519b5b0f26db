"""Server-side aggregation for the web page: one set of filters, many views of the selection.

The page never holds a 100,000-incident store: the list pages through it, and
the map clusters, the per-day chart, the per-region table, the totals and the
downloads are all computed here in SQL from the *same* filter conditions, so
every view shows the same selection. The filters mean what they mean for
``/api/incidents``: the store's one incident filter (``skylog.store.filters``);
the SQL itself is the store's (``skylog.store.aggregates``).
"""

from __future__ import annotations

import csv
import io
import json
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement

from skylog.store import Store, aggregates
from skylog.store.filters import IncidentFilter

POINT_LIMIT = 4000  # at most this many incidents in view: send points, else grid cells
EXPORT_PAGE = 1000
CACHE_SIZE = 64  # aggregates kept per process (each a few KB)
CACHE_TTL_S = 60.0  # and for at most this long, whatever the store's version says


Filters = IncidentFilter
"""The page's selection: the store's one incident filter (``skylog.store.filters``)."""

_cache: OrderedDict[tuple[Any, ...], tuple[float, Any]] = OrderedDict()
_cache_lock = threading.Lock()
_tokens: weakref.WeakKeyDictionary[Store, object] = weakref.WeakKeyDictionary()


def cached(store: Store, name: str, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
    """``compute()``, remembered for the same store, data version and ``key``.

    Every aggregate is a scan of the incidents table; most page loads ask for the same
    selection (the default view, a shared link). The key includes the store's data version
    (``/api/status``'s, which changes with every new report, mention, incident or link action),
    so an answer is never reused once the data changed.
    """
    with _cache_lock:
        token = _tokens.setdefault(store, object())  # this store object, never a later one at its address
    full = (token, name, store.data_state()["version"], key)
    now = time.monotonic()
    with _cache_lock:
        hit = _cache.get(full)
        if hit is not None and now - hit[0] < CACHE_TTL_S:
            _cache.move_to_end(full)
            return hit[1]
    value = compute()
    with _cache_lock:
        _cache[full] = (now, value)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return value


def conditions(store: Store, f: Filters) -> list[ColumnElement[bool]]:
    """SQL conditions on the incidents table for ``f`` (ValueError on a bad filter)."""
    return store.incident_conditions(f)


# ---- list -----------------------------------------------------------------------------------


def incident_page(store: Store, f: Filters, *, limit: int, cursor: str | None = None) -> dict[str, Any]:
    """One page of incidents, newest first, in the shape of ``/api/incidents``.

    No total is counted: that is a scan of the whole table, and ``overview`` has it.
    """
    from skylog.api.data import with_summary

    page = store.incident_page(f, limit=limit, cursor=cursor, with_total=False)
    items = page["items"]
    return {"incidents": with_summary(items), "next_cursor": page["next_cursor"], "count": len(items)}


# ---- charts, tables and the map -------------------------------------------------------------


def overview(store: Store, f: Filters) -> dict[str, Any]:
    """Everything the page sums over the selection (``skylog.store.aggregates.overview``)."""
    return aggregates.overview(store, f)


def map_layer(
    store: Store,
    f: Filters,
    *,
    zoom: int,
    view: tuple[float, float, float, float] | None,
    parts: tuple[str, ...] = ("markers", "areas"),
) -> dict[str, Any]:
    """What the map draws for the selection inside ``view`` (``skylog.store.aggregates.map_layer``);
    at most ``POINT_LIMIT`` points, else grid clusters."""
    return aggregates.map_layer(store, f, zoom=zoom, view=view, parts=parts, point_limit=POINT_LIMIT)


# ---- downloads ------------------------------------------------------------------------------


def iter_selection(store: Store, f: Filters) -> Iterator[dict[str, Any]]:
    """Every incident of the selection with its fields and sources, newest first, page by page."""
    from skylog.export.source import attach_fields

    cursor = None
    while True:
        page = store.incident_page(f, limit=EXPORT_PAGE, cursor=cursor, with_total=False)
        items = page["items"]
        yield from attach_fields(store, items)
        cursor = page["next_cursor"]
        if not cursor or not items:
            return


def csv_stream(incidents: Iterator[dict[str, Any]]) -> Iterator[str]:
    """ACLED-style CSV (``skylog.export``'s columns and rows), spreadsheet-safe, in chunks."""
    from skylog.export.rows import CSV_COLUMNS, flat_row
    from skylog.export.writers import spreadsheet_safe

    ts = int(datetime.now(UTC).timestamp())
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(CSV_COLUMNS), extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for i, inc in enumerate(incidents, 1):
        row = flat_row(inc, timestamp=ts)
        w.writerow({k: spreadsheet_safe("" if v is None else v) for k, v in row.items()})
        if i % 500 == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def geojson_stream(incidents: Iterator[dict[str, Any]]) -> Iterator[str]:
    """One GeoJSON FeatureCollection (``skylog.export``'s features), feature by feature."""
    from skylog.export.writers import _json_default, feature

    ts = int(datetime.now(UTC).timestamp())
    yield '{"type": "FeatureCollection", "features": [\n'
    first = True
    for inc in incidents:
        text = json.dumps(feature(inc, timestamp=ts), ensure_ascii=False, default=_json_default)
        yield text if first else ",\n" + text
        first = False
    yield "\n]}\n"
