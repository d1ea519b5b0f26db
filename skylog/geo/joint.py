"""Joint reading of all the mentions of one text: each mention's reading is context for the others.

A region or district named elsewhere in the text, other places in the same region or close
by, the country the text is about, the document's own first-level unit (the state most of the
other names are read in, by a clear lead: "Montgomery" in a report on Minnesota towns), the
level of the other members of a list ("the United States, Canada, Spain and Mexico"), a state
right after a town ("Alexandria, La.") and one sense per text (every "Kaluga" in a report is the
same place) re-rank the candidates. The rounds repeat until the picks stop changing (at most
three).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable

from skylog.geo.candidates import ADMIN_NOUN, RU_UA
from skylog.geo.distance import count_near
from skylog.geo.gazetteer import LEVEL_KIND, Candidate
from skylog.geo.normalize import norm
from skylog.geo.sides import names_a_side
from skylog.geo.spelling import looks_alike
from skylog.records import Place

W_REGION_NAMED = 3.0  # the candidate's region is itself named in the text
W_DISTRICT_NAMED = 2.5  # the candidate's district is named in the text
W_SAME_REGION = 1.0  # another place in the text lies in the same region (grows to W_SAME_REGION_MAX)
W_SAME_REGION_MAX = 2.0
W_COUNTRY = 2.0  # times the share of the other places lying in the candidate's country
W_COUNTRY_NAMED = 2.0  # another mention names the candidate's country itself ("in Suffolk" ... "the UK")
W_SUPPORT = 0.5  # per other distinct name that has a candidate in the same region
W_SUPPORT_MAX = 2.0
W_CONTAINS = 2.5  # a reading of another name is this town's district, or a town of this district
W_NEAR = 1.0  # per other named place whose current reading lies within NEAR_KM (a town's neighbours)
W_NEAR_MAX = 2.5
NEAR_KM = 60.0
W_LOCAL_REGION = 1.5  # the region named last before the mention ("Sumy region: ... Krasnopillia")
W_LIST_LEVEL = 2.0  # per other member of a coordinated list read at this level (countries, states)
W_LIST_LEVEL_MAX = 5.0
W_FOLLOWED_BY_STATE = 5.0  # "Town, State": the state holds the town
# the document's own first-level unit: the region most of the other distinct names are read in
# (or name), by a clear lead, is where a name that could lie in many regions most likely is
W_DOC_REGION = 2.0
DOC_REGION_MIN = 2  # other names read in it
DOC_REGION_LEAD = 2.0  # times the names read in the runner-up region
ROUNDS = 3
TOP = 12  # candidates per name that count as its possible readings
LANG_COUNTRY = {"ru": ("RU", "UA"), "uk": ("UA", "RU")}
LIST_GAP = re.compile(r"^\s*(?:,|;|,?\s*(?:и|і|та|й|а также|and|or|или|або))\s*$", re.I)


class _Static:
    """What does not change between rounds: which names could be where, and list membership."""

    def __init__(self, mentions: list[Place], cand_lists: list[list[Candidate]], text: str) -> None:
        self.keys = [norm(m.mention) for m in mentions]
        self.mentions = [m.mention for m in mentions]
        self.region_support, self.fits = self._region_support(cand_lists)
        self.dist_of, self.town_in = self._containment(mentions, cand_lists)
        self.list_mates = _list_mates(mentions, text)
        # "fired by Yemen's Houthis", "launched from Ukraine": the attacking country is no context
        self.sides = [bool(text) and names_a_side(text, m.span) for m in mentions]
        # names a country bears ("China", "Georgia"): a town so named is no reading a country vouches for
        self.country_names = [any(c.entry.level == 0 for c in cs[:TOP]) for cs in cand_lists]
        # names a country or a first-level unit bears ("Texas", "Quebec"): the unit, not a town or
        # county so named in the document's region
        self.unit_names = [any(c.entry.level in (0, 1) for c in cs[:TOP]) for cs in cand_lists]

    def _region_support(self, cand_lists: list[list[Candidate]]) -> tuple[dict[int, int], list[set[int]]]:
        """Which regions could host each distinct name: a region that fits many names is the
        text's home ("Athens" and "Henderson County" both fit Texas)."""
        support: dict[int, int] = defaultdict(int)
        fits: list[set[int]] = []
        done: set[str] = set()
        for i, cs in enumerate(cand_lists):
            # a town's odd alternate name ("Delta" of Downs, Illinois) makes no region the text's
            # home; Russian and Ukrainian towns keep their former names (Kirovsky district of
            # Donetsk, now Rutchenkivskyi), which do vouch
            a1s = {
                c.entry.id if c.entry.level == 1 else c.entry.a1
                for c in cs[:TOP]
                if c.entry.a1
                and (
                    c.src < 2
                    or c.entry.level != 3
                    or c.entry.country in RU_UA
                    or looks_alike(self.mentions[i], c.entry.name)
                )
            }
            fits.append({a for a in a1s if a is not None})
            if self.keys[i] in done:
                continue
            done.add(self.keys[i])
            for a in fits[-1]:
                support[a] += 1
        return support, fits

    def _containment(
        self, mentions: list[Place], cand_lists: list[list[Candidate]]
    ) -> tuple[dict[int, set[str]], dict[int, set[str]]]:
        """Containment among readings, whatever is picked: "Huntsville" and "Walker County" fit
        together in Texas (Huntsville is its seat), not in Alabama, where each also exists."""
        dist_of: dict[int, set[str]] = defaultdict(set)  # district id -> names with it as a reading
        town_in: dict[int, set[str]] = defaultdict(set)  # district id -> names with a town in it
        for i, cs in enumerate(cand_lists):
            for k, c in enumerate(cs[:TOP]):
                if c.src >= 2 and not looks_alike(mentions[i].mention, c.entry.name):
                    continue  # "Mecca", an odd alternate name of Medina, Ohio, vouches for nothing
                # a district read off a bare name ("Medina" -> Medina County) only when it is
                # that name's best reading; "Walker County", "Borovsky district" always
                if c.entry.level in (2, 6) and (k == 0 or ADMIN_NOUN.search(c.key)):
                    dist_of[c.entry.id].add(self.keys[i])
                elif c.entry.level == 3 and c.entry.a2:
                    town_in[c.entry.a2].add(self.keys[i])
        return dist_of, town_in


