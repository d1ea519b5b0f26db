"""Linking, queries and a split on PostgreSQL: the same code as on SQLite (skipped without a server)."""

from __future__ import annotations

import pytest
from test_link_fixtures import kaluga_example, kaluga_official, kaluga_outlet, store_records

from skylog.store import Store
from skylog.store.incidents import get_incident, list_incidents
from skylog.store.linking import link_store, split_incident

pytestmark = pytest.mark.postgres


def test_link_and_query_on_postgres(pg_url):
    store = Store(pg_url)
    try:
        store_records(store, kaluga_example())
        assert link_store(store).created == 2
        store_records(store, [kaluga_official(), kaluga_outlet()])
        s = link_store(store)
        assert s.joined == 2 and s.created == 0
        page = list_incidents(store, admin1="ru-klu", type="interception")
        assert page["total"] == 1
        inc = get_incident(store, page["items"][0]["id"])
        assert inc["grade"] == "several_sources_one_side" and inc["n_sources"] == 3
        assert {c["value"] for c in inc["fields"]["count"]["claims"]} == {3, 5}
        assert list_incidents(store, start="2025-06-01", end="2025-06-01")["total"] == 2
        first = list_incidents(store, limit=1)
        second = list_incidents(store, limit=1, cursor=first["next_cursor"])
        assert first["items"][0]["id"] != second["items"][0]["id"] and second["next_cursor"] is None
        outlet = next(m["mention_id"] for m in inc["members"] if m["report_id"] == "kaluga24")
        new_id = split_incident(store, inc["id"], [outlet])
        assert get_incident(store, new_id)["n_mentions"] == 1
        assert link_store(store).new_mentions == 0
    finally:
        store.close()
