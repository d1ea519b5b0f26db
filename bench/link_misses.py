"""Why the linker missed the dev split's gold report pairs: each pair judged alone (dev only).

``python -m bench.link_misses`` links the dev split of the real corpus as ``bench.link`` does, and
for every gold report pair the linker did not put in one incident asks the gates why its two reports
could not be one event when judged alone (``gates.members_conflict`` between each mention of the
one and each of the other, both ways): "passes alone" where some mention pair passes (the incidents
around them kept them apart), else the refusal most of their mention pairs give; a report with no
extracted event is its own class. For the time refusals (days apart, no time evidence) each pair
also gets what dated its two sides: how far each mention's day lies from its gold incident's date
(``date_gap``), so a wrong date in one report (a recalled day, an update stamp, a source's slip)
shows apart from one strike dated to two neighbouring days (an overnight attack: "on its day / the
day after") and from a text with no date at all. The pairs refused for their types get each side's
types and what the two sides share (``shared``: a settlement, a day, a toll of one size, a name), the
evidence a type pair of ``link/type_pairs.toml`` could accept. With ``--passing``, each "passes alone"
pair gets what kept it apart when linked as a whole (``blocker``): a gate ``members_conflict`` leaves out
(wording, a follow-up's place), a score below the threshold, the member of the other's incident that
conflicts and its refusal, or, where one would join the other's incident now, the member pair of the
two incidents that conflicts (the order in which they formed). Dev only: the test split is never listed.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from datetime import date
from typing import Any

from bench.link import corpus_id, corpus_path, extract_reports, link_split, load_real, score_reports
from bench.lookalike import load_incidents

NO_EVENT = "no extracted event"
PASSES = "passes alone (some mention pair)"
TIME_CLASSES = ("span more than two days", "no time evidence", " h apart")
TYPE_CLASS = "incompatible event types"


def refusal(mine: list[Any], theirs: list[Any]) -> str:
    """Why two reports' mentions (``Features``) cannot be one event judged alone, or ``PASSES``."""
    from skylog.link.consolidate import alone
    from skylog.link.gates import members_conflict

    if not mine or not theirs:
        return NO_EVENT
    why: Counter[str] = Counter()
    for x in mine:
        for y in theirs:
            for p, q in ((x, y), (y, x)):
                r = members_conflict(p, alone(q))
                if not r:
                    return PASSES
                why[r] += 1
    return why.most_common(1)[0][0]


# what kept a "passes alone" pair apart, nearest to one incident last (``blocker`` keeps the nearest)
ALONE_GATE, ALONE_LOW, MEMBER, WHOLE, WHOLE_LOW, JOINS = range(6)


def blocker(lk: Any, mine: list[Any], theirs: list[Any]) -> str:
    """What kept two reports apart whose mentions pass the gates alone (``refusal`` gave ``PASSES``),
    as far as the nearest mention pair got, either way round: the pair alone refused by a gate
    ``members_conflict`` leaves out (wording, a follow-up's place), or scoring below the threshold;
    against the other's incident as it ended, a member that conflicts (and its refusal), the incident
    as a whole refusing it, or a score below the threshold; else it would join that incident now,
    and what keeps the two incidents apart: a pair of their members that conflicts, a start that fit
    two events, a member one incident refuses as a whole (``Linker._compatible``), or nothing the
    gates see (the order they formed in)."""
    best = (-1, "")
    for x in mine:
        for y in theirs:
            for p, q in ((x, y), (y, x)):
                got = (-1, "") if _refused(p, q) else _stage(lk, p, q)
                best = max(best, got, key=lambda t: t[0])
    return best[1]


def _refused(p: Any, q: Any) -> str:
    """Why mention ``p`` could not share an incident with mention ``q`` (``gates.members_conflict``)."""
    from skylog.link.consolidate import alone
    from skylog.link.gates import members_conflict

    return members_conflict(p, alone(q))


def _stage(lk: Any, p: Any, q: Any) -> tuple[int, str]:
    """How near ``p`` came to ``q``'s incident, and what stopped it (``blocker``)."""
    from skylog.link.consolidate import alone, ambiguous
    from skylog.link.relations import TimeRefusal, refusal_code

    ev, why = lk._assess(p, alone(q))
    if ev is None:
        return ALONE_GATE, f"the pair alone: {why}"
    if ev.score < lk.threshold:
        return ALONE_LOW, "the pair alone: a score below the threshold"
    inc = lk.incidents.get(lk.by_mention.get(q.rec.id, ""))
    own = lk.incidents.get(lk.by_mention.get(p.rec.id, ""))
    if inc is None or own is None:
        return ALONE_LOW, "not linked"
    ev, why = lk._assess(p, inc)
    if ev is None:
        for m in inc.members:
            if m.rec.report_id != p.rec.report_id and (r := _refused(p, m)):
                return MEMBER, f"a member of the other's incident: {r}"
        return WHOLE, f"the other's incident as a whole: {why}"
    if ev.score < lk.threshold:
        return WHOLE_LOW, "the other's incident: a score below the threshold"
    for m in own.members:
        for n in inc.members:
            r, s = _refused(m, n), _refused(n, m)
            if r and s and TimeRefusal.NO_EVIDENCE not in (refusal_code(r), refusal_code(s)):
                return JOINS, f"joins the other's incident now; a member pair of the two conflicts: {r}"
    if ambiguous(own) or ambiguous(inc):
        return JOINS, "joins the other's incident now; one was started by a mention that fit two events"
    if not (lk._compatible(own, inc, True) or lk._compatible(inc, own, True)):
        why = next((w for m in inc.members if (w := lk._assess(m, own)[1])), "")
        return JOINS, f"joins the other's incident now; one refuses a member of the other as a whole: {why}"
    return JOINS, "joins the other's incident now; no member pair conflicts (the order they formed in)"