def _list_mates(mentions: list[Place], text: str) -> list[list[int]]:
    """Members of the same coordinated list ("A, B, C and D"), up to three each side."""
    n = len(mentions)
    mates: list[list[int]] = [[] for _ in range(n)]
    if not text:
        return mates
    for i in range(n):
        for step in (-1, 1):
            j = i
            while 0 <= j + step < n and abs(j + step - i) <= 3:
                a, b = sorted((j, j + step))
                if not LIST_GAP.match(text[mentions[a].span[1] : mentions[b].span[0]]):
                    break
                j += step
                mates[i].append(j)
    return mates


class _Round:
    """Context from the current picks of the other mentions.

    Each count is also kept per name, so that a name is never its own context: three
    mentions of "Quebec" read as the province must not vouch for Quebec City.
    """

    def __init__(self, st: _Static, picks: list[Candidate | None]) -> None:
        self.st = st
        self.a1_named: dict[int, float] = defaultdict(float)
        self.a2_named: dict[int, float] = defaultdict(float)
        self.a1_seen: dict[int, float] = defaultdict(float)
        self.country_w: dict[str, float] = defaultdict(float)
        self.country_named: dict[str, float] = defaultdict(float)
        self.by_name: dict[tuple, float] = defaultdict(float)
        picks = [
            None if p is not None and p.entry.level == 0 and st.sides[j] else p for j, p in enumerate(picks)
        ]
        for j, p in enumerate(picks):
            if p is not None:
                self._count(p, st.keys[j])
        self.total_c = sum(self.country_w.values()) or 1.0
        # points of the other names' current readings (towns and districts, one per name)
        self.spots: dict[str, tuple[float, float]] = {}
        self.name_country: dict[str, str] = {}  # each distinct name's current country
        for j, p in enumerate(picks):
            if p is not None and p.entry.country:
                self.name_country.setdefault(st.keys[j], p.entry.country)
            if (
                p is not None
                and p.entry.level in (2, 3, 6)
                and p.entry.lat is not None
                and p.entry.lon is not None
            ):
                self.spots.setdefault(st.keys[j], (p.entry.lat, p.entry.lon))
        self.names_in: Counter[str] = Counter(self.name_country.values())  # names read in each country
        self.list_levels = self._list_levels(picks)
        self.local_a1 = self._local_regions(picks)
        self.region_of = self._regions_read(picks)
        self._doc: dict[str, int | None] = {}

    def _count(self, p: Candidate, name: str) -> None:
        e = p.entry
        counts: list[tuple[dict, str, int | str]] = []
        if e.level == 1:
            counts.append((self.a1_named, "a1", e.id))
        elif e.level in (2, 6):
            counts.append((self.a2_named, "a2", e.id))
        if e.level in (2, 3, 6) and e.a1:
            counts.append((self.a1_seen, "seen", e.a1))
        if e.level in (0, 1, 2, 3, 6):
            counts.append((self.country_w, "country", e.country))
        if e.level == 0:
            counts.append((self.country_named, "named", e.country))
        for d, what, key in counts:
            d[key] += 1.0
            self.by_name[(what, key, name)] += 1.0

    def _list_levels(self, picks: list[Candidate | None]) -> list[dict[int, int]]:
        """The levels read for the other members of a coordinated list each mention is in
        ("the United States, Canada, Spain and Mexico": countries, so Mexico is one too)."""
        out = []
        for i, mates in enumerate(self.st.list_mates):
            lv: dict[int, int] = defaultdict(int)
            for j in mates:
                p = picks[j]
                if p is not None and self.st.keys[j] != self.st.keys[i]:
                    lv[p.entry.level] += 1
            out.append(lv)
        return out

    def _local_regions(self, picks: list[Candidate | None]) -> list[int | None]:
        """The region named last before each mention (a section header, "in X region, ...")."""
        out: list[int | None] = []
        last: tuple[int, str] | None = None
        for j, p in enumerate(picks):
            out.append(last[0] if last and last[1] != self.st.keys[j] else None)
            if p is not None and p.entry.level == 1:
                last = (p.entry.id, self.st.keys[j])
        return out

    def _regions_read(self, picks: list[Candidate | None]) -> dict[str, int]:
        """Each distinct name's first-level unit as currently read: the unit it names, or the
        one its place lies in."""
        out: dict[str, int] = {}
        for j, p in enumerate(picks):
            if p is None or self.st.keys[j] in out:
                continue
            e = p.entry
            a1 = e.id if e.level == 1 else e.a1 if e.level in (2, 3, 6) else None
            if a1:
                out[self.st.keys[j]] = a1
        return out

    def doc_region(self, name: str) -> int | None:
        """The document's own region: the one the other names are read in by a clear lead
        (the whole-document hypothesis of issue #16, one level below the frame's countries)."""
        if name not in self._doc:
            tally = Counter(a for k, a in self.region_of.items() if k != name)
            best = tally.most_common(2)
            win = None
            if best and best[0][1] >= DOC_REGION_MIN:
                runner = best[1][1] if len(best) > 1 else 0
                if best[0][1] >= DOC_REGION_LEAD * runner:
                    win = best[0][0]
            self._doc[name] = win
        return self._doc[name]

    def other(self, d: dict, what: str, key: object, name: str) -> float:
        """The count from the other names only."""
        return d.get(key, 0.0) - self.by_name.get((what, key, name), 0.0)


