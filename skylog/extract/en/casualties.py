"""Counts, casualties and damage in one sentence (English).

The patterns find where a figure stands; its value and qualifier are the document's numbers layer's
(``common.numbers``: "at least 12" -> 12, "at least"), so a figure that is a designation ("Shahed 136",
"131/136", a date) or vague ("dozens") gives no value. Statements of no harm ("no casualties", "no one
was hurt") give 0 for killed and injured.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from skylog.extract.common.gated import GatedPattern
from skylog.extract.common.numbers import figure_at
from skylog.extract.en import lexicon as L
from skylog.nlp.spans import NumberMention

_EARLIER = L.pattern("casualties.EARLIER")
_CAMPAIGN = L.pattern("casualties.CAMPAIGN_FRAME")
_CLAUSE_BREAK = L.pattern("casualties.CLAUSE_BREAK")
_RUNNING_TOTAL = L.pattern("casualties.RUNNING_TOTAL")
_TOTAL_AREA = L.pattern("casualties.TOTAL_AREA")
_TOTAL_SUM = L.pattern("casualties.TOTAL_SUM")
_OTHERS_AFTER = L.pattern("casualties.OTHERS_AFTER")
_OTHER_ONE = L.pattern("casualties.OTHER_ONE")
_UPDATED_TO = L.pattern("casualties.UPDATED_TO")
_EARLIER_REPORT = L.pattern("casualties.EARLIER_REPORT")
_OTHERS_BEFORE = L.pattern("casualties.OTHERS_BEFORE")
_COMPANION_BEFORE = L.pattern("casualties.COMPANION_BEFORE")
_COMPANION_AFTER = L.pattern("casualties.COMPANION_AFTER")
_PARTS_OF_TOLL = L.pattern("casualties.PARTS_OF_TOLL")
_PART_OF_BEFORE = L.pattern("casualties.PART_OF_BEFORE")
_PART_FIRST = L.pattern("casualties.PART_FIRST")
_PART_NEXT = L.pattern("casualties.PART_NEXT")
# the patterns of a toll, by field, tried in order
PATTERNS: dict[str, list[re.Pattern[str]]] = {
    "killed": L.numbered("casualties.KILLED"),
    "injured": L.numbered("casualties.INJURED"),
}
# tolls told as a list of victims, summed ("a child, three women and a man were killed")
LIST_PATTERNS: dict[str, list[re.Pattern[str]]] = {
    "killed": L.numbered("casualties.KILLED_LIST"),
    "injured": L.numbered("casualties.INJURED_LIST"),
}
_LIST_ITEM = L.pattern("casualties.LIST_ITEM_RE")
_LIST_PART_ITEM = L.pattern("casualties.LIST_PART_ITEM")
_LIST_GENERIC = L.pattern("casualties.LIST_GENERIC")
_HARM_VERB_BEFORE = L.pattern("casualties.LIST_NOT_AFTER")
_FINITE_AFTER = L.pattern("casualties.LIST_NOT_BEFORE")
_ZERO_BOTH = L.pattern("casualties.ZERO_BOTH")
_ZERO_INJURED = L.pattern("casualties.ZERO_INJURED")
_ZERO_KILLED = L.pattern("casualties.ZERO_KILLED")
_NOT_ZERO = L.pattern("casualties.NOT_ZERO")

_DAMAGE_LEVEL = L.pattern("casualties.DAMAGE_LEVEL")
_DAMAGE_OBJ = GatedPattern(L.pattern("casualties.DAMAGE_OBJ"), L.text("casualties.DAMAGE_OBJ_GATE"))
_NO_DAMAGE = L.pattern("casualties.NO_DAMAGE")
_FIRE = L.pattern("casualties.FIRE")


@dataclass
class Figure:
    value: int
    qualifier: str | None
    span: tuple[int, int]
    floor: bool = False  # a stated lower bound ("at least 12")
    other: bool = False  # more people than a toll before it ("two others", "another man"): it adds
    at: int = -1  # where its number (or one-word victim) stands
    added: bool = False  # the sentence's toll is more people than one told before the sentence: it adds
    total: bool = False  # told as a sum ("in total") in a sentence of no strike: it only fills a gap
    update: bool = False  # told as the figure a toll rose to ("rose to 10"): more after it are within it
    earlier: bool = False  # an earlier or unconfirmed report's ("an earlier report put the toll at 7"): weak


_AGES = L.pattern("casualties.AGES")


def campaign_clauses(sentence: str, frame: re.Pattern[str] | None = None) -> list[tuple[int, int]]:
    """The clauses of a sentence that frame a war's or a campaign's running toll ("since the start of the
    war", "in the civil war", "the toll from the continued attacks"): a figure in one is no incident's toll.
    Clauses end at a semicolon, a dash or a comma before a new clause ("…, bringing the toll to …").
    ``frame``: another frame than a campaign's (a country-wide total, a sum)."""
    frame = frame or _CAMPAIGN
    if not frame.search(sentence):
        return []
    cuts = [0, *(b.start() for b in _CLAUSE_BREAK.finditer(sentence)), len(sentence)]
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if frame.search(sentence, a, b)]


