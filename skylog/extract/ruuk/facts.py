"""What one sentence holds before any event is read from it: weapons, harm, regions, masks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from skylog.extract.ruuk import lexicon as L
from skylog.extract.ruuk.reading import Reading, Weapon, mask
from skylog.extract.ruuk.weapons import weapons_in
from skylog.nlp.spans import RegionMention, Sentence


@dataclass
class SentenceFacts:
    """A sentence's text (folded, and with "no casualties" phrases masked) and the cues found in it."""

    index: int
    sentence: Sentence
    seg: str  # the folded sentence
    masked: str  # the same with "no casualties" phrases blanked
    no_casualties: list[tuple[int, int]]
    weapons: list[Weapon]
    harm: list[re.Match[str]]  # matched in ``masked`` (offsets relative to the sentence)
    regions: list[RegionMention]  # regions named in the sentence
    over: bool  # "над ...": told as seen in the sky

    @property
    def start(self) -> int:
        return self.sentence.start

    @property
    def end(self) -> int:
        return self.sentence.end


def sentence_facts(ctx: Reading, si: int, s: Sentence) -> SentenceFacts:
    """Read the cues of sentence ``si`` once; every rule of the sentence reads them from here."""
    f = ctx.doc.folded
    a, b = s.start, s.end
    seg = f[a:b]
    no_cas = [(m.start() + a, m.end() + a) for m in L.NO_CASUALTIES.finditer(seg)]
    masked = mask(f, no_cas)[a:b]
    return SentenceFacts(
        index=si,
        sentence=s,
        seg=seg,
        masked=masked,
        no_casualties=no_cas,
        weapons=weapons_in(ctx.doc, a, b),
        harm=list(L.HARM.finditer(masked)),
        regions=[r for r in ctx.doc.regions if a <= r.start < b],
        over=bool(L.OVER.search(seg)),
    )
