"""Word analysis for English: dictionary forms from spaCy's English lemma tables, cached per word.

spaCy's rule lemmatizer needs a part of speech; a rule reading a word out of context has none,
so a word is read as a verb first ("struck" -> "strike"), then as a noun ("drones" -> "drone"),
then as an adjective, and the first reading that changes the word is its lemma. The tables come
with the bundled en_core_web_sm model, loaded only when a lemma is first asked for.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

from skylog.nlp.models import english

_READINGS = ("VERB", "NOUN", "ADJ")


class EnglishMorphology:
    """Lemmas of single English words (lower-cased), cached."""

    language = "en"

    def __init__(self) -> None:
        self.lemma = lru_cache(maxsize=50_000)(self._lemma)
        self.lemmas = lru_cache(maxsize=50_000)(self._lemmas)

    def _lemma(self, word: str) -> str:
        low = word.lower()
        if not low.isalpha():
            return low
        lemmatizer, vocab = _lemmatizer()
        for pos in _READINGS:
            token = Doc(vocab, words=[low], pos=[pos])[0]
            forms = lemmatizer.rule_lemmatize(token)
            if forms and forms[0] != low:
                return forms[0]
        return low

    def _lemmas(self, word: str) -> frozenset[str]:
        """Every reading's dictionary form of ``word`` ("left": "leave", "left"), and the word itself."""
        low = word.lower()
        if not low.isalpha():
            return frozenset((low,))
        lemmatizer, vocab = _lemmatizer()
        forms = {low}
        for pos in _READINGS:
            forms.update(lemmatizer.rule_lemmatize(Doc(vocab, words=[low], pos=[pos])[0])[:1])
        return frozenset(forms)


def noun_lemma(word: str) -> str:
    """The dictionary form of ``word`` read as a noun ("drones": "drone"; "bombed", "shelling": themselves)."""
    low = word.lower()
    if not low.isalpha():
        return low
    lemmatizer, vocab = _lemmatizer()
    forms = lemmatizer.rule_lemmatize(Doc(vocab, words=[low], pos=["NOUN"])[0])
    return forms[0] if forms else low


def noun_lemmas(word: str) -> frozenset[str]:
    """``word`` (lower-cased) and its noun reading: the forms a noun entry of a lexicon is matched by."""
    low = word.lower()
    return frozenset((low, noun_lemma(low)))


@lru_cache(maxsize=4096)
def noun_forms(word: str) -> tuple[str, ...]:
    """``word`` and its regular plurals (-s, -es, -y to -ies) that read back as ``word`` (``noun_lemma``).

    The written forms a noun entry stands for, for patterns that must spell them out: "drone":
    "drones"; "smerch": "smerchs" (not "smerches", read as "smerche"); a word in digits has no plural.
    """
    low = word.lower()
    if not low.isalpha():
        return (low,)
    cands = [low + "es"] if low.endswith("s") else [low + "s", low + "es"]
    if low.endswith("y"):
        cands.append(low[:-1] + "ies")
    return (low, *(c for c in cands if noun_lemma(c) == low))


@lru_cache(maxsize=1)
def _lemmatizer() -> tuple[Any, Any]:
    nlp = english(("tok2vec", "tagger", "parser", "attribute_ruler", "ner"))
    return nlp.get_pipe("lemmatizer"), nlp.vocab


@lru_cache(maxsize=1)
def english_morphology() -> EnglishMorphology:
    """The process's English word analyser."""
    return EnglishMorphology()
