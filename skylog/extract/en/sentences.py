"""Rule-based sentence segmentation with character offsets.

Faster than the statistical parser and predictable on news text: newlines always end a sentence,
terminal punctuation ends one before a capital or an opening quote, except after common abbreviations
("Gov.", "Lt.", "Oct.", initials).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ABBREV = {
    "gov", "lt", "gen", "col", "maj", "capt", "sgt", "mr", "mrs", "ms", "dr", "st", "no", "vs", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e",
    "adm", "rep", "sen", "prof", "jr", "sr", "inc", "co", "corp", "approx", "dept", "gens",
}  # fmt: skip
_BOUNDARY = re.compile(r"([.!?…]+[\"”’»)]*|[\"”’»][.!?]+)(\s+)(?=[\"“‘«(\[]?[A-Z0-9А-ЯЁІЇЄҐ•–—-])")


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    index: int = 0
    ents: list[tuple[int, int, str]] = field(default_factory=list)  # global (start, end, label)


def split_sentences(text: str) -> list[Sentence]:
    """Sentences (stripped, with global offsets) and the paragraph (line block) each belongs to."""
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
            before = line[cut : m.start()]
            last = re.search(r"([\w.]+)$", before)
            if (
                last
                and m.group(1).startswith(".")
                and (last.group(1).lower().rstrip(".") in ABBREV or re.fullmatch(r"[A-Z]", last.group(1)))
            ):
                continue
            end = m.end(1)
            _add(out, text, line_start + cut, line_start + end, para)
            cut = m.end()
        _add(out, text, line_start + cut, line_start + len(line), para)
        para += 1
    for i, s in enumerate(out):
        s.index = i
    return out


def _add(out: list[Sentence], text: str, start: int, end: int, para: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end], para))
