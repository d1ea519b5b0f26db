"""Phrases given as lemmas, found in a ``Document`` by its tokens' dictionary forms.

Like spaCy's ``PhraseMatcher`` on ``LEMMA``: an entry is a sequence of words in dictionary form
("беспилотный летательный аппарат", "drone"); a word position may list alternatives separated
by ``|`` ("воздушный|вражеский цель"), and a word may be a hyphenated compound whose parts are
matched part by part ("дрон-камикадзе" finds «дронов-камикадзе»). A token matches a word when the
word is one of the token's dictionary forms (every reading the language's analyser offers, and
the token itself), so one entry finds every inflected form: "герань" finds «Герани», «Гераней».

A one-part word also matches the first part of a hyphenated token («ракетно-дроновой»: "ракетный"),
as a stem pattern tried at a word start did; such a match ends the phrase. Entries are indexed by
their first word, so a document is read once, token by token, whatever the number of entries;
only a token that begins as some entry's first word does (its first ``PREFIX`` letters) is
analysed at all. That assumes an inflected form keeps the first letters of its dictionary form,
true of the nouns and adjectives the packs list (an entry with a suppletive or vowel-dropping
stem, «люди» for "человек", «льда» for "лед", would have to list those forms as entries).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

Forms = Callable[[str], frozenset[str]]
PREFIX = 3


def norm(word: str) -> str:
    """The form entries and tokens are compared in: lower case, ``ё`` as ``е`` (as folded text has it)."""
    return word.lower().replace("ё", "е")


@dataclass(frozen=True)
class LemmaMatch:
    """One entry found: character offsets into the document's text and the entry's label."""

    start: int
    end: int
    label: str
    phrase: str


@dataclass(frozen=True)
class _Entry:
    phrase: str
    label: str
    words: tuple[tuple[frozenset[str], ...], ...]  # per word: per hyphen part, the allowed lemmas


def _parse_entry(phrase: str) -> tuple[tuple[frozenset[str], ...], ...]:
    words = []
    for word in phrase.split():
        alts = [a.split("-") for a in word.split("|")]
        if len({len(a) for a in alts}) != 1 or any(not p for a in alts for p in a):
            raise ValueError(f"lemma entry {phrase!r}: alternatives of {word!r} differ in their parts")
        words.append(tuple(frozenset(norm(a[i]) for a in alts) for i in range(len(alts[0]))))
    if not words:
        raise ValueError("empty lemma entry")
    return tuple(words)


class LemmaMatcher:
    """Entries (phrase, label) found by lemma; ``find`` yields the longest match at each token.

    ``exclude``: dictionary forms of homographs; a token that may also be one of them is no match
    ("уламковий": «уламкові поранення» are shrapnel wounds, though «уламкові» is also a form of "уламок").
    """

    def __init__(self, entries: Iterable[tuple[str, str]], exclude: Iterable[str] = ()) -> None:
        self._exclude = frozenset(norm(w) for w in exclude)
        self._by_first: dict[str, list[_Entry]] = {}
        self._prefixes: set[str] = set()
        words: set[str] = set()
        self.size = 0
        for phrase, label in entries:
            entry = _Entry(phrase, label, _parse_entry(phrase))
            self.size += 1
            if len(entry.words) == 1 and len(entry.words[0]) == 1:
                words.update(entry.words[0][0])
            for lemma in entry.words[0][0]:
                self._by_first.setdefault(lemma, []).append(entry)
                self._prefixes.add(lemma[:PREFIX])
        self.words = frozenset(words)  # the lemmas of the one-word entries
        self._prefix_lengths = sorted({len(p) for p in self._prefixes}, reverse=True)

    def has_word(self, forms: frozenset[str]) -> bool:
        """A word with these dictionary forms is a one-word entry (and no excluded homograph)."""
        return bool(forms & self.words) and not forms & self._exclude

    def find(self, words: list[tuple[str, int, int]], forms: Forms) -> list[LemmaMatch]:
        """Matches over ``words`` (folded token text, start, end; in text order), longest first at a start.

        ``forms(word)`` gives a word's dictionary forms. The words of a phrase are consecutive
        tokens (a punctuation mark between two words is a token of its own, so it breaks a phrase).
        """
        out: list[LemmaMatch] = []
        prefixes = self._prefixes
        at = {i for n in self._prefix_lengths for i, w in enumerate(words) if w[0][:n] in prefixes}
        for i in sorted(at):
            text, start, _end = words[i]
            head = text.split("-", 1)[0]
            cands = forms(text) | forms(head) if head != text else forms(text)
            if cands & self._exclude:
                continue
            entries = {id(e): e for lemma in cands for e in self._by_first.get(lemma, ())}
            best: list[LemmaMatch] = []
            for e in entries.values():
                end = self._match(e, words, i, forms)
                if end is not None:
                    best.append(LemmaMatch(start, end, e.label, e.phrase))
            best.sort(key=lambda m: -m.end)
            out.extend(best)
        return out

    def _match(self, e: _Entry, words: list[tuple[str, int, int]], i: int, forms: Forms) -> int | None:
        """End offset of entry ``e`` read from token ``i``, or None."""
        end = None
        for k, parts in enumerate(e.words):
            if i + k >= len(words):
                return None
            text, start, tok_end = words[i + k]
            if k and forms(text) & self._exclude:
                return None
            pieces = text.split("-")
            if len(parts) > 1:
                if len(pieces) != len(parts) or any(
                    not (p & forms(piece)) for p, piece in zip(parts, pieces, strict=True)
                ):
                    return None
                end = tok_end
            elif parts[0] & forms(text):
                end = tok_end
            elif len(pieces) > 1 and parts[0] & forms(pieces[0]) and k == len(e.words) - 1:
                end = start + len(pieces[0])
            else:
                return None
        return end


def written_forms(phrase: str, head_forms: Callable[[str], Iterable[str]]) -> list[str]:
    """The written forms of entry ``phrase`` in a language that inflects a phrase's head, its last word
    (English: "cruise missile", "cruise missiles"): every choice of the alternatives, the last part of
    the last word in every form ``head_forms`` gives, the other words as written; words apart by one
    space, parts of a compound by a hyphen.

    For rules that embed a lexicon in a larger pattern (``words_pattern``); ``head_forms`` should give
    forms the analyser reads back as the word, so that the pattern and ``find`` agree.
    """
    words = phrase.split()
    out = [""]
    for k, word in enumerate(words):
        choices = []
        for alt in word.split("|"):
            *parts, last = alt.split("-")
            stem = "".join(p + "-" for p in parts)
            choices += [stem + f for f in (head_forms(last) if k == len(words) - 1 else (last,))]
        out = [f"{o} {c}" if o else c for o in out for c in choices]
    return out


def char_trie(words: Iterable[str]) -> dict[str, dict]:
    """``words`` as nested dicts a letter a level; ``""`` marks where a word ends (patterns are drawn from it)."""
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return trie


def words_pattern(forms: Iterable[str]) -> str:
    """One regular expression for written ``forms`` (lower case), shared beginnings factored out as in
    a trie, so that a position is rejected at its first letter whatever the number of forms; a space
    matches any run of white space. A longer form is tried before one it begins with."""
    trie = char_trie(forms)

    def render(node: dict[str, dict]) -> str:
        branches = [
            (r"\s+" if ch == " " else re.escape(ch)) + render(child) for ch, child in node.items() if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return body + "?" if len(branches) == 1 and len(body) == 1 else f"(?:{body})?"
        return body

    return render(trie)


def resolve(matches: Iterable[LemmaMatch]) -> list[LemmaMatch]:
    """Leftmost-longest matches that do not overlap, in text order."""
    out: list[LemmaMatch] = []
    for m in sorted(matches, key=lambda m: (m.start, -m.end)):
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out
