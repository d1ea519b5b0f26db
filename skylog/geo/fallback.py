"""Small places the gazetteer lacks, placed in the Russian/Ukrainian region or district the text names.

GeoNames cities500 misses most villages; when a report names "Masychevo" next to "Belgorod
Oblast", the honest answer is the region (precision 3), not a same-named village in another
region; "the village of X near Shebekino" is placed at Shebekino; "Старый Хутор Валуйского
округа" in the district named right after it.
"""

from __future__ import annotations

import re
from collections import defaultdict

from skylog.geo.airfields import is_airfield
from skylog.geo.candidates import ADMIN_NOUN, RU_UA
from skylog.geo.gazetteer import Candidate, Gazetteer
from skylog.geo.joint import LIST_GAP
from skylog.geo.keys import CYRILLIC, WORD, expand_abbreviations
from skylog.geo.normalize import norm
from skylog.geo.vocab import alternation
from skylog.nlp.models import morph
from skylog.records import Place

_SENTENCE_END = re.compile(r"[.!?]\s|\n")
_NEAR_GAP = re.compile(rf"^\s*,?\s*(?:{alternation('fallback', 'all.NEAR')})\s+$", re.I)
_BORDER_BEFORE = re.compile(
    rf"(?i)\b(?:{alternation('fallback', 'all.BORDER')})(?:\s+[\w-]+['’]s)?(?:\s+the)?\s*$"
)
BIG_TOWN_POP = 20_000  # a town this big is itself known; only a list places it in the named region
SAME_SENTENCE_CHARS = 200
OWN_COUNTRY_NAMES = 2  # other names read in a country that make it part of the text's own geography
MIN_VOTES = 3  # places of one region that make it the report's home when none is named

Picks = list[Candidate | None]


def specificity(c: Candidate) -> int:
    """How narrowly a fallback placement pins a place: settlement > district > region."""
    return {3: 3, 2: 2, 6: 2}.get(c.entry.level, 1)


def dictionary_word(text: str) -> bool:
    """The (first) word is a known non-place word to pymorphy: a surname, adjective, common noun."""
    words = WORD.findall(text)
    if not words:
        return False
    lang = "uk" if re.search("[іїєґІЇЄҐ]", text) else "ru"
    parses = morph(lang).parse(words[0])
    if not parses or any("Geox" in str(p.tag) for p in parses[:3]):
        return False
    return bool(parses[0].is_known)


def a1_of(c: Candidate) -> int | None:
    return c.entry.id if c.entry.level == 1 else c.entry.a1