def shared(mine: list[Any], theirs: list[Any]) -> str:
    """What some mention of one side and some mention of the other share: "settlement", "day",
    "toll" (casualties of one size, ``typepairs.same_size``), "name" (``text.name_keys``), or "nothing"."""
    from skylog.link.relations import toll
    from skylog.link.typepairs import same_size

    got = set()
    for x in mine:
        for y in theirs:
            got |= {"settlement"} if x.places.towns & y.places.towns else set()
            got |= {"day"} if x.day is not None and x.day == y.day else set()
            got |= {"toll"} if same_size(toll(x), toll(y)) else set()
            got |= {"name"} if x.names & y.names else set()
    return "+".join(sorted(got)) or "nothing"


def date_gap(days: list[date | None], gold: date | None) -> str:
    """What dated one side of a missed pair: "undated" (no mention has a day), "on its day" (a
    mention's day is the gold date), "the day after" (an overnight attack dated to its night),
    "a day before", or "N days off" (the nearest mention's day, two days or more from the gold date)."""
    gaps = [(d - gold).days for d in days if d is not None and gold is not None]
    if not gaps:
        return "undated"
    near = min(gaps, key=abs)
    return {0: "on its day", 1: "the day after", -1: "a day before"}.get(near, f"{near:+d} days off")


def dev_misses(passing: bool = False) -> dict[str, Any]:
    """The dev split's missed pairs by refusal, and for the time refusals what dated each side."""
    path = corpus_path()
    rows = [d for d in load_real(path) or [] if d.get("split") == "dev"]
    recs = extract_reports(rows)
    lk, pred = link_split(rows, recs)
    sc = score_reports(rows, pred)
    gold_day = {i["label"]: i.get("date") for i in load_incidents(path, "dev")}
    feats: dict[str, list[Any]] = defaultdict(list)
    for inc in lk.incidents.values():
        for f in inc.members:
            feats[corpus_id(f.rec.report_id)].append(f)
    labels = {d["id"]: d["gold"]["incidents"] for d in rows}
    classes: Counter[str] = Counter()
    dated: Counter[str] = Counter()
    typed: Counter[str] = Counter()
    blocked: Counter[str] = Counter()
    pairs: list[tuple[str, str, str, str, str]] = []
    for a, b in sorted(sc["gold_pairs"] - sc["pred_pairs"]):
        why = refusal(feats.get(a, []), feats.get(b, []))
        classes[why] += 1
        if why == PASSES and passing:
            cause = blocker(lk, feats[a], feats[b])
            blocked[cause] += 1
            pairs.append((why, a, cause, b, ""))
            continue
        if why == TYPE_CLASS:
            ta, tb = ("+".join(sorted({f.type for f in feats[r]})) for r in (a, b))
            typed[f"{' / '.join(sorted((ta, tb)))}, sharing {shared(feats[a], feats[b])}"] += 1
            pairs.append((why, a, ta, b, tb))
            continue
        if not any(k in why for k in TIME_CLASSES):
            continue
        label = next(x for x in labels[a] if x in labels[b])
        day = date.fromisoformat(gold_day[label]) if gold_day.get(label) else None
        ga, gb = (date_gap([f.day for f in feats[r]], day) for r in (a, b))
        dated[" / ".join(sorted((ga, gb)))] += 1
        pairs.append((why, a, ga, b, gb))
    return {"scores": {k: sc[k] for k in ("pair P", "pair R", "B3 F1", "false corroboration")},
            "classes": classes, "dated": dated, "typed": typed, "blocked": blocked,
            "pairs": pairs}  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    out = dev_misses(passing="--passing" in args)
    print("dev:", out["scores"])
    print("\nmissed dev pairs by the refusal judged alone:")
    for why, n in out["classes"].most_common():
        print(f"  {n:4d}  {why}")
    print("\ntime refusals, by what dated each side (vs the gold incident's date):")
    for kind, n in out["dated"].most_common():
        print(f"  {n:4d}  {kind}")
    print("\ntype refusals, by the two sides' types and what they share:")
    for kind, n in out["typed"].most_common():
        print(f"  {n:4d}  {kind}")
    if "--passing" in args:
        print(f"\n{PASSES!r} pairs, by what kept them apart linked as a whole:")
        for kind, n in out["blocked"].most_common():
            print(f"  {n:4d}  {kind}")
    if "--pairs" in args:
        for why, a, ga, b, gb in out["pairs"]:
            print(f"  {why}: {a} ({ga}) / {b} ({gb})")


if __name__ == "__main__":
    main()
