"""Language identification (lingua, restricted to the languages skylog reads).

Returns ISO 639-1 codes. Short or ambiguous Cyrillic text is settled by
letters that exist in only one of Russian / Ukrainian, which is what the
statistical model gets wrong most often on one-line posts.
"""

from __future__ import annotations

import re
from functools import lru_cache

SUPPORTED = ("en", "ru", "uk")
_UK_ONLY = re.compile(r"[іїєґІЇЄҐ]")
_RU_ONLY = re.compile(r"[ыэъёЫЭЪЁ]")
_CYRILLIC = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґ]")
_LATIN = re.compile(r"[A-Za-z]")


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    langs = [
        Language.ENGLISH,
        Language.RUSSIAN,
        Language.UKRAINIAN,
        Language.BELARUSIAN,
        Language.BULGARIAN,
        Language.GERMAN,
        Language.FRENCH,
        Language.SPANISH,
        Language.POLISH,
        Language.ARABIC,
        Language.HEBREW,
        Language.TURKISH,
    ]
    return LanguageDetectorBuilder.from_languages(*langs).build()


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text``; ``und`` when there is nothing to go on."""
    sample = text[:1500]  # enough for a stable answer; detection time grows with length
    cyr = len(_CYRILLIC.findall(sample))
    lat = len(_LATIN.findall(sample))
    if cyr + lat == 0:
        return "und"
    if cyr > lat:
        uk, ru = len(_UK_ONLY.findall(sample)), len(_RU_ONLY.findall(sample))
        if uk and not ru:
            return "uk"
        if ru and not uk:
            return "ru"
    lang = _detector().detect_language_of(sample)
    if lang is None:
        return "und"
    return lang.iso_code_639_1.name.lower()


def script_language(text: str) -> str:
    """A cheap reading by script alone, for text known to be in a language skylog reads: Ukrainian or
    Russian by Cyrillic and the letters only Ukrainian has, else English (no statistical model)."""
    sample = text[:1500]
    if len(_CYRILLIC.findall(sample)) <= len(_LATIN.findall(sample)):
        return "en"
    return "uk" if _UK_ONLY.search(sample) else "ru"


def is_supported(language: str) -> bool:
    return language in SUPPORTED
