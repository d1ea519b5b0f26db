"""ACLED's country names (ISO alpha-2 -> "Russia", "Democratic Republic of Congo").

Actors name state forces and civilians by country ("Military Forces of Russia",
"Civilians (Ukraine)") and the export writes the same name in its ``country`` column;
the table lives here, in the lower layer, so both read one source.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_PATH = Path(__file__).resolve().parent / "acled_countries.json"


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    return json.loads(DATA_PATH.read_text(encoding="utf-8"))["country_names"]


@lru_cache(maxsize=512)
def iso_country(code: str) -> Any:
    """pycountry's record of an ISO alpha-2 or alpha-3 code, or None."""
    import pycountry

    code = code.upper()
    if len(code) == 2:
        return pycountry.countries.get(alpha_2=code)
    if len(code) == 3:
        return pycountry.countries.get(alpha_3=code)
    return None


def country_name(code: str | None) -> str:
    """ACLED's name of the country with ISO code ``code`` (the code itself when unknown)."""
    if not code:
        return ""
    c = iso_country(code)
    if c is None:
        return _names().get(code.upper(), code)
    override = _names().get(c.alpha_2)
    return override or getattr(c, "common_name", None) or c.name
