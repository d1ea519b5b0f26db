"""Find English time expressions in a sentence (normalisation is in ``common.timex``)."""

from __future__ import annotations

import re

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DATE = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b)(?:,?\s+\d{{4}})?"
PATTERNS: list[tuple[int, re.Pattern[str]]] = [
    (
        0,
        re.compile(
            rf"\b(?:in|on|during)?\s*the\s+night\s+(?:of|from)\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\s*(?:to|into|-|–|and)\s*{_DATE}|{_DATE}(?:\s*(?:to|into|-|–)\s*\d{{1,2}})?|{_WD}\s*(?:to|into)\s*{_WD})",
            re.I,
        ),
    ),
    (1, re.compile(rf"\b(?:(?:early|late)\s+(?:on\s+)?)?(?:on\s+)?(?:{_WD},?\s+)?{_DATE}", re.I)),
    (2, re.compile(rf"\b(?:overnight|night)\s+(?:into|to|on)\s+{_WD}\b", re.I)),
    (
        3,
        re.compile(
            rf"\b(?:(?:early|late)\s+(?:on\s+)?)?(?:on\s+)?{_WD}(?:\s+(?:morning|night|evening|afternoon))?\b",
            re.I,
        ),
    ),
    (4, re.compile(r"\b(?:the day before yesterday|yesterday(?: (?:morning|evening|afternoon))?)\b", re.I)),
    (
        5,
        re.compile(
            r"\b(?:overnight|last night|tonight|this (?:morning|evening|afternoon)|earlier (?:today|in the day|this morning)|"
            r"during the (?:past |previous |last )?night|at night|past night|previous night|in the early hours|"
            r"early (?:this|on this) morning|today)\b",
            re.I,
        ),
    ),
]
CLOCK = re.compile(
    r"\b(?:at\s+(?:about\s+|around\s+|approximately\s+)?)?\d{1,2}[:.]\d{2}\s*(?:a\.?m\.?|p\.?m\.?)?(?!\d)",
    re.I,
)


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
                and re.fullmatch(r"(?:on\s+)?may\s+\d{1,2}", m.group(0).strip(), re.I) is None
                and not re.search(r"\d", m.group(0))
            ):
                continue
            taken.append((s, e))
            out.append((offset + s, offset + e, m.group(0).strip(), rank))
    return sorted(out, key=lambda x: x[0])
