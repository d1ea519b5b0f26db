"""Reliability of the learned confidences (``skylog.extract.learned``) on the real corpus, dev vs test.

For every value the extractor outputs with a ``confidence``, whether it is right by the gold labels
(``build_tools.train_extract.labels``: the shared scorer's matching rules) and how well the confidence
predicts that: Brier score (lower is better; beside it the Brier of a constant guess at the share
right) and expected calibration error over ten equal-width bins. The field models are fitted on train+dev
(their calibration on out-of-fold scores by outlet), so dev rows are in-sample and the test rows are the
honest ones; the out-of-fold train+dev figures are in the training summary (``fields_oof``).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from build_tools.train_extract.fit import reliability
from build_tools.train_extract.labels import event_labels, quote_label

FIELDS = ("relevance", "type", "count", "place", "killed", "injured", "time", "perpetrator", "speaker")


def _regions(shared: Path):
    spec = importlib.util.spec_from_file_location("skylog_shared_regions", shared / "regions.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def outcomes(items: list[dict], regions) -> dict[str, tuple[list[float], list[bool]]]:
    """field -> (confidences, rights) over the items' extractions."""
    from build_tools.train_extract.fit import extract_all
    from skylog.extract import learned

    out: dict[str, tuple[list[float], list[bool]]] = {f: ([], []) for f in FIELDS}
    for it, ex in zip(items, extract_all(items), strict=True):
        rel = learned.relevance(ex)
        if rel is not None:
            out["relevance"][0].append(rel)
            out["relevance"][1].append(bool(it["gold"]["is_attack_report"]))
        learned.apply(ex)
        for e in ex.events:
            labels = event_labels(e, it["gold"], regions)
            for name, conf in e.field_confidence.items():
                if labels.get(name) is not None:
                    out[name][0].append(conf)
                    out[name][1].append(bool(labels[name]))
        for q in ex.quotes:
            right = quote_label(q, it["gold"])
            if q.confidence is not None and right is not None:
                out["speaker"][0].append(q.confidence)
                out["speaker"][1].append(right)
    return out


def tables(shared: Path, quick: bool = False) -> list[dict]:
    """One reliability row per split and field."""
    from bench.extract_real import PATH, load

    if not PATH.is_file() or not (shared / "regions.py").is_file():
        return []
    regions = _regions(shared)
    rows = []
    for split in ("dev", "test"):
        items = load(split)[: 25 if quick else None]
        for name, (probs, right) in outcomes(items, regions).items():
            r = reliability(probs, right)
            share = sum(right) / len(right) if right else 0.0
            base = sum((share - y) ** 2 for y in right) / len(right) if right else 0.0
            rows.append([split, name, r["n"], round(share, 3), r["brier"], round(base, 4), r["ece"]])
    return [
        {
            "title": "extract: reliability of learned confidences (real corpus, dev vs test)"
            + (" [quick]" if quick else ""),
            "columns": ["split", "field", "n values", "share right", "Brier", "Brier of share", "ECE"],
            "rows": rows,
            "notes": [
                "confidence = P(value right): logistic regression on train+dev, calibrated on out-of-fold scores by outlet",
                "dev rows are in-sample (the fit read them); test rows are the honest ones",
                "relevance: P(attack report) on every item; other fields: each value output with a confidence",
                "Brier of share: a constant guess at the split's own share right (an oracle floor to beat)",
            ],
        }
    ]
