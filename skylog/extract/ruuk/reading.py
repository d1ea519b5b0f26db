"""What the Russian/Ukrainian rules share while reading one report.

``Reading`` is the report's ``Document`` plus what the rules learn about the report as a
whole (a front-line digest, the sentences that tell of harm); ``Candidate`` is one event a
sentence tells of, before places, time and claimant are settled.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from skylog.extract.common.hedges import hedge_of
from skylog.extract.ruuk import lexicon as L
from skylog.nlp.document import Document
from skylog.nlp.spans import RegionMention, Sentence
from skylog.records import Claim, Place, TimeExpr

# patterns the functions below use
_IS_ADMIN_TITLE_1 = L.pattern("reading.IS_ADMIN_TITLE_1")


# a weapon phrase found in the text: (start, end, weapon label, strike type)
Weapon = tuple[int, int, str | None, str]


@dataclass
class Candidate:
    type: str
    weapon: str | None
    sent: int
    spans: list[tuple[int, int]]
    count: Claim | None = None
    launched: Claim | None = None
    regions: list[RegionMention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    killed: Claim | None = None
    injured: Claim | None = None
    damage: Claim | None = None
    perpetrator: Claim | None = None
    time: TimeExpr | None = None
    claimant: str | None = None
    hedge: str = "asserted"
    generic: bool = False  # no weapon named ("в результате атаки")
    weak: bool = False  # only "attacked/launched", no hit or harm: a strike only if nothing was intercepted
    total_only: bool = False
    # an interception told only by the debris of a downed weapon («обломки сбитого БПЛА»): the report's
    # own interception, unless it tells of one in a sentence of its own (``pipeline._read_sentences``)
    implied: bool = False
    # the casualty fields whose figure the sentence tells as more people («ще троє», «также погиб»)
    added: set[str] = field(default_factory=set)


@dataclass
class Reading:
    """One report under reading: its document and report-wide findings."""

    doc: Document
    digest: bool = False  # a summary of front-line fighting, not an air-defence report
    frontline: bool = False
    harm_sents: set[int] = field(default_factory=set)
    # sentences that tell of an attack with no weapon and no harm ("Уранці місто було атаковане."):
    # an event only when the harm follows in the next sentences (``pipeline._read_sentences``)
    bare_attacks: dict[int, Candidate] = field(default_factory=dict)


def mask(f: str, spans: list[tuple[int, int]]) -> str:
    """``f`` with ``spans`` blanked (same length)."""
    if not spans:
        return f
    chars = list(f)
    for s, e in spans:
        for i in range(s, e):
            chars[i] = " "
    return "".join(chars)


def nearest_weapon(
    weapons: list[Weapon], s: int, e: int, dist: int, allow: tuple[str, ...] | None = None
) -> Weapon | None:
    """The weapon phrase closest to ``[s, e)`` within ``dist`` characters (of the ``allow`` labels)."""
    best: tuple[int, Weapon] | None = None
    for w in weapons:
        if allow and w[2] not in allow:
            continue
        d = w[0] - e if w[0] >= e else s - w[1]
        if d <= dist and (best is None or d < best[0]):
            best = (d, w)
    return best[1] if best else None


def only_shelling_word(f: str, near: list[tuple[int, int]]) -> bool:
    return any(L.SHELLING_WORD.match(f[s:e]) for s, e in near)


def hedge_at(f: str, a: int, b: int) -> str:
    """``likely`` when ``f[a:b]`` hedges ("предположительно"), else ``asserted``."""
    return hedge_of(f, "ru", a, b)


def is_admin_title(f: str, r: RegionMention) -> bool:
    """'Губернатор Белгородской области' names who speaks, not where drones were shot down."""
    before = f[max(0, r.start - 30) : r.start]
    return bool(_IS_ADMIN_TITLE_1.search(before))


def sentence_admin1(ctx: Reading, si: int) -> set[str]:
    """First-level codes of the places named in one sentence (regions and resolved toponyms)."""
    s = ctx.doc.sentences[si]
    codes = {
        r.code
        for r in ctx.doc.regions
        if s.start <= r.start < s.end and r.code and not is_admin_title(ctx.doc.folded, r)
    }
    codes |= {p.admin1_code for p in ctx.doc.toponyms if s.start <= p.span[0] < s.end and p.admin1_code}
    return codes


def blank_except(text: str, sents: list[Sentence], keep: set[int]) -> str:
    """``text`` with the sentences not in ``keep`` blanked (same length, so offsets hold)."""
    chars = list(text)
    for i, s in enumerate(sents):
        if i not in keep:
            for k in range(s.start, s.end):
                if chars[k] != "\n":
                    chars[k] = " "
    return "".join(chars)
