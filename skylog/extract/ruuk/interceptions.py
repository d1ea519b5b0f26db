"""Interceptions: the verbs that tell of downed weapons, and one candidate per region of a ministry list."""

from __future__ import annotations

import re

from skylog.extract.ruuk import lexicon as L
from skylog.extract.ruuk.counts import count_claim, numbers_between, of_them_count, post_count, tally
from skylog.extract.ruuk.facts import SentenceFacts
from skylog.extract.ruuk.reading import Candidate, Reading, Weapon, hedge_at, is_admin_title, nearest_weapon
from skylog.extract.ruuk.weapons import is_nominative
from skylog.nlp.spans import NumberMention, RegionMention
from skylog.records import Claim

# an interception verb, where it stands, and the weapon it is about
Trigger = tuple[int, int, Weapon]
# a group of a ministry list: its count, whether the count is per region ("по 2"), its regions
Group = tuple[NumberMention | None, bool, list[RegionMention]]

_ALLOW = ("drone", "missile", "rocket", "glide_bomb", "aircraft", "aerial_target")
_AIR_ONLY = L.pattern("interceptions.AIR_ONLY")
_OF_DOWNED = L.pattern("interceptions.OF_DOWNED")
_DISTRIBUTIVE = L.pattern("interceptions.DISTRIBUTIVE")
_AIR_ACTIVE = L.pattern("interceptions.AIR_ACTIVE")
_SAME_COUNT = L.pattern("interceptions.SAME_COUNT")
_OF_DEBRIS = L.pattern("interceptions.OF_DEBRIS")
_ONE_DOWNED = L.pattern("interceptions.ONE_DOWNED")
# patterns the functions below use
_TRIGGER_1 = L.pattern("interceptions.TRIGGER_1")


def interception_triggers(ctx: Reading, sf: SentenceFacts, prev_intercept: bool) -> list[Trigger]:
    """Interception verbs of a sentence with their weapons, in text order."""
    icpt: list[Trigger] = []
    for rxp, passive in ((L.INTERCEPT_PASSIVE, True), (L.INTERCEPT_ACTIVE, False)):
        for m in rxp.finditer(sf.seg):
            hit = _trigger(ctx, sf, m, passive, prev_intercept)
            if hit is not None:
                icpt.append(hit)
    a = sf.start
    worked = L.AD_WORKED.search(sf.seg)
    if not icpt and worked and not (ctx.digest or ctx.frontline):
        icpt.append(
            (worked.start() + a, worked.end() + a, (worked.start() + a, worked.end() + a, None, "none"))
        )
    if not icpt and prev_intercept and sf.over and sf.regions and not sf.harm:
        # a list continued in the next sentence: "Еще три беспилотника — над территорией Курской области",
        # or with the weapon left out: "По одному — над Белгородской и Брянской областями"
        lead = numbers_between(ctx, sf.start, min(sf.end, sf.start + 20))
        if sf.weapons:
            w = sf.weapons[0]
            icpt.append((w[0], w[1], w))
        elif lead:
            icpt.append((lead[0].start, lead[0].end, (lead[0].start, lead[0].end, None, "none")))
    icpt.sort()
    return icpt


