"""Alembic environment: runs on the connection the Store hands over (no alembic.ini)."""

from __future__ import annotations

from alembic import context

import skylog.store.incident_schema  # noqa: F401 - the incident tables share the metadata: autogenerate sees them
from skylog.store.schema import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when run from the alembic CLI
    from sqlalchemy import create_engine

    from skylog.config import database_url

    connection = create_engine(database_url()).connect()

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
