"""Word analysis for Russian and Ukrainian: lemmas and grammatical tags from pymorphy3, cached.

One ``Morphology`` per language and process; a report's ``Document`` holds the one for its
language, so every stage asks the same cached analyser.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from typing import Any, Protocol

from skylog.nlp.models import morph

_NAME_GRAMMEMES = ("Name", "Surn", "Patr", "Geox", "Orgn", "Abbr")


class WordAnalyser(Protocol):
    """What a ``Document`` asks of its language's word analysis: a word's dictionary form.

    ``Morphology`` (Russian, Ukrainian) also answers grammatical questions its stages ask.
    """

    language: str

    def lemma(self, word: str) -> str: ...

    def lemmas(self, word: str) -> frozenset[str]: ...


class Morphology:
    """pymorphy3 parses of single words, cached per word."""

    def __init__(self, language: str) -> None:
        self.language = "uk" if language == "uk" else "ru"
        self.analyzer = morph(self.language)
        self.parse = lru_cache(maxsize=50_000)(self._parse)
        self.lemmas = lru_cache(maxsize=50_000)(self._lemmas)
        self.sibling: Morphology | None = None  # the other language's analyser (posts mix the two)

    def _parse(self, word: str) -> tuple[Any, ...]:
        return tuple(self.analyzer.parse(word))

    def tags(self, word: str, n: int = 3) -> list[str]:
        """The tags of the ``n`` likeliest parses of ``word``, as strings ("NOUN,inan,masc sing,nomn")."""
        return [str(p.tag) for p in self.parse(word)[:n]]

    def lemma(self, word: str) -> str:
        """The likeliest dictionary form of ``word`` (``word`` itself when it has no parse)."""
        parses = self.parse(word)
        return parses[0].normal_form if parses else word

    def _lemmas(self, word: str) -> frozenset[str]:
        """Every dictionary form ``word`` may have (``ё`` as ``е``), and ``word`` itself.

        A word this language's dictionary does not know is also read by ``sibling``'s: a Russian
        post quoting «шахедів» reads it as Ukrainian.
        """
        parses = self.parse(word)
        forms = {word, *(p.normal_form for p in parses)}
        if self.sibling is not None and not any(p.is_known for p in parses):
            forms.update(p.normal_form for p in self.sibling.parse(word))
        return frozenset(f.replace("ё", "е") for f in forms)

    def is_plain_word(self, word: str) -> bool:
        """An ordinary dictionary word, not a name, place, organisation or abbreviation."""
        parses = self.parse(word)[:3]
        if not parses or not parses[0].is_known:
            return False
        return not any(g in str(p.tag) for p in parses for g in _NAME_GRAMMEMES)

    def is_adjective(self, word: str) -> bool:
        """A full adjective or participle that is not a place name ("Мирный", "Ворожий")."""
        tag = self.tags(word, 1)[0]
        return ("ADJF" in tag or "PRTF" in tag or "adjf" in tag) and "Geox" not in tag


@lru_cache(maxsize=1)
def morphologies() -> dict[str, Morphology]:
    """The Russian and Ukrainian analysers, loaded once, each knowing the other's grammemes."""
    loaded = {lang: Morphology(lang) for lang in ("ru", "uk")}
    _share_grammemes([m.analyzer for m in loaded.values()])
    loaded["ru"].sibling, loaded["uk"].sibling = loaded["uk"], loaded["ru"]
    return loaded


def _share_grammemes(analyzers: list[Any]) -> None:
    """Make every loaded dictionary's grammemes known to pymorphy3's shared tag class.

    pymorphy3 keeps one tag class per format and resets its known grammemes to those of the
    dictionary loaded last; with both the Russian and the Ukrainian analyzers in one process,
    ``"Geox" in tag`` then raises for the other language (in any stage that asks). Adding the
    union keeps both usable.
    """
    for a in analyzers:
        path = os.path.join(a.dictionary.path, "grammemes.json")
        with open(path, encoding="utf-8") as fh:
            grammemes = json.load(fh)
        for name, _parent, alias, _desc in grammemes:
            a.TagClass.add_grammemes_to_known(name, alias, overwrite=False)
