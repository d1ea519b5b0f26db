"""Russian and Ukrainian vocabulary of the rules, by name, from the ``ruuk`` language pack.

The words live in ``skylog/extract/packs/ruuk.toml`` (data); this module gives them the names the
rules read (``L.HARM``, ``L.WEAPONS``), so the rules read as logic, not vocabulary.
"""

from __future__ import annotations

import re

from skylog.extract.packs import Lexicon, StagePatterns, load_pack
from skylog.geo.sides import country_adjective_stems, words
from skylog.nlp.lemmas import LemmaMatcher

_PACK = load_pack("ru")

SAY_VERB: str = _PACK.fragments["SAY_VERB"]
# (pattern of what is not a word (model numbers) or None, weapon label, strike type), in the pack's order
WEAPONS: list[tuple[re.Pattern[str] | None, str, str]] = [
    (w.pattern, w.label, w.strike_type) for w in _PACK.weapons
]
# the weapon words, in dictionary form, labelled with their class's label
WEAPON_LEMMAS: LemmaMatcher = _PACK.weapon_lemmas

AD_CUE = _PACK.pattern("AD_CUE")
AD_WORKED = _PACK.pattern("AD_WORKED")
CHANNEL = _PACK.pattern("CHANNEL")
COMMUNITY: Lexicon = _PACK.lexicons["COMMUNITY"]
COUPLE: Lexicon = _PACK.lexicons["COUPLE"]
DAMAGE = _PACK.pattern("DAMAGE")
DEBRIS: Lexicon = _PACK.lexicons["DEBRIS"]
DIGEST = _PACK.pattern("DIGEST")
DROPPED: Lexicon = _PACK.lexicons["DROPPED"]
DIGEST_DAY = _PACK.pattern("DIGEST_DAY")
EXERCISE: Lexicon = _PACK.lexicons["EXERCISE"]
WEAPON_SIDE: Lexicon = _PACK.lexicons["WEAPON_SIDE"]
ATTACKER_SIDE: Lexicon = _PACK.lexicons["ATTACKER_SIDE"]
AD_PHRASE: Lexicon = _PACK.lexicons["AD_PHRASE"]
FRONTLINE: Lexicon = _PACK.lexicons["FRONTLINE"]
INFRA_TARGET: Lexicon = _PACK.lexicons["INFRA_TARGET"]
HARM = _PACK.pattern("HARM")
HARM_VERB: Lexicon = _PACK.lexicons["HARM_VERB"]
DAMAGE_VERB: Lexicon = _PACK.lexicons["DAMAGE_VERB"]
FAILED_INTERCEPT = _PACK.pattern("FAILED_INTERCEPT")
HIT_AFTER_INTERCEPT = _PACK.pattern("HIT_AFTER_INTERCEPT")
HYPOTHETICAL = _PACK.pattern("HYPOTHETICAL")
INJURED = _PACK.pattern("INJURED")
INTERCEPT_ACTIVE = _PACK.pattern("INTERCEPT_ACTIVE")
INTERCEPT_PASSIVE = _PACK.pattern("INTERCEPT_PASSIVE")
KILLED = _PACK.pattern("KILLED")
KILLED_WORD: Lexicon = _PACK.lexicons["KILLED_WORD"]
INJURED_WORD: Lexicon = _PACK.lexicons["INJURED_WORD"]
LAUNCH = _PACK.pattern("LAUNCH")
NEGATED = _PACK.pattern("NEGATED")
NO_CASUALTIES = _PACK.pattern("NO_CASUALTIES")
ORG = _PACK.pattern("ORG")
OVER = _PACK.pattern("OVER")
PERPETRATOR = _PACK.pattern("PERPETRATOR")
# fragments the code derives from geo's side words (geo/data/sides.toml), for the pack's pattern templates
_DERIVED = {
    "SIDE_ADJECTIVE": country_adjective_stems(),
    "SIDE_ATTACK_VERB": words("ruuk", "ATTACK_VERB"),
    "SIDE_VERB_ADVERB": words("ruuk", "VERB_ADVERB"),
}
# a state's forces or an armed group as the subject of an attack verb
SIDE_SUBJECT = _PACK.compile("finish.SIDE_SUBJECT", _DERIVED)
PERSON_NOUN: Lexicon = _PACK.lexicons["PERSON_NOUN"]
REPORT_DENIAL = _PACK.pattern("REPORT_DENIAL")
ROLE = _PACK.pattern("ROLE")
SHELLING_WORD = _PACK.pattern("SHELLING_WORD")
SHELL_TALLY: Lexicon = _PACK.lexicons["SHELL_TALLY"]
STRIKE_CUE = _PACK.pattern("STRIKE_CUE")
WEAK_CUE = _PACK.pattern("WEAK_CUE")


def pattern(key: str) -> re.Pattern[str]:
    """The pack's pattern template ``key`` ("stage.NAME"), filled in and compiled."""
    return _PACK.compile(key, _DERIVED)


def text(key: str) -> str:
    """The pack's template ``key`` filled in, uncompiled (a fragment code builds on)."""
    return _PACK.text(key)


def stage(name: str) -> StagePatterns:
    """The pack's pattern templates of stage ``name``, by attribute (``stage("speakers").AFTER``)."""
    return StagePatterns(_PACK, name)
