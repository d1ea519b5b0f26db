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
class NumberMention:
    """A numeral in the text: digits or words ("12", "twenty-five", "двох", "a dozen", "dozens").

    ``value`` is None for a vague quantity ("dozens", «десятки») and a decimal. ``qualifier`` says what
    the figure is: "exact", "at_least" ("at least 12", «понад 12»), "approx" ("about 12"), "at_most"
    ("up to 12"), "range" ("3-4": ``value`` 3, ``upper`` 4) or "vague". ``designation`` is set when the
    number names rather than counts: "model" ("Shahed-136", "131/136", "Х-101"), "year", "time",
    "date", "measure" ("5 km", "12%", "9-storey"), "ordinal" ("5th"), "code" ("№5"); None for a quantity.
    ``of_value``/``of_span``: the whole of an "N of M" ("15 of 18": 18).
    """

    start: int
    end: int
    value: int | None
    qualifier: str = "exact"
    qualifier_text: str | None = None  # the qualifier as written, lower case ("at least")
    upper: int | None = None
    designation: str | None = None
    words: bool = False  # written in words
    of_value: int | None = None
    of_span: tuple[int, int] | None = None

    @property
    def is_count(self) -> bool:
        """A figure that counts something: a value, not a designation, not a range."""
        return self.value is not None and self.designation is None and self.qualifier != "range"


def number_at(numbers: list[NumberMention], offset: int) -> NumberMention | None:
    """The mention of ``numbers`` (in text order) covering ``offset``, or None."""
    for n in numbers:
        if n.start <= offset < n.end:
            return n
        if n.start > offset:
            break
    return None


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
