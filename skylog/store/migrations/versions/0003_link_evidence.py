"""Why linked: membership evidence, analyst overrides (split/merge), related incidents.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from skylog.store.schema import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _dt() -> UTCDateTime:
    return UTCDateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("incident_members") as batch:
        batch.add_column(sa.Column("evidence", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("created_by", sa.String(16), nullable=True))
    op.create_table(
        "link_overrides",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", _dt(), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("report_a", sa.String(64), nullable=False),
        sa.Column("report_b", sa.String(64), nullable=False),
        sa.Column("incident_id", sa.String(32), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("created_by", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link_overrides")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_link_overrides_report_a"), "link_overrides", ["report_a"], unique=False)
    op.create_index(op.f("ix_link_overrides_report_b"), "link_overrides", ["report_b"], unique=False)
    op.create_table(
        "incident_related",
        sa.Column("incident_id", sa.String(32), nullable=False),
        sa.Column("other_id", sa.String(32), nullable=False),
        sa.Column("relation", sa.String(16), nullable=False),
        sa.Column("at", _dt(), nullable=False),
        sa.PrimaryKeyConstraint("incident_id", "other_id", name=op.f("pk_incident_related")),
    )
    op.create_index(op.f("ix_incident_related_other_id"), "incident_related", ["other_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_incident_related_other_id"), table_name="incident_related")
    op.drop_table("incident_related")
    op.drop_index(op.f("ix_link_overrides_report_b"), table_name="link_overrides")
    op.drop_index(op.f("ix_link_overrides_report_a"), table_name="link_overrides")
    op.drop_table("link_overrides")
    with op.batch_alter_table("incident_members") as batch:
        batch.drop_column("created_by")
        batch.drop_column("evidence")
