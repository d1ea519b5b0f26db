"""Toponym resolution: names -> gazetteer entries, chosen with the text's context.

The stages live in their own modules: index keys (``keys``), context-free candidates
and priors (``candidates``), the joint reading of all mentions (``joint``), the
report's frame and stated containment (``frame``, ``constrain``) and the placement of
small places the gazetteer lacks (``fallback``). ``Geocoder`` ties them together.
"""

from __future__ import annotations

import threading
from dataclasses import replace

from skylog.geo import frame as F
from skylog.geo.admin_groups import group_admin1
from skylog.geo.airfields import Airfields, is_airfield, names_an_airfield
from skylog.geo.candidates import RU_UA, compute_candidates, prior, reads_own_name, sea_reading
from skylog.geo.constrain import FrameReader
from skylog.geo.fallback import Fallback
from skylog.geo.gazetteer import LEVEL_KIND, Candidate, Entry, Gazetteer, default_gazetteer
from skylog.geo.held import held_readings
from skylog.geo.joint import joint
from skylog.geo.keys import CYRILLIC, Key, NameKeys, expand_abbreviations
from skylog.geo.normalize import norm
from skylog.geo.sides import territory_countries
from skylog.records import Place

__all__ = ["Geocoder", "LEVEL_KIND", "expand_abbreviations", "precision_for"]

CANDIDATE_CACHE_MAX = 100_000
MAX_CANDIDATES = 20
ODD_ALTERNATE_POP = 100_000  # a town under a name unlike its own is a reading only when this big


def _initials(name: str) -> str:
    return "".join(w[0] for w in norm(name).split() if w)


def _odd_alternate(mention: str, c: Candidate) -> bool:
    """A small town outside Russia and Ukraine matched under an alternate name that looks nothing
    like its own ("Act" of Waco, "Maryville" of Beeville, "Orient" of Knox City): no reading; nor
    is a capitalised word the acronym of a unit ("Act", not "ACT").
    Big cities keep their exonyms and former names ("Bombay"); Russian and Ukrainian places keep
    their former names (decommunisation renamings), which reports still use."""
    e = c.entry
    if c.src == 2 and not mention.isupper() and _initials(e.name) == norm(mention).replace(" ", ""):
        return True  # "the Act": a word, not "ACT" of the Australian Capital Territory
    return (
        e.level == 3
        and e.country not in RU_UA
        and e.population < ODD_ALTERNATE_POP
        and not reads_own_name(mention, c, key_too=False)
    )


W_PATTERN_LEVEL = 3.0  # a pattern ("Borovsky and Maloyaroslavets districts") gives the level
NEAR_RELATIONS = ("near", "outskirts", "around", "vicinity", "direction")


def precision_for(level: int, relation: str | None) -> int:
    """ACLED geo-precision: 1 settlement, 2 near/outskirts or district, 3 region or larger."""
    if level == 3:
        return 2 if relation in NEAR_RELATIONS else 1
    if level in (2, 6):  # district, Ukrainian hromada
        return 2
    return 3


