"""Language packs: the vocabulary of the extraction rules as data files, loaded through one registry.

A pack is a TOML file in this package (the header of each file says what its sections hold):
word lists and sets, word -> value maps, word alternatives, full regular expressions, fragments
other patterns build on, and weapon classes. Russian and Ukrainian share the ``ruuk`` pack,
since posts mix the two languages; English has ``en``. Adding a language adds a pack here.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

PACK_OF_LANGUAGE = {"en": "en", "ru": "ruuk", "uk": "ruuk"}


@dataclass(frozen=True)
class WeaponClass:
    """Weapon phrases of one kind: the weapon label and the event type of a strike with them."""

    pattern: re.Pattern[str]
    label: str
    strike_type: str


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

    def pattern(self, name: str) -> re.Pattern[str]:
        return self.patterns[name]


def alternatives(*alts: str) -> re.Pattern[str]:
    """Word patterns tried at a word start (not inside a word or a hyphenated compound)."""
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")", re.UNICODE)


def load_pack(language: str) -> Pack:
    """The pack serving ``language`` (``ru`` and ``uk``: ``ruuk``); a ``KeyError`` names a language without one."""
    return _load(PACK_OF_LANGUAGE[language])


@lru_cache(maxsize=4)
def _load(name: str) -> Pack:
    """Read and compile one pack file (once per process)."""
    raw = tomllib.loads(resources.files(__package__).joinpath(f"{name}.toml").read_text(encoding="utf-8"))
    patterns = {key: re.compile(rx) for key, rx in raw.get("regex", {}).items()}
    for key, alts in raw.get("alternatives", {}).items():
        if key in patterns:
            raise ValueError(f"language pack {name}: {key} is both a regex and alternatives")
        patterns[key] = alternatives(*alts)
    weapons = [
        WeaponClass(alternatives(*w["alternatives"]), w["label"], w["strike_type"])
        for w in raw.get("weapons", [])
    ]
    return Pack(
        name=name,
        patterns=patterns,
        fragments=dict(raw.get("fragments", {})),
        weapons=weapons,
        words={k: tuple(v) for k, v in raw.get("words", {}).items()},
        word_sets={k: frozenset(v) for k, v in raw.get("word_sets", {}).items()},
        maps={k: dict(v) for k, v in raw.get("maps", {}).items()},
    )
