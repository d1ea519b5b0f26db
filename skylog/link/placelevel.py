"""A report placed at a coarser level than the others: the oblast for the city, told with the same toll.

Outlets place one strike at different levels: the city, the oblast its governor speaks for. The place
gate gives "one names the region the other's place lies in" only ``relations`` 0.6, so a report placed
in the oblast alone, of another type or wording, stays out of the city's incident. When a member of
another report in the incident gives casualties of the same size (``typepairs.same_size``: "13
killed" and "13 killed, 30 injured"), the region-level report is the less specific member of that
event: its place counts as ``LEVEL_PLACE``. Time and type are still judged by their own gates (the
same region another day, another town's strike that day); tallies never take this path (a national
count stays *related* to a town's report), and the incident keeps the specific place its members give.
"""

from __future__ import annotations

from skylog.link.features import Features
from skylog.link.incident import Incident
from skylog.link.relations import toll
from skylog.link.typepairs import same_size

LEVEL_PLACE = 0.8  # below "same district" (0.85): a follow-up bounded by its publication still needs the spot
CONTAINS = "one names the region the other's place lies in"


def level_place(f: Features, inc: Incident, ps: float | None, why: str) -> tuple[float | None, str]:
    """Raise a region-contains-settlement relation to ``LEVEL_PLACE`` when a member of another report
    gives a toll of the same size; otherwise the relation as it was."""
    if ps is None or why != CONTAINS or f.tally or inc.tally:
        return ps, why
    mine = toll(f)
    for m in inc.members[:64]:
        if m.rec.report_id != f.rec.report_id and not m.tally and same_size(mine, toll(m)):
            return LEVEL_PLACE, f"{why}, with casualties of the same size: the less specific member"
    return ps, why
