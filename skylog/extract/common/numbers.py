"""The numbers layer: every numeral of a document, read once, for every language.

``add_number_layer(doc)`` fills ``doc.numbers`` with a ``NumberMention`` per numeral: digits ("12",
"1,200", "1 200"), words in any case form ("twenty-five", "two hundred and fifty", "двох", "п'ятнадцятьма"),
phrases ("a dozen", "a couple of"), vague quantities ("dozens", «десятки»: no value), ranges ("3-4"),
"N of M" ("15 of 18") and a qualifier before the figure ("at least", «понад»). Numbers that name rather
than count are marked as designations: model numbers ("Shahed-136", "131/136", "Kh 101"), years, clock
times, dates, measures ("5 km", "12%"), ordinals ("5th") and codes ("№5").

The code is the same for every language; the words are the language pack's: ``[numbers.*]`` tables
(surface forms; ``LEMMAS_<lang>`` tables are dictionary forms, any inflection of which is normalised
with the language's morphology), ``[numbers.MULTIPLIERS]``, ``[maps.NUMBER_QUALIFIERS]``, the word sets
``VAGUE_QUANTITIES``, ``NUMBER_NOT_ALONE``, ``NUMBER_CONNECTORS``, ``DESIGNATION_BEFORE`` and the
``numbers`` stage's patterns (``_STAGE_PATTERNS``; a pack leaves out those its language has no use for).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from skylog.extract.packs import Pack, load_pack
from skylog.nlp.document import Document
from skylog.nlp.spans import NumberMention, Token, number_at

_DIGITS = re.compile(r"\d{1,7}")
_CLOCK = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
_DAY_MONTH = re.compile(r"\d{1,2}\.\d{2}")  # "15.00" or "31.07"
_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}")
_MODEL_TOKEN = re.compile(r"[^\W\d_]+-?(\d+)[^\W\d_]*(?:-\w+)?")  # "shahed-136", "х-101", "ту-95мс"
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})


_STAGE_PATTERNS = (
    "UNIT_AFTER",
    "ORDINAL_AFTER",
    "DATE_AFTER",
    "DATE_BEFORE",
    "OF",
    "RANGE",
    "WORD_START",
    "DIGIT_GROUPS",
)


@dataclass(frozen=True)
class NumberWords:
    """One language's number vocabulary, from its pack."""

    language: str
    words: dict[str, int]  # surface form -> value
    phrases: dict[str, list[tuple[tuple[str, ...], int]]]  # first word -> ("a", "dozen") -> 12, longest first
    multipliers: dict[str, int]  # "hundred", "thousand" (surface or dictionary form)
    lemmas: dict[str, dict[str, int]]  # language -> dictionary form -> value
    vague: frozenset[str]
    not_alone: frozenset[str]
    connectors: frozenset[str]
    designation_before: frozenset[str]
    qualifiers: dict[str, str]  # phrase -> "at_least" | "approx" | "at_most"
    qualifier_re: re.Pattern[str] | None
    patterns: dict[str, re.Pattern[str]]  # the numbers stage's patterns


def _stage_pattern(pack: Pack, name: str) -> re.Pattern[str] | None:
    key = f"numbers.{name}"
    return pack.compile(key) if key in pack.templates else None


def _phrases(table: dict[str, int]) -> dict[str, list[tuple[tuple[str, ...], int]]]:
    out: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for w, n in sorted(table.items(), key=lambda p: -len(p[0].split())):
        words = tuple(w.split())
        out.setdefault(words[0], []).append((words, n))
    return out


