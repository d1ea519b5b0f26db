"""Language packs: the vocabulary of the extraction rules as data files, loaded through one registry.

A pack is a TOML file in this package (the header of each file says what its sections hold):
word lists and sets, word -> value maps, word alternatives, full regular expressions, fragments
other patterns build on, weapon classes, and pattern templates (``[patterns.STAGE]``) that name
the fragments they are built of as ``${NAME}``, so a word list lives in one place however many
patterns use it; an ``[alternatives]`` list names another list's items the same way (an item
``${NAME}``, ``expand_lists``). A pack's ``[time]`` table holds its time vocabulary (``TimeWords``: month and weekday
forms, relative-day words, night phrases, year and time-zone words) for the one language-neutral
time stage (``skylog.extract.common.calendar``). Russian and Ukrainian share the ``ruuk`` pack,
since posts mix the two languages; English has ``en``. Adding a language adds a pack here.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from skylog.nlp.document import Document
from skylog.nlp.lemmas import LemmaMatch, LemmaMatcher, resolve

PACK_OF_LANGUAGE = {"en": "en", "ru": "ruuk", "uk": "ruuk"}
_PLACEHOLDER = re.compile(r"\$\{([A-Za-z_][\w.]*)\}")
_MAX_NESTING = 8


@dataclass(frozen=True)
class WeaponClass:
    """Weapon phrases of one kind: the weapon label and the event type of a strike with them.

    ``lemmas``: the words, in dictionary form (found by ``weapon_lemmas``); ``pattern``: what is
    structure rather than a word (model numbers), or None; ``structure``: that pattern's
    alternatives as written (for a pack whose rules embed them in larger patterns).
    """

    pattern: re.Pattern[str] | None
    label: str
    strike_type: str
    lemmas: tuple[str, ...] = ()
    structure: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    """Words of one kind (``[lexicons.NAME]``): lemma entries, found in every inflected form, and
    patterns for what is not a word form (abbreviations, a form restricted on purpose), or None."""

    name: str
    lemmas: LemmaMatcher
    pattern: re.Pattern[str] | None = None

    def spans(self, doc: Document, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """The lexicon's phrases lying in ``doc`` within ``[start, end)``: leftmost-longest, in text order."""
        stop = len(doc.text) if end is None else end
        found = doc.matches(self.lemmas, start, stop)
        if self.pattern is not None:
            found = found + [
                LemmaMatch(m.start(), m.end(), self.name, "")
                for m in self.pattern.finditer(doc.folded, start, stop)
            ]
        return [(m.start, m.end) for m in resolve(found)]

    def has_word(self, forms: frozenset[str]) -> bool:
        """A word with these dictionary forms (``Morphology.lemmas``) is one of the one-word lemma entries."""
        return self.lemmas.has_word(forms)

    def search(self, doc: Document, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
        """The first of ``spans``, or None."""
        got = self.spans(doc, start, end)
        return got[0] if got else None


def word_key(word: str) -> str:
    """A time word as looked up: case-folded, one apostrophe, ё as е, single spaces."""
    w = re.sub(r"\s+", " ", word.strip().casefold().replace("ё", "е"))
    return re.sub("[’ʼ`´‘ʹ]", "'", w)


def words_regex(words: Iterable[str]) -> str:
    """An alternation of written words, longest first: a space matches any run of spaces, an
    apostrophe any of ' ’ ʼ, a dot itself; ``(?!)`` (never matches) for no words."""
    forms = sorted({word_key(w) for w in words}, key=lambda w: (-len(w), w))
    if not forms:
        return "(?!)"
    alts = [re.escape(w).replace("\\ ", r"\s+").replace("'", "['’ʼ]") for w in forms]
    return "(?:" + "|".join(alts) + ")"


@dataclass(frozen=True)
class TimeWords:
    """A pack's time vocabulary (its ``[time]`` table): words as data, looked up by ``word_key``."""

    months: dict[str, int] = field(default_factory=dict)  # month form -> 1..12
    weekdays: dict[str, int] = field(default_factory=dict)  # weekday form -> 0 (Monday)..6
    lists: dict[str, tuple[str, ...]] = field(default_factory=dict)  # TODAY, YESTERDAY, NIGHT, YEAR, ...
    zones: dict[str, str] = field(default_factory=dict)  # zone word -> IANA zone name
    default_zones: dict[str, str] = field(default_factory=dict)  # language -> IANA zone name
    # a day of the month in words («третьего», «двадцять» of «двадцять першого») -> its value, summed
    day_words: dict[str, int] = field(default_factory=dict)
    # the stem of a weekday's adjective («пятничн» of «пятничный удар») -> 0 (Monday)..6
    weekday_stems: dict[str, int] = field(default_factory=dict)

    def month(self, word: str | None) -> int | None:
        if not word:
            return None
        key = word_key(word)
        return self.months.get(key) or self.months.get(key.rstrip("."))

    def weekday(self, word: str | None) -> int | None:
        return self.weekdays.get(word_key(word)) if word else None

    def weekday_of_adjective(self, word: str | None) -> int | None:
        """«пятничной» -> 4: the weekday whose adjective's stem opens the word."""
        key = word_key(word) if word else ""
        return next((n for stem, n in self.weekday_stems.items() if key.startswith(stem)), None)

    def day_in_words(self, words: str | None) -> int | None:
        """«двадцать третьего» -> 23: the day of the month the words sum to (None past 31 or unknown)."""
        keys = word_key(words).split() if words else []
        if not keys or any(k not in self.day_words for k in keys):
            return None
        day = sum(self.day_words[k] for k in keys)
        return day if 1 <= day <= 31 else None

    def zone(self, word: str | None) -> str | None:
        return self.zones.get(word_key(word)) if word else None

    def words(self, *names: str) -> tuple[str, ...]:
        """The words of the named lists, in order."""
        return tuple(w for n in names for w in self.lists.get(n, ()))

    def regex(self, *names: str) -> str:
        """The named lists as one alternation (``words_regex``)."""
        return words_regex(self.words(*names))

    def fragments(self) -> dict[str, str]:
        """The derived fragments templates name: MONTH_WORD, WEEKDAY_WORD, YEAR_WORD, ZONE_WORD, TIME_<LIST>."""
        out = {f"TIME_{name}": words_regex(ws) for name, ws in self.lists.items()}
        out["MONTH_WORD"] = words_regex(self.months)
        out["WEEKDAY_WORD"] = words_regex(self.weekdays)
        out["YEAR_WORD"] = words_regex(self.lists.get("YEAR", ()))
        out["ZONE_WORD"] = words_regex(self.zones)
        out["DAY_WORD"] = words_regex(self.day_words)
        out["WEEKDAY_STEM"] = words_regex(self.weekday_stems)
        return out

    def merged(self, other: TimeWords) -> TimeWords:
        """Both vocabularies (for text whose language is not known: a dateline, a mixed post)."""
        lists = {k: self.words(k) + tuple(w for w in other.words(k) if w not in self.words(k))
                 for k in [*self.lists, *(k for k in other.lists if k not in self.lists)]}  # fmt: skip
        return TimeWords(
            {**other.months, **self.months},
            {**other.weekdays, **self.weekdays},
            lists,
            {**other.zones, **self.zones},
            {**other.default_zones, **self.default_zones},
            {**other.day_words, **self.day_words},
            {**other.weekday_stems, **self.weekday_stems},
        )


def _time_words(raw: dict[str, Any]) -> TimeWords:
    tables = ("months", "weekdays", "zones", "default_zones", "day_words", "weekday_stems")
    months, weekdays, zones, default_zones, day_words, weekday_stems = (dict(raw.get(t, {})) for t in tables)
    return TimeWords(
        months={word_key(k): int(v) for k, v in months.items()},
        weekdays={word_key(k): int(v) for k, v in weekdays.items()},
        lists={k: tuple(v) for k, v in raw.items() if k not in tables},
        zones={word_key(k): str(v) for k, v in zones.items()},
        default_zones={k: str(v) for k, v in default_zones.items()},
        day_words={word_key(k): int(v) for k, v in day_words.items()},
        weekday_stems={word_key(k): int(v) for k, v in weekday_stems.items()},
    )


@dataclass(frozen=True)
class Pack:
    """A language's compiled vocabulary."""

    name: str
    patterns: dict[str, re.Pattern[str]]
    fragments: dict[str, str]
    weapons: list[WeaponClass]
    words: dict[str, tuple[str, ...]]
    word_sets: dict[str, frozenset[str]]
    maps: dict[str, dict[str, str]]
    templates: dict[str, str] = field(default_factory=dict)  # "stage.NAME" -> text with ${...}
    numbers: dict[str, dict[str, int]] = field(default_factory=dict)  # number words -> values
    lemmas: dict[str, LemmaMatcher] = field(default_factory=dict)  # [lemmas] NAME -> its matcher
    lexicons: dict[str, Lexicon] = field(default_factory=dict)  # [lexicons.NAME]
    time: TimeWords = field(default_factory=TimeWords)  # the [time] table

    @property
    def weapon_lemmas(self) -> LemmaMatcher:
        """Every weapon class's lemma entries, labelled with the class's label."""
        return self.lemmas["WEAPONS"]

    def pattern(self, name: str) -> re.Pattern[str]:
        return self.patterns[name]

    def text(self, key: str, extra: Mapping[str, str] | None = None) -> str:
        """Template ``key`` ("stage.NAME", or a fragment's name) with every ``${NAME}`` filled in.

        A name is looked up in the template's own stage, then in ``[fragments]``, then in
        ``extra`` (fragments the code derives from word lists, e.g. all weapon patterns as one
        alternation); filled text may name further fragments.
        """
        stage = key.rsplit(".", 1)[0] if "." in key else ""
        raw = self.templates[key] if key in self.templates else self.fragments[key]
        return self._fill(raw, stage, extra or {}, key, 0)

    def compile(self, key: str, extra: Mapping[str, str] | None = None) -> re.Pattern[str]:
        """Template ``key`` filled in (``text``) and compiled; flags are inline (``(?i)``)."""
        return re.compile(self.text(key, extra))

    def _fill(self, text: str, stage: str, extra: Mapping[str, str], key: str, depth: int) -> str:
        if depth > _MAX_NESTING:
            raise ValueError(
                f"language pack {self.name}: {key} nests fragments more than {_MAX_NESTING} deep"
            )

        def one(m: re.Match[str]) -> str:
            name = m.group(1)
            if "." in name and name in self.templates:  # another stage's template: ${timex.MONTH_RX}
                return self._fill(self.templates[name], name.rsplit(".", 1)[0], extra, key, depth + 1)
            for table, k in ((self.templates, f"{stage}.{name}"), (self.fragments, name), (extra, name)):
                if k in table:
                    return self._fill(table[k], stage, extra, key, depth + 1)
            raise KeyError(f"language pack {self.name}: {key} names an unknown fragment ${{{name}}}")

        return _PLACEHOLDER.sub(one, text)


class StagePatterns:
    """One stage's pattern templates, filled in and compiled on first use, by name: ``P.AFTER_FRAME_1``.

    A module reads its stage's patterns through one of these instead of a name per pattern;
    a name the pack lacks fails with the pack's ``KeyError``.
    """

    def __init__(self, pack: Pack, stage: str, extra: Mapping[str, str] | None = None) -> None:
        self._pack = pack
        self._stage = stage
        self._extra = extra
        self._compiled: dict[str, re.Pattern[str]] = {}

    def __getattr__(self, name: str) -> re.Pattern[str]:
        if name.startswith("_"):
            raise AttributeError(name)
        rx = self._compiled.get(name)
        if rx is None:
            rx = self._compiled[name] = self._pack.compile(f"{self._stage}.{name}", self._extra)
        setattr(self, name, rx)  # later reads find it as a plain attribute, without this lookup
        return rx


def alternatives(*alts: str) -> re.Pattern[str]:
    """Word patterns tried at a word start (not inside a word or a hyphenated compound)."""
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")", re.UNICODE)


