"""``Document``: one report read once, the object every extraction stage reads and annotates.

In the spirit of spaCy's ``Doc``: the text and its folded copies, paragraphs, sentences and
tokens are made once when the document is built; stages add their findings as layers
(regions, times, numbers, toponyms, entities, attributions, quotes) instead of re-reading or
re-tokenising the text. Word analysis (lemmas, grammatical tags) comes from the language's
``Morphology`` (pymorphy3 for Russian and Ukrainian, spaCy's tables for English) and is cached
per word. Sentences come from the language's splitter: razdel by default, rules for English.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any, TypeVar

from skylog.nlp.lemmas import LemmaMatch, LemmaMatcher
from skylog.nlp.morphology import WordAnalyser
from skylog.nlp.spans import (
    Attribution,
    Entity,
    NumberMention,
    RegionMention,
    Sentence,
    TimeMention,
    Token,
    number_at,
)
from skylog.nlp.text import fold, sentences, tokenize
from skylog.records import Place, Quote

T = TypeVar("T")


@dataclass
class Document:
    """A report's text with its analysis; offsets in every layer index ``text``."""

    text: str
    language: str
    sentences: list[Sentence]
    morphology: WordAnalyser
    published_at: datetime | None = None
    source: str | None = None
    # layers filled by the extraction stages
    regions: list[RegionMention] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
    toponyms: list[Place] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    numbers: list[NumberMention] = field(default_factory=list)  # every numeral, in text order
    _matched: dict[int, tuple[LemmaMatcher, list[LemmaMatch], list[int]]] = field(
        default_factory=dict, repr=False
    )
    _per_sentence: dict[tuple[Callable[[str], Any], int], Any] = field(default_factory=dict, repr=False)

    # The folded copies and the tokens are made on first use, once: the English rules read the
    # text itself, and folding it character by character costs more than they do.
    @cached_property
    def folded(self) -> str:
        """Lower-cased, markdown- and emoji-free copy of ``text``, same length."""
        return fold(self.text)

    @cached_property
    def clean(self) -> str:
        """``folded`` with the case kept."""
        return fold(self.text, lower=False)

    @cached_property
    def tokens(self) -> list[Token]:
        """Word, number and punctuation tokens of ``folded``."""
        return tokenize(self.folded)

    @cached_property
    def _token_starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    @cached_property
    def _token_ends(self) -> list[int]:
        return [t.end for t in self.tokens]

    @cached_property
    def _words(self) -> list[tuple[str, int, int]]:
        return [(t.text, t.start, t.end) for t in self.tokens]

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """The tokens lying wholly inside ``[start, end)``."""
        lo = bisect_left(self._token_starts, start)
        hi = bisect_right(self._token_ends, end)
        return self.tokens[lo:hi] if hi > lo else []

    def numbers_in(self, start: int, end: int) -> list[NumberMention]:
        """The number mentions lying wholly inside ``[start, end)``."""
        return [n for n in self.numbers if start <= n.start and n.end <= end]

    def number_at(self, offset: int) -> NumberMention | None:
        """The number mention covering ``offset``, or None."""
        return number_at(self.numbers, offset)

    def paragraph_of(self, offset: int) -> int:
        """Index of the paragraph (line) holding ``offset``; -1 between sentences."""
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s.paragraph
        return -1

    def lemma(self, token: Token) -> str:
        """Dictionary form of a token's word (the folded word itself when it is not a word)."""
        return self.morphology.lemma(token.text)

    def per_sentence(self, read: Callable[[str], T], sentence: Sentence) -> T:
        """``read(sentence.text)``, computed once per document: two stages ask some sentence readings
        (whether a sentence is worth reading, its time expressions). The result is shared: do not change it."""
        key = (read, sentence.start)
        if key not in self._per_sentence:
            self._per_sentence[key] = read(sentence.text)
        return self._per_sentence[key]

    def matches(self, matcher: LemmaMatcher, start: int = 0, end: int | None = None) -> list[LemmaMatch]:
        """``matcher``'s entries found by lemma in ``[start, end)``; the document is read once per matcher."""
        got = self._matched.get(id(matcher))
        if got is None or got[0] is not matcher:
            found = matcher.find(self._words, self.morphology.lemmas)  # in text order
            got = (matcher, found, [m.start for m in found])
            self._matched[id(matcher)] = got
        _, found, starts = got
        if not found:
            return []
        stop = len(self.text) if end is None else end
        return [m for m in found[bisect_left(starts, start) : bisect_left(starts, stop)] if m.end <= stop]


def build_document(
    text: str,
    language: str,
    morphology: WordAnalyser,
    published_at: datetime | None = None,
    source: str | None = None,
    segment: Callable[[str], list[Sentence]] = sentences,
) -> Document:
    """Read ``text`` once: split sentences (``segment``) within lines; folding and tokens follow on first use."""
    sents = segment(text)
    for i, s in enumerate(sents):
        s.index = i
        s.text = text[s.start : s.end]
    return Document(
        text=text,
        language=language,
        sentences=sents,
        morphology=morphology,
        published_at=published_at,
        source=source,
    )
