"""Part of the day of a mention's time: ``event_mentions.time_part``.

The part of the day its time names (night, morning, afternoon, evening; ``extract.common.dayparts``),
beside ``time_start``/``time_end``/``time_precision``; the mention's ``data`` carries it with its span
(``time.part``, ``time.part_span``), which the linker reads. Mentions stored before this revision keep
no part (unknown: compatible with every part) until their reports are extracted again.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN (not a batch table copy): the table and its rows stay as they are
    op.add_column("event_mentions", sa.Column("time_part", sa.String(16), nullable=True))


def downgrade() -> None:
    op.drop_column("event_mentions", "time_part")  # ALTER TABLE DROP COLUMN (SQLite >= 3.35)
