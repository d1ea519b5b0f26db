"""Event mentions from sentences: type, weapon, counts, places, time, outcome, perpetrator.

Each sentence is read on its own (triggers, filters, attributes), then ``common.assemble`` merges the
per-sentence mentions into one event per incident and region. Sentences that only refer back to an
event ("the attack caused minor damage", "no casualties were reported") add to the latest event instead
of creating one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from skylog.extract.common.assemble import Mention
from skylog.extract.common.gated import GatedPattern, Presence
from skylog.extract.common.hedges import hedge_of
from skylog.extract.common.places import region_key
from skylog.extract.en import casualties as C
from skylog.extract.en import lexicon as L
from skylog.extract.en.modality import HYPO_RE as _HYPO_RE
from skylog.extract.en.patterns import WEAPON_RE
from skylog.extract.en.perpetrators import PERP_ACTOR, perpetrator
from skylog.extract.en.place_words import relation_of
from skylog.extract.en.sentences import Sentence
from skylog.geo.sides import names_a_side, owns_forces
from skylog.nlp.spans import NumberMention
from skylog.records import Claim, Place, Quote, TimeExpr

_ATTACK_RE = L.pattern("events.ATTACK_RE")
_GROUND_STRIKE = L.pattern("events.GROUND_STRIKE")
_DESTROYED_RE = GatedPattern(L.pattern("events.DESTROYED_RE"), L.text("events.DESTROYED_RE_GATE"))
_HARD_RE = L.pattern("events.HARD_RE")
_INTERCEPT_RE = L.pattern("events.INTERCEPT_RE")
_AIR_DEFENCE = L.pattern("events.AIR_DEFENCE")
_DEBRIS_RE = L.pattern("events.DEBRIS_RE")
_DEBRIS_AGENT = L.pattern("events.DEBRIS_AGENT")
_OF_THEM = L.pattern("events.OF_THEM")
_WHOLE_INTERCEPTION = L.pattern("events.WHOLE_INTERCEPTION")
_PLATFORM_MUNITION = L.pattern("events.PLATFORM_MUNITION")
_DATELINE = L.pattern("events.DATELINE")
_NOT_MILITARY = L.pattern("events.NOT_MILITARY")
_SEPARATE = L.pattern("events.SEPARATE")
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
_FROM_BEFORE = L.pattern("events.FROM_BEFORE")
_NOT_PLACE_HEAD = L.pattern("events.NOT_PLACE_HEAD")
# the words that type an attack with no weapon named ("strike", "bombed"): the pack's UNTYPED_STRIKE_TYPE
_UNTYPED_WORDS = "|".join(re.escape(w) for w in sorted(L.UNTYPED_STRIKE_TYPE, key=len, reverse=True))
_UNTYPED_STRIKE = re.compile(rf"(?<![\w-])(?:{_UNTYPED_WORDS})(?![\w-])", re.I)


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
        platform = _PLATFORM_MUNITION.search(text) if wcls == "missile" else None
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


_WORTH = L.pattern("events.WORTH")
_WORTH_IN = Presence(_WORTH)  # the same answer as bool(_WORTH.search(text)), its words looked up directly


_HARM_WORDS = Presence(L.pattern("events.HARM_WORDS"))  # bool(search): words looked up directly
_DAMAGE_WORDS = Presence(L.pattern("events.DAMAGE_WORDS"))


def worth_reading(text: str) -> bool:
    """Cheap gate: can this sentence add anything to an event (a cue, a toll, damage, a tally line)?"""
    return _WORTH_IN(text)


def _toll_claim(f: C.Figure | None, claimant: str | None, t: str) -> Claim | None:
    """A killed or injured figure as a claim of the sentence's claimant, hedged as the sentence is."""
    if not f:
        return None
    return Claim(
        value=f.value,
        spans=[f.span],
        claimant=claimant or "the outlet",
        hedge=hedge_of(t),
        qualifier=f.qualifier,
        weak=f.earlier,  # an earlier report's toll: a firmer one of the event replaces it
    )


