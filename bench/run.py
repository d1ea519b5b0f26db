"""Run every benchmark area and print its tables (``skylog bench``).

Each area is a module ``bench/<area>.py`` with
``run(quick: bool) -> list[Table]`` where a Table is
``{"title": str, "columns": [str, ...], "rows": [[...], ...], "notes": [str]}``.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
import traceback
from pathlib import Path

AREAS = ("ingest", "extract", "ruuk", "geo", "link", "serve", "scale")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def run(areas: list[str] | None = None, quick: bool = False, as_json: bool = False) -> int:
    from rich.console import Console
    from rich.table import Table as RichTable

    console = Console()
    chosen = areas or list(AREAS)
    everything = []
    failed = 0
    for area in chosen:
        try:
            module = importlib.import_module(f"bench.{area}")
        except ModuleNotFoundError as exc:
            if exc.name == f"bench.{area}":
                continue
            raise
        t0 = time.perf_counter()
        try:
            tables = module.run(quick=quick)
        except Exception:  # one broken area must not hide the others
            failed += 1
            console.print(f"[red]bench {area} failed[/red]")
            console.print(traceback.format_exc())
            continue
        elapsed = time.perf_counter() - t0
        for table in tables:
            table.setdefault("area", area)
            everything.append(table)
            if as_json:
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
            console.print(f"[dim]{area}: {elapsed:.1f} s[/dim]\n")
    if as_json:
        sys.stdout.write(json.dumps(everything, ensure_ascii=False, indent=1) + "\n")
    return 1 if failed else 0


def _fmt(v) -> str:
    if isinstance(v, float):
        return f"{v:.3f}" if abs(v) < 100 else f"{v:,.0f}"
    if isinstance(v, int):
        return f"{v:,}"
    return "" if v is None else str(v)


if __name__ == "__main__":
    raise SystemExit(run(sys.argv[1:] or None, quick="--quick" in sys.argv))
