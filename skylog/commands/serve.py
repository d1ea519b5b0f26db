"""``skylog serve`` (HTTP API + web page), ``skylog export`` and ``skylog watch``."""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING, Any

import typer

from skylog.commands.common import open_existing
from skylog.term import echo

if TYPE_CHECKING:  # the store is imported where it is opened, not at start-up
    from skylog.store import Store

DB_HELP = "database file or URL (default: $SKYLOG_DB or ./skylog.db)"


def _print_poll(result: Any) -> None:
    """A watch poll (folders and feeds, or a followed source), as its own lines say."""
    for line in result.lines():
        echo(line, err=True)


def _special(out: str) -> bool:
    import os
    import stat

    try:
        st = os.lstat(out)
    except OSError:
        return False
    return stat.S_ISLNK(st.st_mode) or not stat.S_ISREG(st.st_mode)


def _out_problem(out: str, any_out: bool) -> str | None:
    """Why ``--out`` must not be written (None when it may): a folder, a missing or
    read-only folder, or a symlink/FIFO/device (replaced by a rename otherwise)."""
    import os
    import stat
    from pathlib import Path

    path = Path(out)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        return exc.strerror or str(exc)
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            return "is a folder"
        if not stat.S_ISREG(st.st_mode) and not any_out:
            kind = (
                "a symlink"
                if stat.S_ISLNK(st.st_mode)
                else "a FIFO"
                if stat.S_ISFIFO(st.st_mode)
                else "a device or special file"
            )
            return f"is {kind}, not a regular file (--allow-special-out writes through it)"
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        return f"folder {folder} does not exist"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"folder {folder} is not writable"
    return None


def _write_through(incidents: Any, fmt: str, out: str, excel_safe: bool) -> int:
    from skylog.export.writers import write_csv, write_geojson, write_jsonl

    if fmt == "parquet":
        raise ValueError("parquet cannot be written through a special file")
    with open(out, "w", encoding="utf-8", newline="" if fmt == "acled-csv" else None) as fh:
        if fmt == "acled-csv":
            return write_csv(incidents, fh, excel_safe=excel_safe)
        return {"geojson": write_geojson, "jsonl": write_jsonl}[fmt](incidents, fh)


def _follow_sources(db: str | None, *, once: bool, allow_private: bool) -> None:
    """``skylog watch`` with no targets: poll the registered sources until Ctrl-C."""
    from skylog.engine.poll import SourcePoller

    store = open_existing(db, create=True)
    n = len(store.sources.list())
    if not n:
        typer.echo("no sources to follow: add some with `skylog sources add URL`", err=True)
        store.close()
        raise typer.Exit(1)
    poller = SourcePoller(store, allow_private=allow_private, on_poll=_print_poll)
    try:
        if once:
            results = poller.poll_once()
            raise typer.Exit(1 if results and all(r.status == "error" for r in results) else 0)
        typer.echo(f"following {n} source(s) (Ctrl-C stops)", err=True)
        poller.run()
    except KeyboardInterrupt:
        pass
    finally:
        store.close()


def _warn_if_public(host: str) -> None:
    """Listening beyond this machine: say so (and how to require a token)."""
    if host.strip("[]") in ("0.0.0.0", "::", "") or not host.startswith(
        ("127.", "localhost", "::1", "[::1]")
    ):
        token = os.environ.get("SKYLOG_READ_TOKEN")
        echo(
            f"warning: listening on {host}: anyone who can reach this machine can read the log"
            + ("" if token else " (set SKYLOG_READ_TOKEN to require a token)"),
            err=True,
        )


def _serve(
    db: str | None,
    host: str,
    port: int,
    watch: list[str] | None,
    interval: float,
    max_body: int,
    follow: bool,
) -> None:
    """``skylog serve``: the API and page, with watchers of folders/feeds and sources if asked."""
    import uvicorn

    from skylog.api import create_app
    from skylog.api.watch import Watcher

    store = open_existing(db, create=True)
    app_ = create_app(store, max_body=max_body)
    watcher = Watcher(watch, store, interval=interval, on_poll=_print_poll).start() if watch else None
    poller = None
    if follow:
        from skylog.engine.poll import SourcePoller

        poller = SourcePoller(store, on_poll=_print_poll).start()
    _warn_if_public(host)
    echo(f"skylog: serving {store.url} on http://{host}:{port}/ (API docs: /docs)", err=True)
    try:
        uvicorn.run(app_, host=host, port=port, log_level="warning")
    finally:
        if watcher is not None:
            watcher.stop(timeout=5)
        if poller is not None:
            poller.stop(timeout=5)
        store.close()


