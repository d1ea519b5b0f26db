"""The gazetteer build: the steps in order, then the file (``python scripts/build_gazetteer.py``)."""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from build_tools.gazetteer import admin, geometry, settlements, ukraine
from build_tools.gazetteer.builder import Builder
from build_tools.gazetteer.model import DEFAULT_PATH
from build_tools.gazetteer.write import content_digest, write

# The order is the build: later steps read what earlier ones made, and ids follow it.
STEPS: tuple[Callable[[Builder], None], ...] = (
    admin.countries,
    admin.subdivisions,
    settlements.settlements,
    admin.admin_variants,
    geometry.coordinates,
    ukraine.hromadas,
    ukraine.city_districts,
    ukraine.villages,
    settlements.translit_variants,
    settlements.capitals,
    settlements.continents,
    settlements.water,
)


def build(path: Path | str = DEFAULT_PATH, verbose: bool = True) -> dict:
    """Build the gazetteer file; returns counts and size."""
    t0 = time.perf_counter()
    b = Builder()
    for step in STEPS:
        t = time.perf_counter()
        step(b)
        if verbose:
            print(f"{step.__name__}: {time.perf_counter() - t:.1f}s, {len(b.places)} places", flush=True)
    stats = write(b, Path(path))
    stats["seconds"] = round(time.perf_counter() - t0, 1)
    if verbose:
        print(json.dumps(stats))
    return stats


def main(argv: list[str] | None = None) -> int:
    """Command line: ``--out PATH`` (default: the packaged file), ``--quiet``."""
    parser = argparse.ArgumentParser(
        description="Rebuild skylog's gazetteer from the installed open-data packages."
    )
    parser.add_argument("--out", default=str(DEFAULT_PATH), help=f"where to write (default: {DEFAULT_PATH})")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    parser.add_argument(
        "--check",
        action="store_true",
        help="build into a temporary file and compare its content with the shipped file (exit 1 if they differ)",
    )
    args = parser.parse_args(argv)
    if args.check:
        return check(verbose=not args.quiet)
    stats = build(args.out, verbose=not args.quiet)
    print(f"wrote {args.out}: {stats['places']} places, {stats['names']} names")
    return 0


def check(shipped: Path = DEFAULT_PATH, verbose: bool = False) -> int:
    """Rebuild and compare content digests with ``shipped``: 0 when the build reproduces it."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "gazetteer.sqlite"
        build(fresh, verbose=verbose)
        got, want = content_digest(fresh), content_digest(shipped)
    same = got == want
    print(
        f"{'same content as' if same else 'DIFFERS from'} {shipped}: {got}" + ("" if same else f" != {want}")
    )
    return 0 if same else 1
