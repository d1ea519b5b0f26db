"""Whether a mention may join an incident, and with what evidence: gates first, then a score.

Evidence, not absence of conflict. Two mentions of one report never join.
Analyst overrides come first (a split pair never joins, a merged pair always
does). A tally (national or three-plus regions, see
``report_features.mark_tallies``) joins only tallies of its side: with a town's
report of the same night it is *related*, never one incident, unless both tell
only of air defence and give the same share downed ("17 of 20": the whole
count fell on that region). Types must be
compatible (``relations.type_score``). Places must not conflict: other country,
other admin1 region, other settlement (air defence aside). Time needs evidence:
a mention's window (its text, else its report's dateline or stated MoD window,
else the day before publication) must agree with every dated member of the
incident (``relations.time_relation``), and undated texts must not name another
weekday, date or clock window, nor a night's account a daytime clock window
(``relations.hint_conflict``); two texts of one date or of neighbouring dates must not name parts
of the day apart, a night and an evening, or a night said after its day and the next afternoon
(``dayparts``), nor different days of a run of attacks on a place (``series``). A follow-up that names no day (its window is the
week before publication), or a text naming only a week or month, joins only the
same spot or district. Two different spots in one region, like an unknown
place, need wording that ties them. A type pair of the table, or missiles beside drones, needs
evidence beyond it (``ceilings``: the same part of the day, a name, a copy). No window at all: only a copy of a member's
text (MinHash, the same figures) may join.

Score = 0.30 place + 0.20 type + 0.25 wording + 0.25 time.
"""

from __future__ import annotations

import re

from skylog.link.bodies import every_pack_text
from skylog.link.ceilings import ceiling
from skylog.link.dayparts import part_conflict, part_reason
from skylog.link.features import BEFORE_PUBLISHED, COARSE, DEFENCE_TYPES, Features
from skylog.link.incident import Evidence, Incident
from skylog.link.placelevel import level_place
from skylog.link.relations import (
    NO_TIME_EVIDENCE,
    hint_conflict,
    place_relation,
    same_monthday,
    same_toll,
    time_relation,
)
from skylog.link.series import series_conflict
from skylog.link.state_attack import STATE_ATTACK_PLACE, STATE_ATTACK_TYPE, same_attack
from skylog.link.text import cosine_max
from skylog.link.typepairs import table_type_score

UNPLACED_TEXT = 0.5  # wording a mention with no known place needs to link
COUNTRY_TEXT = 0.25  # wording a mention placed only in a country needs to join one town's incident
FRAME_PLACE = 0.45  # a region only a report's frame gives (``link.frame``): below a region the mention names
FRAME_TOWN = 0.6  # the one town a report names is the other's town: as good as "region of the other's place"
NAME_TEXT = 0.5  # a particular name both give (an airport, a quarter): wording that ties them
FOLLOW_UP_PLACE = 0.85  # a follow-up bounded only by publication joins the same spot or district only
_WEEK_WIDE = (BEFORE_PUBLISHED, COARSE)  # time origins that bound an event only to a week or so
TALLY_AND_LOCAL = "a region-wide tally and a local report (related, not one incident)"

Verdict = tuple[Evidence | None, str]


def assess(
    f: Features,
    inc: Incident,
    *,
    copy: bool,
    cannot: dict[str, set[str]],
    must: dict[str, set[str]],
) -> Verdict:
    """The evidence for ``f`` joining ``inc``, or (None, why not); ``copy``: its report copies a member's."""
    decided = _override(f, inc, cannot, must)
    if decided is not None:
        return decided
    joint = same_attack(f, inc)  # one state's attack on a country: read once, asked by three gates
    ts, type_why = _type_gate(f, inc, joint)
    if ts is None:
        return None, type_why
    ps, place_why = _place_gate(f, inc, joint)
    if ps is None:
        return None, place_why
    for m in inc.members[:64]:
        why = hint_conflict(f, m) or part_conflict(f, m) or series_conflict(f, m) or ""
        if why:
            return None, why
    tm, time_why = _time_gate(f, inc, copy, ps)
    if tm is None:
        return None, time_why
    if ps < FOLLOW_UP_PLACE and _by_publication_only(f, inc):
        return None, "a follow-up dated only by its publication, or a week or month, needs the same place"
    text, named = _wording(f, inc)
    why = _wording_gate(f, inc, ps, text, copy, joint)
    why = why or ceiling(f, inc, type_why=type_why, named=bool(named), copy=copy)
    if why:
        return None, why
    score = 0.30 * ps + 0.20 * ts + 0.25 * text + 0.25 * tm
    reasons = [f"time: {time_why}", f"place: {place_why}"]
    reasons.extend(r for r in [part_reason(f, inc)] if r)
    reasons.extend(_name_reasons(named))
    if ts < 1.0:
        reasons.append(f"types {f.type} / {'+'.join(sorted(inc.types))} (compatibility {ts:.2f})")
    reasons.extend(r for r in [type_why] if r)
    if inc.tally is not None and f.tally != inc.tally:
        reasons.append(
            "a tally and one region's report giving the same share downed (the whole count fell there)"
        )
    if f.rec.report_id in inc.reports:
        reasons.append("its report's other mention tells of the same place: one event told twice")
    if copy:
        reasons.append("a copy or rewrite of a member's text (one source)")
        score = max(score, 0.9)
    if f.window is not None and f.window.origin in ("dateline", "report", "published"):
        reasons.append(f"placed in time by its report's {f.window.origin}")
    reasons.extend(_anchor_reasons(f))
    return Evidence(score, time_why, place_why, text, reasons, parts=(ps, tm), named=len(named)), ""


