"""Features for the learned decisions: what the rules found, and the words around it, as sparse dicts.

One feature space serves English, Russian and Ukrainian: word stems (the first six letters of a
lower-cased word, which folds most Russian/Ukrainian endings) plus language-neutral flags from the rule
output (event types, which fields are filled, hedges, place precision, time precision). The trained
model is a dict of weights over these names, so a feature the model never saw simply weighs nothing.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from skylog.extract.packs import PACK_OF_LANGUAGE, load_pack
from skylog.records import Claim, EventMention, Extraction, Quote, Span

Features = dict[str, float]

_WORD = re.compile(r"[^\W\d_]{3,}")
STEM = 6
FIELDS = ("type", "count", "place", "killed", "injured", "time", "perpetrator", "speaker")


def stems(text: str, limit: int = 6000) -> set[str]:
    """Distinct word stems of the first ``limit`` characters (bounded: report text is untrusted input)."""
    return {w[:STEM] for w in _WORD.findall(text[:limit].lower())}


LEAD = 300


# The frames of a report ABOUT an attack, or about something else that looks like one, rather than one reporting
# an attack: feature prefix -> the pack's word list of cues (regular expressions matched at a word start,
# case-insensitively). One feature per frame for every language, so what one language's reports teach the
# relevance model carries over to the others.
FRAMES = {
    "retro": "RETROSPECTIVE_CUES",  # an exhibit, a memorial, an anniversary, a work of art
    "accident": "ACCIDENT_CUES",  # a crash, a malfunction, a bird strike, an industrial blast: no attacker
    "test": "TEST_CUES",  # a weapons test, an exercise, a show or a race
    "legal": "LEGAL_CUES",  # a trial, a verdict, an investigation of a past strike
    "tally": "TALLY_CUES",  # a cumulative toll (since the war began, this year, in all)
}


@lru_cache(maxsize=16)
def _cues(language: str, words: str) -> re.Pattern[str]:
    """A pack's cue list as one word-start pattern (never matching where the pack has none)."""
    cues = load_pack(language).words.get(words, ())
    return re.compile(r"(?<!\w)(?:" + "|".join(cues) + ")" if cues else r"(?!)", re.I)


def frame_flags(title: str, text: str, language: str, spans: list[Span] | None = None) -> Features:
    """Per frame (``FRAMES``): a cue in the title or lead (``F:lead``), how many in the whole text
    (``F:log``) and, given the rules' event spans, the share of them whose sentence holds a cue
    (``F:event``: the very sentence the rules read as an attack tells of a test, a crash or a trial)."""
    if language not in PACK_OF_LANGUAGE:
        return {}
    out: Features = {}
    lead, body = f"{title}\n{text[:LEAD]}", text[:6000]
    for name, words in FRAMES.items():
        pattern = _cues(language, words)
        if pattern.search(lead):
            out[f"{name}:lead"] = 1.0
        n = sum(1 for _ in pattern.finditer(body))
        if n:
            out[f"{name}:log"] = _log(n)
        if n and spans:
            hit = sum(1 for a, b in spans if pattern.search(sentence_around(text, a, b)))
            if hit:
                out[f"{name}:event"] = hit / len(spans)
    for part in ("lead", "event"):  # any frame: few reports show each one, together they teach more
        seen = [v for k, v in out.items() if k.endswith(f":{part}")]
        if seen:
            out[f"frame:{part}"] = max(seen)
    return out


def share_flags(text: str, spans: list[Span]) -> Features:
    """How much of the report the rules' events fill rather than how many there are: the share of its
    sentences holding an event span (``share:sentences``) and whether one lies in the lead
    (``share:lead``). A report of an attack tells it throughout; one that mentions a strike in passing
    (a feature on a museum, a war toll, a trial) has a few such sentences in many."""
    body = text[:6000]
    n = max(1, sum(1 for piece in _BOUNDARY.split(body) if len(piece.strip()) > 20))
    starts = {_sentence_start(body, a) for a, _ in spans if a < len(body)}
    out: Features = {}
    if spans:
        out["share:sentences"] = min(1.0, len(starts) / n)
        out["share:lead"] = float(any(a < LEAD for a, _ in spans))
    return out


def _sentence_start(text: str, at: int) -> int:
    cut = [m.end() for m in _BOUNDARY.finditer(text, 0, at)]
    return cut[-1] if cut else 0


def _log(n: float) -> float:
    return math.log1p(max(0.0, float(n)))


def _claim_flags(prefix: str, claim: Claim | None, out: Features) -> None:
    """Whether a claim is there, how firmly, with what qualifier and from whom."""
    if claim is None:
        out[f"{prefix}:none"] = 1.0
        return
    out[f"{prefix}:hedge={claim.hedge}"] = 1.0
    out[f"{prefix}:outlet"] = float((claim.claimant or "the outlet") == "the outlet")
    if claim.qualifier:
        out[f"{prefix}:qualified"] = 1.0
    if isinstance(claim.value, (int, float)) and not isinstance(claim.value, bool):
        out[f"{prefix}:zero"] = float(claim.value == 0)
        out[f"{prefix}:log"] = _log(claim.value)


