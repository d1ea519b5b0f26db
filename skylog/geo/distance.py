"""Distance tests between gazetteer points (shared by the geocoder and the document frame)."""

from __future__ import annotations

import math


def near(lat: float, lon: float, pt: tuple[float, float], km: float) -> bool:
    """Within ``km`` of ``pt`` (equirectangular: exact enough at these distances)."""
    dy = (lat - pt[0]) * 111.2
    if abs(dy) > km:
        return False
    dx = (lon - pt[1]) * 111.2 * math.cos(math.radians((lat + pt[0]) / 2))
    return dx * dx + dy * dy <= km * km


def count_near(lat: float, lon: float, pts: dict[str, tuple[float, float]], km: float, skip: str) -> int:
    """How many of ``pts`` (by key, ``skip`` left out) lie within ``km``: ``near`` of each, in one loop."""
    n = 0
    for key, pt in pts.items():
        if key == skip:
            continue
        dy = (lat - pt[0]) * 111.2
        if abs(dy) > km:
            continue
        dx = (lon - pt[1]) * 111.2 * math.cos(math.radians((lat + pt[0]) / 2))
        n += dx * dx + dy * dy <= km * km
    return n
