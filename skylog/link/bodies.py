"""The packs' link patterns, and whose national command a body the text names is (#13).

A national tally is spoken by a command: Ukraine's Air Force, Russia's Ministry of Defence. Their
words are the packs' ``[patterns.link]`` UA_BODY and RU_BODY; but "the Air Force" and «Минобороны»
are also every other country's. A body is its country's by what the text says: not when another
country's adjective stands before it ("the Israeli Air Force", «сирийское Минобороны»), and not in
a text that names other countries (by adjective) but never the ground of the war whose commands count
(WAR_GROUND: Ukraine, Russia, their capitals and armies): a report on Israel and Syria speaks of their
bodies, not of Russia's. A bare body in a text naming no country at all stays the war's.
"""

from __future__ import annotations

import re
from functools import lru_cache

from skylog.extract.packs import every_pack
from skylog.geo.names import DEMONYMS
from skylog.geo.vocab import table


def every_pack_text(name: str) -> str:
    """Pattern ``link.NAME`` of every pack that has one, as one alternation (a report may mix languages)."""
    return "|".join(p.templates[f"link.{name}"] for p in every_pack() if f"link.{name}" in p.templates)


def link_regex(name: str) -> re.Pattern[str]:
    return re.compile(every_pack_text(name), re.I)


_WAR_GROUND = link_regex("WAR_GROUND")
# Cyrillic country adjectives by stem (geo/data/sides.toml)
_CYR_ADJ: dict[str, str] = dict(table("sides")["ruuk"]["COUNTRY_ADJECTIVES"])
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[^\w.!?]*$")
_WAR_SIDES = ("UA", "RU")
# another country's adjective anywhere in the text ("Israeli", «сирийскую»)
_OTHER_COUNTRY = re.compile(
    r"\b(?:"
    + "|".join(sorted((w for w, c in DEMONYMS.items() if c not in _WAR_SIDES), key=len, reverse=True))
    + r")\b|(?i:(?<!\w)(?:"
    + "|".join(s for s, c in _CYR_ADJ.items() if c not in _WAR_SIDES)
    + "))"
)


def _country_before(text: str, start: int) -> str | None:
    """The country whose adjective is the word just before ``start`` ("Israeli", «сирийское»)."""
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if not m:
        return None
    word = m.group(1)
    if word in DEMONYMS:
        return DEMONYMS[word]
    low = word.lower()
    return next((c for stem, c in _CYR_ADJ.items() if low.startswith(stem)), None)


@lru_cache(maxsize=4096)
def _other_countries_only(text: str) -> bool:
    """The text names another country by adjective and never the war's ground. Cached: every
    mention of a report asks it of the same text, for each side's body."""
    return not _WAR_GROUND.search(text) and bool(_OTHER_COUNTRY.search(text))


def national_body(pattern: re.Pattern[str], text: str, side: str) -> re.Match[str] | None:
    """The first body of ``pattern`` in ``text`` that is ``side``'s command: in a text naming the war's
    ground or no other country, with no other country's adjective before it."""
    if _other_countries_only(text):
        return None  # a report on other countries only: their bodies
    for m in pattern.finditer(text):
        country = _country_before(text, m.start())
        if country is None or country == side:
            return m
    return None
