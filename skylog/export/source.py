"""Incidents out of the store, page by page, for the exports and the API.

Only ``skylog.link.queries`` (``list_incidents`` / ``get_incident``) is used,
so exports see exactly what the CLI and API see. Pages are fetched with the
query's cursor, so memory stays at one page however large the store.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

PAGE_SIZE = 1000


def unpack_page(result: Any) -> tuple[list[dict[str, Any]], Any]:
    """(items, next cursor) from what ``list_incidents`` returns (a page object, dict or tuple)."""
    if isinstance(result, tuple) and len(result) == 2:
        items, cursor = result
    elif isinstance(result, dict):
        items = result.get("incidents", result.get("items", []))
        cursor = result.get("next_cursor", result.get("cursor"))
    elif hasattr(result, "incidents") or hasattr(result, "items"):
        items = getattr(result, "incidents", None)
        if items is None:
            items = result.items
        cursor = getattr(result, "next_cursor", None)
    else:
        items, cursor = list(result), None
    return [_as_dict(i) for i in items], cursor


def _as_dict(item: Any) -> dict[str, Any]:
    if isinstance(item, dict):
        return item
    to_dict = getattr(item, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    from dataclasses import asdict, is_dataclass

    if is_dataclass(item) and not isinstance(item, type):
        return asdict(item)
    raise TypeError(f"cannot read incident of type {type(item).__name__}")


def queries() -> Any:
    """The link query module (looked up at call time, so a store's linker can be swapped in tests)."""
    import importlib

    return importlib.import_module("skylog.link.queries")


def list_page(
    store: Any, *, limit: int, cursor: Any = None, **filters: Any
) -> tuple[list[dict[str, Any]], Any]:
    """One page of incidents matching ``filters`` (the link query's own keyword names)."""
    clean = {k: v for k, v in filters.items() if v is not None}
    return unpack_page(queries().list_incidents(store, limit=limit, cursor=cursor, **clean))


def get_detail(store: Any, incident_id: str) -> dict[str, Any] | None:
    inc = queries().get_incident(store, incident_id)
    return _as_dict(inc) if inc is not None else None


def _attach_fields(store: Any, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add each page item's resolved fields and sources in one query (not one per incident)."""
    try:
        from sqlalchemy import select

        from skylog.store.incident_schema import incidents
    except ImportError:
        return [get_detail(store, str(i.get("id"))) or i for i in items]
    ids = [str(i.get("id")) for i in items if "fields" not in i]
    if not ids:
        return items
    from skylog.store.schema import reports

    with store.engine.connect() as conn:
        rows = dict(
            conn.execute(select(incidents.c.id, incidents.c.data).where(incidents.c.id.in_(ids))).all()
        )
        report_ids = sorted(
            {
                r
                for data in rows.values()
                for s in (data or {}).get("sources") or []
                if isinstance(s, dict)
                for r in s.get("reports") or []
            }
        )
        urls: dict[str, str] = {}
        for i in range(0, len(report_ids), 500):  # bounded IN lists
            chunk = report_ids[i : i + 500]
            urls.update(
                (rid, url)
                for rid, url in conn.execute(
                    select(reports.c.id, reports.c.url).where(reports.c.id.in_(chunk))
                )
                if url
            )
    out = []
    for inc in items:
        data = rows.get(str(inc.get("id"))) or {}
        if data and "fields" not in inc:
            inc = dict(inc)
            for k in ("fields", "sources", "types", "grade_reason", "n_sources", "n_reports"):
                if k in data and k not in inc:
                    inc[k] = data[k]
            rids = [
                r for s in data.get("sources") or [] if isinstance(s, dict) for r in s.get("reports") or []
            ]
            inc.setdefault("urls", list(dict.fromkeys(urls[r] for r in rids if r in urls)))
        out.append(inc)
    return out


def iter_incidents(
    store: Any, *, page_size: int = PAGE_SIZE, detail: bool = False, **filters: Any
) -> Iterator[dict[str, Any]]:
    """Every incident matching ``filters``, page by page; ``detail`` adds each one's fields and claims."""
    cursor = None
    seen_cursors: set[str] = set()
    while True:
        items, cursor = list_page(store, limit=page_size, cursor=cursor, **filters)
        if detail:
            items = _attach_fields(store, items)
        yield from items
        if not cursor or not items:
            return
        key = repr(cursor)
        if key in seen_cursors:  # a cursor that does not move would loop forever
            return
        seen_cursors.add(key)