def expand_lists(table: Mapping[str, list[str]], pack: str = "") -> dict[str, list[str]]:
    """Lists with every item that is a reference ``${NAME}`` replaced by the items of the table's
    list NAME, in place and in order (references may nest): a list built of others names them once."""
    out: dict[str, list[str]] = {}

    def items(key: str, path: tuple[str, ...]) -> list[str]:
        if key in path:
            raise ValueError(
                f"language pack {pack}: list {key} refers to itself ({' -> '.join((*path, key))})"
            )
        if key not in out:
            got: list[str] = []
            for item in table[key]:
                ref = _PLACEHOLDER.fullmatch(item)
                if ref is None:
                    got.append(item)
                elif ref.group(1) in table:
                    got.extend(items(ref.group(1), (*path, key)))
                else:
                    raise KeyError(
                        f"language pack {pack}: list {key} names an unknown list ${{{ref.group(1)}}}"
                    )
            out[key] = got
        return out[key]

    return {key: items(key, ()) for key in table}


def _word_list(value: str | list[str]) -> tuple[str, ...]:
    """A ``[words]`` entry: a list, or one string of whitespace-separated words (long plain lists)."""
    return tuple(value.split()) if isinstance(value, str) else tuple(value)


def time_words(language: str | None = None) -> TimeWords:
    """The time vocabulary of ``language``'s pack; of every pack (merged) for ``None`` or a language
    without one (text whose language is not known)."""
    if language in PACK_OF_LANGUAGE:
        return load_pack(language).time
    return _all_time_words()


