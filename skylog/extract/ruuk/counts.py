"""Counts: how many weapons a sentence says were downed, launched or hit, and which numbers are counts."""

from __future__ import annotations

import re

from skylog.extract.packs import Lexicon
from skylog.extract.ruuk import lexicon as L
from skylog.extract.ruuk.reading import Reading, Weapon, hedge_at
from skylog.extract.ruuk.weapons import is_singular, weapons_in
from skylog.nlp.spans import NumberMention, RegionMention, Sentence
from skylog.records import Claim

_DISTRIBUTIVE = L.pattern("counts.DISTRIBUTIVE")
_HITS = L.pattern("counts.HITS")
_LAUNCHED_BEFORE = L.pattern("counts.LAUNCHED_BEFORE")
_LAUNCHED_AFTER = L.pattern("counts.LAUNCHED_AFTER")
_OF_THEM = L.pattern("counts.OF_THEM")
_OF_THEM_LEAD = L.pattern("counts.OF_THEM_LEAD")
_PLACE_COUNT = L.pattern("counts.PLACE_COUNT")
_APPOSED = L.pattern("counts.APPOSED")
_MORE_FIGURE = L.pattern("counts.MORE_FIGURE")
_TALLY_GAP = L.pattern("counts.TALLY_GAP")
_BARE_FIGURE = re.compile(r"\s*(?:[,;.)–—-]|$)")  # a figure whose noun is left out («спочатку 4, а потім …»)
# patterns the functions below use
_TALLY_1 = L.pattern("counts.TALLY_1")


def count_claim(n: NumberMention, hedge: str) -> Claim:
    """The figure ``n`` as a claim, with the qualifier written before it («понад 40», «не менее 5»)."""
    return Claim(n.value, [(n.start, n.end)], hedge=hedge, qualifier=n.qualifier_text)


def post_count(ctx: Reading, r: RegionMention, b: int) -> NumberMention | None:
    """A count written right after its region: "над Белгородской областью — 14", "области (11 БПЛА)"."""
    nums = numbers_between(ctx, r.end, min(b, r.end + 30))
    if nums and re.fullmatch(r"\s*(?:[-–—:]|\()\s*", ctx.doc.folded[r.end : nums[0].start]):
        return nums[0]
    return None


def numbers_between(ctx: Reading, a: int, b: int) -> list[NumberMention]:
    """The figures in [a, b) that count something (the numbers layer's counts outside time expressions)."""
    return [
        n
        for n in ctx.doc.numbers_in(a, b)
        if n.is_count and not any(t.start <= n.start < t.end for t in ctx.doc.times)
    ]


def tally(
    ctx: Reading, s: Sentence, w: Weapon, verb: tuple[int, int, Weapon]
) -> tuple[Claim | None, Claim | None]:
    """Intercepted count (and launched, from "45 з 60") near the interception verb and weapon."""
    f = ctx.doc.folded
    a, b = s.start, s.end
    lo = min(verb[0], w[0])
    hi = max(verb[1], w[1])
    hedge = hedge_at(f, a, b)
    nums = [
        n for n in numbers_between(ctx, max(a, lo - 60), min(b, hi + 40)) if not _PLACE_COUNT.match(f, n.end)
    ]
    # "45 з 60", "сім із восьми"
    for n1, n2 in zip(nums, nums[1:], strict=False):
        if n1.of_span == (n2.start, n2.end):
            return (
                count_claim(n1, hedge),
                count_claim(n2, hedge),
            )
    # "две ракеты «Точка-У» и семь ракет «Ольха» уничтожены": coordinated counts add up
    pairs = count_weapon_pairs(ctx, s, nums)
    if len(pairs) >= 2 and all(
        _TALLY_1.fullmatch(f[p1[1][1] : p2[0].start] + " ") is not None
        and not L.INTERCEPT_PASSIVE.search(f[p1[1][1] : p2[0].start])
        for p1, p2 in zip(pairs, pairs[1:], strict=False)
    ):
        total_v = sum(p[0].value for p in pairs)
        return Claim(total_v, [(p[0].start, p[0].end) for p in pairs], hedge=hedge), None
    # «змогли знешкодити 84 з них, проте зафіксовано влучання 10 дронів»: the verb's own count of those
    # named before wins over a number nearer the weapon
    of_them = of_them_count(ctx, (verb[0], verb[1]), a, b)
    if of_them is not None:
        return count_claim(of_them, hedge), None
    # «Росія запустила 50 дронів, ППО знешкодила 45»: a launched figure before the verb is not its count
    launched = launched_before(ctx, nums, verb[0], a)
    after = [n for n in nums if n.start >= verb[1] and n.start - verb[1] <= 25]
    if launched is not None:
        # the verb's own figure, else the one between the launched figure and the verb («один сбит»)
        between = [n for n in nums if launched.end <= n.start and n.end <= verb[0]]
        own = after or between[-1:]
        if own:
            return count_claim(own[0], hedge), count_claim(launched, hedge)
    # the number closest before the weapon, or right after the verb
    before = [n for n in nums if n.end <= w[0] and w[0] - n.end <= 60]
    if before:
        n = before[-1]
        # not a count belonging to a later region item ("▫️ 9 БПЛА – над ...") — still the nearest count
        return count_claim(n, hedge), None
    apposed = [n for n in nums if n.start >= w[1] and _APPOSED.fullmatch(f[w[1] : n.start])]
    if apposed:
        return count_claim(apposed[0], hedge), None
    if after:
        n = after[0]
        return count_claim(n, hedge), None
    if w[2] not in (None, "aerial_target") and is_singular(ctx, w):
        return Claim(1, [(w[0], w[1])], hedge=hedge), None
    return None, None


