"""Learned count and casualty decisions: which number of the text is an event's count, killed or injured.

The rules propose one value per event and field; the text offers more (a war's running toll beside a
strike's, the drones launched beside those shot down, a figure of a part of them). Here every number of
the report is a candidate (read with the language's number helpers), described by the words around it,
the cue classes those words belong to (the pack's ``NUMBER_CUES``), its place in the report, its
distance to the event's words and whether the rules chose it. A logistic model per field, trained on the
real corpus's gold values (``build_tools/train_extract``), gives P(candidate is the field's value); with
thresholds chosen out of fold by outlet (``build_tools/train_extract/switch.py``) it keeps the rules' value, replaces it by a better candidate of the
event's sentences, withholds it (a warning says so) or adds a value the rules missed. Each change keeps
its evidence span and is told in a warning.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from skylog.extract.learned.features import Features
from skylog.records import Claim, EventMention, Extraction

TOLL_FIELDS = ("count", "killed", "injured")
WINDOW = 4  # words each side of a number that are features
CUE_WINDOW = 6  # words each side whose cue classes are features
REACH = 300  # characters each side read for those words
_WORD = re.compile(r"[^\W\d_]{2,}")
_BOUNDARY = re.compile(r"[.!?](?=\s)|\n")
_CLAUSE_MARK = re.compile(r"[;:()\u2013\u2014]|,(?!\d)")  # where a clause of a sentence ends
_STEM = 6
_FAR = 1 << 62


@dataclass
class Candidate:
    """One number of the text: its value, span, qualifier and which rules' fields chose it."""

    value: int
    start: int
    end: int
    qualifier: str | None = None
    words: bool = False
    rule_fields: set[str] = field(default_factory=set)
    probability: dict[str, float] = field(default_factory=dict)  # field -> P(the field's value)


@lru_cache(maxsize=4)
def _cues(language: str) -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    from skylog.extract.packs import PACK_OF_LANGUAGE, load_pack

    table = load_pack(language if language in PACK_OF_LANGUAGE else "en").maps.get("NUMBER_CUES", {})
    exact = {k: v for k, v in table.items() if not k.endswith("*")}
    prefixes = tuple(sorted(((k[:-1], v) for k, v in table.items() if k.endswith("*")), reverse=True))
    return exact, prefixes


@lru_cache(maxsize=65536)
def cue_of(word: str, language: str) -> str | None:
    """The cue class of a lower-cased word, or None."""
    exact, prefixes = _cues(language)
    if word in exact:
        return exact[word]
    for p, cls in prefixes:
        if word.startswith(p):
            return cls
    return None


def text_numbers(text: str, language: str) -> list[Candidate]:
    """Every figure of a text with its span, from the numbers layer (designations such as model numbers,
    dates and years are not figures, so they are never candidates)."""
    from skylog.extract.common.numbers import numbers_of

    return [
        Candidate(n.value, n.start, n.end, n.qualifier_text, n.words)
        for n in numbers_of(text, language)
        if n.value is not None and n.designation is None
    ]


def _claims(e: EventMention) -> list[tuple[str, Claim]]:
    out = []
    for name in TOLL_FIELDS:
        c = getattr(e, name)
        if c is not None and isinstance(c.value, int) and not isinstance(c.value, bool) and c.spans:
            out.append((name, c))
    return out


def claim_candidate(cands: list[Candidate], claim: Claim) -> Candidate | None:
    """The candidate a claim's value stands on: a number of that value inside its first span."""
    a, b = claim.spans[0]
    for c in cands:
        if a <= c.start and c.end <= b and c.value == claim.value:
            return c
    return None


