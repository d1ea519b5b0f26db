"""A compass part of a country or region: "South Lebanon", "northern Israel", «Южный Ливан».

The name as written is no place of its own (or only a small namesake town: South Lebanon, Ohio);
the part lies in the country or region after the compass word. The reading is the country's own
first-level unit that bears the compass word ("South" of Lebanon, Israel's "Northern" district)
when there is exactly one, else the country or region itself. The words are data
(``geo/data/frame.toml``, ``[compass]``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from skylog.geo.gazetteer import Candidate, Entry, Gazetteer
from skylog.geo.normalize import norm
from skylog.geo.vocab import table

# a town this big under the name as written is the reading ("North Las Vegas"), not a compass part
OWN_TOWN_POP = 100_000
SRC_GENERATED = 3

_COMPASS: dict[str, list[str]] = table("frame")["compass"]
_WORD = re.compile(
    r"(?i)^\s*(?:the\s+)?(?P<word>"
    + "|".join(f"(?P<{k}>{'|'.join(v)})" for k, v in _COMPASS.items())
    + r")[\s-]+(?P<rest>\S.*)$"
)

_ALL = "|".join(w for v in _COMPASS.values() for w in v)
# a name made of compass words alone: "North West", "Western", "North-Eastern", «Центральный»
_ONLY = re.compile(rf"(?i)^\s*(?:the\s+)?(?:{_ALL})(?:[\s-]+(?:{_ALL}))?\s*$")


def only_compass(name: str) -> bool:
    """The name as written is compass words alone ("North West", "Western", "Central"): a direction
    far more often than the unit so named (South Africa's North West, Sri Lanka's Western)."""
    return bool(_ONLY.match(name))


def split(query: str) -> tuple[str, str] | None:
    """(English compass key, the name after the word) of "South Lebanon", «Южного Ливана»; else None."""
    m = _WORD.match(query)
    if m is None:
        return None
    key = next(k for k in _COMPASS if m.group(k))
    return key, m.group("rest").strip()


def named_as_is(cands: list[Candidate]) -> bool:
    """The name as written has a reading of its own: a country, a region, a water body or a big town."""
    return any(
        c.entry.level in (0, 1, 4, 5)
        or (c.entry.level == 3 and c.src <= 1 and c.entry.population >= OWN_TOWN_POP)
        for c in cands
    )


def _unit_of(gz: Gazetteer, country: str, key: str) -> Entry | None:
    """The country's one first-level unit named by the compass word ("South", "Northern")."""
    units = [e for e in gz.units(country) if e.name.lower() in (key, f"{key}ern")]
    return units[0] if len(units) == 1 else None


def part_readings(
    gz: Gazetteer, query: str, rest_candidates: Callable[[str], list[Candidate]]
) -> list[Candidate]:
    """The readings of a compass part: each exact country or first-level reading of the name after
    the word, as its unit bearing the word or as itself; generated readings (outside the report's
    frame only a country is one: "Central Plateau" of Haiti is no part of Nigeria's Plateau), which
    the caller scores."""
    parts = split(query)
    if parts is None:
        return []
    key, rest = parts
    if split(rest) is not None:
        return []  # "South West England", "North West England": a region of its own, not England
    out: list[Candidate] = []
    for c in rest_candidates(rest):
        e = c.entry
        if e.level not in (0, 1) or any("fuzzy match" in w for w in c.why):
            continue
        target = (_unit_of(gz, e.country, key) if e.level == 0 and e.country else None) or e
        why = f"{key} part of {e.name}" + (f": its unit {target.name}" if target is not e else "")
        out.append(Candidate(target, norm(query), SRC_GENERATED, 0.0, [why]))
    return out
