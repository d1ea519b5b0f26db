"""Learned decisions on top of the rules: report relevance and a calibrated confidence per field.

The rules propose (events, counts, places, times, speakers); this stage, run once where an extraction
is finished (``skylog.extract.Extractor``), scores what they proposed with models trained on the real
labelled corpus (``build_tools/train_extract.py``):

- relevance: P(the report is an attack report). Where the shipped model is enabled for it and the
  probability is under its threshold, the events are withheld (kept in ``withheld_events`` with a
  warning), never silently dropped;
- type: an event the type model finds unlikely (under its threshold) and that carries no figure is
  withheld the same way, where the shipped model enables that decision (off in the shipped model);
- count/killed/injured: every number of the report is a candidate for each field; a model per field
  keeps, replaces, withholds or adds the value (``tolls``), where the model enables that decision.

Training switches each decision on only where its gain on outlets the models never read holds under
outlet resampling (``build_tools/train_extract/switch.py``);
- confidence: P(value correct) for type, count, place, killed, injured, time, perpetrator and quote
  speaker, calibrated on scores of outlets the weights never read (5 folds by outlet over train+dev;
  ``build_tools/train_extract/calibrate.py``); values under the model's threshold are marked
  low-confidence.
"""

from __future__ import annotations

from skylog.extract.learned.features import event_features, mention_features, quote_features, report_features
from skylog.extract.learned.model import Model, load
from skylog.extract.learned.tolls import Candidate, confidence_features, decide
from skylog.records import EventMention, Extraction

CLAIM_FIELDS = ("count", "killed", "injured", "perpetrator")


def relevance(ex: Extraction, model: Model | None = None) -> float | None:
    """P(attack report) of an extraction, or None without a relevance model."""
    model = model or load()
    if model.relevance is None:
        return None
    return model.relevance.probability(report_features(ex))


def _mark_event(ex: Extraction, e: EventMention, model: Model, cands: list[Candidate]) -> None:
    feats = event_features(ex, e) | confidence_features(cands, e)
    scores: dict[str, float] = {}
    for name, linear in model.fields.items():
        if name == "speaker" or not _has(e, name):
            continue
        scores[name] = round(linear.probability(feats), 3)
    for name in CLAIM_FIELDS:
        claim = getattr(e, name)
        if claim is not None and name in scores:
            claim.confidence = scores[name]
            claim.low_confidence = scores[name] < model.low_confidence
    if e.time is not None and "time" in scores:
        e.time.confidence = scores["time"]
        e.time.low_confidence = scores["time"] < model.low_confidence
    e.field_confidence = scores
    e.low_confidence = sorted(k for k, v in scores.items() if v < model.low_confidence)


def _has(e: EventMention, name: str) -> bool:
    if name == "type":
        return True
    if name == "place":
        return bool(e.places)
    return getattr(e, name, None) is not None


def unlikely_type(e: EventMention, threshold: float) -> bool:
    """An event the type model doubts and that carries no figure of its own (nothing else is lost)."""
    bare = all(getattr(e, name) is None for name in ("count", "killed", "injured"))
    return bare and e.field_confidence.get("type", 1.0) < threshold


def _withhold_unlikely_types(ex: Extraction, threshold: float) -> None:
    doubted = [e for e in ex.events if unlikely_type(e, threshold)]
    if doubted:
        ex.events = [e for e in ex.events if e not in doubted]
        ex.withheld_events.extend(doubted)
        ex.warnings.append(f"{len(doubted)} event(s) withheld: type unlikely by the learned type model")


def _retype(ex: Extraction, model: Model) -> None:
    """Let the type model choose between the rules' type and the others; each change is told in a warning."""
    assert model.retyper is not None
    for e in ex.events:
        typ, p = model.retyper.choose(mention_features(ex, e), e.type)
        if typ != e.type:
            ex.warnings.append(f"event type {e.type} -> {typ} by the learned type model (p={p:.2f})")
            e.type = typ


def apply(ex: Extraction, model: Model | None = None) -> Extraction:
    """Score (and, where the model decides, withhold) what the rules proposed; returns ``ex`` itself."""
    model = model or load()
    rel = relevance(ex, model) if ex.events else None
    if rel is not None:
        ex.relevance = round(rel, 3)
    if rel is not None and model.relevance_decides and rel < model.relevance_threshold:
        ex.withheld_events, ex.events = ex.events, []
        ex.relevant = False
        ex.warnings.append(
            f"not an attack report by the learned relevance model (p={rel:.2f}): "
            f"{len(ex.withheld_events)} event(s) withheld"
        )
    elif rel is not None and rel < model.low_confidence:
        ex.warnings.append(f"low confidence that this is an attack report (p={rel:.2f}); events kept")
    if model.retyper is not None:
        _retype(ex, model)
    cands = decide(ex, model.tolls) if model.tolls and ex.events else []
    for e in ex.events:
        _mark_event(ex, e, model, cands)
    if model.type_decides:
        _withhold_unlikely_types(ex, model.type_threshold)
    speaker = model.fields.get("speaker")
    if speaker is not None:
        for q in ex.quotes:
            if q.speaker:
                q.confidence = round(speaker.probability(quote_features(ex, q)), 3)
                q.low_confidence = q.confidence < model.low_confidence
    return ex