@lru_cache(maxsize=4)
def number_words(language: str) -> NumberWords:
    """The number vocabulary of ``language``'s pack (read once per process)."""
    pack = load_pack(language)
    tables = {k: v for k, v in pack.numbers.items() if not k.startswith("LEMMAS_")}
    flat = {w.translate(_APOSTROPHES): n for t in tables.values() for w, n in t.items()}
    qualifiers = dict(pack.maps.get("NUMBER_QUALIFIERS", {}))
    alts = "|".join(re.escape(q) for q in sorted(qualifiers, key=len, reverse=True))
    return NumberWords(
        language=language,
        words={w: n for w, n in flat.items() if " " not in w},
        phrases=_phrases({w: n for w, n in flat.items() if " " in w}),
        multipliers=dict(pack.numbers.get("MULTIPLIERS", {})),
        lemmas={k.removeprefix("LEMMAS_"): v for k, v in pack.numbers.items() if k.startswith("LEMMAS_")},
        vague=pack.word_sets.get("VAGUE_QUANTITIES", frozenset()),
        not_alone=pack.word_sets.get("NUMBER_NOT_ALONE", frozenset()),
        connectors=pack.word_sets.get("NUMBER_CONNECTORS", frozenset()),
        designation_before=pack.word_sets.get("DESIGNATION_BEFORE", frozenset()),
        qualifiers=qualifiers,
        qualifier_re=re.compile(rf"(?<!\w)({alts})\s+$") if alts else None,
        patterns={n: p for n in _STAGE_PATTERNS if (p := _stage_pattern(pack, n)) is not None},
    )


@lru_cache(maxsize=50000)
def _lemma_value(word: str, language: str) -> tuple[int, str] | None:
    """(value, dictionary form) of an inflected number word, from the morphology of either language."""
    from skylog.nlp.models import morph

    nw = number_words(language)
    start = nw.patterns.get("WORD_START")
    if start is None or not start.match(word):
        return None
    langs = [language] + [lang for lang in nw.lemmas if lang != language]
    for lang in langs:
        table = nw.lemmas.get(lang, {})
        for k, p in enumerate(morph(lang).parse(word)):
            nf = p.normal_form.translate(_APOSTROPHES)
            tag = str(p.tag)
            # past the first four readings only a numeral one counts: «п'яти» is first the heel's case
            # («п'ята»), then the genitive of «п'ять»
            if nf in table and (
                "NUMR" in tag or (k < 4 and ("Anum" in tag or nf in nw.multipliers or table[nf] == 1))
            ):
                return table[nf], nf
        if word in table:
            return table[word], word
    return None


@lru_cache(maxsize=50000)  # asked for every token of every report: read each word once (bounded)
def word_value(word: str, language: str) -> tuple[int, str] | None:
    """(value, key) of one number word ("twenty-five" -> 25, "двох" -> 2); key names a multiplier."""
    w = word.lower().translate(_APOSTROPHES)
    nw = number_words(language)
    if w in nw.words:
        return nw.words[w], w
    parts = w.split("-")
    if len(parts) == 2 and all(p in nw.words for p in parts):  # "twenty-five"
        tens, unit = nw.words[parts[0]], nw.words[parts[1]]
        if 20 <= tens < 100 and tens % 10 == 0 and 0 < unit < 10:
            return tens + unit, w
        return None
    if nw.lemmas:
        return _lemma_value(w, language)
    return None


@lru_cache(maxsize=8)
def _starts_with_digit(rx: re.Pattern[str]) -> bool:
    """Every match of ``rx`` starts with a digit (``\\d``, maybe repeated): it begins no token that does not."""
    from re import _constants as c
    from re import _parser

    items = _parser.parse(rx.pattern, rx.flags)
    while items:
        op, av = items[0]
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            items = av[2]
        elif op is c.SUBPATTERN:
            items = av[3]
        else:
            return op is c.IN and list(av) == [(c.CATEGORY, c.CATEGORY_DIGIT)]
    return False