def _figure(
    field: str,
    m: re.Match[str],
    sentence: str,
    zeros: list[tuple[int, int]],
    offset: int,
    numbers: list[NumberMention],
) -> Figure | None:
    """The toll one pattern match states, or None (a "no one" phrase, an earlier event, no number)."""
    if any(m.start() < ze and m.end() > zs for zs, ze in zeros):
        return None
    if _EARLIER.search(sentence[max(0, m.start() - 40) : m.end()]):
        return None  # "the attack that had left 26 dead": an earlier event
    gd = m.groupdict()
    floor = False
    one = next((k for k in ("one", "one2") if gd.get(k)), None)
    end = m.end()
    if one:
        value, qual, at = 1, None, m.start(one)
        other = bool(_OTHER_ONE.match(sentence, at))
    else:
        key = next((k for k in gd if k.endswith("num") and gd[k]), None)
        n = figure_at(numbers, offset + m.start(key)) if key else None
        if key is None or n is None or n.value is None or (field == "injured" and n.value == 0):
            return None
        value, qual, floor = n.value, n.qualifier_text, n.qualifier == "at_least"
        more, end = _parts_after(sentence, m.end(), offset, numbers)
        value += more
        at = m.start(key)
        other = bool(
            _OTHERS_AFTER.match(sentence, m.end(key)) or _OTHERS_BEFORE.search(sentence[max(0, at - 40) : at])
        )
        if _with_companion(sentence, at, m.end(key)):
            value, other = value + 1, False  # "Morsi and four of his family members were killed" -> 5
    if value > 100000:
        return None
    update = not one and bool(_UPDATED_TO.search(sentence[max(0, at - 60) : at]))
    earlier = bool(_EARLIER_REPORT.search(sentence[:at]))
    span = (offset + m.start(), offset + end)
    return Figure(value, qual, span, floor, other, offset + at, update=update, earlier=earlier)


def _with_companion(sentence: str, at: int, end: int) -> bool:
    """The figure at ``at`` (ending at ``end``) is told of the people with a person named before it ("Morsi
    and four of his family members", "Ahmed and two others"): the named person is one more of the toll."""
    return bool(
        _COMPANION_BEFORE.search(sentence[max(0, at - 60) : at]) and _COMPANION_AFTER.match(sentence, end)
    )


def _parts_after(sentence: str, end: int, offset: int, numbers: list[NumberMention]) -> tuple[int, int]:
    """The further parts of a toll told by place after it ("four were injured in Kharkiv and three in
    Odesa" -> 3) and where they end: (0, ``end``) when none (or one has no value)."""
    first = _PART_FIRST.match(sentence, end)
    if first is None:
        return 0, end
    total, pos = 0, first.end()
    while (part := _PART_NEXT.match(sentence, pos)) is not None:
        n = figure_at(numbers, offset + part.start("pnum"))
        if n is None or n.value is None:
            return 0, end
        total, pos = total + n.value, part.end()
    return total, (pos if total else end)


