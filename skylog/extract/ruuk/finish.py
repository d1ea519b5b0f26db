"""From candidates to event mentions: outcomes attached, generic attacks resolved, who, when and where settled."""

from __future__ import annotations

from collections import Counter

from skylog.extract.common.anchor import opens_on_recall
from skylog.extract.common.places import country_named
from skylog.extract.common.recall import recalled
from skylog.extract.packs import load_pack
from skylog.extract.ruuk import lexicon as L
from skylog.extract.ruuk.merge import earlier_than_news, launch_counts_of_strikes
from skylog.extract.ruuk.places import PlaceResolver
from skylog.extract.ruuk.places_of import places_for
from skylog.extract.ruuk.reading import Candidate, Reading, hedge_at, is_admin_title, sentence_admin1
from skylog.extract.ruuk.timex import rank
from skylog.extract.ruuk.weapons import weapons_in
from skylog.geo.reach import Located, shelling_reaches
from skylog.geo.sides import names_a_side, names_the_attacker
from skylog.nlp.document import Document
from skylog.nlp.spans import Attribution, Sentence
from skylog.records import Claim, EventMention, TimeExpr

_ALL_RESTRICTED = L.pattern("finish.ALL_RESTRICTED")
_ALL = L.pattern("finish.ALL")
# patterns the functions below use
_DEFAULT_CLAIMANT_1 = L.pattern("finish.DEFAULT_CLAIMANT_1")
_STATUS_TIME = L.pattern("finish.STATUS_TIME")
_BEGAN_TIME = L.pattern("finish.BEGAN_TIME")
_STORY_OPENER = L.pattern("finish.STORY_OPENER")
_HARMED_ATTACK_TYPE = load_pack("ru").maps["HARMED_ATTACK_TYPE"]


def resolve_generic(cands: list[Candidate], ctx: Reading) -> list[Candidate]:
    """ "В результате атаки ..." without a weapon: an outcome of the report's named attack if there is one.

    A weaponless attack somewhere else ("Нагадаємо, у Херсоні ... обстріл") stays an event of its own.
    """
    every_named = [c for c in cands if not c.generic and c.type not in ("outcome", "launch")]
    named_places = set().union(set(), *(sentence_admin1(ctx, c.sent) for c in every_named))
    shelled = [c for c in cands if c.generic and c.type == "shelling"]
    intercepted = any(c.type == "interception" for c in cands)
    story = _stories(ctx)
    for i, c in enumerate(cands):
        # a list item's or a recall's event is another story's: it takes no weaponless attack told outside it
        named = [n for n in every_named if story[n.sent] == story[c.sent] and _may_cause(n, c)]
        own = sentence_admin1(ctx, c.sent)
        elsewhere = bool(own) and named_places and not (own & named_places)
        if (
            c.generic
            and (named or (c.type == "drone_strike" and shelled) or _adds(c, cands[:i]))
            and not elsewhere
        ):
            c.type = "outcome"
        elif (
            c.weak
            and c.type not in ("debris_fall", "outcome")
            and intercepted
            and (c.sent + 1) not in ctx.harm_sents  # "Атакував дронами. Пошкоджені 6 будинків."
        ):
            c.type = "launch" if c.count is not None and c.type != "shelling" else "outcome"
    _type_untyped(ctx, cands)
    if not every_named and all(c.weapon is None for c in cands):
        # a report that names no weapon and no other event («Враг атаковал село, ранены двое»): its weaponless
        # harmed attack is the pack's ``[maps.HARMED_ATTACK_TYPE]``: shelling where shelling reaches, the
        # remote default on a city far from the front
        for c in cands:
            if c.generic and c.weak and c.type == "drone_strike":
                c.type = _HARMED_ATTACK_TYPE["weaponless" if _within_reach(ctx, c) else "weaponless_remote"]
    return cands