# a rule's bonus and its reason, as a format and its values: only the chosen reading's reasons are written out
Hit = tuple[float, str, tuple]
Bonus = Callable[[_Round, int, Candidate], "Hit | None"]


def _region_named(r: _Round, i: int, c: Candidate) -> Hit | None:
    e = c.entry
    if e.a1 and e.level >= 2 and r.other(r.a1_named, "a1", e.a1, r.st.keys[i]) > 0:
        return W_REGION_NAMED, "its region is named in the text {:+.1f}", (W_REGION_NAMED,)
    return None


def _district_named(r: _Round, i: int, c: Candidate) -> Hit | None:
    e = c.entry
    if e.a2 and e.level == 3 and r.other(r.a2_named, "a2", e.a2, r.st.keys[i]) > 0:
        return W_DISTRICT_NAMED, "its district is named in the text {:+.1f}", (W_DISTRICT_NAMED,)
    return None


def _local_region(r: _Round, i: int, c: Candidate) -> Hit | None:
    e = c.entry
    if e.level >= 2 and e.a1 and e.a1 == r.local_a1[i]:
        return W_LOCAL_REGION, "in the region named just before {:+.1f}", (W_LOCAL_REGION,)
    return None


def _same_region(r: _Round, i: int, c: Candidate) -> Hit | None:
    e = c.entry
    seen = r.other(r.a1_seen, "seen", e.a1 if e.level >= 2 else e.id, r.st.keys[i])
    if seen <= 0:
        return None
    if e.level != 1:
        b = min(W_SAME_REGION_MAX, W_SAME_REGION + 0.5 * (seen - 1))
    else:
        b = min(2.5, 1.5 + 0.5 * seen)
    return b, "other places in the same region {:+.1f}", (b,)


