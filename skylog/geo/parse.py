"""Toponym recognition and resolution: find every place name in a text, then resolve them together.

Recognition is per language (``recognize_en``: spaCy NER fused with gazetteer phrase
matching; ``recognize_cyr``: natasha NER fused with gazetteer matching over pymorphy3
lemmas); spans that name no place are dropped (``mentions.not_a_place``); the rest are
resolved jointly by the ``Geocoder``, and weak gazetteer-only matches need support from
the text's other places.
"""

from __future__ import annotations

import re
from dataclasses import replace

from skylog.geo import frame as F
from skylog.geo import names as N
from skylog.geo.compass import only_compass
from skylog.geo.geocoder import Geocoder
from skylog.geo.mentions import Mention, not_a_place, relation_before
from skylog.geo.normalize import norm
from skylog.geo.recognize_cyr import cyr_mentions
from skylog.geo.recognize_en import en_mentions, sole_town, well_known
from skylog.geo.vocab import alternation
from skylog.records import Place

__all__ = [
    "Mention",
    "explain",
    "find_mentions",
    "geoparse",
    "not_a_place",
    "relation_before",
    "resolve_mentions",
    "settlement_population",
]

MAX_TEXT = 1_000_000  # characters; longer texts are cut (reports are hostile input)
NOTABLE_CITY_POP = 100_000
WEAK_MIN_SCORE = 5.5
# a Russian/Ukrainian settlement named in its case right after a preposition of place («у Бериславі», «в
# Бурині», «біля Вовчанська»): the case and the preposition say it is a place, so a town of a few thousand
# (a lower prior) counts too
WEAK_MIN_SCORE_AFTER_PREPOSITION = 3.5
_PLACE_PREPOSITION_CYR = re.compile(
    r"(?<![\w-])(?:у|в|во|на|біля|поблизу|під|под|около|возле|вблизи|неподалік|з|із|зі|из|до|по)\s+$", re.I
)
SOLE_TOWN_POP = 20_000  # a bare name only one town this big bears counts after a locative word
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|outside|at|over|into|hit|struck|shelled)\s+$")
# "Helmand province", "Matara district": the toponym is the name; a lower-case unit word after it
# says what kind of place it is (geoparsing corpora mark the name alone)
_UNIT_TAIL = re.compile(
    r"^(?P<name>.*\S)\s+(?:"
    + "|".join((*N.ADMIN1_WORDS_EN, "district", "raion", "rayon", "prefecture"))
    + r")$"
)

_FACILITY_TAIL = re.compile(r"^(?P<name>.*?\S)\s+[a-z][a-z ]*$")  # the lower-case facility words after a name
_ARTICLE_HEAD = re.compile(rf"^(?:{alternation('recognize_en', 'en.BARE_ARTICLE')})\s+(?=\S)")


def _notable(gc: Geocoder, p: Place) -> bool:
    """A region or country of the text's own part of the world, or a city of 100,000+."""
    if p.kind in ("region", "country"):
        return p.country in ("RU", "UA", "BY")
    if p.kind == "settlement" and p.gazetteer_id:
        return any(
            gc.gz.entry(pid).population >= NOTABLE_CITY_POP for pid, _ in gc.gz.ids(norm(p.name or "")) if pid
        )
    return False


def settlement_population(p: Place, geocoder: Geocoder | None = None) -> int:
    """The people of the town a resolved place names (0 for any other kind of place)."""
    if p.kind != "settlement" or not p.name:
        return 0
    gc = geocoder or Geocoder.default()
    entries = (gc.gz.entry(pid) for pid, _ in gc.gz.ids(norm(p.name)))
    return max((e.population for e in entries if e.level == 3 and e.country == p.country), default=0)