def _with_others(figs: list[Figure]) -> Figure | None:
    """The sentence's toll: its best figure, plus each figure after it told as others ("killing two
    people, and later … killing two others" -> 4); the best of them when none is told before the others."""
    best: Figure | None = None
    for fig in figs:
        if not fig.other and _better(fig, best):
            best = fig
    if best is None:
        for fig in figs:
            if _better(fig, best):
                best = fig
        return best
    base = best
    if base.update:  # "the toll rose to 10, with two more bodies pulled out": the two are within the 10
        return base
    added = {f.at: f for f in figs if f.other and f.at > base.span[1]}
    for fig in sorted(added.values(), key=lambda f: f.at):
        best = Figure(
            best.value + fig.value, best.qualifier, (best.span[0], fig.span[1]), best.floor, at=base.at
        )
    return best


def _without_parts(figs: list[Figure], sentence: str, offset: int) -> list[Figure]:
    """The figures without those told as a part of a toll before them in the sentence ("32 were injured, of
    which 13 were admitted to hospital", "…, among them three children were wounded")."""
    return [
        f
        for f in figs
        if not (
            _PART_OF_BEFORE.search(sentence[max(0, f.at - offset - 30) : f.at - offset])
            and any(g.at < f.at for g in figs)
        )
    ]


def _own_before_running_total(figs: list[Figure], sentence: str, offset: int) -> list[Figure]:
    """The figures without those of a running-total clause ("…, bringing the toll to 40,000") when the
    sentence tells a toll of its own before it that is not more people ("killed 30 people, bringing …")."""
    run = _RUNNING_TOTAL.search(sentence)
    if run is None:
        return figs
    own = [f for f in figs if f.at - offset < run.start()]
    if not own or any(f.other for f in own):
        return figs
    return own


def _list_figure(
    m: re.Match[str], sentence: str, zeros: list[tuple[int, int]], offset: int, numbers: list[NumberMention]
) -> Figure | None:
    """The sum of a list of victims ("two men and one woman" -> 3), or None when an item has no value."""
    if any(m.start() < ze and m.end() > zs for zs, ze in zeros) or _EARLIER.search(
        sentence[max(0, m.start() - 40) : m.end()]
    ):
        return None
    if m.start("list") == m.start() and _HARM_VERB_BEFORE.search(
        sentence[max(0, m.start() - 20) : m.start()]
    ):
        return None  # "killed two people and three others were injured": the first items are another toll's
    if m.end("list") == m.end() and _FINITE_AFTER.match(sentence, m.end()):
        return None  # "killing two people, and three others were injured": the last items are another toll's
    values: list[int] = []
    items = list(_LIST_ITEM.finditer(sentence, m.start("list"), m.end("list")))
    for k, item in enumerate(items):
        if k and item.group("inum") and _LIST_PART_ITEM.match(sentence, item.end("inum")):
            return None  # "six people, four of them children": a part of the toll, no more people
        if item.group("ione"):
            values.append(1)
            continue
        n = figure_at(numbers, offset + item.start("inum"))
        if n is None or n.value is None:
            return None
        values.append(n.value)
    total = _appositive_total(values, items, sentence) or sum(values)
    if not total or total > 100000:
        return None
    return Figure(total, None, (offset + m.start(), offset + m.end()))


def _appositive_total(values: list[int], items: list[re.Match[str]], sentence: str) -> int | None:
    """The first item's figure where the items after it, set off by a comma, name its people one by one
    ("killed two civilians, a man and a woman", "three people, two women and a child"): they add up to it and
    are the same people told again, no more; None otherwise."""
    if len(values) < 3 or values[0] < 2 or values[0] != sum(values[1:]):
        return None
    if not _LIST_GENERIC.search(items[0].group(0)):
        return None  # "two soldiers, a woman and a child": other people, they add
    return values[0] if sentence[items[0].end() : items[1].start()].strip() == "," else None


