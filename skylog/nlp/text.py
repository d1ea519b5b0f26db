"""Offset-preserving text normalisation, tokenisation and sentence splitting.

Telegram posts carry Markdown (``**bold**``, ``[label](url)``), emoji bullets and
typographic apostrophes. Rules match on a *folded* copy of the text that has
exactly the same length as ``report.text``, so every match offset is also an
offset into the original text and spans need no mapping.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from razdel import sentenize

from skylog.nlp.spans import Sentence, Token

_MD_LINK_URL = re.compile(r"\]\((?:https?://|tg://|www\.)[^)\s]*\)")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_APOS = "’ʼ`´‘ʹ"


@lru_cache(maxsize=8192)  # a text repeats few distinct characters: fold each once (bounded)
def _fold_char(c: str, lower: bool = True) -> str:
    if c in _APOS:
        return "'"
    if c in "ёЁ":
        return "е" if lower or c == "ё" else "Е"
    if c in '«»“”„"':
        return c
    if c in "*_#~|":
        return " "
    if c in "\u00a0\u2009\u202f\t\r":
        return " "
    if c in "–—−‒":
        return "-"
    cat = unicodedata.category(c)
    if cat in ("So", "Sk", "Cs", "Co", "Cn", "Mn", "Cf"):
        return " "
    if not lower:
        return c
    low = c.lower()
    return low if len(low) == 1 else c


class _FoldTable(dict):
    """``str.translate`` table of ``_fold_char``: a character is looked up once, then read from the table.

    Kept to ``_FOLD_TABLE_MAX`` characters (a text repeats few distinct ones; beyond that, each is
    folded on every use)."""

    def __init__(self, lower: bool) -> None:
        super().__init__()
        self.lower = lower

    def __missing__(self, code: int) -> str:
        out = _fold_char(chr(code), self.lower)
        if len(self) < _FOLD_TABLE_MAX:
            self[code] = out
        return out


_FOLD_TABLE_MAX = 8192
_FOLD_TABLES = {True: _FoldTable(True), False: _FoldTable(False)}


def fold(text: str, lower: bool = True) -> str:
    """Lower-cased, markdown- and emoji-free copy of ``text`` with identical length."""
    out = text.translate(_FOLD_TABLES[bool(lower)])  # one character for one: _fold_char keeps the length
    # blank out link targets and bare URLs (they contain digits and words that confuse rules)
    for rx in (_MD_LINK_URL, _URL):
        out = rx.sub(
            lambda m: (
                "]" + " " * (len(m.group(0)) - 1) if m.group(0).startswith("]") else " " * len(m.group(0))
            ),
            out,
        )
    out = out.replace("[", " ").replace("]", " ")
    assert len(out) == len(text)
    return out


_TOKEN = re.compile(r"\d+(?:[.:,]\d+)*|\w+(?:['\-]\w+)*|[^\w\s]", re.UNICODE)


def tokenize(folded: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word, number and punctuation tokens of ``folded[start:end]`` with absolute offsets."""
    end = len(folded) if end is None else end
    # read in place (the pattern looks at nothing outside its match): offsets are already absolute
    return [Token(m.group(), *m.span()) for m in _TOKEN.finditer(folded, start, end)]


def sentences(text: str) -> list[Sentence]:
    """Sentence spans: razdel's sentence splitter within paragraphs (lines)."""
    out: list[Sentence] = []
    para = 0
    pos = 0
    for line in re.split(r"(\n)", text):
        if line == "\n":
            pos += 1
            para += 1
            continue
        if line.strip():
            for s in sentenize(line):
                out.append(Sentence(pos + s.start, pos + s.stop, para))
        pos += len(line)
    return out