def _within_reach(ctx: Reading, c: Candidate) -> bool:
    """Is the place of a weaponless attack within reach of shelling (``geo.reach``)? Its place is what its
    sentence names, else what the report names (the places named as the attacking side left out); where
    neither tells, it may be."""
    doc = ctx.doc
    for a, b in ((doc.sentences[c.sent].start, doc.sentences[c.sent].end), (0, len(doc.folded))):
        places = [
            Located.of(p)
            for p in doc.toponyms
            if a <= p.span[0] < b and (p.admin1_code or p.country) and not names_a_side(doc.folded, p.span)
        ]
        places += [
            Located(r.code.split("-")[0], r.code)
            for r in doc.regions
            if a <= r.start < b and r.code and not is_admin_title(doc.folded, r)
        ]
        reaches = shelling_reaches(places)
        if reaches is not None:
            return reaches
    return True


_AIR_SIDE = L.pattern("finish.AIR_SIDE")


def _type_untyped(ctx: Reading, cands: list[Candidate]) -> None:
    """A weaponless strike left an event («Армия нанесла удары по …») is an air strike where its attacker (its
    sentence's, else the report's) is a side the pack's ``AIR_SIDE`` names as striking from the air."""
    doc = ctx.doc
    report_side: tuple[int, int] | None = None
    for c in cands:
        if not (c.generic and c.weapon is None and c.type == "drone_strike"):
            continue
        s = doc.sentences[c.sent]
        side = perpetrator_at(doc, s.start, s.end)
        if side is None:
            report_side = report_side or perpetrator_at(doc, 0, len(doc.folded))
            side = report_side
        if side is not None and _AIR_SIDE.search(doc.folded, side[0], side[1]):
            c.type = "air_strike"


def _may_cause(named: Candidate, generic: Candidate) -> bool:
    """A named event that may be what a weaponless attack tells of: a shelling («обстреляли село») is no
    interception's or debris fall's outcome (air defence downs no shells), any other weaponless attack may be."""
    return generic.type != "shelling" or named.type not in ("interception", "debris_fall")


def _stories(ctx: Reading) -> list[int]:
    """Each sentence's story: the index of the paragraph that opens it (0 for the report's own story, a
    list item's or a recall's paragraph for what follows it)."""
    out: list[int] = []
    current = 0
    opened: set[int] = set()
    for s in ctx.doc.sentences:
        if s.paragraph not in opened:
            opened.add(s.paragraph)
            if _STORY_OPENER.match(ctx.doc.folded, s.start):
                current = s.paragraph
        out.append(current)
    return out


def _adds(c: Candidate, before: list[Candidate]) -> bool:
    """A weaponless attack whose toll is told as more people («Згодом стало відомо, що також через обстріл
    … дістав чоловік») adds to an event told before it rather than being another."""
    return bool(c.added) and any(x.type not in ("outcome", "launch") for x in before)


def finish(
    ctx: Reading, cands: list[Candidate], attribs: list[Attribution], resolver: PlaceResolver
) -> list[EventMention]:
    """Event mentions of the candidates that tell of an event (not launches, outcomes or bare debris)."""
    _harm_elsewhere(ctx, cands)
    _attach_outcomes(ctx, cands)
    launches = [c for c in cands if c.type == "launch"]
    who = _Claimants(ctx, attribs)
    events: list[tuple[Candidate, EventMention]] = []
    # sentences whose interceptions are one per region of a list: a figure of all of them is no region's
    listed = Counter(c.sent for c in cands if c.type == "interception" and c.regions)
    for c in cands:
        if c.type in ("launch", "outcome") or _bare_debris(c):
            continue
        events.append((c, _event(ctx, c, who, launches, resolver, listed[c.sent] > 1)))
    launch_counts_of_strikes(ctx, events)
    return [e for _, e in events]