def _wording(f: Features, inc: Incident) -> tuple[float, list[str]]:
    """How alike the wording is (cosine of the wording vectors), raised to ``NAME_TEXT`` by a
    particular name both give (``shared_names``), with those names."""
    text = cosine_max(f.vector, inc.vectors) if inc.vectors is not None else 0.0
    named = sorted(shared_names(f, inc))
    return (max(text, NAME_TEXT) if named else text), named


def _name_reasons(named: list[str]) -> list[str]:
    return [f"both name {', '.join(named)} (a name no gazetteer place carries)"] if named else []


def shared_names(f: Features, inc: Incident) -> frozenset[str]:
    """The particular names (``text.name_keys``: no gazetteer place, month or common word) ``f``'s
    sentences and a member's both give: an airport, a quarter, a facility the gazetteer cannot place.
    Wording rarely meets across languages; «Бен-Гурион» and "Ben Gurion" do. Tallies are left out:
    the names they share are the commands and officials that count every night."""
    if not f.names or f.tally or inc.tally:
        return frozenset()  # a tally's names are its commands and officials, not a spot
    out: frozenset[str] = frozenset()
    for m in inc.members[:64]:
        if m.rec.report_id != f.rec.report_id:
            out |= f.names & m.names
    return out


def names_tell(f: Features, best: Incident, other: Incident) -> bool:
    """Do the particular names tell two rival incidents apart: ``f`` shares with ``best`` every name it
    shares with ``other`` and more (the follow-up naming the hypermarket «Епіцентр» and the governor,
    where one strike's reports name both and the other's only the governor)?"""
    mine = shared_names(f, best)
    return bool(mine) and shared_names(f, other) < mine


def members_conflict(f: Features, alone: Incident) -> str:
    """Why ``f`` could not share an incident with the single member of ``alone`` (types, places,
    text hints, time), or ""; wording is left out: two members need not read alike."""
    joint = same_attack(f, alone)
    ts, why = _type_gate(f, alone, joint)
    if ts is None:
        return why
    ps, why = _place_gate(f, alone, joint)
    if ps is None:
        return why
    for m in alone.members:
        why = hint_conflict(f, m) or part_conflict(f, m) or series_conflict(f, m) or ""
        if why:
            return why
    tm, time_why = _time_gate(f, alone, False, ps)
    return time_why if tm is None else ""


def _override(
    f: Features, inc: Incident, cannot: dict[str, set[str]], must: dict[str, set[str]]
) -> Verdict | None:
    """Same report, or an analyst's split or merge: decided before any evidence is weighed."""
    rid = f.rec.report_id
    if rid in inc.reports and not retells(f, inc):
        return None, "same report"
    banned = cannot.get(rid)
    if banned and banned & inc.reports:
        return None, "an analyst split these reports apart"
    forced = must.get(rid)
    if forced and forced & inc.reports:
        return Evidence(1.0, "analyst", "analyst", None, ["an analyst merged these reports"], "analyst"), ""
    if f.recalled or (inc.members and inc.members[0].recalled):
        return None, "an earlier event a report recalls as background (it is not a source for it)"
    return None


def retells(f: Features, inc: Incident) -> bool:
    """Does ``f`` tell again the event another mention of its report in ``inc`` tells? Extraction may
    cut one account in two ("rockets and shells hit Dnipro and Odesa ... in Dnipro a rocket hit a
    high-rise"): the same report, the places of one within the other's (a settlement or facility
    named), not dated by its text to different days, neither a tally nor recalled; or both at the same stated clock time ("at 9:22 a missile
    was intercepted ... at 9:22 it hit"), their places not in conflict (``same_moment``). The gates
    still judge it against the whole incident."""
    if f.tally or f.recalled:
        return False
    for m in inc.members[:64]:
        if m.rec.report_id != f.rec.report_id or m.tally or m.recalled:
            continue
        if same_moment(f, m):
            return True
        if (
            f.places.spots
            and m.places.spots
            and (f.places.spots <= m.places.spots or m.places.spots <= f.places.spots)
            and not _days_told_apart(f, m)
        ):
            return True
    return False


