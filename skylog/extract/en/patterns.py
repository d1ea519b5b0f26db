"""Compiled weapon patterns shared by the English event and perpetrator rules."""

from __future__ import annotations

import re

from skylog.extract.en import lexicon as L

WEAPON_RE = {cls: re.compile(rf"\b{pat}\b", re.I) for cls, pat in L.WEAPONS.items()}
WEAPON_ANY = "|".join(f"(?:{p})" for p in L.WEAPONS.values())
BE_AUX = r"(?:were|was|had been|have been|has been|being)"  # the auxiliaries of a passive
