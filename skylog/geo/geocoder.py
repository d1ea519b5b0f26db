"""Toponym resolution: names -> gazetteer entries, chosen with the text's context.

Each mention gets candidates from the name index (exact normalised names,
lemma forms for Russian/Ukrainian, then rapidfuzz for typos and odd
transliterations). A prior from admin level, population and how the name
is attested ranks them; the text then re-ranks them jointly: a region or
district named elsewhere in the text, a state right after a town
("Alexandria, La."), the country the text is about, and one sense per text
(every "Kaluga" in a report is the same place).
"""

from __future__ import annotations

import math
import re
import threading
from collections import defaultdict
from dataclasses import replace

from skylog.geo import frame as F
from skylog.geo import names as N
from skylog.geo.gazetteer import Candidate, Entry, Gazetteer, default_gazetteer
from skylog.geo.normalize import norm
from skylog.records import Place

KIND_BY_LEVEL = {
    0: "country",
    1: "region",
    2: "district",
    3: "settlement",
    4: "water",
    5: "other",
    6: "district",
}

_EN_A1 = "|".join(N.ADMIN1_WORDS_EN)
_EN_A2 = "|".join(w for w in N.ADMIN2_WORDS_EN if w != "county")
HINT_RE = [
    (re.compile(rf"^(?:the )?(.+?) (?:{_EN_A1})s?$"), 1),
    (re.compile(rf"^(?:the )?(.+?) (?:{_EN_A2})s?$"), 2),
    (re.compile(r"^(?:republic of) (.+)$"), 1),
    (
        re.compile(
            r"^(.+?) (?:област[ьиеяй]\w*|кра[йяюе]\w*|регион\w*|регіон\w*|республик\w*|республік\w*)$"
        ),
        1,
    ),
    (re.compile(r"^(.+?) (?:(?:\w+ )?громад\w*|hromada|(?:territorial )?community)$"), 6),
    (re.compile(r"^(.+?) (?:район\w*|округ\w*|муниципальн\w* \w+|городск\w* округ\w*)$"), 2),
]
CYRILLIC = re.compile("[\u0400-\u04ff]")
_SETTLEMENT_WORDS = re.compile(
    r"^(?:(?:city|town|village|settlement|hamlet) of (?P<b>.+)|(?:город|село|поселок|деревня|місто|селище|смт|пгт|хутор) (?P<b2>.+)"
    r"|(?P<a>.+?) (?:city|town|village))$"
)
_SETTLEMENT_WORDS_SURFACE = re.compile(
    r"(?i)^(?:(?:city|town|village|settlement|hamlet) of |(?:город|село|поселок|посёлок|деревня|місто|селище|смт|пгт|хутор)\s+)"
    r"|\s+(?:city|town|village)$"
)
_ADMIN_NOUN = re.compile(
    r"\b(?:раион\w*|округ\w*|громад\w*|област\w*|district|raion|rayon|county|oblast|region)\b"
)
_WORD = re.compile(r"[\w’'ʼ]+")
_INITIAL = re.compile(r"^([А-ЯЁІЇЄҐ])\.\s?([А-ЯЁІЇЄҐ][\w’'ʼ-]+)$")
_SHORT_OKRUG = re.compile(r"^(\w+(?:скии|цкии)) округ$")
RU_UA = ("RU", "UA", "BY")
SRC_GENERATED = 3

# priors of the name's bearer by kind (a settlement gets 1 + 0.8 per decade of population)
LEVEL_PRIOR_COUNTRY = 7.0
LEVEL_PRIOR_ADMIN1 = 6.0
W_CAPITAL = 1.5
W_CITY_UNIT = 2.0  # "Kyiv region" read as the city's own first-level unit
POP_SLOPE = 0.8  # prior points per decade of population

# context weights (see Geocoder._joint)
W_REGION_NAMED = 3.0  # the candidate's region is itself named in the text
W_DISTRICT_NAMED = 2.5  # the candidate's district is named in the text
W_SAME_REGION = 1.0  # another place in the text lies in the same region (grows to W_SAME_REGION_MAX)
W_SAME_REGION_MAX = 2.0
W_COUNTRY = 2.0  # times the share of the other places lying in the candidate's country
W_SUPPORT = 0.5  # per other distinct name that has a candidate in the same region
W_SUPPORT_MAX = 2.0
W_CONTAINS = 2.5  # a reading of another name is this town's district, or a town of this district
W_NEAR = 1.0  # per other named place whose current reading lies within NEAR_KM (a town's neighbours)
W_NEAR_MAX = 2.5
NEAR_KM = 60.0
W_LOCAL_REGION = 1.5  # the region named last before the mention ("Sumy region: ... Krasnopillia")
W_UNIT_NAMESAKE = 3.0  # a small town bearing the name of a first-level unit of its country
UNIT_NAMESAKE_POP = 50_000
W_BARE_COUNTY = 3.0  # a bare name read as "<name> County" (US, UK usage writes the word)
_COUNTY_NAME = re.compile(r" (?:County|Parish|Borough)$")
_COUNTY_WORD = re.compile(r"(?i)\b(?:county|parish|borough)\b")
W_UNIT_SIZE = 1.0  # at most this many prior points for a populous (or empty) first-level unit
W_LIST_LEVEL = 2.0  # per other member of a coordinated list read at this level (countries, states)
W_LIST_LEVEL_MAX = 5.0
W_SEA_OVER_TOWN = 20.0  # "над Азовом и Черным морем": the sea, whatever the context says of the town
_SEA_WORDS = re.compile(r"(?i)\b(?:seas?|coast|морем?|моря|мор[іе]|побережь\w*|узбережж\w*|акватор\w*)\b")
_WATER_NAME = re.compile(
    r"(?:^|\s)(?:sea|ocean|gulf|bay|strait|море|моря|морем|мор[еі]|залив\w*|затока)(?:$|\s)"
)
W_WATER_WORD = 2.0
_SENTENCE_END = re.compile(r"[.!?]\s|\n")
_NEAR_GAP = re.compile(
    r"^\s*,?\s*(?:near|close to|not far from|outside|под|около|возле|вблизи|недалеко от|біля|поблизу|неподалік від)\s+$",
    re.I,
)
_BORDER_BEFORE = re.compile(
    r"(?i)\b(?:border(?:s|ing)?(?: with)?|(?:граничащ|граничит|прикордонн|межу)\w*(?: с| з| із)?"
    r"|на границе с|на кордоні з|кордону з)(?:\s+[\w-]+['’]s)?(?:\s+the)?\s*$"
)
_LIST_GAP = re.compile(r"^\s*(?:,|;|,?\s*(?:и|і|та|й|а также|and|or|или|або))\s*$", re.I)


