"""Reading one sentence: the events it tells of (interception, debris, strike, shelling, outcome).

Interception verbs next to a weapon (``interceptions``), debris with or without harm, strike
cues next to a weapon; negated, hypothetical, exercise and front-line digest sentences tell
of none. A sentence that tells only of harm ("Пострадавших нет.") gives an ``outcome``
candidate that is attached to the event told before it.
"""

from __future__ import annotations

import re

from skylog.extract.common.tolls import lead_end
from skylog.extract.ruuk import lexicon as L
from skylog.extract.ruuk.counts import (
    count_claim,
    dropped_total,
    hit_count,
    numbers_between,
    shelling_total,
    weapon_count,
)
from skylog.extract.ruuk.facts import SentenceFacts, sentence_facts
from skylog.extract.ruuk.finish import perpetrator_at
from skylog.extract.ruuk.interceptions import Trigger, downed_of_debris, interception_triggers, interceptions
from skylog.extract.ruuk.outcomes import add_outcome
from skylog.extract.ruuk.reading import (
    Candidate,
    Reading,
    Weapon,
    hedge_at,
    nearest_weapon,
    only_shelling_word,
)
from skylog.extract.ruuk.weapons import weapons_in
from skylog.nlp.spans import Sentence


def read_sentence(ctx: Reading, si: int, s: Sentence, prev_intercept: bool) -> list[Candidate]:
    """The event candidates of sentence ``si`` (``prev_intercept``: the sentence before told of one)."""
    seg = ctx.doc.folded[s.start : s.end]
    if L.DIGEST.search(seg) or L.EXERCISE.search(ctx.doc, s.start, s.end) or _history(ctx, seg):
        return []
    sf = sentence_facts(ctx, si, s)
    if sf.harm:
        ctx.harm_sents.add(si)
    negated = bool(L.NEGATED.search(sf.masked))
    hypothetical = bool(L.HYPOTHETICAL.search(seg)) and not sf.harm and not L.INTERCEPT_PASSIVE.search(seg)
    if negated or hypothetical:
        # «Все угрозы нейтрализовали, пострадавших не зафиксировано», «Пострадавших нет, повреждений
        # не зафиксировано»: the threat word or the denial makes no event, but a stated absence of
        # casualties is a fact about the events told around it
        if not sf.no_casualties or sf.weapons:
            return []
        none = _stated_none(sf)
        add_outcome(ctx, s, none, sf.no_casualties)
        return [none]
    out: list[Candidate] = []
    icpt = interception_triggers(ctx, sf, prev_intercept)
    used_weapons: set[Weapon] = set()
    if icpt:
        w = next((x[2] for x in icpt if x[2][2] is not None), icpt[0][2])
        used_weapons.update(x[2] for x in icpt)
        out.extend(interceptions(ctx, si, sf, icpt, w))
    debris = L.DEBRIS.search(ctx.doc, s.start, s.end)
    if debris:
        out.extend(_debris_and_downing(ctx, sf, debris, icpt, used_weapons))
    strike_cues = list(L.STRIKE_CUE.finditer(sf.masked))
    strikes = _strikes(ctx, sf, strike_cues, icpt, debris, used_weapons)
    for h in _hits_of_the_rest(ctx, sf, icpt):
        same = next((x for x in strikes if x.type == h.type), None)
        if same is None:
            strikes.append(h)
        elif same.count is None:  # «ще два поцілили … наслідки атаки дронами»: the attack's strikes
            same.count = h.count
    out.extend(strikes)
    if not out:
        out.extend(_weaponless(sf, strike_cues))
    if not out and strike_cues and not sf.harm and not any(w[3] != "none" for w in sf.weapons):
        m = strike_cues[0]
        span = (m.start() + sf.start, m.end() + sf.start)
        bare = Candidate("drone_strike", None, si, [span], generic=True, weak=True)
        bare.regions = list(sf.regions)
        if _aims_at_facility(ctx, sf, strike_cues):
            out.append(bare)  # «нанесли удар по энергетическим объектам»: a strike on a facility is one
        else:
            ctx.bare_attacks[si] = bare
    for c in out:
        if not c.total_only and (c.type != "interception" or not c.regions):
            c.regions = c.regions or list(sf.regions)
        add_outcome(ctx, s, c, sf.no_casualties)
    _harm_to_the_hit(out)
    _one_toll_one_event(out)
    return out


