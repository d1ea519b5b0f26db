"""Merging per-sentence event mentions into events: one per incident and region.

Language-neutral: the English and Russian/Ukrainian pipelines both produce ``Mention`` objects and call
``assemble``. Rules (README conventions of the dev sets):
- a typed mention joins the event of the same type in the same first-level region, or starts one;
  a per-region tally gives one event per region, each with its own count;
- a mention without a place joins the latest event of its type;
- a continuation (no type: "no casualties were reported", "the attack caused minor damage") adds its
  outcome to the latest event; an untyped attack ("launched an assault on the dam") waits for a
  following sentence to give its type, and is dropped if none does (unless it harmed, its attacker is
  named and the report tells no typed event: then it is kept as the packs' ``HARMED_ATTACK_TYPE``);
- figures within one event keep the largest value (a headline and the body repeat the same toll).
"""

from __future__ import annotations

from skylog.extract.common.event_parts import (
    Mention,
    _absorb,
    _Event,
    _keys,
    _new,
    _other_day,
)
from skylog.extract.common.places import most_specific_first, region_key
from skylog.extract.packs import every_pack
from skylog.geo.reach import Located, shelling_reaches
from skylog.records import Claim, EventMention, Place, TimeExpr

__all__ = ["Mention", "assemble", "fill_places"]


def _pack_type(table: str, key: str | None) -> str | None:
    """The type the first pack whose ``[maps.<table>]`` lists ``key`` gives it."""
    return next((t for pack in every_pack() if (t := pack.maps.get(table, {}).get(key or ""))), None)


def _untyped_default(cue: str | None) -> str | None:
    """An untyped "strike" (no weapon named anywhere in the report) is an air strike in news usage
    ("an Israeli strike on a camp", "US strikes on Hodeidah"); an untyped "attack" stays unknown.
    The cue words are the packs' ``[maps.UNTYPED_STRIKE_TYPE]``."""
    return _pack_type("UNTYPED_STRIKE_TYPE", cue)


def _harmed_default(bare: bool, e: _Event) -> str | None:
    """The type a harmed untyped attack with its attacker named is kept as where its report (``bare``)
    tells no event of any type (the packs' ``[maps.HARMED_ATTACK_TYPE]``); None where it does, where no
    attacker is named ("the 1993 attack on the World Trade Center": history) or the cue is not listed. An
    attacker listed in the packs' ``[maps.HARMED_ATTACK_TYPE_OF_ATTACKER]`` gives its own usual type, unless
    that is shelling and the event's places lie beyond shelling's reach ("a Russian attack on Kyiv": guns do
    not reach it, ``geo.reach``): then the cue's type stands."""
    if not bare or e.perpetrator is None:
        return None
    cued = _pack_type("HARMED_ATTACK_TYPE", e.cue)
    if cued is None:
        return None
    usual = _pack_type("HARMED_ATTACK_TYPE_OF_ATTACKER", str(e.perpetrator.value))
    if usual == "shelling" and not _within_reach(e.places):
        return cued
    return usual or cued


def _within_reach(places: list[Place]) -> bool:
    """May shelling reach an event at ``places`` (``geo.reach``)? Where they do not tell, it may."""
    return shelling_reaches(Located.of(p) for p in places) is not False


def assemble(mentions: list[Mention], default_time: TimeExpr | None = None) -> list[EventMention]:
    """Merge mentions (in text order) into EventMentions, most specific place first."""
    assembler = _Assembler()
    for m in mentions:
        assembler.add(m)
    return assembler.finish(default_time)