def candidates(ex: Extraction) -> list[Candidate]:
    """The report's numbers, those the rules' claims stand on marked; a claim on no number ("no injuries")
    is a candidate of its own over its span."""
    text = ex.report.text
    cands = text_numbers(text, ex.report.language)
    for e in ex.events:
        for name, claim in _claims(e):
            c = claim_candidate(cands, claim)
            if c is None:
                a, b = claim.spans[0]
                # a sum's parts ("killing two …, killing two others" -> 4) are the rules' figure, no alternative
                for part in cands:
                    if a <= part.start and part.end <= b:
                        part.rule_fields.add(name)
                c = Candidate(claim.value, a, b, claim.qualifier, True)
                cands.append(c)
            c.rule_fields.add(name)
    cands.sort(key=lambda c: (c.start, c.end))
    return cands


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Sentence spans by end punctuation and line breaks (one splitter for all languages)."""
    out, a = [], 0
    for m in _BOUNDARY.finditer(text):
        out.append((a, m.end()))
        a = m.end()
    out.append((a, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _sentence_index(bounds: list[tuple[int, int]], pos: int) -> int:
    """The sentence holding ``pos`` (the last one where none does)."""
    i = bisect_right(bounds, (pos, _FAR)) - 1
    return i if i >= 0 and pos < bounds[i][1] else len(bounds) - 1


def _event_positions(ex: Extraction) -> list[tuple[int, int]]:
    spans = [s for e in ex.events for s in e.spans]
    return sorted(spans)


def _distance(spans: list[tuple[int, int]], c: Candidate) -> int:
    return min((max(a - c.end, c.start - b, 0) for a, b in spans), default=10_000)


def _sentence_cues(text: str, bounds: tuple[int, int], language: str) -> set[str]:
    a, b = bounds
    return {cls for w in _WORD.findall(text[a:b].lower()) if (cls := cue_of(w, language)) is not None}


def _word_features(text: str, bounds: tuple[int, int], c: Candidate, language: str, out: Features) -> None:
    a, b = bounds
    # a few words each side are read, from a bounded stretch (a report's "sentence" may be a whole page)
    left = [m.group(0).lower() for m in _WORD.finditer(text, max(a, c.start - REACH), c.start)]
    right = [m.group(0).lower() for m in _WORD.finditer(text, c.end, min(b, c.end + REACH))]
    for i, w in enumerate(reversed(left[-WINDOW:])):
        out[f"l{min(i, 1)}:{w[:_STEM]}"] = 1.0
    for i, w in enumerate(right[:WINDOW]):
        out[f"r{min(i, 1)}:{w[:_STEM]}"] = 1.0
    for side, ws in (("l", list(reversed(left[-CUE_WINDOW:]))), ("r", right[:CUE_WINDOW])):
        for i, w in enumerate(ws):
            cls = cue_of(w, language)
            if cls is not None:
                out[f"cue_{side}:{cls}"] = 1.0
                if i == 0:
                    out[f"cue_{side}0:{cls}"] = 1.0
    _clause_cues(text, (max(a, c.start - REACH), min(b, c.end + REACH)), c, language, out)


def _clause_cues(text: str, bounds: tuple[int, int], c: Candidate, language: str, out: Features) -> None:
    """The cue classes of every word of the number's clause each side, however far from it in the clause
    ("10,000 people have been killed in the region so far"): ``cue_cl:``/``cue_cr:`` (within ``bounds``)."""
    a, b = bounds
    marks = [m.start() for m in _CLAUSE_MARK.finditer(text, a, b)]
    start = max((m + 1 for m in marks if m < c.start), default=a)
    end = min((m for m in marks if m >= c.end), default=b)
    for side, x, y in (("l", start, c.start), ("r", c.end, end)):
        for m in _WORD.finditer(text, x, y):
            cls = cue_of(m.group(0).lower(), language)
            if cls is not None:
                out[f"cue_c{side}:{cls}"] = 1.0


def _value_features(c: Candidate, text: str, largest: int, out: Features) -> None:
    out["log"] = math.log1p(c.value) / 5
    out["one"] = float(c.value == 1)
    out["zero"] = float(c.value == 0)
    out["words"] = float(c.words)
    out["year"] = float(not c.words and 1900 <= c.value <= 2100)
    out["largest"] = float(c.value == largest and c.value > 1)
    near = text[max(c.start - 1, 0) : c.start] + text[c.end : c.end + 2]
    out["glued"] = float(bool(re.search(r"[:/%\-]|\.\d", near)))
    if c.qualifier:
        out[f"qual={c.qualifier}"] = 1.0


def base_features(ex: Extraction, cands: list[Candidate]) -> list[Features]:
    """What every field's model reads of each candidate, the rules' choice aside (made once per report)."""
    text, lang = ex.report.text, ex.report.language
    bounds = sentence_bounds(text)
    events = _event_positions(ex)
    event_sentences = {_sentence_index(bounds, a) for a, _ in events}
    largest = max((c.value for c in cands if not (1900 <= c.value <= 2100)), default=0)
    values = Counter(c.value for c in cands)
    cues: dict[int, set[str]] = {}
    rows = []
    for c in cands:
        out: Features = {"bias": 1.0, f"lang={lang}": 1.0}
        si = _sentence_index(bounds, c.start)
        out["title"] = float(si == 0)
        out["sentence:log"] = math.log1p(si) / 3
        out["event_sentence"] = float(si in event_sentences)
        out["event_distance:log"] = math.log1p(_distance(events, c)) / 5
        out["rule:none"] = float(not c.rule_fields)
        out["same_value_elsewhere"] = float(values[c.value] > 1)
        _value_features(c, text, largest, out)
        _word_features(text, bounds[si], c, lang, out)
        if si not in cues:
            cues[si] = _sentence_cues(text, bounds[si], lang)
        for cls in cues[si]:
            out[f"cue_s:{cls}"] = 1.0
        rows.append(out)
    return rows


def candidate_features(
    ex: Extraction, cands: list[Candidate], name: str, base: list[Features] | None = None
) -> list[Features]:
    """Features of every candidate for one field (``name``): the same names serve every field's model."""
    rows = []
    for c, b in zip(cands, base if base is not None else base_features(ex, cands), strict=True):
        out = dict(b)
        for other in sorted(c.rule_fields - {name}):
            out[f"rule:{other}"] = 1.0
        out["rule:self"] = float(name in c.rule_fields)
        rows.append(out)
    return rows