_YEAR_TOLD = L.pattern("triggers.YEAR_TOLD")
_HIT_VERB = L.pattern("triggers.HIT_VERB")
_AIR_SUBJECT = L.pattern("triggers.AIR_SUBJECT")
_MORE = L.pattern("merge.MORE")
HISTORY_YEARS = 2  # a year told this many years or more before publication is history


def _history(ctx: Reading, seg: str) -> bool:
    """The sentence tells of a year long before publication («Саме цього дня у 2014 році …»)."""
    pub = ctx.doc.published_at
    if pub is None:
        return False
    return any(int(m.group(1)) <= pub.year - HISTORY_YEARS for m in _YEAR_TOLD.finditer(seg))


def _harm_to_the_hit(out: list[Candidate]) -> None:
    """People hurt in a sentence that tells of a downing and of a hit are the hit's, not the downing's.

    «сбиты девять БПЛА, обломки повредили жилой дом, ранены двое»: the two were hurt by the debris.
    """
    for fld in ("killed", "injured"):
        hit = {tuple(getattr(c, fld).spans) for c in out if c.type != "interception" and getattr(c, fld)}
        for c in out:
            v = getattr(c, fld)
            if c.type == "interception" and v is not None and v.value and tuple(v.spans) in hit:
                setattr(c, fld, None)


def _one_toll_one_event(out: list[Candidate]) -> None:
    """A casualty figure told once belongs to one event: the first of the sentence's hits that carry it.

    «обстрелял село из артиллерии и дронов, ранена женщина»: a shelling and a drone strike, one woman
    hurt (the shelling's, the weapon named first); the report's toll is one, not one per weapon. A stated
    none («пострадавших нет») stays on each of them.
    """
    for fld in ("killed", "injured"):
        seen: set[tuple[tuple[int, int], ...]] = set()
        for c in sorted(out, key=lambda x: sorted(x.spans)):
            v = getattr(c, fld)
            if c.implied and v is not None and v.value:
                setattr(c, fld, None)  # whom the debris of a downed weapon hurt, its debris fall tells
            if c.type in ("interception", "outcome") or v is None or not v.value:
                continue
            if tuple(v.spans) in seen:
                setattr(c, fld, None)
            seen.add(tuple(v.spans))


def _stated_none(sf: SentenceFacts) -> Candidate:
    """An outcome candidate that carries only the sentence's "no casualties" claims."""
    return Candidate("outcome", None, sf.index, [(sf.start, sf.end)])


def _debris(
    sf: SentenceFacts, debris: tuple[int, int], icpt: list[Trigger], used_weapons: set[Weapon]
) -> list[Candidate]:
    """Falling debris: with harm in the sentence an event, without it one whose harm may follow."""
    si = sf.index
    span = debris
    if not sf.harm:
        if icpt:
            return []
        # debris whose harm, if any, is told in the next sentences
        used_weapons.update(sf.weapons)
        return [Candidate("debris_fall", None, si, [span], weak=True)]
    w = nearest_weapon(sf.weapons, span[0], span[1], 60)
    c = Candidate("debris_fall", w[2] if w else None, si, [span])
    if w:
        c.spans.append((w[0], w[1]))
    used_weapons.update(x for x in sf.weapons if abs(x[0] - span[0]) < 60)
    return [c]


def _debris_and_downing(
    ctx: Reading, sf: SentenceFacts, debris: tuple[int, int], icpt: list[Trigger], used_weapons: set[Weapon]
) -> list[Candidate]:
    """The debris fall, and the downing its debris tells of («обломки сбитого БПЛА»), where no interception
    verb of the sentence tells of it: the debris of a downed weapon is an event even where it harmed nobody."""
    out = _debris(sf, debris, icpt, used_weapons)
    downed = None if icpt else downed_of_debris(ctx, sf, debris)
    if downed is None:
        return out
    for c in out:
        c.weak = c.weak and c.type != "debris_fall"
    # the downing before its debris: a figure told after the sentence is the debris' (``finish``)
    return [downed, *out]


