"""One state's attack on another country as a whole, told at country level.

A state's barrage at a whole country (Iran's missiles at Israel, a night's drone wave over India)
is one incident, whichever towns a report names where missiles fell or were shot down: reports
lead with "Iran launched 180 missiles at Israel" and then name Jerusalem or Tel Aviv. Where a
national command publishes its own count (Ukraine's Air Force, Russia's MoD: ``tally_side``), a
night's attack is instead split into its towns' strikes and the command's tally, and this reading
does not apply. A mention is read so (``mark``) when all of these hold:

- its report's lead names a country as who struck and another as what was struck, both as wholes
  ("Iran launched 180 missiles at Israel"; not "Russian forces struck Kyiv": ``lead_attack``);
- its perpetrator, if one is read, is that state (``locators.attacker_countries``), and the places
  it names lie in the struck country;
- it tells of missiles or drones, struck or downed (not an air raid nor shelling of one place);
- it is no tally part, and its report names no tally of the attacked country's national command
  (``text_cues.tally_side``).

Two such mentions of the same attacking state and target (``same_attack``) may join across the
towns they name and across strike and interception; the time gate still asks for the same day
(overlapping windows), and a tally of the attacked side's command never meets this reading.
"""

from __future__ import annotations

import re
from functools import lru_cache

from skylog.geo.gazetteer import default_gazetteer
from skylog.link.features import DEFENCE_TYPES, Features
from skylog.link.incident import Incident
from skylog.link.locators import attacker_countries, is_striking_subject
from skylog.link.text_cues import tally_side

STATE_ATTACK_TYPES = frozenset({"missile_strike", "drone_strike", "interception", "debris_fall"})
STATE_ATTACK_TYPE = 0.8  # a strike and an interception of one barrage: compatible, not the same
STATE_ATTACK_PLACE = 0.6  # two towns of the attacked country: as good as a region in common
_LEAD_HEAD = 320
_LEAD_END = re.compile(r"[.!?](?:\s|$)")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_DATELINE_WORDS = 6  # a first "sentence" this short is a dateline, not the lead


def _lead(text: str) -> str:
    """The report's first sentence (two when the first is a dateline: "TEHRAN, 2 October.")."""
    t = text[:_LEAD_HEAD]
    end = _LEAD_END.search(t)
    if end and len(t[: end.start()].split()) < _DATELINE_WORDS:
        nxt = _LEAD_END.search(t, end.end())
        end = nxt or None
    return t[: end.end()] if end else t


@lru_cache(maxsize=65536)
def _countries_named(word: str) -> frozenset[str]:
    """The countries ``word`` is a name of in the gazetteer ("Israel", «Израиль»)."""
    return frozenset(
        e.country.upper() for e, _src in default_gazetteer().lookup(word) if e.level == 0 and e.country
    )


