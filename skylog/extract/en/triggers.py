"""Which events one sentence tells of: each type with its weapon class and trigger span.

A sentence is read on its own: filters first (an exercise, statistics, a delivery, an accident), then an
interception verb near an interceptable weapon, debris that fell with harm, a strike cue in a weapon's
clause, a ground strike, an untyped attack; negated and hypothetical cues tell of none. Whether the
sentence only refers back to an attack already told ("the attack") is read here too. ``events`` turns
the reading into mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from skylog.extract.common.gated import GatedPattern
from skylog.extract.en import casualties as C
from skylog.extract.en import lexicon as L
from skylog.extract.en.modality import HYPO_RE as _HYPO_RE
from skylog.extract.en.patterns import WEAPON_RE

_ATTACK_RE = L.pattern("events.ATTACK_RE")
_GROUND_STRIKE = L.pattern("events.GROUND_STRIKE")
_DESTROYED_RE = GatedPattern(L.pattern("events.DESTROYED_RE"), L.text("events.DESTROYED_RE_GATE"))
_HARD_RE = L.pattern("events.HARD_RE")
_INTERCEPT_RE = L.pattern("events.INTERCEPT_RE")
_AIR_DEFENCE = L.pattern("events.AIR_DEFENCE")
_DEBRIS_RE = L.pattern("events.DEBRIS_RE")
_DEBRIS_AGENT = L.pattern("events.DEBRIS_AGENT")
_DEBRIS_SOURCE = L.pattern("events.DEBRIS_SOURCE")
_OF_THEM = L.pattern("events.OF_THEM")
PLATFORM_MUNITION = L.pattern("events.PLATFORM_MUNITION")
_NOT_MILITARY = L.pattern("events.NOT_MILITARY")
_PASSIVE_LAUNCH = GatedPattern(L.pattern("events.PASSIVE_LAUNCH"), L.text("events.PASSIVE_LAUNCH_GATE"))
_WEAK_INTERCEPT: frozenset[str] = L.WORDS["WEAK_INTERCEPT"]
_FELL_RE = L.pattern("events.FELL_RE")
_DEBRIS_HARM_RE = L.pattern("events.DEBRIS_HARM_RE")
_HAS_PLACE_WORD = L.pattern("events.HAS_PLACE_WORD")
_HARM_RE = L.pattern("events.HARM_RE")
_NEG_RE = L.pattern("events.NEG_RE")
_EXER_RE = L.pattern("events.EXER_RE")
_ACCIDENT_RE = L.pattern("events.ACCIDENT_RE")
_CLAUSE_CUT = L.pattern("events.CLAUSE_CUT")
_DELIV_RE = L.pattern("events.DELIV_RE")
_STAT_RE = L.pattern("events.STAT_RE")
_FRESH_FRAME = L.pattern("events.FRESH_FRAME")
_DAY_ANCHOR = L.pattern("events.DAY_ANCHOR")
_OPINION_RE = L.pattern("events.OPINION_RE")
_ANAPHOR_RE = L.pattern("events.ANAPHOR_RE")
_FRESH_RE = L.pattern("events.FRESH_RE")
_MODIFIER_BEFORE = L.pattern("events.MODIFIER_BEFORE")
_GENERIC_ATTACK = L.pattern("events.GENERIC_ATTACK")
_AIR_FORCE_AGENT = L.pattern("events.AIR_FORCE_AGENT")
_FAILED_INTERCEPT = L.pattern("events.FAILED_INTERCEPT")
_INTERCEPTION_1 = L.pattern("events.INTERCEPTION_1")


@dataclass
class SentenceReading:
    """What one sentence says about attacks."""

    # (type, weapon class, trigger span)
    types: list[tuple[str, str | None, tuple[int, int]]] = field(default_factory=list)
    anaphoric: bool = False
    specific: bool = False
    filtered: str | None = None


def _weapons(text: str) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for cls, pat in WEAPON_RE.items():
        for m in pat.finditer(text):
            if any(m.start() < e and m.end() > s for s, e, _ in found):
                continue
            if _MODIFIER_BEFORE.search(text[max(0, m.start() - 25) : m.start()]):
                continue
            found.append((m.start(), m.end(), cls))
    return sorted(found)


def _clause_bounds(text: str, pos: int) -> tuple[int, int]:
    start, end = 0, len(text)
    for m in _CLAUSE_CUT.finditer(text):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def _clause_around(text: str, pos: int) -> str:
    left = max(text.rfind(",", 0, pos), text.rfind(";", 0, pos), text.rfind(":", 0, pos))
    rights = [i for i in (text.find(",", pos), text.find(";", pos)) if i >= 0]
    right = min(rights) if rights else len(text)
    return text[left + 1 : right]


def read_sentence(text: str) -> SentenceReading:
    """The event types one sentence tells of, each with its weapon class and trigger span."""
    r = SentenceReading()
    weapons = _weapons(text)
    r.filtered = _filtered(text)
    if r.filtered:
        return r
    intercept = _interception(text, weapons, r)
    debris = _DEBRIS_RE.search(text)
    fell = _FELL_RE.search(text)
    if debris and (
        (fell and (_HARM_RE.search(text) or _HAS_PLACE_WORD.search(text[debris.end() :])))
        or (_DEBRIS_HARM_RE.search(text))
    ):
        at = debris.start()
        if not _NEG_RE.search(_clause_around(text, at)) and not _debris_unharmful(text, at):
            r.types.append(("debris_fall", None, (debris.start(), debris.end())))
    attack, strike_weapons = _attack_and_weapons(text, weapons, r, intercept)
    if attack and strike_weapons:
        _strikes(text, r, attack, strike_weapons)
    elif attack and not weapons and not r.types:
        _untyped_attack(text, r)
    _ground_strike(text, r)
    r.anaphoric = _anaphoric(text)
    return r


def _ground_strike(text: str, r: SentenceReading) -> None:
    """Weapons destroyed before launch ("destroyed four more on the ground"): an air strike on their side; an
    interception or a strike of those weapons read inside that phrase is none."""
    g = _GROUND_STRIKE.search(text)
    if g is None or _NEG_RE.search(_clause_around(text, g.start())):
        return
    r.types[:] = [t for t in r.types if t[0] == "debris_fall" or not g.start() <= t[2][0] < g.end()]
    r.types.append(("air_strike", "aircraft", (g.start(), g.end())))


def _debris_unharmful(text: str, at: int) -> bool:
    """The debris is told only in a statement of no harm, of no news of harm or of a possibility ("no damage
    or casualties after the fall of the debris", "no information on injuries caused by the falling debris",
    "appeals related to possible falling debris"): no debris fall of its own."""
    left = max(text.rfind(c, 0, at) for c in ",;:")
    return C.no_harm_told(text[left + 1 : at]) or bool(_HYPO_RE.search(text, max(0, at - 30), at))


def _filtered(text: str) -> str | None:
    """Why a sentence tells of no attack: an exercise, statistics, a delivery or an accident (a crash of the
    craft's own fault); None when it may."""
    if _EXER_RE.search(text):
        return "exercise"
    if any(not _history_aside(text, m) for m in _STAT_RE.finditer(text)):
        return "statistics"
    if _DELIV_RE.search(text) and not _ATTACK_RE.search(text.replace("delivered", "")):
        return "delivery"
    return "accident" if _ACCIDENT_RE.search(text) else None


def _history_aside(text: str, stat: re.Match[str]) -> bool:
    """A history phrase that only frames a fresh incident, not a sentence of statistics: "the first
    attack on the city since the war began", "a second strike in two days", or a trailing clause after an
    attack told for one day ("... attacked the port on Sunday, a town shelled repeatedly since May")."""
    c0, _ = _clause_bounds(text, stat.start())
    if _FRESH_FRAME.search(text[c0 : stat.start()]):
        return True
    head = text[:c0]  # the clauses before it: a day and a verb of a fresh attack there
    return bool(_DAY_ANCHOR.search(head) and _FRESH_RE.search(head))


def _interception(text: str, weapons: list[tuple[int, int, str]], r: SentenceReading) -> re.Match[str] | None:
    """The interception verb of a sentence (adding the interception to ``r`` when it is not negated)."""
    intercept = _INTERCEPT_RE.search(text) or _DESTROYED_RE.search(text) or _OF_THEM.search(text)
    interceptable = [w for w in weapons if w[2] in ("drone", "missile", "rocket", "glide_bomb", "aircraft")]
    if intercept and intercept.group(0).lower() in _WEAK_INTERCEPT and not _DESTROYED_RE.search(text):
        intercept = None
    if not (intercept and (interceptable or _AIR_DEFENCE.search(text) or _OF_THEM.search(text))):
        return intercept
    clause = _clause_around(text, intercept.start())
    if _NEG_RE.search(clause) or _HYPO_RE.search(text, max(0, intercept.start() - 60), intercept.end()):
        return intercept
    wcls = min(interceptable, key=lambda w: abs(w[0] - intercept.start()))[2] if interceptable else None
    if wcls == "aircraft" and not _INTERCEPTION_1.search(text):
        wcls = None
    if _FAILED_INTERCEPT.search(text, max(0, intercept.start() - 40), intercept.start()):
        if wcls:  # "failed to intercept the missile": it got through, the weapon's strike and no interception
            r.types.append((L.WEAPON_TYPE[wcls], wcls, (intercept.start(), intercept.end())))
        return None
    r.types.append(("interception", wcls, (intercept.start(), intercept.end())))
    return intercept


def _attack_and_weapons(
    text: str, weapons: list[tuple[int, int, str]], r: SentenceReading, intercept: re.Match[str] | None
) -> tuple[re.Match[str] | None, list[tuple[int, int, str]]]:
    """The attack cue and the weapons that may have struck (after an interception: only a hit, or other arms)."""
    attack = _ATTACK_RE.search(text) or _PASSIVE_LAUNCH.search(text)
    strike_weapons = list(weapons)
    if r.types and r.types[0][0] == "interception":
        hard = _HARD_RE.search(text, intercept.end() if intercept else 0)
        if hard:
            # "… shot down 12 drones, including one that struck a military site"
            strike_weapons = [w for w in weapons if w[2] != "aircraft"] or weapons
            attack = hard
        else:
            strike_weapons = [
                w
                for w in weapons
                if w[2] in ("artillery", "glide_bomb")
                or (w[2] == "aircraft" and not _AIR_DEFENCE.search(text))
            ]
            attack = _ATTACK_RE.search(text) if strike_weapons else None
    sources = [m.span() for m in _DEBRIS_SOURCE.finditer(text)]
    # "debris from one of the drones fell on a house": the drone is where the debris came from, no strike
    strike_weapons = [w for w in strike_weapons if not any(a <= w[0] and w[1] <= b for a, b in sources)]
    if any(t[0] == "debris_fall" for t in r.types) and attack and not strike_weapons:
        attack = None
    elif any(t[0] == "debris_fall" for t in r.types) and attack and _DEBRIS_AGENT.match(text, attack.end()):
        attack = None  # "hit by debris from a drone attack": what hit is the debris, the drone is its source
    return attack, strike_weapons


def _strikes(
    text: str, r: SentenceReading, attack: re.Match[str], strike_weapons: list[tuple[int, int, str]]
) -> None:
    """One strike type per weapon class, each from a weapon and an attack cue in its clause."""
    seen_clauses: set[int] = set()
    for w in strike_weapons:
        c0, c1 = _clause_bounds(text, w[0])
        if c0 in seen_clauses and r.types and r.types[-1][0] not in ("interception", "debris_fall"):
            continue
        clause = text[c0:c1]
        a = _ATTACK_RE.search(clause) or (
            attack if len({sw[2] for sw in strike_weapons}) == 1 or c0 == 0 and c1 == len(text) else None
        )
        if a is None:
            continue
        a_pos = c0 + a.start() if a is not attack else attack.start()
        # searched in place, so that a cue is read with the words before the window ("had been able to")
        window = (max(0, min(w[0], a_pos) - 70), max(w[1], a_pos + 10))
        if _NEG_RE.search(clause) or _HYPO_RE.search(text, *window):
            continue
        typ, wcls = L.WEAPON_TYPE[w[2]], w[2]
        platform = PLATFORM_MUNITION.search(text) if wcls == "missile" else None
        if platform and (pcls := C.weapon_class_of(platform.group("p") or platform.group("p2"))) in (
            "aircraft",
            "drone",
        ):
            typ, wcls = L.WEAPON_TYPE[pcls], pcls  # "a missile from a warplane": the warplane's strike
        if any(t[0] == typ for t in r.types):
            continue
        if any(t[0] not in ("interception", "debris_fall") for t in r.types) and c0 in seen_clauses:
            continue
        seen_clauses.add(c0)
        r.types.append((typ, wcls, (min(w[0], a_pos), max(w[1], a_pos + 1))))


NOT_MILITARY_REACH = 100  # how far from an untyped cue a word may make it a labour or sports strike


def _untyped_attack(text: str, r: SentenceReading) -> None:
    """ "an attack on the city" with no weapon named: untyped, typed later by what follows. A word
    of labour, sport or health near the cue ("union workers strike") makes it no attack; one far
    off in a long sentence ("... the union of municipalities") does not."""
    g = _GENERIC_ATTACK.search(text)
    reach = NOT_MILITARY_REACH
    if g is None or _NOT_MILITARY.search(text[max(0, g.start() - reach) : g.end() + reach]):
        return
    clause = _clause_around(text, g.start())
    if not (_NEG_RE.search(clause) or _HYPO_RE.search(text, max(0, g.start() - 60), g.end())):
        agent = _AIR_FORCE_AGENT.search(text)
        if agent is not None:
            r.types.append(("air_strike", "aircraft", (agent.start(), agent.end())))  # the air force struck
        else:
            r.types.append(("", None, (g.start(), g.end())))


def _anaphoric(text: str) -> bool:
    """The sentence refers back to an attack already told ("the attack", "during the strike")."""
    anaphor = _ANAPHOR_RE.search(text)
    fresh = _FRESH_RE.search(text)
    anaphoric = bool(anaphor) and not (
        fresh and (not anaphor or fresh.start() < anaphor.start() or fresh.start() > anaphor.end())
    )
    if _OPINION_RE.search(text) and not re.search(r"\d", text):
        anaphoric = True
    return anaphoric