class _Assembler:
    """The events of one report so far, and the one the text is talking about now."""

    def __init__(self) -> None:
        self.events: list[_Event] = []
        self.pending: list[Mention] = []  # continuations before any event: given to the first one
        self.headline_figures: list[Mention] = []
        self.current: _Event | None = None

    def add(self, m: Mention) -> None:
        """Merge one mention into the event it continues, or start a new event."""
        if m.headline and (m.killed is not None or m.injured is not None):
            self.headline_figures.append(
                Mention(
                    type=None,
                    weapon=None,
                    places=[],
                    count=None,
                    sentence=m.sentence,
                    paragraph=m.paragraph,
                    span=m.span,
                    killed=m.killed,
                    injured=m.injured,
                )  # fmt: skip
            )
            m.killed = m.injured = None
        events = self.events
        last = self.current if self.current in events else (events[-1] if events else None)
        if m.type is None and not m.untyped:
            self._continuation(m, last)
        elif m.untyped:
            self._untyped(m, last)
        elif (
            last is not None
            and last.type is None
            and not m.specific
            and m.type not in ("interception", "debris_fall")
        ):
            # "eight were killed in an attack on the suburb … a jet hit the area": a bare typed phrase
            # tells how the untyped attack before it was carried out
            last.type, last.weapon = m.type, m.weapon
            _absorb(last, m, m.places, m.count)
        elif (
            last is not None
            and last.type is not None
            and not m.specific
            and not m.anaphoric
            and m.type not in ("interception", "debris_fall")
        ):
            # a bare typed phrase ("I heard an explosion", "drones are a threat") adds to the latest event
            _absorb(last, m, m.places, None, with_places=not last.places)
        elif not (m.anaphoric and last is not None and self._anaphoric(m, last)):
            self._typed(m)

    def _continuation(self, m: Mention, last: _Event | None) -> None:
        """An untyped mention (a toll, a tally, a place): more about the latest event."""
        if last is None:
            self.pending.append(m)
            return
        keys = _keys(m.places)
        if m.tally and keys != [None] and last.type:
            self._regional_tally(m, last, keys[0])
            return
        if (m.killed is not None or m.injured is not None) and last.type == "interception":
            # a toll after an interception belongs to what got through (strike or debris), if any
            hit = next((e for e in reversed(self.events) if e.type not in (None, "interception")), None)
            if (
                hit is not None
                and (m.killed is None or m.killed.value)
                and (m.injured is None or m.injured.value)
            ):
                _absorb(hit, m, [], None, with_places=False)
                return
        _absorb(last, m, m.places, m.count if last.count is None else None, with_places=not last.places)

    def _regional_tally(self, m: Mention, base: _Event, key: str | None) -> None:
        """ "In Kursk region, 12 were downed": the latest event's count in one region."""
        target = next((e for e in self.events if e.type == base.type and key in e.regions), None)
        if target is None and not base.regions:
            target = base
        if target is None:
            target = _new(m, base.type, m.places, m.count, key)
            target.weapon = base.weapon
            target.time = target.time or base.time
            target.perpetrator = target.perpetrator or base.perpetrator
            target.claimant = target.claimant or base.claimant
            self.events.append(target)
        else:
            _absorb(target, m, m.places, None)
            if m.count is not None:
                target.count = m.count
                target.count_regional = True
        self.current = target

    def _untyped(self, m: Mention, last: _Event | None) -> None:
        """An attack with no weapon named: more about the latest event, or an event of its own."""
        cue = (m.cue or "").lower()
        if (
            last is not None
            and last.type is None
            and not _untyped_default(last.cue)
            and _untyped_default(cue)
        ):
            last.cue = cue  # "Israel struck a building ... . ... a final strike": the strike word types it
        if not m.specific:
            return
        own_region = bool(m.places) and not (
            set(k for k in _keys(m.places) if k) <= last.regions if last else False
        )
        # "... on Sunday. ... when the army bombed a camp on Saturday": another day is another incident
        own_day = last is not None and _other_day(last.time, m.time) and not m.anaphoric
        if (
            last is not None
            and not m.separate
            and not own_day
            and (last.type is None or not (own_region and not m.anaphoric))
            and not _part_of_summary(last, m)
        ):
            # "the building was hit and 10 people were wounded": more about the latest event
            _absorb(last, m, m.places, None, with_places=not last.places)
            return
        ev = _new(m, None, m.places, None, None)
        ev.cue = (m.cue or "").lower()
        ev.separate = m.separate
        self.events.append(ev)
        self.current = ev

    def _anaphoric(self, m: Mention, last: _Event) -> bool:
        """ "The attack ...": merged into the latest event when it can be the same one (True when merged)."""
        if last.type is None:
            last.type, last.weapon = m.type, m.weapon
            _absorb(last, m, m.places, m.count)
            return True
        # "a person died as a result of the shelling" after a missile strike: an anaphor that tells only a
        # toll (no place, time or count of its own) is about the latest event, whatever its weapon word
        located = bool(m.places) or m.time is not None or m.count is not None
        # "an army air strike killed 40 … The attack involved drones conducting air strikes": news calls a
        # drone's strike an air strike; the anaphor that names the drones tells the event's weapon
        retype = last.type == "air_strike" and m.type == "drone_strike"
        if not (
            last.type == m.type
            or (m.weapon and last.weapon == m.weapon)
            or not m.specific
            or not located
            or retype
        ):
            return False
        keys = _keys(m.places)
        same_region = keys == [None] or not last.regions or set(k for k in keys if k) <= last.regions
        if not (same_region or not m.specific):
            return False
        if retype:
            last.type, last.weapon = m.type, m.weapon
        _absorb(last, m, m.places, m.count if last.type == m.type else None, with_places=same_region)
        return True

    def _typed(self, m: Mention) -> None:
        """A typed mention: one part per region (split counts), each merged into its event or a new one."""
        keys = list(m.split_counts) if len(m.split_counts) >= 2 else _keys(m.places)
        for i, key in enumerate(keys):
            if len(keys) > 1:
                places = [p for p in m.places if (region_key(p) == key) or (region_key(p) is None and i == 0)]
            else:
                places = list(m.places)
            if i == 1:
                m.killed = m.injured = m.damage = None  # one toll, given once
            count = m.split_counts.get(key) if key is not None and len(keys) > 1 else m.count
            total = key is None and None in m.split_counts
            if total:
                places = [p for p in m.places if p.kind == "country"]
                target = next((e for e in reversed(self.events) if e.type == m.type and not e.regions), None)
            else:
                target = None if m.separate else self._same_event(m, key, count, spread=len(keys) > 1)
            if target is not None and _other_day(target.time, m.time):
                target = None  # same place, another day: another incident
            if target is not None and _other_town_toll(target, m, places):
                target = None  # another town of the region, with a toll of its own: another strike
            if target is None:
                self.events.append(_new(m, m.type, places, count, key))
                self.events[-1].total = total
                self.events[-1].count_split = count is not None and key is not None and len(keys) > 1
                self.current = self.events[-1]
            else:
                _absorb(target, m, places, count)
                target.total = target.total or total
                self.current = target
                # a region's part of a per-region breakdown ("84 drones, including 36 over Rostov, 21 over
                # Bryansk") is that region's count, over one told with the region alone in its sentence
                split = len(keys) > 1
                if (
                    count is not None
                    and key is not None
                    and not (target.count_split or (target.count_regional and not split))
                ):
                    target.count = count
                    target.count_regional = True
                    target.count_split = split

    def _same_event(
        self, m: Mention, key: str | None, count: Claim | None, spread: bool = False
    ) -> _Event | None:
        """The latest event of the mention's type in its region (or one without regions); ``spread``: the
        mention tells of several regions at once."""
        events = self.events
        if key is None:
            # a placeless mention joins the latest event of its type, unless that one is of another weapon
            # ("... a drone at Eilat was intercepted. ... a missile fired at central Israel was intercepted")
            # or that one's count is smaller than the mention's own (another side's tally, or a later one)
            latest = next((e for e in reversed(events) if e.type == m.type), None)
            if latest is None or m.weapon and latest.weapon and latest.weapon != m.weapon:
                return None
            return None if _larger_tally(latest.count, count) else latest
        target = next((e for e in reversed(events) if e.type == m.type and key in e.regions), None)
        if target is None:
            # a list of regions also joins the event told for their whole country ("all 27 drones were downed
            # over Ukraine … over the Kyiv, Sumy and Poltava regions")
            country = {"C:" + key.split("-")[0]} if spread else None
            target = next(
                (
                    e
                    for e in reversed(events)
                    if e.type == m.type and (not e.regions or e.regions == country) and not e.total
                ),
                None,
            )
            if target is not None and (count is not None or spread) and target.count is not None:
                # a total before the per-region split, or told over a list of regions ("all 14 drones were
                # downed over the Kherson, Poltava and Sumy regions"): no one region's count
                target.count = None
        return target

    def finish(self, default_time: TimeExpr | None) -> list[EventMention]:
        """The typed events as EventMentions, with untyped strikes typed and launch tallies folded in."""
        events = self.events
        if not any(e.type and e.type != "interception" for e in events):
            for e in events:
                if e.type is None and e.perpetrator is not None and (t := _untyped_default(e.cue)):
                    e.type = t
                    break
        _fold_launch_tallies(events)
        folded = _fold_untyped(events)
        kinds = {e.type for e in events if e.type in _HIT_TYPES}
        bare = not any(e.type for e in events)  # no event of the report has a type of its own
        for e in events:
            if e.type is None and all(e is not f for f in folded):
                # an untyped attack of its own region or day, told nowhere else: kept, of the report's one
                # kind of strike when its cue names no way of attack, else of its cue's usual type
                generic = any(e.cue in p.word_sets.get("GENERIC_STRIKE_CUE", ()) for p in every_pack())
                if len(kinds) == 1 and generic:
                    e.type = next(iter(kinds))
                elif not kinds and generic and _harmed(e):
                    # "three were killed in an attack on the region … air defence downed 25 drones": what
                    # harmed is the one weapon the report tells downed, some of which got through
                    e.type = (
                        _intercepted_kind(events, e) or _untyped_default(e.cue) or _harmed_default(bare, e)
                    )
                else:
                    e.type = _untyped_default(e.cue)
        typed = [e for e in events if e.type]
        if typed:
            _give_first(typed[0], typed, self.headline_figures + self.pending)
        return [_event_mention(e, default_time) for e in typed]


