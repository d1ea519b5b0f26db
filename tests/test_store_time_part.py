"""Migration 0005: ``event_mentions.time_part``, added to a database that already holds mentions."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import create_engine, inspect, text

from skylog.records import EventMention, Extraction, Report, TimeExpr
from skylog.store import Store
from skylog.store.database import migrate


def test_migration_adds_time_part_to_an_existing_database(tmp_path):
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    migrate(engine, "0004")  # a database as the previous release left it, with a stored mention
    with engine.begin() as c:
        c.execute(text("insert into reports (id, source_kind, ingested_at, language, language_supported, "
                       "version, text) values ('r1', 'media', '2025-10-22 10:00:00', 'en', 1, 1, 'A drone hit Kyiv.')"))  # fmt: skip
        c.execute(text("insert into event_mentions (report_id, idx, type, data) "
                       "values ('r1', 0, 'drone_strike', '{\"type\": \"drone_strike\"}')"))  # fmt: skip
    assert "time_part" not in {col["name"] for col in inspect(engine).get_columns("event_mentions")}
    engine.dispose()

    store = Store(f"sqlite:///{path}")  # opening migrates to head
    assert "time_part" in {col["name"] for col in inspect(store.engine).get_columns("event_mentions")}
    with store.engine.connect() as c:
        assert c.execute(text("select type, time_part from event_mentions")).all() == [("drone_strike", None)]

    text_ = "Russian drones attacked Kyiv in the evening of 22 October."
    rep = Report(
        id="r2", text=text_, source="s", language="en", published_at=datetime(2025, 10, 23, tzinfo=UTC)
    )
    tm = TimeExpr(text="22 October", start="2025-10-22", end="2025-10-22", precision="day", span=(47, 57),
                  part="evening", part_span=(36, 43))  # fmt: skip
    store.add_reports([rep])
    store.save_extraction(
        Extraction(report=rep, events=[EventMention(type="drone_strike", spans=[(0, 14)], time=tm)])
    )
    with store.engine.connect() as c:
        assert (
            c.execute(text("select time_part from event_mentions where report_id = 'r2'")).scalar()
            == "evening"
        )
    stored = [m for m in store.iter_mentions(0) if m.report_id == "r2"]
    assert stored[0].mention["time"]["part"] == "evening"  # what the linker reads
    assert stored[0].mention["time"]["part_span"] == [36, 43]
    store.close()
