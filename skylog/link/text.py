"""Text features for linking: hashed TF vectors for wording, MinHash for copies.

Both are stateless (no vocabulary is fitted), so a mention linked today gets
the same vector as it would in a full rebuild, which keeps linking
incremental and deterministic.

- Wording: scikit-learn's ``HashingVectorizer`` over crude stems (first six
  letters of each word, so Russian and Ukrainian inflections meet) and their
  bigrams, with words every attack report shares dropped, hashed straight
  into 256 signed dimensions (the hashing trick keeps inner products in
  expectation), so a cosine is one small dense dot product.
- Copies: datasketch ``MinHash`` over word 3-shingles of the whole report;
  reposts and light rewrites of one text score a high Jaccard and count as
  one source, unless each states a figure the other lacks (one template
  filled with two events' facts, as MoD bulletins are).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import numpy as np
from datasketch import MinHash
from sklearn.feature_extraction.text import HashingVectorizer

from skylog.extract.packs import every_pack

NUM_PERM = 64
COPY_JACCARD = 0.6  # MinHash Jaccard at or above which two reports are one text (one source)
DIM = 256

_WORD = re.compile(r"\w+", re.U)

# Words (stems) that nearly every report of an aerial attack uses: they say nothing about *which*
# incident, so they are not compared. The words are the packs' ([words] LINK_COMMON); a report may
# mix languages, so every pack's count.
_COMMON = frozenset(w[:6] for p in every_pack() for w in p.words.get("LINK_COMMON", ()))


def stems(text: str) -> list[str]:
    """Crude stems of the content words of ``text``."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    out = []
    for w in _WORD.findall(text):
        if w.isdigit():
            out.append(w)
            continue
        s = w[:6]
        if len(s) > 1 and s not in _COMMON:
            out.append(s)
    return out


def tokens(text: str) -> list[str]:
    """Stems and stem bigrams: what the wording vector counts."""
    st = stems(text)
    return st + [f"{a} {b}" for a, b in zip(st, st[1:], strict=False)]


class TextEncoder:
    """Turns texts into unit vectors and MinHashes, in batches."""

    def __init__(self) -> None:
        self._hv = HashingVectorizer(
            analyzer=tokens,
            n_features=DIM,
            alternate_sign=True,
            norm="l2",
            dtype=np.float32,
        )

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-norm float32 rows; an empty text gives a zero row."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        x = self._hv.transform(texts).toarray()
        norms = np.linalg.norm(x, axis=1, keepdims=True)
        return np.divide(x, norms, out=np.zeros_like(x), where=norms > 0)

    @staticmethod
    def minhashes(texts: Sequence[str]) -> list[MinHash]:
        return minhashes(texts)


def shingles(text: str) -> list[bytes]:
    """Word 3-shingles of a text (one shingle for very short texts)."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text or "").casefold())
    if len(words) < 3:
        return [" ".join(words).encode()] if words else [b""]
    return [" ".join(words[i : i + 3]).encode() for i in range(len(words) - 2)]


_FIGURE = re.compile(r"\d+(?:[.,:]\d+)?")


def figures(text: str | None) -> frozenset[str]:
    """The figures a text states (counts, clock times, dates): what a template fills in anew each time."""
    return frozenset(_FIGURE.findall(text or ""))


def same_figures(a: str | None, b: str | None) -> bool:
    """Could two texts alike in wording be one text (a repost, a rewrite adding a figure)? Not when
    each states a figure the other lacks: that is one template filled with two events' facts (an MoD
    bulletin "около 15.00 мск … 3 БпЛА" and the next day's "около 10.15 мск … 5 БпЛА")."""
    fa, fb = figures(a), figures(b)
    return not fa or not fb or fa <= fb or fb <= fa


def is_copy(a: MinHash, b: MinHash, text_a: str | None, text_b: str | None) -> bool:
    """One text (a repost or light rewrite): alike in 3-shingles and stating the same figures."""
    return a.jaccard(b) >= COPY_JACCARD and same_figures(text_a, text_b)


def minhashes(texts: Sequence[str]) -> list[MinHash]:
    """MinHash signatures of texts (no fitted state: the same text always gives the same one)."""
    return MinHash.bulk([shingles(t) for t in texts], num_perm=NUM_PERM)


def cosine_max(v: np.ndarray, rows: np.ndarray) -> float:
    """Largest cosine between unit vector ``v`` and unit ``rows``."""
    if rows.shape[0] == 0:
        return 0.0
    return float(max(0.0, (rows @ v).max()))
