"""Region, sea and settlement mentions in Russian/Ukrainian text, resolved through ``skylog.geo``.

Officials and ministries name first-level regions by adjective ("над Курской
областью", "Брянской", "Харківщина", "голова Сумської ОВА"), often elliptically
in lists ("8 – Курской, 5 – Брянской"). This module finds those mentions with
their spans and asks the gazetteer (``skylog.geo``) to resolve them. While the
gazetteer is unavailable it falls back to the adjective-stem table below, which
is only the stem -> ISO 3166-2 code knowledge every reader of these posts has.
"""

from __future__ import annotations

import re

from skylog.extract.ruuk import lexicon as L
from skylog.geo import Geocoder, geoparse
from skylog.geo.names import RU_ADMIN1_EN, UA_ADMIN1_EN
from skylog.nlp.spans import RegionMention
from skylog.records import Place

# adjective / "-щина" stems (folded: lower case, ё -> е, apostrophes ') -> ISO 3166-2
_RU_STEMS = {
    "белгородск": "RU-BEL", "брянск": "RU-BRY", "курск": "RU-KRS", "орловск": "RU-ORL", "воронежск": "RU-VOR",
    "ростовск": "RU-ROS", "калужск": "RU-KLU", "смоленск": "RU-SMO", "тульск": "RU-TUL", "рязанск": "RU-RYA",
    "липецк": "RU-LIP", "тамбовск": "RU-TAM", "московск": "RU-MOS", "ленинградск": "RU-LEN", "тверск": "RU-TVE",
    "псковск": "RU-PSK", "новгородск": "RU-NGR", "нижегородск": "RU-NIZ", "ярославск": "RU-YAR",
    "владимирск": "RU-VLA", "ивановск": "RU-IVA", "костромск": "RU-KOS", "пензенск": "RU-PNZ",
    "саратовск": "RU-SAR", "самарск": "RU-SAM", "волгоградск": "RU-VGG", "астраханск": "RU-AST",
    "краснодарск": "RU-KDA", "ставропольск": "RU-STA", "ульяновск": "RU-ULY", "оренбургск": "RU-ORE",
    "свердловск": "RU-SVE", "челябинск": "RU-CHE", "мурманск": "RU-MUR", "архангельск": "RU-ARK",
    "вологодск": "RU-VLG", "кировск": "RU-KIR", "калининградск": "RU-KGD", "пермск": "RU-PER",
    "тюменск": "RU-TYU", "новосибирск": "RU-NVS", "омск": "RU-OMS", "удмуртск": "RU-UD", "чувашск": "RU-CU",
    "чеченск": "RU-CE", "карачаево-черкесск": "RU-KC", "кабардино-балкарск": "RU-KB", "приморск": "RU-PRI",
    "брянщин": "RU-BRY", "курщин": "RU-KRS", "белгородчин": "RU-BEL", "белгородщин": "RU-BEL",
    "смоленщин": "RU-SMO", "орловщин": "RU-ORL", "воронежчин": "RU-VOR",
    # Ukrainian oblasts written in Russian
    "харьковск": "UA-63", "сумск": "UA-59", "черниговск": "UA-74", "киевск": "UA-32", "одесск": "UA-51",
    "николаевск": "UA-48", "херсонск": "UA-65", "запорожск": "UA-23", "днепропетровск": "UA-12",
    "донецк": "UA-14", "луганск": "UA-09", "полтавск": "UA-53", "винницк": "UA-05", "житомирск": "UA-18",
    "черкасск": "UA-71", "кировоградск": "UA-35", "хмельницк": "UA-68", "ровенск": "UA-56", "волынск": "UA-07",
    "тернопольск": "UA-61", "ивано-франковск": "UA-26", "черновицк": "UA-77", "закарпатск": "UA-21",
    "львовск": "UA-46", "харьковщин": "UA-63", "сумщин": "UA-59", "черниговщин": "UA-74", "киевщин": "UA-32",
    "одесщин": "UA-51", "николаевщин": "UA-48", "херсонщин": "UA-65", "днепропетровщин": "UA-12",
    "донетчин": "UA-14", "луганщин": "UA-09", "полтавщин": "UA-53", "винничин": "UA-05",
    "житомирщин": "UA-18", "черкасщин": "UA-71", "львовщин": "UA-46",
}  # fmt: skip
_UK_STEMS = {
    "харківськ": "UA-63", "сумськ": "UA-59", "чернігівськ": "UA-74", "київськ": "UA-32", "одеськ": "UA-51",
    "миколаївськ": "UA-48", "херсонськ": "UA-65", "запорізьк": "UA-23", "дніпропетровськ": "UA-12",
    "донецьк": "UA-14", "луганськ": "UA-09", "полтавськ": "UA-53", "вінницьк": "UA-05", "житомирськ": "UA-18",
    "черкаськ": "UA-71", "кіровоградськ": "UA-35", "хмельницьк": "UA-68", "рівненськ": "UA-56",
    "волинськ": "UA-07", "тернопільськ": "UA-61", "івано-франківськ": "UA-26", "чернівецьк": "UA-77",
    "закарпатськ": "UA-21", "львівськ": "UA-46",
    "харківщин": "UA-63", "сумщин": "UA-59", "чернігівщин": "UA-74", "київщин": "UA-32", "одещин": "UA-51",
    "миколаївщин": "UA-48", "херсонщин": "UA-65", "дніпропетровщин": "UA-12", "дніпровщин": "UA-12",
    "донеччин": "UA-14", "луганщин": "UA-09", "полтавщин": "UA-53", "вінниччин": "UA-05",
    "житомирщин": "UA-18", "черкащин": "UA-71", "кіровоградщин": "UA-35", "хмельниччин": "UA-68",
    "рівненщин": "UA-56", "тернопільщин": "UA-61", "прикарпатт": "UA-26", "буковин": "UA-77",
    "закарпатт": "UA-21", "львівщин": "UA-46", "волин": "UA-07", "запоріжжі": "UA-23",
    "брянськ": "RU-BRY", "курськ": "RU-KRS", "бєлгородськ": "RU-BEL", "белгородськ": "RU-BEL",
    "ростовськ": "RU-ROS", "воронезьк": "RU-VOR", "орловськ": "RU-ORL", "краснодарськ": "RU-KDA",
    "брянщин": "RU-BRY", "курщин": "RU-KRS", "бєлгородщин": "RU-BEL",
}  # fmt: skip
# krai adjectives may stand alone in masculine ("Краснодарского", "Ставропольського")
_KRAI = ("RU-KDA", "RU-STA", "RU-PRI", "RU-PER")
_NAMED = [
    (r"(?:республик[аиеуой]+|республік[аиіуою]+)\s+крым\w*|республік\w*\s+крим\w*", "UA-43"),
    (r"крым\w*|крим(?:у|ом|і)?\b|кримськ\w*\s+півостр\w*|крымск\w*\s+полуостр\w*", "UA-43"),
    (r"севастопол\w*", "UA-40"),
    (r"подмосков\w*", "RU-MOS"),
    (r"днр\b|донецк\w*\s+народн\w*\s+республик\w*", "UA-14"),
    (r"лнр\b|луганск\w*\s+народн\w*\s+республик\w*", "UA-09"),
    (r"татарстан\w*", "RU-TA"),
    (r"башкортостан\w*|башкири\w*", "RU-BA"),
    (r"адыге\w*", "RU-AD"),
    (r"дагестан\w*", "RU-DA"),
    (r"калмыки\w*", "RU-KL"),
    (r"мордови\w*", "RU-MO"),
    (r"чуваши\w*", "RU-CU"),
    (r"чечн\w*", "RU-CE"),
    (r"кубан[ьиі]\w*", "RU-KDA"),
]
_SEAS = [
    (r"(?:черн\w+|чорн\w+)\s+мор\w*", "Black Sea"),
    (r"азовск\w+\s+мор\w*|азовськ\w+\s+мор\w*", "Sea of Azov"),
    (r"каспийск\w+\s+мор\w*|каспійськ\w+\s+мор\w*", "Caspian Sea"),
    (r"балтийск\w+\s+мор\w*", "Baltic Sea"),
]
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