def _strikes(
    ctx: Reading,
    sf: SentenceFacts,
    strike_cues: list[re.Match[str]],
    icpt: list[Trigger],
    debris: tuple[int, int] | None,
    used_weapons: set[Weapon],
) -> list[Candidate]:
    """One strike candidate per strike type: a weapon near a strike cue or harm."""
    if L.FRONTLINE.search(ctx.doc, sf.start, sf.end):
        return []  # "ударными беспилотниками ... группировок войск поражены": own forces' strikes
    if sf.harm and debris and not icpt:
        return []  # the harm is the debris'
    if (
        icpt
        and not sf.harm
        and not L.HIT_AFTER_INTERCEPT.search(ctx.doc.folded, max(t[1] for t in icpt), sf.end)
    ):
        return []  # downed and nothing else; «збили 84, проте зафіксовано влучання 10» is a strike too
    f, a = ctx.doc.folded, sf.start
    cue_spans = [(m.start() + a, m.end() + a) for m in strike_cues] + sf.harm
    by_type: dict[str, Candidate] = {}
    for w in sf.weapons:
        if w in used_weapons or w[3] == "none":
            continue
        near = [cs for cs in cue_spans if abs(cs[0] - w[0]) < 120]
        if not near:
            continue
        stype = "shelling" if w[2] == "artillery" and only_shelling_word(f, near) else w[3]
        label = w[2]
        if w[2] == "missile" and _fired_by_rocket_group(ctx, sf, w):
            stype, label = "shelling", "rocket"
        cnt = weapon_count(ctx, sf.sentence, w, strike=True) or hit_count(ctx, sf.sentence)
        if stype == "shelling":
            cnt = shelling_total(ctx, sf.sentence) or cnt
        elif w[2] == "drone":
            cnt = dropped_total(ctx, sf.sentence) or cnt
        if stype in by_type:
            if by_type[stype].count is None:
                by_type[stype].count = cnt
            continue
        c = Candidate(stype, label, sf.index, [(w[0], w[1]), near[0]], count=cnt)
        c.weak = not sf.harm and all(L.WEAK_CUE.match(f[x0:x1]) for x0, x1 in near)
        by_type[stype] = c
    for c in by_type.values():
        if _launch_tally(ctx, sf, c):
            c.weak = True
    return list(by_type.values())


_ROCKET_GROUP = L.pattern("triggers.ROCKET_GROUP")
ROCKET_GROUP_REACH = 80  # characters between a missile word and the armed group that fired it


def _fired_by_rocket_group(ctx: Reading, sf: SentenceFacts, w: Weapon) -> bool:
    """«ракетные обстрелы, осуществленные «Хезболлой»», «боевики из Газы выпустили 400 ракет»: the «ракеты»
    of an armed group the pack's ``ROCKET_GROUP`` names are unguided rockets, their strike a shelling, unless
    the sentence names another side as the attacker («Израиль нанес ракетный удар по позициям Хезболлы»).
    A sentence that names no group near its missile word nor any side is read by the report's lead: it names
    a group and no other side as the attacker («"Хезболла" випустила понад 100 ракет … внаслідок ракетного
    обстрілу Кір'ят-Бялика»)."""
    doc, f = ctx.doc, ctx.doc.folded
    a, b = max(sf.start, w[0] - ROCKET_GROUP_REACH), min(sf.end, w[1] + ROCKET_GROUP_REACH)
    side = perpetrator_at(doc, sf.start, sf.end)
    if side is not None:
        return bool(_ROCKET_GROUP.search(f, a, b) and _ROCKET_GROUP.search(f, side[0], side[1]))
    if _ROCKET_GROUP.search(f, a, b):
        return True
    lead = lead_end(doc.text)
    lead_side = perpetrator_at(doc, 0, lead)
    return bool(_ROCKET_GROUP.search(f, 0, lead)) and (
        lead_side is None or bool(_ROCKET_GROUP.search(f, lead_side[0], lead_side[1]))
    )


def _hits_of_the_rest(ctx: Reading, sf: SentenceFacts, icpt: list[Trigger]) -> list[Candidate]:
    """ "Три БпЛА збили, ще два поцілили по об'єкту": the weapons of a downing that hit, their own strike.

    A hit verb after the interception, with a figure just before it and no weapon of its own, counts
    strikes of the intercepted weapon.
    """
    if not icpt:
        return []
    f = ctx.doc.folded
    w = next((t[2] for t in icpt if t[2][3] not in ("none", "")), None)
    hit = _HIT_VERB.search(f, max(t[1] for t in icpt), sf.end)
    if w is None or hit is None:
        return []
    nums = numbers_between(ctx, max(sf.start, hit.start() - 20), hit.start())
    if not nums or f[nums[-1].end : hit.start()].strip():
        return []
    n = nums[-1]
    c = Candidate(
        w[3], w[2], sf.index, [(hit.start(), hit.end())], count=count_claim(n, hedge_at(f, sf.start, sf.end))
    )
    return [c]


