"""Text features for linking: hashed TF vectors for wording, MinHash for copies.

Both are stateless (no vocabulary is fitted), so a mention linked today gets
the same vector as it would in a full rebuild, which keeps linking
incremental and deterministic.

- Wording: scikit-learn's ``HashingVectorizer`` over crude stems (first six
  letters of each word, so Russian and Ukrainian inflections meet) and their
  bigrams, with words every attack report shares dropped, hashed straight
  into 256 signed dimensions (the hashing trick keeps inner products in
  expectation), so a cosine is one small dense dot product.
- Names: the proper names a mention's sentences give that no gazetteer entry
  carries (an airport, a neighbourhood, a facility: "Ben Gurion", «Бен-Гурион»),
  romanised and cut to a crude key so one name meets across EN/RU/UK
  (``name_keys``). Wording rarely meets across languages; such a name does.
- Copies: datasketch ``MinHash`` over word 3-shingles of the whole report;
  reposts and light rewrites of one text score a high Jaccard and count as
  one source, unless each states a figure the other lacks (one template
  filled with two events' facts, as MoD bulletins are).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from datasketch import MinHash
from sklearn.feature_extraction.text import HashingVectorizer

from skylog.extract.common.timex import WEEKDAYS
from skylog.extract.packs import every_pack, time_words
from skylog.geo.gazetteer import default_gazetteer
from skylog.geo.keys import word_forms

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


# ---- names: proper names that meet across languages -----------------------------------------

_ROMAN = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e", "є": "e", "ж": "zh",
    "з": "z", "и": "i", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "sch", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "iu", "я": "ia", "y": "i", "j": "i",
})  # fmt: skip
# a capitalised word (parts of a hyphenated name apart) not opening a sentence or a quote
_NAME = re.compile(
    r"(?<![.!?:«\"“„(]\s)(?<![.!?:«\"“„(])(?<=[\s-])([A-ZА-ЯЁІЇЄҐ][a-zа-яёіїєґ]{3,})(?![’'ʼ]?[a-zа-яёіїєґ])"
)
# a capitalised word alone inside quotes: a business's or a facility's name («Епіцентр», "Epicenter"), as
# Ukrainian and Russian typography sets it off (a quote opening on a sentence is no such word)
_QUOTED_NAME = re.compile(r"[«\"“„]([A-ZА-ЯЁІЇЄҐ][a-zа-яёіїєґ]{3,})[»\"”“]")
NAME_KEY = 5  # letters of a romanised name compared (inflections fall away: «Бен-Гуриона», "Gurion")


def name_key(word: str) -> str:
    """A crude romanised key of a name: Cyrillic and Latin spellings of one name meet ("Gurion",
    «Гурион», «Гуріон»; "Hadath" and «Хадат»: h and doubled letters dropped, y/j read as i)."""
    w = unicodedata.normalize("NFKC", word).casefold().translate(_ROMAN)
    w = w.replace("kh", "h").replace("h", "").replace("ts", "c")  # «Епіцентр», "Epicenter": c
    w = re.sub(r"(.)\1+", r"\1", re.sub(r"[^a-z]", "", w))
    return w[:NAME_KEY]


@lru_cache(maxsize=65536)
def _plain_word(word: str) -> bool:
    """A word that names nothing particular: a word every attack report uses (LINK_COMMON), a
    month or weekday, or a name the gazetteer knows (its place is compared as a place, not a name)."""

    low = unicodedata.normalize("NFKC", word).casefold()
    if low[:6] in _COMMON or low in WEEKDAYS or time_words().month(low):
        return True
    gz = default_gazetteer()
    return any(gz.lookup(f) for f in _forms(low))


def _forms(low: str) -> list[str]:
    """A word as the gazetteer may list it: without a possessive ("Ukraine's"), and for Cyrillic its
    normal forms («Йемена», «Росії»: Йемен, Росія)."""
    low = re.sub(r"[’'ʼ]s?$", "", low)
    if low.isascii():
        return [low, *_demonym_stems(low)]
    lang = "uk" if re.search("[іїєґ]", low) else "ru"
    return [low, *word_forms(low, lang)]


# a people's adjective and the country it derives from: "Israeli", "Iranian", "Ukrainian", "Syrian",
# "Lebanese" (the country is compared as a place, and the adjective names no spot)
_DEMONYM = (("ian", ("", "e", "ia", "a")), ("ese", ("", "on")), ("an", ("", "a")), ("i", ("",)))


def _demonym_stems(low: str) -> list[str]:
    for suffix, ends in _DEMONYM:
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            return [low[: -len(suffix)] + e for e in ends]
    return []


def name_keys(text: str | None) -> frozenset[str]:
    """Keys of the particular names a text gives (see ``name_key``): capitalised words inside a
    sentence that are no gazetteer place (nor a people's adjective of one), no month or weekday and
    no word every report uses."""
    out = set()
    for m in (*_NAME.finditer(text or ""), *_QUOTED_NAME.finditer(text or "")):
        word = m.group(1)
        key = name_key(word)
        if len(key) >= 4 and not _plain_word(word):
            out.add(key)
    return frozenset(out)
