"""Whether a name is a spelling of a place's own name, across scripts and romanisations.

A place's own name is its gazetteer name; its many alternate names include spellings of it
(«Слов'янськ», 'Sloviansk' of Slovyansk), names in other languages and former names, and now
and then another town's name (GeoNames gives Nikopol the alternate name "Sloviansk").
``looks_alike`` tells the first kind from the others; Ukrainian Cyrillic is also read in the
national romanisation («Кривий Ріг» is 'Kryvyi Rih', not unidecode's 'Krivii Rig').
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz import fuzz
from unidecode import unidecode

from skylog.geo.normalize import norm

ALIKE_RATIO = 70  # rapidfuzz ratio of two spellings of one name
ALIKE_PARTIAL = 85  # ... or partial ratio (a name inside a longer form of it)


@lru_cache(maxsize=16384)  # asked for each pair of names every round (bounded)
def looks_alike(a: str, b: str) -> bool:
    """Two spellings of one name, across scripts ('Шебекино' / 'Shebekino'), not 'Mecca' / 'Medina'."""
    fb = norm(unidecode(b))
    for fa in dict.fromkeys((norm(unidecode(a)), norm(romanize_uk(a)))):
        if fuzz.ratio(fa, fb) >= ALIKE_RATIO or fuzz.partial_ratio(fa, fb) >= ALIKE_PARTIAL:
            return True
    return False


_UK_LATIN = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": "ie",
    "ж": "zh",
    "з": "z",
    "и": "y",
    "і": "i",
    "ї": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",
    "ю": "iu",
    "я": "ia",
    "'": "",
    "’": "",
    "ʼ": "",
}
_UK_LATIN_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


def romanize_uk(name: str) -> str:
    """Ukrainian national romanisation (2010): Оболонський -> Obolonskyi, Київ -> Kyiv."""
    out = []
    for word in name.split():
        w = []
        for i, ch in enumerate(word):
            low = ch.lower()
            if i == 0 or word[i - 1] in "-":
                lat = _UK_LATIN_INITIAL.get(low, _UK_LATIN.get(low, low))
            elif low == "г" and word[i - 1].lower() == "з":
                lat = "gh"
            else:
                lat = _UK_LATIN.get(low, low)
            w.append(lat.capitalize() if ch.isupper() else lat)
        out.append("".join(w))
    return " ".join(out)
