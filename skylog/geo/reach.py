"""Where shelling reaches: the units within artillery reach of the front line or the border, less their
cities beyond it (``geo/data/reach.toml``).

Artillery and rocket artillery reach some 20–35 km: a weaponless attack («атака», «прильоти») on a frontline
or border town may be shelling, one on a city far from the front (Kyiv, Odesa, Dnipro city, Kursk) is not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from skylog.geo.vocab import table

_REACH = table("reach")
REGIONS: frozenset[str] = frozenset(_REACH["regions"])
BEYOND: frozenset[str] = frozenset(_REACH["beyond"])
# the countries holding those units: a place located only to one of them may be within reach
COUNTRIES: frozenset[str] = frozenset(code.split("-")[0] for code in REGIONS)
_BROAD = ("region", "country")  # a place kind that names a whole unit, not a town in it


@dataclass(frozen=True)
class Located:
    """What an attack's place is known as: its country, first-level unit (ISO 3166-2), gazetteer entry and kind
    ("settlement", "district", "region", "country"; a region named by its name alone is "region")."""

    country: str | None = None
    admin1_code: str | None = None
    gazetteer_id: str | None = None
    kind: str = "region"

    @classmethod
    def of(cls, place: Any) -> Located:
        """A resolved place (a record's ``Place`` or a document's toponym: both carry these four fields)."""
        return cls(place.country, place.admin1_code, place.gazetteer_id, place.kind)


def shelling_reaches(places: Iterable[Located]) -> bool | None:
    """May shelling reach an attack told at ``places``? The most specific places decide: the towns and
    districts named, else the units. A town reaches where its unit is within reach and it is not one of the
    unit's far cities; a unit where it is listed. Countries alone decide only where none holds a listed unit
    (an attack told in Israel or Iran is no shelling of this front); «атака Росії на Україну» may be anywhere
    in Ukraine, and no place at all says nothing: None, undecided."""
    located = [p for p in places if p.admin1_code or p.country]
    towns = [p for p in located if p.admin1_code and p.kind not in _BROAD]
    if towns:
        return any(p.admin1_code in REGIONS and p.gazetteer_id not in BEYOND for p in towns)
    units = [p for p in located if p.admin1_code]
    if units:
        return any(p.admin1_code in REGIONS for p in units)
    if located and not any(p.country in COUNTRIES for p in located):
        return False
    return None