def launched_before(ctx: Reading, nums: list[NumberMention], vs: int, a: int) -> NumberMention | None:
    """The last of ``nums`` before the verb at ``vs`` told as launched: after a launch verb («запустила 50»,
    «выпустила по Украине 50») or «из»/«з», or before a launch participle («50 запущенных»)."""
    f = ctx.doc.folded
    for n in reversed([n for n in nums if n.end <= vs]):
        if _LAUNCHED_BEFORE.search(f, max(a, n.start - 50), n.start) or _LAUNCHED_AFTER.match(f, n.end):
            return n
    return None


def of_them_count(
    ctx: Reading, verb: tuple[int, int], a: int, b: int, before: bool = True
) -> NumberMention | None:
    """The count of a verb that counts those named before: «знешкодити 84 з них», and with ``before``
    also «11 з них вдалося збити», «25 из которых были уничтожены», «З них збито 11» (``verb`` in the
    sentence ``[a, b)``)."""
    f = ctx.doc.folded
    vs, ve = verb
    nums = numbers_between(ctx, ve, min(b, ve + 25))
    # only the verb's first figure: in «уничтожили 18 БПЛА, пять из них — …» the five are a part
    if nums and _OF_THEM.match(f, nums[0].end):
        return nums[0]
    if not before:
        return None
    lead = max(a, vs - 40)
    for n in reversed(numbers_between(ctx, lead, vs)):
        m = _OF_THEM.match(f, n.end)
        if m and _few_words(ctx, m.end(), vs):
            return n
    if nums and _OF_THEM_LEAD.search(f, lead, vs):
        return nums[0]
    return None


def _few_words(ctx: Reading, a: int, b: int) -> bool:
    """At most two words and no stop between ``a`` and ``b`` («з них вдалося збити», «из которых были»)."""
    between = ctx.doc.tokens_in(a, b)
    return len([t for t in between if t.text.isalpha()]) <= 2 and not any(t.text in ".;:" for t in between)


def count_weapon_pairs(
    ctx: Reading, s: Sentence, nums: list[NumberMention]
) -> list[tuple[NumberMention, Weapon]]:
    """(number, weapon) pairs where the number directly quantifies a weapon noun."""
    weapons = weapons_in(ctx.doc, s.start, s.end)
    out = []
    for n in nums:
        nxt = [w for w in weapons if 0 <= w[0] - n.end <= 30]
        if not nxt:
            continue
        w = nxt[0]
        between = ctx.doc.tokens_in(n.end, w[0])
        if len([t for t in between if t.text.isalpha()]) <= 2 and not any(t.text in ".;:-" for t in between):
            out.append((n, w))
    return out


def hit_count(ctx: Reading, s: Sentence) -> Claim | None:
    """ "п'ять влучань", "зафіксовано влучання 23 БпЛА": the number of hits counts the weapons that hit."""
    m = _HITS.search(ctx.doc.folded, s.start, s.end)
    if not m:
        return None
    nums = [
        n
        for n in numbers_between(ctx, max(s.start, m.start() - 20), min(s.end, m.end() + 12))
        if not _PLACE_COUNT.match(ctx.doc.folded, n.end)
    ]
    near = [n for n in nums if n.end <= m.start() or n.start >= m.end()]
    if not near:
        return None
    n = min(near, key=lambda x: abs(x.start - m.start()))
    return count_claim(n, hedge_at(ctx.doc.folded, s.start, s.end))