def sentence_places(sentence: Sentence, places: list[Place]) -> list[Place]:
    """The places a sentence locates its events at (not its dateline, demonyms, attackers or origins)."""
    t = sentence.text
    dateline = _DATELINE.match(t)
    floor = sentence.start + (dateline.end() if dateline else 0)
    sent_places = [
        p
        for p in places
        if p.span[0] >= floor
        and p.span[1] <= sentence.end
        and p.mention.lower() not in L.DEMONYMS
        and not p.mention.lower().endswith(("ian", "ese", "ish"))
        # a side: a country that attacks ("a missile fired by Yemen's Houthis", "Iran fired missiles at
        # Haifa"), a city that owns the forces ("Moscow's Black Sea Fleet")
        and not (names_a_side if p.kind == "country" else owns_forces)(t, _local(p, sentence.start).span)
    ]
    # "Moscow also fired two missiles": the capital as the attacker is not where the attack happened
    actors = [(sentence.start + m.start("a"), sentence.start + m.end("a")) for m in PERP_ACTOR.finditer(t)]
    sent_places = [p for p in sent_places if not C.in_any(p.span[0], actors)]
    sent_places = [
        p
        for p in sent_places
        if not _FROM_BEFORE.search(t[max(0, p.span[0] - sentence.start - 30) : p.span[0] - sentence.start])
        and (p.kind == "country" or not _NOT_PLACE_HEAD.match(t[p.span[1] - sentence.start :]))
    ]
    rels = [relation_of(t, _local(p, sentence.start)) for p in sent_places]
    # "over the Ryazan region, southeast of Moscow": a place the event is measured from is left out
    # when the sentence places it elsewhere too
    if any(r != "locator" and p.kind != "country" for p, r in zip(sent_places, rels, strict=True)):
        kept = [(p, r) for p, r in zip(sent_places, rels, strict=True) if r != "locator"]
        sent_places, rels = [p for p, _ in kept], [r for _, r in kept]
    for p, rel in zip(sent_places, rels, strict=True):
        if rel and not p.relation:
            p.relation = rel
    return sent_places