class _Reader:
    """Reads the numerals of one token list."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.folded
        self.tokens: list[Token] = doc.tokens
        self.nw = number_words(doc.language)
        self.grouped = self.nw.patterns.get("DIGIT_GROUPS")
        # a digit-group pattern that starts with a digit is asked only of tokens that do
        self.grouped_any = self.grouped is not None and not _starts_with_digit(self.grouped)

    def value(self, i: int) -> tuple[int, str] | None:
        if i >= len(self.tokens):
            return None
        return word_value(self.tokens[i].text, self.doc.language)

    def digits_at(self, i: int) -> tuple[int | None, int, str | None] | None:
        """(value, end token, designation) of a digit token at ``i``, or None."""
        t = self.tokens[i].text
        lead = t[0].isdigit()  # every digit pattern here starts with a digit (\d is a kind of isdigit)
        if lead and _DIGITS.fullmatch(t):
            val, j = int(t), i + 1
            # "1 000": a group of three digits one space on
            while (
                j < len(self.tokens)
                and re.fullmatch(r"\d{3}", self.tokens[j].text)
                and self.tokens[j].start == self.tokens[j - 1].end + 1
                and val < 1000
            ):
                val = val * 1000 + int(self.tokens[j].text)
                j += 1
            year = j == i + 1 and len(t) == 4 and 1900 <= val <= 2100
            return val, j, "year" if year else None
        grouped = self.grouped
        if grouped is not None and (lead or self.grouped_any) and grouped.fullmatch(t):  # "1,200" in English
            return int(re.sub(r"\D", "", t)), i + 1, None
        if not lead:
            return None
        if _CLOCK.fullmatch(t):
            return None, i + 1, "time"
        if _DATE.fullmatch(t):
            return None, i + 1, "date"
        if _DAY_MONTH.fullmatch(t):
            return None, i + 1, "time"
        return None, i + 1, None  # a decimal: no count

    def words_at(self, i: int) -> tuple[int, int] | None:
        """(value, end token) of a number written in words at ``i`` (a phrase or a compound), or None."""
        for phrase, v in self.nw.phrases.get(self.tokens[i].text, ()):
            if tuple(t.text for t in self.tokens[i : i + len(phrase)]) == phrase:
                return self.compound(v, i + len(phrase), v)
        first = self.value(i)
        if first is None:
            return None
        if self.tokens[i].text in self.nw.not_alone:
            nxt = self.value(i + 1)
            if nxt is None or nxt[1] not in self.nw.multipliers:
                return None
        v, key = first
        if key in self.nw.multipliers and v >= 1000:
            return self.compound(0, i + 1, v, total=v)
        return self.compound(v, i + 1, v)

    def compound(self, group: int, j: int, last: int, total: int = 0) -> tuple[int, int]:
        """Extend a number in words over the words that continue it ("two hundred and fifty")."""
        while j < len(self.tokens):
            step = 1
            if self.tokens[j].text in self.nw.connectors and (group >= 100 or total):
                step = 2
            nxt = self.value(j + step - 1)
            if nxt is None:
                break
            nv, key = nxt
            if key in self.nw.multipliers and nv >= 1000 and group > 0 and step == 1:
                total, group = total + group * nv, 0
            elif key in self.nw.multipliers and 0 < group < 100 and step == 1:
                group *= nv
            elif group == 0 and total and nv < 1000:
                group = nv
            elif (group >= 100 and group % 100 == 0 and 0 < nv < 100) or (
                20 <= last < 100 and last % 10 == 0 and 0 < nv < 10 and step == 1
            ):
                group += nv
            else:
                break
            last = nv
            j += step
        return total + group, j


def _read_one(r: _Reader, i: int) -> tuple[NumberMention, int] | None:
    """The numeral starting at token ``i`` and the token after it, or None."""
    tok = r.tokens[i]
    got = r.digits_at(i)
    if got is not None:
        value, j, designation = got
        return NumberMention(tok.start, r.tokens[j - 1].end, value, designation=designation), j
    model = None if tok.text.isalpha() else _MODEL_TOKEN.fullmatch(tok.text)  # a model number needs a digit
    if model is not None:  # "shahed-136", "х-101": a number inside a name
        return NumberMention(tok.start, tok.end, int(model.group(1)), designation="model"), i + 1
    if tok.text in r.nw.vague:
        return NumberMention(tok.start, tok.end, None, qualifier="vague", words=True), i + 1
    got_w = r.words_at(i)
    if got_w is None:
        return None
    value, j = got_w
    return NumberMention(tok.start, r.tokens[j - 1].end, value, words=True), j


def _designation(r: _Reader, n: NumberMention, before_token: Token | None) -> str | None:
    """Why a quantity-looking number names something instead (see ``NumberMention``), or None."""
    f, p = r.text, r.nw.patterns
    before, after = f[n.start - 1 : n.start] if n.start else "", f[n.end : n.end + 1]
    if r.doc.text[max(0, n.start - 3) : n.start].rstrip().endswith(("№", "#")):
        return "code"  # "№ 5" (the folded copy blanks the sign)
    if before == "-":
        return "model"  # "Kh -101" written apart, a minus
    if after == "-":
        return "measure"  # "5-storey", "5-й"
    if (before == "/" and f[n.start - 2 : n.start - 1].isalnum()) or (
        after == "/" and f[n.end + 1 : n.end + 2].isdigit()
    ):
        return "model"  # "131/136", "Shahed-136/131"
    if before_token is not None and before_token.text in r.nw.designation_before:
        return "model"  # "Shahed 136", "Kh 101"
    for name, kind in (("ORDINAL_AFTER", "ordinal"), ("UNIT_AFTER", "measure"), ("DATE_AFTER", "date")):
        if name in p and p[name].match(f[n.end : n.end + 16]):
            return kind
    if "DATE_BEFORE" in p and p["DATE_BEFORE"].search(f[max(0, n.start - 12) : n.start]):
        return "date"
    return None


def _qualify(r: _Reader, n: NumberMention) -> None:
    """Set the qualifier written right before a figure ("at least 12", «понад 12»)."""
    if r.nw.qualifier_re is None or n.value is None or n.qualifier != "exact":
        return
    m = r.nw.qualifier_re.search(r.text, max(0, n.start - 24), n.start)
    if m:
        n.qualifier_text = m.group(1)
        n.qualifier = r.nw.qualifiers[m.group(1)]


def _ranges(r: _Reader, raw: list[tuple[NumberMention, int]]) -> list[tuple[NumberMention, int]]:
    """ "3-4", "10 – 12": two figures joined by a dash are one range (``value`` to ``upper``)."""
    rx = r.nw.patterns.get("RANGE")
    out: list[tuple[NumberMention, int]] = []
    for n, i in raw:
        if out and rx is not None:
            prev = out[-1][0]
            if (
                prev.designation is None
                and n.designation is None
                and prev.value is not None
                and n.value is not None
                and prev.value < n.value
                and prev.qualifier == "exact"
                and rx.match(r.text[prev.end : n.start])
            ):
                prev.end, prev.upper, prev.qualifier = n.end, n.value, "range"
                continue
        out.append((n, i))
    return out


def _of(r: _Reader, numbers: list[NumberMention]) -> None:
    """ "15 of 18", "45 з 60": the first figure is a part of the second."""
    rx = r.nw.patterns.get("OF")
    if rx is None:
        return
    for a, b in zip(numbers, numbers[1:], strict=False):
        if a.is_count and b.is_count and rx.match(r.text[a.end : b.start]):
            if a.value is not None and b.value is not None and a.value <= b.value:
                a.of_value, a.of_span = b.value, (b.start, b.end)


def read_numbers(doc: Document) -> list[NumberMention]:
    """Every numeral of ``doc``, in text order (see the module's docstring)."""
    r = _Reader(doc)
    raw: list[tuple[NumberMention, int]] = []
    # a plain word that is no number word, vague quantity or phrase's first word starts no numeral
    # (``_read_one`` answers None for it): skipped without asking
    plain_ok = not r.grouped_any
    skip, lang = r.nw.vague | r.nw.phrases.keys(), doc.language
    i = 0
    while i < len(r.tokens):
        t = r.tokens[i].text
        if plain_ok and t.isalpha() and t not in skip and word_value(t, lang) is None:
            i += 1
            continue
        got = _read_one(r, i)
        if got is None:
            i += 1
            continue
        raw.append((got[0], i))
        i = got[1]
    out = []
    for n, i in _ranges(r, raw):
        if n.designation is None and n.qualifier != "vague":
            n.designation = _designation(r, n, r.tokens[i - 1] if i else None)
        _qualify(r, n)
        out.append(n)
    _of(r, out)
    return out


def figure_at(numbers: list[NumberMention], offset: int) -> NumberMention | None:
    """The figure a pattern's number at ``offset`` reads as: its layer mention when that counts, else None."""
    n = number_at(numbers, offset)
    return n if n is not None and n.is_count else None


@dataclass
class _Verbatim:
    """Word analysis that leaves words as they are (the numbers layer asks none of it)."""

    language: str

    def lemma(self, word: str) -> str:
        return word


def numbers_of(text: str, language: str) -> list[NumberMention]:
    """The numbers layer of a bare text (a sentence read on its own, in tests and tools)."""
    return read_numbers(Document(text=text, language=language, sentences=[], morphology=_Verbatim(language)))


def add_number_layer(doc: Document) -> None:
    """Fill ``doc.numbers`` (once)."""
    doc.numbers = read_numbers(doc)
