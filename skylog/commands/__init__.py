"""CLI command groups, one module per pipeline area.

Each module defines ``register(app)`` and adds its commands to the shared
typer app, so areas can grow without editing one another's files.
"""

from __future__ import annotations

import functools
import importlib
import os
import weakref
from collections.abc import Callable
from typing import Any

import typer

AREAS = ("ingest", "extract", "geo", "link", "serve", "sources", "bench")

# the wrappers ``guarded`` made, so that guarding twice (a group reached twice) wraps once
_GUARDED: weakref.WeakSet[Callable[..., Any]] = weakref.WeakSet()


def register_all(app: typer.Typer) -> None:
    for area in AREAS:
        importlib.import_module(f"skylog.commands.{area}").register(app)
    guard_commands(app)


def guard_commands(app: typer.Typer) -> None:
    """Wrap every command (sub-groups included) in ``guarded``: a damaged, full or read-only
    database, or any error nobody foresaw, ends the command with one clear line and exit
    code 2, never a traceback (``SKYLOG_DEBUG=1`` shows it)."""
    for info in app.registered_commands:
        if info.callback is not None and info.callback not in _GUARDED:
            info.callback = guarded(info.callback)
    for group in app.registered_groups:
        if group.typer_instance is not None:
            guard_commands(group.typer_instance)


def guarded(fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        import click

        try:
            return fn(*args, **kwargs)
        except (typer.Exit, typer.Abort, click.exceptions.ClickException, click.exceptions.Exit):
            raise
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
        except Exception as exc:
            if os.environ.get("SKYLOG_DEBUG") or type(exc).__module__.split(".")[0] in ("click", "typer"):
                raise  # usage errors (BadParameter...) are the CLI framework's to print
            from skylog.store import store_problem
            from skylog.term import echo

            problem = store_problem(exc)
            if problem is None:
                first = (str(exc).strip().splitlines() or [""])[0][:300]
                problem = f"unexpected error ({exc.__class__.__name__}: {first}); SKYLOG_DEBUG=1 shows where"
            echo(f"error: {problem}", err=True)
            raise typer.Exit(2) from None

    _GUARDED.add(wrapper)
    return wrapper
