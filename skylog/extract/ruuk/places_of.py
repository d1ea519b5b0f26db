"""Where a candidate happened: its regions, the sentence's toponyms or settlements, else the context's region."""

from __future__ import annotations

from dataclasses import replace

from skylog.extract.common.places import territory_places
from skylog.extract.ruuk import lexicon as L
from skylog.extract.ruuk.bodies import body_region, line_of, settlement_of_body_region
from skylog.extract.ruuk.places import PlaceResolver
from skylog.extract.ruuk.reading import Candidate, Reading, is_admin_title
from skylog.extract.ruuk.weapons import is_weapon_name
from skylog.geo.parse import settlement_population
from skylog.geo.sides import names_a_side
from skylog.nlp.spans import RegionMention, Sentence
from skylog.nlp.text import fold
from skylog.records import Place

_SETTLEMENT = L.pattern("places_of.SETTLEMENT")
_COUNTRY = [(L.pattern(f"places_of.COUNTRY_{code}"), code) for code in ("RU", "UA")]
# patterns the functions below use
_COUNTRY_1 = L.pattern("places_of.COUNTRY_1")
_PLAUSIBLE_TOPONYM_1 = L.pattern("places_of.PLAUSIBLE_TOPONYM_1")
_REGION_REF = L.pattern("places_of.REGION_REF")
_LAUNCH_GROUND = L.pattern("places_of.LAUNCH_GROUND")
# a town abroad of this many people, named in full, is a place a Russian or Ukrainian report tells of
# («удар по Дамаску», «упал в Эйлате»); a smaller namesake is a chance match of a word
FOREIGN_TOWN_POP = 20_000


def places_for(ctx: Reading, c: Candidate, resolver: PlaceResolver) -> list[Place]:
    """The places of a candidate, most specific first; a country when nothing finer is named."""
    text = ctx.doc.text
    s = ctx.doc.sentences[c.sent]
    regions = [r for r in c.regions if not launch_ground(ctx.doc.folded, r)]
    places = _dedupe_places([resolver.region_place(text, r, ctx.doc.language) for r in regions])
    if not c.total_only:
        local = [
            p
            for p in _local_places(ctx, c, s)
            # «ответом Тегерана»: a side named by its capital abroad is no place of the event either
            if not (_side_named(p) and is_attacker(ctx.doc.folded, p.span))
        ]
        if places:
            local = [p for p in local if p.kind != "country"]
        if any(body_region(ctx.doc.folded, r) for r in regions):
            places = _bodies_placed(ctx, s, regions, local, resolver)
        places = local + places
    if not any(p.admin1_code or p.kind == "water" for p in places) and not c.total_only:
        report_regions = [
            r for r in ctx.doc.regions if r.kind == "region" and not launch_ground(ctx.doc.folded, r)
        ]
        inherited = _context_region(ctx, s, report_regions, forward=c.type != "interception")
        # a region only a body's name gives («у Сумській ОВА») yields to a settlement of it the event's line names
        named = (
            settlement_of_body_region(ctx.doc.toponyms, inherited, _event_line(ctx, s), s.start)
            if inherited is not None and body_region(ctx.doc.folded, inherited)
            else None
        )
        if named is not None:
            places.append(replace(named))
        elif inherited is not None:
            places.append(resolver.region_place(text, inherited, ctx.doc.language))
    if not places:
        # «ракеты летели в сторону израильской территории»: the land's country, before a bare country word
        places = [
            replace(p, span=(p.span[0] + s.start, p.span[1] + s.start))
            for p in territory_places(text[s.start : s.end])
        ][:1]
    if not places:
        ctry = _country(ctx, s)
        if ctry:
            places.append(Place(mention=ctry[1], span=ctry[2], kind="country", name=ctry[0], country=ctry[0],
                                precision=None))  # fmt: skip
    for p in places:
        if p.country is None and p.admin1_code:
            p.country = p.admin1_code[:2]
    return places


def _bodies_placed(
    ctx: Reading, s: Sentence, regions: list[RegionMention], local: list[Place], resolver: PlaceResolver
) -> list[Place]:
    """The sentence's regions as places, a region only a body's name gives («повідомили у Харківській
    обласній прокуратурі») left out where the sentence names a place of it, else replaced by the
    settlement of it the event's line names; kept where that line names none (a settlement on
    another line is another event's place)."""
    covered = {p.admin1_code for p in local if p.admin1_code}
    out: list[Place] = []
    for r in regions:
        if not body_region(ctx.doc.folded, r):
            out.append(resolver.region_place(ctx.doc.text, r, ctx.doc.language))
        elif r.code not in covered:
            named = settlement_of_body_region(ctx.doc.toponyms, r, _event_line(ctx, s), s.start)
            out.append(replace(named) if named else resolver.region_place(ctx.doc.text, r, ctx.doc.language))
    return _dedupe_places(out)


