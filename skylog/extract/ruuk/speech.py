"""Which sentences the NER model reads: those that quote or attribute speech and can hold a name."""

from __future__ import annotations

from collections.abc import Callable

from skylog.extract.ruuk import lexicon as L
from skylog.nlp.spans import RegionMention, Sentence

_SPEECH = L.pattern("speech.SPEECH")


_TITLE_WORD = L.pattern("speech.TITLE_WORD")


def may_name(
    clean: str, s: Sentence, regions: list[RegionMention], is_plain_word: Callable[[str], bool]
) -> bool:
    """Whether a sentence can hold a person's or an organisation's name for NER to find.

    Names are written with a capital: a sentence whose only capitalised words are its first,
    ordinary word and region adjectives ("Вчера ... над территорией Белгородской области")
    has no speaker for the NER model to find, so the model (the costliest step) skips it.
    """
    for m in _TITLE_WORD.finditer(clean, s.start, s.end):
        if any(r.start <= m.start() < r.end for r in regions):
            continue
        if m.start() == s.start + (len(clean[s.start : s.end]) - len(clean[s.start : s.end].lstrip())):
            if is_plain_word(m.group(0).lower()):
                continue
        return True
    return False


def speech_only(
    clean: str,
    folded: str,
    sents: list[Sentence],
    regions: list[RegionMention] | None = None,
    is_plain_word: Callable[[str], bool] | None = None,
) -> str:
    """``clean`` with every sentence blanked that neither quotes nor attributes speech (same length).

    With ``is_plain_word``, a speech sentence that cannot hold a name (``may_name``) is blanked too.
    """
    keep = [
        bool(_SPEECH.search(folded, s.start, s.end) or L.ROLE.search(folded, s.start, s.end)) for s in sents
    ]
    for i, k in enumerate(list(keep)):
        if k and i + 1 < len(sents):
            keep[i + 1] = (
                keep[i + 1]
                or "«" in clean[sents[i].start : sents[i].end]
                or clean[sents[i].end - 1 : sents[i].end] == ":"
            )
    if is_plain_word is not None:
        keep = [
            k and may_name(clean, s, regions or [], is_plain_word) for s, k in zip(sents, keep, strict=True)
        ]
    chars = list(clean)
    for s, k in zip(sents, keep, strict=True):
        if not k:
            for i in range(s.start, s.end):
                if chars[i] != "\n":
                    chars[i] = " "
    return "".join(chars)