def counts_people(ctx: Reading, end: int) -> bool:
    """The word right after a figure is a person noun («двох мешканців», «трех человек»): it counts people."""
    toks = [t for t in ctx.doc.tokens_in(end, min(len(ctx.doc.text), end + 40)) if t.text.isalpha()]
    return bool(toks) and L.PERSON_NOUN.has_word(ctx.doc.morphology.lemmas(toks[0].text))


def _casualties_between(ctx: Reading, a: int, b: int) -> bool:
    """A word of the dead or injured between a figure and the weapon: «до 5 кількість загиблих внаслідок
    ракетного удару», «3 погибших после атаки беспилотника» count people, not weapons."""
    f = ctx.doc.folded
    return bool(
        L.KILLED.search(f, a, b)
        or L.INJURED.search(f, a, b)
        or L.KILLED_WORD.spans(ctx.doc, a, b)
        or L.INJURED_WORD.spans(ctx.doc, a, b)
    )


def weapon_count(ctx: Reading, s: Sentence, w: Weapon, strike: bool) -> Claim | None:
    f = ctx.doc.folded
    hedge = hedge_at(f, s.start, s.end)
    nums = [
        n
        for n in numbers_between(ctx, max(s.start, w[0] - 45), w[0])
        if not _PLACE_COUNT.match(f, n.end) and not counts_people(ctx, n.end)
    ]
    if nums and not _casualties_between(ctx, nums[-1].end, w[0]):
        n = nums[-1]
        between = ctx.doc.tokens_in(n.end, w[0])
        if len([t for t in between if t.text.isalpha()]) <= 3 and not any(t.text in ".;:" for t in between):
            return count_claim(n, hedge)
    if strike and w[2] in ("drone", "missile", "glide_bomb") and is_singular(ctx, w):
        return Claim(1, [(w[0], w[1])], hedge=hedge)
    return None


def shelling_total(ctx: Reading, s: Sentence) -> Claim | None:
    """The sum of a shelling sentence's figures, where it counts its hits in several (``L.SHELL_TALLY``):
    «10 прильотів з міномету, … 14 вибухів» → 24, «12 мін, а десь через 2 години − ще 9» → 21,
    «спочатку 4, а потім ще 3 прильоти» → 7. A figure told as more («ще 9») adds to the figure before it,
    where that one is counted or bare. None where the sentence tells fewer than two such figures."""
    return _figures_total(ctx, s, L.SHELL_TALLY, 2)


def dropped_total(ctx: Reading, s: Sentence) -> Claim | None:
    """What a drone dropped, where the sentence counts it (``L.DROPPED``): the bombs that fell, not the
    drone («БпЛА скинув 2 вибухових пристрої» → 2); None where no figure counts them."""
    return _figures_total(ctx, s, L.DROPPED, 1)


def _figures_total(ctx: Reading, s: Sentence, words: Lexicon, least: int) -> Claim | None:
    """The sum of the sentence's figures that count one of ``words``, where there are ``least`` or more."""
    f = ctx.doc.folded
    nums = [
        n
        for n in numbers_between(ctx, s.start, s.end)
        if not _PLACE_COUNT.match(f, n.end) and not _OF_THEM.match(f, n.end) and not counts_people(ctx, n.end)
    ]
    nouns = [a for a, _ in words.spans(ctx.doc, s.start, s.end)]
    tallies: list[NumberMention] = []
    for i, n in enumerate(nums):
        counted = any(a >= n.end and _TALLY_GAP.fullmatch(f, n.end, a) for a in nouns)
        # «ще 9)»: more of what the figure before counted, its noun left out (not «ще четверо постраждали»)
        more = bool(_MORE_FIGURE.search(f, max(s.start, n.start - 12), n.start)) and (
            counted or bool(_BARE_FIGURE.match(f, n.end))
        )
        if not (counted or more):
            continue
        prev = nums[i - 1] if more and i else None
        if prev is not None and prev not in tallies and _BARE_FIGURE.match(f, prev.end):
            tallies.append(prev)  # «спочатку 4, а потім ще 3»: the figure «ще» adds to, its noun left out
        tallies.append(n)
    if len(tallies) < least or any(not isinstance(n.value, int) for n in tallies):
        return None
    total = sum(int(n.value) for n in tallies)
    return Claim(total, [(n.start, n.end) for n in tallies], hedge=hedge_at(f, s.start, s.end))
