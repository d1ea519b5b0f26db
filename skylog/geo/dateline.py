"""News datelines: "TORRINGTON — City Council ...", "KYIV, Ukraine (AP) — ...", "BEIRUT: ...".

A dateline names the place a report was filed from, in capitals, at the start of the text,
a line or a sentence, before a dash or colon. The small English NER model often tags these
capitals as organisations or misses them, and a gazetteer-only match of a bare word needs
support; the dateline's own shape is that support, so the name counts as a recognised place.
"""

from __future__ import annotations

import re

from skylog.geo import names as N
from skylog.geo.gazetteer import Gazetteer
from skylog.geo.mentions import Mention
from skylog.geo.normalize import norm

_CAPS_WORD = r"[A-Z][A-Z'’-]*[A-Z]"
_DATELINE = re.compile(
    # at the start of the text, a line, or a sentence (not after an abbreviation: "ST. PAUL")
    # (a headline joined to the body may leave a space before its period: "... case . MONROE -")
    rf"(?:^|(?<=\n)|(?<=[a-z0-9][.!?][\"”’)] )|(?<=[a-z0-9][.!?] )|(?<=[a-z0-9] [.!?] ))[ \t]*"
    rf"(?P<name>(?:[A-Z]{{1,3}}\.[ ])?{_CAPS_WORD}(?:[ ]{_CAPS_WORD}){{0,2}})"
    r"(?:,[ ]+[A-Z][\w.]*(?:[ ][A-Z][\w.]*)?)?"  # ", W.Va.", ", Ukraine"
    r"(?:[ ]*\([A-Za-z .]{2,20}\))?"  # "(AP)", "(Reuters)"
    r"[ \t]*(?:—|–|--|-|:)[ \t]",
    re.M,
)
MIN_LETTERS = 4  # "AP", "UN", "NEW": shorter capitals are acronyms, not datelines
MAX_LEVEL = 3  # a country, region, district or settlement; not a sea or a continent


def dateline_mentions(text: str, gz: Gazetteer) -> list[Mention]:
    """The dateline place of each line or sentence that opens with one, as a strong mention."""
    out = []
    for m in _DATELINE.finditer(text):
        name = m.group("name")
        key = norm(name)
        if len(key.replace(" ", "")) < MIN_LETTERS or (
            key in N.EN_STOP_PLACES and key not in N.EN_STOP_SURNAMES
        ):
            continue
        if not any(gz.entry(pid).level <= MAX_LEVEL for pid, src in gz.ids(key) if src <= 2):
            continue
        out.append(Mention(m.start("name"), m.end("name"), name, "pattern", strong=True))
    return out