def _harm_elsewhere(ctx: Reading, cands: list[Candidate]) -> None:
    """Casualties told in another settlement than the event before them, which has its own: another event.

    «… убили жінку. Крім того, є інформація про двох загиблих у Селидовому»: the figures of a sentence that
    names a settlement none of the earlier events' sentences name, after an event that already has its
    casualties, are a second attack's, unless they fit within the figures of an event told before (a
    tally split by settlement). Its type is the report's shelling where the report tells of one,
    else the type of the event before it.
    """
    shelling = bool(L.SHELLING_WORD.search(ctx.doc.folded))
    last: Candidate | None = None
    earlier: list[Candidate] = []
    seen_towns: set[str] = set()
    for c in cands:
        if c.type == "launch":
            continue
        towns = _towns_of(ctx, c.sent)
        if c.type != "outcome":
            last = c
            earlier.append(c)
            seen_towns |= towns
            continue
        hurt = any(v is not None and v.value for v in (c.killed, c.injured))
        if (
            last is not None
            and hurt
            and any(v is not None and v.value for v in (last.killed, last.injured))
            and towns
            and not (towns & seen_towns)
            and not any(_part_of(c, e) for e in earlier)
        ):
            c.type = "shelling" if shelling else last.type
            c.generic = True
            last = c
            seen_towns |= towns


def _part_of(part: Candidate, whole: Candidate) -> bool:
    """Every figure of ``part`` fits within the same figure of ``whole``: a tally's per-settlement split
    («четверо ранены … в селе Варваровка ранения получили трое»), not another attack."""
    pairs = [(getattr(part, f), getattr(whole, f)) for f in ("killed", "injured")]
    told = [(p.value, w.value if w is not None else None) for p, w in pairs if p is not None and p.value]
    return all(isinstance(w, int) and isinstance(v, int) and v <= w for v, w in told)


def _towns_of(ctx: Reading, si: int) -> set[str]:
    s = ctx.doc.sentences[si]
    return {
        (p.name or p.mention).lower()
        for p in ctx.doc.toponyms
        if s.start <= p.span[0] < s.end and p.kind == "settlement"
    }


def _attach_outcomes(ctx: Reading, cands: list[Candidate]) -> None:
    """A figure belongs to the event told just before (one told before any event, to the report's only one);
    "no casualties" closes every earlier event.

    "No casualties" told before any event (a lead: «Пострадавших и разрушений нет, сообщил глава
    региона. БПЛА был сбит ...») closes the events told after it instead.
    """
    last: Candidate | None = None
    seen: list[Candidate] = []
    events = [c for c in cands if c.type not in ("launch", "outcome")]
    more = _More(ctx, cands)
    for c in cands:
        if c.type == "launch":
            continue
        if c.type != "outcome":
            last = c
            seen.append(c)
            continue
        for fld in ("killed", "injured", "damage"):
            v = getattr(c, fld)
            if v is None:
                continue
            if fld != "damage" and v.value == 0:
                pool = seen or events  # nothing told yet: the lead speaks of what follows
                targets = [x for x in pool if getattr(x, fld) is None and x.type != "interception"]
                # only interceptions told: the stated none is theirs (all of them, as they may be merged)
                targets = targets or [x for x in pool if getattr(x, fld) is None]
            else:
                # a figure far after the event told before it is still that event's when the report
                # tells of no other («Пізніше очільник уточнив, що постраждали двоє людей»)
                # a figure told before any event (a lead: «Число пострадавших … до 16 человек. … Ранее ВСУ
                # нанесли удар из РСЗО») is the report's one event's; of several, it may be their total
                if last is None:
                    targets = events if len(events) == 1 else []
                else:
                    targets = [last] if last.sent >= c.sent - 6 or len(events) == 1 else []
            for t in targets:
                old = getattr(t, fld)
                if fld in c.added and more.adds(c, t, fld):
                    setattr(t, fld, Claim(old.value + v.value, old.spans + v.spans, hedge=old.hedge))
                elif old is None or (
                    isinstance(v.value, int) and isinstance(old.value, int) and v.value > old.value
                ):
                    setattr(t, fld, v)


