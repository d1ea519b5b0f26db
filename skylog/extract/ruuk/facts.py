"""What one sentence holds before any event is read from it: weapons, harm, regions, masks."""

from __future__ import annotations

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
    harm: list[tuple[int, int]]  # harm words outside the "no casualties" phrases (text offsets)
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
        harm=harm_in(ctx, a, b, no_cas, masked),
        regions=[r for r in ctx.doc.regions if a <= r.start < b],
        over=bool(L.OVER.search(seg)),
    )


def harm_in(
    ctx: Reading, a: int, b: int, no_cas: list[tuple[int, int]], masked: str | None = None
) -> list[tuple[int, int]]:
    """Harm words of ``[a, b)`` outside ``no_cas``: the stems of HARM, the harm and damage verbs in any form."""
    seg = mask(ctx.doc.folded, no_cas)[a:b] if masked is None else masked
    spans = [(m.start() + a, m.end() + a) for m in L.HARM.finditer(seg)]
    verbs = L.HARM_VERB.spans(ctx.doc, a, b) + L.DAMAGE_VERB.spans(ctx.doc, a, b)
    spans += [(x, y) for x, y in verbs if not any(x < ne and ns < y for ns, ne in no_cas + spans)]
    return sorted(spans)
