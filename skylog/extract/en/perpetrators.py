"""Who attacked: demonyms and actors next to forces, weapons or attack verbs ("Russian drones", "Hamas fired")."""

from __future__ import annotations

import re

from skylog.extract.common.hedges import hedge_of
from skylog.extract.en import lexicon as L
from skylog.extract.en.patterns import WEAPON_RE
from skylog.extract.en.sentences import Sentence
from skylog.records import Claim

_DEMONYM_KEYS = sorted(L.DEMONYMS, key=len, reverse=True)
_PERP_ADJ = re.compile(
    r"\b(?P<d>" + "|".join(re.escape(k) for k in _DEMONYM_KEYS) + r")\s+(?:[\w\-]+\s+){0,2}?"
    r"(?P<n>forces|troops|army|military|armed forces|occupiers|occupation forces|invaders|air force|aviation|navy|"
    r"attack|attacks|strike|strikes|shelling|bombardment|shells|units|fighters|militants|"
    + "|".join(f"(?:{p})" for p in L.WEAPONS.values())
    + r")\b",
    re.I,
)
_PERP_ORIGIN = re.compile(
    r"\bof (?P<d>" + "|".join(re.escape(k) for k in _DEMONYM_KEYS) + r") origin\b", re.I
)
_PERP_BY = re.compile(
    r"\b(?:by|from)\s+(?:the\s+)?(?P<d>"
    + "|".join(re.escape(k) for k in _DEMONYM_KEYS)
    + r")\b(?:\s+(?:forces|army|military|troops|side|armed forces|air force))?",
    re.I,
)
_ACTOR_KEYS = sorted(L.ACTORS, key=len, reverse=True)
PERP_ACTOR = re.compile(
    r"(?:^|[\s,(])(?P<a>"
    + "|".join(re.escape(k) for k in _ACTOR_KEYS)
    + r")(?:’s|'s)?\s+(?:has\s+|had\s+|have\s+)?"
    r"(?:launched|attacked|fired|shelled|struck|hit|targeted|bombed|carried out|used|sent|pounded|unleashed|dropped)\b",
    re.I,
)
_PASSIVE_AFTER = L.pattern("perpetrators.PASSIVE_AFTER")
_DEFENDER_AFTER = L.pattern("perpetrators.DEFENDER_AFTER")


def perpetrator(sentence: Sentence, claimant: str | None) -> Claim | None:
    t = sentence.text
    for pat, key in ((_PERP_ORIGIN, "d"), (PERP_ACTOR, "a"), (_PERP_BY, "d"), (_PERP_ADJ, "d")):
        for m in pat.finditer(t):
            word = m.group(key).lower()
            value = L.DEMONYMS.get(word) or L.ACTORS.get(word)
            if not value:
                continue
            # "Ukrainian air defences shot down": the defender; "Ukrainian drones were shot down": the attacker
            passive_weapon = (
                pat is _PERP_ADJ
                and any(w.fullmatch(m.group("n")) for w in WEAPON_RE.values())
                and _PASSIVE_AFTER.match(t[m.end() :])
            )
            if pat is _PERP_ADJ and not passive_weapon and _DEFENDER_AFTER.search(t[m.end("d") :]):
                continue
            if pat is _PERP_ADJ and re.match(
                r"(?:air[- ]defen|regions?|territory|border|city|side said)", t[m.end("d") :].strip(), re.I
            ):
                continue
            span = (sentence.start + m.start(key), sentence.start + m.end(key))
            return Claim(value=value, spans=[span], claimant=claimant or "the outlet", hedge=hedge_of(t))
    return None