def _days_told_apart(f: Features, m: Features) -> bool:
    """Does a report date two of its mentions to different days ("on November 17 ... at 00:10 on
    November 18 a new attack"): two events, not one told twice, unless their parts of the day are
    neighbours across midnight (an evening and the night after it, one attack told both ways)."""
    if f.day is None or m.day is None or f.day == m.day:
        return False
    qf = f.window.quarters if f.window is not None else ()
    qm = m.window.quarters if m.window is not None else ()
    return not (qf and qm and min(abs(x - y) for x in qf for y in qm) < 2)


def same_moment(f: Features, m: Features) -> bool:
    """Do two mentions give the very same clock time (not a stated window: an MoD post's regions share
    one), in places that do not conflict? Two events of one report seldom fall on one minute."""
    a, b = f.window, m.window
    if a is None or b is None or a.precision != "hour" or b.precision != "hour" or a.explicit or b.explicit:
        return False
    if a.stated is None or a.stated != b.stated or a.origin != "text" or b.origin != "text":
        return False
    return place_relation(f.places, m.places)[0] is not None


def _type_gate(f: Features, inc: Incident, joint: bool) -> tuple[float | None, str]:
    """Tallies join tallies of their side (typed by what each outlet stresses); others by type;
    a strike and an interception of one state's attack on a country are compatible."""
    if joint:
        return (1.0 if f.type in inc.types else STATE_ATTACK_TYPE), ""
    if inc.tally is not None and (f.tally or f.places.known) and f.tally != inc.tally:
        if _same_share(f, inc):
            return 0.9, ""  # a national count that fell whole on one region: one interception
        return None, TALLY_AND_LOCAL
    if f.tally and inc.tally:
        if f.side and inc.side and f.side != inc.side:
            return None, "tallies of different sides"
        return (1.0 if f.type in inc.types else 0.8), ""
    ts, table_why = table_type_score(f, inc)
    return ts, table_why if ts is not None else "incompatible event types"


# "17 of 20", "17 з 20": the packs' SHARE_OF words between the two figures ([patterns.link])
_SHARE = re.compile(r"\b(\d+)\s+(?:" + every_pack_text("SHARE_OF") + r")\s*(\d+)\b", re.I)


def _share(f: Features) -> tuple[float, float] | None:
    """(downed, launched) its text gives ("17 of 20", "17 з 20"), when it gives both."""
    claim = f.rec.event.get("count")
    count = claim.get("value") if isinstance(claim, dict) else None
    if not isinstance(count, int | float) or isinstance(count, bool):
        return None
    claim = f.rec.event.get("launched")
    launched = claim.get("value") if isinstance(claim, dict) else None
    if isinstance(launched, int | float) and not isinstance(launched, bool):
        return float(count), float(launched)
    for m in _SHARE.finditer(f.rec.evidence_text()):
        if float(m.group(1)) == float(count):
            return float(count), float(m.group(2))
    return None


def _same_share(f: Features, inc: Incident) -> bool:
    """An air-defence tally and one region's air-defence report giving the same share downed
    ("17 of 20"): the whole count fell on that region, so they tell of one interception."""
    if f.type not in DEFENCE_TYPES or not all(t in DEFENCE_TYPES for t in inc.types):
        return False
    mine = _share(f)
    return mine is not None and any(_share(m) == mine for m in inc.members[:64])


def _place_gate(f: Features, inc: Incident, joint: bool) -> tuple[float | None, str]:
    if joint:
        ps, why = place_relation(f.places, inc.places)
        if ps is None or ps < STATE_ATTACK_PLACE:
            return STATE_ATTACK_PLACE, "one state's attack on the whole country (places in it)"
        return ps, why
    if f.tally and inc.tally:
        return 0.6, f"one night's tally ({f.side or inc.side or 'side unknown'})"
    defence = f.type in DEFENCE_TYPES and all(t in DEFENCE_TYPES for t in inc.types)
    ps, why = place_relation(f.places, inc.places, defence)
    if ps is not None and (f.framed or (inc.places.known and not inc.named_places)):
        return _framed(f, inc, ps, why)
    if ps is not None and ps < 0.6 and defence and f.places.admin1 & inc.places.admin1:
        return 0.6, "one region's air defence the same night (different spots named)"
    return level_place(f, inc, ps, why)