_ABBR_UNIT = re.compile(r"\s+О?ТГ$|\s+О?ТГ(?=\s)")


_ABBR_REGION = re.compile(r"\s+О[ВД]А$")


def expand_abbreviations(query: str) -> str:
    """'Кіндрашівська ТГ' (територіальна громада) -> '... громада'; 'Харківська ОВА' -> '... область'."""
    return _ABBR_REGION.sub(" область", _ABBR_UNIT.sub(" громада", query.strip()))


def _specificity(c: Candidate) -> int:
    """How narrowly a fallback placement pins a place: settlement > district > region."""
    return {3: 3, 2: 2, 6: 2}.get(c.entry.level, 1)


def precision_for(level: int, relation: str | None) -> int:
    """ACLED geo-precision: 1 settlement, 2 near/outskirts or district, 3 region or larger."""
    if level == 3:
        return 2 if relation in ("near", "outskirts", "around", "vicinity", "direction") else 1
    if level in (2, 6):  # district, Ukrainian hromada
        return 2
    return 3


def _dictionary_word(text: str) -> bool:
    """The (first) word is a known non-place word to pymorphy: a surname, adjective, common noun."""
    from skylog.nlp.models import morph

    words = _WORD.findall(text)
    if not words:
        return False
    lang = "uk" if re.search("[іїєґІЇЄҐ]", text) else "ru"
    parses = morph(lang).parse(words[0])
    if not parses or any("Geox" in str(p.tag) for p in parses[:3]):
        return False
    return parses[0].is_known


def _looks_alike(a: str, b: str) -> bool:
    """Two spellings of one name, across scripts ('Шебекино' / 'Shebekino'), not 'Mecca' / 'Medina'."""
    from rapidfuzz import fuzz
    from unidecode import unidecode

    a, b = norm(unidecode(a)), norm(unidecode(b))
    return fuzz.ratio(a, b) >= 70 or fuzz.partial_ratio(a, b) >= 85


def _near(lat: float, lon: float, pt: tuple[float, float], km: float) -> bool:
    """Within ``km`` of ``pt`` (equirectangular: exact enough at these distances)."""
    dy = (lat - pt[0]) * 111.2
    if abs(dy) > km:
        return False
    dx = (lon - pt[1]) * 111.2 * math.cos(math.radians((lat + pt[0]) / 2))
    return dx * dx + dy * dy <= km * km