def report_features(ex: Extraction) -> Features:
    """Features of a whole report for the relevance decision: its words and what the rules found in it."""
    out: Features = {"bias": 1.0, f"lang={ex.report.language}": 1.0}
    text = f"{ex.report.title or ''}\n{ex.report.text}"
    for s in stems(text):
        out[f"w:{s}"] = 1.0
    spans = [sp for e in ex.events for sp in e.spans[:3]]
    out |= frame_flags(ex.report.title or "", ex.report.text, ex.report.language, spans)
    out |= share_flags(ex.report.text, spans)
    out["events:log"] = _log(len(ex.events))
    out["quotes:log"] = _log(len(ex.quotes))
    for e in ex.events:
        out[f"ev={e.type}"] = 1.0
        for name in ("count", "killed", "injured", "perpetrator", "damage"):
            if getattr(e, name) is not None:
                out[f"has:{name}"] = 1.0
        if e.places:
            out["has:place"] = 1.0
        if e.time is not None and e.time.precision in ("hour", "day"):
            out["has:day"] = 1.0
    return out


def _common(ex: Extraction, relevance: float | None) -> Features:
    out: Features = {"bias": 1.0, f"lang={ex.report.language}": 1.0, "events:log": _log(len(ex.events))}
    if relevance is not None:
        out["relevance"] = relevance
    return out


def event_features(ex: Extraction, e: EventMention, relevance: float | None = None) -> Features:
    """Features of one event, shared by the per-field models (each learns which of them matter)."""
    out = _common(ex, relevance)
    out[f"type={e.type}"] = 1.0
    out[f"weapon={e.weapon}"] = 1.0
    out["spans:log"] = _log(len(e.spans))
    out["places:log"] = _log(len(e.places))
    same = sum(1 for x in ex.events if x.type == e.type)
    out["same_type:log"] = _log(same - 1)
    out["first"] = float(bool(ex.events) and ex.events[0] is e)
    for name in ("count", "killed", "injured", "perpetrator", "damage"):
        _claim_flags(name, getattr(e, name), out)
    _place_flags(e, out)
    _time_flags(e, out)
    return out


def _place_flags(e: EventMention, out: Features) -> None:
    if not e.places:
        out["place:none"] = 1.0
        return
    p = e.places[0]
    out[f"place:kind={p.kind}"] = 1.0
    out[f"place:precision={p.precision}"] = 1.0
    out["place:admin1"] = float(bool(p.admin1_code or p.admin1))
    out["place:country"] = float(bool(p.country))
    if p.relation:
        out["place:relation"] = 1.0
    if p.score is not None:
        out["place:score"] = float(p.score)
    out["place:countries"] = float(len({q.country for q in e.places if q.country}) > 1)


def _time_flags(e: EventMention, out: Features) -> None:
    t = e.time
    if t is None:
        out["time:none"] = 1.0
        return
    out[f"time:precision={t.precision}"] = 1.0
    out["time:stated"] = float(t.span is not None)
    out["time:weak"] = float(t.weak)


_BOUNDARY = re.compile(r"[.!?\n]")


def sentence_around(text: str, start: int, end: int, limit: int = 400) -> str:
    """The sentence holding a span (a trigger word alone says little of what happened), bounded."""
    left = max(start - limit, 0)
    cut = [m.end() for m in _BOUNDARY.finditer(text, left, start)]
    a = cut[-1] if cut else left
    m = _BOUNDARY.search(text, end, min(end + limit, len(text)))
    return text[a : m.start() if m else min(end + limit, len(text))]


def mention_features(ex: Extraction, e: EventMention) -> Features:
    """Features of one event for re-typing it: the rules' type and weapon, and the words of its sentences."""
    out: Features = {"bias": 1.0, f"lang={ex.report.language}": 1.0}
    out[f"rule={e.type}"] = 1.0
    out[f"weapon={e.weapon}"] = 1.0
    text = ex.report.text
    for a, b in e.spans[:3]:
        for st in stems(sentence_around(text, a, b)):
            out[f"s:{st}"] = 1.0
    return out


def quote_features(ex: Extraction, q: Quote, relevance: float | None = None) -> Features:
    """Features of one quote's speaker."""
    out = _common(ex, relevance)
    out["speaker:none"] = float(not q.speaker)
    out["speaker:role"] = float(bool(q.role))
    out["speaker:span"] = float(q.speaker_span is not None)
    out[f"quote:kind={q.kind}"] = 1.0
    out["quote:cue"] = float(bool(q.cue))
    out["quote:channel"] = float(bool(q.channel))
    out["speaker:words"] = _log(len((q.speaker or "").split()))
    return out