def more_hits(ctx: Reading, si: int, s: Sentence, before: list[Candidate]) -> list[Candidate]:
    """ "Ракета влучила у склад. Ще одна поцілила по лікарні.": more of the last strike's weapon that hit.

    A sentence whose figure follows «ще/еще» right before a hit verb, naming no weapon, continues the
    last strike told before it: a strike of its type, counted by that figure (``merge.merge_series``
    adds it to the series).
    """
    strikes = [c for c in before if c.type in STRIKE_TYPES]
    if not strikes:
        return []
    f = ctx.doc.folded
    hit = _HIT_VERB.search(f, s.start, s.end)
    if hit is None or weapons_in(ctx.doc, s.start, s.end):
        return []
    nums = numbers_between(ctx, max(s.start, hit.start() - 20), hit.start())
    if (
        not nums
        or f[nums[-1].end : hit.start()].strip()
        or not _MORE.search(f, max(s.start, nums[-1].start - 12), nums[-1].start)
    ):
        return []
    last = strikes[-1]
    c = Candidate(
        last.type,
        last.weapon,
        si,
        [(hit.start(), hit.end())],
        count=count_claim(nums[-1], hedge_at(f, s.start, s.end)),
    )
    c.regions = [r for r in ctx.doc.regions if s.start <= r.start < s.end]
    return [c]


STRIKE_TYPES = ("drone_strike", "missile_strike", "air_strike", "shelling")


def _launch_tally(ctx: Reading, sf: SentenceFacts, c: Candidate) -> bool:
    """A launch tally ("противник атакував 84 ударними БпЛА") counts weapons launched, not strikes."""
    return (
        not sf.harm
        and not sf.regions
        and bool(L.LAUNCH.search(sf.seg))
        and c.count is not None
        and c.type in ("drone_strike", "missile_strike")
        and not any(t for t in ctx.doc.toponyms if sf.start <= t.span[0] < sf.end)
    )


FACILITY_REACH = 40  # characters from a strike cue's end to the facility word it aims at


def _aims_at_facility(ctx: Reading, sf: SentenceFacts, strike_cues: list[re.Match[str]]) -> bool:
    """A strike cue followed closely by a facility word of the packs' ``INFRA_TARGET`` (energy, industry, fuel),
    in a sentence that tells its day or its place: «посилює удари по енергетичній інфраструктурі» alone is
    a trend, «Утром 17 ноября нанесли удар по энергетическим объектам» one attack."""
    doc = ctx.doc
    told = (
        sf.regions
        or any(sf.start <= t.start < sf.end for t in doc.times)
        or any(sf.start <= p.span[0] < sf.end for p in doc.toponyms)
    )
    targets = L.INFRA_TARGET.spans(doc, sf.start, sf.end) if told else []
    return any(0 <= t0 - (m.end() + sf.start) <= FACILITY_REACH for m in strike_cues for t0, _ in targets)


def _weaponless(sf: SentenceFacts, strike_cues: list[re.Match[str]]) -> list[Candidate]:
    """A sentence with no weapon named: shelling, an attack with harm, or an outcome only."""
    a, si = sf.start, sf.index
    armed = [w for w in sf.weapons if w[3] != "none"]
    air = _AIR_SUBJECT.search(sf.masked)
    if not armed and air and strike_cues:  # «авиация нанесла удар»: the air force's aircraft struck
        return [Candidate("air_strike", "aircraft", si, [(air.start() + a, air.end() + a)], generic=True)]
    shelling = L.SHELLING_WORD.search(sf.masked)
    if not armed and shelling:
        return [Candidate("shelling", None, si, [(shelling.start() + a, shelling.end() + a)], generic=True)]
    if sf.harm and strike_cues and not armed:
        m = strike_cues[0]
        return [Candidate("drone_strike", None, si, [(m.start() + a, m.end() + a)], generic=True, weak=True)]
    if sf.harm or sf.no_casualties:
        # outcome-only sentence ("Пострадавших нет."): attach to the previous event later
        return [Candidate("outcome", None, si, [(a, sf.end)])]
    return []
