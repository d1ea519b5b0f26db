"""Name normalisation shared by the gazetteer build and the runtime lookups.

Both sides must fold names identically, so this is the one place that says
how: Unicode compatibility decomposition, combining marks dropped (so
"Zaporižžja" = "zaporizzja" and "Київ" = "киів"), case folded, apostrophes
removed, punctuation and hyphens turned into single spaces.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({c: "" for c in "'’ʼ`´‘ʹ"})
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_LATIN = re.compile(r"^[a-z0-9 ]+$")
_CYRILLIC = re.compile(r"^[\u0400-\u04ff0-9 ]+$")


@lru_cache(maxsize=65536)  # the runtime folds the same names over and over (bounded)
def norm(text: str) -> str:
    """Fold a place name to its index key."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().translate(_APOSTROPHES)
    text = _NON_WORD.sub(" ", text).replace("_", " ")
    return " ".join(text.split())


def script_of(key: str) -> str:
    """'latin', 'cyrillic' or 'other' for a normalised key."""
    if _LATIN.match(key):
        return "latin"
    if _CYRILLIC.match(key):
        return "cyrillic"
    return "other"
