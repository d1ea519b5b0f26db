"""What a report's own words say about the kind of report it is, for the linker: a downing and an impact told
together (one incident, not two), an interception that failed, a national command's tally (Ukraine's Air Force,
Russia's MoD) or the whole country as the target. Read once per text; vocabulary in the packs' link patterns."""

from __future__ import annotations

import re
from functools import lru_cache

from skylog.link.bodies import every_pack_text, link_regex, national_body

# Cues that let an interception and a strike be one incident: the text itself
# reports both the downing and an impact (debris hit a house, one got through).
_INTERCEPT_CUE = link_regex("INTERCEPT_CUE")
_IMPACT_CUE = link_regex("IMPACT_CUE")
# "no casualties or damage", «без пострадавших»: an impact cue denied
_HARM = rf"(?:(?:{every_pack_text('HARM_QUALIFIER')})\s+)?(?:{every_pack_text('HARM')})"
_NEGATED_IMPACT = re.compile(
    rf"\b(?:{every_pack_text('HARM_NEGATOR')})\s+{_HARM}(?:\s*(?:{every_pack_text('HARM_LINK')}|,)\s*{_HARM})*"
    rf"|{every_pack_text('NO_HARM')}",
    re.I,
)


_FAILED_INTERCEPT = link_regex("FAILED_INTERCEPT")


def failed_interception(text: str | None) -> bool:
    """Does the text tell of an interception that failed ("failed to intercept", «не смогла сбить»)?
    The weapon got through: whatever type the mention was given, it tells of the strike."""
    return bool(text and _FAILED_INTERCEPT.search(text))


def type_cues(text: str) -> tuple[bool, bool]:
    """(bridges, downing_only): does the text tell of a downing and an impact, or a downing alone?
    A failed interception is an impact ("attempts to intercept failed")."""
    if not text or not _INTERCEPT_CUE.search(text):
        return False, False
    impact = bool(_IMPACT_CUE.search(_NEGATED_IMPACT.sub(" ", text))) or failed_interception(text)
    return impact, not impact


def only_interception(text: str) -> bool:
    """Does this text tell only of downing (no impact)? Then an 'attack' typed on it is an interception."""
    return type_cues(text)[1]


def bridges_types(text: str) -> bool:
    """Does this text report both a downing and an impact of the same attack?"""
    return type_cues(text)[0]


# Who speaks for a national tally: Ukraine's Air Force, Russia's Ministry of Defence.
_UA_BODY = link_regex("UA_BODY")
_RU_BODY = link_regex("RU_BODY")
# A tally speaks of many regions, or of a share of what was launched ("17 of 23", "з 23", "из 23").
_TALLY_SHAPE = link_regex("TALLY_SHAPE")
# The whole country as the target: "attacked Ukraine with 86 drones", "атакувала Україну", "над территорией РФ".
_UA_TARGET = link_regex("UA_TARGET")
_RU_TARGET = link_regex("RU_TARGET")
_ONE_REGION = link_regex("ONE_REGION")
_RECALL = re.compile(rf"\s*(?:{every_pack_text('RECALL')})", re.I)


@lru_cache(maxsize=256)  # asked per mention, for each mention of one report
def national_lead(report_text: str | None, head: int = 320) -> bool:
    """Does the report open as a national tally? Its first sentence names the whole country as the
    target ("Russia attacked Ukraine with 86 drones"), or gives the national command's count
    ("17 of 23", "all 20") over no one region."""
    t = (report_text or "")[:head]
    end = re.search(r"[.!?](?:\s|$)", t)
    t = t[: end.end()] if end else t  # the first sentence: what the report is about
    if _RECALL.match(t):
        return False  # "Recall that on the night of 7 September Russia attacked Ukraine...": background
    if _UA_TARGET.search(t) or _RU_TARGET.search(t):
        return True
    body = national_body(_UA_BODY, t, "UA") or national_body(_RU_BODY, t, "RU")
    return bool(body and _TALLY_SHAPE.search(t) and not _ONE_REGION.search(t))


@lru_cache(maxsize=256)  # asked per mention, for each mention of one report
def tally_side(report_text: str | None, head: int = 6000) -> str | None:
    """'UA' or 'RU' when the text speaks as (or of) a national tally: Ukraine's Air Force or the
    whole country as the target, Russia's MoD; None otherwise. The linker decides with the
    places the report names whether it is a tally or one region's report."""
    t = (report_text or "")[:head]
    ua = national_body(_UA_BODY, t, "UA") or _UA_TARGET.search(t)
    ru = national_body(_RU_BODY, t, "RU") or _RU_TARGET.search(t)
    if ua and ru:
        return "UA" if ua.start() < ru.start() else "RU"
    return "UA" if ua else "RU" if ru else None
