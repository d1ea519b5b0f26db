"""Helpers shared by the read commands (not a command area of its own)."""

from __future__ import annotations

from typing import Any

import typer


def open_existing(db: str | None) -> Any:
    """The store for a read command; a database file that does not exist is an error (exit 2),
    never silently created empty (a mistyped ``--db`` must not look like "no incidents")."""
    from skylog.filters import missing_database
    from skylog.store import Store

    path = missing_database(db)
    if path is not None:
        typer.echo(
            f"no database at {path}: ingest reports first (skylog ingest PATH --db FILE) "
            "or give the right --db / $SKYLOG_DB",
            err=True,
        )
        raise typer.Exit(2)
    try:
        return Store(db)
    except Exception as exc:
        typer.echo(f"cannot open database {db or ''}: {exc.__class__.__name__}: {exc}", err=True)
        raise typer.Exit(2) from None


def region_or_exit(store: Any, value: str | None, option: str = "--region") -> str | None:
    """The admin1 code of a region filter, or a usage error (exit 2) that lists the valid regions."""
    if not value:
        return None
    from skylog.filters import FilterError, known_regions, region_code

    try:
        return region_code(value, known_regions(store))
    except FilterError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None


def choice_or_exit(fn: Any, value: str | None, option: str) -> str | None:
    """``fn(value)`` (an event type or grade check), or a usage error (exit 2) listing the valid values."""
    from skylog.filters import FilterError

    try:
        return fn(value)
    except FilterError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None
