"""English time expressions: found per sentence, normalised (``common.timex``), kept as the document's time layer.

Each sentence's own time (the most explicit expression, not the day a statement was made) is
read once into ``Document.times``; the event stage reads it from there.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date, datetime

from skylog.extract.common.anchor import Told, statement_days
from skylog.extract.common.gated import Presence
from skylog.extract.common.recall import recall_region, recalled
from skylog.extract.common.timex import normalise_time
from skylog.extract.en import lexicon as L
from skylog.extract.packs import time_words, words_regex
from skylog.nlp.document import Document
from skylog.nlp.spans import Sentence, TimeMention
from skylog.records import TimeExpr

# (rank, pattern): a lower rank is a more explicit expression
PATTERNS: list[tuple[int, re.Pattern[str]]] = [(rank, L.pattern(f"timexpr.RANK_{rank}")) for rank in range(6)]
CLOCK = L.pattern("timexpr.CLOCK")


def find_times(text: str, offset: int = 0) -> list[tuple[int, int, str, int]]:
    """(start, end, text, rank) for each time expression; lower rank = more explicit."""
    out: list[tuple[int, int, str, int]] = []
    taken: list[tuple[int, int]] = []
    for rank, pat in PATTERNS:
        for m in pat.finditer(text):
            s, e = m.start(), m.end()
            if any(s < te and e > ts for ts, te in taken):
                continue
            if (
                rank == 1
                and _MAY_DAY.fullmatch(m.group(0).strip()) is None
                and not re.search(r"\d", m.group(0))
            ):
                continue
            taken.append((s, e))
            out.append((offset + s, offset + e, m.group(0).strip(), rank))
    return sorted(out, key=lambda x: x[0])


# bool(pattern.search(text)), its words looked up directly
_TIME_WORTH = Presence(L.pattern("timexpr.TIME_WORTH"))
_NEXT = re.compile(r"(?<![\w-])(?:" + time_words("en").regex("NEXT") + r")\s+$", re.I)
# a day told only relative to when it is told ("overnight", "last night", "yesterday", "this morning")
_DEICTIC = re.compile(
    r"(?<![\w-])(?:"
    + time_words("en").regex(
        "TODAY", "YESTERDAY", "DAY_BEFORE_YESTERDAY", "LAST_NIGHT", "AT_NIGHT", "PART_OF_DAY", "DAWN"
    )
    + r")(?![\w-])",
    re.I,
)
_NAMED_DAY = re.compile(
    r"\d|(?<![\w-])(?:"
    + words_regex(time_words("en").weekdays)
    + "|"
    + words_regex(time_words("en").months)
    + r")(?![\w-])",
    re.I,
)

_REPORT_TIME = L.pattern("timexpr.REPORT_TIME")
_DATELINE_BEFORE = L.pattern("timexpr.DATELINE_BEFORE")
_DATELINE_AFTER = L.pattern("timexpr.DATELINE_AFTER")
_MAY_DAY = L.pattern("timexpr.MAY_DAY")


def _times_of(doc: Document, sentence: Sentence) -> list[tuple[int, int, str, int]]:
    """``find_times`` of one sentence (document offsets), read once per document."""
    return [
        (sentence.start + s, sentence.start + e, x, r)
        for s, e, x, r in doc.per_sentence(find_times, sentence)
    ]


def sentence_time(doc: Document, sentence: Sentence) -> TimeExpr | None:
    """The sentence's own time, normalised against the publication (``weak``: only a statement's day)."""
    if not _TIME_WORTH(sentence.text):
        return None
    published = doc.published_at
    t = sentence.text
    # a day of an earlier event the sentence recalls ("after the May 4 strike") is not its own time
    times = [
        x for x in _times_of(doc, sentence) if not recalled(t, x[0] - sentence.start, x[1] - sentence.start)
    ]
    if not times:
        return None
    # "…, the governor said on Friday": the day of the statement, not of the attack; so is a dateline's
    # ("DAMASCUS, Sep 16 (IANS) - … on Saturday evening"); used only when the sentence gives no other time
    own = [
        x
        for x in times
        if not _REPORT_TIME.search(t[max(0, x[0] - sentence.start - 40) : x[0] - sentence.start])
        and not _in_dateline(t, x[0] - sentence.start, x[1] - sentence.start)
    ]
    best = min(own or times, key=lambda x: x[3])
    expr = best[2]
    ahead = _NEXT.search(t[: best[0] - sentence.start])
    if ahead:  # "next Tuesday": a weekday after publication
        expr = f"{ahead.group(0)}{expr}"
    clock = CLOCK.search(sentence.text)
    if clock and best[3] <= 5:
        expr = f"{expr} {clock.group(0)}"
    te = normalise_time(
        expr, _told_at(t, best, times, own, published, sentence.start), "en", span=(best[0], best[1])
    )
    if te.precision == "unknown":
        te.text = best[2]
    te.weak = not own
    return te


def _told_at(
    t: str,
    best: tuple[int, int, str, int],
    times: list[tuple[int, int, str, int]],
    own: list[tuple[int, int, str, int]],
    published: datetime | None,
    offset: int,
) -> datetime | None:
    """The reference ``best`` is normalised against: publication, or (``common.anchor.statement_days``)
    the day a statement its sentence tells of was made ("…, the governor said on Tuesday"), at the
    publication's clock, when ``best`` is a day told relative to its telling ("overnight", "yesterday")."""
    if published is None or best not in own or not _DEICTIC.search(best[2]) or _NAMED_DAY.search(best[2]):
        return published
    told = [Told(x[0], _named_day(x, t, own, published, offset), x == best, x not in own) for x in times]
    day = statement_days(told, published.date()).get(times.index(best))
    return published.replace(year=day.year, month=day.month, day=day.day) if day else published


