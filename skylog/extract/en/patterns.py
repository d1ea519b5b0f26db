"""Compiled weapon patterns shared by the English event and perpetrator rules."""

from __future__ import annotations

import re

from skylog.extract.common.gated import word_gated
from skylog.extract.en import lexicon as L

WEAPON_RE = {cls: word_gated(re.compile(rf"\b{pat}\b", re.I)) for cls, pat in L.WEAPONS.items()}
WEAPON_ANY = L.WEAPON_ANY
BE_AUX = L.BE_AUX  # the auxiliaries of a passive
