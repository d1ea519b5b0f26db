"""Where a mention looks for its incident: (day, region) blocks and a MinHash index of report texts.

Every active incident is indexed under (day, region) keys for each day its
members' windows touch and each admin1 unit (or country, or "*" when no place
is known). A mention looks only at incidents under its own keys, plus those
holding a near-copy of its report's text (MinHash LSH), so the work per mention
stays small however large the archive is.
"""

from __future__ import annotations

from datasketch import MinHashLSH

from skylog.link.features import Features, PlaceFeatures
from skylog.link.relations import DISTINCT_TOLL, monthday, toll
from skylog.link.text import COPY_JACCARD, NUM_PERM

UNDATED = -(10**6)  # the "day" of blocking keys for mentions with no time and no publication date


def _countries(p: PlaceFeatures) -> set[str]:
    """Its countries, with those of its ISO 3166-2 region codes ("UA-63" -> "UA")."""
    out = set(p.countries)
    out.update(a.split("-")[0] for a in p.admin1 if len(a) > 3 and a[2] == "-" and a[:2].isalpha())
    return out


def region_keys(p: PlaceFeatures) -> list[str]:
    """Region part of the blocking keys a mention is indexed under.

    A mention placed in a region is also indexed under "in:<country>", which only
    country-level mentions look up ("air strikes in Lebanon" finds the Nabatieh strike).
    """
    if p.admin1:
        return sorted(p.admin1) + sorted("in:" + c for c in _countries(p))
    if p.countries:
        return sorted("cc:" + c for c in p.countries)
    return ["*"]


def lookup_keys(p: PlaceFeatures) -> list[str]:
    """Region keys a mention looks under: its own, its country's, and place-unknown."""
    keys = list(p.admin1) + ["cc:" + c for c in p.countries] + ["*"]
    if not p.admin1:
        keys += ["in:" + c for c in p.countries]
    return sorted(set(keys))


TALLY_KEY = "tally"  # one night's national or several-region tallies, wherever each places itself


def _extra_keys(f: Features) -> list[str]:
    """Keys beyond its places: a tally's, and one state's attack on a country ("attack:IL"), whose
    reports name the towns where missiles fell or were downed (``link.state_attack``)."""
    return ([TALLY_KEY] if f.tally else []) + ([f"attack:{f.state_attack[1]}"] if f.state_attack else [])


def block_keys(f: Features) -> list[tuple[int, str]]:
    """The (day, region) keys a member is indexed under.

    A tally is also indexed under one key of its own: outlets place one night's
    count anywhere from nowhere to "Ukraine" to the regions it lists (or a launch
    site), so the regions they name do not meet, yet they tell of one count.
    """
    days = f.window.days() if f.window is not None else [UNDATED]
    regions = region_keys(f.places) + _extra_keys(f)
    keys = [(d, k) for d in days for k in regions]
    md = monthday(f)
    if md is not None:  # found by reports that give the day of the month but no year
        keys += [(UNDATED, f"md:{md[0]}-{md[1]}|{k}") for k in regions]
    keys += [(UNDATED, f"{t}|{k}") for t in _toll_keys(f) for k in regions]
    return keys


def _toll_keys(f: Features) -> list[str]:
    """Keys of the casualty figures it gives (not zero): a report with no date at all finds the
    incident stating its toll through them (``relations.same_toll``)."""
    figures = toll(f)
    if sum(figures.values()) < DISTINCT_TOLL:
        return []
    return [f"toll:{k}={v:g}" for k, v in sorted(figures.items()) if v]


class BlockIndex:
    """Incident ids by (day, region) key, and member mentions by MinHash of their report text."""

    def __init__(self) -> None:
        self.blocks: dict[tuple[int, str], list[str]] = {}
        self.lsh = MinHashLSH(threshold=COPY_JACCARD, num_perm=NUM_PERM)

    def add(self, incident_id: str, incident_blocks: set[tuple[int, str]], f: Features) -> None:
        """Index member ``f`` of an incident (``incident_blocks``: the keys it is already under)."""
        for key in block_keys(f):
            if key not in incident_blocks:
                incident_blocks.add(key)
                self.blocks.setdefault(key, []).append(incident_id)
        if f.rec.id not in self.lsh:
            self.lsh.insert(f.rec.id, f.minhash)

    def drop_blocks(self, incident_id: str, incident_blocks: set[tuple[int, str]]) -> None:
        """Forget an incident's block keys (its members stay in the text index)."""
        for key in incident_blocks:
            lst = self.blocks.get(key)
            if lst and incident_id in lst:
                lst.remove(incident_id)
                if not lst:
                    del self.blocks[key]

    def drop_text(self, mention_id: str) -> None:
        if mention_id in self.lsh:
            self.lsh.remove(mention_id)

    def near(self, f: Features) -> set[str]:
        """Incidents indexed under the mention's days and regions (and the undated ones)."""
        ids: set[str] = set()
        keys = lookup_keys(f.places) + _extra_keys(f)
        days = list(f.window.days()) if f.window is not None else []
        for d in [*days, UNDATED]:  # undated incidents are few: every mention may look at them
            for k in keys:
                ids.update(self.blocks.get((d, k), ()))
        md = monthday(f) if f.window is None else None
        for k in keys if md is not None else ():
            ids.update(self.blocks.get((UNDATED, f"md:{md[0]}-{md[1]}|{k}"), ()))
        for t in _toll_keys(f) if f.window is None else ():
            for k in keys:
                ids.update(self.blocks.get((UNDATED, f"{t}|{k}"), ()))
        return ids

    def similar_texts(self, f: Features) -> list[str]:
        """Mentions whose report text may be a copy of ``f``'s (LSH candidates, to be checked)."""
        return list(self.lsh.query(f.minhash))
