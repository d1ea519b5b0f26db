"""Helpers shared by the read commands (not a command area of its own)."""

from __future__ import annotations

import contextlib
import logging
import re
import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from skylog.store import Store


def open_existing(db: str | None, create: bool = False) -> Store:
    """The store of a command. For a read command (the default) a database file that does not
    exist is an error (exit 2), never silently created empty (a mistyped ``--db`` must not look
    like "no incidents"); commands that write (ingest, link, watch, serve) pass ``create=True``.
    A database that cannot be opened (damaged, locked, not SQLite) is one line and exit 2."""
    from skylog.filters import missing_database
    from skylog.store import Store

    path = None if create else missing_database(db)
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
        from skylog.store import store_problem
        from skylog.term import echo

        problem = store_problem(exc) or f"cannot open database {db or ''}: {exc.__class__.__name__}: {exc}"
        echo(f"error: {problem}", err=True)
        raise typer.Exit(2) from None


def region_or_exit(store: Store, value: str | None, option: str = "--region") -> str | None:
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


@contextlib.contextmanager
def warnings_to(console: Any) -> Iterator[None]:
    """Route skylog's log warnings and Python warnings (a library's DeprecationWarning, say)
    through ``console`` while a rich progress display runs, so a warning is printed above the
    bars instead of breaking them. (pymorphy2's ``pkg_resources`` warning is dropped where the
    model loads: ``skylog.nlp.models.natasha``.)"""
    from rich.text import Text

    class _ToConsole(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            try:
                msg = record.getMessage()
                if record.name == "py.warnings":  # "path:line: Category: message\n  source"
                    first = msg.strip().splitlines()[0] if msg.strip() else msg
                    m = re.match(r"^.*?:\d+: \w+: (.*)$", first)
                    msg = m.group(1) if m else first
                console.print(Text(f"warning: {msg}", style="yellow"))
            except Exception:  # noqa: BLE001 - a warning must never stop an ingest
                self.handleError(record)

    handler = _ToConsole(level=logging.WARNING)
    targets = [logging.getLogger("skylog"), logging.getLogger("py.warnings")]
    for lg in targets:
        lg.addHandler(handler)
    with warnings.catch_warnings():
        logging.captureWarnings(True)
        try:
            yield
        finally:
            logging.captureWarnings(False)
            for lg in targets:
                lg.removeHandler(handler)