def _event_line(ctx: Reading, s: Sentence) -> tuple[int, int]:
    """The line the event's sentence lies on: the only place a body's region may give way to a settlement."""
    return line_of(ctx.doc.text, s.start, s.end)


def launch_ground(folded: str, r: RegionMention) -> bool:
    """The region is told as the ground a launch came from («обстріл Одеси з окупованого Криму»)."""
    return bool(_LAUNCH_GROUND.search(folded, max(0, r.start - 120), r.start))


def _side_named(p: Place) -> bool:
    return p.kind == "country" or (p.kind == "settlement" and p.country not in (None, "RU", "UA"))


def _local_places(ctx: Reading, c: Candidate, s: Sentence) -> list[Place]:
    """Toponyms of the candidate's sentence, else the settlements it names ("в селе Ивановка")."""
    local = [p for p in ctx.doc.toponyms if s.start <= p.span[0] < s.end]
    sentence_regions = [r for r in ctx.doc.regions if s.start <= r.start < s.end]
    if c.type == "interception" and len(sentence_regions) > 1:
        return []  # a list of regions: each event keeps only its own region
    if local:
        return local
    return [
        Place(mention=m.group(1), span=(m.start(1), m.end(1)), kind="settlement", precision=1)
        for m in _SETTLEMENT.finditer(ctx.doc.text, s.start, s.end)
    ]


def _dedupe_places(places: list[Place]) -> list[Place]:
    out, seen = [], set()
    for p in places:
        key = p.admin1_code or p.name or p.mention.lower()
        if key in seen:
            continue
        seen.add(key)
        out.append(p)
    return out


def _context_region(
    ctx: Reading, s: Sentence, report_regions: list[RegionMention], forward: bool = True
) -> RegionMention | None:
    """The region a sentence without one is about: the last named before it, else (strikes) the first after.

    A stated total of interceptions does not take the region of the list that follows it.
    """
    prev_start = max((x.start for x in ctx.doc.sentences if x.end <= s.start), default=s.start)
    if _REGION_REF.search(ctx.doc.folded, prev_start, s.end):
        # «губернатор Смоленской области сообщил, что над регионом …»: «the region» is the one just named,
        # in an official's title too
        named = [r for r in report_regions if r.end <= s.start]
        if named:
            return named[-1]
    before = [r for r in report_regions if r.end <= s.start and not is_admin_title(ctx.doc.folded, r)]
    before = before or [r for r in report_regions if r.end <= s.start]
    if before:
        return before[-1]
    if not forward:
        return None
    after = [r for r in report_regions if r.start >= s.start]
    return after[0] if after else None


def _country(ctx: Reading, s: Sentence) -> tuple[str, str, tuple[int, int]] | None:
    for rxp, code in _COUNTRY:
        for m in rxp.finditer(ctx.doc.folded, s.start, s.end):
            if not _COUNTRY_1.search(m.group(0)) and not is_attacker(ctx.doc.folded, (m.start(), m.end())):
                return code, ctx.doc.text[m.start() : m.end()], (m.start(), m.end())
    return None


def is_attacker(folded: str, span: tuple[int, int]) -> bool:
    """The text names the country at ``span`` as the side that attacks or the ground a launch comes
    from, not as where the event is: «со стороны Украины», «з території Білорусі», «атака Росії»,
    «ЗС РФ», «Росія атакувала Україну», «РФ обстреляла Херсон» (``folded``: the folded text; the
    words are geo's, which keeps such a country out of the document frame too)."""
    return names_a_side(folded, span)


def plausible_toponym(p: Place) -> bool:
    """Drop gazetteer hits that are plainly not places here (across paragraphs, bracketed, country words)."""
    if "\n" in p.mention or "(" in p.mention or ")" in p.mention:
        return False
    if p.kind != "country" and any(rx.match(p.mention.lower()) for rx, _ in _COUNTRY):
        return False
    low = fold(p.mention)
    if is_weapon_name(low) or _PLAUSIBLE_TOPONYM_1.match(low):
        return False  # "Град" (the rocket system), "Сили" (armed forces)
    if (
        p.country
        and p.country not in ("RU", "UA")
        and p.kind not in ("country", "facility")
        and p.precision != 3
    ):
        # a village abroad matched by an abbreviation ("АГС") or a common word, not a town of some size; a
        # facility is named with its word («аэропорт Порт-Судана»), no common word's chance match
        return not p.mention.isupper() and settlement_population(p) >= FOREIGN_TOWN_POP
    return True
