"""A later sentence that recalls an earlier period (English): another incident, not more of today's.

News stories close with background: "Last week, a strike on a school in the same area killed 30 people",
"The toll from a strike on the city two weeks ago rose to 12". Merged into the report's event, such a
sentence's toll would replace or add to the incident's own. A sentence after the report's first mention
that names a period before it (the pack's ``pipeline.RECALLED_PERIOD``: "last week", "two months ago",
"earlier this year") tells of another incident: its mentions are kept apart (``Mention.separate``), are not
dated by the sentences before them, and a toll it tells with no attack word of its own ("Last month 30
people were killed there") is nobody's toll here.
"""

from __future__ import annotations

from skylog.extract.common.assemble import Mention
from skylog.extract.en import lexicon as L
from skylog.records import TimeExpr

_PERIOD = L.pattern("pipeline.RECALLED_PERIOD")


def recalled_period(text: str, offset: int = 0) -> TimeExpr | None:
    """The period before the report's incident a sentence names ("last week", "two months ago"), with
    its span in the report (``offset``: where the sentence starts), or None."""
    m = _PERIOD.search(text)
    return TimeExpr(text=m.group(0), span=(offset + m.start(), offset + m.end())) if m else None


def set_apart(got: list[Mention], text: str, offset: int, told_before: bool) -> bool:
    """Keep a recalling sentence's mentions apart from the events told before it (in place); True when
    it did (``told_before``: a mention came from an earlier sentence). A mention without a day of its own
    takes the period, undated, rather than the day of the report's incident."""
    period = recalled_period(text, offset) if got and told_before else None
    if period is None:
        return False
    for m in got:
        m.separate = True
        m.context_time = period
        if m.type is None and not m.untyped:
            m.killed = m.injured = None  # a bare toll of the earlier period
    return True
