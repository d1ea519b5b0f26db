"""Numbers in digits and words, with their qualifier ("more than 30" -> 30, "more than").

Vague quantities ("dozens", "several", "multiple") give ``None``: the text gives no figure. The
number words are the ``en`` pack's.
"""

from __future__ import annotations

import re

from skylog.extract.packs import load_pack

_PACK = load_pack("en")
UNITS: dict[str, int] = _PACK.numbers["UNITS"]
TENS: dict[str, int] = _PACK.numbers["TENS"]
VAGUE: frozenset[str] = _PACK.word_sets["VAGUE_QUANTITIES"]  # quantities that give no figure
QUALIFIERS: tuple[str, ...] = _PACK.words["QUALIFIERS"]

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
