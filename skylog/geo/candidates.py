"""Context-free candidates for one name: index lookups, generated units, fuzzy matches, priors.

Each name gets candidates from the name index (exact normalised names, lemma forms for
Russian/Ukrainian, then rapidfuzz for typos and odd transliterations). A prior from admin
level, population and how the name is attested ranks them before any context is read.
"""

from __future__ import annotations

import math
import re

from rapidfuzz import fuzz, process

from skylog.geo import compass
from skylog.geo import names as N
from skylog.geo.gazetteer import LEVEL_KIND, Candidate, Entry, Gazetteer
from skylog.geo.keys import CYRILLIC, Key, NameKeys, romanisation_variants
from skylog.geo.normalize import norm
from skylog.geo.spelling import looks_alike

RU_UA = ("RU", "UA", "BY")
SRC_GENERATED = 3

# priors of the name's bearer by kind (a settlement gets 1 + 0.8 per decade of population)
LEVEL_PRIOR_COUNTRY = 7.0
LEVEL_PRIOR_ADMIN1 = 6.0
LEVEL_PRIOR = {0: LEVEL_PRIOR_COUNTRY, 1: LEVEL_PRIOR_ADMIN1, 2: 2.5, 4: 5.0, 5: 5.0, 6: 2.5}
SRC_ADJUST = {0: 1.0, 1: 0.6, 2: -0.5, 3: 0.4, 5: -3.0, 6: -1.5}
SRC_LABEL = ("primary", "alias", "alternate", "generated", "", "adjective", "abbreviation")
W_CAPITAL = 1.5
W_CITY_UNIT = 2.0  # "Kyiv region" read as the city's own first-level unit
W_BARE_FOREIGN_UNIT = 2.0  # "в Хайфе": Russian/Ukrainian name a foreign unit with its word ("Хайфский округ")
POP_SLOPE = 0.8  # prior points per decade of population
W_HINT_MATCH = 4.0
W_HINT_MISMATCH = 3.0
W_NO_POINT = 2.0
W_ABBREVIATION = 4.0
W_FUZZY = 1.5
W_OTHER_LANGUAGE = 0.5  # a form read by the other language's morphology when the text's own reads it too
W_VARIANT = 0.5  # a romanisation or orthographic variant ('Zaporizhia', «Новоросійськ»): not exact
W_UNIT_NAMESAKE = 3.0  # a small town bearing the name of a first-level unit of its country
UNIT_NAMESAKE_POP = 50_000
W_BARE_COUNTY = 3.0  # a bare name read as "<name> County" (US, UK usage writes the word)
W_UNIT_SIZE = 1.0  # at most this many prior points for a populous (or empty) first-level unit
W_WATER_WORD = 2.0
W_SEA_OVER_TOWN = 20.0  # "над Азовом и Черным морем": the sea, whatever the context says of the town
FUZZY_CUTOFF = 90
# a town that bears a name only as an alternate unlike its own name, beside a town of its country
# that bears it as its own: the namesake, unless the other is far bigger (POP_SLOPE points a decade,
# so 100 times the people; "Kiev", "Bombay" have no namesake in their own country)
W_NOT_ITS_NAME = 2 * POP_SLOPE

# generic words of names and their usual abbreviations ("St. Petersburg", "Mt. Pleasant", "Ft. Worth")
_SHORT = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft"}
_GENERIC_SHORT = re.compile(r"\b(?:saint|sainte|mount|fort)\b")
_COUNTY_NAME = re.compile(r" (?:County|Parish|Borough)$")
_COUNTY_WORD = re.compile(r"(?i)\b(?:county|parish|borough)\b")
ADMIN_NOUN = re.compile(
    r"\b(?:раион\w*|округ\w*|громад\w*|област\w*|district|raion|rayon|county|oblast|region)\b"
)
_WATER_NAME = re.compile(
    r"(?:^|\s)(?:sea|ocean|gulf|bay|strait|море|моря|морем|мор[еі]|залив\w*|затока)(?:$|\s)"
)
_SEA_WORDS = re.compile(r"(?i)\b(?:seas?|coast|морем?|моря|мор[іе]|побережь\w*|узбережж\w*|акватор\w*)\b")


