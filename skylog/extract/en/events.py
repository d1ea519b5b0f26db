"""Event mentions from sentences: type, weapon, counts, places, time, outcome, perpetrator.

Each sentence is read on its own (``triggers``: the event types it tells of; here: its tolls, counts,
places and claimant), then ``common.assemble`` merges the per-sentence mentions into one event per
incident and region. Sentences that only refer back to an event ("the attack caused minor damage",
"no casualties were reported") add to the latest event instead of creating one.
"""

from __future__ import annotations

import re

from skylog.extract.common.assemble import Mention
from skylog.extract.common.gated import Presence
from skylog.extract.common.hedges import hedge_of
from skylog.extract.en import casualties as C
from skylog.extract.en import lexicon as L
from skylog.extract.en.interception_counts import split_counts, struck_count
from skylog.extract.en.perpetrators import PERP_ACTOR, perpetrator
from skylog.extract.en.place_words import relation_of
from skylog.extract.en.sentences import Sentence
from skylog.extract.en.triggers import PLATFORM_MUNITION, SentenceReading, read_sentence
from skylog.geo.sides import names_a_side, owns_forces
from skylog.nlp.spans import NumberMention
from skylog.records import Claim, Place, Quote, TimeExpr

_WHOLE_INTERCEPTION = L.pattern("events.WHOLE_INTERCEPTION")
_DATELINE = L.pattern("events.DATELINE")
_SEPARATE = L.pattern("events.SEPARATE")
_FROM_BEFORE = L.pattern("events.FROM_BEFORE")
_NOT_PLACE_HEAD = L.pattern("events.NOT_PLACE_HEAD")
# the words that type an attack with no weapon named ("strike", "bombed"): the pack's UNTYPED_STRIKE_TYPE
_UNTYPED_WORDS = "|".join(re.escape(w) for w in sorted(L.UNTYPED_STRIKE_TYPE, key=len, reverse=True))
_UNTYPED_STRIKE = re.compile(rf"(?<![\w-])(?:{_UNTYPED_WORDS})(?![\w-])", re.I)


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
        if not wc and typ in ("air_strike", "drone_strike") and PLATFORM_MUNITION.search(t):
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
            struck = struck_count(t, sentence.start, intercepted, nums)
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
            m.split_counts = split_counts(t, sentence.start, sent_places, nums, count)
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
