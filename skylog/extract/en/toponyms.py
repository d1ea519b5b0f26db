"""Toponyms of an English report beyond what the geo finder returns, for the pipeline's ``places`` stage.

``geo.geoparse`` finds the names the gazetteer's matcher knows; reports also place attacks with names it
misses or reads wrongly: "Odesa region", "attacked Zaporizhzhia", "the village of X", "the Kursk, Bryansk
and Oryol regions", and facilities named by their town ("the Belgorod dam"). This module finds those
candidates by syntax and NER, keeps the ones the gazetteer knows (or the text calls a settlement) and
resolves them with the Geocoder. It lives apart from ``pipeline`` because it is one concern of one stage
(what counts as a place name) with its own pack patterns (``pipeline.*`` of the ``en`` pack), while the
pipeline module orders the stages.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from typing import TYPE_CHECKING

from skylog.extract.common import places as geo
from skylog.extract.en import events as E
from skylog.extract.en import lexicon as L
from skylog.geo.compass import only_compass
from skylog.records import Place

if TYPE_CHECKING:
    from skylog.extract.en.pipeline import Context

_PERSON = ("PERSON",)  # spaCy's labels, as ``pipeline`` names them
_LOCATION = ("GPE", "LOC", "FAC")


_FACILITY_WORD = L.pattern("pipeline.FACILITY_WORD")


def resolve_facilities(facilities: list[Place], text: str) -> list[Place]:
    """Resolve "the Belgorod dam" through its toponym part, keeping the facility's mention and span."""
    probes: list[Place] = []
    for f in facilities:
        m = _FACILITY_WORD.search(f.mention)
        top = (m.group("top") or m.group("top2")) if m else None
        if top:
            s = f.span[0] + f.mention.index(top.strip())
            probes.append(
                Place(mention=top.strip(), span=(s, s + len(top.strip())), kind="facility", name=f.mention)
            )
        else:
            probes.append(f)
    pairs = [(f, p) for f, p in zip(facilities, probes, strict=True) if geo.known_mentions([p], "en")]
    if not pairs:
        return facilities
    resolved = geo.resolve([p for _, p in pairs], text, "en")
    out = [f for f in facilities if all(f is not g for g, _ in pairs)]
    for (f, _), r in zip(pairs, resolved, strict=True):
        r.mention, r.span, r.kind, r.name = f.mention, f.span, "facility", f.mention
        out.append(r)
    return out


_REGION_PHRASE = L.pattern("pipeline.REGION_PHRASE")
# "the village of X", "X village": a settlement even when the gazetteer does not know it
_SETTLEMENT_NOUN_BEFORE = L.pattern("pipeline.SETTLEMENT_NOUN_BEFORE")
_SETTLEMENT_NOUN_AFTER = L.pattern("pipeline.SETTLEMENT_NOUN_AFTER")
_REGION_LIST_AFTER = L.pattern("pipeline.REGION_LIST_AFTER")
# a name placed by a preposition or a verb: "over annexed Crimea", "in Russian-occupied Melitopol"
_LOCATIVE = L.pattern("pipeline.LOCATIVE")
_POSSESSIVE_OR_HEAD = L.pattern("pipeline.POSSESSIVE_OR_HEAD")
_NOT_TOPONYM: frozenset[str] = L.WORDS["NOT_TOPONYM"]
_SIDE_ADJECTIVE_TAIL = L.pattern("pipeline.SIDE_ADJECTIVE_TAIL")
_OF_NAME_TAIL = L.pattern("pipeline.OF_NAME_TAIL")


def supplement_toponyms(found: list[Place], ctx: Context, text: str) -> list[Place]:
    """Add toponyms geo's finder missed ("Odesa region", "attacked Zaporizhzhia"), resolved by the Geocoder."""
    windows = [(s.start, s.end) for s in ctx.doc.sentences if ctx.doc.per_sentence(E.worth_reading, s)]
    cands, strong = _candidate_toponyms(text, windows)
    for s, e in ctx.entity_spans(_LOCATION):
        cands.setdefault((s, e), Place(mention=text[s:e], span=(s, e), kind="other"))
    cands = _whole_names(cands, text)
    person_spans = ctx.entity_spans(_PERSON)
    todo = [
        p
        for k, p in cands.items()
        if not any(f.span[0] < k[1] and k[0] < f.span[1] for f in found)
        and (k in strong or not any(ps <= k[0] < pe for ps, pe in person_spans))
        # "Western instructors": compass words alone, not placed by syntax, are a direction (geo's rule)
        and (k in strong or not only_compass(p.mention))
    ]
    if not todo:
        return found
    # keep only non-overlapping candidates (longest first)
    todo.sort(key=lambda p: (-(p.span[1] - p.span[0]), p.span[0]))
    chosen: list[Place] = []
    for p in todo:
        if not any(c.span[0] < p.span[1] and p.span[0] < c.span[1] for c in chosen):
            chosen.append(p)
    return sorted(found + _resolve_known(chosen, text), key=lambda p: p.span[0])