class _More:
    """Whether a toll told as more people («Ще трьом людям …», «также погиб еще один») adds to the toll of
    the event it is attached to, rather than restating it."""

    def __init__(self, ctx: Reading, cands: list[Candidate]) -> None:
        self.ctx = ctx
        self.headline = _headline_end(ctx)
        # where each casualty figure the sentences read ends, and its kind, as read (before attachment); a
        # figure itself told as more people («Ще трьом людям надали допомогу») restates nothing, so a later
        # «також … загинув чоловік» still adds to the dead told before it
        self.told = [
            (max(e for _, e in cl.spans), fld)
            for c in cands
            for fld in ("killed", "injured")
            if (cl := getattr(c, fld)) is not None and cl.value and cl.spans and fld not in c.added
        ]

    def adds(self, c: Candidate, target: Candidate, fld: str) -> bool:
        """``c``'s figure of ``fld`` adds to ``target``'s: more of the people told last (not the dead of
        the sentence before), after a figure that is not the headline's total, in no other settlement."""
        v = getattr(c, fld)
        towns, theirs = _towns_of(self.ctx, c.sent), _towns_of(self.ctx, target.sent)
        return (
            _adds_to(getattr(target, fld), v, self.headline)
            and _last_told_kind(self.told, v) == {fld}
            and not (towns and theirs and not towns & theirs)
        )


def _last_told_kind(told: list[tuple[int, str]], more: Claim) -> set[str]:
    """The kinds of the figure told last before ``more``: «ещё» counts more of those people only
    («погиб один человек. … еще четверо получили ранения» adds to no injured told before)."""
    at = min(b for b, _ in more.spans)
    before = [(e, fld) for e, fld in told if e <= at]
    if not before:
        return set()
    end = max(e for e, _ in before)
    return {fld for e, fld in before if e == end}


def _headline_end(ctx: Reading) -> int:
    """Where the report's headline ends: a short first line without closing punctuation; else 0."""
    s = ctx.doc.sentences[0] if ctx.doc.sentences else None
    text = ctx.doc.text[s.start : s.end].rstrip() if s is not None else ""
    if not text or len(text) >= 200 or text.endswith((".", "!", "?", "»", '"', "”", "…")):
        return 0
    return s.end if s is not None else 0


def _adds_to(old: Claim | None, more: Claim, headline: int = 0) -> bool:
    """A toll told as more people («Ще трьом людям …») adds to the figure its event was told before it,
    unless that figure is the headline's: a headline tells the total («До двох збільшилась кількість
    жертв …»), and «ще одного загиблого» after it is one of them."""
    return (
        old is not None
        and min(b for b, _ in old.spans) >= headline
        and isinstance(old.value, int)
        and isinstance(more.value, int)
        and old.value > 0
        and max(e for _, e in old.spans) <= min(b for b, _ in more.spans)
    )


def _bare_debris(c: Candidate) -> bool:
    """Debris told without harm, and no harm attached later: nothing happened."""
    return (
        c.weak
        and c.type == "debris_fall"
        and not (c.damage or (c.killed and c.killed.value) or (c.injured and c.injured.value))
    )


class _Claimants:
    """Who claims what: the speaker attributed in or before a sentence, else the report's default."""

    def __init__(self, ctx: Reading, attribs: list[Attribution]) -> None:
        self.ctx = ctx
        self.attribs = attribs
        self.default = _default_claimant(ctx, attribs)
        self.report_perp = perpetrator_at(ctx.doc, 0, len(ctx.doc.folded))

    def claimant(self, c: Candidate, s: Sentence) -> str | None:
        return self._attributed(c, s) or self.default

    def _attributed(self, c: Candidate, s: Sentence) -> str | None:
        inside = [a for a in self.attribs if s.start - 5 <= a.start < s.end + 5]
        if inside:
            return inside[0].speaker
        para = self.ctx.doc.sentences[c.sent].paragraph
        before = [
            a for a in self.attribs if a.start < s.start and para - 1 <= self.ctx.doc.paragraph_of(a.start)
        ]
        return before[-1].speaker if before else None

    def perpetrator(self, c: Candidate, s: Sentence, claimant: str | None) -> Claim | None:
        doc = self.ctx.doc
        pm = perpetrator_at(doc, s.start, s.end) or (
            self.report_perp if c.type != "interception" or doc.language == "ru" else None
        )
        if not pm:
            return None
        return Claim(
            doc.text[pm[0] : pm[1]], [pm], claimant=claimant, hedge=hedge_at(doc.folded, s.start, s.end)
        )


