"""Helpers of the hostile-input suite: run the CLI in-process and check the common promises.

Every test here feeds one bad input next to good ones and asserts the same things: a
clear one-line error naming the input (and line or message), a non-zero exit where
something failed, every good item stored exactly once, and no traceback.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from skylog.cli import app

runner = CliRunner()

GOOD = [
    "Air defence destroyed five drones over the Belgorod region overnight, the governor said.",
    "Обломки беспилотника упали на жилой дом в Курске, пострадавших нет, сообщили власти.",
    "Уламки ракети пошкодили склад у Харкові вночі, повідомила обласна адміністрація.",
]


class Ran:
    """One CLI run: exit code, stdout, stderr (never a Python traceback)."""

    def __init__(self, result: Any) -> None:
        self.code = result.exit_code
        self.out = result.stdout
        try:
            self.err = result.stderr
        except ValueError:
            self.err = ""
        exc = result.exception
        assert exc is None or isinstance(exc, SystemExit), f"exception escaped: {exc!r}\n{self.out}{self.err}"
        assert "Traceback" not in self.out + self.err, self.out + self.err

    def json(self) -> Any:
        return json.loads(self.out)


def cli(*args: str, input: str | None = None) -> Ran:
    """``skylog ARGS`` in-process; asserts that no exception or traceback escaped."""
    return Ran(runner.invoke(app, [str(a) for a in args], input=input))


def stored_texts(db: str | Path) -> list[str]:
    from skylog.store import Store

    s = Store(str(db))
    try:
        return [r.text for r in s.iter_reports(include_superseded=True)]
    finally:
        s.close()


def assert_one_line(reason: str) -> None:
    assert reason and "\n" not in reason and "Traceback" not in reason, reason