def _export(
    format: str,
    out: str,
    db: str | None,
    start: str | None,
    end: str | None,
    type: str | None,
    grade: str | None,
    admin1: str | None,
    excel_safe: bool,
    any_out: bool,
) -> None:
    """``skylog export``: check the options and --out before opening the store, then stream."""
    from skylog import filters
    from skylog.commands.common import choice_or_exit, region_or_exit
    from skylog.export.writers import FORMATS

    if format not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    if out == "-" and format == "parquet":
        raise typer.BadParameter("parquet needs a file", param_hint="--out")
    type = choice_or_exit(filters.event_type, type, "--type")
    grade = choice_or_exit(filters.grade, grade, "--grade")
    if out != "-":
        problem = _out_problem(out, any_out)
        if problem:
            echo(f"export failed: --out {out}: {problem}", err=True)
            raise typer.Exit(2)
    store = open_existing(db)
    admin1 = region_or_exit(store, admin1, "--admin1")
    t0 = time.perf_counter()
    counts: dict[str, int] = {}
    try:
        n = _write_export(
            store,
            format,
            out,
            excel_safe,
            any_out,
            counts,
            start=start,
            end=end,
            type=type,
            grade=grade,
            admin1=admin1,
        )
    except OSError as exc:
        echo(f"export failed: --out {out}: {exc.strerror or exc}", err=True)
        raise typer.Exit(2) from None
    except ValueError as exc:
        echo(f"export failed: {exc}", err=True)
        raise typer.Exit(2) from None
    finally:
        store.close()
    echo(f"exported {n} incident(s) as {format} to {out} in {time.perf_counter() - t0:.1f} s", err=True)
    if counts.get("side"):
        from skylog.export.writers import side_path

        where = (
            f"written to {side_path(out)}"
            if out != "-"
            else "left out (export to a file to keep them in a side file)"
        )
        echo(
            f"{counts['side']} incident(s) without a date or a location (ACLED requires both) {where}",
            err=True,
        )


def _write_export(
    store: Store, format: str, out: str, excel_safe: bool, any_out: bool, counts: dict[str, int], **where: Any
) -> int:
    """Stream the matching incidents to ``out`` (stdout, a special file written through, or a file)."""
    from skylog.export.source import iter_incidents
    from skylog.export.writers import export_incidents, write_csv, write_geojson, write_jsonl

    incidents = iter_incidents(store, detail=True, **where)
    if out == "-":
        if format == "acled-csv":
            return write_csv(incidents, sys.stdout, excel_safe=excel_safe, counts=counts)
        return {"geojson": write_geojson, "jsonl": write_jsonl}[format](incidents, sys.stdout)
    if any_out and _special(out):
        return _write_through(incidents, format, out, excel_safe)
    return export_incidents(incidents, format, out, excel_safe=excel_safe, counts=counts)


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        db: str = typer.Option(None, "--db", help=DB_HELP),
        host: str = typer.Option("127.0.0.1", "--host", help="address to listen on"),
        port: int = typer.Option(8000, "--port", min=0, max=65535, help="port to listen on"),
        watch: list[str] = typer.Option(None, "--watch", help="also watch this folder or feed (repeatable)"),
        interval: float = typer.Option(30.0, "--interval", min=0.2, help="seconds between watch polls"),
        max_body: int = typer.Option(
            2 * 1024 * 1024, "--max-body", min=1024, help="request body limit, bytes"
        ),
        follow: bool = typer.Option(
            False, "--sources", help="also follow the registered sources (`skylog sources`), as `watch` does"
        ),
    ) -> None:
        """Serve the HTTP API (docs at /docs) and the offline web page (map, timeline, evidence)."""
        _serve(db, host, port, watch, interval, max_body, follow)

    @app.command()
    def export(
        format: str = typer.Option(..., "--format", "-f", help="acled-csv, geojson, jsonl or parquet"),
        out: str = typer.Option(..., "--out", "-o", help="output file ('-' for stdout, text formats only)"),
        db: str = typer.Option(None, "--db", help=DB_HELP),
        start: str = typer.Option(None, "--start", help="incidents on or after this date"),
        end: str = typer.Option(None, "--end", help="incidents on or before this date"),
        type: str = typer.Option(None, "--type", help="event type"),
        grade: str = typer.Option(None, "--grade", help="corroboration grade"),
        admin1: str = typer.Option(None, "--admin1", help="region name or ISO 3166-2 code"),
        excel_safe: bool = typer.Option(
            False, "--excel-safe", help="CSV: prefix cells that start like a formula with an apostrophe"
        ),
        any_out: bool = typer.Option(
            False, "--allow-special-out", help="let --out be a symlink, FIFO or device (written through)"
        ),
    ) -> None:
        """Export incidents (streamed, bounded memory): ACLED-style CSV, GeoJSON, JSON Lines, Parquet."""
        _export(format, out, db, start, end, type, grade, admin1, excel_safe, any_out)

    @app.command()
    def watch(
        targets: list[str] = typer.Argument(
            None, help="folders, feed URLs or feed files to watch (none: follow `skylog sources`)"
        ),
        db: str = typer.Option(None, "--db", help=DB_HELP),
        interval: float = typer.Option(30.0, "--interval", min=0.2, help="seconds between polls"),
        once: bool = typer.Option(False, "--once", help="poll once and exit"),
        allow_private: bool = typer.Option(False, "--allow-private", help="allow URLs on private addresses"),
    ) -> None:
        """Poll folders and feeds; ingest, extract and link new reports as they appear.

        Without TARGETS, follows the source registry (``skylog sources``), each source on
        its own interval, with conditional requests and back-off on errors."""
        if not targets:
            _follow_sources(db, once=once, allow_private=allow_private)
            return
        from skylog.api.watch import Watcher

        store = open_existing(db, create=True)
        w = Watcher(targets, store, interval=interval, allow_private=allow_private, on_poll=_print_poll)
        try:
            if once:
                result = w.poll_once()
                failed = bool(result.error) or bool(result.summary and result.summary.failed)
                raise typer.Exit(1 if failed else 0)
            echo(f"watching {len(targets)} target(s) every {interval:g} s (Ctrl-C stops)", err=True)
            w.run()
        except KeyboardInterrupt:
            pass
        finally:
            store.close()
