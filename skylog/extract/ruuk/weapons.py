"""Weapon phrases of a sentence and their grammatical number and case."""

from __future__ import annotations

import re

from skylog.extract.ruuk import lexicon as L
from skylog.extract.ruuk.reading import Reading, Weapon
from skylog.nlp.document import Document
from skylog.nlp.lemmas import LemmaMatch, resolve
from skylog.nlp.morphology import morphologies
from skylog.nlp.text import tokenize

_NAME_AFTER_NOUN = L.pattern("counts.NAME_AFTER_NOUN")
_ABBREVIATIONS = ("бпла", "бпл", "бпак", "fpv", "uav", "каб", "уаб", "фаб", "рсзо")


def weapons_in(doc: Document, a: int, b: int) -> list[Weapon]:
    """Weapon phrases in ``doc`` within ``[a, b)`` (air-defence systems excluded), adjacent parts joined.

    The classes are read in the pack's order; a phrase of a later class overlapping one found
    stays out ("реактивный снаряд" is a rocket, not a shell).
    """
    f = doc.folded
    seg = f[a:b]
    blocked = L.AD_PHRASE.spans(doc, a, b)
    by_label: dict[str, list[LemmaMatch]] = {}
    for lm in doc.matches(L.WEAPON_LEMMAS, a, b):
        by_label.setdefault(lm.label, []).append(lm)
    found: list[Weapon] = []
    for rxp, label, stype in L.WEAPONS:
        spans = [LemmaMatch(m.start() + a, m.end() + a, label, "") for m in rxp.finditer(seg)] if rxp else []
        for m in resolve(spans + by_label.get(label, [])):
            if any(not (m.end <= s or m.start >= e) for s, e in blocked):
                continue
            if any(not (m.end <= s or m.start >= e) for s, e, _, _ in found):
                continue
            found.append((m.start, m.end, label, stype))
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


def is_weapon_name(text: str) -> bool:
    """``text`` (folded) is as a whole one weapon word or phrase ("град", "смерч", "ураганы")."""
    if any(rxp is not None and rxp.fullmatch(text) for rxp, _, _ in L.WEAPONS):
        return True
    words = [(t.text, t.start, t.end) for t in tokenize(text)]
    lemmas = morphologies()["ru"].lemmas  # a word the Russian dictionary lacks is read as Ukrainian
    return any(m.start == 0 and m.end == len(text) for m in L.WEAPON_LEMMAS.find(words, lemmas))


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
    noun = _named_after_noun(ctx, w)
    if noun is not None:  # «ракетами "Искандер"»: the name takes the number of the noun it follows
        return is_singular(ctx, noun)
    if head in _ABBREVIATIONS:
        agrees = _agreeing_number(ctx, w)
        if agrees is not None:  # «сбит БПЛА», «ворожий БпЛА», «БПЛА был сбит»
            return agrees
        prev = re.findall(r"\w+", ctx.doc.folded[max(0, w[0] - 30) : w[0]])
        if not prev:
            return False
        head = prev[-1]
        # «усі БпЛА»: a word that is plural in every reading the tagger ranks high agrees with a plural
        # abbreviation, though its first reading (a surname) carries no number
        top = m.tags(head)[:3]
        if any("plur" in t for t in top) and not any("sing" in t for t in top):
            return False
    tags = m.tags(head)
    if any("plur" in t for t in tags[:1]):
        return False
    if any("plur" in t for t in tags[1:3]) and _plural_neighbour(ctx, w):
        return False  # «рашистські ракети поцілили»: the words agreeing with it say which reading
    return bool(tags) and "NOUN" in tags[0] and "plur" not in tags[0]


def _named_after_noun(ctx: Reading, w: Weapon) -> Weapon | None:
    """The weapon noun that the phrase ``w`` names the model of («ракетами "Искандер"», «дронами типу
    "Шахед"»): a phrase of the same class ending right before it, with only quotes or «типа» between."""
    f = ctx.doc.folded
    prev = [p for p in weapons_in(ctx.doc, max(0, w[0] - 40), w[0]) if p[1] <= w[0] and p[2] == w[2]]
    if prev and _NAME_AFTER_NOUN.fullmatch(f, prev[-1][1], w[0]):
        return prev[-1]
    return None


def _agreeing_number(ctx: Reading, w: Weapon) -> bool | None:
    """The number of an abbreviation («БПЛА», «БпЛА») told by the word agreeing with it: an adjective or
    participle right before it, or a past verb or short participle right after it; None when neither says."""
    m = ctx.doc.morphology
    f = ctx.doc.folded
    before = re.search(r"(\w+)\s+$", f[max(0, w[0] - 30) : w[0]])
    after = re.match(r"\s+(\w+)", f[w[1] : w[1] + 30])
    near = [(before.group(1), ("ADJF", "PRTF", "PRTS"))] if before else []
    near += [(after.group(1), ("PRTS", "VERB"))] if after else []
    for word, kinds in near:
        t = m.tags(word, 1)[0]
        if not any(k in t for k in kinds) or ("VERB" in t and "past" not in t):
            continue
        if "plur" in t:
            return False
        if "sing" in t or ctx.doc.language == "uk":
            return True
    return None


def _plural_neighbour(ctx: Reading, w: Weapon) -> bool:
    """The adjective right before the phrase, or the verb right after it, is plural in its first reading."""
    m = ctx.doc.morphology
    f = ctx.doc.folded
    before = re.findall(r"\w+", f[max(0, w[0] - 30) : w[0]])
    after = re.match(r"\s+(\w+)", f[w[1] : w[1] + 30])
    near = [(before[-1], "ADJF")] if before else []
    near += [(after.group(1), "VERB")] if after else []
    for word, pos in near:
        t = m.tags(word, 1)[0]
        if pos in t and "plur" in t:
            return True
    return False