def find_mentions(
    text: str, language: str = "en", geocoder: Geocoder | None = None, streets: bool = False
) -> list[Mention]:
    """Candidate toponym spans (recognition only), in text order; street names with ``streets``
    (English)."""
    gc = geocoder or Geocoder.default()
    language = (language or "en").lower()[:2]
    if language in ("ru", "uk"):
        return cyr_mentions(text, language, gc)
    return en_mentions(text, gc, streets=streets)


class _Support:
    """What the other mentions vouch for: regions of strong mentions, of plain (not ordinary-word)
    mentions, districts named as such, and mentions the text itself links to a place."""

    def __init__(self, gc: Geocoder, text: str, ms: list[Mention], resolved: list[Place], cyr: bool) -> None:
        self.gc, self.text, self.cyr = gc, text, cyr
        pairs = list(zip(ms, resolved, strict=True))
        located = [(m, p) for m, p in pairs if p.admin1_code and p.lat is not None]
        # regions of the places recognised by NER or patterns: a bare capitalised word that
        # only a small place bears counts when that place lies in one of them
        self.strong_regions = {p.admin1_code for m, p in located if m.strong}
        # regions vouched for by any mention that is not itself an ordinary word
        self.plain_regions = {p.admin1_code for m, p in located if not m.common}
        # countries the NER or patterns name or place a mention in
        self.strong_countries = {p.country for m, p in pairs if m.strong and p.country and p.lat is not None}
        # districts named by a mention of their own
        self.named_districts = {
            (p.admin1_code, p.admin2) for m, p in pairs if p.kind == "district" and p.admin2 and not m.person
        }
        # "X in the Y district", "Y's X", "X near Y": the text itself says X is a place
        self.linked = {ln.inner for ln in F.links([(m.start, m.end) for m in ms], text)}

    def keep(self, k: int, m: Mention, p: Place) -> bool:
        if p.gazetteer_id is None or p.lat is None:
            return False
        if k in self.linked and not m.person and not m.common:
            m.strong = True
        if m.person and (p.kind != "settlement" or (p.admin1_code, p.admin2) not in self.named_districts):
            if not self._named_country(m, p):
                return False  # a surname, unless a village of that name lies in the district the text names
        if m.common and not m.strong and p.admin1_code not in self.plain_regions and not _notable(self.gc, p):
            return False  # an ordinary word that is also a far-away village's name
        if not m.strong and only_compass(m.query):
            return False  # "the north west option": a gazetteer-only compass name is a direction
        if not m.strong and not self._weak_ok(m, p):
            return False
        # lower-case NER spans ("marijuana") are noise
        return self.text[m.start : m.start + 1].isupper() or m.source != "ner"

    def _after_preposition(self, m: Mention, p: Place) -> bool:
        return self.cyr and _after_preposition_cyr(self.text, m, p)

    def _named_country(self, m: Mention, p: Place) -> bool:
        """A town's name of two or more words in a country the text names ("Kiryat Shmona ...
        northern Israel"): no chance capitalised word, nor a person's name, whatever its prior."""
        return (
            len(norm(m.query).split()) > 1 and p.kind == "settlement" and p.country in self.strong_countries
        )

    def _sole_town_at(self, m: Mention, key: str) -> bool:
        """'hit Eilat', 'in Lelystad': a name only one sizeable town bears, right after a word that
        puts a place there (not "the Cannes Grand Prix", "Sens. Boxer", "according to Nikki")."""
        if self.text[m.end : m.end + 1] == "." and len(key) <= 5:
            return False
        return bool(_LOCATIVE_BEFORE.search(self.text[max(0, m.start - 12) : m.start])) and sole_town(
            self.gc, key, SOLE_TOWN_POP
        )

    def _weak_ok(self, m: Mention, p: Place) -> bool:
        """A gazetteer-only match counts with a high score, or as a well-known name, or in a strong region."""
        single = len(norm(m.query).split()) == 1
        # a Russian/Ukrainian case form is no index key of its own: its reading tells whether a city
        # of 100,000+ bears it ('у Тель-Авіві' in a Ukrainian text, which no NER reads)
        key = norm(m.query)
        known = (
            (not self.cyr and single and well_known(self.gc, key))
            or (self.cyr and not m.common and p.kind == "settlement" and _notable(self.gc, p))
            or (not self.cyr and single and not m.person and self._sole_town_at(m, key))
        )
        floor = WEAK_MIN_SCORE_AFTER_PREPOSITION if self._after_preposition(m, p) else WEAK_MIN_SCORE
        if (p.score or 0) < floor and not known and not self._named_country(m, p):
            return False
        return not (single and not self.cyr and not known and p.admin1_code not in self.strong_regions)


