"""Run every benchmark area and print its tables (``python -m bench.run``; ``skylog bench`` runs it).

Each area is a module ``bench/<area>.py`` with
``run(quick: bool) -> list[Table]`` where a Table is
``{"title": str, "columns": [str, ...], "rows": [[...], ...], "notes": [str]}``.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import json
import os
import resource
import sys
import time
import traceback
from collections.abc import Iterator
from pathlib import Path

from bench.parallel import QUICK_COST, Result
from bench.paths import shared_dir

AREAS = ("ingest", "extract", "ruuk", "geo", "link", "serve", "scale")
# ``--quick`` is a fast look (under 20 s on an idle machine): small samples, no cluster start-up;
# the scale area (model warm-up, Dask clusters) runs only when named: ``skylog bench --quick scale``.
QUICK_AREAS = ("ingest", "extract", "ruuk", "geo", "link", "serve")

REPO = Path(__file__).resolve().parent.parent
SHARED = shared_dir()


def run(areas: list[str] | None = None, quick: bool = False, as_json: bool = False, jobs: int = 0) -> int:
    """Print (or dump as JSON) every chosen area's tables, in the order asked.

    ``jobs`` areas run at once in separate processes (default: 2 for ``--quick``, whose point is
    a fast look; 1 otherwise, so that speed figures are never measured beside another area).
    """
    from rich.console import Console

    console, errors = Console(), Console(stderr=True)
    started, cpu_start = time.perf_counter(), cpu_seconds()
    chosen = [a for a in (areas or list(QUICK_AREAS if quick else AREAS)) if _exists(a)]
    jobs = jobs or (min(2, os.cpu_count() or 1) if quick else 1)
    everything = []
    failed = 0
    for area, tables, elapsed, error in _results(chosen, quick, jobs):
        if error:
            failed += 1
            errors.print(f"[red]bench {area} failed[/red]")
            errors.print(error, markup=False, highlight=False)
            continue
        for table in tables:
            table.setdefault("area", area)
            everything.append(table)
            if not as_json:
                _print_table(console, table)
        if not as_json:
            if console.is_terminal:
                console.print(f"[dim]{area}: {elapsed}[/dim]\n")
            else:
                sys.stdout.write(f"{area}: {elapsed}\n\n")
    if not as_json:
        wall, cpu = time.perf_counter() - started, cpu_seconds() - cpu_start
        sys.stdout.write(
            f"bench: {len(chosen)} areas in {wall:.1f} s wall, {cpu:.1f} s CPU (every process together)\n"
        )
    if jobs > 1 and not as_json:
        from bench.parallel import WARM_UP

        warm = (
            f"; models loaded once before the areas, {WARM_UP['cpu']:.1f} s CPU, not in their figures"
            if WARM_UP
            else ""
        )
        sys.stdout.write(
            f"(areas ran {jobs} at a time, plus those that mostly wait on a browser or server:"
            f" speeds are indicative; a full run is sequential{warm})\n"
        )
    if as_json:
        sys.stdout.write(json.dumps(everything, ensure_ascii=False, indent=1) + "\n")
    return 1 if failed else 0


def _exists(area: str) -> bool:
    name = f"bench.{area}"
    if name in sys.modules:
        return True
    return importlib.util.find_spec(name) is not None


def _run_area(area: str, quick: bool) -> Result:
    """One area in this process: its tables, its time, or the traceback that stopped it."""
    module = importlib.import_module(f"bench.{area}")
    t0, c0 = time.perf_counter(), cpu_seconds()
    try:
        tables = module.run(quick=quick)
    except Exception:  # one broken area must not hide the others
        return area, [], "", traceback.format_exc()
    return area, tables, f"{time.perf_counter() - t0:.1f} s wall, {cpu_seconds() - c0:.1f} s CPU", ""


def _results(chosen: list[str], quick: bool, jobs: int) -> Iterator[Result]:
    """Each area's result, in the order chosen; with ``jobs`` > 1 computed in area processes
    (``bench.parallel``: forked from a parent that loaded the models once)."""
    if jobs <= 1 or len(chosen) <= 1:
        for area in chosen:
            yield _run_area(area, quick)
        return
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods():
        from bench.parallel import run_parallel

        yield from run_parallel(chosen, jobs, functools.partial(_run_area, quick=quick))
        return
    from concurrent.futures import ProcessPoolExecutor

    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(jobs, mp_context=ctx, max_tasks_per_child=1) as pool:
        order = sorted(chosen, key=lambda a: -QUICK_COST.get(a, 10.0))
        futures = {a: pool.submit(_run_area, a, quick) for a in order}
        for area in chosen:
            yield futures[area].result()


def _print_table(console, table: dict) -> None:
    from rich.table import Table as RichTable

    if not console.is_terminal:  # piped or redirected: plain aligned text, nothing wrapped
        sys.stdout.write(plain_table(table))
        return
    rt = RichTable(title=f"{table['title']}", title_justify="left")
    for col in table["columns"]:
        rt.add_column(str(col))
    for row in table["rows"]:
        rt.add_row(*[_fmt(v) for v in row])
    console.print(rt)
    for note in table.get("notes", []):
        console.print(f"  [dim]{note}[/dim]")


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
    parser.add_argument(
        "--jobs", type=int, default=0, help="areas run at once (default: 2 with --quick, else 1)"
    )
    args = parser.parse_args(argv)
    return run(args.areas or None, quick=args.quick, as_json=args.json, jobs=args.jobs)


if __name__ == "__main__":
    raise SystemExit(main())