def in_any(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _better(fig: Figure, best: Figure | None) -> bool:
    """Of two figures for one toll, a stated lower bound ("at least 12 killed") wins over another figure
    (an earlier attack's, a running total); else the larger."""
    if best is None:
        return True
    if fig.floor != best.floor:
        return fig.floor
    return fig.value > best.value


def casualties(
    sentence: str, offset: int, numbers: list[NumberMention], strike: bool = True
) -> dict[str, Figure]:
    """{'killed': Figure, 'injured': Figure} found in one sentence (global spans; ``numbers``: the layer).
    In a sentence that tells no strike of its own (``strike`` False), a toll told of a whole country
    ("killed across the country", "nationwide") is a running total, no toll, and one told as a sum ("in
    total", "overall") is marked ``total``: the sum of the strikes told elsewhere, it fills only a gap."""
    out: dict[str, Figure] = {}
    if _NOT_ZERO.search(sentence):
        return out
    # ages are not tolls: "two children aged 14 and 17 were injured" (masked, offsets kept)
    sentence = _AGES.sub(lambda m: "x" * len(m.group(0)), sentence)
    zeros = [(z.start(), z.end()) for z in _ZERO_BOTH.finditer(sentence)]
    zeros += [(z.start(), z.end()) for z in _ZERO_KILLED.finditer(sentence)]
    campaign = campaign_clauses(sentence) + ([] if strike else campaign_clauses(sentence, _TOTAL_AREA))
    sums = [] if strike else campaign_clauses(sentence, _TOTAL_SUM)
    for field, patterns in PATTERNS.items():
        figs = [
            fig
            for pat in patterns
            for m in pat.finditer(sentence)
            if (fig := _figure(field, m, sentence, zeros, offset, numbers)) is not None
            and not in_any(fig.at - offset, campaign)
        ]
        best = _with_others(
            _own_before_running_total(_without_parts(figs, sentence, offset), sentence, offset)
        )
        for pat in LIST_PATTERNS[field]:
            for m in pat.finditer(sentence):
                fig = _list_figure(m, sentence, zeros, offset, numbers)
                if fig is not None and not in_any(m.start("list"), campaign) and _better(fig, best):
                    best = fig
        if best:
            best.total = in_any(best.at - offset, sums)
            out[field] = best
    _mark_added(out, sentence)
    z = _ZERO_BOTH.search(sentence)
    if z:
        for field in ("killed", "injured"):
            out.setdefault(field, Figure(0, None, (offset + z.start(), offset + z.end())))
    z = _ZERO_INJURED.search(sentence)
    if z:
        out.setdefault("injured", Figure(0, None, (offset + z.start(), offset + z.end())))
    z = _ZERO_KILLED.search(sentence)
    if z:
        out.setdefault("killed", Figure(0, None, (offset + z.start(), offset + z.end())))
    return out


def _mark_added(out: dict[str, Figure], sentence: str) -> None:
    """A sentence's toll told only as more people ("Three more were injured", "another two died in
    hospital") adds to the toll told before the sentence, unless a toll of the other kind stands before it
    in the sentence ("killing two and injuring three others": others than the dead) or the sentence tells
    a toll's parts ("among the injured are a woman and 11 other people")."""
    if _PARTS_OF_TOLL.search(sentence):
        return
    for field, other_field in (("killed", "injured"), ("injured", "killed")):
        fig, before = out.get(field), out.get(other_field)
        if fig is not None and fig.other and not (before is not None and before.at < fig.at):
            fig.added = True


def no_harm_told(text: str) -> bool:
    """The text states no harm ("no damage or casualties", "no one was hurt") or no news of it ("no
    information on injuries")."""
    return any(p.search(text) for p in (_ZERO_BOTH, _ZERO_KILLED, _NOT_ZERO, _NO_DAMAGE))


def damage(sentence: str, offset: int) -> tuple[dict, list[tuple[int, int]]] | None:
    """Damage level and damaged objects in one sentence, or None."""
    level = None
    objects: list[str] = []
    spans: list[tuple[int, int]] = []
    m = _DAMAGE_LEVEL.search(sentence)
    neg = _NO_DAMAGE.search(sentence)
    if neg:
        level = "none"
        spans.append((offset + neg.start(), offset + neg.end()))
    elif m:
        lv = m.group("level").strip().lower()
        level = "none" if lv.startswith("no") else lv
        spans.append((offset + m.start(), offset + m.end()))
    for m in _DAMAGE_OBJ.finditer(sentence):
        obj = (m.group("o1") or m.group("o2") or m.group("o3") or "").strip()
        if obj and not _NOT_OBJECT_START.match(obj):
            objects.append(obj)
            spans.append((offset + m.start(), offset + m.end()))
    f = _FIRE.search(sentence)
    if f:
        objects.append("fire")
        spans.append((offset + f.start(), offset + f.end()))
    if level is None and not objects:
        return None
    return {"level": level, "objects": objects}, spans


# -- weapon counts -----------------------------------------------------------
_COUNT_RE = L.pattern("casualties.COUNT_RE")
_ONE_WEAPON = L.pattern("casualties.ONE_WEAPON")
_DOWNED_N = L.pattern("casualties.DOWNED_N")
_ADDITIONAL_COUNT = L.pattern("casualties.ADDITIONAL_COUNT")
_DOWNED_PASSIVE = L.pattern("casualties.DOWNED_PASSIVE")  # "18 of those were downed"
_DOWNED_WHICH = L.pattern("casualties.DOWNED_WHICH")  # "…, of which 58 were shot down"
_AIR_TARGETS = L.pattern("casualties.AIR_TARGETS")  # "28 out of 33 enemy aerial targets"
_COUNT_JOINER = L.pattern("casualties.COUNT_JOINER")
_TALLY = L.pattern("casualties.TALLY")
_NOT_OBJECT_START = L.pattern("casualties.NOT_OBJECT_START")
# patterns the functions below use
_WEAPON_COUNTS_1 = L.pattern("casualties.WEAPON_COUNTS_1")


# weapon classes whose figure counts platforms or sorties, not munitions ("five fighter jets", "13 air strikes")
PLATFORMS: frozenset[str] = L.WORDS["PLATFORM_CLASSES"]


@dataclass
class WeaponCount:
    value: int
    qualifier: str | None
    weapon_class: str
    span: tuple[int, int]
    total: int | None = None
    singular: bool = False  # "a drone" rather than a figure
    additional: bool = False  # "16 more drones": a count beside an earlier one, not a restatement of it


@lru_cache(maxsize=1024)  # asked of the same few weapon words in every sentence (bounded)
def weapon_class_of(word: str) -> str | None:
    for cls, pat in L.WEAPONS.items():
        if re.fullmatch(pat, word, re.I):
            return cls
    return None


def weapon_counts(sentence: str, offset: int, numbers: list[NumberMention]) -> list[WeaponCount]:
    """Weapon counts of one sentence ("29 out of 66 drones", "shot down 62 of them", "a missile")."""
    out, singles = _counts_and_singles(sentence, offset, numbers)
    if not out:
        return singles
    return _with_joined(out, singles, sentence, offset)


def class_counts(sentence: str, offset: int, numbers: list[NumberMention]) -> list[WeaponCount]:
    """The counts of one weapon class each that a sentence (or a count's words) tells, "a missile" included
    beside figures ("an anti-ship ballistic missile and three drones" -> 1 missile, 3 drones), no sum."""
    out, singles = _counts_and_singles(sentence, offset, numbers)
    parts = [c for c in out if c.weapon_class]
    parts += [s for s in singles if all(not _overlap(s.span, c.span) for c in out)]
    return sorted(parts, key=lambda c: c.span[0])


def _counts_and_singles(
    sentence: str, offset: int, numbers: list[NumberMention]
) -> tuple[list[WeaponCount], list[WeaponCount]]:
    out: list[WeaponCount] = []
    for m in _COUNT_RE.finditer(sentence):
        n = figure_at(numbers, offset + m.start("cnum"))
        if n is None or n.value is None or _WEAPON_COUNTS_1.search(sentence[m.end("cnum") : m.start("w")]):
            continue
        total = figure_at(numbers, offset + m.start("tnum")) if m.group("tnum") else None
        cls = weapon_class_of(m.group("w")) or "drone"
        span = (offset + m.start(), offset + m.end())
        more = bool(_ADDITIONAL_COUNT.match(sentence, m.end("cnum")))
        out.append(
            WeaponCount(n.value, n.qualifier_text, cls, span, total.value if total else None, additional=more)
        )
    downed = [
        *_DOWNED_N.finditer(sentence),
        *_DOWNED_PASSIVE.finditer(sentence),
        *_DOWNED_WHICH.finditer(sentence),
    ]
    for m in downed:  # "shot down 62 of them"
        n = figure_at(numbers, offset + m.start("dnum"))
        if n is not None and n.value and all(c.span[0] != offset + m.start("dnum") for c in out):
            out.append(
                WeaponCount(n.value, n.qualifier_text, "", (offset + m.start("dnum"), offset + m.end()))
            )
    for m in _AIR_TARGETS.finditer(sentence):  # an interception's count only: no weapon class
        n = figure_at(numbers, offset + m.start("cnum"))
        span = (offset + m.start(), offset + m.end())
        if n is not None and n.value and all(not _overlap(span, c.span) for c in out):
            out.append(WeaponCount(n.value, n.qualifier_text, "", span))
    singles = []
    for m in _ONE_WEAPON.finditer(sentence):
        cls = weapon_class_of(m.group("w"))
        if cls and cls != "aircraft":  # "a jet bombed", "an airstrike": not a count of munitions
            singles.append(WeaponCount(1, None, cls, (offset + m.start(), offset + m.end()), singular=True))
    return out, singles


def _with_joined(
    counts: list[WeaponCount], singles: list[WeaponCount], sentence: str, offset: int
) -> list[WeaponCount]:
    """``counts`` with, before the first of them, the sum of a run of counts of different kinds of weapons told
    together ("eight drones and three cruise missiles", "two ballistic missiles and a drone" -> 11, 3): the
    count of an interception of them all (its parts keep their own kinds, for the strikes of each)."""
    parts = sorted(
        [*counts, *(s for s in singles if all(not _overlap(s.span, c.span) for c in counts))],
        key=lambda c: c.span[0],
    )
    run: list[WeaponCount] = parts[:1]
    for c in parts[1:]:
        prev = run[-1]
        if _COUNT_JOINER.match(sentence[prev.span[1] - offset : c.span[0] - offset]) and c.weapon_class:
            run.append(c)
            continue
        if len(run) > 1:
            break
        run = [c]
    if len(run) < 2 or len({c.weapon_class for c in run}) < 2 or all(c.singular for c in run):
        return counts
    joined = WeaponCount(
        sum(c.value for c in run), run[0].qualifier, "", (run[0].span[0], run[-1].span[1]), total=None
    )
    return [joined, *counts]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def distance(c: WeaponCount, at: int) -> int:
    """How far a count stands from ``at`` (an interception verb): from its nearer end; 0 when around it."""
    return 0 if c.span[0] <= at < c.span[1] else min(abs(c.span[0] - at), abs(c.span[1] - at))


def told_as_more(counts: list[WeaponCount]) -> bool:
    """The chosen count (the first) is told as more than an earlier one ("16 more drones were downed over
    Crimea"): its event is another than the earlier count's."""
    return bool(counts) and counts[0].additional


def tally_count(sentence: str, offset: int, numbers: list[NumberMention]) -> WeaponCount | None:
    """A tally line "7 – over the territory of Smolensk region" -> 7."""
    m = _TALLY.match(sentence)
    if not m or (m.group("tw") and weapon_class_of(m.group("tw")) in PLATFORMS):
        return None  # "Two fighter jets bombed the village": aircraft, not a tally of munitions
    n = figure_at(numbers, offset + m.start("lnum"))
    if n is None or n.value is None:
        return None
    return WeaponCount(n.value, n.qualifier_text, "", (offset + m.start(), offset + m.end()))