def _fold_launch_tallies(events: list[_Event]) -> None:
    """ "Russia launched 90 drones at Ukraine overnight; 80 were shot down": the launch tally belongs to
    the interception, not a strike of its own, unless the strike names where it hit. "An attack on Odesa
    … air defence destroyed all the drones" names only the target, where every weapon was downed: folded
    too, when what it harmed is the debris's harm."""
    debris = [d.damage.spans for d in events if d.type == "debris_fall" and d.damage is not None]
    for e in list(events):
        if e.type not in ("drone_strike", "missile_strike"):
            continue
        same = [
            x
            for x in events
            if x.type == "interception"
            and x is not e
            and (x.weapon == e.weapon or set(x.spans) & set(e.spans))
        ]
        whole = [x for x in same if x.whole]
        own_damage = e.damage is not None and not (whole and e.damage.spans in debris)
        if not same or own_damage or e.killed is not None or e.injured is not None:
            continue
        local = [p for p in e.places if p.kind != "country"]
        if local and not (whole and set(_keys(local)) <= whole[0].regions):
            continue
        target = whole[0] if local else same[0]  # a strike on a named place folds into the whole interception
        target.spans.extend(e.spans)
        target.perpetrator = target.perpetrator or e.perpetrator
        events.remove(e)


def _harmed(e: _Event) -> bool:
    return any(c is not None and c.value for c in (e.killed, e.injured)) or e.damage is not None