def _trigger(
    ctx: Reading, sf: SentenceFacts, m: re.Match[str], passive: bool, prev_intercept: bool
) -> Trigger | None:
    """One interception verb as a trigger, or None where it tells of no interception here."""
    f, a = ctx.doc.folded, sf.start
    vs, ve = m.start() + a, m.end() + a
    # «знешкодити 84 з них, проте зафіксовано влучання 10 дронів»: a weapon after a hit cue is the hit's
    own = [x for x in sf.weapons if x[0] < ve or not L.HIT_AFTER_INTERCEPT.search(f, ve, x[0])]
    w = nearest_weapon(own, vs, ve, 90, allow=_ALLOW)
    # «знешкодити 84 з них», «11 з них вдалося збити»: the verb counts the weapons named before (after
    # an interception, «Один из них был сбит …» is a part of the downed ones told before)
    of_them = of_them_count(ctx, (vs, ve), sf.start, sf.end, before=not prev_intercept) is not None
    if (
        w is None
        and not _TRIGGER_1.search(m.group(0))
        and not (prev_intercept and sf.regions)
        and not of_them
    ):
        return None
    if w is None:
        w = (vs, ve, None, "none")
    if L.FAILED_INTERCEPT.search(f, max(a, vs - 40), vs):
        return None  # «не удалось перехватить»: the weapon got through
    if L.DEBRIS.search(ctx.doc, max(a, vs - 30), vs):
        return None  # "уламки збитого безпілотника": debris of an earlier interception
    if _OF_DOWNED.search(f, max(a, vs - 12), vs):
        return None  # "одна зі збитих ракет": one of those already told as downed
    if L.DIGEST_DAY.search(sf.seg) and not sf.regions:
        return None
    ad = bool(L.AD_CUE.search(sf.seg)) or sf.over or _side_of_weapon(ctx, sf)
    if (
        not passive
        and not ad
        and not _air_active(m, w, ve)
        and not (of_them and _AIR_ONLY.search(m.group(0)))
    ):
        return None
    if passive and not ad and not _air_verb_or_subject(ctx, m, w, vs, a):
        return None
    if (ctx.digest or ctx.frontline) and not (sf.over and sf.regions):
        return None
    return (vs, ve, w)


def _air_active(m: re.Match[str], w: Weapon, ve: int) -> bool:
    """«сбили 15 БПЛА»: a verb said only of downing things in the air, a drone or missile just after it."""
    return bool(_AIR_ACTIVE.match(m.group(0))) and w[2] in ("drone", "missile") and 0 <= w[0] - ve <= 40


def _side_of_weapon(ctx: Reading, sf: SentenceFacts) -> bool:
    """A drone or missile told as the enemy's or Ukraine's ("ворожих шахедів"): a thing in the air."""
    f = ctx.doc.folded
    sides = L.WEAPON_SIDE.spans(ctx.doc, sf.start, sf.end)
    return any(
        w[2] in ("drone", "missile") and not f[e : w[0]].strip()
        for w in sf.weapons
        for _, e in sides
        if e <= w[0]
    )


def _air_verb_or_subject(ctx: Reading, m: re.Match[str], w: Weapon, vs: int, a: int) -> bool:
    """A verb used only of things in the air, or a drone/missile as the verb's subject."""
    if _AIR_ONLY.search(m.group(0)):
        return True
    if w[2] not in ("drone", "missile") or abs(w[0] - vs) >= 40:
        return False
    return is_nominative(ctx, w) or _counted_subject(ctx, vs + len(m.group(0)), w, a)


COUNTED_GAP = (
    2  # words besides the figure between a passive verb and the weapon it counts («два украинских БПЛА»)
)


_RUNNING_TOTAL = L.pattern("merge.RUNNING_TOTAL")


def _counted_subject(ctx: Reading, ve: int, w: Weapon, a: int) -> bool:
    """«Уничтожены два БПЛА», «ліквідовано 12 дронів»: a figure right after the passive verb counts the weapon
    after it, the verb's subject, though a numeral puts the noun in another case than the nominative. Not a
    running total told from sentence start ``a`` («Всего за сутки уничтожены 30 беспилотников»): a sum of
    downings told or not, no downing of its own."""
    nums = numbers_between(ctx, ve, w[0])
    f = ctx.doc.folded
    if not nums or _RUNNING_TOTAL.search(f, a, ve):
        return False
    rest = f[ve : nums[0].start] + f[nums[-1].end : w[0]]
    return not f[ve : nums[0].start].strip() and len(re.findall(r"\w+", rest)) <= COUNTED_GAP