@lru_cache(maxsize=1)
def _all_time_words() -> TimeWords:
    out = TimeWords()
    for pack in every_pack():
        out = out.merged(pack.time)
    return out


def every_pack() -> list[Pack]:
    """Every pack, once each (for stages reading text whose language may be any of them)."""
    return [_load(name) for name in dict.fromkeys(PACK_OF_LANGUAGE.values())]


def load_pack(language: str) -> Pack:
    """The pack serving ``language`` (``ru`` and ``uk``: ``ruuk``); a ``KeyError`` names a language without one."""
    return _load(PACK_OF_LANGUAGE[language])


@lru_cache(maxsize=4)
def _load(name: str) -> Pack:
    """Read and compile one pack file (once per process)."""
    raw = tomllib.loads(resources.files(__package__).joinpath(f"{name}.toml").read_text(encoding="utf-8"))
    patterns = {key: re.compile(rx) for key, rx in raw.get("regex", {}).items()}
    for key, alts in expand_lists(raw.get("alternatives", {}), name).items():
        if key in patterns:
            raise ValueError(f"language pack {name}: {key} is both a regex and alternatives")
        patterns[key] = alternatives(*alts)
    weapons = [
        WeaponClass(
            alternatives(*w["alternatives"]) if w.get("alternatives") else None,
            w["label"],
            w["strike_type"],
            tuple(w.get("lemmas", ())),
            tuple(w.get("alternatives", ())),
        )
        for w in raw.get("weapons", [])
    ]
    lemmas = {
        key: LemmaMatcher((phrase, key) for phrase in phrases)
        for key, phrases in raw.get("lemmas", {}).items()
    }
    if "WEAPONS" in lemmas:
        raise ValueError(f"language pack {name}: WEAPONS is the [[weapons]] lemmas' name")
    lemmas["WEAPONS"] = LemmaMatcher((phrase, w.label) for w in weapons for phrase in w.lemmas)
    lexicons = {
        key: Lexicon(
            key,
            LemmaMatcher(((phrase, key) for phrase in lx.get("lemmas", ())), lx.get("not_lemmas", ())),
            alternatives(*lx["alternatives"]) if lx.get("alternatives") else None,
        )
        for key, lx in raw.get("lexicons", {}).items()
    }
    if clash := set(lexicons) & set(patterns):
        raise ValueError(f"language pack {name}: {sorted(clash)} are both lexicons and patterns")
    time = _time_words(raw.get("time", {}))
    return Pack(
        name=name,
        patterns=patterns,
        fragments={**time.fragments(), **raw.get("fragments", {})},
        weapons=weapons,
        words={k: _word_list(v) for k, v in raw.get("words", {}).items()},
        word_sets={k: frozenset(v) for k, v in raw.get("word_sets", {}).items()},
        maps={k: dict(v) for k, v in raw.get("maps", {}).items()},
        numbers={k: {w: int(n) for w, n in v.items()} for k, v in raw.get("numbers", {}).items()},
        lemmas=lemmas,
        lexicons=lexicons,
        templates={
            f"{stage}.{k}": v for stage, table in raw.get("patterns", {}).items() for k, v in table.items()
        },
        time=time,
    )
