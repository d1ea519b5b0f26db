"""Linking tables: incidents, incident members, incident log.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from skylog.store.schema import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _dt() -> UTCDateTime:
    return UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("start", _dt(), nullable=True),
        sa.Column("end", _dt(), nullable=True),
        sa.Column("time_precision", sa.String(16), nullable=True),
        sa.Column("sort_time", _dt(), nullable=False),
        sa.Column("country", sa.String(8), nullable=True),
        sa.Column("admin1_code", sa.String(16), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("admin2", sa.Text(), nullable=True),
        sa.Column("place_name", sa.Text(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("geo_precision", sa.Integer(), nullable=True),
        sa.Column("grade", sa.String(32), nullable=False),
        sa.Column("n_mentions", sa.Integer(), nullable=False),
        sa.Column("n_reports", sa.Integer(), nullable=False),
        sa.Column("n_sources", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("killed", sa.Integer(), nullable=True),
        sa.Column("killed_low", sa.Integer(), nullable=True),
        sa.Column("killed_high", sa.Integer(), nullable=True),
        sa.Column("injured", sa.Integer(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("created_at", _dt(), nullable=False),
        sa.Column("updated_at", _dt(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
    )
    op.create_index("ix_incidents_sort_time", "incidents", ["sort_time"])
    op.create_index("ix_incidents_admin1_code", "incidents", ["admin1_code"])
    op.create_index("ix_incidents_type", "incidents", ["type"])
    op.create_index("ix_incidents_grade", "incidents", ["grade"])
    op.create_table(
        "incident_members",
        sa.Column("mention_id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.String(32), nullable=False),
        sa.Column("report_id", sa.String(64), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("linked_at", _dt(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_incident_members_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("mention_id", name=op.f("pk_incident_members")),
    )
    op.create_index(
        op.f("ix_incident_members_incident_id"), "incident_members", ["incident_id"], unique=False
    )
    op.create_index(op.f("ix_incident_members_report_id"), "incident_members", ["report_id"], unique=False)
    op.create_table(
        "incident_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", _dt(), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("incident_id", sa.String(32), nullable=False),
        sa.Column("other_id", sa.String(32), nullable=True),
        sa.Column("mention_id", sa.Integer(), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_log")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_incident_log_incident_id"), "incident_log", ["incident_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_incident_log_incident_id"), table_name="incident_log")
    op.drop_table("incident_log")
    op.drop_index(op.f("ix_incident_members_report_id"), table_name="incident_members")
    op.drop_index(op.f("ix_incident_members_incident_id"), table_name="incident_members")
    op.drop_table("incident_members")
    for ix in (
        "ix_incidents_grade",
        "ix_incidents_type",
        "ix_incidents_admin1_code",
        "ix_incidents_sort_time",
    ):
        op.drop_index(ix, table_name="incidents")
    op.drop_table("incidents")