def lead_attack(text: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """(who struck, what was struck) as the report's lead names them as whole countries: a country
    named as the subject of the attack ("Iran launched", «Иран ... подверг»:
    ``locators.is_striking_subject``), and the countries named after it ("... 180 missiles at
    Israel"); empty when the lead names no striking country ("Russian forces struck Kyiv")."""
    lead = _lead(text or "")
    striking: set[str] = set()
    struck: set[str] = set()
    for m in _WORD.finditer(lead):
        if not m.group()[0].isupper():
            continue
        ccs = _countries_named(m.group())
        if not ccs:
            continue
        if striking:
            struck |= ccs - striking
        elif is_striking_subject(lead, {"kind": "country", "span": [m.start(), m.end()]}):
            striking |= ccs
    return frozenset(striking), frozenset(struck)


def struck_country(f: Features) -> str | None:
    """The country ``f``'s report's lead names as struck, when every place ``f`` names is a whole
    country its lead names as who struck ("Iran launched 180 missiles at Israel"; the mention names
    only "Iran"), its perpetrator (if read) is that state, and the lead names one country struck."""
    named = [p for p in f.rec.event.get("places") or [] if isinstance(p, dict)]
    if f.type not in STATE_ATTACK_TYPES or f.recalled or not named:
        return None
    striking, struck = lead_attack(f.rec.report_text or f.rec.text or "")
    if len(struck) != 1 or not _attackers(f, striking):
        return None
    if not all(p.get("kind") == "country" and (p.get("country") or "").upper() in striking for p in named):
        return None
    return next(iter(struck))


def _attackers(f: Features, striking: frozenset[str]) -> frozenset[str]:
    """The states that struck, as its report's lead names them, when its perpetrator (if read) is
    one of them; a perpetrator that is another state or no state (an armed group) names none."""
    if not f.rec.event.get("perpetrator"):
        return striking
    return striking & attacker_countries(f.rec.event, f.rec.report_text)


def read(
    f: Features, lead: tuple[frozenset[str], frozenset[str]], side: str | None
) -> tuple[frozenset[str], str] | None:
    """(attacking states, attacked country) when ``f`` tells of one state's attack on a country as a
    whole (see the module); ``lead``: who struck and what was struck as its report's lead names them
    (``lead_attack``); ``side``: the country whose national command's tally its report names."""
    if f.type not in STATE_ATTACK_TYPES or f.recalled or f.tally:
        return None  # a tally stays a tally: related to a town's report, never one incident with it
    attackers = _attackers(f, lead[0])
    targets = f.places.countries - attackers
    if not attackers or len(targets) != 1:
        return None
    (target,) = targets
    if target == side:
        return None  # the attacked country's own command counts it: its tally and its towns' strikes
    if target not in lead[1]:
        return None
    return attackers, target


def mark(feats: list[Features]) -> None:
    """Set ``state_attack`` on every mention that tells of one state's attack on a country."""
    by_report: dict[str, tuple[tuple[frozenset[str], frozenset[str]], str | None]] = {}
    for f in feats:
        if f.type not in STATE_ATTACK_TYPES or f.recalled or f.tally or not f.places.countries:
            continue  # ``read`` refuses these (no country: no target): their report's lead is not read
        rid = f.rec.report_id
        if rid not in by_report:
            text = f.rec.report_text or f.rec.text or ""
            lead = lead_attack(text)
            by_report[rid] = (lead, tally_side(text) if lead[0] else None)
        f.state_attack = read(f, *by_report[rid])


def same_attack(f: Features, inc: Incident) -> bool:
    """Does ``f`` tell of the attack a member of ``inc`` from another report tells of (``_partner``),
    every place of the incident in the attacked country (or the attacker named as a country)?"""
    mine = f.state_attack
    if mine is None or inc.places.countries - {mine[1]} - mine[0]:
        return False
    return any(m.rec.report_id != f.rec.report_id and _partner(m, mine) for m in inc.members[:64])


def _partner(m: Features, attack: tuple[frozenset[str], str]) -> bool:
    """Does ``m`` tell of ``attack``: read as the same state's attack on the same country, or told
    of the whole country only and by no one else (no perpetrator but the attacking states, no tally,
    no region or town:
    "a missile attack on Israel", the attacker named only as an adjective)? Air defence naming two
    countries may be the other's (an interception over the attacker's land): it is no partner."""
    attackers, target = attack
    if m.state_attack is not None:
        return m.state_attack[1] == target and bool(m.state_attack[0] & attackers)
    countries = m.places.countries
    if m.type not in DEFENCE_TYPES:
        countries = countries - attackers  # a strike may name where it came from ("Iran's barrage")
    return (
        m.type in STATE_ATTACK_TYPES
        and not m.tally
        and not m.recalled
        and _no_other_attacker(m, attackers)
        and countries == {target}
        and not m.places.admin1
        and not m.places.spots
    )


def _no_other_attacker(m: Features, attackers: frozenset[str]) -> bool:
    """No perpetrator read, or one naming only the attacking states («ракетной атаке Ирана»: a report
    that names the attacker is no less a partner than one that does not)."""
    if not m.rec.event.get("perpetrator"):
        return True
    named = attacker_countries(m.rec.event, m.rec.report_text)
    return bool(named) and named <= attackers
