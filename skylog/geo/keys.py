"""Index keys for a place name: normalised forms, lemmas, the bare name without its generic word.

"Калужской области" is looked up as 'калужскии область'; "Shebekino district" also as
'shebekino' with a district hint; "с. Р. Лозова" as every key '<р...> лозова' in the
index; "Подмосковье" as the region it nicknames. Each key carries the admin level its
generic word implies (1 region, 2 district, 3 settlement, 6 hromada).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from itertools import islice, product
from pathlib import Path

from skylog.geo import names as N
from skylog.geo.gazetteer import Gazetteer
from skylog.geo.normalize import norm
from skylog.geo.vocab import alternation, items, table
from skylog.nlp.models import morph

_EN_A1 = "|".join(N.ADMIN1_WORDS_EN)
_EN_A2 = "|".join(w for w in N.ADMIN2_WORDS_EN if w != "county")
_RUUK = table("keys")["ruuk"]


def _words(*keys: str) -> str:
    """The lists ``keys`` of geo/data/keys.toml as one alternation, in order."""
    return alternation("keys", *keys)


def _normalised(*keys: str) -> str:
    """The lists ``keys`` as one alternation of their normalised forms (keys are normalised), in order."""
    return "|".join(dict.fromkeys(norm(w) for w in items("keys", *keys)))


HINT_RE = [
    (re.compile(rf"^(?:the )?(.+?) (?:{_EN_A1})s?$"), 1),
    (re.compile(rf"^(?:the )?(.+?) (?:{_EN_A2})s?$"), 2),
    (re.compile(rf"^(?:{_words('en.REGION_BEFORE')}) (.+)$"), 1),
    (re.compile(rf"^(.+?) (?:{_words('ruuk.REGION')})$"), 1),
    (re.compile(rf"^(.+?) (?:{_words('ruuk.HROMADA', 'en.HROMADA')})$"), 6),
    (re.compile(rf"^(.+?) (?:{_words('ruuk.DISTRICT')})$"), 2),
]
CYRILLIC = re.compile("[\u0400-\u04ff]")
SETTLEMENT_WORDS = re.compile(
    rf"^(?:(?:{_words('en.SETTLEMENT_OF')}) of (?P<b>.+)|(?:{_normalised('ruuk.SETTLEMENT')}) (?P<b2>.+)"
    rf"|(?P<a>.+?) (?:{_words('en.SETTLEMENT_AFTER')}))$"
)
_SETTLEMENT_WORDS_SURFACE = re.compile(
    rf"(?i)^(?:(?:{_words('en.SETTLEMENT_OF')}) of |(?:{_words('ruuk.SETTLEMENT')})\s+)"
    rf"|\s+(?:{_words('en.SETTLEMENT_AFTER')})$"
)
WORD = re.compile(r"[\w’'ʼ]+")
# the dictionaries spell the apostrophe of «Куп'янськ» straight; texts often curl it («Куп’янськ»)
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})
_INITIAL = re.compile(r"^([А-ЯЁІЇЄҐ])\.\s?([А-ЯЁІЇЄҐ][\w’'ʼ-]+)$")
_OKRUG = norm(_RUUK["OKRUG"])
_SHORT_OKRUG = re.compile(rf"^(\w+(?:{_normalised('ruuk.OKRUG_ADJECTIVE_ENDING')})) {_OKRUG}$")
_OKRUG_KINDS = tuple(norm(w) for w in _RUUK["OKRUG_KINDS"])
_ABBR_UNIT = re.compile(
    rf"\s+(?:{_words('ruuk.UNIT_ABBREVIATION')})$|\s+(?:{_words('ruuk.UNIT_ABBREVIATION')})(?=\s)"
)
_ABBR_REGION = re.compile(rf"\s+(?:{_words('ruuk.REGION_ABBREVIATION')})$")
LEMMA_CACHE_MAX = 200_000
ORTHOGRAPHIC_MIN_LEN = 5  # letters of a key read through the other orthography
_SKELETON = str.maketrans(
    {ch: group[0] for group in _RUUK["ORTHOGRAPHIC_GROUPS"] for ch in group[1:]}
    | {ch: None for ch in _RUUK["ORTHOGRAPHIC_DROPPED"]}
)
_DOUBLED = re.compile(r"(\w)\1+")
_CASE_ENDING = re.compile(rf"(?<=\w{{4}})(?:{_normalised('ruuk.ORTHOGRAPHIC_CASE_ENDINGS')})$")

Key = tuple[str, int | None]


ROMANISATION_PATH = Path(__file__).resolve().parent / "data" / "romanisation.json"


@lru_cache(maxsize=1)
def _romanisation() -> tuple[tuple[tuple[str, str], ...], int]:
    data = json.loads(ROMANISATION_PATH.read_text(encoding="utf-8"))
    return tuple((a, b) for a, b in data["pairs"]), int(data["max_variants"])


def romanisation_variants(keys: list[Key]) -> list[Key]:
    """Latin keys with one spelling substitution of ``data/romanisation.json`` applied at one place
    ('zaporizhia' -> 'zaporizhzhia', 'jisr ash shughour' -> 'jisr ash shughur'), each with its hint."""
    pairs, cap = _romanisation()
    tried = {k for k, _ in keys}
    out: list[Key] = []
    for key, hint in keys:
        if CYRILLIC.search(key):
            continue
        for a, b in pairs:
            start = key.find(a)
            while start >= 0:
                v = key[:start] + b + key[start + len(a) :]
                if v not in tried:
                    tried.add(v)
                    out.append((v, hint))
                    if len(out) >= cap:
                        return out
                start = key.find(a, start + 1)
    return out


def orthographic_skeleton(key: str) -> str:
    """A Cyrillic key with the letters Russian and Ukrainian write for each other merged
    ('новоросіиськ' and 'новороссииск' -> 'новоросиск'; see ``keys.toml`` ORTHOGRAPHIC_GROUPS)."""
    return _DOUBLED.sub(r"\1", key.translate(_SKELETON))


def expand_abbreviations(query: str) -> str:
    """'Кіндрашівська ТГ' (територіальна громада) -> '... громада'; 'Харківська ОВА' -> '... область'."""
    unit = _ABBR_UNIT.sub(f" {_RUUK['UNIT_WORD']}", query.strip())
    return _ABBR_REGION.sub(f" {_RUUK['REGION_WORD']}", unit)


def level_hint(key: str) -> tuple[int | None, str | None]:
    """The admin level a generic word implies ("kiev region" -> 1) and the name without it."""
    for rx, lvl in HINT_RE:
        m = rx.match(key)
        if m:
            return lvl, m.group(1)
    return None, None


def word_forms(word: str, lang: str) -> list[str]:
    """Up to three distinct normal forms of one word, place readings before personal names."""
    parses = sorted(
        morph(lang).parse(word), key=lambda p: any(g in str(p.tag) for g in ("Name", "Surn", "Patr"))
    )
    forms: list[str] = []
    for p in parses:
        if p.normal_form not in forms:
            forms.append(p.normal_form)
        if len(forms) == 3:
            break
    return forms or [word]


class NameKeys:
    """Turns a surface name into the index keys to try (memoised lemmatisation)."""

    def __init__(self, gz: Gazetteer) -> None:
        self.gz = gz
        self._lemma_cache: dict[tuple[str, str], tuple[str, ...]] = {}

    def lemma_keys(self, text: str, language: str) -> tuple[str, ...]:
        """Normalised lemma forms of a Cyrillic name ('Калужской области' -> 'калужскии область').

        Lemmatise the surface words (before folding: pymorphy needs 'й'). A word
        keeps up to three distinct normal forms ('Києві' -> кий / київ), place
        readings (not first names or surnames) first.
        """
        ck = (text, language)
        hit = self._lemma_cache.get(ck)
        if hit is not None:
            return hit
        lang = "uk" if language == "uk" else "ru"
        options = [word_forms(w, lang) for w in WORD.findall(text.lower().translate(_APOSTROPHES))[:6]]
        res = tuple(dict.fromkeys(norm(" ".join(c)) for c in islice(product(*options), 6)))
        # "Старооскольского округа": the short form of "... городской / муниципальный округ"
        res += tuple(
            f"{m.group(1)} {kind} {_OKRUG}"
            for k in res
            if (m := _SHORT_OKRUG.match(k))
            for kind in _OKRUG_KINDS
        )
        if len(self._lemma_cache) > LEMMA_CACHE_MAX:
            self._lemma_cache.clear()
        self._lemma_cache[ck] = res
        return res

    def orthographic_keys(self, keys: list[Key]) -> list[Key]:
        """Index keys that spell a Cyrillic key in the other language's orthography ('новоросіиськ'
        -> 'новороссииск'), each with its hint; only names worth fuzzy matching (units, towns of
        some size, RU/UA districts: ``Gazetteer.fuzzy_choices``), never a village's namesake."""
        out: list[Key] = []
        seen = {k for k, _ in keys}
        for key, hint in keys:
            if not CYRILLIC.search(key) or len(key) < ORTHOGRAPHIC_MIN_LEN:
                continue  # «Усі» ('all') is no respelt «Уси»: a short word matches too much
            for stem in dict.fromkeys((key, _CASE_ENDING.sub("", key))):
                for v in self._skeletons().get(orthographic_skeleton(stem), ()):
                    if v not in seen:
                        seen.add(v)
                        out.append((v, hint))
        return out

    def _skeletons(self) -> dict[str, tuple[str, ...]]:
        """Skeleton -> the Cyrillic index keys that have it (built once, on the first need)."""
        index = self.__dict__.get("_skeleton_index")
        if index is None:
            groups: dict[str, list[str]] = {}
            for k in self.gz.fuzzy_choices()[0]:
                if CYRILLIC.search(k):
                    groups.setdefault(orthographic_skeleton(k), []).append(k)
            index = {s: tuple(ks) for s, ks in groups.items()}
            self.__dict__["_skeleton_index"] = index
        return index

    def lemma_key(self, text: str, language: str) -> str:
        """The best lemma form (see ``lemma_keys``)."""
        keys = self.lemma_keys(text, language)
        return keys[0] if keys else norm(text)

    def keys_for(self, query: str, language: str | None) -> list[Key]:
        """Index keys to try for a name, each with an admin-level hint from its generic word."""
        query = expand_abbreviations(query)
        key = norm(query)
        if key.startswith("the "):
            key = key[4:]
        hint, bare = level_hint(key)
        out: list[Key] = [(key, hint)]
        if hint is not None and bare != key:
            # "Kiev region", "Shebekino district": the bare name too, the generic word as a level hint
            out.append((bare or key, hint))
        m = SETTLEMENT_WORDS.match(key)
        if m:  # "Tuapse city", "city of Kharkiv", "село Грузское": the name without the generic word
            bare = m.group("a") or m.group("b") or m.group("b2")
            if bare and bare != key:
                out.append((bare, 3))
                query = re.sub(_SETTLEMENT_WORDS_SURFACE, "", query).strip() or query
        out += self._initial_keys(query, language, hint)
        if CYRILLIC.search(key):
            out += self._cyrillic_keys(query, key, language, hint, out)
        return out

    def _initial_keys(self, query: str, language: str | None, hint: int | None) -> list[Key]:
        """'Р. Лозова', 'В. Бурлук': the first word cut to its initial, as lists often write."""
        m = _INITIAL.match(query.strip())
        if not m:
            return []
        rests = [norm(m.group(2))]
        if language in ("ru", "uk"):
            rests += list(self.lemma_keys(m.group(2), language))
        return [
            (full, hint if hint is not None else 3)
            for rest in dict.fromkeys(rests)
            for full in self.gz.keys_with_initial(norm(m.group(1)), rest)
        ]

    def _cyrillic_keys(
        self, query: str, key: str, language: str | None, hint: int | None, found: list[Key]
    ) -> list[Key]:
        """Lemma keys in the text's language first, then the other one; then regional nicknames."""
        langs = [language] if language in ("ru", "uk") else ["ru", "uk"]
        if language in ("ru", "uk"):
            langs.append("uk" if language == "ru" else "ru")
        out: list[Key] = [
            (lk, hint) for lang in langs for lk in self.lemma_keys(query, str(lang)) if lk != key
        ]
        # "Подмосковье", "Підмосков'я": a region's own nickname
        for k, _ in [*found, *out]:
            full = N.REGION_NICKNAMES.get(k)
            if full:
                out.append((full, 1))
        return out
