"""Regular expressions behind a cheap keyword gate.

Some extraction patterns try a long weapon alternation at every position of a sentence; most
sentences lack the one verb the pattern needs, so a plain search for that verb first skips the
expensive scan without changing any match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from skylog.nlp.lemmas import char_trie


class GatedPattern:
    """``pattern``, searched only in texts where ``gate`` (a verb every match contains) occurs."""

    def __init__(self, pattern: re.Pattern[str], gate: str) -> None:
        self.pattern = pattern
        self.gate = re.compile(gate, pattern.flags)

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        if not self.gate.search(text, pos):
            return None
        return self.pattern.search(text, pos)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if not self.gate.search(text):
            return iter(())
        return self.pattern.finditer(text)


# -- gates read off the pattern itself ---------------------------------------------------------------
# A pattern's parse tree tells which words every match must contain: a sequence needs each of its
# mandatory parts, an alternation needs one of its branches' words. When none of those words occurs
# in a text (compared lower-cased), no match can start anywhere in it, and the scan is skipped.

_MIN_GATE_WORD = 3  # shorter words occur in nearly every sentence: no use as a gate
_NON_ASCII_LETTER = re.compile(r"[^\W\d_\x00-\x7f]")  # case-insensitive matching may map these onto ASCII


_MAX_GATE_WORDS = 48  # testing more words than this costs about what the scan it saves does
_LONG_ENOUGH = 5  # a word this long is rare enough: then fewer words matter more than longer ones


def _minimal(words: frozenset[str]) -> frozenset[str]:
    """The same requirement with fewer words: a word holding another word of the set adds nothing."""
    return frozenset(w for w in words if not any(v != w and v in w for v in words))


def _best(cands: list[frozenset[str]]) -> frozenset[str] | None:
    """The cheapest selective one of several sufficient word sets: long words, then few of them."""
    if not cands:
        return None
    return max(cands, key=lambda s: (min(_LONG_ENOUGH, *(len(w) for w in s)), -len(s)))


_MAX_SPELLINGS = 64  # the most spellings a literal stretch of a pattern is expanded to


def _exact(op, av) -> set[str] | None:
    """Every text one node of the re parser can match, lower-cased, when they are few plain strings."""
    from re import _constants as c  # the parser's node kinds

    if op is c.LITERAL:
        return {chr(av).lower()} if av < 128 else None
    if op is c.IN:  # a class of plain characters ("[- ]")
        if all(o is c.LITERAL and a < 128 for o, a in av):
            return {chr(a).lower() for _, a in av}
        return None
    if op is c.SUBPATTERN:
        return _exact_seq(av[3])
    if op is c.BRANCH:
        out: set[str] = set()
        for b in av[1]:
            got = _exact_seq(b)
            if got is None:
                return None
            out |= got
        return out if len(out) <= _MAX_SPELLINGS else None
    if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[1] == 1 and av[0] in (0, 1):  # "x?" or "x"
        got = _exact_seq(av[2])
        return None if got is None else (got | {""} if av[0] == 0 else got)
    return None


def _exact_seq(items) -> set[str] | None:
    out = {""}
    for op, av in items:
        got = _exact(op, av)
        if got is None or len(out) * len(got) > _MAX_SPELLINGS:
            return None
        out = {a + b for a in out for b in got}
    return out


def _needs(items) -> frozenset[str] | None:  # items: a sequence of the re parser's (op, arg) nodes
    """Words of which every match of ``items`` contains at least one (lower-cased), or None."""
    from re import _constants as c  # the parser's node kinds

    cands: list[frozenset[str]] = []
    run = {""}  # the spellings of the plain stretch read so far
    for op, av in items:
        got_exact = _exact(op, av)
        if got_exact is not None and len(run) * len(got_exact) <= _MAX_SPELLINGS:
            run = {a + b for a in run for b in got_exact}
            continue
        cands.append(frozenset(run))
        run = {""}
        if got_exact is not None:  # too many spellings together: a new stretch starts here
            run = got_exact
            continue
        if op is c.SUBPATTERN:
            got = _needs(av[3])
        elif op is c.ATOMIC_GROUP:
            got = _needs(av)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            got = _needs(av[2]) if av[0] >= 1 else None
        elif op is c.BRANCH:
            branches = [_needs(b) for b in av[1]]
            got = None if any(b is None for b in branches) else frozenset().union(*branches)
        else:  # a class, an anchor, a lookaround, a back reference: no word of its own
            got = None
        if got:
            cands.append(got)
    cands.append(frozenset(run))
    cands = [_minimal(s) for s in cands if s and min(map(len, s)) >= _MIN_GATE_WORD]
    return _best([s for s in cands if len(s) <= _MAX_GATE_WORDS])


def gate_words(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """The words (lower-cased) one of which every match of ``pattern`` contains, or None."""
    from re import _parser

    got = _needs(_parser.parse(pattern.pattern, pattern.flags))
    return tuple(sorted(got)) if got else None


@lru_cache(maxsize=256)  # one sentence meets dozens of gated patterns in a row: lower it once (bounded)
def _lowered(text: str) -> tuple[str, dict[int, bool]] | None:
    """``text`` lower-cased for the gate test with the answers of the gates asked of it so far (by gate),
    or None when it holds non-ASCII letters (always scanned)."""
    return None if _NON_ASCII_LETTER.search(text) else (text.lower(), {})


_SHORT_TEXT = 40  # a shorter text (a few words before a match) is scanned at once: cheaper than its gate
_TRIE_FROM = 12  # from this many gate words on, one trie-shaped pattern finds them faster than a loop


def _trie(words: tuple[str, ...]) -> str:
    """One pattern for plain ``words``, shared beginnings factored out; ``search`` answers ``any(w in s)``."""
    trie = char_trie(words)

    def render(node: dict[str, dict]) -> str:
        if "" in node:  # a word ends here: any text holding the longer ones holds it
            return ""
        branches = [re.escape(ch) + render(child) for ch, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return render(trie)


class WordGated:
    """``pattern``, scanned only in texts holding one of its gate words (``gate_words``); the same
    matches as ``pattern`` itself. Texts with non-ASCII letters are always scanned (case-insensitive
    matching relates some of them to ASCII letters). A gate's answer for a text is kept with the text's
    lowered copy, so a text asked again (a sentence read by several rules) is not looked through again."""

    _keys: dict[tuple[str, ...], int] = {}  # patterns built of one fragment share their gate and its answers

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self._pattern = pattern
        self.words = gate_words(pattern)
        self._key = WordGated._keys.setdefault(self.words or (), len(WordGated._keys))
        self._any = (
            re.compile(_trie(self.words)).search if self.words and len(self.words) >= _TRIE_FROM else None
        )

    def __getattr__(self, name: str):
        return getattr(self._pattern, name)

    def _cannot_match(self, text: str) -> bool:
        if self.words is None or len(text) < _SHORT_TEXT:
            return False
        state = _lowered(text)
        if state is None:
            return False
        low, answers = state
        got = answers.get(self._key)
        if got is None:
            if self._any is not None:
                got = self._any(low) is None
            else:
                got = True
                for w in self.words:  # a plain loop: ~2x faster than any() over a generator here
                    if w in low:
                        got = False
                        break
            answers[self._key] = got
        return got

    def search(self, text: str, *args) -> re.Match[str] | None:
        return None if self._cannot_match(text) else self._pattern.search(text, *args)

    def match(self, text: str, *args) -> re.Match[str] | None:
        return None if self._cannot_match(text) else self._pattern.match(text, *args)

    def fullmatch(self, text: str, *args) -> re.Match[str] | None:
        return None if self._cannot_match(text) else self._pattern.fullmatch(text, *args)

    def finditer(self, text: str, *args) -> Iterator[re.Match[str]]:
        return iter(()) if self._cannot_match(text) else self._pattern.finditer(text, *args)

    def findall(self, text: str, *args) -> list:
        return [] if self._cannot_match(text) else self._pattern.findall(text, *args)

    def sub(self, repl, text: str, count: int = 0) -> str:
        return text if self._cannot_match(text) else self._pattern.sub(repl, text, count)


def word_gated(pattern: re.Pattern[str]) -> re.Pattern[str] | WordGated:
    """``pattern`` behind the gate of its own words when it has one (``WordGated``), else itself."""
    gated = WordGated(pattern)
    return gated if gated.words else pattern


def _top_branches(source: str) -> list[str] | None:
    """The top-level alternatives of a pattern's source (``a|b(c|d)|e`` -> a, b(c|d), e), or None when
    a global inline flag group other than a leading ``(?i)`` makes that unsafe to read."""
    if source.startswith("(?i)"):
        source = source[4:]
    if "(?" in source and re.search(r"\(\?[aiLmsux]+\)", source):
        return None
    out, depth, esc, start = [], 0, False, 0
    cls = -1  # where the character class being read opened (its first "]" is a plain character)
    for k, ch in enumerate(source):
        if esc:
            esc = False
        elif ch == "\\":
            esc = True
        elif cls >= 0:
            if ch == "]" and k > cls + 1 and not (k == cls + 2 and source[cls + 1] == "^"):
                cls = -1
        elif ch == "[":
            cls = k
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(source[start:k])
            start = k + 1
    out.append(source[start:])
    return out


class Presence:
    """Whether a case-insensitive alternation of plain words (and a few other branches) occurs in a
    text: ``bool(pattern.search(text))``, answered by looking the words up in the lower-cased text
    and searching only the other branches. Texts with non-ASCII letters are searched whole."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        from re import _parser

        self._pattern = pattern
        self.words: tuple[str, ...] = ()
        self.others: list[re.Pattern[str]] = []
        branches = _top_branches(pattern.pattern) if pattern.flags & re.IGNORECASE else None
        if branches is None:
            self.others = [pattern]
            return
        words: set[str] = set()
        try:
            for b in branches:
                spelled = _exact_seq(_parser.parse(b, pattern.flags))
                if spelled is not None and "" not in spelled:
                    words |= spelled
                else:
                    self.others.append(re.compile(b, pattern.flags))
        except re.error:  # a branch that does not stand alone (a reference to another's group)
            self.words, self.others = (), [pattern]
            return
        self.words = tuple(sorted(_minimal(frozenset(words))))

    def __call__(self, text: str) -> bool:
        state = _lowered(text)
        if state is None:
            return self._pattern.search(text) is not None
        low = state[0]
        for w in self.words:
            if w in low:
                return True
        return any(rx.search(text) is not None for rx in self.others)
