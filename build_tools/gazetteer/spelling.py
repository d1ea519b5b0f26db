"""Spelling rules of place names: Ukrainian romanisation, Russian spellings of Ukrainian
names, regional nouns (-щина) and Latin adjective stems (Borovsky -> Borov)."""

from __future__ import annotations

import re

from skylog.geo.normalize import norm
from skylog.geo.spelling import romanize_uk

__all__ = ["common_prefix", "romanize_uk", "ru_spellings", "shchyna", "stem_latin"]

_ADJ_SUFFIX = re.compile(r"(skiy|skyi|skyy|sky|skii|ski|tskiy|tsky|kiy|iy|yy|ny|nyi|niy)$")


def common_prefix(a: str, b: str) -> int:
    """Length of the common prefix of two strings."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def stem_latin(word: str) -> str:
    """A romanised adjective without its ending (Borovskiy -> borov)."""
    w = norm(word)
    return _ADJ_SUFFIX.sub("", w)


_UK_RU_LETTERS = str.maketrans({"і": "и", "ї": "и", "є": "е", "ґ": "г", "'": "ь", "’": "ь", "ʼ": "ь"})
_UK_RU_ENDINGS = [
    (re.compile(r"ське$"), "ское"),
    (re.compile(r"цьке$"), "цкое"),
    (re.compile(r"(?<=н)е$"), "ое"),
    (re.compile(r"ці$"), "цы"),
    (re.compile(r"ий$"), "ый"),
]


def ru_spellings(name: str) -> list[str]:
    """Russian spellings of a Ukrainian village name, as Russian-language reports write it
    (Грушівка -> Грушевка / Грушовка, Степне -> Степное, Іванівське -> Ивановское, Липці -> Липцы)."""
    low = name.lower()
    forms = [low]
    if re.search(r"[ії]в(?=[кс])", low):
        forms += [re.sub(r"[ії]в(?=[кс])", "ов", low), re.sub(r"[ії]в(?=[кс])", "ев", low)]
    out = []
    for f in forms:
        for rx, rep in _UK_RU_ENDINGS:
            f = rx.sub(rep, f)
        r = f.translate(_UK_RU_LETTERS).replace("олександр", "александр").replace("олекс", "алекс")
        if r != low and r not in out:
            out.append(r)
    return out


def shchyna(adj: str, lang: str) -> list[str]:
    """Харківська -> Харківщина; Белгородская -> Белгородчина (regional nouns)."""
    out = []
    a = adj
    for suf in ("ская", "ська", "ский", "ський", "цкая", "цька", "цкий", "цький"):
        if a.endswith(suf):
            stem = a[: -len(suf)]
            if suf.startswith("ц"):
                out.append(stem + ("ччина" if lang == "uk" else "тчина"))
            elif stem.endswith(("д", "т")):
                out.append(stem + "чина")
            else:
                out.append(stem + "щина")
            break
    return out
