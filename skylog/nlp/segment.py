"""Rule-based sentence segmentation with character offsets, for languages whose splitter is rules.

Faster than a statistical parser and predictable on news text: newlines always end a sentence,
terminal punctuation ends one before a capital or an opening quote, except after an abbreviation
of the language ("Gov.", "Lt.", "Oct.") or an initial. The abbreviations come from the language's
pack, so the splitter itself knows no language.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from skylog.nlp.spans import Sentence

_BOUNDARY = re.compile(r"([.!?…]+[\"”’»)]*|[\"”’»][.!?]+)(\s+)(?=[\"“‘«(\[]?[A-Z0-9А-ЯЁІЇЄҐ•–—-])")
_LAST_WORD = re.compile(r"([\w.]+)$")
_INITIAL = re.compile(r"[A-Z]")


def rule_sentences(text: str, abbreviations: Collection[str]) -> list[Sentence]:
    """Sentences (stripped, with offsets into ``text``) and the paragraph (line block) of each."""
    out: list[Sentence] = []
    para = 0
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        if not line.strip():
            para += 1
            continue
        cut = 0
        for m in _BOUNDARY.finditer(line):
            if m.group(1).startswith(".") and _ends_in_abbreviation(line[cut : m.start()], abbreviations):
                continue
            _add(out, text, line_start + cut, line_start + m.end(1), para)
            cut = m.end()
        _add(out, text, line_start + cut, line_start + len(line), para)
        para += 1
    for i, s in enumerate(out):
        s.index = i
    return out


def _ends_in_abbreviation(before: str, abbreviations: Collection[str]) -> bool:
    last = _LAST_WORD.search(before)
    if last is None:
        return False
    word = last.group(1)
    return word.lower().rstrip(".") in abbreviations or bool(_INITIAL.fullmatch(word))


def _add(out: list[Sentence], text: str, start: int, end: int, para: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, para, text=text[start:end]))
