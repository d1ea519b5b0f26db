"""``skylog bench``: accuracy and speed tables from the repository's ``bench/`` (a checkout only).

``bench/`` reads labelled sets that ship with the repository, not with the package, so the
command runs ``python -m bench.run`` in a skylog checkout (see ``commands.repository``).
"""

from __future__ import annotations

import typer

from skylog.commands.repository import run_script

NO_CHECKOUT = (
    "the benchmarks are part of the skylog repository, not the installed package: "
    "run it in a checkout (git clone the skylog repository; cd into it; python -m bench.run [AREA ...] [--quick] [--json])"
)


def register(app: typer.Typer) -> None:
    @app.command()
    def bench(
        area: list[str] = typer.Argument(None, help="areas to run (default: all)"),
        quick: bool = typer.Option(False, "--quick", help="smaller inputs, for a fast look"),
        json_out: bool = typer.Option(False, "--json", help="tables as JSON"),
    ) -> None:
        """Print accuracy and speed tables (ingest, extract, geo, link, serve, scale); needs a checkout."""
        args = [a for a in area or [] if a != "--quick"]
        args += ["--quick"] if quick else []
        args += ["--json"] if json_out else []
        run_script("bench", "bench/run.py", ["-m", "bench.run", *args], NO_CHECKOUT)
