"""One way for tests to build a gazetteer row by hand (every field the joint geocoder reads)."""

from __future__ import annotations

from skylog.geo.gazetteer import Entry


def entry(
    i: int,
    country: str = "US",
    a1: int | None = None,
    level: int = 3,
    *,
    name: str | None = None,
    admin1_code: str | None = None,
    admin1: str = "A",
    lat: float = 50.0,
    lon: float = 30.0,
    population: int = 1000,
    feature: str | None = None,
) -> Entry:
    """A settlement (level 3) or region row ``i``; names and codes default to ``P{i}`` and ``{country}-A``."""
    return Entry(
        id=i,
        gid=str(i),
        name=name or f"P{i}",
        kind="settlement" if level == 3 else "region",
        level=level,
        country=country,
        admin1_code=admin1_code or f"{country}-A",
        admin1=admin1,
        admin2=None,
        lat=lat,
        lon=lon,
        population=population,
        a1=a1,
        a2=None,
        feature=feature,
        approx=0,
    )