def interceptions(
    ctx: Reading, si: int, sf: SentenceFacts, icpt: list[Trigger], w: Weapon
) -> list[Candidate]:
    """Interception candidates of a sentence: one, or one per region group of a ministry list."""
    f = ctx.doc.folded
    a, b = sf.start, sf.end
    regs = [r for r in ctx.doc.regions if a <= r.start < b and not is_admin_title(f, r)]
    first = icpt[0]
    label = w[2]
    total, launched = tally(ctx, sf.sentence, w, first)
    spans = [(first[0], first[1]), (w[0], w[1])]
    if len(regs) <= 1:
        if total is None and regs:
            post = post_count(ctx, regs[0], b)
            if post is not None:
                total = count_claim(post, hedge_at(f, a, b))
        return [
            Candidate("interception", label, si, list(spans), count=total, launched=launched, regions=regs)
        ]
    groups = _region_groups(ctx, sf, regs, launched)
    hedge = hedge_at(f, a, b)
    out: list[Candidate] = []
    per_region_sum = 0
    for n, distributive, rs in groups:
        single = distributive or len(rs) == 1
        for part in [[r] for r in rs]:
            # a figure told once for several regions («15 БПЛА над Самарской и Саратовской областями»)
            # is no region's count: each region is an interception of its own, none takes the figure
            shared = n if single else None
            cnt = _group_count(shared, hedge, total if single and len(groups) == 1 and len(rs) == 1 else None)
            if cnt is not None:
                per_region_sum += cnt.value
            out.append(Candidate("interception", label, si, spans + [(r.start, r.end) for r in part], count=cnt,
                                 regions=list(part)))  # fmt: skip
    group_spans = {(n.start, n.end) for n, _, _ in groups if n is not None}
    if total is not None and total.spans[0] in group_spans:
        total = None  # the nearest count was a list item's, not a stated total
    if total is not None and per_region_sum and per_region_sum != total.value:
        out.append(
            Candidate("interception", label, si, list(spans), count=total, launched=launched, total_only=True)
        )
    elif launched is not None and out:
        out[0].launched = launched
    return out


def _group_count(n: NumberMention | None, hedge: str, otherwise: Claim | None) -> Claim | None:
    return count_claim(n, hedge) if n is not None else otherwise


def _region_groups(
    ctx: Reading, sf: SentenceFacts, regs: list[RegionMention], launched: Claim | None
) -> list[Group]:
    """A ministry list's groups of regions, each opened by its own count.

    ("10 – над Белгородской областью", or after it: "Белгородской области (11 БПЛА)")
    """
    groups: list[Group] = []
    prev_end = sf.start
    for r in regs:
        # the launched figure of "сім із восьми" counts no region
        gap_nums = [
            n
            for n in numbers_between(ctx, prev_end, r.start)
            if launched is None or (n.start, n.end) not in launched.spans
        ]
        post = post_count(ctx, r, sf.end) if not gap_nums else None
        if post is not None:
            groups.append((post, False, [r]))
            prev_end = post.end
            continue
        if gap_nums:
            n = gap_nums[-1]
            distributive = bool(_DISTRIBUTIVE.search(ctx.doc.folded[prev_end : n.end]))
            groups.append((n, distributive, [r]))
        elif groups and groups[-1][0] is not None and _SAME_COUNT.search(ctx.doc.folded, prev_end, r.start):
            groups.append((groups[-1][0], groups[-1][1], [r]))  # «столько же — над Крымом»
        elif groups:
            groups[-1][2].append(r)
        else:
            groups.append((None, False, [r]))
        prev_end = r.end
    return groups


def downed_of_debris(ctx: Reading, sf: SentenceFacts, debris: tuple[int, int]) -> Candidate | None:
    """«Обломки сбитого беспилотника упали …», «Уламки збитих дронів …»: the debris of a weapon told as
    downed tells that it was downed. An implied interception of that weapon (one, where the participle is
    singular), which a report's own interception sentence makes redundant."""
    f = ctx.doc.folded
    m = _OF_DEBRIS.match(f, debris[1], sf.end)
    if m is None:
        return None
    ps, pe = m.span(1)
    w = nearest_weapon([x for x in sf.weapons if x[0] >= pe], ps, pe, 40, allow=_ALLOW)
    if w is None:
        return None
    one = _ONE_DOWNED.search(m.group(1))
    count = Claim(1, [(ps, pe)], hedge=hedge_at(f, sf.start, sf.end), weak=True) if one else None
    c = Candidate("interception", w[2], sf.index, [(ps, pe), (w[0], w[1])], count=count)
    c.implied = True
    return c