@dataclass
class TollDecision:
    """One field's candidate model and the dev-chosen thresholds of its decisions (off: 0 / over 1)."""

    weights: dict[str, float]
    withhold: float = 0.0  # the rules' value is withheld when its candidate's P is under this
    replace: float = 1.01  # a candidate of the event's sentences at least this sure (and surer) replaces it
    add: float = 1.01  # where the rules gave none, a candidate of the event's sentences this sure is added

    def probability(self, feats: Features) -> float:
        from skylog.extract.learned.model import sigmoid

        return sigmoid(sum(self.weights[k] * v for k, v in feats.items() if k in self.weights))

    @classmethod
    def from_dict(cls, d: dict) -> TollDecision:
        return cls(
            weights={str(k): float(v) for k, v in d["weights"].items()},
            withhold=float(d.get("withhold", 0.0)),
            replace=float(d.get("replace", 1.01)),
            add=float(d.get("add", 1.01)),
        )


@dataclass
class Action:
    """What a field's decision does to one event: keep, withhold, replace or add (``candidate``'s value)."""

    event: EventMention
    kind: str
    candidate: Candidate | None
    p: float


def score(ex: Extraction, cands: list[Candidate], models: dict[str, TollDecision]) -> None:
    """Set each candidate's probability of being each field's value."""
    base = base_features(ex, cands)
    for name, m in models.items():
        for c, f in zip(cands, candidate_features(ex, cands, name, base), strict=True):
            c.probability[name] = m.probability(f)


def _scope(ex: Extraction, e: EventMention, bounds: list[tuple[int, int]]) -> set[int]:
    """Indices of the sentences an event's words and its claims stand in."""
    spans = list(e.spans) + [c.spans[0] for _, c in _claims(e)]
    return {_sentence_index(bounds, a) for a, _ in spans}


