"""Names that recur in every report of a war: who speaks and who strikes (#13, no false corroboration).

A particular name two reports both give ties them (``text.name_keys``: an airport, a quarter, a
ship). The names of who speaks for an event (its claimant: a governor, a mayor, a spokesman,
«Юрий Слюсарь», "Brig Gen Nabil Abdullah") and of who struck (its perpetrator: the Rapid Support
Forces, the Houthis) are not such names: the same governor reports every strike on his city, and the
same armed group is named in every attack it makes, so two strikes on one city a day apart share
them. A report's speaker and perpetrator names are taken out of its mentions' names; the place,
the time and the wording must tie two such reports.
"""

from __future__ import annotations

from typing import Any

from skylog.link.features import Features
from skylog.link.text import name_keys

# the event's fields that carry a claim (each may name who claims it)
_CLAIMS = ("count", "launched", "killed", "injured", "damage", "perpetrator", "target")


def _texts(event: dict[str, Any]) -> list[str]:
    """The words naming who speaks for the event and who struck."""
    out = [event.get("claimant")]
    for k in _CLAIMS:
        c = event.get(k)
        if isinstance(c, dict):
            out.append(c.get("claimant"))
    perp = event.get("perpetrator")
    out.append(perp.get("value") if isinstance(perp, dict) else perp)
    return [t for t in out if isinstance(t, str) and t]


def speaker_names(event: dict[str, Any]) -> frozenset[str]:
    """Name keys of the event's speakers and perpetrator (a leading space lets the first word count)."""
    keys: set[str] = set()
    for t in _texts(event):
        keys |= name_keys(" " + t)
    return frozenset(keys)


def drop_speakers(reports: list[list[Features]]) -> None:
    """Take every speaker and perpetrator name a report gives (``reports``: its mentions, grouped by
    report) out of its mentions' names."""
    for feats in reports:
        drop = frozenset().union(*(speaker_names(f.rec.event) for f in feats))
        if drop:
            for f in feats:
                f.names = f.names - drop