class Fallback:
    """Finds the host (region or district) for each unresolved or misplaced small place."""

    def __init__(
        self,
        gz: Gazetteer,
        mentions: list[Place],
        picks: Picks,
        hints: list[int | None],
        text: str,
    ) -> None:
        self.gz, self.mentions, self.picks, self.hints, self.text = gz, mentions, picks, hints, text

    def run(self) -> dict[int, Candidate]:
        regions = self._regions()
        if not regions:
            return {}
        named = {a1_of(c) for _, c in regions}
        host_idx = {i for i, _ in regions}
        # "near the border with Ukraine's Sumy region": a region named as a border is not the host
        hosts = [(i, c) for i, c in regions if not self._named_as_border(i)] or regions
        out: dict[int, Candidate] = {}
        home = self._countries_read()
        for i, c in enumerate(self.picks):
            if i in host_idx or not self._needs_host(i, c, named):
                continue
            if c is not None and c.entry.country not in RU_UA and self._own_country(i, c, home):
                continue  # "Atlanta" in a text on US and Belarusian airports: the US is the text's too
            _, region = min(hosts, key=lambda r: abs(self.mentions[r[0]].span[0] - self.mentions[i].span[0]))
            out[i] = self._placement(i, region)
        return self._one_sense(out)

    def _countries_read(self) -> dict[str, set[str]]:
        """Each country the picks lie in, with the distinct names read there."""
        out: dict[str, set[str]] = defaultdict(set)
        for i, c in enumerate(self.picks):
            if c is not None and c.entry.country:
                out[c.entry.country].add(norm(self.mentions[i].mention))
        return out

    def _own_country(self, i: int, c: Candidate, home: dict[str, set[str]]) -> bool:
        """Other names of the text (OWN_COUNTRY_NAMES or more) are read in the pick's country: a
        small namesake there is of the text's own geography, not a village misplaced abroad."""
        others = home.get(c.entry.country, set()) - {norm(self.mentions[i].mention)}
        return len(others) >= OWN_COUNTRY_NAMES

    def _regions(self) -> list[tuple[int, Candidate]]:
        """The regions the text names; else districts named as such; else a region most places share."""
        m, picks = self.mentions, self.picks
        regions = [
            (i, c)
            for i, c in enumerate(picks)
            if c is not None and c.entry.level == 1 and c.entry.country in RU_UA and m[i].kind != "facility"
        ]
        if regions:
            return regions
        # no region named, but a district or hromada named as such ("Кіндрашівська ТГ: ... с. Грушівка")
        regions = [
            (i, c)
            for i, c in enumerate(picks)
            if c is not None
            and c.entry.level in (2, 6)
            and c.entry.country in RU_UA
            and c.entry.a1
            and m[i].kind != "facility"
            and (self.hints[i] in (2, 6) or ADMIN_NOUN.search(norm(expand_abbreviations(m[i].mention))))
        ]
        return regions or self._voted_region()

    def _voted_region(self) -> list[tuple[int, Candidate]]:
        """No region named, but several places of one region ("Купянськ", "Лозова", "Великий Бурлук")."""
        votes: dict[int, set[str]] = defaultdict(set)
        for i, c in enumerate(self.picks):
            if c is not None and c.entry.level in (2, 3, 6) and c.entry.country in RU_UA and c.entry.a1:
                votes[c.entry.a1].add(norm(self.mentions[i].mention))
        best = max(votes.items(), key=lambda kv: len(kv[1]), default=None)
        if best is None or len(best[1]) < MIN_VOTES:
            return []
        home = self.gz.entry(best[0])
        anchor = next(i for i, c in enumerate(self.picks) if c is not None and c.entry.a1 == home.id)
        return [(anchor, Candidate(home, norm(home.name), 0, 0.0, []))]

    def _named_as_border(self, i: int) -> bool:
        s = self.mentions[i].span[0]
        return bool(self.text and _BORDER_BEFORE.search(self.text[max(0, s - 60) : s]))

    def _needs_host(self, i: int, c: Candidate | None, named: set[int | None]) -> bool:
        """An unknown name that reads as a village, or a small namesake outside the named regions."""
        mention, hint = self.mentions[i].mention, self.hints[i]
        words = mention.split()
        if not words or "(" in mention or any(w.isupper() and len(w) > 1 for w in words):
            return False  # acronyms and bracketed asides are not village names
        if c is not None:
            e = c.entry
            if e.level != 3 or e.a1 in named or is_airfield(e):  # an airfield is found by its own name
                return False
            if e.population >= BIG_TOWN_POP and not self._listed_in_named(i, named):
                return False
        elif not mention[:1].isupper():
            return False
        elif hint != 3 and not CYRILLIC.search(mention):
            return False  # an unknown English word is too often a name ("Shapsha"); needs "village of X"
        if ADMIN_NOUN.search(norm(mention)):
            return False  # an unknown district is not a settlement
        # "Гладков" (a surname), "Передовые" (an adjective): not an unknown village
        return not (hint != 3 and CYRILLIC.search(mention) and dictionary_word(mention))

    def _listed_in_named(self, i: int, named: set[int | None]) -> bool:
        """A neighbour in a coordinated list ("В Муроме, Вознесеновке и Борисовке") lies in a named
        region: list members share a region, so a big namesake elsewhere is the wrong reading."""
        if not self.text:
            return False
        for step in (-1, 1):
            j = i
            while 0 <= j + step < len(self.mentions):
                a, b = sorted((j, j + step))
                if not LIST_GAP.match(self.text[self.mentions[a].span[1] : self.mentions[b].span[0]]):
                    break
                j += step
                d = self.picks[j]
                if d is not None and d.entry.level == 3 and d.entry.a1 in named:
                    return True
        return False

    def _districts(self, region: Candidate) -> list[tuple[int, Candidate]]:
        return [
            (j, d)
            for j, d in enumerate(self.picks)
            if d is not None and d.entry.level in (2, 6) and d.entry.a1 == a1_of(region)
        ]

    def _placement(self, i: int, region: Candidate) -> Candidate:
        """The narrowest host the text gives: a district right after, a town it is near, a district
        earlier in the sentence, else the region."""
        ms, text = self.mentions, self.text
        districts = self._districts(region)
        # "Старый Хутор Валуйского округа": a district named right after it, in that region
        after = [(j, d) for j, d in districts if 0 <= ms[j].span[0] - ms[i].span[1] <= 3]
        if after:
            d = after[0][1]
            return Candidate(d.entry, d.key, d.src, d.score, ["placed in the district named after it"])
        near = near_town(i, ms, self.picks, text)
        if near is not None:
            return near
        # "... in the Shebekino district: a drone was shot down near the village of X":
        # a district of that region named earlier in the same sentence
        before = [
            (j, d)
            for j, d in districts
            if 0 <= ms[i].span[0] - ms[j].span[1] <= SAME_SENTENCE_CHARS
            and text
            and not _SENTENCE_END.search(text[ms[j].span[1] : ms[i].span[0]])
        ]
        if before:
            d = before[-1][1]
            return Candidate(
                d.entry, d.key, d.src, d.score, ["placed in the district named before it in the sentence"]
            )
        return Candidate(
            region.entry, region.key, region.src, region.score, ["placed in the region named in the text"]
        )

    def _one_sense(self, out: dict[int, Candidate]) -> dict[int, Candidate]:
        """One sense per text: every mention of an unknown village gets the most specific placement."""
        best: dict[str, Candidate] = {}
        for i, c in out.items():
            k = norm(self.mentions[i].mention)
            if k not in best or specificity(c) > specificity(best[k]):
                best[k] = c
        return {i: best[norm(self.mentions[i].mention)] for i in out}


def near_town(i: int, mentions: list[Place], picks: Picks, text: str) -> Candidate | None:
    """'the village of X near Shebekino': an unknown X is placed at the town named right after."""
    j = i + 1
    if not text or j >= len(mentions):
        return None
    d = picks[j]
    if d is None or d.entry.level != 3:
        return None
    if not _NEAR_GAP.match(text[mentions[i].span[1] : mentions[j].span[0]]):
        return None
    return Candidate(d.entry, d.key, d.src, d.score, ["near the town named after it"])
