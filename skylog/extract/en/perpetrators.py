"""Who attacked: demonyms and actors next to forces, weapons or attack verbs ("Russian drones", "Hamas fired")."""

from __future__ import annotations

from skylog.extract.common.hedges import hedge_of
from skylog.extract.en import lexicon as L
from skylog.extract.en.patterns import WEAPON_RE
from skylog.extract.en.sentences import Sentence
from skylog.records import Claim

_PERP_ADJ = L.pattern("perpetrators.PERP_ADJ")
_PERP_ORIGIN = L.pattern("perpetrators.PERP_ORIGIN")
_PERP_BY = L.pattern("perpetrators.PERP_BY")
PERP_ACTOR = L.pattern("perpetrators.PERP_ACTOR")
_PASSIVE_AFTER = L.pattern("perpetrators.PASSIVE_AFTER")
_DEFENDER_AFTER = L.pattern("perpetrators.DEFENDER_AFTER")
# patterns the functions below use
_PERPETRATOR_1 = L.pattern("perpetrators.PERPETRATOR_1")


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
            if pat is _PERP_ADJ and _PERPETRATOR_1.match(t[m.end("d") :].strip()):
                continue
            span = (sentence.start + m.start(key), sentence.start + m.end(key))
            return Claim(value=value, spans=[span], claimant=claimant or "the outlet", hedge=hedge_of(t))
    return None
