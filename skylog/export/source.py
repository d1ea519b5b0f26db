"""Incidents out of the store, page by page, for the exports and the API.

Only the store's incident reads (``Store.incident_page``, ``Store.get_incident``)
are used, so exports see exactly what the CLI and API see. Pages are fetched with
the store's cursor, so memory stays at one page however large the store.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from skylog.store import Store
from skylog.store.filters import BBox, IncidentFilter

PAGE_SIZE = 1000
DETAIL_KEYS = (
    "fields", "sources", "types", "grade_reason", "n_sources", "n_reports", "field_confidence", "low_confidence",
)  # fmt: skip


def list_page(
    store: Store, *, limit: int, cursor: str | None = None, f: IncidentFilter | None = None
) -> tuple[list[dict[str, Any]], str | None]:
    """(items, next cursor) of one page of incidents matching ``f``."""
    page = store.incident_page(f, limit=limit, cursor=cursor, with_total=False)
    return page["items"], page["next_cursor"]


def _report_ids(data: dict[str, Any]) -> list[str]:
    return [r for s in data.get("sources") or [] if isinstance(s, dict) for r in s.get("reports") or []]


def attach_fields(store: Store, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add each page item's resolved fields, sources and report URLs in bounded queries
    (not one query per incident)."""
    ids = [str(i.get("id")) for i in items if "fields" not in i]
    if not ids:
        return items
    data_of = store.incident_data(ids)
    urls = store.report_urls({r for data in data_of.values() for r in _report_ids(data)})
    out = []
    for inc in items:
        data = data_of.get(str(inc.get("id"))) or {}
        if data and "fields" not in inc:
            inc = dict(inc)
            for k in DETAIL_KEYS:
                if k in data and k not in inc:
                    inc[k] = data[k]
            rids = _report_ids(data)
            inc.setdefault("urls", list(dict.fromkeys(urls[r] for r in rids if r in urls)))
        out.append(inc)
    return out


def iter_incidents(
    store: Store,
    *,
    page_size: int = PAGE_SIZE,
    detail: bool = False,
    start: datetime | str | None = None,
    end: datetime | str | None = None,
    admin1: str | None = None,
    type: str | None = None,  # noqa: A002 - the contract's field name
    grade: str | None = None,
    bbox: BBox | None = None,
) -> Iterator[dict[str, Any]]:
    """Every incident matching the filters, page by page; ``detail`` adds each one's fields and claims."""
    f = IncidentFilter(start=start, end=end, admin1=admin1, type=type, grade=grade, bbox=bbox)
    cursor: str | None = None
    while True:
        items, cursor = list_page(store, limit=page_size, cursor=cursor, f=f)
        if detail:
            items = attach_fields(store, items)
        yield from items
        if not cursor or not items:
            return
