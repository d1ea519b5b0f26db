"""Tables of the linking stage: incidents, their member mentions, and the change log.

Defined on the store's shared ``metadata`` so one Alembic history covers the
whole database; migration ``0002`` creates the first three, ``0003`` adds the
membership evidence, analyst overrides and related incidents; change both together.

``incident_members.mention_id`` deliberately has no foreign key to
``event_mentions``: re-extracting a report replaces its mentions, and the
linker must *notice* the vanished members (to re-resolve the incident and log
it) rather than have rows disappear underneath it.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, Float, ForeignKey, Index, Integer, String, Table, Text

from skylog.store.schema import UTCDateTime, metadata


def _dt() -> UTCDateTime:
    return UTCDateTime(timezone=True)


incidents = Table(
    "incidents",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("ordinal", Integer, nullable=False),  # creation order: the older incident survives a merge
    Column("type", String(32), nullable=False),
    Column("start", _dt()),  # resolved time window; None when no text gives a time
    Column("end", _dt()),
    Column("time_precision", String(16)),
    Column("sort_time", _dt(), nullable=False),  # start, else first report: for ordering and date filters
    Column("country", String(8)),
    Column("admin1_code", String(16)),
    Column("admin1", Text),
    Column("admin2", Text),
    Column("place_name", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("geo_precision", Integer),
    Column("grade", String(32), nullable=False),
    Column("n_mentions", Integer, nullable=False),
    Column("n_reports", Integer, nullable=False),
    Column("n_sources", Integer, nullable=False),
    Column("count", Integer),
    Column("killed", Integer),
    Column("killed_low", Integer),
    Column("killed_high", Integer),
    Column("injured", Integer),
    Column("data", JSON, nullable=False),  # skylog.link.resolve.resolve() output: claims and evidence
    Column("created_at", _dt(), nullable=False),
    Column("updated_at", _dt(), nullable=False),
    Index("ix_incidents_sort_time", "sort_time"),
    Index("ix_incidents_admin1_code", "admin1_code"),
    Index("ix_incidents_type", "type"),
    Index("ix_incidents_grade", "grade"),
)

incident_members = Table(
    "incident_members",
    metadata,
    Column("mention_id", Integer, primary_key=True),  # event_mentions.id
    Column(
        "incident_id",
        String(32),
        ForeignKey("incidents.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("report_id", String(64), nullable=False, index=True),
    Column("score", Float),
    Column("linked_at", _dt(), nullable=False),
    Column("evidence", JSON),  # why it is a member: score, time, place, text_similarity, reasons, created_by
    Column("created_by", String(16)),  # linker | analyst
)

incident_log = Table(
    "incident_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", _dt(), nullable=False),
    Column("action", String(16), nullable=False),  # create, join, merge, split, drop, dissolve
    Column("incident_id", String(32), nullable=False, index=True),
    Column("other_id", String(32)),
    Column("mention_id", Integer),
    Column("score", Float),
    Column("detail", JSON),
    sqlite_autoincrement=True,
)

# Analyst overrides, as report pairs so they outlive incidents, re-extraction and re-linking:
# kind "cannot" (split apart) or "must" (merged). report_a < report_b.
link_overrides = Table(
    "link_overrides",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", _dt(), nullable=False),
    Column("kind", String(8), nullable=False),
    Column("report_a", String(64), nullable=False, index=True),
    Column("report_b", String(64), nullable=False, index=True),
    Column("incident_id", String(32)),  # the incident acted on, for the record
    Column("reason", Text),
    Column("created_by", String(16), nullable=False),
    sqlite_autoincrement=True,
)

# Incidents related but not the same (a region-wide tally and a village's strike of that night).
incident_related = Table(
    "incident_related",
    metadata,
    Column("incident_id", String(32), primary_key=True),
    Column("other_id", String(32), primary_key=True, index=True),
    Column("relation", String(16), nullable=False),
    Column("at", _dt(), nullable=False),
)
