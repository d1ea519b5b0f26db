"""geo's own words, as data: ``geo/data/NAME.toml`` files of lists by language.

``geo`` sits below ``extract`` and may not read the language packs, so the words its patterns need
(side words, unit words, settlement words, prepositions) are its own data files. A list is joined
as a regular-expression alternation in its order (items may be patterns: ``район\\w*``); the code
keeps the structure that places the words.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def table(name: str) -> dict[str, Any]:
    """The data file ``geo/data/{name}.toml``, read once."""
    text = resources.files("skylog.geo").joinpath(f"data/{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def items(name: str, *keys: str) -> list[str]:
    """The items of the lists ``keys`` ("en.ADMIN", "ruuk.ADMIN", "en.street.KIND": a list of a table
    in a table) of ``geo/data/{name}.toml``, in order."""
    out: list[str] = []
    for key in keys:
        node: Any = table(name)
        for part in key.split("."):
            node = node[part]
        out += node
    return out


def alternation(name: str, *keys: str) -> str:
    """The lists ``keys`` of ``geo/data/{name}.toml`` as one alternation, in order."""
    return "|".join(items(name, *keys))