def plan(ex: Extraction, cands: list[Candidate], name: str, t: TollDecision) -> list[Action]:
    """The decision for field ``name`` on every event (candidates scored); nothing is changed here."""
    bounds = sentence_bounds(ex.report.text)
    ruled = {id(c) for c in cands if name in c.rule_fields}
    taken: set[int] = set()
    sentence_of = {id(c): _sentence_index(bounds, c.start) for c in cands}
    out = []
    for e in ex.events:
        claim = getattr(e, name)
        own = claim_candidate(cands, claim) if claim is not None and claim.spans else None
        p_own = own.probability.get(name, 1.0) if own is not None else None
        scope = _scope(ex, e, bounds)
        # a figure another event already holds is that toll told again (a headline and its body): moving
        # or adding it here would count it twice
        held = {o_claim.value for o in ex.events if o is not e and (o_claim := getattr(o, name)) is not None}
        # and the sum of every event's figure is the report's total ("drone strikes kill 3" over 2 + 1)
        if held:
            values = [v for o in ex.events if isinstance(v := getattr(getattr(o, name), "value", None), int)]
            held.add(sum(values))
        alts = [
            c
            for c in cands
            if c is not own
            and id(c) not in ruled | taken
            and sentence_of[id(c)] in scope
            and c.value not in held
        ]
        best = max(alts, key=lambda c: c.probability.get(name, 0.0), default=None)
        p_best = best.probability.get(name, 0.0) if best is not None else 0.0
        action = _choose(claim, p_own, best, p_best, t, e)
        if action.candidate is not None and action.kind in ("replace", "add"):
            taken.add(id(action.candidate))
        out.append(action)
    return out


def _choose(
    claim: Claim | None,
    p_own: float | None,
    best: Candidate | None,
    p_best: float,
    t: TollDecision,
    e: EventMention,
) -> Action:
    if claim is None:
        if best is not None and p_best >= t.add:
            return Action(e, "add", best, p_best)
        return Action(e, "keep", None, 0.0)
    if p_own is None:  # a value on no number the candidates know: the rules' stays
        return Action(e, "keep", None, 1.0)
    if best is not None and p_best >= t.replace and p_best > p_own and best.value != claim.value:
        return Action(e, "replace", best, p_best)
    if p_own < t.withhold:
        return Action(e, "withhold", None, p_own)
    return Action(e, "keep", None, p_own)


def final_value(action: Action, name: str) -> object:
    """The field's value an action leaves on its event."""
    if action.kind == "withhold":
        return None
    if action.kind in ("replace", "add") and action.candidate is not None:
        return action.candidate.value
    claim = getattr(action.event, name)
    return claim.value if claim is not None else None


def decide(ex: Extraction, models: dict[str, TollDecision]) -> list[Candidate]:
    """Apply every field's decision to the extraction (each change told in a warning); the scored candidates."""
    cands = candidates(ex)
    score(ex, cands, models)
    for name, t in models.items():
        for a in plan(ex, cands, name, t):
            _execute(ex, a, name)
    return cands


def _execute(ex: Extraction, a: Action, name: str) -> None:
    old = getattr(a.event, name)
    if a.kind == "withhold" and old is not None:
        setattr(a.event, name, None)
        ex.warnings.append(f"{name} {old.value} withheld by the learned toll model (p={a.p:.2f})")
    elif a.kind in ("replace", "add") and a.candidate is not None:
        c = a.candidate
        new = Claim(value=c.value, spans=[(c.start, c.end)], qualifier=c.qualifier)
        if old is not None:
            new.claimant, new.hedge = old.claimant, old.hedge
        setattr(a.event, name, new)
        was = "none" if old is None else old.value
        ex.warnings.append(f"{name} {was} -> {c.value} by the learned toll model (p={a.p:.2f})")


def confidence_features(cands: list[Candidate], e: EventMention) -> Features:
    """The candidate model's P of each of an event's values, as features of the confidence models."""
    out: Features = {}
    for name, claim in _claims(e):
        c = claim_candidate(cands, claim)
        if c is not None and name in c.probability:
            out[f"toll:{name}"] = c.probability[name]
    return out