def _after_preposition_cyr(text: str, m: Mention, p: Place) -> bool:
    """A capitalised Cyrillic settlement name, no ordinary word nor a person's, right after a preposition."""
    return (
        p.kind == "settlement"
        and not m.common
        and not m.person
        and text[m.start : m.start + 1].isupper()
        and bool(_PLACE_PREPOSITION_CYR.search(text, max(0, m.start - 12), m.start))
    )


def resolve_mentions(
    text: str, ms: list[Mention], language: str = "en", geocoder: Geocoder | None = None
) -> list[Place]:
    """Resolve recognised spans together; drop the unresolvable and weak gazetteer-only ones."""
    # streets have no gazetteer point: kept as named, unresolved toponyms, out of the joint resolution
    streets = [
        Place(mention=text[m.start : m.end], span=(m.start, m.end), kind="other", name=text[m.start : m.end])
        for m in ms
        if m.kind == "street"
    ]
    ms = [m for m in ms if m.kind != "street"]
    if not ms:
        return streets
    gc = geocoder or Geocoder.default()
    cyr = language in ("ru", "uk")
    rel = ["adjective" if m.source == "demonym" else relation_before(text, m.start, cyr) for m in ms]
    stubs = [
        Place(
            mention=m.query,
            span=(m.start, m.end),
            kind="facility" if m.kind == "facility" else "other",
            name=text[m.start : m.end] if m.kind == "facility" else None,
            relation=r,
        )
        for m, r in zip(ms, rel, strict=True)
    ]
    resolved = gc.resolve(stubs, text, language, hints=[m.hint for m in ms])
    support = _Support(gc, text, ms, resolved, cyr)
    out = []
    for k, (m, p) in enumerate(zip(ms, resolved, strict=True)):
        if support.keep(k, m, p):
            p.mention = text[m.start : m.end]
            out.append(p)
    if streets:
        out = sorted(out + streets, key=lambda p: p.span[0])
    return out


def bare_name(p: Place) -> Place:
    """The place with its span cut to the name: 'Helmand province' -> 'Helmand' (English, lower-case
    unit word only: 'Northern Province' and 'Moore County' are names); a facility's span to the name
    it is named after: 'Cairo airport' -> 'Cairo' ('Ramat David Air Base' is the base's own name); an
    article before it dropped: 'The United States' -> 'United States'."""
    if p.span is not None and (a := _ARTICLE_HEAD.match(p.mention or "")):
        p = replace(p, mention=p.mention[a.end() :], span=(p.span[0] + a.end(), p.span[1]))
    m = (_FACILITY_TAIL if p.kind == "facility" else _UNIT_TAIL).match(p.mention or "")
    if m is None or p.span is None:
        return p
    name = m.group("name")
    return replace(p, mention=name, span=(p.span[0], p.span[0] + len(name)))


