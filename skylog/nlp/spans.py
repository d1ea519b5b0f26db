"""The span types a ``Document`` is made of: tokens, sentences and the mentions stages find.

Every span holds character offsets into the report's text (the folded copies have the
same length), so a stage that reads a span reads the text, never a copy of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from skylog.records import TimeExpr


@dataclass
class Token:
    """A word, number or punctuation mark; ``text`` is its folded (lower-case, plain) form."""

    text: str
    start: int
    end: int


@dataclass
class Sentence:
    """A sentence: its offsets, its paragraph (line block), its place in the document and its text."""

    start: int
    end: int
    paragraph: int
    index: int = 0  # position in ``Document.sentences``
    text: str = ""  # ``Document.text[start:end]``, set when the document is built


@dataclass
class RegionMention:
    """A first-level region or a sea named in the text ("Белгородской области", "Чорне море")."""

    start: int
    end: int
    code: str | None  # ISO 3166-2 (or None for seas)
    kind: str  # "region" | "water"
    name: str | None = None  # English name for seas
    with_noun: bool = True


@dataclass
class TimeMention:
    """A time expression and the window it normalises to."""

    start: int
    end: int
    expr: TimeExpr


@dataclass
class Entity:
    """A named person, organisation or location and its nominative form.

    ``kind``: PER / ORG / LOC for Russian and Ukrainian (natasha), spaCy's labels for English
    (PERSON, ORG, NORP, GPE, LOC, FAC, ...).
    """

    start: int
    end: int
    kind: str
    text: str
    norm: str


@dataclass
class Attribution:
    """A reported-speech cue and who speaks ("сообщил губернатор Вячеслав Гладков")."""

    start: int
    end: int
    speaker: str
    role: str | None
    channel: str | None
    cue: str | None = None
    clause: tuple[int, int] | None = None  # the reported content, when it is a separate clause
