"""Incremental, deterministic linking of event mentions into incidents.

How a mention finds its incident
--------------------------------
1. **Features, read with the report** (``report_features``): its time window
   (its text, else its report's dateline or stated MoD window, else the day
   before publication), places, wording vector, MinHash of the report text,
   and whether it is part of a national or several-region tally.
2. **Blocking** (``index``): only incidents under the mention's (day, region)
   keys, plus those holding a copy of its report's text, are compared.
3. **Gates, then a score** (``gates``, ``relations``): evidence, not absence
   of conflict: a tally never joins a town's report (they are *related*),
   types must be compatible, places must not conflict, times must agree with
   every dated member, undated texts must not name another weekday, date or
   clock window. Score = 0.30 place + 0.20 type + 0.25 wording + 0.25 time; the
   best incident at or above ``threshold`` wins, otherwise a new incident
   starts. When another incident, a different event by its place or time,
   fits as well in place and time, the evidence cannot tell which: it starts
   a new one (``_rival``).
4. **Merges.** A mention matching two incidents with ``merge_threshold``
   merges them only when every member of one passes the gates against the
   other (logged); the survivor is the older incident, so ids stay stable.
   Every membership keeps its :class:`Evidence` (score, time and place
   relation, wording, reasons).
5. **After the batch** (``consolidate``): two incidents whose every member pair passes the gates and
   whose texts date two reports to one time and place merge (complete link, not a bridge).

Incident ids are ``inc-`` + a hash of the mention that created the incident, so they do not
change when later evidence joins or when an older incident absorbs a newer one.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

from skylog.link.consolidate import AMBIGUOUS, also_reached, consolidate, started_later, timed_by
from skylog.link.consolidate import alone as _alone
from skylog.link.consolidate import ambiguous as _ambiguous
from skylog.link.consolidate import conflict as _conflict
from skylog.link.dayparts import part_tells, rank_by_part
from skylog.link.features import Features, MentionRecord
from skylog.link.gates import TALLY_AND_LOCAL, Verdict, assess, names_tell
from skylog.link.incident import Evidence, Incident, LogEntry, incident_id_for
from skylog.link.index import BlockIndex
from skylog.link.pair_facts import (
    MAX_COMPARED_MEMBERS,
    apart_by,
    copies,
    dated_between,
    describe_window,
    told_beside,
    undated,
)
from skylog.link.relations import TimeRefusal, refusal_code, time_relation, type_score
from skylog.link.report_features import build_features
from skylog.link.text import TextEncoder

__all__ = ["Evidence", "Incident", "Linker", "LogEntry", "incident_id_for"]

RIVAL_WORDING = 0.2  # wording closer to one incident by less than this does not tell two rivals apart
Scored = tuple[float, int, Incident, Evidence]  # (score, -order, incident, evidence) of a candidate


def _pair(a: str, b: str) -> tuple[str, str]:
    """An unordered pair of incident ids, in one canonical order."""
    return (a, b) if a <= b else (b, a)


class Linker:
    """Links mentions into incidents one at a time; state carries across batches.

    ``link(records)`` is deterministic for a given sequence of batches: each
    batch is processed in (published_at, report id, mention id) order.
    ``retire(before)`` drops incidents whose time window ended before
    ``before`` from the working set and hands them back, which bounds memory
    on archives of millions of mentions (late reports about them start new
    incidents; the store-backed linker reloads what it needs).

    Analyst overrides are report pairs: ``cannot`` (split apart: never in one
    incident) and ``must`` (merged: a mention of one joins the incident of the
    other, whatever the gates say). They outlive incidents, so a
    report re-extracted or re-linked lands where the analyst put it.
    """

    def __init__(
        self,
        threshold: float = 0.55,
        merge_threshold: float = 0.8,
        on_log: Callable[[LogEntry], None] | None = None,
    ) -> None:
        self.threshold = threshold
        self.merge_threshold = merge_threshold
        self.encoder = TextEncoder()
        self.incidents: dict[str, Incident] = {}
        self.by_mention: dict[str, str] = {}
        self.member: dict[str, Features] = {}  # a member's features by mention id (the copy check reads them)
        self.index = BlockIndex()
        self.log: list[LogEntry] = []
        self._on_log = on_log
        self._order = 0
        self.reserved: set[str] = set()  # ids in use elsewhere (stored incidents not loaded)
        self.cannot: dict[str, set[str]] = {}  # report id -> reports it may never share an incident with
        self.must: dict[str, set[str]] = {}  # report id -> reports an analyst merged it with
        self.related: dict[tuple[str, str], str] = {}  # (incident, incident) sorted -> relation
        self._batch_tallies: dict[str, list[str]] = {}  # report id -> its tally mentions linked in this batch
        self._joins = 0  # memberships made so far (to tell which incidents grew after another started)
        self._reached: dict[str, list[str]] = {}  # mention id -> other incidents it reached in this batch

    # -- overrides -------------------------------------------------------
    def forbid(self, a: str, b: str) -> None:
        """Reports ``a`` and ``b`` may never share an incident (an analyst's split)."""
        if a == b:
            return
        self.cannot.setdefault(a, set()).add(b)
        self.cannot.setdefault(b, set()).add(a)
        self.must.get(a, set()).discard(b)
        self.must.get(b, set()).discard(a)

    def require(self, a: str, b: str) -> None:
        """Reports ``a`` and ``b`` tell of one incident (an analyst's merge)."""
        if a == b:
            return
        self.must.setdefault(a, set()).add(b)
        self.must.setdefault(b, set()).add(a)
        self.cannot.get(a, set()).discard(b)
        self.cannot.get(b, set()).discard(a)

    # -- linking ---------------------------------------------------------
    def features(self, records: list[MentionRecord]) -> list[Features]:
        """Features of a batch, each mention read with its report (see ``report_features``)."""
        return build_features(self.encoder, records)

    def link(self, records: Iterable[MentionRecord]) -> list[tuple[str, str]]:
        """Link a batch; returns (mention id, incident id) in processing order."""
        recs = sorted((r for r in records if r.id not in self.by_mention), key=MentionRecord.sort_key)
        seen: set[str] = set()
        unique = []
        for r in recs:
            if r.id not in seen:
                seen.add(r.id)
                unique.append(r)
        feats = self.features(unique)
        # relative-locator-only mentions last: they belong with a sibling mention of their report
        feats.sort(key=lambda f: f.locator_only)
        self._batch_tallies = {}
        self._reached = {}
        before = set(self.incidents)
        out = []
        for f in feats:
            iid = self._link_one(f)
            if f.tally:
                self._batch_tallies.setdefault(f.rec.report_id, []).append(f.rec.id)
            out.append((f.rec.id, iid))
        self._consolidate([iid for _, iid in out if iid not in before])
        consolidate(self, {self.by_mention.get(mid, iid) for mid, iid in out})
        return [(mid, self.by_mention.get(mid, iid)) for mid, iid in out]

    def _consolidate(self, created: list[str]) -> None:
        """Merge the incidents this batch created that one processing order kept apart.

        Linking is greedy: a mention joins the best incident that exists when its turn comes.
        Reports published at the same time are taken in report-id order (in a store, a hash of
        source and text: an order with no meaning), so a vague report may start an incident before
        the one it would have joined exists. Here each member of each new incident (its starter first)
        is compared again with the incidents near it that started after it; when it scores at
        ``threshold`` against one, the two merge if the members of one pass the gates against the
        other and every pair of members agrees one to one (``_pairwise``). Only the batch's new
        incidents are checked, so the cost stays a fraction of linking (1M-mention scale run).
        """
        queue = deque(dict.fromkeys(created))
        seen_pairs: set[tuple[str, str]] = set()
        while queue:
            inc = self.incidents.get(queue.popleft())
            if inc is None:
                continue
            partner = self._merge_partner(inc, seen_pairs)
            if partner is None:
                continue
            older, newer = sorted((inc, partner), key=lambda i: i.order)
            self._merge(older, newer, None, {"reason": "consolidated after the batch"})
            queue.append(older.id)

    def _merge_partner(self, inc: Incident, seen_pairs: set[tuple[str, str]]) -> Incident | None:
        """The incident a member of ``inc`` would have joined, had it existed then: the mention that
        started it, then each other member (one that joined on another's evidence may be the one a
        later incident's time or count fits; one per report, found by its keys alone, copies being
        the starter's to find); none when another fits it as well (``_rival``)."""
        if _ambiguous(inc):
            return None
        firsts: dict[str, Features] = {}
        for m in inc.members[:MAX_COMPARED_MEMBERS]:
            firsts.setdefault(m.rec.report_id, m)
        for f in firsts.values():
            # incidents started after it, or grown since it started: at its turn it was judged against
            # the others as they stood then
            near = self._candidates(f) if f is inc.members[0] else self.index.near(f)
            later = started_later(self, inc, near)
            known = {o.id for o in later}  # by id: an Incident's dataclass equality compares every field
            later += [
                o for o in also_reached(self, inc, self._reached.get(f.rec.id, ())) if o.id not in known
            ]
            scored = self._ranked(f, later)
            for _score, _order, other, ev in scored:
                pair = _pair(inc.id, other.id)
                if pair in seen_pairs:
                    continue
                seen_pairs.add(pair)
                if self._rival(f, other, ev, scored) is not None:
                    return None
                if (
                    self._compatible(inc, other, True) or self._compatible(other, inc, True)
                ) and self._pairwise(inc, other):
                    return other
        return None

    def absorb(self, older: Incident, newer: Incident, shown: dict[str, Any]) -> None:
        """``newer`` joins ``older``: every pair of their members may be one (``consolidate``)."""
        self._merge(older, newer, None, {"reason": "every member pair may be one incident", **shown})

    def _pairwise(self, a: Incident, b: Incident) -> bool:
        """Every member of ``a`` could share an incident with every member of ``b``, one to one.

        An incident's places and times are the union of its members', so a member that names two
        towns makes both look shared; judged member by member, one town's strike never takes the
        other's through it. A pair passes when either member passes the gates against the other
        alone (an undated report may join a dated one, not the reverse). A pair that only lacks time
        evidence alone does not contradict: whether the two incidents' times agree is judged incident
        against incident (``_compatible``, a year-less "17 травня" against the members that give its
        count, say), one to one only what the members state (a type aside, ``pair_facts.told_beside``).
        """
        for m in a.members[:MAX_COMPARED_MEMBERS]:
            for n in b.members[:MAX_COMPARED_MEMBERS]:
                if _conflict(m, _alone(n)) and _conflict(n, _alone(m)):
                    if not (
                        told_beside(m, n, a)
                        or told_beside(n, m, b)
                        or dated_between(m, n, a.members + b.members)
                    ):
                        return False
        return True

    def seed(
        self,
        incident_id: str,
        records: list[MentionRecord],
        order: int | None = None,
        evidence: dict[str, dict[str, Any]] | None = None,
    ) -> Incident:
        """Restore a stored incident with its members (and their stored evidence), without re-linking them."""
        recs = sorted(records, key=MentionRecord.sort_key)
        inc = Incident(id=incident_id, order=self._next_order() if order is None else order)
        self._order = max(self._order, inc.order + 1)
        self.incidents[inc.id] = inc
        for f in self.features(recs):
            ev = (evidence or {}).get(f.rec.id)
            if ev and "tally" in ev:  # decided with its whole report when it was linked
                f.tally, f.side, f.recalled = bool(ev["tally"]), ev.get("side"), bool(ev.get("recalled"))
            self._attach(inc, f, (ev or {}).get("score") or 1.0, ev)
        return inc

    def _next_order(self) -> int:
        self._order += 1
        return self._order - 1

    def _new_id(self, f: Features) -> str:
        iid = incident_id_for(f.rec.key or f.rec.id)
        while iid in self.incidents or iid in self.reserved:  # e.g. a report re-extracted
            iid = incident_id_for(iid)
        return iid

    def _candidates(self, f: Features) -> list[Incident]:
        ids = self.index.near(f)
        # copies of its text, wherever they are indexed (checked, not just LSH-near)
        f.copies = set()
        for mid in self.index.similar_texts(f):
            inc = self.incidents.get(self.by_mention.get(mid, ""))
            if inc is None:
                continue
            ids.add(inc.id)
            m = self.member.get(mid)
            if (
                inc.id not in f.copies
                and m is not None
                and m.rec.report_id != f.rec.report_id
                and copies(m, f)
            ):
                f.copies.add(inc.id)
        for rid in self.must.get(f.rec.report_id, ()):
            ids.update(self._incidents_of_report(rid))
        return [self.incidents[i] for i in sorted(ids) if i in self.incidents]

    def _incidents_of_report(self, report_id: str) -> set[str]:
        return {i.id for i in self.incidents.values() if report_id in i.reports}

    def _is_copy(self, f: Features, inc: Incident) -> bool:
        """Is ``f``'s report a copy of a member's? (Found through the MinHash index in ``_candidates``.)"""
        if f.copies is not None:
            return inc.id in f.copies
        return any(
            m.rec.report_id != f.rec.report_id and copies(m, f) for m in inc.members[:MAX_COMPARED_MEMBERS]
        )

    def assess(self, f: Features, inc: Incident) -> Evidence | None:
        """The evidence for linking a mention to an incident, or None when a gate fails (see ``gates``)."""
        return self._assess(f, inc)[0]

    def _assess(self, f: Features, inc: Incident) -> Verdict:
        return assess(f, inc, copy=self._is_copy(f, inc), cannot=self.cannot, must=self.must)

    def score(self, f: Features, inc: Incident) -> float | None:
        """Link score of a mention against an incident, or None when a gate fails."""
        ev = self.assess(f, inc)
        return None if ev is None else ev.score

    def _link_one(self, f: Features) -> str:
        if f.locator_only:
            sib = self._sibling(f)
            if sib is not None:
                return self._join_sibling(sib, f)
        if f.tally and not f.recalled:
            part_of = self._report_tally(f)
            if part_of is not None:
                return self._join_report_tally(part_of, f)
        rejected: list[str] = []
        related: list[Incident] = []

        def refused(inc: Incident, why: str) -> None:
            if why and len(rejected) < 3:
                rejected.append(f"not {inc.id}: {why}")
            if why == TALLY_AND_LOCAL and f.window is not None and time_relation(f, inc)[0] is not None:
                related.append(inc)

        scored = self._ranked(f, self._candidates(f), refused)
        if not scored:
            return self._create(f, rejected, related)
        best_score, _, best, best_ev = scored[0]
        # an incident started by a mention that fit two events alike is no evidence to merge through
        strong = [inc for s, _, inc, _ in scored if s >= self.merge_threshold and not _ambiguous(inc)]
        if best_score >= self.merge_threshold and len(strong) > 1:
            survivor = self._merge_strong(strong, f.rec.id)
            if survivor is not None:
                best = survivor
                best_ev = self.assess(f, survivor) or best_ev
        rival = self._rival(f, best, best_ev, scored)
        if rival is not None:
            why = f"not {best.id} nor {rival.id}: {AMBIGUOUS}"
            return self._create(f, [why, *rejected][:4], related)
        score = best_ev.score or best_score
        # the others it reached too: an older one may be the same event, founded before its evidence came
        others = [inc.id for _s, _o, inc, _e in scored if inc is not best]
        if others:
            self._reached[f.rec.id] = others
        self._attach(best, f, score, best_ev.to_dict())
        self._emit(LogEntry("join", best.id, f.rec.id, score=round(score, 4)))
        self._relate(best.id, related)
        return best.id

    def _ranked(
        self, f: Features, candidates: list[Incident], refused: Callable[[Incident, str], None] | None = None
    ) -> list[Scored]:
        """The candidates ``f`` reaches ``threshold`` against, best first (score, then more names shared,
        then the older incident); ``refused`` hears each other one with why (empty: it scored too low)."""
        scored: list[Scored] = []
        for inc in candidates:
            ev, why = self._assess(f, inc)
            if ev is not None and ev.score is not None and ev.score >= self.threshold:
                scored.append((ev.score, -inc.order, inc, ev))
            elif refused is not None:
                refused(inc, why)
        scored.sort(key=lambda t: (t[0], t[3].named, t[1]), reverse=True)
        return rank_by_part(f, scored)

    def _rival(self, f: Features, best: Incident, ev: Evidence, scored: list[Scored]) -> Incident | None:
        """Another incident the mention fits as well as ``best`` in place and time (and nearly so in
        wording), when the two are different events (their places or times conflict, ``pair_facts.apart_by``):
        its evidence cannot tell which it tells of, so it joins neither (unknown is not a wildcard).
        A copy of a member's text, an analyst's merge, or naming the very places of both, does tell."""
        if ev.parts is None or ev.created_by == "analyst" or self._is_copy(f, best):
            return None
        for _s, _o, inc, other in scored:
            if inc is best or inc.id not in self.incidents or other.parts is None:
                continue
            # an undated report fits every dated event its publication window holds alike: that one
            # lies nearer its publication does not tell which it tells of
            when = (other.parts[1] >= ev.parts[1] or undated(f)) and not part_tells(f, best, inc)
            fits = other.parts[0] >= ev.parts[0] and when
            close = (other.text_similarity or 0.0) >= (ev.text_similarity or 0.0) - RIVAL_WORDING
            words = close and not names_tell(f, best, inc)
            apart = apart_by(best, inc) if fits and words else ""
            if apart == "time" or (apart == "place" and ev.parts[0] < 1.0):
                return inc  # (a mention naming both places tells of both: it joins the better)
        return None

    def _join_sibling(self, sib: Incident, f: Features) -> str:
        ev = Evidence(None, "same report", "relative locator", None,
                      ["its only place locates another ('southwest of X'): the same event as "
                       "its report's other mention"])  # fmt: skip
        self._attach(sib, f, 1.0, ev.to_dict())
        self._emit(LogEntry("join", sib.id, f.rec.id, score=None, detail={"reason": "relative locator"}))
        return sib.id

    def _report_tally(self, f: Features) -> Incident | None:
        """The incident holding its report's tally of the same night, when another part of it is linked.

        An outlet's one count ("all 20 shot down over Kharkiv, Poltava, ...") often comes out as one
        mention per region; they are one tally, so they share its incident (found within the batch).
        """
        for mid in self._batch_tallies.get(f.rec.report_id, ()):
            inc = self.incidents.get(self.by_mention.get(mid, ""))
            if inc is None or not inc.tally or (f.side and inc.side and f.side != inc.side):
                continue
            if f.window is not None and inc.windows and time_relation(f, inc)[0] is not None:
                return inc
        return None

    def _join_report_tally(self, inc: Incident, f: Features) -> str:
        tm, time_why = time_relation(f, inc)
        ev = Evidence(tm, time_why, "its report's tally", None,
                      ["another part of its report's tally of the same night (one count, told region by region)"])  # fmt: skip
        self._attach(inc, f, 1.0, ev.to_dict())
        self._emit(
            LogEntry("join", inc.id, f.rec.id, score=None, detail={"reason": "part of its report's tally"})
        )
        return inc.id

    def _create(self, f: Features, rejected: list[str], related: list[Incident]) -> str:
        inc = Incident(id=self._new_id(f), order=self._next_order(), born=self._joins + 1)
        self.incidents[inc.id] = inc
        ev = Evidence(None, describe_window(f.window), "first mention", None,
                      ["no earlier incident matched", *rejected])  # fmt: skip
        self._attach(inc, f, 1.0, ev.to_dict())
        self._emit(LogEntry("create", inc.id, f.rec.id, score=None))
        self._relate(inc.id, related)
        return inc.id

    def _merge_strong(self, strong: list[Incident], via: str) -> Incident | None:
        """Merge the incidents a mention matches strongly into the oldest, where every member agrees."""
        survivor = min(strong, key=lambda i: i.order)
        for other in sorted(strong, key=lambda i: i.order):
            if other is not survivor and self._compatible(survivor, other):
                self._merge(survivor, other, via)
        return survivor if survivor.id in self.incidents else None

    def _sibling(self, f: Features) -> Incident | None:
        """The incident of another mention of the same report (for a relative-locator-only mention)."""
        for iid in sorted(self._incidents_of_report(f.rec.report_id)):
            inc = self.incidents[iid]
            if type_score(f, inc) is not None:
                return inc
        return None

    def _compatible(self, a: Incident, b: Incident, carried: bool = False) -> bool:
        """Can two incidents become one? Every member of ``b`` must pass the gates against ``a``; with
        ``carried``, one that lacks only time evidence passes when it has time evidence with a member
        of ``b`` (of another report) that passes (two year-less pages of one day, one giving the count)."""
        if a.reports & b.reports or len(b.members) > MAX_COMPARED_MEMBERS:
            return False
        verdicts = [(m, self._assess(m, a)) for m in b.members]
        passed = [m for m, (ev, _why) in verdicts if ev is not None]
        return all(
            ev is not None
            or (carried and refusal_code(why) is TimeRefusal.NO_EVIDENCE and timed_by(m, passed))
            for m, (ev, why) in verdicts
        )

    def _relate(self, iid: str, others: list[Incident]) -> None:
        for o in others:
            if o.id != iid:
                self.related[_pair(iid, o.id)] = "tally"

    def _attach(
        self, inc: Incident, f: Features, score: float, evidence: dict[str, Any] | None = None
    ) -> None:
        inc.add(f, score)
        self._joins += 1
        inc.grown = self._joins
        ev = dict(evidence or Evidence(score, "", "", None, []).to_dict())
        ev["tally"], ev["side"] = f.tally, f.side  # kept so a restored member is judged as it was
        if f.recalled:
            ev["recalled"] = True
        inc.evidence[f.rec.id] = ev
        self.by_mention[f.rec.id] = inc.id
        self.member[f.rec.id] = f
        self.index.add(inc.id, inc.blocks, f)

    def _merge(
        self, survivor: Incident, other: Incident, via: str | None, detail: dict[str, Any] | None = None
    ) -> None:
        self.index.drop_blocks(other.id, other.blocks)
        for f in other.members:
            self._attach(survivor, f, other.scores.get(f.rec.id, 1.0), other.evidence.get(f.rec.id))
        del self.incidents[other.id]
        for key in [k for k in self.related if other.id in k]:
            rel = self.related.pop(key)
            a, b = (survivor.id if x == other.id else x for x in key)
            if a != b:
                self.related[_pair(a, b)] = rel
        self._emit(
            LogEntry("merge", survivor.id, via, other_id=other.id,
                     detail={"absorbed": other.mention_ids, **(detail or {})})
        )  # fmt: skip

    # -- analyst corrections ----------------------------------------------
    def merge(self, survivor_id: str, other_id: str, reason: str | None = None) -> None:
        """An analyst's merge: ``other`` joins ``survivor``; their reports are tied for later runs."""
        a, b = self.incidents[survivor_id], self.incidents[other_id]
        if a is b:
            raise ValueError("cannot merge an incident with itself")
        for ra in sorted(a.reports):
            for rb in sorted(b.reports):
                self.require(ra, rb)
        for f in b.members:
            b.evidence[f.rec.id] = Evidence(1.0, "analyst", "analyst", None,
                                            [f"an analyst merged {other_id} into {survivor_id}"]
                                            + ([reason] if reason else []), "analyst").to_dict()  # fmt: skip
        self._merge(a, b, None, {"by": "analyst", "reason": reason})

    def split(self, incident_id: str, mention_ids: list[str], reason: str | None = None) -> str:
        """Move ``mention_ids`` out of an incident into a new one (an analyst's call).

        The moved reports are recorded as never belonging with the reports left
        behind, so later runs (re-extraction, re-linking) keep them apart.
        """
        inc = self.incidents[incident_id]
        move = set(mention_ids)
        keep = [f for f in inc.members if f.rec.id not in move]
        out = [f for f in inc.members if f.rec.id in move]
        if not out or not keep:
            raise ValueError("a split must leave members on both sides")
        for ra in sorted({f.rec.report_id for f in out}):
            for rb in sorted({f.rec.report_id for f in keep}):
                self.forbid(ra, rb)
        self.index.drop_blocks(inc.id, inc.blocks)
        del self.incidents[incident_id]
        for mid in mention_ids:
            self.index.drop_text(mid)
        old = Incident(id=inc.id, order=inc.order)
        self.incidents[old.id] = old
        for f in keep:
            self._attach(old, f, inc.scores.get(f.rec.id, 1.0), inc.evidence.get(f.rec.id))
        new = Incident(id=self._new_id(out[0]), order=self._next_order())
        self.incidents[new.id] = new
        why = [f"an analyst split it out of {incident_id}"] + ([reason] if reason else [])
        for f in out:
            self._attach(new, f, 1.0, Evidence(None, "analyst", "analyst", None, why, "analyst").to_dict())
        self._emit(
            LogEntry("split", old.id, None, other_id=new.id,
                     detail={"moved": sorted(move), "by": "analyst", "reason": reason})
        )  # fmt: skip
        return new.id

    # -- working set -------------------------------------------------------
    def retire(self, before_ts: float) -> list[Incident]:
        """Remove incidents whose windows all ended before ``before_ts`` (epoch s)."""
        gone = [i for i in self.incidents.values() if i.end < before_ts and i.end > float("-inf")]
        for inc in gone:
            self.index.drop_blocks(inc.id, inc.blocks)
            del self.incidents[inc.id]
            for f in inc.members:
                self.by_mention.pop(f.rec.id, None)
                self.member.pop(f.rec.id, None)
                self.index.drop_text(f.rec.id)
        if gone:
            dead = {i.id for i in gone}
            for key in [k for k in self.related if k[0] in dead and k[1] in dead]:
                del self.related[key]
        return gone

    def _emit(self, entry: LogEntry) -> None:
        if self._on_log is not None:
            self._on_log(entry)
        else:
            self.log.append(entry)
