"""Cheap relevance test: can this raw text describe an aerial attack at all?

One compiled regular expression of word stems (EN, RU, UK) run over the raw text before any model
is loaded or run, so NLP time is spent only on the few percent of reports that can matter. Tuned for
recall: a false "yes" costs one pipeline run, a false "no" loses an incident.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

STEMS: dict[str, tuple[str, ...]] = {
    "en": (
        r"drones?",
        r"uavs?",
        r"unmanned",
        r"missiles?",
        r"rockets?",
        r"shell(?:s|ed|ing)",
        r"artillery",
        r"mortars?",
        r"air ?strikes?",
        r"air ?raids?",
        r"bomb(?:s|ed|ing|ings|ardment)?",
        r"shot down",
        r"downed",
        r"intercept\w*",
        r"air[- ]defen[cs]e",
        r"shaheds?",
        r"himars",
        r"mlrs",
        r"glide",
        r"warplanes?",
        r"fighter jets?",
        r"helicopters?",
        r"debris",
        r"wreckage",
        r"explosions?",
        r"strikes?",
        r"struck",
        r"attack(?:s|ed|ing)?",
        r"kamikaze",
        r"loitering",
        r"barrage",
    ),
    "ru": (
        r"дрон",
        r"беспилот",
        r"бпла",
        r"ракет",
        r"обстрел",
        r"снаряд",
        r"артиллер",
        r"миномет",
        r"авиаудар",
        r"авиабомб",
        r"бомб",
        r"сбит",
        r"сбил",
        r"перехва",
        r"уничтож",
        r"пво",
        r"удар",
        r"атак",
        r"обломк",
        r"взрыв",
        r"шахед",
        r"герань",
    ),
    "uk": (
        r"дрон",
        r"безпілот",
        r"бпла",
        r"ракет",
        r"обстріл",
        r"снаряд",
        r"артилер",
        r"міномет",
        r"авіаудар",
        r"авіабомб",
        r"бомб",
        r"збит",
        r"збил",
        r"перехоп",
        r"знищ",
        r"ппо",
        r"удар",
        r"атак",
        r"уламк",
        r"вибух",
        r"шахед",
    ),
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
LITERALS: tuple[str, ...] = (
    "drone", "uav", "unmanned", "missile", "rocket", "shell", "artiller", "mortar", "strike", "struck", "raid",
    "bomb", "shot down", "downed", "intercept", "defen", "shahed", "himars", "mlrs", "glide", "warplane",
    "fighter jet", "helicopter", "debris", "wreckage", "explosion", "attack", "kamikaze", "loitering", "barrage",
    "дрон", "беспилот", "безпілот", "бпла", "ракет", "обстр", "снаряд", "артил", "миномет", "міномет", "авиа",
    "авіа", "бомб", "сбит", "сбил", "збит", "збил", "перехва", "перехоп", "уничт", "знищ", "пво", "ппо", "удар",
    "атак", "обломк", "уламк", "взрыв", "вибух", "шахед", "герань",
)  # fmt: skip


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