def sentence_mentions(
    sentence: Sentence,
    places: list[Place],
    time: TimeExpr | None,
    claimant: str | None,
    numbers: list[NumberMention],
) -> tuple[list[Mention], SentenceReading]:
    """Mentions (typed or continuation) that one sentence contributes (``time``: the sentence's own;
    ``numbers``: the document's numbers layer)."""
    t = sentence.text
    reading = read_sentence(t)
    if reading.filtered:
        return [], reading
    nums = [n for n in numbers if sentence.start <= n.start and n.end <= sentence.end]
    cas = C.casualties(t, sentence.start, nums, strike=bool(reading.types)) if _HARM_WORDS(t) else {}
    dmg = C.damage(t, sentence.start) if _DAMAGE_WORDS(t) else None
    counts = C.weapon_counts(t, sentence.start, nums)
    tally = C.tally_count(t, sentence.start, nums)
    perp = perpetrator(sentence, claimant)
    sent_places = sentence_places(sentence, places)
    specific = bool(
        sent_places or time or cas or counts or tally or any(x[0] == "debris_fall" for x in reading.types)
    )
    reading.specific = specific

    damage_claim = (
        Claim(value=dmg[0], spans=dmg[1], claimant=claimant or "the outlet", hedge=hedge_of(t))
        if dmg
        else None
    )

    base = dict(
        sentence=sentence.index,
        paragraph=sentence.paragraph,
        span=(sentence.start, sentence.end),
        time=time,
        killed=_toll_claim(cas.get("killed"), claimant, t),
        injured=_toll_claim(cas.get("injured"), claimant, t),
        damage=damage_claim,
        perpetrator=perp,
        claimant=claimant,
        specific=specific,
        headline=is_headline(sentence) or any(f.total for f in cas.values()),  # a sum fills only gaps
        separate=bool(_SEPARATE.search(t)),
        added=tuple(f for f, fig in cas.items() if fig.added),
    )
    out: list[Mention] = []
    if not reading.types:
        if tally is not None:
            out.append(
                Mention(
                    type=None,
                    weapon=None,
                    places=sent_places,
                    count=_count_claim(tally, claimant, t),
                    tally=True,
                    anaphoric=True,
                    **base,
                )
            )
        elif any(
            v is not None for v in (base["killed"], base["injured"], base["damage"], base["perpetrator"])
        ) or (reading.anaphoric and sent_places):
            out.append(
                Mention(type=None, weapon=None, places=sent_places, count=None, anaphoric=True, **base)
            )
        return out, reading
    strike_types = [x for x in reading.types if x[0] not in ("interception",)]
    intercepted = next((x[2][1] for x in reading.types if x[0] == "interception"), None)
    # harm goes to debris first, then the strike, then the interception
    order = {"debris_fall": 0, "": 3, "interception": 2}
    reading.types.sort(key=lambda x: order.get(x[0], 1))
    for typ, wcls, trig in reading.types:
        wc = [
            c
            for c in counts
            if (wcls is None or L.WEAPON_TYPE.get(c.weapon_class) == typ)
            and c.weapon_class not in C.PLATFORMS
        ]
        if not wc and typ in ("air_strike", "drone_strike") and _PLATFORM_MUNITION.search(t):
            wc = [c for c in counts if c.weapon_class == "missile" and not c.singular]  # its munitions
        if typ == "interception":
            wc = [
                c
                for c in counts
                if c.weapon_class in ("drone", "missile", "rocket", "glide_bomb", "aircraft", "")
            ]
            if len(wc) > 1:
                # the figure nearest the interception verb ("launched 28 …, destroyed 21 of the drones")
                at = sentence.start + trig[0]
                wc.sort(key=lambda c: (c.singular, C.distance(c, at)))
        elif typ == "debris_fall":
            wc = []
        elif typ and intercepted is not None:
            struck = _struck_count(t, sentence.start, intercepted, nums)
            wc = [struck] if struck is not None else wc
        wc.sort(key=lambda c: c.singular)
        count = (
            _count_claim(wc[0], claimant, t) if wc else (_count_claim(tally, claimant, t) if tally else None)
        )
        m = Mention(
            type=typ or None,
            weapon=wcls or None,  # the class is the weapon label ([[weapons]] label)
            places=list(sent_places),
            count=count,
            anaphoric=reading.anaphoric,
            untyped=(typ == ""),
            **base,
        )
        m.trigger = (sentence.start + trig[0], sentence.start + trig[1])
        m.separate = m.separate or C.told_as_more(wc)  # "16 more drones were downed": another event
        if typ == "":
            # the sentence's strike word, if any, types the attack ("conducted a targeted strike")
            noun = _UNTYPED_STRIKE.search(t)
            m.cue = noun.group(0) if noun else t[trig[0] : trig[1]]
        if out and (out[-1].killed is not None or out[-1].injured is not None):
            m.killed = m.injured = None  # one sentence's toll goes to one event
        if typ == "interception" and strike_types:
            m.killed = m.injured = m.damage = None  # harm goes with the strike or the debris
        m.whole = typ == "interception" and bool(_WHOLE_INTERCEPTION.search(t))  # "all 14 were shot down"
        if typ == "interception" and sent_places:
            m.split_counts = _split_counts(t, sentence.start, sent_places, nums, count)
        out.append(m)
    return out, reading


def is_headline(sentence: Sentence) -> bool:
    """A title line: the first line, short, without closing punctuation."""
    return (
        sentence.index == 0
        and len(sentence.text) < 200
        and not sentence.text.rstrip().endswith((".", "!", "?", "”", '"', "’"))
    )


def _local(p: Place, offset: int) -> Place:
    q = Place(mention=p.mention, span=(p.span[0] - offset, p.span[1] - offset), kind=p.kind)
    return q


def _count_claim(c: C.WeaponCount, claimant: str | None, text: str) -> Claim:
    claim = Claim(
        value=c.value,
        spans=[c.span],
        claimant=claimant or "the outlet",
        hedge=hedge_of(text),
        qualifier=c.qualifier,
    )
    claim.weak = c.singular  # "a drone": a later figure replaces it
    return claim


_DISTRIBUTIVE = L.pattern("events.DISTRIBUTIVE")
_LIST_JOINER = L.pattern("events.LIST_JOINER")
_PART_OF_TOTAL = L.pattern("events.PART_OF_TOTAL")
# patterns the functions below use
_INTERCEPTION_1 = L.pattern("events.INTERCEPTION_1")
_STRIKE_SUBJECT = L.pattern("events.STRIKE_SUBJECT")