class Geocoder:
    """Resolves place names against the bundled gazetteer. Thread-safe; use ``Geocoder.default()``."""

    _default: Geocoder | None = None
    _default_lock = threading.Lock()

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gz = gazetteer or default_gazetteer()
        self._lemma_cache: dict[tuple[str, str], tuple[str, ...]] = {}
        self._cand_cache: dict[tuple, tuple] = {}

    @classmethod
    def default(cls) -> Geocoder:
        """The process-wide geocoder (gazetteer opened once)."""
        if cls._default is None:
            with cls._default_lock:
                if cls._default is None:
                    cls._default = cls()
        return cls._default

    # ------------------------------------------------------------------ names
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
        from itertools import islice, product

        from skylog.nlp.models import morph

        m = morph("uk" if language == "uk" else "ru")
        options = []
        for w in _WORD.findall(text.lower())[:6]:
            parses = sorted(m.parse(w), key=lambda p: any(g in str(p.tag) for g in ("Name", "Surn", "Patr")))
            forms: list[str] = []
            for p in parses:
                if p.normal_form not in forms:
                    forms.append(p.normal_form)
                if len(forms) == 3:
                    break
            options.append(forms or [w])
        res = tuple(dict.fromkeys(norm(" ".join(c)) for c in islice(product(*options), 6)))
        # "Старооскольского округа": the short form of "... городской / муниципальный округ"
        res += tuple(
            f"{m.group(1)} {kind} округ"
            for k in res
            if (m := _SHORT_OKRUG.match(k))
            for kind in ("городскои", "муниципальныи")
        )
        if len(self._lemma_cache) > 200_000:
            self._lemma_cache.clear()
        self._lemma_cache[ck] = res
        return res

    def lemma_key(self, text: str, language: str) -> str:
        """The best lemma form (see ``lemma_keys``)."""
        keys = self.lemma_keys(text, language)
        return keys[0] if keys else norm(text)

    def keys_for(self, query: str, language: str | None) -> list[tuple[str, int | None]]:
        """Index keys to try for a name, each with an admin-level hint from its generic word."""
        query = expand_abbreviations(query)
        key = norm(query)
        if key.startswith("the "):
            key = key[4:]
        out: list[tuple[str, int | None]] = []
        hint = None
        for rx, lvl in HINT_RE:
            m = rx.match(key)
            if m:
                hint = lvl
                break
        out.append((key, hint))
        if hint is not None and m is not None and m.group(1) != key:
            # "Kiev region", "Shebekino district": the bare name too, the generic word as a level hint
            out.append((m.group(1), hint))
        m = _SETTLEMENT_WORDS.match(key)
        if m:  # "Tuapse city", "city of Kharkiv", "село Грузское": the name without the generic word
            bare = m.group("a") or m.group("b") or m.group("b2")
            if bare and bare != key:
                out.append((bare, 3))
                query = re.sub(_SETTLEMENT_WORDS_SURFACE, "", query).strip() or query
        m = _INITIAL.match(query.strip())
        if m:  # "Р. Лозова", "В. Бурлук": the first word cut to its initial, as lists often write
            rests = [norm(m.group(2))]
            if language in ("ru", "uk"):
                rests += list(self.lemma_keys(m.group(2), language))
            for rest in dict.fromkeys(rests):
                for full in self.gz.keys_with_initial(norm(m.group(1)), rest):
                    out.append((full, hint if hint is not None else 3))
        if CYRILLIC.search(key):
            langs = [language] if language in ("ru", "uk") else ["ru", "uk"]
            if language in ("ru", "uk"):
                langs.append("uk" if language == "ru" else "ru")
            for lang in langs:
                for lk in self.lemma_keys(query, lang):
                    if lk != key:
                        out.append((lk, hint))
            # "Подмосковье", "Підмосков'я": a region's own nickname
            for k, _ in list(out):
                full = N.REGION_NICKNAMES.get(k)
                if full:
                    out.append((full, 1))
        return out

    def _raw_candidates(self, query: str, language: str | None, fuzzy: bool = True) -> list[Candidate]:
        """Context-free candidates, memoised per (name, language); callers get fresh objects."""
        ck = (query, language, fuzzy)
        hit = self._cand_cache.get(ck)
        if hit is None:
            hit = tuple((c.entry, c.key, c.src, c.score, tuple(c.why)) for c in self._compute_candidates(*ck))
            if len(self._cand_cache) > 100_000:
                self._cand_cache.clear()
            self._cand_cache[ck] = hit
        return [Candidate(e, k, src, score, list(why)) for e, k, src, score, why in hit]

    def _compute_candidates(self, query: str, language: str | None, fuzzy: bool = True) -> list[Candidate]:
        if norm(query).removeprefix("the ") in N.GENERIC_WORDS:
            return []  # "The region", "the city", "область": a generic word names no place
        seen: dict[int, Candidate] = {}
        hint = None
        keys = self.keys_for(query, language)
        bare = keys[1][0] if len(keys) > 1 and keys[0][1] is not None and keys[1][1] == keys[0][1] else None
        namesakes: list[Candidate] = []  # bearers of the bare name at another level (the seat town)
        for key, h in keys:
            hint = hint or h
            for pid, src in self.gz.ids(key):
                if key == bare and self.gz.entry(pid).level != h:
                    namesakes.append(Candidate(self.gz.entry(pid), key, src))
                    continue
                if pid not in seen or seen[pid].src > src:
                    seen[pid] = Candidate(self.gz.entry(pid), key, src)
        if hint == 1 and not any(c.entry.level == 1 for c in seen.values()):
            # "Kiev region" = the region named after the city (Kyiv Oblast), in the city's country
            for c in sorted(namesakes, key=lambda c: -c.entry.population)[:3]:
                e = c.entry
                if e.level != 3:
                    continue
                stem = norm(e.name)
                for r in self.gz.units(e.country):
                    rn = norm(r.name)
                    if rn != stem and rn.startswith(stem + " ") and r.id not in seen:
                        seen[r.id] = Candidate(r, c.key, SRC_GENERATED)
        if hint == 2 and not any(c.entry.level == 2 for c in seen.values()):
            # "Shebekino district" = the district whose seat is Shebekino (Shebekinsky District)
            for c in namesakes:
                e = c.entry
                if e.level == 3 and e.a2 and e.a2 not in seen:
                    d = self.gz.entry(e.a2)
                    if norm(d.name)[:5] == norm(e.name)[:5]:
                        seen[d.id] = Candidate(d, c.key, SRC_GENERATED)
        if not seen and fuzzy:
            for c in self._fuzzy(query):
                seen.setdefault(c.entry.id, c)
        cands = list(seen.values())
        tried = {k for k, _ in keys}
        abbreviated = query.rstrip().endswith(".") and len(query.strip()) <= 6
        unit_names = {(c.entry.country, c.key) for c in cands if c.entry.level == 1 and c.src <= 1}
        for c in cands:
            c.score, c.why = self.prior(c.entry, c.src, hint)
            if abbreviated and c.src == 6:
                c.score += 4.0
                c.why.append("abbreviation with a full stop +4.0")
            if c.key not in tried:
                c.score -= 1.5
                c.why.append(f"fuzzy match '{c.key}' -1.5")
            if (
                c.entry.level == 3
                and c.entry.population < UNIT_NAMESAKE_POP
                and (c.entry.country, c.key) in unit_names
            ):
                # "Florida", "Wyoming": the state, not a small town in another state named after it
                c.score -= W_UNIT_NAMESAKE
                c.why.append(f"a small namesake of a first-level unit {-W_UNIT_NAMESAKE:+.1f}")
            if c.entry.level == 2 and _COUNTY_NAME.search(c.entry.name) and not _COUNTY_WORD.search(c.key):
                # "Texas", "Delaware": the state; its namesake counties are written "... County"
                c.score -= W_BARE_COUNTY
                c.why.append(f"a county named without 'County' {-W_BARE_COUNTY:+.1f}")
        if _WATER_NAME.search(key) and any(c.entry.level == 4 for c in cands):
            # "Red Sea", "Gulf of Aden", "Черное море": the water body, not a province named after it
            for c in cands:
                if c.entry.level == 4:
                    c.score += W_WATER_WORD
                    c.why.append(f"a water word names the water body {W_WATER_WORD:+.1f}")
        if hint == 1 and bare:
            # "Kyiv region", "Moscow region": the oblast around the city, not the city's own unit
            units = [c for c in cands if c.entry.level == 1]
            for c in units:
                if norm(c.entry.name) == bare and any(
                    u.entry.country == c.entry.country and norm(u.entry.name).startswith(bare + " ")
                    for u in units
                ):
                    c.score -= W_CITY_UNIT
                    c.why.append(f"a city's own unit; the region word means the oblast {-W_CITY_UNIT:+.1f}")
        cands.sort(key=lambda c: -c.score)
        return cands

    def _fuzzy(self, query: str, limit: int = 5) -> list[Candidate]:
        from rapidfuzz import fuzz, process

        key = norm(query)
        if len(key) < 6 or len(_ADMIN_NOUN.sub("", key).strip()) < 5:
            return []  # "U.S. District" is not a misspelt "Kursk District"
        buckets = self.gz.fuzzy_buckets()
        # ratio >= 90 needs the other length within [0.81, 1.23] x this one
        pool = [
            k
            for n in range(int(len(key) * 0.81), int(len(key) * 1.23) + 1)
            for k in buckets.get((key[0], n), ())
        ]
        out = []
        for k, _score, _idx in process.extract(key, pool, scorer=fuzz.ratio, limit=limit, score_cutoff=90):
            for pid, src in self.gz.ids(k):
                out.append(Candidate(self.gz.entry(pid), k, src))
        return out

    def prior(self, e: Entry, src: int, hint: int | None = None) -> tuple[float, list[str]]:
        """Context-free score: admin level, population, how the name is attested, level hint."""
        why = []
        if e.level == 3:
            s = 1.0 + POP_SLOPE * math.log10(e.population + 1)
            why.append(f"settlement pop {e.population:,} {s:+.2f}")
            if e.feature == "PPLC":
                s += W_CAPITAL
                why.append(f"national capital {W_CAPITAL:+.1f}")
        else:
            s = {0: LEVEL_PRIOR_COUNTRY, 1: LEVEL_PRIOR_ADMIN1, 2: 2.5, 4: 5.0, 5: 5.0, 6: 2.5}.get(
                e.level, 1.0
            )
            if e.level in (2, 6) and e.country in RU_UA:
                s += 1.0
            why.append(f"{KIND_BY_LEVEL.get(e.level)} {s:+.2f}")
            if e.level == 1:
                pop = self.gz.unit_population().get(e.id, 0)
                b = max(-W_UNIT_SIZE, min(W_UNIT_SIZE, 0.4 * (math.log10(pop + 1) - 6.0)))
                if b:
                    s += b
                    why.append(f"people in the unit {pop:,} {b:+.2f}")
        adj = {0: 1.0, 1: 0.6, 2: -0.5, 3: 0.4, 5: -3.0, 6: -1.5}.get(src, 0.0)
        if adj:
            s += adj
            why.append(
                f"name is {('primary', 'alias', 'alternate', 'generated', '', 'adjective', 'abbreviation')[src]} {adj:+.1f}"
            )
        if hint is not None:
            if e.level == hint:
                s += 4.0
                why.append(f"'{KIND_BY_LEVEL[hint]}' word matches {+4.0:+.1f}")
            elif e.level in (3, 4) or (hint == 1 and e.level == 2):
                s -= 3.0
                why.append(f"'{KIND_BY_LEVEL[hint]}' word mismatches -3.0")
        if e.lat is None:
            s -= 2.0
            why.append("no coordinates -2.0")
        return s, why

    # ------------------------------------------------------------------ public API
    def candidates(self, query: str, language: str | None = None, limit: int = 10) -> list[Candidate]:
        """Scored gazetteer candidates for one name (no context), best first, with reasons."""
        return self._raw_candidates(query, language)[:limit]

    def region(self, name_or_adjective: str, language: str = "en") -> Place | None:
        """First-level unit from a region name or adjective ('Курской', 'Kursk region', 'Харківщина')."""
        q = name_or_adjective.strip()
        cands = [c for c in self._raw_candidates(q, language, fuzzy=False) if c.entry.level == 1]
        if not cands:
            for suffix in (" region", " область", " області") if not CYRILLIC.search(q) else (" область",):
                cands = [c for c in self._raw_candidates(q + suffix, language) if c.entry.level == 1]
                if cands:
                    break
        if not cands:
            cands = [c for c in self._raw_candidates(q, language) if c.entry.level == 1]
        if not cands:
            return None
        cands.sort(key=lambda c: (c.src >= 5, -(1 if c.entry.country in RU_UA else 0), -c.score))
        best = cands[0]
        return self.to_place(best, q, (0, len(q)), None)

    def to_place(self, c: Candidate, mention: str, span: tuple[int, int], relation: str | None) -> Place:
        e = c.entry
        if e.level == 3 and not e.admin2 and e.country in RU_UA:
            d = self.gz.nearest_district(e)
            if d is not None:
                e = replace(e, admin2=d.name, a2=d.id)
        name, admin2 = e.name, (e.admin2 if e.level in (3, 6) else e.name if e.level == 2 else None)
        if e.country == "RU":  # "Grayvoronsky District" -> "Grayvoron District", as reports write it
            if e.level == 2:
                name = admin2 = self.gz.district_label(e.id) or e.name
            elif e.level == 3 and e.a2:
                admin2 = self.gz.district_label(e.a2) or admin2
        return Place(
            mention=mention,
            span=(int(span[0]), int(span[1])),
            kind=KIND_BY_LEVEL.get(e.level, "other"),  # type: ignore[arg-type]
            name=name,
            country=e.country or None,
            admin1=e.admin1 if e.level >= 1 else None,
            admin1_code=e.admin1_code if e.level >= 1 else None,
            admin2=admin2,
            lat=e.lat,
            lon=e.lon,
            # a village placed at its hromada's point (the codifier has none of its own): precision 2
            precision=max(precision_for(e.level, relation), 2 if e.level == 3 and e.approx else 1),
            gazetteer_id=e.gid,
            relation=relation,
            score=round(c.score, 3),
        )

    def resolve(
        self,
        mentions: list[Place],
        text: str = "",
        language: str = "en",
        hints: list[int | None] | None = None,
        trace: dict | None = None,
    ) -> list[Place]:
        """Resolve mention spans (found by anyone) jointly, using each other as context.

        ``trace``, when given, receives the report's frame and, per mention, the candidates
        that lost and why (for ``skylog geocode --context``).

        Returns new Place objects in the same order; a mention with no candidate
        comes back unresolved (no coordinates, ``gazetteer_id`` None). ``hints``
        may give an admin level per mention (1 region, 2 district) from patterns
        such as "Borovsky and Maloyaroslavets districts".
        """
        if not mentions:
            return []
        hints = list(hints) if hints is not None else [None] * len(mentions)
        cand_lists: list[list[Candidate]] = []
        for m, h in zip(mentions, hints, strict=True):
            cs = self._raw_candidates(m.mention, language)[:20]
            if h == 0 and m.relation == "adjective":
                cs = [c for c in cs if c.entry.level == 0] or cs  # a country adjective names a country
            if h is not None:
                for c in cs:
                    if c.entry.level == h:
                        c.score += 3.0
                        c.why.append("pattern level +3.0")
                cs.sort(key=lambda c: -c.score)
            self._sea_reading(m, cs, text)
            cand_lists.append(cs)
        picks = self._joint(mentions, cand_lists, text, language)
        picks, anchored = self._in_frame(mentions, cand_lists, picks, hints, text, language, trace)
        fallback = self._region_fallback(mentions, picks, cand_lists, hints, text)
        out = []
        for i, (m, c) in enumerate(zip(mentions, picks, strict=True)):
            if c is None and i in anchored:
                outer, ln = anchored[i]
                p = self.to_place(outer, m.mention, m.span, m.relation)
                # a place the gazetteer lacks (or has only elsewhere), where the text says it is
                part = F.is_part(m.mention) and ln.kind == "in"
                p.kind = "facility" if m.kind == "facility" else "district" if part else "settlement"
                p.name = m.name if m.kind == "facility" else m.mention
                p.precision = 3 if outer.entry.level in (0, 1) else 2
                if outer.entry.level == 3:
                    p.relation = m.relation or "near"
                    if part:
                        p.admin2 = m.mention
                out.append(p)
                continue
            if i in fallback:
                region = fallback[i]
                p = self.to_place(region, m.mention, m.span, m.relation)
                # a settlement the gazetteer lacks, in the district or region the text names
                p.kind = "facility" if m.kind == "facility" else "settlement"
                p.name = m.name if m.kind == "facility" else m.mention
                p.precision = 2 if region.entry.level in (2, 3, 6) else 3
                if region.entry.level == 3:
                    p.relation = "near"
                out.append(p)
                continue
            if c is None:
                out.append(replace(m, precision=m.precision, gazetteer_id=None))
                continue
            p = self.to_place(c, m.mention, m.span, m.relation)
            if m.kind == "facility":
                p.kind = "facility"
                p.name = m.name or m.mention
                # the facility is near the named settlement, or somewhere in the named region
                p.precision = 2 if c.entry.level == 3 else max(p.precision or 3, 2)
                p.relation = m.relation or "near"
            out.append(p)
        return out

    def _in_frame(
        self,
        mentions: list[Place],
        cand_lists: list[list[Candidate]],
        picks: list[Candidate | None],
        hints: list[int | None],
        text: str,
        language: str,
        trace: dict | None,
    ) -> tuple[list[Candidate | None], dict[int, tuple[Candidate, F.Link]]]:
        """Read every mention inside the report's own geography (see ``skylog.geo.frame``).

        Readings outside the frame's countries are dropped unless well known under their own
        name; stated containment ("X in the Y district", "Y's X", "X near Y") keeps only the
        readings inside Y. A mention left with no reading but a stated container is anchored
        there (returned with its container), never sent to another continent.
        """
        names = [m.mention for m in mentions]
        spans = [m.span for m in mentions]
        lost: dict[int, list[tuple[Candidate, str]]] = defaultdict(list)
        anchored: dict[int, tuple[Candidate, F.Link]] = {}
        changed = False
        for ln in F.links(spans, text):
            i, outer = ln.inner, picks[ln.outer]
            if outer is None or mentions[i].kind == "facility":
                continue
            if not F.applies(ln, outer, names[i], hints[i]):
                continue
            inner = picks[i]
            if ln.kind == "near" and inner is not None and inner.entry.level != 3:
                continue
            if (
                ln.kind == "in"
                and inner is not None
                and outer.entry.level != 3
                and 0 <= F._rank(inner.entry.level) <= F._rank(outer.entry.level)
            ):
                continue  # "Kursk region in the Belgorod direction": no unit holds a bigger one
            part = F.is_part(names[i]) or ln.phrase == "'s"
            o = outer.entry
            keep, rejected = [], []
            for c in cand_lists[i]:
                if ln.kind == "in":
                    ok = F.contains(o, c.entry, part)
                else:
                    ok = (
                        c.entry.level == 3
                        and c.entry.id != o.id
                        and c.entry.lat is not None
                        and o.lat is not None
                        and _near(c.entry.lat, c.entry.lon, (o.lat, o.lon), F.NEAR_KM)
                    )
                (keep if ok else rejected).append(c)
            if ln.phrase == "," and not keep:
                continue  # a comma is a soft link: it narrows the readings, never anchors a name
            for c in keep:
                c.why.append(f"{ln.kind} {o.name}, as the text says")
            lost[i].extend((c, f"not {ln.kind} {o.name} ({ln.phrase!r} in the text)") for c in rejected)
            if rejected:
                cand_lists[i] = keep
                changed = True
            if o.level != 0 and ln.phrase != ",":
                anchored[i] = (outer, ln)
        if changed:
            picks = self._joint(mentions, cand_lists, text, language)
        frame = F.build_frame(picks, names, hints, language, spans, text)
        changed = False
        for i, cs in enumerate(cand_lists):
            # a district name many regions share ("Kirovsky district") must be one of the report's
            # regions; with none there, it stays unresolved rather than land in Kaluga or Rostov
            a1s = {c.entry.a1 for c in cs if c.entry.level in (2, 6) and c.entry.country in RU_UA}
            others = {a for a, idx in frame.region_by.items() if idx - {i}}
            if len(a1s) < 2 or not others:
                continue
            keep = []
            for c in cs:
                if c.entry.level in (2, 6) and c.entry.country in RU_UA and c.entry.a1 not in others:
                    lost[i].append((c, "a district name shared by many regions, none of them the report's"))
                else:
                    keep.append(c)
            if len(keep) != len(cs):
                cand_lists[i] = keep
                changed = True
                if not keep and F.is_part(names[i]) and i not in anchored:
                    cities = {
                        c.entry.id: c
                        for j, c in enumerate(picks)
                        if j != i and c is not None and c.entry.level == 3 and c.entry.population >= 100_000
                    }
                    if len(cities) == 1:  # "the Kuibyshevsky district" of the one city the report is about
                        (city,) = cities.values()
                        anchored[i] = (city, F.Link(i, i, "in", "the report's city"))
        unit_stems = {norm(m.group(1)) for n_ in names if (m := F.UNIT_SUFFIX.match(n_.strip())) is not None}
        if frame.countries:
            up = self.gz.unit_population()
            for i, cs in enumerate(cand_lists):
                allowed = frame.countries_for(norm(names[i]))
                if not allowed:
                    continue
                # the frame spans its countries' neighbours (Kherson in a report on Russian
                # shelling), for exact names; a fuzzy match must lie in a country the report names
                wide = set(allowed).union(*(self.gz.neighbours(a) for a in allowed))
                # "Kani Township ... Kani-based ...": the text names the bare name's own unit, so
                # the bare name is that unit's place, not a namesake town abroad
                own_unit = norm(names[i]) in unit_stems
                keep = []
                for c in cs:
                    cc = c.entry.country
                    fuzzy = any("fuzzy match" in w for w in c.why)
                    if (
                        not cc
                        or cc in allowed
                        or (
                            (cc in wide and not fuzzy or F.outside_ok(c, names[i], up.get(c.entry.id, 0)))
                            and not self._person_like(names[i])
                            and not own_unit
                        )
                    ):
                        keep.append(c)
                    else:
                        lost[i].append((c, f"outside the report's frame ({cc} not in {sorted(allowed)})"))
                if len(keep) != len(cs):
                    cand_lists[i] = keep
                    changed = True
        if changed:
            picks = self._joint(mentions, cand_lists, text, language)
        # "a shell hit the village of X": a settlement the frame left with no reading keeps its
        # name and the report's region nearest to it (precision 3), not a namesake abroad
        regions = [
            j
            for j, c in enumerate(picks)
            if c is not None and c.entry.level == 1 and c.entry.id in frame.regions
        ]
        for i, cs in enumerate(cand_lists):
            if cs or not lost.get(i) or i in anchored or not regions:
                continue
            if hints[i] != 3 and not _SETTLEMENT_WORDS.match(norm(names[i])):
                continue
            j = min(regions, key=lambda j: abs(spans[j][0] - spans[i][0]))
            anchored[i] = (picks[j], F.Link(i, j, "in", "the report's region"))
        if trace is not None:
            trace["frame"] = frame
            trace["lost"] = lost
            trace["links"] = [ln for ln in F.links(spans, text)]
        return picks, anchored

    def _person_like(self, mention: str) -> bool:
        """A Cyrillic word that reads as a first name or surname ('Ване', dative of Ваня)."""
        if not CYRILLIC.search(mention) or " " in mention.strip():
            return False
        from skylog.nlp.models import morph

        lang = "uk" if re.search("[іїєґІЇЄҐ]", mention) else "ru"
        return any(
            g in p.tag.grammemes
            for p in morph(lang).parse(mention.strip())[:3]
            for g in ("Name", "Surn", "Patr")
        )

    def _sea_reading(self, m: Place, cs: list[Candidate], text: str) -> None:
        """'над Азовом и Черным морем', 'Azov ... off the coast': a sea word near a bare name that
        also names a sea makes the sea the first reading (not the town of Azov)."""
        if not text or " " in m.mention.strip():
            return
        lo, hi = max(0, m.span[0] - 80), m.span[1] + 80
        if not _SEA_WORDS.search(text[lo:hi]):
            return
        key = norm(m.mention)
        stems = {key, key[:-1], key[:-2]} if len(key) >= 6 else {key}
        seas: dict[int, Entry] = {}
        for w, e in self.gz.water_words():
            # the bare name, or its case form, of which the sea's adjective is made ("Азовом" / "азовское")
            if w in stems or any(len(st) >= 4 and w.startswith((st + "ск", st + "ськ")) for st in stems):
                seas[e.id] = e
        if not seas:
            return
        # the window without the mention itself: 'the Black and Azov seas' names no other Azov
        window = norm(text[lo : m.span[0]] + " | " + text[m.span[1] : hi])
        adjective = any(st + suf in window for st in stems if len(st) >= 4 for suf in ("ск", "ськ"))
        if adjective or any(
            f"sea of {w}" in window or f"{w} sea" in window for w, e in self.gz.water_words() if e.id in seas
        ):
            return  # the sea is named in full nearby ("Azov, on the Sea of Azov"): the bare name is the town
        top = max((c.score for c in cs), default=0.0)
        # the town readings stay as fallbacks, far enough below that context bonuses cannot revive them
        for c in cs:
            c.score -= W_SEA_OVER_TOWN
            c.why.append(f"a sea of that name is meant {-W_SEA_OVER_TOWN:+.1f}")
        for e in seas.values():
            cs.insert(0, Candidate(e, key, 3, top + 1.0, ["a sea is named next to it", f"{top + 1.0:+.1f}"]))

    def _region_fallback(
        self,
        mentions: list[Place],
        picks: list[Candidate | None],
        cand_lists: list[list[Candidate]],
        hints: list[int | None],
        text: str = "",
    ) -> dict[int, Candidate]:
        """Small places the gazetteer lacks, in a Russian/Ukrainian region the text names.

        GeoNames cities500 misses most villages; when a report names "Masychevo"
        next to "Belgorod Oblast", the honest answer is the region (precision 3),
        not a same-named village in another region.
        """
        regions = [
            (i, c)
            for i, c in enumerate(picks)
            if c is not None
            and c.entry.level == 1
            and c.entry.country in RU_UA
            and mentions[i].kind != "facility"
        ]
        if not regions:
            # no region named, but a district or hromada named as such ("Кіндрашівська ТГ: ... с. Грушівка")
            regions = [
                (i, c)
                for i, c in enumerate(picks)
                if c is not None
                and c.entry.level in (2, 6)
                and c.entry.country in RU_UA
                and c.entry.a1
                and mentions[i].kind != "facility"
                and (
                    hints[i] in (2, 6) or _ADMIN_NOUN.search(norm(expand_abbreviations(mentions[i].mention)))
                )
            ]
        if not regions:
            # no region named, but several places of one region ("Купянськ", "Лозова", "Великий Бурлук")
            votes: dict[int, set[str]] = defaultdict(set)
            for i, c in enumerate(picks):
                if c is not None and c.entry.level in (2, 3, 6) and c.entry.country in RU_UA and c.entry.a1:
                    votes[c.entry.a1].add(norm(mentions[i].mention))
            best = max(votes.items(), key=lambda kv: len(kv[1]), default=None)
            if best is None or len(best[1]) < 3:
                return {}
            home = self.gz.entry(best[0])
            anchor = next(i for i, c in enumerate(picks) if c is not None and c.entry.a1 == home.id)
            regions = [(anchor, Candidate(home, norm(home.name), 0, 0.0, []))]

        def a1_of(c: Candidate) -> int | None:
            return c.entry.id if c.entry.level == 1 else c.entry.a1

        named = {a1_of(c) for _, c in regions}
        host_idx = {i for i, _ in regions}
        # "near the border with Ukraine's Sumy region": a region named as a border is not the host
        hosts = [
            (i, c)
            for i, c in regions
            if not (
                text and _BORDER_BEFORE.search(text[max(0, mentions[i].span[0] - 60) : mentions[i].span[0]])
            )
        ] or regions

        def listed_in_named(i: int) -> bool:
            """A neighbour in a coordinated list ("В Муроме, Вознесеновке и Борисовке") lies in a named
            region: list members share a region, so a big namesake elsewhere is the wrong reading."""
            if not text:
                return False
            for step in (-1, 1):
                j = i
                while 0 <= j + step < len(mentions):
                    a, b = sorted((j, j + step))
                    if not _LIST_GAP.match(text[mentions[a].span[1] : mentions[b].span[0]]):
                        break
                    j += step
                    d = picks[j]
                    if d is not None and d.entry.level == 3 and d.entry.a1 in named:
                        return True
            return False

        out: dict[int, Candidate] = {}
        for i, c in enumerate(picks):
            if i in host_idx:
                continue
            words = mentions[i].mention.split()
            if not words or "(" in mentions[i].mention or any(w.isupper() and len(w) > 1 for w in words):
                continue  # acronyms and bracketed asides are not village names
            if c is not None:
                e = c.entry
                if e.level != 3 or e.a1 in named:
                    continue
                if e.population >= 20_000 and not listed_in_named(i):
                    continue
            elif not mentions[i].mention[:1].isupper():
                continue
            elif hints[i] != 3 and not CYRILLIC.search(mentions[i].mention):
                continue  # an unknown English word is too often a name ("Shapsha"); needs "village of X"
            if _ADMIN_NOUN.search(norm(mentions[i].mention)):
                continue  # an unknown district is not a settlement
            if (
                hints[i] != 3
                and CYRILLIC.search(mentions[i].mention)
                and _dictionary_word(mentions[i].mention)
            ):
                continue  # "Гладков" (a surname), "Передовые" (an adjective): not an unknown village
            _, region = min(hosts, key=lambda r: abs(mentions[r[0]].span[0] - mentions[i].span[0]))
            # "Старый Хутор Валуйского округа": a district named right after it, in that region
            after = [
                (j, d)
                for j, d in enumerate(picks)
                if d is not None
                and d.entry.level in (2, 6)
                and d.entry.a1 == a1_of(region)
                and 0 <= mentions[j].span[0] - mentions[i].span[1] <= 3
            ]
            # "... in the Shebekino district: a drone was shot down near the village of X":
            # a district of that region named earlier in the same sentence
            before = [
                (j, d)
                for j, d in enumerate(picks)
                if d is not None
                and d.entry.level in (2, 6)
                and d.entry.a1 == a1_of(region)
                and 0 <= mentions[i].span[0] - mentions[j].span[1] <= 200
                and text
                and not _SENTENCE_END.search(text[mentions[j].span[1] : mentions[i].span[0]])
            ]
            near = self._near_town(i, mentions, picks, text)
            if after:
                d = after[0][1]
                out[i] = Candidate(d.entry, d.key, d.src, d.score, ["placed in the district named after it"])
            elif near is not None:
                out[i] = near
            elif before:
                d = before[-1][1]
                out[i] = Candidate(
                    d.entry, d.key, d.src, d.score, ["placed in the district named before it in the sentence"]
                )
            else:
                out[i] = Candidate(
                    region.entry,
                    region.key,
                    region.src,
                    region.score,
                    ["placed in the region named in the text"],
                )
        # one sense per text: every mention of an unknown village gets the most specific placement
        best: dict[str, Candidate] = {}
        for i, c in out.items():
            k = norm(mentions[i].mention)
            if k not in best or _specificity(c) > _specificity(best[k]):
                best[k] = c
        for i in out:
            out[i] = best[norm(mentions[i].mention)]
        return out

    def _near_town(
        self, i: int, mentions: list[Place], picks: list[Candidate | None], text: str
    ) -> Candidate | None:
        """'the village of X near Shebekino': an unknown X is placed at the town named right after."""
        j = i + 1
        if not text or j >= len(mentions) or picks[j] is None or picks[j].entry.level != 3:
            return None
        if not _NEAR_GAP.match(text[mentions[i].span[1] : mentions[j].span[0]]):
            return None
        d = picks[j]
        return Candidate(d.entry, d.key, d.src, d.score, ["near the town named after it"])

    def _joint(
        self, mentions: list[Place], cand_lists: list[list[Candidate]], text: str, language: str
    ) -> list[Candidate | None]:
        n = len(mentions)
        base = [[c.score for c in cs] for cs in cand_lists]
        picks = [cs[0] if cs else None for cs in cand_lists]
        keys = [norm(m.mention) for m in mentions]
        lang_country = {"ru": ("RU", "UA"), "uk": ("UA", "RU")}.get(language, ())
        # which regions could host each distinct name: a region that fits many names is the
        # text's home ("Athens" and "Henderson County" both fit Texas)
        region_support: dict[int, int] = defaultdict(int)
        fits: list[set[int]] = []
        done: set[str] = set()
        for i, cs in enumerate(cand_lists):
            a1s = {c.entry.id if c.entry.level == 1 else c.entry.a1 for c in cs[:12] if c.entry.a1}
            fits.append(a1s)
            if keys[i] in done:
                continue
            done.add(keys[i])
            for a in a1s:
                region_support[a] += 1
        # containment among readings, whatever is picked: "Huntsville" and "Walker County" fit
        # together in Texas (Huntsville is its seat), not in Alabama, where each also exists
        dist_of: dict[int, set[str]] = defaultdict(set)  # district id -> names with it as a reading
        town_in: dict[int, set[str]] = defaultdict(set)  # district id -> names with a town in it
        for i, cs in enumerate(cand_lists):
            for k, c in enumerate(cs[:12]):
                if c.src >= 2 and not _looks_alike(mentions[i].mention, c.entry.name):
                    continue  # "Mecca", an odd alternate name of Medina, Ohio, vouches for nothing
                # a district read off a bare name ("Medina" -> Medina County) only when it is
                # that name's best reading; "Walker County", "Borovsky district" always
                if c.entry.level in (2, 6) and (k == 0 or _ADMIN_NOUN.search(c.key)):
                    dist_of[c.entry.id].add(keys[i])
                elif c.entry.level == 3 and c.entry.a2:
                    town_in[c.entry.a2].add(keys[i])
        # members of the same coordinated list ("A, B, C and D"), up to three each side
        list_mates: list[list[int]] = [[] for _ in range(n)]
        if text:
            for i in range(n):
                for step in (-1, 1):
                    j = i
                    while 0 <= j + step < n and abs(j + step - i) <= 3:
                        a, b = sorted((j, j + step))
                        if not _LIST_GAP.match(text[mentions[a].span[1] : mentions[b].span[0]]):
                            break
                        j += step
                        list_mates[i].append(j)
        for _ in range(3):
            # context from the current picks of the other mentions
            # each count also kept per name, so that a name is never its own context: three
            # mentions of "Quebec" read as the province must not vouch for Quebec City
            a1_named: dict[int, float] = defaultdict(float)
            a2_named: dict[int, float] = defaultdict(float)
            a1_seen: dict[int, float] = defaultdict(float)
            country_w: dict[str, float] = defaultdict(float)
            by_name: dict[tuple, float] = defaultdict(float)
            for j, p in enumerate(picks):
                if p is None:
                    continue
                e = p.entry
                counts = []
                if e.level == 1:
                    counts.append((a1_named, "a1", e.id))
                elif e.level in (2, 6):
                    counts.append((a2_named, "a2", e.id))
                if e.level in (2, 3, 6) and e.a1:
                    counts.append((a1_seen, "seen", e.a1))
                if e.level in (0, 1, 2, 3, 6):
                    counts.append((country_w, "country", e.country))
                for d, what, key in counts:
                    d[key] += 1.0
                    by_name[(what, key, keys[j])] += 1.0
            total_c = sum(country_w.values()) or 1.0
            # points of the other names' current readings (towns and districts, one per name)
            spots: dict[str, tuple[float, float]] = {}
            name_country: dict[str, str] = {}  # each distinct name's current country
            for j, p in enumerate(picks):
                if p is not None and p.entry.country:
                    name_country.setdefault(keys[j], p.entry.country)
                if p is not None and p.entry.level in (2, 3, 6) and p.entry.lat is not None:
                    spots.setdefault(keys[j], (p.entry.lat, p.entry.lon))
            # the levels read for the other members of a coordinated list each mention is in
            # ("the United States, Canada, Spain and Mexico": countries, so Mexico is one too)
            list_levels: list[dict[int, int]] = []
            for i in range(n):
                lv: dict[int, int] = defaultdict(int)
                for j in list_mates[i]:
                    if picks[j] is not None and keys[j] != keys[i]:
                        lv[picks[j].entry.level] += 1
                list_levels.append(lv)
            # the region named last before each mention (a section header, "in X region, ...")
            local_a1: list[int | None] = []
            last: tuple[int, str] | None = None
            for j in range(n):
                local_a1.append(last[0] if last and last[1] != keys[j] else None)
                if picks[j] is not None and picks[j].entry.level == 1:
                    last = (picks[j].entry.id, keys[j])
            new = []
            for i, cs in enumerate(cand_lists):
                if not cs:
                    new.append(None)
                    continue
                best, best_s = None, -1e9

                def sub(d: dict, what: str, key, name: str = keys[i], by_name: dict = by_name) -> float:
                    """The count from the other names only."""
                    return d.get(key, 0.0) - by_name.get((what, key, name), 0.0)

                for k, c in enumerate(cs):
                    e = c.entry
                    s = base[i][k]
                    why = []
                    if e.a1 and e.level >= 2 and sub(a1_named, "a1", e.a1) > 0:
                        s += W_REGION_NAMED
                        why.append(f"its region is named in the text {W_REGION_NAMED:+.1f}")
                    if e.a2 and e.level == 3 and sub(a2_named, "a2", e.a2) > 0:
                        s += W_DISTRICT_NAMED
                        why.append(f"its district is named in the text {W_DISTRICT_NAMED:+.1f}")
                    if e.level >= 2 and e.a1 and e.a1 == local_a1[i]:
                        s += W_LOCAL_REGION
                        why.append(f"in the region named just before {W_LOCAL_REGION:+.1f}")
                    seen = sub(a1_seen, "seen", e.a1 if e.level >= 2 else e.id)
                    if seen > 0:
                        b = (
                            min(W_SAME_REGION_MAX, W_SAME_REGION + 0.5 * (seen - 1))
                            if e.level != 1
                            else min(2.5, 1.5 + 0.5 * seen)
                        )
                        s += b
                        why.append(f"other places in the same region {b:+.1f}")
                    cw = sub(country_w, "country", e.country)
                    if cw > 0:
                        b = W_COUNTRY * cw / total_c
                        s += b
                        why.append(f"text's country {e.country} {b:+.2f}")
                    if e.level == 3 and e.a2 and dist_of.get(e.a2, set()) - {keys[i]}:
                        s += W_CONTAINS
                        why.append(f"its district is also named {W_CONTAINS:+.1f}")
                    elif e.level in (2, 6) and town_in.get(e.id, set()) - {keys[i]}:
                        s += W_CONTAINS
                        why.append(f"a town of it is also named {W_CONTAINS:+.1f}")
                    if W_NEAR and e.level in (2, 3, 6) and e.lat is not None and len(spots) > 1:
                        close = sum(
                            1
                            for k2, pt in spots.items()
                            if k2 != keys[i] and _near(e.lat, e.lon, pt, NEAR_KM)
                        )
                        others = [c2 for k2, c2 in name_country.items() if k2 != keys[i]]
                        share = sum(1 for c2 in others if c2 == e.country) / max(1, len(others))
                        if close and share > 0:
                            # neighbours count as much as the text is about their country: a
                            # cluster of stray readings ("St. Peter", "Pope") abroad is noise
                            b = min(W_NEAR_MAX, W_NEAR * close) * share
                            s += b
                            why.append(f"{close} other places within {NEAR_KM:.0f} km {b:+.2f}")
                    mates = list_levels[i].get(e.level, 0) if e.level in (0, 1) else 0
                    if mates:
                        b = min(W_LIST_LEVEL_MAX, W_LIST_LEVEL * mates)
                        s += b
                        why.append(f"listed with {mates} other {KIND_BY_LEVEL[e.level]} names {b:+.1f}")
                    a1 = e.id if e.level == 1 else e.a1
                    if a1 and W_SUPPORT:
                        others = region_support.get(a1, 0) - (1 if a1 in fits[i] else 0)
                        if others > 0:
                            b = min(W_SUPPORT_MAX, W_SUPPORT * others)
                            s += b
                            why.append(f"{others} other names fit its region {b:+.2f}")
                    if e.country in lang_country:
                        b = 1.5 if e.country == lang_country[0] else 1.0
                        s += b
                        why.append(f"language {language} -> {e.country} {b:+.1f}")
                    if s > best_s:
                        best, best_s = (c, why), s
                c, why = best
                new.append(Candidate(c.entry, c.key, c.src, best_s, c.why + why))
            # adjacency: "Town, State" -> the state contains the town; "Queensland, Australia"
            for i in range(n - 1):
                a, b = mentions[i], mentions[i + 1]
                gap = text[a.span[1] : b.span[0]] if text else ""
                if gap.strip() in (",", "") and 0 < len(gap) <= 2 and new[i + 1] and cand_lists[i]:
                    state = new[i + 1].entry
                    if state.level in (0, 1):
                        for c in cand_lists[i]:
                            if c.entry.level > state.level and (
                                c.entry.a1 == state.id
                                or (state.level == 0 and c.entry.country == state.country)
                            ):
                                if new[i] is None or new[i].entry.id != c.entry.id:
                                    new[i] = Candidate(
                                        c.entry,
                                        c.key,
                                        c.src,
                                        c.score + 5.0,
                                        c.why + [f"followed by {state.name} +5.0"],
                                    )
                                break
            # one sense per text
            groups: dict[str, list[int]] = defaultdict(list)
            for i, k in enumerate(keys):
                groups[k].append(i)
            for idxs in groups.values():
                if len(idxs) < 2:
                    continue
                tally: dict[int, float] = defaultdict(float)
                adjective = None
                for i in idxs:
                    if new[i] is not None:
                        tally[new[i].entry.id] += new[i].score
                        if mentions[i].relation == "adjective" and new[i].entry.level == 0:
                            adjective = new[i].entry.id
                if len(tally) > 1:
                    # "Mexican health officials": a country adjective settles what "Mexico" means
                    win = adjective if adjective is not None else max(tally, key=tally.get)
                    for i in idxs:
                        if new[i] is not None and new[i].entry.id != win:
                            for c in cand_lists[i]:
                                if c.entry.id == win:
                                    new[i] = Candidate(
                                        c.entry, c.key, c.src, c.score, c.why + ["one sense per text"]
                                    )
                                    break
            if all(
                (a is None and b is None) or (a and b and a.entry.id == b.entry.id)
                for a, b in zip(picks, new, strict=True)
            ):
                picks = new
                break
            picks = new
        return picks
