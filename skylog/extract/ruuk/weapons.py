"""Weapon phrases of a sentence and their grammatical number and case."""

from __future__ import annotations

import re

from skylog.extract.ruuk import lexicon as L
from skylog.extract.ruuk.reading import Reading, Weapon

_ABBREVIATIONS = ("бпла", "бпл", "бпак", "fpv", "uav", "каб", "уаб", "фаб", "рсзо")


def weapons_in(f: str, a: int, b: int) -> list[Weapon]:
    """Weapon phrases in ``f[a:b]`` (air-defence systems excluded), adjacent parts joined."""
    seg = f[a:b]
    blocked = [(m.start(), m.end()) for m in L.AD_PHRASE.finditer(seg)]
    found: list[Weapon] = []
    for rxp, label, stype in L.WEAPONS:
        for m in rxp.finditer(seg):
            if any(not (m.end() <= s or m.start() >= e) for s, e in blocked):
                continue
            if any(not (m.end() + a <= s or m.start() + a >= e) for s, e, _, _ in found):
                continue
            found.append((m.start() + a, m.end() + a, label, stype))
    found.sort()
    # "беспилотный летательный аппарат", "балістичної ракети": adjacent parts are one weapon phrase
    merged: list[Weapon] = []
    for w in found:
        if merged and merged[-1][2] == w[2] and re.fullmatch(r"[\s\w]{0,2}", f[merged[-1][1] : w[0]] or ""):
            if not f[merged[-1][1] : w[0]].strip():
                merged[-1] = (merged[-1][0], w[1], w[2], w[3])
                continue
        merged.append(w)
    return merged


def is_nominative(ctx: Reading, w: Weapon) -> bool:
    """The weapon phrase can be the subject ("Беспилотники уничтожены"), not an instrument ("дронов")."""
    words = re.findall(r"\w+", ctx.doc.folded[w[0] : w[1]])
    if not words:
        return False
    return any("nomn" in t for t in ctx.doc.morphology.tags(words[-1]))


def is_singular(ctx: Reading, w: Weapon) -> bool:
    """True when the weapon phrase is grammatically singular ("беспилотник", "аппарат уничтожен")."""
    m = ctx.doc.morphology
    # "дрони-камікадзе", "ракети-приманки": the first part of a hyphenated noun carries the number
    if ctx.doc.folded[w[1] : w[1] + 1] == "-":
        return False  # "ракетно-дронового обстрілу": the first half of a compound adjective
    words = [
        x.split("-")[-1] if x.split("-")[0] in _ABBREVIATIONS else x.split("-")[0]
        for x in re.findall(r"\w+(?:-\w+)*", ctx.doc.folded[w[0] : w[1]])
        if not re.search(r"\d", x)  # "С-300", "Х-101": a model's name, not the noun
    ]
    if not words:
        return False
    head = words[-1]
    if head in _ABBREVIATIONS:
        prev = re.findall(r"\w+", ctx.doc.folded[max(0, w[0] - 30) : w[0]])
        if not prev:
            return False
        head = prev[-1]
    tags = m.tags(head)
    if any("plur" in t for t in tags[:1]):
        return False
    return bool(tags) and "NOUN" in tags[0] and "plur" not in tags[0]
