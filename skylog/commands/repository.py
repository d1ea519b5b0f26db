"""Commands that run a repository script (``bench/``, ``scripts/``): found in a checkout, never imported.

An installed skylog has no ``bench/`` or build tools (#14: build vs run), so these commands
look for a skylog checkout (the working directory, or the one the package was loaded from)
and run the script there in its own Python process; without one they say in one line what
to do and exit 2. The running skylog's ``sys.path`` is never changed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import typer


def candidates() -> list[Path]:
    """Where a checkout may be: the working directory, then the folder the package was loaded from."""
    return [Path.cwd(), Path(__file__).resolve().parents[2]]


def checkout_with(script: str) -> Path | None:
    """The root of a skylog checkout that holds ``script`` (a path relative to the root), or None."""
    for base in candidates():
        if (base / script).is_file() and (base / "skylog" / "__init__.py").is_file():
            return base
    return None


def run_script(command: str, script: str, argv: list[str], hint: str) -> None:
    """Run ``python argv...`` in the checkout that holds ``script``; exit with its status.
    ``hint`` is the one-line advice printed (exit 2) when there is no checkout."""
    root = checkout_with(script)
    if root is None:
        typer.echo(f"skylog {command}: {hint}", err=True)
        raise typer.Exit(2)
    proc = subprocess.run([sys.executable, *argv], cwd=root, check=False)
    raise typer.Exit(proc.returncode)
