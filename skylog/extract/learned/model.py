"""The trained model as data: per-decision weights over named features, read from ``model.json``.

Scoring is a dot product and a logistic function in plain Python, so loading costs no scikit-learn
import and the shipped file is reviewable text. ``build_tools/train_extract.py`` writes the file.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from skylog.extract.learned.features import Features
from skylog.extract.learned.tolls import TollDecision

MODEL_PATH = Path(__file__).resolve().parent / "model.json"


def sigmoid(z: float) -> float:
    """The logistic function, safe for large |z|."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    ez = math.exp(z)
    return ez / (1.0 + ez)


@dataclass(frozen=True)
class Calibration:
    """A raw score to P(value right): Platt scaling (a, b), or monotone steps (the value of the block a
    score falls in; ``edges``: the scores between blocks). Written by ``build_tools/train_extract``."""

    platt: tuple[float, float] = (1.0, 0.0)
    edges: tuple[float, ...] = ()
    probs: tuple[float, ...] = ()

    def probability(self, score: float) -> float:
        if self.probs:
            return self.probs[bisect_right(self.edges, score)]
        a, b = self.platt
        return sigmoid(a * score + b)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Calibration:
        """``{"platt": [a, b]}`` or ``{"steps": {"edges": [...], "p": [...]}}`` (len(p) = len(edges) + 1)."""
        if d.get("steps"):
            edges, probs = tuple(map(float, d["steps"]["edges"])), tuple(map(float, d["steps"]["p"]))
            if len(probs) != len(edges) + 1 or list(edges) != sorted(edges):
                raise ValueError("calibration steps need sorted edges and one value more than edges")
            return cls(edges=edges, probs=probs)
        a, b = d.get("platt") or (1.0, 0.0)
        return cls(platt=(float(a), float(b)))


@dataclass
class Linear:
    """A logistic model over named features, with a calibration of its score (identity: the logistic)."""

    weights: dict[str, float]
    calibration: Calibration = field(default_factory=Calibration)

    def score(self, feats: Features) -> float:
        w = self.weights
        return sum(w[k] * v for k, v in feats.items() if k in w)

    def probability(self, feats: Features) -> float:
        return self.calibration.probability(self.score(feats))

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Linear:
        cal = Calibration.from_dict(d.get("calibration") or {"platt": d.get("platt")})
        return cls(weights={str(k): float(v) for k, v in d["weights"].items()}, calibration=cal)


@dataclass
class Retyper:
    """A multinomial logistic model over event types; its choice replaces the rules' type only when it is
    at least ``threshold`` sure (the rules' candidate stays otherwise)."""

    classes: dict[str, dict[str, float]]
    threshold: float = 1.0

    def probabilities(self, feats: Features) -> dict[str, float]:
        scores = {c: sum(w[k] * v for k, v in feats.items() if k in w) for c, w in self.classes.items()}
        top = max(scores.values())
        exp = {c: math.exp(s - top) for c, s in scores.items()}
        total = sum(exp.values())
        return {c: x / total for c, x in exp.items()}

    def choose(self, feats: Features, rule_type: str) -> tuple[str, float]:
        """(type, its probability): the model's type where sure enough, else the rules'."""
        probs = self.probabilities(feats)
        best = max(sorted(probs), key=lambda c: probs[c])
        if best != rule_type and probs[best] >= self.threshold:
            return best, probs[best]
        return rule_type, probs.get(rule_type, 0.0)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Retyper:
        classes = {str(c): {str(k): float(v) for k, v in w.items()} for c, w in d["classes"].items()}
        return cls(classes=classes, threshold=float(d.get("threshold", 1.0)))


@dataclass
class Model:
    """Everything the learned stage decides with; an absent file means no learned decisions."""

    relevance: Linear | None = None
    relevance_decides: bool = False  # withhold events of reports under the threshold (else: a feature only)
    relevance_threshold: float = 0.0
    fields: dict[str, Linear] = field(default_factory=dict)
    low_confidence: float = 0.5
    # withhold an event whose type is this unlikely and that carries no figure (off unless it helped on dev)
    type_decides: bool = False
    type_threshold: float = 0.0
    retyper: Retyper | None = None  # chooses between the rules' type and the others (where enabled)
    tolls: dict[str, TollDecision] = field(default_factory=dict)  # count/killed/injured candidate decisions

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Model:
        rel = d.get("relevance") or {}
        return cls(
            relevance=Linear.from_dict(rel) if rel.get("weights") else None,
            relevance_decides=bool(rel.get("enabled")),
            relevance_threshold=float(rel.get("threshold", 0.0)),
            fields={k: Linear.from_dict(v) for k, v in (d.get("fields") or {}).items()},
            low_confidence=float(d.get("low_confidence", 0.5)),
            type_decides=bool((d.get("type_decision") or {}).get("enabled")),
            type_threshold=float((d.get("type_decision") or {}).get("threshold", 0.0)),
            retyper=Retyper.from_dict(d["retype"]) if (d.get("retype") or {}).get("enabled") else None,
            tolls={k: TollDecision.from_dict(v) for k, v in (d.get("tolls") or {}).items()},
        )


@lru_cache(maxsize=4)
def load(path: Path = MODEL_PATH) -> Model:
    """The shipped model (read once); an empty model where the file is absent."""
    if not path.is_file():
        return Model()
    return Model.from_dict(json.loads(path.read_text(encoding="utf-8")))