_NAME = L.pattern("finish.NAME")  # a capitalised word that may name a country
_AND = L.pattern("finish.AND")  # «США и Великобритания»: two states named as one side
_SIDE_WEAPONS = ("drone", "missile")  # the weapons whose side's adjective names the attacker


def perpetrator_at(doc: Document, a: int, b: int) -> tuple[int, int] | None:
    """The first perpetrator named in ``[a, b)``: a PERPETRATOR phrase of the pack, a state or armed group
    named as the attacking side (``_side_named``), or the adjective of an ATTACKER_SIDE right before a
    drone or missile («российских дронов»: «российских»)."""
    pm = L.PERPETRATOR.search(doc.folded, a, b)
    found = [x for x in ((pm.start(), pm.end()) if pm else None, _side_named(doc, a, b)) if x]
    best = min(found) if found else None
    sides = L.ATTACKER_SIDE.spans(doc, a, b)
    if not sides or (best and sides[0][0] >= best[0]):
        return best
    starts = {w[0] for w in weapons_in(doc, a, b) if w[2] in _SIDE_WEAPONS}
    for s, e in sides:
        if best and s >= best[0]:
            break
        rest = doc.folded[e : e + 40]
        gap = len(rest) - len(rest.lstrip())
        if gap and e + gap in starts:
            return (s, e)
    return best


def _side_named(doc: Document, a: int, b: int) -> tuple[int, int] | None:
    """The first state or armed group ``[a, b)`` names as the side that attacks: a name the gazetteer reads
    as a country where geo reads it as who attacks («Израиль нанес авиаудар», «удара Израиля», «ВВС Израиля
    атаковали»; with a country joined to it: «США и Великобритания нанесли»), or a state's forces or an armed
    group as the subject of an attack verb («израильские военные нанесли», «хуситы запустили»)."""
    out = []
    prev: tuple[int, int] | None = None
    for m in _NAME.finditer(doc.text, a, b):
        if not country_named(m.group(0), doc.language):
            continue
        if names_the_attacker(doc.folded, m.span()):
            joined = prev and _AND.fullmatch(doc.folded, prev[1], m.start())
            out.append((prev[0] if prev and joined else m.start(), m.end()))
            break
        prev = m.span()
    sm = L.SIDE_SUBJECT.search(doc.folded, a, b)
    if sm:
        out.append(sm.span("p"))
    return min(out) if out else None


def _event(
    ctx: Reading,
    c: Candidate,
    who: _Claimants,
    launches: list[Candidate],
    resolver: PlaceResolver,
    listed: bool = False,
) -> EventMention:
    s = ctx.doc.sentences[c.sent]
    places = places_for(ctx, c, resolver)
    t = _time_for(ctx, s)  # this sentence, else the nearest before, else the report's first
    claimant = who.claimant(c, s)
    perp = who.perpetrator(c, s, claimant)
    launched = c.launched
    if c.type == "interception" and launched is None and launches:
        launched = _launched_for(c, launches)
    if c.type == "interception" and c.count is None and launched is not None and not listed:
        # «знищили всі дрони»: as many as launched; over a list of regions («всі дрони в межах Полтавської
        # та Черкаської областей») that figure is no single region's
        _count_all(ctx, c, s, launched)
    for cl in (c.count, launched, c.killed, c.injured, c.damage):
        if cl is not None:
            cl.claimant = claimant
    return EventMention(
        type=c.type,
        spans=sorted(set(c.spans)),
        weapon=c.weapon,
        count=c.count,
        launched=launched,
        places=places,
        time=t,
        killed=c.killed,
        injured=c.injured,
        damage=c.damage,
        perpetrator=perp,
        claimant=claimant,
        confidence=0.5 if c.generic or c.total_only else 0.8,
    )