def _country_share(r: _Round, i: int, c: Candidate) -> Hit | None:
    cw = r.other(r.country_w, "country", c.entry.country, r.st.keys[i])
    if cw <= 0:
        return None
    b = W_COUNTRY * cw / r.total_c
    return b, "text's country {} {:+.2f}", (c.entry.country, b)


def _country_named(r: _Round, i: int, c: Candidate) -> Hit | None:
    e = c.entry
    if (
        e.level == 0
        or r.st.country_names[i]
        or r.other(r.country_named, "named", e.country, r.st.keys[i]) <= 0
    ):
        return None
    return W_COUNTRY_NAMED, "the text names its country {:+.1f}", (W_COUNTRY_NAMED,)


def _contains(r: _Round, i: int, c: Candidate) -> Hit | None:
    e, me = c.entry, r.st.keys[i]
    if e.level == 3 and e.a2 and r.st.dist_of.get(e.a2, set()) - {me}:
        return W_CONTAINS, "its district is also named {:+.1f}", (W_CONTAINS,)
    if e.level in (2, 6) and r.st.town_in.get(e.id, set()) - {me}:
        return W_CONTAINS, "a town of it is also named {:+.1f}", (W_CONTAINS,)
    return None


def _neighbours(r: _Round, i: int, c: Candidate) -> Hit | None:
    e, me = c.entry, r.st.keys[i]
    if not W_NEAR or e.level not in (2, 3, 6) or e.lat is None or e.lon is None or len(r.spots) <= 1:
        return None
    # the share of the other names read in its country (cheap: tested before the distances)
    mine = r.name_country.get(me)
    others = len(r.name_country) - (mine is not None)
    share = (r.names_in[e.country] - (mine is not None and mine == e.country)) / max(1, others)
    if share <= 0:
        return None
    close = count_near(e.lat, e.lon, r.spots, NEAR_KM, me)
    if not close:
        return None
    # neighbours count as much as the text is about their country: a
    # cluster of stray readings ("St. Peter", "Pope") abroad is noise
    b = min(W_NEAR_MAX, W_NEAR * close) * share
    return b, "{} other places within {:.0f} km {:+.2f}", (close, NEAR_KM, b)


def _list_level(r: _Round, i: int, c: Candidate) -> Hit | None:
    lvl = c.entry.level
    mates = r.list_levels[i].get(lvl, 0) if lvl in (0, 1) else 0
    if not mates:
        return None
    b = min(W_LIST_LEVEL_MAX, W_LIST_LEVEL * mates)
    return b, "listed with {} other {} names {:+.1f}", (mates, LEVEL_KIND[lvl], b)


def _support(r: _Round, i: int, c: Candidate) -> Hit | None:
    e = c.entry
    a1 = e.id if e.level == 1 else e.a1
    if not a1 or not W_SUPPORT:
        return None
    others = r.st.region_support.get(a1, 0) - (1 if a1 in r.st.fits[i] else 0)
    if others <= 0:
        return None
    b = min(W_SUPPORT_MAX, W_SUPPORT * others)
    return b, "{} other names fit its region {:+.2f}", (others, b)


def _doc_region(r: _Round, i: int, c: Candidate) -> Hit | None:
    e = c.entry
    if not W_DOC_REGION or e.level < 2 or not e.a1 or r.st.unit_names[i]:
        return None
    if e.a1 != r.doc_region(r.st.keys[i]):
        return None
    return W_DOC_REGION, "in the document's own region {:+.1f}", (W_DOC_REGION,)


# in this order: the scores are summed in it
BONUSES: tuple[Bonus, ...] = (
    _region_named,
    _district_named,
    _local_region,
    _same_region,
    _country_share,
    _country_named,
    _contains,
    _neighbours,
    _list_level,
    _support,
    _doc_region,
)


