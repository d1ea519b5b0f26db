"""Region, sea and settlement mentions in Russian/Ukrainian text, resolved through ``skylog.geo``.

Officials and ministries name first-level regions by adjective ("над Курской
областью", "Брянской", "Харківщина", "голова Сумської ОВА"), often elliptically
in lists ("8 – Курской, 5 – Брянской"). This module finds those mentions with
their spans and asks the gazetteer (``skylog.geo``) to resolve them. While the
gazetteer is unavailable it falls back to the adjective-stem tables of the pack (ruuk.toml), which
is only the stem -> ISO 3166-2 code knowledge every reader of these posts has.
"""

from __future__ import annotations

import re

from skylog.extract.packs import load_pack
from skylog.extract.ruuk import lexicon as L
from skylog.geo import Geocoder, geoparse
from skylog.geo.names import RU_ADMIN1_EN, UA_ADMIN1_EN
from skylog.nlp.spans import RegionMention
from skylog.records import Place

# adjective / "-щина" stems -> ISO 3166-2, regions named by a noun, seas: the pack's maps
_MAPS = load_pack("ru").maps
_RU_STEMS = _MAPS["REGION_STEMS_RU"]
_UK_STEMS = _MAPS["REGION_STEMS_UK"]
# krai adjectives may stand alone in masculine ("Краснодарского", "Ставропольського")
_KRAI = ("RU-KDA", "RU-STA", "RU-PRI", "RU-PER")
_NAMED = list(_MAPS["REGION_NAMES"].items())
_SEAS = list(_MAPS["SEA_NAMES"].items())
_ADMIN_NOUN = L.text("places.ADMIN_NOUN")
_FEM_ENDING = L.pattern("places.FEM_ENDING")


def _stem_table(language: str) -> list[tuple[str, str]]:
    table = dict(_RU_STEMS)
    table.update(_UK_STEMS)
    # longest first so "кировоградск" wins over "кировск"
    return sorted(table.items(), key=lambda kv: -len(kv[0]))


_STEM_RX = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(s) for s, _ in _stem_table("ru")) + r")(\w*)",
)
_STEM_CODE = dict(_stem_table("ru"))
_NOUN_AFTER = L.pattern("places.NOUN_AFTER")
_PLURAL_NOUN = L.pattern("places.PLURAL_NOUN")
# patterns the functions below use
_STEM_MENTION_1 = L.pattern("places.STEM_MENTION_1")


def find_regions(folded: str) -> list[RegionMention]:
    """Every admin1 or sea mention in the folded text, with spans."""
    found: list[RegionMention] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for rx, name in _SEAS:
        for m in re.finditer(r"(?<!\w)(?:" + rx + ")", folded):
            found.append(RegionMention(m.start(), m.end(), None, "water", name))
            taken.append((m.start(), m.end()))
    for rx, code in _NAMED:
        for m in re.finditer(r"(?<!\w)(?:" + rx + ")", folded):
            if free(m.start(), m.end()):
                found.append(RegionMention(m.start(), m.end(), code, "region"))
                taken.append((m.start(), m.end()))
    for m in _STEM_RX.finditer(folded):
        if not free(m.start(), m.end()):
            continue
        r = _stem_mention(folded, m)
        if r is not None:
            found.append(r)
            taken.append((r.start, r.end))
    found.sort(key=lambda r: r.start)
    # a bare adjective counts only when a region with its noun is in the same sentence-ish window
    return [r for r in found if r.with_noun or r.kind == "water" or _bare_adjective_kept(folded, r, found)]


def _stem_mention(folded: str, m: re.Match[str]) -> RegionMention | None:
    """The region a stem match names: a noun ("Харківщина"), an adjective with its noun, or a bare adjective."""
    stem, ending = m.group(1), m.group(2)
    code = _STEM_CODE[stem]
    if stem.endswith(("щин", "чин", "тт", "волин", "буковин", "запоріжжі")):
        if stem == "волин" and not _STEM_MENTION_1.match(ending):
            return None
        return RegionMention(m.start(), m.end(), code, "region")
    nm = _NOUN_AFTER.match(folded[m.end() : m.end() + 40])
    if nm:
        return RegionMention(m.start(), m.end() + nm.end(), code, "region")
    # adjective standing alone: an elliptical list item ("8 – Курской") or a
    # coordinated adjective before a plural noun ("над Курской, Брянской и Орловской областями")
    fem = bool(_FEM_ENDING.search(ending)) and not ending.endswith(("ого", "ому", "ого"))
    if code in _KRAI and ending in ("ого", "ому", "им", "ом", "ий", "ого", "ому"):
        fem = True
    if not fem or len(ending) < 1:
        return None
    return RegionMention(m.start(), m.end(), code, "region", with_noun=False)


def _bare_adjective_kept(folded: str, r: RegionMention, found: list[RegionMention]) -> bool:
    """A region adjective without its noun near a region named with it, or before a plural noun."""
    window = folded[max(0, r.start - 300) : r.end + 300]
    if re.search(_ADMIN_NOUN, window) and any(
        o is not r and o.with_noun and o.kind == "region" and abs(o.start - r.start) < 300 for o in found
    ):
        return True
    return bool(_PLURAL_NOUN.match(folded[r.end : r.end + 120]))


def _english_admin1(code: str) -> str | None:
    return RU_ADMIN1_EN.get(code) or UA_ADMIN1_EN.get(code)


class PlaceResolver:
    """Resolves region mentions through ``skylog.geo``, else (a region it does not know) the stem table."""

    def __init__(self) -> None:
        self._geocoder = Geocoder.default()
        self._cache: dict[tuple[str, str], Place | None] = {}

    def region_place(self, text: str, r: RegionMention, language: str) -> Place:
        mention = text[r.start : r.end]
        span = (r.start, r.end)
        if r.kind == "water":
            return Place(mention=mention, span=span, kind="water", name=r.name, precision=3)
        key = (mention.lower(), language)
        if key not in self._cache:
            self._cache[key] = self._geocoder.region(mention, language)
        geo_place = self._cache[key]
        if geo_place is not None and (geo_place.admin1_code or "").upper() == (r.code or "").upper():
            p = Place(**{**geo_place.__dict__})
            p.mention, p.span = mention, span
            p.kind = "region"
            p.precision = 3
            return p
        code = r.code
        name = _english_admin1(code) if code else None
        return Place(
            mention=mention,
            span=span,
            kind="region",
            name=name,
            country=code[:2] if code else None,
            admin1=name,
            admin1_code=code,
            precision=3,
        )

    def toponyms(self, text: str, language: str) -> list[Place]:
        """Every place mention the geo stage finds (settlements, districts)."""
        # "в 30 км от Курска", "северо-западнее Брянска": a locator, never the event's place
        return [p for p in geoparse(text, language) if p.relation != "locator"]
