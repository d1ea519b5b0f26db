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