def _struck_count(text: str, offset: int, after: int, numbers: list[NumberMention]) -> C.WeaponCount | None:
    """ "shot down 12 drones overnight, as one attacked a military target": after the interception
    (``after``, sentence offset), the bare figure that is the subject of a hit is the strike's count."""
    m = _STRIKE_SUBJECT.search(text, after)
    if m is None:
        return None
    at = offset + m.start("n")
    n = next((n for n in numbers if n.start == at and n.value is not None and n.designation is None), None)
    if n is None:
        return None
    return C.WeaponCount(value=int(n.value), qualifier=n.qualifier, weapon_class="", span=(n.start, n.end))


def _split_counts(
    text: str, offset: int, places: list[Place], numbers: list[NumberMention], count: Claim | None
) -> dict[str | None, Claim]:
    """An interception's count per region, with the total under None where the regions' counts are parts
    of it told after it ("22 drones, including two over X"): the total is a tally of its own."""
    split = _per_place_counts(text, offset, places, numbers)
    if count is not None and _parts_of_total(text, offset, count, split):
        return {None: count, **split}
    return split if len(places) > 1 else {}


def _parts_of_total(text: str, offset: int, total: Claim, parts: dict[str | None, Claim]) -> bool:
    """The per-place counts are parts of the total told before them ("22 drones, including two over X")."""
    if not parts or not total.spans:
        return False
    end = total.spans[0][1]
    firsts = [c.spans[0][0] for c in parts.values() if c.spans and c.spans[0][0] >= end]
    if len(firsts) != len(parts):
        return False
    return bool(_PART_OF_TOTAL.search(text[end - offset : min(firsts) - offset]))


def _per_place_counts(
    text: str, offset: int, places: list[Place], numbers: list[NumberMention]
) -> dict[str | None, Claim]:
    """In "29 drones over Bryansk, 15 over Oryol…", the count nearest before each region's mention.

    A count followed by a list of regions ("10 downed over Kharkiv, Sumy and Kyiv") is one total over
    the list, not a count for each: none of them gets it, unless the count is given for each ("one
    drone each over Bryansk and Lipetsk").
    """
    groups: dict[int, tuple[NumberMention, list[tuple[str, Place]]]] = {}
    counts = [n for n in numbers if n.is_count]
    for p in sorted(places, key=lambda p: p.span[0]):
        key = region_key(p)
        before = [n for n in counts if n.start < p.span[0] and p.span[0] - n.start < 80]
        if not key or not before or re.search(r"[;\n]", text[before[-1].end - offset : p.span[0] - offset]):
            continue
        items = groups.setdefault(before[-1].start, (before[-1], []))[1]
        if all(k != key for k, _ in items):
            items.append((key, p))
    out: dict[str | None, Claim] = {}
    for n, items in groups.values():
        first = items[0][1]
        if _DISTRIBUTIVE.search(text[n.end - offset : first.span[0] - offset]):
            chosen = items  # "one drone each over Bryansk and Lipetsk"
        elif len(items) > 1 and _LIST_JOINER.match(
            text[first.span[1] - offset : items[1][1].span[0] - offset]
        ):
            chosen = []  # a total over a list of regions
        else:
            chosen = items[:1]  # later regions are landmarks ("over Ryazan region, southeast of Moscow")
        for key, _ in chosen:
            out.setdefault(key, Claim(value=n.value, spans=[(n.start, n.end)], claimant=None))
    return out


def claimant_for(sentence: Sentence, quotes: list[Quote]) -> str | None:
    """Who the sentence's statement is attributed to: its quote's speaker or 'according to X'."""
    for q in quotes:
        if q.span[0] <= sentence.start + 2 and q.span[1] >= sentence.end - 2 and q.speaker:
            return q.speaker
        if q.kind == "reported" and q.span == (sentence.start, sentence.end) and q.speaker:
            return q.speaker
    for q in quotes:
        if q.span[0] < sentence.end and q.span[1] > sentence.start and q.speaker:
            return q.speaker
    return None