def prior(gz: Gazetteer, e: Entry, src: int, hint: int | None = None) -> tuple[float, list[str]]:
    """Context-free score: admin level, population, how the name is attested, level hint."""
    s, why = _level_prior(gz, e)
    adj = SRC_ADJUST.get(src, 0.0)
    if adj:
        s += adj
        why.append(f"name is {SRC_LABEL[src]} {adj:+.1f}")
    if hint is not None:
        if e.level == hint:
            s += W_HINT_MATCH
            why.append(f"'{LEVEL_KIND[hint]}' word matches {+W_HINT_MATCH:+.1f}")
        elif e.level in (3, 4) or (hint == 1 and e.level == 2):
            s -= W_HINT_MISMATCH
            why.append(f"'{LEVEL_KIND[hint]}' word mismatches {-W_HINT_MISMATCH:.1f}")
    if e.lat is None:
        s -= W_NO_POINT
        why.append(f"no coordinates {-W_NO_POINT:.1f}")
    return s, why


def _level_prior(gz: Gazetteer, e: Entry) -> tuple[float, list[str]]:
    """A settlement by its population (a capital a little more); a unit by its level and size."""
    why = []
    if e.level == 3:
        s = 1.0 + POP_SLOPE * math.log10(e.population + 1)
        why.append(f"settlement pop {e.population:,} {s:+.2f}")
        if e.feature == "PPLC":
            s += W_CAPITAL
            why.append(f"national capital {W_CAPITAL:+.1f}")
        return s, why
    s = LEVEL_PRIOR.get(e.level, 1.0)
    if e.level in (2, 6) and e.country in RU_UA:
        s += 1.0
    why.append(f"{LEVEL_KIND.get(e.level)} {s:+.2f}")
    if e.level == 1:
        pop = gz.unit_population().get(e.id, 0)
        b = max(-W_UNIT_SIZE, min(W_UNIT_SIZE, 0.4 * (math.log10(pop + 1) - 6.0)))
        if b:
            s += b
            why.append(f"people in the unit {pop:,} {b:+.2f}")
    return s, why


def fuzzy(gz: Gazetteer, query: str, limit: int = 5) -> list[Candidate]:
    """Near spellings of the name among the keys worth fuzzy matching (ratio >= 90)."""
    key = norm(query)
    if len(key) < 6 or len(ADMIN_NOUN.sub("", key).strip()) < 5:
        return []  # "U.S. District" is not a misspelt "Kursk District"
    buckets = gz.fuzzy_buckets()
    # ratio >= 90 needs the other length within [0.81, 1.23] x this one
    pool = [
        k for n in range(int(len(key) * 0.81), int(len(key) * 1.23) + 1) for k in buckets.get((key[0], n), ())
    ]
    out = []
    for k, _score, _idx in process.extract(
        key, pool, scorer=fuzz.ratio, limit=limit, score_cutoff=FUZZY_CUTOFF
    ):
        for pid, src in gz.ids(k):
            out.append(Candidate(gz.entry(pid), k, src))
    return out


class _Lookup:
    """The exact index hits of a name's keys, and the namesakes of its bare name at other levels."""

    def __init__(self, gz: Gazetteer, keys: list[Key]) -> None:
        self.seen: dict[int, Candidate] = {}
        self.hint: int | None = None
        self.bare = (
            keys[1][0] if len(keys) > 1 and keys[0][1] is not None and keys[1][1] == keys[0][1] else None
        )
        self.namesakes: list[Candidate] = []  # bearers of the bare name at another level (the seat town)
        for key, h in keys:
            self.hint = self.hint or h
            for pid, src in gz.ids(key):
                if key == self.bare and gz.entry(pid).level != h:
                    self.namesakes.append(Candidate(gz.entry(pid), key, src))
                    continue
                if pid not in self.seen or self.seen[pid].src > src:
                    self.seen[pid] = Candidate(gz.entry(pid), key, src)

    def add_city_region(self, gz: Gazetteer) -> None:
        """'Kiev region' = the region named after the city (Kyiv Oblast), in the city's country."""
        for c in sorted(self.namesakes, key=lambda c: -c.entry.population)[:3]:
            e = c.entry
            if e.level != 3:
                continue
            stem = norm(e.name)
            for r in gz.units(e.country):
                rn = norm(r.name)
                if rn != stem and rn.startswith(stem + " ") and r.id not in self.seen:
                    self.seen[r.id] = Candidate(r, c.key, SRC_GENERATED)

    def add_seat_district(self, gz: Gazetteer) -> None:
        """'Shebekino district' = the district whose seat is Shebekino (Shebekinsky District)."""
        for c in self.namesakes:
            e = c.entry
            if e.level == 3 and e.a2 and e.a2 not in self.seen:
                d = gz.entry(e.a2)
                if norm(d.name)[:5] == norm(e.name)[:5]:
                    self.seen[d.id] = Candidate(d, c.key, SRC_GENERATED)


