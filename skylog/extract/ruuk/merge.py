"""Merging event mentions: one event per type and place, totals that repeat their regions absorbed."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime

from skylog.extract.ruuk import lexicon as L
from skylog.extract.ruuk.reading import Candidate, Reading
from skylog.records import Claim, EventMention, Place, TimeExpr


def _admin1s(e: EventMention) -> set[str]:
    return {(p.admin1_code or p.name or "").upper() for p in e.places if p.admin1_code or p.kind == "water"}


def _settlements(e: EventMention) -> set[str]:
    return {(p.name or p.mention).lower() for p in e.places if p.kind == "settlement"}


def _same_toll(a: EventMention, b: EventMention) -> bool:
    """Two accounts of one strike: the same non-zero casualty figures (headline, body and quote)."""
    for fld in ("killed", "injured"):
        x, y = getattr(a, fld), getattr(b, fld)
        if x is not None and y is not None and x.value == y.value and x.value:
            return True
    return False


def launch_counts_of_strikes(ctx: Reading, events: list[tuple[Candidate, EventMention]]) -> None:
    """ "Атакувала 108 БпЛА ... з них збито 55": the attack's figure is how many were launched.

    A drone or missile attack told without harm in its own sentence, in a report that also
    tallies interceptions of no more than that figure, counts weapons launched, not weapons that
    struck: the figure moves to the interception's ``launched`` and the strike keeps no count.
    """
    inter = [e for c, e in events if e.type == "interception" and e.count is not None]
    if not inter:
        return
    for c, e in events:
        if e.type not in ("drone_strike", "missile_strike") or e.count is None or c.sent in ctx.harm_sents:
            continue
        if not isinstance(e.count.value, int) or e.count.value < 2:
            continue
        same = [x for x in inter if x.weapon in (e.weapon, None) and x.count.value <= e.count.value]
        if not same:
            continue
        for x in same:
            if x.launched is None:
                x.launched = e.count
        e.count = None


def _different_counts(a: EventMention, b: EventMention) -> bool:
    """Both events state how many were shot down, and the figures differ."""
    x, y = a.count, b.count
    return (
        x is not None
        and y is not None
        and isinstance(x.value, int)
        and isinstance(y.value, int)
        and x.value != y.value
    )


_CLOCK = ("minute", "hour")
_HM = re.compile(r"\d{1,2}[.:]\d{2}")


def _separate_hits(a: EventMention, b: EventMention) -> bool:
    """Two strikes on one settlement told at different clock times, each with its count: separate hits."""
    return (
        a.type != "interception"
        and bool(_settlements(a) & _settlements(b))  # the same town told twice, not two unresolved villages
        and a.count is not None
        and b.count is not None
        and isinstance(a.count.value, int)
        and isinstance(b.count.value, int)
        and _clock(a) is not None
        and _clock(b) is not None
        and _clock(a) != _clock(b)
    )


def _add_separate_hits(target: EventMention, e: EventMention) -> None:
    """«01:20 – м. Харків: … БпЛА …; 01:00 – м. Харків: … БпЛА …»: two hits at two clock times add up."""
    if not _separate_hits(target, e):
        return
    assert target.count is not None and e.count is not None
    target.count = Claim(target.count.value + e.count.value, target.count.spans + e.count.spans,
                         hedge=target.count.hedge, claimant=target.count.claimant)  # fmt: skip
    e.count = None


def _clock(e: EventMention) -> str | None:
    """The clock time an event is told at: its start, or with no day known its «01:20» as written."""
    t = e.time
    if t is None:
        return None
    if t.precision in _CLOCK:
        return t.start
    m = _HM.search(t.text or "") if t.precision == "unknown" else None
    return m.group(0) if m else None


_MORE = L.pattern("merge.MORE")
_RUNNING_TOTAL = L.pattern("merge.RUNNING_TOTAL")
# downings and strikes told as a running series («сбиты еще три», «ще одна ракета поцілила»)
_SERIES_TYPES = ("interception", "drone_strike", "missile_strike", "air_strike")


def merge_series(events: list[EventMention], folded: str) -> list[EventMention]:
    """A running series of downings told as updates («сбит беспилотник … позднее сбиты еще четыре») is one
    event whose count is the series' sum.

    An interception whose figure follows «еще/ще» joins the last interception with a figure told before it,
    in the same region or with none of its own: the figures add up, unless the earlier one is told as a
    running total already («с начала ночи сбиты девять», a headline's figure), which then stands. Two
    figures both told as «еще» are two updates of a series the report does not sum: they stay apart.
    """
    out: list[EventMention] = []
    for e in events:
        prev = _series_head(out, e, folded)
        if prev is None:
            out.append(e)
            continue
        assert prev.count is not None and e.count is not None
        if not _running_total(prev, folded):
            prev.count = Claim(prev.count.value + e.count.value, prev.count.spans + e.count.spans,
                               hedge=prev.count.hedge, claimant=prev.count.claimant)  # fmt: skip
        prev.spans = sorted(set(prev.spans) | set(e.spans))
        known = {(p.admin1_code, p.mention.lower()) for p in prev.places}
        prev.places += [
            p for p in e.places if (p.admin1_code, p.mention.lower()) not in known and p.kind != "country"
        ]
        for fld in ("killed", "injured", "damage", "perpetrator", "time", "weapon"):
            if getattr(prev, fld) is None:
                setattr(prev, fld, getattr(e, fld))
    return out


def _series_head(out: list[EventMention], e: EventMention, folded: str) -> EventMention | None:
    """The earlier event of its type that ``e`` («еще два») continues, or None."""
    if (
        e.type not in _SERIES_TYPES
        or e.count is None
        or not isinstance(e.count.value, int)
        or not e.count.spans
    ):
        return None
    if not _more_at(e.count.spans[0][0], folded):
        return None
    heads = [o for o in out if o.type == e.type and o.count is not None and isinstance(o.count.value, int)]
    if not heads:
        return None
    head = heads[-1]
    if head.count is not None and head.count.spans and _more_at(head.count.spans[0][0], folded):
        return None  # «сбито ещё 5 … уничтожены ещё 4»: two updates of a series the report does not sum
    a1, a2 = _admin1s(head), _admin1s(e)
    return head if not a2 or not a1 or a1 == a2 else None


def _more_at(at: int, folded: str) -> bool:
    return bool(_MORE.search(folded, max(0, at - 40), at))


def _running_total(e: EventMention, folded: str) -> bool:
    """The figure is told as a sum already: beside a running-total word, or in the report's headline."""
    assert e.count is not None
    at = e.count.spans[0][0] if e.count.spans else 0
    line_start = folded.rfind("\n", 0, at) + 1
    line_end = folded.find("\n", at)
    line = folded[line_start : line_end if line_end >= 0 else len(folded)]
    headline = line_start == 0 and line_end > 0 and not line.rstrip().endswith(".")
    return headline or bool(_RUNNING_TOTAL.search(line))


UnitKey = Callable[[Place], str | None]  # a community's (hromada's) key, None for any other place


def _units(e: EventMention, unit_of: UnitKey | None) -> set[str]:
    return {k for p in e.places if unit_of is not None and (k := unit_of(p))}


def merge_events(
    events: list[EventMention],
    published: datetime | None = None,
    lead: int | None = None,
    unit_of: UnitKey | None = None,
) -> list[EventMention]:
    """One event per type and place: a headline and its body, or two sentences on one strike, become one.

    Two settlements told with one toll are one strike told twice when one of the two is told in the
    report's lead (before offset ``lead``: «… пострадал под Белгородом» over «в селе Ржевка»), and not on
    other days (``_other_days``); two accounts in the body of other towns with one toll are two attacks
    («загинула жінка … у Колодязному загинув чоловік»), as is an earlier attack with the same toll.
    Two communities (``unit_of``: hromadas) each told with its strikes are two events, as a regional
    administration's digest lists them («Шалигинська громада: … Есманська громада: …»), as are a community
    told alone and a town told alone, each with its strike, unless one restates the other in the lead."""
    out: list[EventMention] = []
    for e in events:
        target = next((o for o in out if not _apart(o, e, published, lead, unit_of)), None)
        if target is None:
            out.append(e)
            continue
        target.spans = sorted(set(target.spans) | set(e.spans))
        known = {(p.admin1_code, p.mention.lower()) for p in target.places}
        for p in e.places:
            if (p.admin1_code, p.mention.lower()) not in known and p.kind != "country":
                target.places.append(p)
        target.places.sort(key=lambda p: (p.precision or 9) if p.kind != "country" else 10)
        _add_separate_hits(target, e)
        for fld in ("count", "killed", "injured"):
            a, b = getattr(target, fld), getattr(e, fld)
            if a is None or (
                b is not None and isinstance(b.value, int) and isinstance(a.value, int) and b.value > a.value
            ):
                setattr(target, fld, b if b is not None else a)
        for fld in ("damage", "perpetrator", "launched", "time", "weapon"):
            if getattr(target, fld) is None:
                setattr(target, fld, getattr(e, fld))
    return out


def _apart(
    o: EventMention, e: EventMention, published: datetime | None, lead: int | None, unit_of: UnitKey | None
) -> bool:
    """``o`` and ``e`` are two events however they read (see ``merge_events``)."""
    if o.type != e.type:
        return True
    a1, a2 = _admin1s(o), _admin1s(e)
    if a1 and a2 and a1 != a2:
        return True
    if e.type == "interception" and (bool(a1) != bool(a2) or _different_counts(o, e)):
        return True  # "17 із 22 ... Як повідомляли, напередодні збили 32": two nights, two tallies
    s1, s2 = _settlements(o), _settlements(e)
    if s1 and s2 and not (s1 & s2) and not _restated(o, e, published, lead):
        return True
    u1, u2 = _units(o, unit_of), _units(e, unit_of)
    if u1 and u2:
        return not (u1 & u2)
    # «удар дроном по Покровській громаді. … Також ворог вдарив безпілотником і по Нікополю»: a community
    # told alone and a town told alone, each with its own strike, are two units of the digest
    one_each = (u1 and not s1 and s2 and not u2) or (u2 and not s2 and s1 and not u1)
    return bool(one_each) and not _restated(o, e, published, lead)


def _restated(a: EventMention, b: EventMention, published: datetime | None, lead: int | None) -> bool:
    """``b``'s toll restates ``a``'s (see ``merge_events``)."""
    in_lead = lead is None or any(x.spans and min(x.spans)[0] < lead for x in (a, b))
    return in_lead and _same_toll(a, b) and not _other_days(a, b, published)


def _other_days(a: EventMention, b: EventMention, published: datetime | None) -> bool:
    """One is dated more than a day before publication (an earlier attack) and the other is not, or both
    are dated and their days lie more than a day apart."""
    da, db = days_before(a.time, published), days_before(b.time, published)
    if da is not None and db is not None:
        return abs(da - db) > NEWS_DAYS
    return earlier_than_news(a.time, published) != earlier_than_news(b.time, published)


def absorb_totals(events: list[EventMention]) -> list[EventMention]:
    """A stated total that equals the per-region counts adds no event of its own."""
    inter = [e for e in events if e.type == "interception"]
    with_region = [e for e in inter if _admin1s(e)]
    total = sum(e.count.value for e in with_region if e.count is not None and isinstance(e.count.value, int))
    out = []
    for e in events:
        if (
            e.type == "interception"
            and e.count is not None
            and e not in with_region
            and _breakdown_follows(e, with_region)
        ):
            continue  # a total and its regions right after it, beside another tally told later
        if e.type == "interception" and e.count is None and with_region and e not in with_region:
            # a headline without a figure ("збили всі дрони") told again with its regions below
            for x in with_region:
                if x.launched is None and e.launched is not None:
                    x.launched = e.launched
            continue
        if e.type == "interception" and e.count is not None and with_region and e not in with_region:
            if e.count.value == total or e.count.value in [x.count.value for x in with_region if x.count]:
                for x in with_region:
                    if x.launched is None and e.launched is not None:
                        x.launched = e.launched
                continue
        if e.type == "interception" and len(_admin1s(e)) > 1 and e.count is not None:
            singles = [
                x for x in with_region if len(_admin1s(x)) == 1 and _admin1s(x) <= _admin1s(e) and x.count
            ]
            if singles and sum(x.count.value for x in singles) == e.count.value:
                continue
        out.append(e)
    return out


def _breakdown_follows(total: EventMention, regional: list[EventMention]) -> bool:
    """The regional counts told next to ``total`` (the first few after it, or before it) add up to it."""
    at = min(total.spans)[0] if total.spans else 0
    if not isinstance(total.count.value, int):
        return False
    after = sorted((x for x in regional if x.spans and min(x.spans)[0] > at), key=lambda x: min(x.spans))
    before = sorted((x for x in regional if x.spans and min(x.spans)[0] < at), key=lambda x: -min(x.spans)[0])
    for run in (after, before):
        acc = 0
        for k, x in enumerate(run):
            if x.count is None or not isinstance(x.count.value, int):
                break
            acc += x.count.value
            if acc == total.count.value and k >= 1:
                return True
            if acc > total.count.value:
                break
    return False


def days_before(t: TimeExpr | None, published: datetime | None) -> int | None:
    """How many days before publication the time's (first) day lies; None: no day or no publication."""
    if t is None or not t.start or published is None:
        return None
    try:
        d = date.fromisoformat(t.start[:10])
    except ValueError:
        return None
    return (published.date() - d).days


def is_stale(e: EventMention, published: datetime) -> bool:
    """Anniversaries and retrospectives: an event dated more than 60 days before publication."""
    return (days_before(e.time, published) or 0) > 60


NEWS_DAYS = 1  # a report's news is of its publication day or the day before; a day further back is earlier


def earlier_than_news(t: TimeExpr | None, published: datetime | None) -> bool:
    """The time names a day more than ``NEWS_DAYS`` before publication: an earlier event's, not the news'."""
    return (days_before(t, published) or 0) > NEWS_DAYS


def drop_recalled(events: list[EventMention], published: datetime | None) -> list[EventMention]:
    """An attack dated more than a day before publication, on a place the report's news (an event of
    publication's day, the day before, or undated) told before it is at, is the earlier attack the report
    recalls («Энгельс вновь атакован … В ночь на 8 января Энгельс подвергся атаке», «Напомним, 8 января
    …»): history, as a year long past is, not an event of the report. One that names no place is the
    news' place's (which ``merge_events`` used to fold it into); one at another place stays an event."""
    news = [e for e in events if not earlier_than_news(e.time, published) and e.spans]
    return [
        e
        for e in events
        if not (
            earlier_than_news(e.time, published)
            and e.spans
            and _at_news_place(e, [n for n in news if min(n.spans) < min(e.spans)])
        )
    ]


def _at_news_place(e: EventMention, news: list[EventMention]) -> bool:
    """``e`` may be at the place of the news told before it: a settlement of the news, or, where either
    names none, a region of the news' (or no place at all, as ``merge_events`` reads a place told once).
    A settlement the news names none of is another place, in the news' region or not («в Коренево
    Курской области … 3 сентября … в Судже»)."""
    towns = set().union(set(), *(_settlements(n) for n in news))
    if towns and _settlements(e):
        return bool(towns & _settlements(e))
    return any(_same_place(n, e) for n in news)


def _same_place(a: EventMention, b: EventMention) -> bool:
    """The two may be at one place: they share a settlement or a region, or one of them names none (as
    ``merge_events`` reads a place told once)."""
    a1, b1, a2, b2 = _admin1s(a), _admin1s(b), _settlements(a), _settlements(b)
    return not (a1 or a2) or not (b1 or b2) or bool(a1 & b1) or bool(a2 & b2)