def _intercepted_kind(events: list[_Event], attack: _Event) -> str | None:
    """The strike type of the one weapon class the report's interceptions name (None: none, several, or
    an interception on another day than the attack)."""
    downed = [e for e in events if e.type == "interception"]
    weapons = {e.weapon for e in downed}
    if len(weapons) != 1 or None in weapons or any(_other_day(e.time, attack.time) for e in downed):
        return None
    label = weapons.pop()
    return next((w.strike_type for p in every_pack() for w in p.weapons if w.label == label), None)


_HIT_TYPES = ("air_strike", "drone_strike", "missile_strike", "shelling")


def _fold_untyped(events: list[_Event]) -> list[_Event]:
    """An attack left untyped ("Israeli strike kills 15 in Gaza" over "an Israeli air strike killed 15
    people") is told of the nearest strike of the report where that strike names no place below a
    country or lies in the same region: its places and missing figures (not a toll another event holds)
    go there instead of being lost."""
    strikes = [e for e in events if e.type in _HIT_TYPES]
    folded: list[_Event] = []
    for e in [e for e in events if e.type is None and not e.separate]:
        placed = lambda x: any(p.kind != "country" for p in x.places)  # noqa: E731
        fits = [
            x
            for x in strikes
            if (not placed(x) or not placed(e) or (e.regions and e.regions <= x.regions))
            and not _other_day(x.time, e.time)
            and not (_other_toll(x, e) and not _plural(e.cue))
        ]
        if not fits:
            continue
        folded.append(e)
        target = min(fits, key=lambda x: abs(x.first_sentence - e.first_sentence))
        if not placed(target):
            for p in e.places:
                if all(p.span != q.span for q in target.places):
                    target.places.append(p)
            target.regions.update(e.regions)
        for fld in ("killed", "injured", "damage", "perpetrator", "time"):
            got = getattr(e, fld)
            if getattr(target, fld) is not None or got is None:
                continue
            if fld in ("killed", "injured") and any(
                (c := getattr(x, fld)) is not None and c.value == got.value for x in events if x.type
            ):
                continue  # a toll another event holds is that event's (told again in a headline)
            setattr(target, fld, got)
        target.spans.extend(e.spans)
    return folded


