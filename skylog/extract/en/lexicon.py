"""English vocabulary of the rules, by name, from the ``en`` language pack.

The words live in ``skylog/extract/packs/en.toml`` (data), separate from the matching code, so they
can be reviewed and extended without touching logic. Patterns are regular-expression fragments
matched case-insensitively on word boundaries.
"""

from __future__ import annotations

import re

from skylog.extract.common.gated import WordGated, word_gated
from skylog.extract.packs import StagePatterns, load_pack
from skylog.geo.sides import words as side_words
from skylog.nlp.english import noun_forms
from skylog.nlp.lemmas import LemmaMatcher, words_pattern, written_forms

_PACK = load_pack("en")

# Where a pattern expects a figure: the syntax of English numerals for the patterns' ${NUMBER} and
# ${QUANTITY}; their values and qualifiers are read from the document's numbers layer (common.numbers).
_UNITS: dict[str, int] = _PACK.numbers["UNITS"]
_TENS = "|".join(_PACK.numbers["TENS"])
_NOT_ALONE = _PACK.word_sets["NUMBER_NOT_ALONE"]
_unit_words = sorted((k for k in _UNITS if k not in _NOT_ALONE), key=len, reverse=True)
WORD_NUMBER = (
    rf"(?:(?:{_TENS})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    rf"|(?:{'|'.join(re.escape(w) for w in _unit_words)}))"
    r"(?:\s+hundred(?:\s+and\s+\w+)?)?"
)
DIGIT_NUMBER = r"\d{1,3}(?:[,\u00a0 ]\d{3})+(?!\d)|\d+(?:\.\d+)?"
NUMBER = rf"(?:{DIGIT_NUMBER}|{WORD_NUMBER})"
QUALIFIER = "|".join(re.escape(q) for q in sorted(_PACK.maps["NUMBER_QUALIFIERS"], key=len, reverse=True))
QUANTITY = rf"(?:(?P<qual>{QUALIFIER})\s+)?(?P<num>{NUMBER})"


CUE_VERBS: tuple[str, ...] = _PACK.words["CUE_VERBS"]
CUE_RE = r"(?:" + "|".join(sorted(CUE_VERBS, key=len, reverse=True)) + r")"
TITLES: tuple[str, ...] = _PACK.words["TITLES"]
CHANNELS: tuple[str, ...] = _PACK.words["CHANNELS"]
PRONOUNS: set[str] = set(_PACK.word_sets["PRONOUNS"])
DOCUMENT_NOUNS: set[str] = set(_PACK.word_sets["DOCUMENT_NOUNS"])
ABBREVIATIONS: frozenset[str] = _PACK.word_sets["ABBREVIATIONS"]
WORDS: dict[str, frozenset[str]] = _PACK.word_sets  # every word set, by name
DEMONYMS: dict[str, str] = _PACK.maps["DEMONYMS"]
ACTORS: dict[str, str] = _PACK.maps["ACTORS"]
# the pack's weapon classes ([[weapons]]), by label: the strike type, and the class's phrases spelled
# out as one pattern (its structure patterns, then every regular noun form of its lemma entries as one
# trie-shaped alternation, longer forms first), for the rules that embed them in larger patterns
WEAPON_TYPE: dict[str, str] = {w.label: w.strike_type for w in _PACK.weapons}
WEAPON_LEMMAS: LemmaMatcher = _PACK.weapon_lemmas


def _class_pattern(lemmas: tuple[str, ...], structure: tuple[str, ...]) -> str:
    words = words_pattern(f for p in lemmas for f in written_forms(p, noun_forms))
    return "(?:" + "|".join([*structure, words]) + ")"


WEAPONS: dict[str, str] = {w.label: _class_pattern(w.lemmas, w.structure) for w in _PACK.weapons}
UNTYPED_STRIKE_TYPE: dict[str, str] = _PACK.maps["UNTYPED_STRIKE_TYPE"]
HARD_STRIKE: str = _PACK.fragments["HARD_STRIKE"]
INTERCEPT: str = _PACK.fragments["INTERCEPT"]
DEBRIS: str = _PACK.fragments["DEBRIS"]
NEGATION: str = _PACK.fragments["NEGATION"]
HYPOTHETICAL: str = _PACK.fragments["HYPOTHETICAL"]
EXERCISE: str = _PACK.fragments["EXERCISE"]
DELIVERY: str = _PACK.fragments["DELIVERY"]
LABOUR: str = _PACK.fragments["LABOUR"]
STATISTICS: str = _PACK.fragments["STATISTICS"]
OPINION: str = _PACK.fragments["OPINION"]
BE_AUX: str = _PACK.fragments["BE_AUX"]
WEAPON_ANY = "|".join(f"(?:{p})" for p in WEAPONS.values())


def named_quantity(name: str) -> str:
    """``QUANTITY`` with its groups renamed (``cqual``, ``cnum`` for "c"), for patterns with several figures."""
    return QUANTITY.replace("(?P<qual>", f"(?P<{name}qual>").replace("(?P<num>", f"(?P<{name}num>")


# fragments the code derives from word lists and number words, for the pack's pattern templates
_DERIVED = {
    **{f"Q_{n}": named_quantity(n) for n in "abcdlt"},
    "WEAPON_ANY": WEAPON_ANY,
    "DEMONYM_ALT": "|".join(re.escape(k) for k in sorted(DEMONYMS, key=len, reverse=True)),
    "ACTOR_ALT": "|".join(re.escape(k) for k in sorted(ACTORS, key=len, reverse=True)),
    "TITLE_ALT": "|".join(sorted(map(re.escape, TITLES), key=len, reverse=True)),
    "CHANNEL_ALT": "|".join(re.escape(c) for c in CHANNELS),
    "CUE_RE": CUE_RE,
    "SIDE_ATTACK_VERB": side_words("en", "ATTACK_VERB"),  # one list with geo's reading of an attacking side
    "NUMBER": NUMBER,
    "QUANTITY": QUANTITY,
    "DIGIT_NUMBER": DIGIT_NUMBER,
    "WORD_NUMBER": WORD_NUMBER,
    "QUALIFIER": QUALIFIER,
}


ATTACK: str = _PACK.text("ATTACK", _DERIVED)


def pattern(key: str) -> re.Pattern[str] | WordGated:
    """The pack's pattern template ``key`` ("stage.NAME"), filled in and compiled; behind the gate of the
    words every match contains (``common.gated.word_gated``: the same matches, most sentences skipped)."""
    return word_gated(_PACK.compile(key, _DERIVED))


def numbered(key: str) -> list[re.Pattern[str]]:
    """The patterns ``key``_0, ``key``_1, ... of the pack, compiled, in order."""
    out: list[re.Pattern[str]] = []
    while f"{key}_{len(out)}" in _PACK.templates:
        out.append(pattern(f"{key}_{len(out)}"))
    return out


def text(key: str) -> str:
    """The pack's template ``key`` filled in, uncompiled (a fragment code builds on)."""
    return _PACK.text(key, _DERIVED)


def stage(name: str) -> StagePatterns:
    """The pack's pattern templates of stage ``name``, by attribute (``stage("speakers").AFTER``)."""
    return StagePatterns(_PACK, name, _DERIVED)