def _variant_keys(look: _Lookup, keys: list[Key], nk: NameKeys) -> list[Key]:
    """Respelt keys to look up when the name's own keys find nothing ('Zaporizhia'; «Новоросійськ»,
    the Ukrainian spelling of a town the index knows in Russian), or (Cyrillic) only alternate names
    («у Новоросійську», whose lemma a village's alternate name bears)."""
    if look.namesakes:
        return []  # 'Sour district': Sour is Tyre, not a respelt Sur
    if not look.seen:
        return romanisation_variants(keys) + nk.orthographic_keys(keys)
    if all(c.src >= 2 for c in look.seen.values()):
        return nk.orthographic_keys(keys)
    return []


def _add_variants(gz: Gazetteer, look: _Lookup, var: list[Key]) -> set[str]:
    """Add the readings of the respelt keys ``var`` to ``look``; the keys that found any."""
    if not var:
        return set()
    vlook = _Lookup(gz, var)
    for pid, c in vlook.seen.items():
        if _respelt_here(c):
            look.seen.setdefault(pid, c)
    look.hint = look.hint or vlook.hint
    return {c.key for c in vlook.seen.values()}


def _respelt_here(c: Candidate) -> bool:
    """A Cyrillic name read through the other orthography names a place of the two languages' own
    countries, never a far-off namesake («Новоросійськ» is Novorossiysk; no Chinese town's exonym)."""
    return not CYRILLIC.search(c.key) or c.entry.country in RU_UA


def compute_candidates(
    gz: Gazetteer, nk: NameKeys, query: str, language: str | None, fuzzy_ok: bool = True
) -> list[Candidate]:
    """Every reading of one name, scored by its prior, best first."""
    if norm(query).removeprefix("the ") in N.GENERIC_WORDS:
        return []  # "The region", "the city", "область": a generic word names no place
    keys = nk.keys_for(query, language)
    look = _Lookup(gz, keys)
    if look.hint == 1 and not any(c.entry.level == 1 for c in look.seen.values()):
        look.add_city_region(gz)
    if look.hint == 2 and not any(c.entry.level == 2 for c in look.seen.values()):
        look.add_seat_district(gz)
    variants = _add_variants(gz, look, _variant_keys(look, keys, nk))
    if not look.seen and fuzzy_ok:
        for c in fuzzy(gz, query):
            look.seen.setdefault(c.entry.id, c)
    cands = list(look.seen.values())
    _own_name_abbreviated(cands)
    cands = _full_name_first(cands, keys)
    _score_priors(gz, cands, query, {k for k, _ in keys} | variants, look.hint)
    _other_language_lemma(nk, cands, query, language)
    for c in cands:
        if c.key in variants:
            c.score -= W_VARIANT
            c.why.append(f"romanisation variant '{c.key}' {-W_VARIANT:+.1f}")
    if _WATER_NAME.search(keys[-1][0]) and any(c.entry.level == 4 for c in cands):
        # "Red Sea", "Gulf of Aden", "Черное море": the water body, not a province named after it
        for c in cands:
            if c.entry.level == 4:
                c.score += W_WATER_WORD
                c.why.append(f"a water word names the water body {W_WATER_WORD:+.1f}")
    if look.hint == 1 and look.bare:
        _city_unit_penalty(cands, look.bare)
    if look.hint is None and language in ("ru", "uk"):
        _bare_foreign_unit_penalty(cands)
    _namesake_bears_it(cands, query, {k for k, _ in keys} | variants)
    _case_form_guesses(cands, query)
    if not compass.named_as_is(cands):
        cands = _compass_parts(gz, nk, query, language) + cands
    cands.sort(key=lambda c: -c.score)
    return cands


def _compass_parts(gz: Gazetteer, nk: NameKeys, query: str, language: str | None) -> list[Candidate]:
    """ "South Lebanon", «Южного Ливана»: the part of the country or region after the compass word
    (``compass``), scored as that unit (not South Lebanon, Ohio)."""
    out = compass.part_readings(gz, query, lambda rest: compute_candidates(gz, nk, rest, language, False))
    for c in out:
        c.score, why = prior(gz, c.entry, c.src)
        c.why += why
    return out


