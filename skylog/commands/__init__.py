"""CLI command groups, one module per pipeline area.

Each module defines ``register(app)`` and adds its commands to the shared
typer app, so areas can grow without editing one another's files.
"""

from __future__ import annotations

import importlib

import typer

AREAS = ("ingest", "extract", "geo", "link", "serve", "sources", "bench")


def register_all(app: typer.Typer) -> None:
    for area in AREAS:
        try:
            module = importlib.import_module(f"skylog.commands.{area}")
        except ModuleNotFoundError as exc:  # an area not built yet
            if exc.name != f"skylog.commands.{area}":
                raise
            continue
        module.register(app)