class Geocoder:
    """Resolves place names against the bundled gazetteer. Thread-safe; use ``Geocoder.default()``."""

    _default: Geocoder | None = None
    _default_lock = threading.Lock()

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gz = gazetteer or default_gazetteer()
        self.names = NameKeys(self.gz)
        self.airfields = Airfields(self.gz)
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
        """Normalised lemma forms of a Cyrillic name ('Калужской области' -> 'калужскии область')."""
        return self.names.lemma_keys(text, language)

    def lemma_key(self, text: str, language: str) -> str:
        """The best lemma form (see ``lemma_keys``)."""
        return self.names.lemma_key(text, language)

    def keys_for(self, query: str, language: str | None) -> list[Key]:
        """Index keys to try for a name, each with an admin-level hint from its generic word."""
        return self.names.keys_for(query, language)

    def prior(self, e: Entry, src: int, hint: int | None = None) -> tuple[float, list[str]]:
        """Context-free score: admin level, population, how the name is attested, level hint."""
        return prior(self.gz, e, src, hint)

    def _raw_candidates(self, query: str, language: str | None, fuzzy: bool = True) -> list[Candidate]:
        """Context-free candidates, memoised per (name, language); callers get fresh objects."""
        ck = (query, language, fuzzy)
        hit = self._cand_cache.get(ck)
        if hit is None:
            found = compute_candidates(self.gz, self.names, query, language, fuzzy)
            hit = tuple((c.entry, c.key, c.src, c.score, tuple(c.why)) for c in found)
            if len(self._cand_cache) > CANDIDATE_CACHE_MAX:
                self._cand_cache.clear()
            self._cand_cache[ck] = hit
        return [Candidate(e, k, src, score, list(why)) for e, k, src, score, why in hit]

    # ------------------------------------------------------------------ public API
    def candidates(self, query: str, language: str | None = None, limit: int = 10) -> list[Candidate]:
        """Scored gazetteer candidates for one name (no context), best first, with reasons."""
        return self._raw_candidates(query, language)[:limit]

    def country_named(self, name: str, language: str | None = None) -> str | None:
        """The ISO code of the country ``name`` names exactly, in any form the index knows («Израиль», «США»,
        «Ізраїль»), when its best reading is a country; else None."""
        cands = self._raw_candidates(name.strip(), language, fuzzy=False)
        best = max(cands, key=lambda c: c.score, default=None)
        return best.entry.country or None if best is not None and best.entry.level == 0 else None

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
        return self.to_place(cands[0], q, (0, len(q)), None)

    def unit_named(
        self, country: str, name: str, mention: str, span: tuple[int, int], relation: str | None = None
    ) -> Place | None:
        """The first-level unit of ``country`` called exactly ``name`` (case aside), as a Place for
        ``mention``: Israel's 'Northern' district for "northern Israel"; None when there is none."""
        units = [e for e in self.gz.units(country) if e.name.lower() == name.lower()]
        if len(units) != 1:
            return None
        return self.to_place(Candidate(units[0], name.lower(), 0), mention, span, relation)

    def territory_places(self, text: str) -> list[Place]:
        """ "fired at Israeli territory", «над российской территорией»: the country a territory phrase
        names, at country precision, with the phrase as its mention (``sides.territory_countries``)."""
        out = []
        for code, span in territory_countries(text):
            e = self.gz.country_entry(code)
            if e is not None:
                out.append(self.to_place(Candidate(e, norm(e.name), 0), text[span[0] : span[1]], span, None))
        return out

    def to_place(self, c: Candidate, mention: str, span: tuple[int, int], relation: str | None) -> Place:
        """The record for a chosen reading, with ACLED precision and the district reports use."""
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
        admin1, admin1_code = (e.admin1, e.admin1_code) if e.level >= 1 else (None, None)
        if e.level >= 1:  # "Gaza Strip" above the governorates, as ACLED writes it (data/admin1_groups.json)
            admin1, admin1_code, admin2 = group_admin1(e.country, admin1_code, admin1, admin2)
        return Place(
            mention=mention,
            span=(int(span[0]), int(span[1])),
            kind=LEVEL_KIND.get(e.level, "other"),
            name=name,
            country=e.country or None,
            admin1=admin1,
            admin1_code=admin1_code,
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
        cand_lists = [
            self._mention_candidates(m, h, text, language) for m, h in zip(mentions, hints, strict=True)
        ]
        held_readings(self.gz, mentions, cand_lists, text)
        picks = joint(mentions, cand_lists, text, language)
        reader = FrameReader(self.gz, joint, mentions, cand_lists, hints, text, language)
        picks, anchored = reader.read(picks, trace)
        fallback = Fallback(self.gz, mentions, picks, hints, text).run()
        out = []
        for i, (m, c) in enumerate(zip(mentions, picks, strict=True)):
            if c is None and i in anchored:
                out.append(self._anchored_place(m, *anchored[i]))
            elif i in fallback:
                out.append(self._fallback_place(m, fallback[i]))
            elif c is None:
                out.append(replace(m, precision=m.precision, gazetteer_id=None))
            else:
                out.append(self._chosen_place(m, c))
        return out

    def _mention_candidates(self, m: Place, h: int | None, text: str, language: str) -> list[Candidate]:
        """One mention's candidates with its pattern's level hint and a sea named beside it."""
        cs = [
            c
            for c in self._raw_candidates(m.mention, language)[:MAX_CANDIDATES]
            if not _odd_alternate(m.mention, c)
        ]
        if h == 0 and m.relation == "adjective":
            cs = [c for c in cs if c.entry.level == 0] or cs  # a country adjective names a country
        if h is not None:
            for c in cs:
                if c.entry.level == h:
                    c.score += W_PATTERN_LEVEL
                    c.why.append(f"pattern level {W_PATTERN_LEVEL:+.1f}")
            cs.sort(key=lambda c: -c.score)
        if m.kind == "facility" and m.name and names_an_airfield(m.name):
            # "Nevatim air base", «аэродром Бельбек»: the airfield itself, before its town (the
            # lemma keys only for a facility that names an airfield: a hot path in RU/UK reports)
            keys = self.lemma_keys(m.mention, language) if language in ("ru", "uk") else ()
            cs = self.airfields.candidates(m.mention, m.name, keys, cs[0].score if cs else 0.0) + cs
        sea_reading(self.gz, m.mention, m.span, cs, text)
        return cs

    def _anchored_place(self, m: Place, outer: Candidate, ln: F.Link) -> Place:
        """A place the gazetteer lacks (or has only elsewhere), where the text says it is."""
        p = self.to_place(outer, m.mention, m.span, m.relation)
        part = F.is_part(m.mention) and ln.kind == "in"
        p.kind = "facility" if m.kind == "facility" else "district" if part else "settlement"
        p.name = m.name if m.kind == "facility" else m.mention
        p.precision = 3 if outer.entry.level in (0, 1) else 2
        if outer.entry.level == 3:
            p.relation = m.relation or "near"
            if part:
                p.admin2 = m.mention
        return p

    def _fallback_place(self, m: Place, region: Candidate) -> Place:
        """A settlement the gazetteer lacks, in the district or region the text names."""
        p = self.to_place(region, m.mention, m.span, m.relation)
        p.kind = "facility" if m.kind == "facility" else "settlement"
        p.name = m.name if m.kind == "facility" else m.mention
        p.precision = 2 if region.entry.level in (2, 3, 6) else 3
        if region.entry.level == 3:
            p.relation = "near"
        return p

    def _chosen_place(self, m: Place, c: Candidate) -> Place:
        p = self.to_place(c, m.mention, m.span, m.relation)
        if m.kind == "facility" and is_airfield(c.entry):
            p.kind, p.name, p.precision = "facility", c.entry.name, 2 if m.relation in NEAR_RELATIONS else 1
        elif m.kind == "facility":
            p.kind = "facility"
            p.name = m.name or m.mention
            # the facility is near the named settlement, or somewhere in the named region
            p.precision = 2 if c.entry.level == 3 else max(p.precision or 3, 2)
            p.relation = m.relation or "near"
        return p