def _score_priors(
    gz: Gazetteer, cands: list[Candidate], query: str, tried: set[str], hint: int | None
) -> None:
    """Each candidate's prior, and the penalties that need the other candidates."""
    abbreviated = query.rstrip().endswith(".") and len(query.strip()) <= 6
    unit_names = {(c.entry.country, c.key) for c in cands if c.entry.level == 1 and c.src <= 1}
    for c in cands:
        c.score, c.why = prior(gz, c.entry, c.src, hint)
        if abbreviated and c.src == 6:
            c.score += W_ABBREVIATION
            c.why.append(f"abbreviation with a full stop {W_ABBREVIATION:+.1f}")
        if c.key not in tried:
            c.score -= W_FUZZY
            c.why.append(f"fuzzy match '{c.key}' {-W_FUZZY:.1f}")
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


def _other_language_lemma(nk: NameKeys, cands: list[Candidate], query: str, language: str | None) -> None:
    """«в Артемовске» of a Russian text: the Russian reading of the form (Артемовск) before a
    Ukrainian one (Артемівський) when both find a place; posts mix the languages, so the other
    language's reading stays a candidate, a little behind."""
    if language not in ("ru", "uk") or not CYRILLIC.search(query):
        return
    own = {norm(query), *nk.lemma_keys(query, language)}
    other = set(nk.lemma_keys(query, "uk" if language == "ru" else "ru")) - own
    if not other or not any(c.key in own for c in cands):
        return
    for c in cands:
        if c.key in other:
            c.score -= W_OTHER_LANGUAGE
            c.why.append(
                f"read as a {'Ukrainian' if language == 'ru' else 'Russian'} form {-W_OTHER_LANGUAGE:+.1f}"
            )


def _generic_abbreviated(key: str) -> str:
    """A normalised name with its generic words in their usual short form (saint -> st)."""
    return _GENERIC_SHORT.sub(lambda m: _SHORT[m.group(0)], key)


def _own_name_abbreviated(cands: list[Candidate]) -> None:
    """'St. Petersburg', 'Mt. Pleasant': a place's own name with its generic word shortened as
    usual counts as an alias, not as one of its many alternate names."""
    for c in cands:
        own = norm(c.entry.name)
        if c.src == 2 and c.key != own and _generic_abbreviated(c.key) == _generic_abbreviated(own):
            c.src = 1


def _full_name_first(cands: list[Candidate], keys: list[Key]) -> list[Candidate]:
    """'Mexico City', 'Kansas City': when the name as written, generic word and all, is a
    settlement's own name, the readings of the name without the word ('Mexico', Missouri)
    are namesakes of a different name, and go."""
    full = keys[0][0]
    stripped = {k for k, h in keys[1:] if h == 3 and k != full and full.startswith(k + " ")}
    if not stripped or not any(c.key == full and c.entry.level == 3 and c.src <= 1 for c in cands):
        return cands
    return [c for c in cands if c.key not in stripped]


def _city_unit_penalty(cands: list[Candidate], bare: str) -> None:
    """'Kyiv region', 'Moscow region': the oblast around the city, not the city's own unit."""
    units = [c for c in cands if c.entry.level == 1]
    for c in units:
        if norm(c.entry.name) == bare and any(
            u.entry.country == c.entry.country and norm(u.entry.name).startswith(bare + " ") for u in units
        ):
            c.score -= W_CITY_UNIT
            c.why.append(f"a city's own unit; the region word means the oblast {-W_CITY_UNIT:+.1f}")


def reads_own_name(mention: str, c: Candidate, key_too: bool = True) -> bool:
    """The name is the place's own, or a spelling of it («Слов'янськ», 'Sloviansk' of Slovyansk),
    not one of its alternate names unlike it (a former name, another town's name). ``key_too``: the
    index key matched (a Cyrillic name's lemma) may show the likeness too; not for a fuzzy match,
    whose key is another name's ('Pleasantville' for "Pleasant City")."""
    name = c.entry.name
    return c.src != 2 or looks_alike(mention, name) or (key_too and looks_alike(c.key, name))