def _launched_for(c: Candidate, launches: list[Candidate]) -> Claim | None:
    """The launched figure of the nearest launch tally of the same weapon, if it is not below the count."""
    same = [x for x in launches if x.weapon == c.weapon] or (launches if c.weapon is None else [])
    if not same:
        return None
    lc = min(same, key=lambda x: abs(x.sent - c.sent))
    return lc.count if lc.count is None or c.count is None or lc.count.value >= c.count.value else None


def _count_all(ctx: Reading, c: Candidate, s: Sentence, launched: Claim) -> None:
    """ "знищили всі дрони", "сбиты все беспилотники": as many were downed as were launched."""
    f = ctx.doc.folded
    allm = _ALL.search(f, max(s.start, min(x for x, _ in c.spans) - 40), s.end)
    wend = max(y for _, y in c.spans)
    if (
        allm
        and any(0 <= x - allm.end() <= 30 for x, _ in c.spans[1:] or c.spans)
        and not _ALL_RESTRICTED.match(f[wend : wend + 30])
    ):
        c.count = Claim(launched.value, [(allm.start(), allm.end())] + launched.spans, hedge=launched.hedge)


def _time_for(ctx: Reading, s: Sentence) -> TimeExpr | None:
    # a day of an earlier event the report recalls («День траура объявили 26 ноября») is no event's time
    times = [t for t in ctx.doc.times if not recalled(ctx.doc.text, t.start, t.end)]
    f = ctx.doc.folded
    # «атаки, начавшиеся вечером 3 января, в воскресенье утром продолжились»: the run's start gives way
    times = [t for t in times if not _BEGAN_TIME.search(f, max(0, t.start - 30), t.start)] or times
    inside = [t.expr for t in times if s.start <= t.start < s.end]
    # «станом на 15:24 27 травня … внаслідок удару 25 травня»: the time the figures are as of gives way
    # to another time of the sentence
    dated = [
        x for x in inside if not _STATUS_TIME.search(ctx.doc.folded, max(s.start, x.span[0] - 45), x.span[0])
    ]
    inside = dated or inside
    # a day told in a recall («Напомним, 5 октября …») is the recalled attack's: it dates no later sentence
    # but those of the recall's paragraph
    recalls = [
        (r.start, r.end) for r in ctx.doc.sentences if r.paragraph != s.paragraph and opens_on_recall(r.text)
    ]
    before = [t.expr for t in times if t.start < s.start and not any(a <= t.start < b for a, b in recalls)]
    # «станом на 21.00 31 січня 2023 … Шосткинська громада: близько 18.20 …»: a clock with no day of its
    # own (a post without a publication date), this sentence's or an earlier one's, is on the day the
    # digest told before it
    days = [t for t in before if t.start and t.precision == "day"]
    if inside:
        best = min(inside, key=rank)
        return days[-1] if best.start is None and days else best
    if before:
        return days[-1] if before[-1].start is None and days else before[-1]
    # a day told only after the sentence dates it when it is the report's own (publication's or the day
    # before); one further back tells of an earlier attack the report goes on to recall («повреждено
    # предприятие. … В ночь на 8 января город подвергся атаке»), not of this sentence's news
    later = [t.expr for t in times if not earlier_than_news(t.expr, ctx.doc.published_at)]
    return later[0] if later else None


def _default_claimant(ctx: Reading, attribs: list[Attribution]) -> str | None:
    """The ministry signing a bulletin, else the first attributed speaker, else a signature line or the source."""
    doc = ctx.doc
    m = _DEFAULT_CLAIMANT_1.search(doc.folded)
    if m and m.start() > len(doc.folded) - 200:
        return doc.text[m.start() : m.end()]
    if attribs:
        return attribs[0].speaker
    # a signature line ("Повітряні сили ЗС України", "Сумська ОВА") names who posts
    tail = doc.folded[-80:]
    sig = L.ORG.search(tail)
    if sig and "\n" in doc.folded[-(80 - sig.start()) - 2 :]:
        off = len(doc.folded) - 80 + sig.start() if len(doc.folded) > 80 else sig.start()
        return doc.text[off : off + len(sig.group(0))]
    return doc.source or "the outlet"
