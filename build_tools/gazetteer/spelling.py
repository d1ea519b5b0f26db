"""Spelling rules of place names: Ukrainian romanisation, Russian spellings of Ukrainian
names, regional nouns (-щина) and Latin adjective stems (Borovsky -> Borov)."""

from __future__ import annotations

import re

from skylog.geo.normalize import norm

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