def _named_day(
    x: tuple[int, int, str, int], t: str, own: list, published: datetime, offset: int
) -> date | None:
    """The day a statement's time names ("said on Tuesday"), None for a time that is no statement's, names
    no day or month, or is the sentence's dateline."""
    if x in own or not _NAMED_DAY.search(x[2]) or _in_dateline(t, x[0] - offset, x[1] - offset):
        return None
    told = normalise_time(x[2], published, "en")
    return date.fromisoformat(str(told.start)[:10]) if told.precision != "unknown" and told.start else None


def _in_dateline(text: str, start: int, end: int) -> bool:
    """The expression is the date of the sentence's dateline: after a place name opening the sentence, before
    the agency's name or the dateline's colon or dash."""
    return bool(_DATELINE_BEFORE.match(text[:start]) and _DATELINE_AFTER.match(text[end:]))


def recalled_times(doc: Document, sentence: Sentence) -> list[tuple[int, int, TimeExpr]]:
    """The days of earlier events the sentence tells of ("after air strikes Friday on ..."), each with
    the span of the recalled event's words: an event whose trigger lies there has that day as its own."""
    t, published = sentence.text, doc.published_at
    out = []
    for s, e, expr, _rank in _times_of(doc, sentence):
        region = recall_region(t, s - sentence.start, e - sentence.start)
        if region is None or not region[2]:
            continue
        te = normalise_time(expr, published, "en", span=(s, e))
        if te.precision != "unknown":
            out.append((sentence.start + region[0], sentence.start + region[1], te))
    return out


def add_time_layer(doc: Document) -> None:
    """Fill ``doc.times`` with each sentence's own time (one at most per sentence)."""
    for sent in doc.sentences:
        te = sentence_time(doc, sent)
        if te is not None:
            start, end = te.span if te.span else (sent.start, sent.start)
            doc.times.append(TimeMention(start, end, te))


def times_by_sentence(doc: Document) -> dict[int, TimeExpr]:
    """The time layer keyed by sentence index."""
    starts = [s.start for s in doc.sentences]
    return {bisect_right(starts, t.start) - 1: t.expr for t in doc.times}
