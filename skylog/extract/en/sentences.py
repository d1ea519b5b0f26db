"""English sentences: the rule-based splitter of ``skylog.nlp.segment`` with the ``en`` pack's abbreviations."""

from __future__ import annotations

from skylog.extract.en import lexicon as L
from skylog.nlp.segment import rule_sentences
from skylog.nlp.spans import Sentence

__all__ = ["Sentence", "split_sentences"]


def split_sentences(text: str) -> list[Sentence]:
    """Sentences (stripped, with offsets into ``text``) and the paragraph (line block) of each."""
    return rule_sentences(text, L.ABBREVIATIONS)