def geoparse(
    text: str,
    language: str = "en",
    geocoder: Geocoder | None = None,
    streets: bool = False,
    bare_names: bool = False,
) -> list[Place]:
    """Every toponym in ``text``, in text order, resolved in context.

    Offsets are Python string indices into ``text``. Mentions the gazetteer
    cannot resolve are left out; weak gazetteer-only matches (a capitalised
    word that happens to be a small village's name) need support from
    context before they count. Country adjectives ("Russian") come back as
    the country with ``relation="adjective"``, as geoparsing corpora count them.

    With ``streets`` (English), street and road names ("Main Street", "Interstate 45") come
    back too, as unresolved places (kind "other", no coordinates): geoparsing corpora count
    them as toponyms; the extraction and linking stages, which want located places, call without it.
    With ``bare_names`` (English) a span ends at the name ("Helmand" of "Helmand province"), as
    the corpora and ``skylog geoparse`` list toponyms; the extraction keeps the unit word.
    """
    if not text or not text.strip():
        return []
    text = text[:MAX_TEXT]
    language = (language or "en").lower()[:2]
    gc = geocoder or Geocoder.default()
    ms = [m for m in find_mentions(text, language, gc, streets) if not_a_place(text, m) is None]
    out = resolve_mentions(text, ms, language, gc)
    if bare_names and language == "en":
        out = [bare_name(p) for p in out]
    return out


def explain(
    name: str, text: str, language: str = "en", geocoder: Geocoder | None = None, limit: int = 10
) -> dict:
    """How ``name`` is read inside ``text``: the report's frame, the chosen reading, and why each
    other candidate lost (outside the frame, not inside the place the text puts it, lower score).

    Used by ``skylog geocode NAME --context FILE``."""
    gc = geocoder or Geocoder.default()
    language = (language or "en").lower()[:2]
    text = (text or "")[:MAX_TEXT]
    all_ms = find_mentions(text, language, gc) if text.strip() else []
    key = norm(name)
    dropped = {id(m): why for m in all_ms if (why := not_a_place(text, m)) is not None}
    target = next(
        (m for m in all_ms if key in (norm(m.query), norm(text[m.start : m.end]))),
        None,
    )
    if target is None:
        pos = text.lower().find(name.lower())
        if pos < 0:
            pos = len(text)
        target = Mention(pos, pos + len(name), name, "query", strong=True)
        all_ms = sorted([*all_ms, target], key=lambda m: m.start)
    out: dict = {"query": name, "span": [target.start, target.end]}
    if id(target) in dropped:
        out.update(frame=None, chosen=None, not_a_place=dropped[id(target)], candidates=[])
        return out
    ms = [m for m in all_ms if id(m) not in dropped]
    k = ms.index(target)
    rel = [
        "adjective" if m.source == "demonym" else relation_before(text, m.start, language in ("ru", "uk"))
        for m in ms
    ]
    stubs = [Place(mention=m.query, span=(m.start, m.end), relation=r) for m, r in zip(ms, rel, strict=True)]
    trace: dict = {}
    resolved = gc.resolve(stubs, text, language, hints=[m.hint for m in ms], trace=trace)
    chosen = resolved[k]
    frame = trace.get("frame")
    names = {}
    if frame is not None:
        names = {r: gc.gz.entry(r).name for r in frame.regions}
    lost = {c.entry.id: why for c, why in trace.get("lost", {}).get(k, [])}
    cands = []
    for c in gc.candidates(target.query, language, limit):
        d = c.to_dict()
        if chosen.gazetteer_id == c.entry.gid and chosen.name == c.entry.name:
            d["status"] = "chosen"
        elif c.entry.id in lost:
            d["status"] = "lost: " + lost[c.entry.id]
        else:
            d["status"] = "lost: scored lower in context than the chosen reading"
        cands.append(d)
    out.update(
        frame=frame.to_dict(names) if frame is not None else None,
        links=[
            {"inner": ms[ln.inner].query, "outer": ms[ln.outer].query, "kind": ln.kind, "phrase": ln.phrase}
            for ln in trace.get("links", [])
            if k in (ln.inner, ln.outer)
        ],
        chosen=chosen.to_dict() if chosen.gazetteer_id else None,
        candidates=cands,
    )
    return out
