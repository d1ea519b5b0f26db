"""``skylog bench``: accuracy and speed tables from ``bench/``."""

from __future__ import annotations

import sys
from pathlib import Path

import typer


def _bench_root() -> Path:
    for base in (Path.cwd(), Path(__file__).resolve().parents[2]):
        if (base / "bench" / "run.py").is_file():
            return base
    raise typer.BadParameter("bench/ not found: run skylog bench from the skylog repository")


def register(app: typer.Typer) -> None:
    @app.command()
    def bench(
        area: list[str] = typer.Argument(None, help="areas to run (default: all)"),
        quick: bool = typer.Option(False, "--quick", help="smaller inputs, for a fast look"),
        json_out: bool = typer.Option(False, "--json", help="tables as JSON"),
    ) -> None:
        """Print accuracy and speed tables (ingest, extract, geo, link, serve, scale)."""
        root = _bench_root()
        sys.path.insert(0, str(root))
        from bench.run import run

        raise typer.Exit(
            run([a for a in area or [] if a != "--quick"] or None, quick=quick, as_json=json_out)
        )
