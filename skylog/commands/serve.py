"""``skylog serve`` (HTTP API + web page), ``skylog export`` and ``skylog watch``."""

from __future__ import annotations

import sys
import time
from typing import Any

import typer

DB_HELP = "database file or URL (default: $SKYLOG_DB or ./skylog.db)"


def _open(db: str | None) -> Any:
    from skylog.store import Store

    try:
        return Store(db)
    except Exception as exc:
        typer.echo(f"cannot open database {db or ''}: {exc.__class__.__name__}: {exc}", err=True)
        raise typer.Exit(2) from None


def _print_poll(result: Any) -> None:
    if result.error:
        typer.echo(f"watch: poll failed: {result.error}", err=True)
        return
    if not result.inputs:
        return
    s = result.summary
    msg = f"watch: {len(result.inputs)} input(s): {len(s.new)} new, {len(s.updated)} updated, "
    msg += f"{len(s.duplicate)} duplicate, {len(s.failed)} failed; {s.mentions} mention(s)"
    typer.echo(msg, err=True)
    for e in s.failed:
        typer.echo(f"  failed: {e}", err=True)
    for w in s.warnings:
        typer.echo(f"  warning: {w}", err=True)


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
    ) -> None:
        """Serve the HTTP API (docs at /docs) and the offline web page (map, timeline, evidence)."""
        import uvicorn

        from skylog.api import create_app
        from skylog.api.watch import Watcher

        store = _open(db)
        app_ = create_app(store, max_body=max_body)
        watcher = Watcher(watch, store, interval=interval, on_poll=_print_poll).start() if watch else None
        typer.echo(f"skylog: serving {store.url} on http://{host}:{port}/ (API docs: /docs)", err=True)
        try:
            uvicorn.run(app_, host=host, port=port, log_level="warning")
        finally:
            if watcher is not None:
                watcher.stop(timeout=5)
            store.close()

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
    ) -> None:
        """Export incidents (streamed, bounded memory): ACLED-style CSV, GeoJSON, JSON Lines, Parquet."""
        from skylog.export.source import iter_incidents
        from skylog.export.writers import FORMATS, export_incidents, write_csv, write_geojson, write_jsonl

        if format not in FORMATS:
            raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
        if out == "-" and format == "parquet":
            raise typer.BadParameter("parquet needs a file", param_hint="--out")
        from skylog import filters
        from skylog.commands.common import choice_or_exit, open_existing, region_or_exit

        type = choice_or_exit(filters.event_type, type, "--type")
        grade = choice_or_exit(filters.grade, grade, "--grade")
        store = open_existing(db)
        admin1 = region_or_exit(store, admin1, "--admin1")
        t0 = time.perf_counter()
        try:
            incidents = iter_incidents(
                store, detail=True, start=start, end=end, type=type, grade=grade, admin1=admin1
            )
            counts: dict[str, int] = {}
            if out == "-":
                if format == "acled-csv":
                    n = write_csv(incidents, sys.stdout, excel_safe=excel_safe, counts=counts)
                else:
                    n = {"geojson": write_geojson, "jsonl": write_jsonl}[format](incidents, sys.stdout)
            else:
                n = export_incidents(incidents, format, out, excel_safe=excel_safe, counts=counts)
        except ValueError as exc:
            typer.echo(f"export failed: {exc}", err=True)
            raise typer.Exit(2) from None
        finally:
            store.close()
        typer.echo(
            f"exported {n} incident(s) as {format} to {out} in {time.perf_counter() - t0:.1f} s", err=True
        )
        if counts.get("side"):
            from skylog.export.writers import side_path

            where = (
                f"written to {side_path(out)}"
                if out != "-"
                else "left out (export to a file to keep them in a side file)"
            )
            typer.echo(
                f"{counts['side']} incident(s) without a date or a location (ACLED requires both) {where}",
                err=True,
            )

    @app.command()
    def watch(
        targets: list[str] = typer.Argument(..., help="folders, feed URLs or feed files to watch"),
        db: str = typer.Option(None, "--db", help=DB_HELP),
        interval: float = typer.Option(30.0, "--interval", min=0.2, help="seconds between polls"),
        once: bool = typer.Option(False, "--once", help="poll once and exit"),
        allow_private: bool = typer.Option(False, "--allow-private", help="allow URLs on private addresses"),
    ) -> None:
        """Poll folders and feeds; ingest, extract and link new reports as they appear."""
        from skylog.api.watch import Watcher

        store = _open(db)
        w = Watcher(targets, store, interval=interval, allow_private=allow_private, on_poll=_print_poll)
        try:
            if once:
                w.poll_once()
                return
            typer.echo(f"watching {len(targets)} target(s) every {interval:g} s (Ctrl-C stops)", err=True)
            w.run()
        except KeyboardInterrupt:
            pass
        finally:
            store.close()
