"""Run every benchmark area and print its tables (``python -m bench.run``; ``skylog bench`` runs it).

Each area is a module ``bench/<area>.py`` with
``run(quick: bool) -> list[Table]`` where a Table is
``{"title": str, "columns": [str, ...], "rows": [[...], ...], "notes": [str]}``.
"""

from __future__ import annotations

import importlib
import json
import resource
import sys
import time
import traceback
from pathlib import Path

from bench.paths import shared_dir

AREAS = ("ingest", "extract", "ruuk", "geo", "link", "serve", "scale")
# ``--quick`` is a fast look (under 20 s on an idle machine): small samples, no cluster start-up;
# the scale area (model warm-up, Dask clusters) runs only when named: ``skylog bench --quick scale``.
QUICK_AREAS = ("ingest", "extract", "ruuk", "geo", "link", "serve")

REPO = Path(__file__).resolve().parent.parent
SHARED = shared_dir()


def run(areas: list[str] | None = None, quick: bool = False, as_json: bool = False) -> int:
    from rich.console import Console
    from rich.table import Table as RichTable

    console = Console()
    chosen = areas or list(QUICK_AREAS if quick else AREAS)
    everything = []
    failed = 0
    for area in chosen:
        try:
            module = importlib.import_module(f"bench.{area}")
        except ModuleNotFoundError as exc:
            if exc.name == f"bench.{area}":
                continue
            raise
        t0, c0 = time.perf_counter(), cpu_seconds()
        try:
            tables = module.run(quick=quick)
        except Exception:  # one broken area must not hide the others
            failed += 1
            console.print(f"[red]bench {area} failed[/red]")
            console.print(traceback.format_exc())
            continue
        elapsed = f"{time.perf_counter() - t0:.1f} s wall, {cpu_seconds() - c0:.1f} s CPU"
        for table in tables:
            table.setdefault("area", area)
            everything.append(table)
            if as_json:
                continue
            if not console.is_terminal:  # piped or redirected: plain aligned text, nothing wrapped
                sys.stdout.write(plain_table(table))
                continue
            rt = RichTable(title=f"{table['title']}", title_justify="left")
            for col in table["columns"]:
                rt.add_column(str(col))
            for row in table["rows"]:
                rt.add_row(*[_fmt(v) for v in row])
            console.print(rt)
            for note in table.get("notes", []):
                console.print(f"  [dim]{note}[/dim]")
        if not as_json:
            if console.is_terminal:
                console.print(f"[dim]{area}: {elapsed}[/dim]\n")
            else:
                sys.stdout.write(f"{area}: {elapsed}\n\n")
    if as_json:
        sys.stdout.write(json.dumps(everything, ensure_ascii=False, indent=1) + "\n")
    return 1 if failed else 0


def cpu_seconds() -> float:
    """CPU time of this process and of the finished child processes it waited for (scorers, servers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def plain_table(table: dict) -> str:
    """A table as plain text: title, header, aligned rows (two spaces apart), notes; no box drawing."""
    cols = [str(c) for c in table["columns"]]
    rows = [[_fmt(v) for v in row] for row in table["rows"]]
    widths = [max([len(c)] + [len(r[i]) for r in rows if i < len(r)]) for i, c in enumerate(cols)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=False)).rstrip()

    out = [str(table["title"]), line(cols), line(["-" * w for w in widths])]
    out += [line(r) for r in rows]
    out += [f"  {n}" for n in table.get("notes", [])]
    return "\n".join(out) + "\n\n"


def _fmt(v) -> str:
    if isinstance(v, float):
        return f"{v:.3f}" if abs(v) < 100 else f"{v:,.0f}"
    if isinstance(v, int):
        return f"{v:,}"
    return "" if v is None else str(v)


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.run [AREA ...] [--quick] [--json]`` (what ``skylog bench`` runs in a checkout)."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description="skylog's accuracy and speed tables"
    )
    parser.add_argument(
        "areas", nargs="*", metavar="AREA", help=f"areas to run (default: all): {', '.join(AREAS)}"
    )
    parser.add_argument("--quick", action="store_true", help="smaller inputs, for a fast look")
    parser.add_argument("--json", action="store_true", help="tables as JSON")
    args = parser.parse_args(argv)
    return run(args.areas or None, quick=args.quick, as_json=args.json)


if __name__ == "__main__":
    raise SystemExit(main())
