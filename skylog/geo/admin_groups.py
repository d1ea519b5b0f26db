"""First-level units above the ISO ones, as reports and ACLED use them (``data/admin1_groups.json``).

ACLED's admin1 for Palestine is "Gaza Strip" or "West Bank", and reports write "in the Gaza Strip";
the gazetteer's first-level units are the ISO 3166-2 governorates (Khan Yunis, Deir El Balah, ...).
A place in a member governorate (or in the gazetteer's own unit named like the group) gets the group
as ``admin1``/``admin1_code`` and its governorate as ``admin2``. The table is data: another country's
convention is one more entry.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

PATH = Path(__file__).resolve().parent / "data" / "admin1_groups.json"


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[tuple[str, str], tuple[str, str]], dict[tuple[str, str], tuple[str, str]]]:
    """(country, member code) -> (group name, group code); (country, group name) -> the same."""
    by_code: dict[tuple[str, str], tuple[str, str]] = {}
    by_name: dict[tuple[str, str], tuple[str, str]] = {}
    for g in json.loads(PATH.read_text(encoding="utf-8"))["groups"]:
        group = (g["admin1"], g["code"])
        by_name[(g["country"], g["admin1"].lower())] = group
        for code in g["members"]:
            by_code[(g["country"], code)] = group
    return by_code, by_name


def group_admin1(
    country: str | None, code: str | None, admin1: str | None, admin2: str | None
) -> tuple[str | None, str | None, str | None]:
    """(admin1, admin1_code, admin2) under the convention; unchanged outside a group."""
    if not country:
        return admin1, code, admin2
    by_code, by_name = _tables()
    group = by_code.get((country, code or ""))
    if group is not None:
        return group[0], group[1], admin2 or admin1
    group = by_name.get((country, (admin1 or "").lower()))
    if group is not None:
        return group[0], group[1], admin2
    return admin1, code, admin2
