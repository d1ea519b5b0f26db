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
evidence a type pair of ``link/type_pairs.toml`` could accept. Dev only: the test split is never listed.
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


def dev_misses() -> dict[str, Any]:
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
    pairs: list[tuple[str, str, str, str, str]] = []
    for a, b in sorted(sc["gold_pairs"] - sc["pred_pairs"]):
        why = refusal(feats.get(a, []), feats.get(b, []))
        classes[why] += 1
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
            "classes": classes, "dated": dated, "typed": typed, "pairs": pairs}  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    out = dev_misses()
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
    if "--pairs" in args:
        for why, a, ga, b, gb in out["pairs"]:
            print(f"  {why}: {a} ({ga}) / {b} ({gb})")


if __name__ == "__main__":
    main()
