"""Every mention read inside the report's own geography (see ``skylog.geo.frame``).

Readings outside the frame's countries are dropped unless well known under their own name; a
village whose namesakes all lie in other first-level units of a country whose one unit the report
names is placed at that unit ("Nyaung Kone village" in a report on Sagaing Region, not in Mandalay);
stated containment ("X in the Y district", "Y's X", "X near Y") keeps only the readings
inside Y. A mention left with no reading but a stated container is anchored there (returned
with its container), never sent to another continent.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from skylog.geo import frame as F
from skylog.geo.airfields import is_airfield
from skylog.geo.candidates import RU_UA
from skylog.geo.distance import near
from skylog.geo.gazetteer import Candidate, Gazetteer
from skylog.geo.held import HELD_WHY
from skylog.geo.keys import CYRILLIC, SETTLEMENT_WORDS
from skylog.geo.normalize import norm
from skylog.nlp.models import morph
from skylog.records import Place

Picks = list[Candidate | None]
Joint = Callable[[list[Place], list[list[Candidate]], str, str], Picks]
SOLE_TOWN_ABROAD_POP = 20_000  # «в Эйлате»: a Cyrillic exonym only one foreign town this big bears
VILLAGE_POP = (
    20_000  # a namesake this small elsewhere in the country is no reading of a village in the report's unit
)
REPORT_CITY_POP = 100_000  # "the Kuibyshevsky district" of the one city this big the report names


def person_like(mention: str) -> bool:
    """A Cyrillic word that reads as a first name or surname ('Ване', dative of Ваня), unless a place name is
    its likelier reading: «Ливану» is first the dative of Ливан (Lebanon), only then a form of the name Ливана
    («Ване» is as likely Van as Ваня, and stays a person's)."""
    if not CYRILLIC.search(mention) or " " in mention.strip():
        return False
    lang = "uk" if re.search("[іїєґІЇЄҐ]", mention) else "ru"
    parses = morph(lang).parse(mention.strip())[:3]
    person = [p.score for p in parses if any(g in p.tag.grammemes for g in ("Name", "Surn", "Patr"))]
    place = [p.score for p in parses if "Geox" in p.tag.grammemes]
    return bool(person) and not (place and max(place) > max(person))


def _sole_town_abroad(cs: list[Candidate], name: str) -> bool:
    """A Cyrillic exonym («в Эйлате») that only one foreign town of SOLE_TOWN_ABROAD_POP or more bears, in
    no Russian/Ukrainian reading: it names that town, though the text names no country of it."""
    towns = {c.entry.id: c for c in cs if c.entry.level == 3}
    if len(towns) != 1 or not CYRILLIC.search(name):
        return False
    (t,) = towns.values()
    respelt = any("fuzzy match" in w or "romanisation variant" in w for w in t.why)
    return (
        not respelt
        and t.src <= 3
        and t.entry.population >= SOLE_TOWN_ABROAD_POP
        and all(c.entry.country == t.entry.country for c in cs)
        and t.entry.country not in RU_UA
    )


def _link_ok(ln: F.Link, o: Candidate, c: Candidate, part: bool) -> bool:
    """The reading ``c`` lies where the link puts it: inside ``o``, or a settlement near it."""
    if ln.kind == "in":
        return F.contains(o.entry, c.entry, part)
    e, oe = c.entry, o.entry
    return (
        e.level == 3
        and e.id != oe.id
        and e.lat is not None
        and e.lon is not None
        and oe.lat is not None
        and oe.lon is not None
        and near(e.lat, e.lon, (oe.lat, oe.lon), F.NEAR_KM)
    )


def _odd_owner(outer: Candidate) -> bool:
    """The owner in "Y's X" read only as a small town under an alternate or guessed name: most
    likely a person or firm ("Prate's Paris office"), which places nothing."""
    e = outer.entry
    guessed = outer.src >= 2 or any("fuzzy match" in w for w in outer.why)
    return e.level == 3 and guessed and e.population < F.OUTSIDE_CITY_POP


class FrameReader:
    """Narrows each mention's candidates to the frame and the links the text states."""

    def __init__(
        self,
        gz: Gazetteer,
        joint: Joint,
        mentions: list[Place],
        cand_lists: list[list[Candidate]],
        hints: list[int | None],
        text: str,
        language: str,
    ) -> None:
        self.gz, self.joint = gz, joint
        self.mentions, self.cand_lists, self.hints = mentions, cand_lists, hints
        self.text, self.language = text, language
        self.names = [m.mention for m in mentions]
        self.spans = [m.span for m in mentions]
        self.lost: dict[int, list[tuple[Candidate, str]]] = defaultdict(list)
        self.anchored: dict[int, tuple[Candidate, F.Link]] = {}

    def read(self, picks: Picks, trace: dict | None) -> tuple[Picks, dict[int, tuple[Candidate, F.Link]]]:
        if self._apply_links(picks):
            picks = self._rejoin()
        frame = F.build_frame(picks, self.names, self.hints, self.language, self.spans, self.text)
        changed = self._shared_district_names(frame, picks)
        changed = self._restrict_countries(frame) or changed
        changed = self._restrict_regions(frame, picks) or changed
        if changed:
            picks = self._rejoin()
            # a name anchored in a container whose reading the frame dropped is not placed there
            self.anchored = {
                i: (o, ln)
                for i, (o, ln) in self.anchored.items()
                if ln.outer == ln.inner or any(c.entry.id == o.entry.id for c in self.cand_lists[ln.outer])
            }
            # a container the frame left with no reading ("Pale township" of Myanmar, not Pale in
            # Bosnia) hands its own container on to the names in it
            if self._apply_links(picks, unknown_only=True):
                picks = self._rejoin()
        self._anchor_to_regions(frame, picks)
        if trace is not None:
            trace["frame"] = frame
            trace["lost"] = self.lost
            trace["links"] = list(F.links(self.spans, self.text))
        return picks, self.anchored

    def _rejoin(self) -> Picks:
        return self.joint(self.mentions, self.cand_lists, self.text, self.language)

    def _narrow(self, i: int, keep: list[Candidate]) -> bool:
        if len(keep) == len(self.cand_lists[i]):
            return False
        self.cand_lists[i] = keep
        return True

    def _apply_links(self, picks: Picks, unknown_only: bool = False) -> bool:
        """Stated containment and proximity: only the readings inside (or near) the outer place;
        with ``unknown_only``, only the links whose container has no reading of its own."""
        changed = False
        lns = F.links(self.spans, self.text)
        for ln in lns:
            i, outer = ln.inner, picks[ln.outer]
            if unknown_only and outer is not None:
                continue
            if outer is None:
                outer = self._container_of_unknown(ln, lns, picks)
            if outer is None or not self._constrains(ln, outer, picks[i]):
                continue
            part = F.is_part(self.names[i]) or ln.phrase == "'s"
            o = outer.entry
            keep, rejected = [], []
            for c in self.cand_lists[i]:
                (keep if _link_ok(ln, outer, c, part) else rejected).append(c)
            if ln.phrase == "," and not keep:
                continue  # a comma is a soft link: it narrows the readings, never anchors a name
            for c in keep:
                c.why.append(f"{ln.kind} {o.name}, as the text says")
            self.lost[i].extend((c, f"not {ln.kind} {o.name} ({ln.phrase!r} in the text)") for c in rejected)
            if rejected:
                self.cand_lists[i] = keep
                changed = True
            if o.level != 0 and ln.phrase != ",":
                self.anchored[i] = (outer, ln)
        return changed

    def _container_of_unknown(self, ln: F.Link, lns: list[F.Link], picks: Picks) -> Candidate | None:
        """'Nyaung Kone village in Pale township, Sagaing Region': the container the gazetteer lacks
        (Pale township) lies in a unit the text names after it, so the inner name lies there too."""
        if ln.kind != "in":
            return None
        for up in lns:
            if up.inner == ln.outer and up.kind == "in" and picks[up.outer] is not None:
                o = picks[up.outer]
                if o.entry.level in (1, 2, 6):
                    return o
        return None

    def _constrains(self, ln: F.Link, outer: Candidate, inner: Candidate | None) -> bool:
        i = ln.inner
        if self.mentions[i].kind == "facility" or not F.applies(ln, outer, self.names[i], self.hints[i]):
            return False
        if ln.kind == "near" and inner is not None and inner.entry.level != 3:
            return False
        if ln.phrase == "'s" and _odd_owner(outer):
            return False  # "Prate's Paris office": a surname read as a village's odd alternate name
        # "Kursk region in the Belgorod direction": no unit holds a bigger one
        return not (
            ln.kind == "in"
            and inner is not None
            and outer.entry.level != 3
            and 0 <= F.rank(inner.entry.level) <= F.rank(outer.entry.level)
        )

    def _shared_district_names(self, frame: F.Frame, picks: Picks) -> bool:
        """A district name many regions share ("Kirovsky district") must be one of the report's
        regions; with none there, it stays unresolved rather than land in Kaluga or Rostov."""
        changed = False
        for i, cs in enumerate(self.cand_lists):
            a1s = {c.entry.a1 for c in cs if c.entry.level in (2, 6) and c.entry.country in RU_UA}
            others = {a for a, idx in frame.region_by.items() if idx - {i}}
            if len(a1s) < 2 or not others:
                continue
            keep = []
            for c in cs:
                if c.entry.level in (2, 6) and c.entry.country in RU_UA and c.entry.a1 not in others:
                    self.lost[i].append(
                        (c, "a district name shared by many regions, none of them the report's")
                    )
                else:
                    keep.append(c)
            if self._narrow(i, keep):
                changed = True
                if not keep and F.is_part(self.names[i]) and i not in self.anchored:
                    self._anchor_to_city(i, picks)
        return changed

    def _anchor_to_city(self, i: int, picks: Picks) -> None:
        """'the Kuibyshevsky district' of the one city the report is about."""
        cities = {
            c.entry.id: c
            for j, c in enumerate(picks)
            if j != i and c is not None and c.entry.level == 3 and c.entry.population >= REPORT_CITY_POP
        }
        if len(cities) == 1:
            (city,) = cities.values()
            self.anchored[i] = (city, F.Link(i, i, "in", "the report's city"))

    def _restrict_countries(self, frame: F.Frame) -> bool:
        """Readings outside the frame's countries go, unless well known under their own name."""
        if not frame.countries:
            return False
        unit_stems = {
            norm(m.group(1)) for n_ in self.names if (m := F.UNIT_SUFFIX.match(n_.strip())) is not None
        }
        up = self.gz.unit_population()
        changed = False
        for i, cs in enumerate(self.cand_lists):
            name = self.names[i]
            allowed = frame.countries_for(*{F.voucher(name, c) for c in cs} | {norm(name)})
            if not allowed:
                continue
            # the frame spans its countries' neighbours (Kherson in a report on Russian
            # shelling), for exact names; a fuzzy match must lie in a country the report names
            wide = set(allowed).union(*(self.gz.neighbours(a) for a in allowed))
            # "Kani Township ... Kani-based ...": the text names the bare name's own unit, so
            # the bare name is that unit's place, not a namesake town abroad
            own_unit = norm(name) in unit_stems
            # "Pale township": a town across the border under an alternate spelling is no reading
            # of a unit the report names (Palle, Goa, for a township of Sagaing)
            unit_here = F.names_own_unit(self.text, self.spans[i], name)
            sole = _sole_town_abroad(cs, name) and not person_like(name)
            # «в секторі Гази» beside Israel and Egypt: a reading in the frame's part of the world
            # outranks a far first-level namesake of few (or uncounted) people (Gaza Province of
            # Mozambique); "England" beside Texas stays
            near_here = any(c.entry.country in wide and not F.guessed(c) for c in cs)
            keep = []
            for c in cs:
                cc = c.entry.country
                alt_town = unit_here and c.entry.level == 3 and c.src >= 2
                far_unit = (
                    near_here
                    and c.entry.level == 1
                    and cc not in wide
                    and up.get(c.entry.id, 0) < F.OUTSIDE_UNIT_POP
                )
                if (
                    not cc
                    or cc in allowed
                    or (
                        (self._abroad_ok(c, name, wide, up) or sole)
                        and not own_unit
                        and not alt_town
                        and not far_unit
                    )
                ):
                    keep.append(c)
                else:
                    self.lost[i].append((c, f"outside the report's frame ({cc} not in {sorted(allowed)})"))
            changed = self._narrow(i, keep) or changed
        return changed

    def _restrict_regions(self, frame: F.Frame, picks: Picks) -> bool:
        """A village whose every reading lies in another first-level unit of a country whose own
        unit the report names ("Nyaung Kone village" beside "Pale Township, Sagaing Region", read
        as a namesake in Mandalay; "Shahpur" beside "Jammu and Kashmir's Poonch district", read in
        Karnataka) has no reading: a namesake elsewhere in the country is no reading of a small
        place the report sets in its named unit. Cities of ``OUTSIDE_CITY_POP`` and more stay."""
        named: dict[str, set[int]] = defaultdict(set)
        for region, who in frame.region_by.items():
            for j in who:
                c = picks[j]
                if c is not None and c.entry.level in (1, 2, 6) and c.entry.country:
                    named[c.entry.country].add(region)
        if not named:
            return False
        setters = set().union(*frame.region_by.values())
        changed = False
        for i, cs in enumerate(self.cand_lists):
            if i in setters or not cs or i in self.anchored:
                continue
            # the text calls it a settlement: "Nyaung Kone village('s)", "the village of X"
            settled = SETTLEMENT_WORDS.match(norm(self.names[i])) or F.settlement_after(
                self.text, self.spans[i]
            )
            if self.hints[i] != 3 and not settled:
                continue
            # the report is set in one unit of the country ("Pale Township, Sagaing Region")
            units = [named[cc] for cc in {c.entry.country or "" for c in cs} if len(named.get(cc, ())) == 1]
            if not units:
                continue
            small = all(c.entry.level == 3 and c.entry.population < VILLAGE_POP for c in cs)
            if not small or any(c.entry.a1 is None or c.entry.a1 in frame.regions for c in cs):
                continue
            for c in cs:
                self.lost[i].append((c, "outside the report's named regions"))
            changed = self._narrow(i, []) or changed
            # placed at that unit, not at another country's unit the report names nearer the name
            (region,) = units[0]
            host = next(
                (j for j in frame.region_by[region] if picks[j] and picks[j].entry.id == region), None
            )
            if host is not None and picks[host] is not None:
                self.anchored[i] = (picks[host], F.Link(i, host, "in", "the report's region"))
        return changed

    @staticmethod
    def _abroad_ok(c: Candidate, name: str, wide: set[str], up: dict[int, int]) -> bool:
        fuzzy = any("fuzzy match" in w for w in c.why)
        # a respelt name ('Zaporizhia') crosses the border only to a big city, not to a district
        # ('Sour district' of Lebanon is not Sur, Diyarbakır)
        variant = any("romanisation variant" in w for w in c.why)
        big_city = c.entry.level == 3 and c.entry.population >= F.OUTSIDE_CITY_POP
        near_ok = c.entry.country in wide and not fuzzy and (big_city or not variant)
        # an airfield the text names as one ("Nevatim air base") is known by its own name anywhere
        known = F.outside_ok(c, name, up.get(c.entry.id, 0)) or is_airfield(c.entry)
        # "Pakistan-occupied Kashmir": the holder's unit, whose country the text names as its holder
        known = known or any(w.startswith(HELD_WHY) for w in c.why)
        return (near_ok or known) and not person_like(name)

    def _anchor_to_regions(self, frame: F.Frame, picks: Picks) -> None:
        """'a shell hit the village of X': a settlement the frame left with no reading keeps its
        name and the report's region nearest to it (precision 3), not a namesake abroad."""
        regions = [
            j
            for j, c in enumerate(picks)
            if c is not None and c.entry.level == 1 and c.entry.id in frame.regions
        ]
        if not regions:
            return
        for i, cs in enumerate(self.cand_lists):
            if cs or not self.lost.get(i) or i in self.anchored:
                continue
            if self.hints[i] != 3 and not SETTLEMENT_WORDS.match(norm(self.names[i])):
                continue
            j = min(regions, key=lambda j: abs(self.spans[j][0] - self.spans[i][0]))
            host = picks[j]
            if host is not None:
                self.anchored[i] = (host, F.Link(i, j, "in", "the report's region"))