def _whole_names(cands: dict[tuple[int, int], Place], text: str) -> dict[tuple[int, int], Place]:
    """A candidate is no place of its own when it is a side's adjective ("Moscow" of "Moscow-annexed
    Crimea") or the one-word head of a longer name with "of" ("Bay" of "the Bay of Sevastopol"): that name is the
    candidate instead where the gazetteer knows it ("Gulf of Aden"), else the name after "of" alone."""
    out: dict[tuple[int, int], Place] = {}
    for (s, e), p in cands.items():
        if _SIDE_ADJECTIVE_TAIL.match(text, e):
            continue
        m = _OF_NAME_TAIL.match(text, e) if " " not in p.mention.strip() else None
        if m is None:  # "Izmail District of Odesa Region": a place of its own inside the other
            out.setdefault((s, e), p)
            continue
        whole = Place(mention=text[s : m.end()], span=(s, m.end()), kind="other")
        if geo.known_mentions([whole], "en"):
            out.setdefault(whole.span, whole)
    return out


def _candidate_toponyms(
    text: str, windows: list[tuple[int, int]]
) -> tuple[dict[tuple[int, int], Place], set[tuple[int, int]]]:
    """Capitalised phrases that may be toponyms, in the sentences worth reading; ``strong``: placed by syntax."""
    cands: dict[tuple[int, int], Place] = {}
    starts = [ws for ws, _ in windows]
    ordered = all(a[1] <= b[0] for a, b in zip(windows, windows[1:], strict=False))

    def inside(a: int) -> bool:
        if not ordered:
            return any(ws <= a < we for ws, we in windows)
        k = bisect_right(starts, a) - 1  # sentences in order, apart: only the last one starting by ``a``
        return k >= 0 and a < windows[k][1]

    for m in _REGION_PHRASE.finditer(text):
        if inside(m.start()):
            span = _known_region_tail(m)
            if span is not None:
                cands[span] = Place(mention=text[span[0] : span[1]], span=span, kind="other")
    strong = set(cands)
    for m in _LOCATIVE.finditer(text):
        t = m.group("t")
        if not inside(m.start("t")):
            continue
        if m.group(0)[:1] not in (",",) and not m.group(0).lower().startswith("and"):
            strong.add((m.start("t"), m.end("t")))
        if t.split()[0] in _NOT_TOPONYM:
            continue
        cands.setdefault(
            (m.start("t"), m.end("t")), Place(mention=t, span=(m.start("t"), m.end("t")), kind="other")
        )
    for m in _POSSESSIVE_OR_HEAD.finditer(text):
        g = "t" if m.group("t") else "t2"
        if (inside(m.start(g)) or g == "t2") and m.group(g).split()[0] not in _NOT_TOPONYM:
            span = (m.start(g), m.end(g))
            cands.setdefault(span, Place(mention=m.group(g), span=span, kind="other"))
            strong.add(span)
    return cands, strong


def _known_region_tail(m: re.Match[str]) -> tuple[int, int] | None:
    """ "Southwestern Kursk Region", "Ukraine’s Odesa region": the longest tail the gazetteer knows."""
    words = m.group(0).split()
    while words and words[0] in _NOT_TOPONYM:
        words = words[1:]
    while len(words) > 2 and not geo.known_mentions([Place(mention=" ".join(words), span=(0, 0))], "en"):
        words = words[1:]
    if len(words) < 2:
        return None
    return m.end() - len(" ".join(words)), m.end()


def _resolve_known(chosen: list[Place], text: str) -> list[Place]:
    """The candidates the gazetteer knows (or the text calls a settlement), resolved by the Geocoder."""
    known = {id(p) for p in geo.known_mentions(chosen, "en")}
    named_settlement = {id(p) for p in chosen if _called_a_settlement(text, p.span)}
    chosen = sorted(
        (p for p in chosen if id(p) in known or id(p) in named_settlement), key=lambda p: p.span[0]
    )
    hints: list[int | None] = [3 if id(p) in named_settlement else None for p in chosen]
    resolved = geo.resolve(chosen, text, "en", hints=hints)
    resolved = _regions_of_a_list(chosen, resolved, text)
    extra = []
    for p, hint in zip(resolved, hints, strict=True):
        if p.gazetteer_id or p.admin1_code:
            extra.append(p)
        elif hint == 3:
            # kept unresolved: the text says it is a settlement, the gazetteer does not know where
            p.kind = "settlement"
            extra.append(p)
    return extra


def _regions_of_a_list(chosen: list[Place], resolved: list[Place], text: str) -> list[Place]:
    """ "over the Kursk, Bryansk and Oryol regions": each name of a list closed by a plural unit word is
    the region of that name (resolved as "Kursk region"), not the city; kept as resolved when the
    gazetteer has no such region."""
    listed = [(i, m) for i, p in enumerate(chosen) if (m := _REGION_LIST_AFTER.match(text, p.span[1]))]
    if not listed:
        return resolved
    probes = [
        Place(mention=f"{chosen[i].mention} {m.group('unit').lower()}", span=chosen[i].span, kind="other")
        for i, m in listed
    ]
    out = list(resolved)
    for (i, _), r in zip(listed, geo.resolve(probes, text, "en", hints=[1] * len(probes)), strict=True):
        if r.kind == "region" and r.admin1_code:
            out[i] = replace(r, mention=chosen[i].mention, span=chosen[i].span)
    return out


def _called_a_settlement(text: str, span: tuple[int, int]) -> bool:
    return bool(
        _SETTLEMENT_NOUN_BEFORE.search(text[max(0, span[0] - 30) : span[0]])
        or _SETTLEMENT_NOUN_AFTER.match(text[span[1] : span[1] + 12])
    )
