"""Every stored mention ends in exactly one incident after a link run: incremental, re-extracted, rebuilt.

Read through the public views (``list_incidents`` / ``get_incident`` members), not the
members table alone, so a mention the linker drops, or an incident left with no members,
shows up as the analyst would see it.
"""

from __future__ import annotations

from collections import Counter

from test_link_fixtures import (
    country_tally,
    kaluga_example,
    kaluga_official,
    kaluga_outlet,
    store_records,
    village_strike,
)
from typer.testing import CliRunner

from skylog.store.incidents import get_incident, list_incidents
from skylog.store.linking import link_store


def _membership(store) -> Counter:
    """Mention id -> how many incidents list it as a member."""
    seen: Counter = Counter()
    cursor = None
    while True:
        page = list_incidents(store, limit=100, cursor=cursor)
        for item in page["items"]:
            members = get_incident(store, item["id"])["members"]
            assert members, f"incident {item['id']} has no members"
            seen.update(str(m["mention_id"]) for m in members)
        cursor = page["next_cursor"]
        if not cursor:
            return seen


def _assert_each_mention_once(store) -> None:
    stored = Counter(str(m.id) for m in store.iter_mentions())
    assert stored, "the scenario stored no mentions"
    assert _membership(store) == stored  # every mention, once; nothing else
    assert store.check() == []  # check names unlinked mentions, so it agrees


def _night_tallies():
    day, pub = "2025-06-01", "2025-06-01T09:00:00+03:00"
    return [
        country_tally("af-a", "Ukraine's Air Force: 18 of 23 drones shot down over Ukraine.", "interception",
                      day, pub),
        country_tally("af-b", "Overnight Russia attacked Ukraine with 23 drones, 18 downed.", "interception",
                      day, "2025-06-01T10:00:00+03:00"),
        village_strike(day, "2025-06-01T11:00:00+03:00"),
    ]  # fmt: skip


def test_every_mention_in_one_incident_incremental_and_rebuilt(store):
    example = kaluga_example()
    batches = [example[:1], [kaluga_official(), *example[1:]], [kaluga_outlet(), *_night_tallies()]]
    for batch in batches:  # incremental runs, each over what is new
        store_records(store, batch)
        link_store(store)
        _assert_each_mention_once(store)
    store_records(store, [kaluga_official()])  # re-extracted: new mention ids replace the old
    summary = link_store(store)
    assert summary.new_mentions == 1 and summary.dropped == 1
    _assert_each_mention_once(store)

    from skylog.cli import app

    db = str(store.engine.url.database)
    out = CliRunner().invoke(app, ["link", "--rebuild", "--db", db])
    assert out.exit_code == 0, out.output
    _assert_each_mention_once(store)
    out = CliRunner().invoke(app, ["link", "--db", db])  # nothing new: nothing changes
    assert out.exit_code == 0 and "0 new mention(s)" in out.output
    _assert_each_mention_once(store)
