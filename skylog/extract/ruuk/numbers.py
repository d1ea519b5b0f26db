"""Cardinal numbers written in digits or words, in any case form (ru/uk).

Number words are normalised with pymorphy3 ("двух" -> "два", "трьох" -> "три",
"п'ятнадцятьма" -> "п'ятнадцять") and looked up in a small lemma table, so every
case form the dictionaries know is covered without listing inflections here.
Compounds ("двадцать пять", "сто сорок два") are summed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from skylog.extract.ruuk import lexicon as L
from skylog.nlp.spans import Token

_UNITS_RU = {
    "ноль": 0, "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8,
    "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14,
    "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19,
    "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70,
    "восемьдесят": 80, "девяносто": 90, "сто": 100, "двести": 200, "триста": 300, "четыреста": 400,
    "пятьсот": 500, "шестьсот": 600, "семьсот": 700, "восемьсот": 800, "девятьсот": 900, "тысяча": 1000,
    "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "шестеро": 6, "семеро": 7, "оба": 2,
}  # fmt: skip
_UNITS_UK = {
    "нуль": 0, "один": 1, "два": 2, "три": 3, "чотири": 4, "п'ять": 5, "шість": 6, "сім": 7, "вісім": 8,
    "дев'ять": 9, "десять": 10, "одинадцять": 11, "дванадцять": 12, "тринадцять": 13, "чотирнадцять": 14,
    "п'ятнадцять": 15, "шістнадцять": 16, "сімнадцять": 17, "вісімнадцять": 18, "дев'ятнадцять": 19,
    "двадцять": 20, "тридцять": 30, "сорок": 40, "п'ятдесят": 50, "шістдесят": 60, "сімдесят": 70,
    "вісімдесят": 80, "дев'яносто": 90, "сто": 100, "двісті": 200, "триста": 300, "чотириста": 400,
    "п'ятсот": 500, "шістсот": 600, "сімсот": 700, "вісімсот": 800, "дев'ятсот": 900, "тисяча": 1000,
    "двоє": 2, "троє": 3, "четверо": 4, "п'ятеро": 5, "шестеро": 6, "семеро": 7, "обидва": 2,
}  # fmt: skip
# Inflected forms pymorphy3's dictionaries parse as something else (uk "сім" -> "сей", "сорок" -> "сорока").
_SURFACE = {
    "сім": 7, "сорок": 40, "сорока": 40, "троє": 3, "трьох": 3, "трьом": 3, "трьома": 3, "сімох": 7,
    "семи": 7, "одна": 1, "одну": 1, "одной": 1, "одного": 1, "одному": 1, "одним": 1, "одніє": 1,
    "одній": 1, "одною": 1, "однієї": 1, "одне": 1, "одно": 1,
}  # fmt: skip
_LEMMAS = {"ru": _UNITS_RU, "uk": _UNITS_UK}


# every cardinal of both languages starts like one of these; other words skip the dictionary lookup
_NUMBER_START = L.pattern("numbers.NUMBER_START")


@lru_cache(maxsize=20000)
def word_value(word: str, language: str) -> int | None:
    """Value of one number word in any case form, or None."""
    w = word.lower().replace("’", "'").replace("ʼ", "'")
    if w in _SURFACE:
        return _SURFACE[w]
    if not _NUMBER_START.match(w):
        return None
    from skylog.nlp.models import morph

    table = _LEMMAS["uk" if language == "uk" else "ru"]
    other = _LEMMAS["ru" if language == "uk" else "uk"]
    for lang, tab in ((language, table), ("ru" if language == "uk" else "uk", other)):
        for p in morph(lang).parse(w)[:4]:
            nf = p.normal_form.replace("’", "'")
            tag = str(p.tag)
            if nf in tab and ("NUMR" in tag or "Anum" in tag or nf in ("тысяча", "тисяча", "один")):
                return tab[nf]
        if w in tab:
            return tab[w]
    return None


_DIGITS = L.pattern("numbers.DIGITS")


@dataclass
class Number:
    value: int
    start: int  # token index
    end: int  # token index, exclusive
    char_start: int
    char_end: int
    words: bool  # written in words


def parse_number_at(tokens: list[Token], i: int, language: str) -> Number | None:
    """The cardinal number starting at token ``i`` (digits or a word compound), or None."""
    t = tokens[i]
    if _DIGITS.match(t.text):
        # "1 000" style thousands
        val = int(t.text)
        j = i + 1
        while (
            j < len(tokens)
            and re.fullmatch(r"\d{3}", tokens[j].text)
            and tokens[j].start == tokens[j - 1].end + 1
            and val < 1000
        ):
            val = val * 1000 + int(tokens[j].text)
            j += 1
        return Number(val, i, j, t.start, tokens[j - 1].end, False)
    v = word_value(t.text, language)
    if v is None:
        return None
    total, j, last = v, i + 1, v
    while j < len(tokens):
        nv = word_value(tokens[j].text, language)
        if nv is None:
            break
        if nv == 1000 and total < 1000:
            total *= 1000
        elif (last >= 100 and 0 < nv < 100) or (20 <= last < 100 and last % 10 == 0 and 0 < nv < 10):
            total += nv
        else:
            break
        last = nv
        j += 1
    return Number(total, i, j, t.start, tokens[j - 1].end, True)


def numbers_in(tokens: list[Token], language: str) -> list[Number]:
    """Every number in a token list, skipping times (15.00), dates (31.07) and hyphenated codes (Х-101)."""
    out: list[Number] = []
    i = 0
    while i < len(tokens):
        n = parse_number_at(tokens, i, language)
        if n is None:
            i += 1
            continue
        out.append(n)
        i = n.end
    return out
