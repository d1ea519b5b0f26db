"""Cheap relevance test: can this raw text describe an aerial attack at all?

One compiled regular expression of word stems (EN, RU, UK; from the language packs) run over the raw text before any model
is loaded or run, so NLP time is spent only on the few percent of reports that can matter. Tuned for
recall: a false "yes" costs one pipeline run, a false "no" loses an incident.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from skylog.extract.packs import load_pack

_EN_PACK, _CYR_PACK = load_pack("en"), load_pack("ru")
# word stems (regular expressions) by language, from the language packs
STEMS: dict[str, tuple[str, ...]] = {
    "en": _EN_PACK.words["PREFILTER_STEMS"],
    "ru": _CYR_PACK.words["PREFILTER_STEMS_RU"],
    "uk": _CYR_PACK.words["PREFILTER_STEMS_UK"],
}

_EN = re.compile(r"\b(?:" + "|".join(STEMS["en"]) + r")\b", re.I)
_CYR = re.compile("(?:" + "|".join(sorted(set(STEMS["ru"] + STEMS["uk"]), key=len, reverse=True)) + ")", re.I)


@dataclass
class Relevance:
    relevant: bool
    cue: str | None = None
    span: tuple[int, int] | None = None


# Literal substrings, one of which every cue above contains: ``in`` on a lower-cased text is a C-speed
# scan, so most irrelevant texts are rejected without running the regular expression at all.
LITERALS: tuple[str, ...] = _EN_PACK.words["PREFILTER_LITERALS"] + _CYR_PACK.words["PREFILTER_LITERALS"]


def check(text: str, language: str | None = None) -> Relevance:
    """First attack cue in ``text`` (any of EN/RU/UK unless ``language`` narrows it)."""
    low = text.lower()
    hits = [i for i in (low.find(lit) for lit in LITERALS) if i >= 0]
    if not hits:
        return Relevance(False)
    patterns = (_EN,) if language == "en" else (_CYR,) if language in ("ru", "uk") else (_EN, _CYR)
    # confirm with the word-boundary expression only around each literal hit
    for pos in sorted(hits):
        lo = max(0, pos - 12)
        for pattern in patterns:
            m = pattern.search(text, lo, min(len(text), pos + 40))
            if m:
                return Relevance(True, m.group(0), (m.start(), m.end()))
    return Relevance(False)


def is_relevant(text: str, language: str | None = None) -> bool:
    """True when the text may describe an aerial attack (recall-oriented keyword test)."""
    return check(text, language).relevant