def _namesake_bears_it(cands: list[Candidate], query: str, tried: set[str]) -> None:
    """'Sloviansk', «Ставрополь»: a town of the country that bears the name as its own comes before
    a town that has it only as an alternate name unlike its own (GeoNames gives Nikopol the name
    "Sloviansk"; Tolyatti was Stavropol), unless that one is far bigger. Across countries the
    text's country decides, so a Ukrainian town's former Soviet name borne today by a Russian town
    («Красноармейск» of Pokrovsk) keeps its reading."""
    own = {id(c): reads_own_name(query, c, c.key in tried) for c in cands}
    # the same name: a case form read two ways («Артемівську» of Артемівськ, Bakhmut's former name,
    # or of the village Артемівське) gives two names, and one town's name does not outrank another's
    owners = {(c.entry.country, c.key) for c in cands if c.entry.level == 3 and own[id(c)]}
    for c in cands:
        if c.entry.level == 3 and (c.entry.country, c.key) in owners and not own[id(c)]:
            c.score -= W_NOT_ITS_NAME
            c.why.append(f"a namesake of its country bears the name as its own {-W_NOT_ITS_NAME:+.1f}")


CASE_GUESS = "read as a case form, though a place bears the name as written"


def _case_form_guesses(cands: list[Candidate], query: str) -> None:
    """«в поселке Пале»: another place bears the Cyrillic name exactly as written (Pale), so a reading
    through a lemma of it read as a case form ('пал' of Palu) is a guess, marked (no score change):
    outside the report's frame it is no reading (``frame.outside_ok``) and sets no frame."""
    own = norm(query)
    if not CYRILLIC.search(query) or not any(c.key == own for c in cands):
        return
    for c in cands:
        if c.key != own and c.entry.level == 3:
            c.why.append(CASE_GUESS)


def _bare_foreign_unit_penalty(cands: list[Candidate]) -> None:
    """'в Хайфе', 'у Тель-Авіві': Russian and Ukrainian write a foreign first-level unit with its
    generic word ('Хайфский округ', 'штат Нью-Йорк'), so a bare name that a foreign unit shares with
    a city inside it is the city."""
    cities = {(c.entry.a1, norm(c.entry.name)) for c in cands if c.entry.level == 3}
    for c in cands:
        e = c.entry
        if e.level == 1 and e.country not in RU_UA and (e.id, norm(e.name)) in cities:
            c.score -= W_BARE_FOREIGN_UNIT
            c.why.append(f"a foreign unit named without its word: the city {-W_BARE_FOREIGN_UNIT:+.1f}")


def sea_reading(gz: Gazetteer, mention: str, span: tuple[int, int], cs: list[Candidate], text: str) -> None:
    """'над Азовом и Черным морем', 'Azov ... off the coast': a sea word near a bare name that
    also names a sea makes the sea the first reading (not the town of Azov)."""
    if not text or " " in mention.strip():
        return
    lo, hi = max(0, span[0] - 80), span[1] + 80
    if not _SEA_WORDS.search(text[lo:hi]):
        return
    key = norm(mention)
    stems = {key, key[:-1], key[:-2]} if len(key) >= 6 else {key}
    seas: dict[int, Entry] = {}
    for w, e in gz.water_words():
        # the bare name, or its case form, of which the sea's adjective is made ("Азовом" / "азовское")
        if w in stems or any(len(st) >= 4 and w.startswith((st + "ск", st + "ськ")) for st in stems):
            seas[e.id] = e
    if not seas:
        return
    # the window without the mention itself: 'the Black and Azov seas' names no other Azov
    window = norm(text[lo : span[0]] + " | " + text[span[1] : hi])
    adjective = any(st + suf in window for st in stems if len(st) >= 4 for suf in ("ск", "ськ"))
    if adjective or any(
        f"sea of {w}" in window or f"{w} sea" in window for w, e in gz.water_words() if e.id in seas
    ):
        return  # the sea is named in full nearby ("Azov, on the Sea of Azov"): the bare name is the town
    top = max((c.score for c in cs), default=0.0)
    # the town readings stay as fallbacks, far enough below that context bonuses cannot revive them
    for c in cs:
        c.score -= W_SEA_OVER_TOWN
        c.why.append(f"a sea of that name is meant {-W_SEA_OVER_TOWN:+.1f}")
    for e in seas.values():
        cs.insert(0, Candidate(e, key, 3, top + 1.0, ["a sea is named next to it", f"{top + 1.0:+.1f}"]))
