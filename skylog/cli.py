"""The ``skylog`` command line (contract in DESIGN.md)."""

from __future__ import annotations

import typer

from skylog.commands import register_all

app = typer.Typer(
    name="skylog",
    help="Turn reports of aerial attacks into a sourced, geocoded incident log.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
register_all(app)


def main() -> None:  # pragma: no cover - thin wrapper
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