def _best(r: _Round, i: int, cs: list[Candidate], base: list[float], language: str) -> Candidate:
    """The candidate with the highest score in this round's context, with its reasons."""
    lang_country = LANG_COUNTRY.get(language, ())
    best, best_s, best_hits = cs[0], -1e9, []
    for k, c in enumerate(cs):
        s = base[k]
        hits = []
        for rule in BONUSES:
            hit = rule(r, i, c)
            if hit is not None:
                s += hit[0]
                hits.append(hit)
        if c.entry.country in lang_country:
            b = 1.5 if c.entry.country == lang_country[0] else 1.0
            s += b
            hits.append((b, "language {} -> {} {:+.1f}", (language, c.entry.country, b)))
        if s > best_s:
            best, best_s, best_hits = c, s, hits
    why = [fmt.format(*args) for _, fmt, args in best_hits]
    return Candidate(best.entry, best.key, best.src, best_s, best.why + why)


def _adjacent_state(
    mentions: list[Place], cand_lists: list[list[Candidate]], new: list[Candidate | None], text: str
) -> None:
    """'Town, State' -> the state contains the town; 'Queensland, Australia'."""
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        gap = text[a.span[1] : b.span[0]] if text else ""
        nxt = new[i + 1]
        if not (gap.strip() in (",", "") and 0 < len(gap) <= 2 and nxt and cand_lists[i]):
            continue
        state = nxt.entry
        if state.level not in (0, 1) or _list_of_peers(mentions, new, i, text):
            continue
        for c in cand_lists[i]:
            if c.entry.level > state.level and (
                c.entry.a1 == state.id or (state.level == 0 and c.entry.country == state.country)
            ):
                cur = new[i]
                if cur is None or cur.entry.id != c.entry.id:
                    bonus = W_FOLLOWED_BY_STATE
                    new[i] = Candidate(
                        c.entry,
                        c.key,
                        c.src,
                        c.score + bonus,
                        c.why + [f"followed by {state.name} {bonus:+.1f}"],
                    )
                break


def _list_of_peers(mentions: list[Place], new: list[Candidate | None], i: int, text: str) -> bool:
    """'Texas, Missouri and Indiana': three names read at one level, the pair's list going on
    after the second, are peers in a list, not 'Town, State'."""
    j = i + 2
    if j >= len(mentions) or not text:
        return False
    a, b, c = new[i], new[i + 1], new[j]
    if a is None or b is None or c is None or not a.entry.level == b.entry.level == c.entry.level:
        return False
    return bool(LIST_GAP.match(text[mentions[i + 1].span[1] : mentions[j].span[0]]))


def _one_sense(
    mentions: list[Place], cand_lists: list[list[Candidate]], new: list[Candidate | None], keys: list[str]
) -> None:
    """Every mention of one name in a text is the same place."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        groups[k].append(i)
    for idxs in groups.values():
        if len(idxs) < 2:
            continue
        tally: dict[int, float] = defaultdict(float)
        adjective = None
        for i in idxs:
            p = new[i]
            if p is not None:
                tally[p.entry.id] += p.score
                if mentions[i].relation == "adjective" and p.entry.level == 0:
                    adjective = p.entry.id
        if len(tally) > 1:
            # "Mexican health officials": a country adjective settles what "Mexico" means
            win = adjective if adjective is not None else max(tally, key=lambda t: tally[t])
            for i in idxs:
                _switch_to(new, i, cand_lists[i], win)


def _switch_to(new: list[Candidate | None], i: int, cands: list[Candidate], win: int) -> None:
    p = new[i]
    if p is None or p.entry.id == win:
        return
    for c in cands:
        if c.entry.id == win:
            new[i] = Candidate(c.entry, c.key, c.src, c.score, c.why + ["one sense per text"])
            return


def _same(a: list[Candidate | None], b: list[Candidate | None]) -> bool:
    return all(
        (x is None and y is None) or (x is not None and y is not None and x.entry.id == y.entry.id)
        for x, y in zip(a, b, strict=True)
    )


def joint(
    mentions: list[Place], cand_lists: list[list[Candidate]], text: str, language: str
) -> list[Candidate | None]:
    """The best reading of every mention given the others' readings (None where it has none)."""
    base = [[c.score for c in cs] for cs in cand_lists]
    picks: list[Candidate | None] = [cs[0] if cs else None for cs in cand_lists]
    st = _Static(mentions, cand_lists, text)
    for _ in range(ROUNDS):
        r = _Round(st, picks)
        new: list[Candidate | None] = [
            _best(r, i, cs, base[i], language) if cs else None for i, cs in enumerate(cand_lists)
        ]
        _adjacent_state(mentions, cand_lists, new, text)
        _one_sense(mentions, cand_lists, new, st.keys)
        done = _same(picks, new)
        picks = new
        if done:
            break
    return picks
