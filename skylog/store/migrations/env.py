"""Alembic environment: runs on the connection the Store hands over (no alembic.ini)."""

from __future__ import annotations

import importlib

from alembic import context

from skylog.store.schema import metadata

# Other areas' tables share the metadata; import them so autogenerate sees everything.
try:
    importlib.import_module("skylog.store.incident_schema")
except ModuleNotFoundError:
    pass

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