def _part_of_summary(last: _Event, m: Mention) -> bool:
    """``last`` sums several attacks with no place of its own ("Aerial strikes on border cities killed a dozen
    people"), and ``m`` names where it hit, with its own toll of a kind the sum tells ("A strike on Kharkiv
    killed seven"): one of the attacks summed, an event of its own, not more of the summary (whose larger
    figure would stand for it)."""
    if last.type is not None or not _plural(last.cue) or any(p.kind != "country" for p in last.places):
        return False
    placed = any(p.kind != "country" for p in m.places)
    tolled = any(getattr(last, f) is not None and getattr(m, f) is not None for f in ("killed", "injured"))
    return placed and tolled


def _towns(places: list[Place]) -> set[str]:
    return {(p.name or p.mention).lower() for p in places if p.kind == "settlement"}


def _other_town_toll(ev: _Event, m: Mention, places: list[Place]) -> bool:
    """The event and the mention both name a town, none the same, and both tell a toll of one kind: a strike
    on another town of the region, with its own toll ("In Holon, a missile … wounding 16 … In Ramat Gan, a
    missile struck … injuring over 20"). Merged, only the larger toll would stand for both."""
    tolled = any(
        getattr(ev, f) is not None and getattr(m, f) is not None and getattr(m, f).value
        for f in ("killed", "injured")
    )
    mine, theirs = _towns(places), _towns(ev.places)
    return tolled and bool(mine) and bool(theirs) and not mine & theirs


def _larger_tally(a: Claim | None, b: Claim | None) -> bool:
    return bool(a and b and not (a.weak or b.weak) and isinstance(a.value, int) and b.value > a.value)


def _plural(cue: str | None) -> bool:
    """ "in two separate attacks", "the strikes …": a cue that tells several attacks (a summary of them)."""
    return bool(cue) and cue.endswith("s") and not cue.endswith("ss")


def _other_toll(a: _Event, b: _Event) -> bool:
    """Both events tell a toll of their own, and the tolls differ: two incidents, not one told twice."""
    for fld in ("killed", "injured"):
        x, y = getattr(a, fld), getattr(b, fld)
        if x is not None and y is not None and x.value != y.value:
            return True
    return False


def _give_first(first: _Event, typed: list[_Event], figures: list[Mention]) -> None:
    """Headline figures and continuations told before any event go to the first event, filling gaps."""
    for m in figures:
        for fld in ("killed", "injured"):
            if getattr(m, fld) is not None and all(getattr(e, fld) is None for e in typed):
                setattr(first, fld, getattr(m, fld))
        if m.perpetrator is not None and first.perpetrator is None:
            first.perpetrator = m.perpetrator
        if first.time is None and m.time is not None:
            first.time = m.time


def fill_places(events: list[EventMention], later: list[tuple[int, list[Place]]]) -> None:
    """An event that names no place below a country takes the places of the first later sentence that
    reads like part of the attack (a cue, a toll, damage) but gave no event mention of its own:
    "105 drones were destroyed overnight. … 26 over the Belgorod region, 25 over Bryansk" (``later``:
    (sentence start, its places) in text order)."""
    for ev in events:
        if any(p.kind != "country" for p in ev.places) or not ev.spans:
            continue
        start = ev.spans[0][0]
        hit = next((ps for s, ps in later if s > start), None)
        if hit:
            ev.places = most_specific_first([*hit, *ev.places])


def _event_mention(e: _Event, default_time: TimeExpr | None) -> EventMention:
    time = e.time if e.time and e.time.precision != "unknown" else (e.context_time or default_time or e.time)
    return EventMention(
        type=e.type or "",
        spans=sorted(set(e.spans)),
        weapon=e.weapon,
        count=e.count,
        places=most_specific_first(e.places),
        time=time,
        killed=e.killed,
        injured=e.injured,
        damage=e.damage,
        perpetrator=e.perpetrator,
        claimant=e.claimant or "the outlet",
    )
