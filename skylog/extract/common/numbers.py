"""Numbers in digits and words, with their qualifier ("more than 30" -> 30, "more than").

Vague quantities ("dozens", "several", "multiple") give ``None``: the text gives no figure.
"""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "no": 0, "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "a dozen": 12, "dozen": 12, "a pair of": 2, "a couple of": 2, "couple of": 2, "both": 2,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
VAGUE = {
    "dozens",
    "several",
    "multiple",
    "numerous",
    "many",
    "scores",
    "hundreds",
    "thousands",
    "some",
    "few",
}

QUALIFIERS = (
    "more than", "over", "at least", "about", "around", "approximately", "nearly", "almost", "up to",
    "some", "roughly", "fewer than", "less than", "as many as", "no fewer than", "no less than", "at most",
    "an estimated", "estimated", "close to",
)  # fmt: skip

_unit_words = sorted((k for k in UNITS if k not in ("no", "a", "an", "both")), key=len, reverse=True)
_tens = "|".join(TENS)
WORD_NUMBER = (
    rf"(?:(?:{_tens})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    rf"|(?:{'|'.join(re.escape(w) for w in _unit_words)}))"
    r"(?:\s+hundred(?:\s+and\s+\w+)?)?"
)
DIGIT_NUMBER = r"\d{1,3}(?:[,\u00a0 ]\d{3})+(?!\d)|\d+(?:\.\d+)?"
NUMBER = rf"(?:{DIGIT_NUMBER}|{WORD_NUMBER})"
QUALIFIER = "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))
QUANTITY = rf"(?:(?P<qual>{QUALIFIER})\s+)?(?P<num>{NUMBER})"
QUANTITY_RE = re.compile(rf"\b{QUANTITY}\b", re.I)


def word_to_int(text: str) -> int | None:
    """'twenty-five' -> 25, '1,200' -> 1200, 'a dozen' -> 12; None when it is not a figure."""
    t = text.strip().lower().replace("\u00a0", " ")
    if not t or t in VAGUE:
        return None
    digits = t.replace(",", "").replace(" ", "")
    if re.fullmatch(r"\d+", digits):
        return int(digits)
    if re.fullmatch(r"\d+\.\d+", digits):
        return None
    if t in UNITS:
        return UNITS[t]
    total = 0
    m = re.fullmatch(r"(?P<head>.+?)\s+hundred(?:\s+and\s+(?P<rest>.+))?", t)
    if m:
        head = word_to_int(m.group("head"))
        rest = word_to_int(m.group("rest")) if m.group("rest") else 0
        if head is None or rest is None:
            return None
        return head * 100 + rest
    parts = re.split(r"[- ]", t)
    for p in parts:
        if p in TENS:
            total += TENS[p]
        elif p in UNITS and UNITS[p] < 10:
            total += UNITS[p]
        else:
            return None
    return total


def parse_quantity(text: str) -> tuple[int | None, str | None]:
    """'more than 30' -> (30, 'more than'); 'dozens' -> (None, None)."""
    m = QUANTITY_RE.search(text)
    if not m:
        return None, None
    qual = m.group("qual")
    return word_to_int(m.group("num")), (qual.lower() if qual else None)
