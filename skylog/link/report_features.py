"""Features of a batch of mentions, read with their reports: dateline, shared clock window, tallies.

A mention alone often lacks what its report says around it: the wire dateline
("BELGOROD, August 18. /TASS/") dates it, a stated MoD window its dated siblings
share places it, and the report as a whole decides whether it is a national or
several-region tally (whose mentions join only tallies) or one place's report.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from skylog.extract.common.anchor import STATEMENT_DAY, opens_on_recall
from skylog.extract.common.dayparts import night_after_day
from skylog.extract.common.timex import dateline
from skylog.geo.sides import HELD_BY
from skylog.link.bodies import every_pack_text
from skylog.link.dayparts import narrow
from skylog.link.features import (
    DEFENCE_TYPES,
    Features,
    MentionRecord,
    PlaceFeatures,
    Window,
    is_locator,
    place_features,
    sentence_around,
    time_hints,
    time_window,
)
from skylog.link.frame import ReportGeo, has_unresolved, read_report, resolve_from
from skylog.link.locators import attacker_countries
from skylog.link.series import series_day
from skylog.link.speakers import drop_speakers
from skylog.link.state_attack import mark as mark_state_attacks
from skylog.link.state_attack import struck_country
from skylog.link.text import TextEncoder, name_keys
from skylog.link.text_cues import failed_interception, national_lead, tally_side, type_cues


def build_features(encoder: TextEncoder, records: list[MentionRecord]) -> list[Features]:
    """Features of every record, each read in the context of its report."""
    texts = [r.evidence_text() or (r.title or "") for r in records]
    vecs = encoder.vectors(texts)
    mhs = encoder.minhashes([r.copy_text() for r in records])
    datelines: dict[str, Any] = {}
    out = [_one(r, v, mh, t, datelines) for r, v, mh, t in zip(records, vecs, mhs, texts, strict=True)]
    names_by_report(out)
    reports = _by_report(out)  # grouped once: the readings below go report by report
    drop_speakers(reports)  # who speaks and who strikes recur in every report: no tie
    place_by_report(reports)
    geos: dict[str, ReportGeo] = {}
    resolve_by_report(out, geos)
    mark_tallies(reports)
    frame_unplaced(out, geos)
    mark_overviews(reports)
    mark_recalls(reports)
    mark_state_attacks(out)
    return out


def _one(r: MentionRecord, vector: Any, minhash: Any, text: str, datelines: dict[str, Any]) -> Features:
    bridge, downing_only = type_cues(text)
    ev_time = r.event.get("time") or {}
    said = _statement_day(r)
    if said is not None:  # only a statement's day: placed as a report published that day, no day of its own
        window, hint_text = time_window({"time": None}, said, r.source_kind), None
    else:
        window = time_window(r.event, r.published_at, r.source_kind)
        hint_text = ev_time.get("text")
    if said is None and (window is None or not window.precise):
        window, hint_text = _dated_by_dateline(r, window, hint_text, datelines)
    places = r.event.get("places") or []
    pf = place_features(places, r.report_text, attacker_countries(r.event, r.report_text))
    hints = time_hints(hint_text)
    if window is None and hints.monthday is None:
        hints = replace(hints, monthday=_sentence_monthday(r) or _lead_monthday(r))
    if window is not None and window.precise and window.precision == "day" and hints.night:
        window = replace(window, night=True)
    day = _text_day(window, ev_time)
    night_after = night_after_day(ev_time.get("text"))  # "Friday night": its evening and the night after
    window = narrow(window, day, ev_time.get("part"), night_after)  # the hours of the part it names
    locator_only = (
        bool(places)
        and not pf.known
        and any(isinstance(p, dict) and is_locator(r.report_text, p.get("span")) for p in places)
    )
    return Features(
        rec=r,
        type=str(r.event.get("type")),
        weapon=r.event.get("weapon"),
        window=window,
        places=pf,
        vector=vector,
        minhash=minhash,
        bridge=bridge,
        downing_only=downing_only,
        failed=failed_interception(text),
        hints=hints,
        day=day,
        locator_only=locator_only,
        names=name_keys(text),
        series=series_day(f"{r.title or ''}\n{text}"),
    )


def _statement_day(r: MentionRecord) -> datetime | None:
    """When a time that is only a statement's day (``time.basis`` "statement": "..., Israeli television
    reported on September 25"; ``extract.common.anchor.mark_statements``) was told: its publication on
    that day, else that day as a bare date. The event was on or before it, as for a report placed only
    by its publication (the same window, the same evidence asked of it); None for any other time."""
    t = r.event.get("time") or {}
    if t.get("basis") != STATEMENT_DAY or not t.get("start"):
        return None
    try:
        day = date.fromisoformat(str(t["start"])[:10])
    except ValueError:
        return None
    pub = r.published_at
    if pub is not None and pub.date() <= day:
        return pub
    return datetime(day.year, day.month, day.day, tzinfo=pub.tzinfo if pub is not None else UTC)


def _sentence_monthday(r: MentionRecord) -> tuple[int, int] | None:
    """The day of the month the sentence holding its time expression names («Ночью 28 ноября была
    зафиксирована атака», where the expression read is «Ночью»): a text with no date to place it by
    still names its day (``relations.same_monthday`` weighs it)."""
    span = (r.event.get("time") or {}).get("span")
    if not r.report_text or not isinstance(span, list | tuple) or len(span) != 2:
        return None
    try:
        return time_hints(sentence_around(r.report_text, int(span[0]), int(span[1]))).monthday
    except (TypeError, ValueError):
        return None


def _lead_monthday(r: MentionRecord) -> tuple[int, int] | None:
    """The one day of the month a page's title and first sentence name («Число погибших в Краматорске в
    результате удара вечером 27 июня возросло до 8», its event's time read as «Во вторник»): where
    neither its time expression nor that one's sentence names a day, the lead says which day the page
    is about; a title and a first sentence naming different days, or a lead opening on a recall ("As
    reported, on 3 May ..."), name none."""
    text = r.report_text or ""
    first = sentence_around(text, 0, 0) if text else ""
    if opens_on_recall(first):
        return None
    days = {time_hints(part).monthday for part in (r.title, first) if part} - {None}
    return days.pop() if len(days) == 1 else None


LEAD_CHARS = 600  # a report's lead: what it is about (where its first sentences say it happened)


def names_by_report(feats: list[Features]) -> None:
    """A mention's names are its sentences' and its report's lead's: a report names the spot in its
    opening ("a missile hit near Ben Gurion airport") and tells the rest in sentences that do not."""
    lead: dict[str, frozenset[str]] = {}
    for f in feats:
        rid = f.rec.report_id
        if rid not in lead:
            lead[rid] = name_keys((f.rec.report_text or "")[:LEAD_CHARS])
        f.names = f.names | lead[rid]


def _dated_by_dateline(
    r: MentionRecord, window: Window | None, hint_text: str | None, datelines: dict[str, Any]
) -> tuple[Window | None, str | None]:
    """No time of its own: the report's dateline places it ("BELGOROD, August 18. /TASS/")."""
    if r.report_id not in datelines:
        datelines[r.report_id] = dateline(r.report_text or "", r.published_at)
    dl = datelines[r.report_id]
    if dl is None:
        return window, hint_text
    hint_text = hint_text or dl.text
    if dl.start:
        dl_ev = {"time": {"start": dl.start, "end": dl.end, "precision": "day", "origin": "dateline"}}
        window = time_window(dl_ev, r.published_at, r.source_kind)
    return window, hint_text


def _text_day(window: Window | None, ev_time: dict[str, Any]) -> date | None:
    """The local date the mention's own text gives the event (day or hour precision), if any."""
    if window is None or not window.precise or window.precision not in ("day", "hour"):
        return None
    start = ev_time.get("start") if window.origin == "text" else None
    try:
        return date.fromisoformat(str(start)[:10]) if start else None
    except ValueError:
        return None


def _by_report(feats: list[Features]) -> list[list[Features]]:
    by_report: dict[str, list[Features]] = {}
    for f in feats:
        by_report.setdefault(f.rec.report_id, []).append(f)
    return list(by_report.values())


def place_by_report(reports: list[list[Features]]) -> None:
    """A mention with no time of its own takes its report's: the window its dated siblings agree on."""
    for fs in reports:
        dated = [f.window for f in fs if f.window is not None and f.window.precise]
        if not dated or len(dated) == len(fs):
            continue
        # only a stated clock window the report's dated mentions share (an MoD tally's "12:00-20:00")
        if not all(w.explicit for w in dated) or len({(w.start, w.end) for w in dated}) != 1:
            continue
        for f in fs:
            if f.window is None or not f.window.precise:
                w = dated[0]
                f.window = Window(
                    w.start, w.end, True, w.precision, explicit=True, origin="report", stated=w.stated
                )


def _report_geo(f: Features, geos: dict[str, ReportGeo]) -> ReportGeo:
    rid = f.rec.report_id
    if rid not in geos:
        geos[rid] = read_report(f.rec.report_text or "", f.rec.title)
    return geos[rid]


def resolve_by_report(feats: list[Features], geos: dict[str, ReportGeo]) -> None:
    """A place extraction left unresolved is read as its whole report resolves it at that span."""
    for f in feats:
        places = f.rec.event.get("places") or []
        if f.rec.report_text and has_unresolved(places):
            attackers = attacker_countries(f.rec.event, f.rec.report_text)
            f.places = resolve_from(places, _report_geo(f, geos), f.rec.report_text, attackers)


def frame_unplaced(feats: list[Features], geos: dict[str, ReportGeo]) -> None:
    """A local mention naming no known place takes its report's frame (``link.frame``): the one
    region (else country) all the report's places lie in, as a coarse place marked ``framed``.
    Tally parts (country-wide by nature) and mentions whose places only locate another are left.
    A mention whose only place was its attacking state, in a report whose lead names that state
    striking one country as a whole ("Iran launched 180 missiles at Israel"), takes that country
    (``state_attack.struck_country``), not a frame: a dateline of the attacker's capital
    ("TEHRAN, 2 October") is where the report was filed, never where the missiles fell."""
    for f in feats:
        if f.tally or f.locator_only or f.places.known or not f.rec.report_text:
            continue
        struck = struck_country(f)
        if struck is not None:
            f.places = PlaceFeatures(countries=frozenset({struck}))
            f.framed = f"its report's lead names {struck} struck by the state it names"
            continue
        geo = _report_geo(f, geos)
        if geo.frame is not None:
            f.places = geo.frame
            f.framed = geo.why
            f.frame_town = geo.town


def mark_tallies(reports: list[list[Features]]) -> None:
    """A tally report (a national command's count, country-wide, or over three or more regions)
    tells of the tally. When it opens as one, every mention is a part of the tally (a town's
    strike it also tells of is *related*); otherwise its air-defence mentions and those naming
    no settlement are parts, and a strike on a named town stays a local mention. Either way a
    strike with its own settlement or district and its own outcome (``_local_event``) beside the
    tally's own parts is a local mention."""
    for fs in reports:
        regions = set().union(*(f.places.admin1 for f in fs))
        text = fs[0].rec.report_text or fs[0].rec.text or ""
        # a national voice in the lead, or anywhere over no single region (one region's report
        # quoting the national count later on is local); a lead that names the whole country as
        # the target but gives no count is a local report framed nationally ("Russia again
        # attacked Ukraine; in Dnipro a missile hit a high-rise")
        lead = national_lead(text) and _lead_counts(text)
        if (
            not lead
            and len(regions) == 1
            and not any(f.type in DEFENCE_TYPES or not f.places.towns for f in fs)
        ):
            continue  # strikes on named towns of one region, told as such: a local report, whoever speaks
        side = tally_side(text)
        named = set().union(*(f.places.countries for f in fs))
        if side is not None and named and not named & TALLY_SIDES:
            side = None  # an air force of a third country ("the Israeli Air Force"): no UA or RU tally
        # the whole country's air defence is a tally when a national command speaks (the Air Force,
        # the MoD); with no such voice, a country-wide account is one attack on the country, told
        # with its local impacts (Iran's barrage at Israel and its hits at Nevatim and Tel Aviv)
        national = (
            lead
            or _many_regions(regions, side)
            or (side is not None and any(f.places.tally and f.type in DEFENCE_TYPES for f in fs))
        )
        if side is not None:
            # for a side's own tally, the other country's regions are launch sites, not places hit
            regions = {
                a for a in regions if not a[:3].isupper() or a[:2] == side or a in HELD_BY.get(side, ())
            }
            # a national voice over no region, or a count over two regions that is all air defence
            national = (
                national or not regions or (len(regions) == 2 and all(f.type in DEFENCE_TYPES for f in fs))
            )
        if not national:
            continue
        side = side or _majority_country(fs, regions)
        for f in fs:
            f.tally = lead or len(f.places.admin1) >= 3 or f.type in DEFENCE_TYPES or not f.places.towns
            f.side = side
        # a local event beside the tally's own parts is no part of it (one mention alone is the tally)
        local = [f for f in fs if f.tally and _local_event(f)]
        if local and any(f.tally and all(f is not g for g in local) for f in fs):
            for f in local:
                f.tally = False


def _local_event(f: Features) -> bool:
    """A local event told inside a tally report: a strike with its own settlement or district in one
    region and its own outcome (damage, casualties, a named target), as a region's head tells it
    beside the night's count ("drones attacked Izmail Raion; an elevator was damaged"). The tally
    rule holds for the tally's own parts (region-level counts, air defence), not for it. Debris that
    fell on a named town and did harm there (damage, casualties: "debris fell on a terminal in
    Novorossiysk ... three people injured") is such an event too; an interception never is."""
    p = f.places
    if f.type == "interception" or len(p.admin1) != 1 or not (p.towns or p.admin2):
        return False
    e = f.rec.event
    outcome = (
        ("damage", "killed", "injured")
        if f.type in DEFENCE_TYPES
        else ("damage", "killed", "injured", "target")
    )
    return any(e.get(k) for k in outcome)


def _many_regions(regions: set[str], side: str | None) -> bool:
    """Three or more regions: a count over a country. With no national command behind it (``side``),
    they must lie in one country (a town hit in each of two countries is no one country's tally), the
    ground of the war whose commands count (``TALLY_SIDES``: a night's count over Bryansk, Kursk and
    Crimea) taken as one."""
    if side is not None:
        return len(regions) >= 3
    ground = Counter("war" if a[:2] in TALLY_SIDES else a.split("-")[0] for a in regions)
    return any(n >= 3 for n in ground.values())


_LEAD_END = re.compile(r"[.!?](?:\s|$)")
# a figure before a weapon word: the packs' COUNTED_WEAPON stems ([patterns.link])
_COUNT = re.compile(
    r"\b\d+(?:-\w+)?\s+(?:[\w-]+\s+){0,3}?(?:" + every_pack_text("COUNTED_WEAPON") + ")", re.I
)


def _lead_counts(text: str, head: int = 320) -> bool:
    """Does the report's first sentence give a number of weapons ("with 86 drones", "20 of 24 UAVs")?
    A tally opens with its count; a local report framed nationally ("Russia again attacked Ukraine;
    in Dnipro a missile hit a high-rise") does not."""
    t = text[:head]
    end = _LEAD_END.search(t)
    return bool(_COUNT.search(t[: end.end()] if end else t))


TALLY_SIDES = frozenset({"UA", "RU"})  # whose national commands' tallies ``tally_side`` reads


def _majority_country(fs: list[Features], regions: set[str]) -> str | None:
    """The country most of a tally's places lie in (whose tally it is when no voice says)."""
    cc = Counter(c for f in fs for c in f.places.countries)
    cc.update(a.split("-")[0] for a in regions if re.fullmatch(r"[A-Z]{2}-\w+", a))
    return sorted(cc.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if cc else None


def mark_overviews(reports: list[list[Features]]) -> None:
    """A mention placed only in a country, in a report that places its other events in regions or
    towns ("Russia attacked Ukraine overnight. In Odesa, a drone hit a warehouse"), is the report's
    account of the country-wide attack: the report is a source for its own towns' events, not for
    another town's, so the overview never joins a local incident (it is related to them)."""
    for fs in reports:
        if len(fs) < 2 or not any(not f.tally and (f.places.admin1 or f.places.spots) for f in fs):
            continue
        for f in fs:
            if not f.tally and f.places.countries and not f.places.admin1 and not f.places.spots:
                f.overview = True


def mark_recalls(reports: list[list[Features]]) -> None:
    """A mention dated by a recall sentence ("As reported earlier, on the night of September 13 ...")
    or told after its report's other dated events and dated days before them (``_told_after_older``)
    to a time none of its report's other dated mentions shares is background: the report recalls an
    earlier event it is not a source for, so the mention joins no other report's incident (a report
    is never spread over incidents whose times contradict it)."""
    for fs in reports:
        dated = [f for f in fs if f.window is not None and f.window.precise]
        if len(dated) < 2:
            continue
        for f in dated:
            if not _dated_by_recall(f.rec) and not _told_after_older(f, dated):
                continue
            others = [o for o in dated if o is not f and not _dated_by_recall(o.rec)]
            if others and all(_other_time(f, o) for o in others):
                f.recalled = True


RECALL_DAYS = 2  # a day this many days before every other day its report tells of, told after them


def _told_after_older(f: Features, dated: list[Features]) -> bool:
    """Is ``f`` told after its report's other dated events and dated days before each of them ("...
    killing 14 on Friday. On March 2, a drone hit a residential building"): a report leads with its
    own event; an older day told after it recalls an earlier event."""
    others = [o for o in dated if o is not f]
    start = _span_start(f.rec)
    if f.day is None or start is None or not others:
        return False
    for o in others:
        o_start = _span_start(o.rec)
        if o.day is None or o_start is None or o_start >= start or (o.day - f.day).days < RECALL_DAYS:
            return False
    return True


def _span_start(r: MentionRecord) -> int | None:
    span = (r.event.get("time") or {}).get("span")
    ok = isinstance(span, list | tuple) and len(span) == 2 and isinstance(span[0], int)
    return span[0] if ok else None


def _other_time(f: Features, o: Features) -> bool:
    """Do two mentions' own texts put them at different times (other dates, or windows that do not meet)?"""
    if f.day is not None and o.day is not None:
        return f.day != o.day
    return f.window is None or o.window is None or not f.window.overlaps(o.window)


def _dated_by_recall(r: MentionRecord) -> bool:
    """Does the sentence holding the mention's time expression open with a recall cue?"""
    t = r.event.get("time") or {}
    span = t.get("span")
    if not r.report_text or not isinstance(span, list | tuple) or len(span) != 2:
        return False
    try:
        sentence = sentence_around(r.report_text, int(span[0]), int(span[1]))
    except (TypeError, ValueError):
        return False
    return opens_on_recall(sentence)