def _framed(f: Features, inc: Incident, ps: float, why: str) -> tuple[float | None, str]:
    """A place that is only a report's frame is coarse evidence: one region in common scores below a
    region the mention names, one country no more than an unknown place (the wording must carry it).
    Nor may it tie an undated report to an event another text dates after the day it was published."""
    framed = [f] if f.framed else [m for m in inc.members[:64] if m.framed]
    others = inc.members[:64] if f.framed else [f]
    if any(_published_before(u, others) for u in framed):
        return None, "a report's frame, and an undated report published before the day the event is dated"
    region = bool(f.places.admin1 & inc.places.admin1)
    whose = f.framed or next((m.framed for m in framed if m.framed), None) or "its report's frame"
    if ps <= 0.3:
        return ps, why
    if region and _same_frame_town(f, inc):
        return FRAME_TOWN, f"the one town its report names, by its report's frame ({whose})"
    return (FRAME_PLACE if region else 0.3), f"{why}, by its report's frame ({whose})"


def _same_frame_town(f: Features, inc: Incident) -> bool:
    """Is the one town a framed report names the town the other side names (or frames)?"""
    if f.framed:
        return bool(f.frame_town and f.frame_town & (inc.places.towns | _frame_towns(inc)))
    return bool(f.places.towns & _frame_towns(inc))


def _frame_towns(inc: Incident) -> frozenset[str]:
    return frozenset().union(*(m.frame_town for m in inc.members[:64] if m.framed))


def _published_before(undated: Features, dated: list[Features]) -> bool:
    """Was ``undated`` (no time in its text) published on a day before one the others' texts date it to?"""
    pub = undated.rec.published_at
    if pub is None or undated.window is None or undated.window.precise:
        return False
    return any(d.day is not None and d.day > pub.date() for d in dated)


def _time_gate(f: Features, inc: Incident, copy: bool, ps: float) -> tuple[float | None, str]:
    if f.window is None or not inc.windows:
        if copy:
            return 0.6, "no date, but a copy of a member's text"
        why = same_monthday(f, inc, ps) or same_toll(f, inc)
        return (0.6, why) if why else (None, NO_TIME_EVIDENCE)
    return time_relation(f, inc)


def _anchor_reasons(f: Features) -> list[str]:
    """What a follow-up's time rests on (``extract.common.anchor``), shown with the link."""
    t = f.rec.event.get("time") or {}
    if t.get("basis") == "reference":
        return [f"dated by its report's reference to the attack ({t.get('text')!r})"]
    if t.get("basis") == "on_or_before_published":
        return ["a follow-up naming no day: on or before its publication"]
    if t.get("basis") == "statement":  # ``extract.common.anchor.mark_statements``
        return [f"dated only by a statement's day ({t.get('text')!r}): on or before it"]
    if t.get("basis") == "clock_anchored":  # ``extract.common.clocks``
        return [f"its clock ({t.get('text')!r}) placed on its report's day"]
    return []


def _by_publication_only(f: Features, inc: Incident) -> bool:
    """Does the time relation rest on a span a week or so wide: a follow-up bounded only by its
    publication, or a text that names only the week or month ("earlier this week")?"""
    if f.window is not None and f.window.origin in _WEEK_WIDE:
        return True
    return not inc.precise_windows and any(w.origin in _WEEK_WIDE for w in inc.windows)


def _wording_gate(f: Features, inc: Incident, ps: float, text: float, copy: bool, joint: bool) -> str:
    """Weak place evidence must be carried by the wording (or the text is a copy)."""
    if copy:
        return ""
    if ps <= 0.3 and text < UNPLACED_TEXT:
        return "nothing but the time in common"
    if ps < FRAME_PLACE and text < UNPLACED_TEXT:  # two different spots named in one region
        return "different spots in one region, and wording that does not tie them"
    country_only = not f.tally and not f.places.admin1 and not f.places.spots and not joint
    if country_only and inc.places.specific and text < COUNTRY_TEXT:
        return "only the country in common, and little wording"
    if _overview_and_local(f, inc):
        return "a report's country-wide account and another report's local event (related, not one incident)"
    return ""


def _overview_and_local(f: Features, inc: Incident) -> bool:
    """A report's country-wide account (``Features.overview``) beside a town's or region's event of
    another report; one barrage on a whole country (``link.state_attack``) is one incident."""
    if f.state_attack is not None:
        return False
    if f.overview:
        return bool(inc.places.admin1 or inc.places.spots)
    if f.tally or not (f.places.admin1 or f.places.spots) or not inc.members or not inc.members[0].overview:
        return False  # (the first member is read first: most incidents start with no overview)
    return all(m.overview and m.state_attack is None for m in inc.members[:64])
