"""Canonical actors: every way a report names a side, normalised to one ACLED actor name.

Reports say «украинских», «ворожого», «ЗСУ», "Russian", "Kyiv" for two sides;
left raw, one side's spellings look like conflicting claims. ``actors.json``
holds one row per actor (ACLED's name, type, home country, ``inter`` code)
with aliases in English, Russian and Ukrainian. Aliases and the text are
compared lemma by lemma (pymorphy3, Russian and Ukrainian dictionaries), so
inflected forms match their alias. "Enemy" words («ворог», «противник») name
the side opposed to whoever speaks, which the caller gives as ``side``
(else the text's language decides: Ukrainian official posts call Russia
the enemy, Russian ones Ukraine).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from skylog.actors.countries import country_name

DATA_PATH = Path(__file__).resolve().parent / "actors.json"
_WORD = re.compile(r"[\w’'.-]+", re.UNICODE)
_UK_LETTERS = re.compile(r"[іїєґІЇЄҐ]")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")


@dataclass(frozen=True)
class Actor:
    """One canonical actor as ACLED names it."""

    id: str
    name: str
    type: str  # "state", "non-state", "civilians", "unidentified"
    country: str | None = None  # ISO 3166-1 alpha-2 home country
    inter: int | None = None  # fixed inter code; None for state forces (depends on where)
    short: str | None = None  # how a sentence names it ("Russian forces")
    adjective: str | None = None  # "Russian" (air defence)

    def inter_in(self, country: str | None) -> int:
        """ACLED inter code of this actor in an event in ``country``: state forces are 1 at home, 8 abroad."""
        if self.inter is not None:
            return self.inter
        return 1 if country and self.country and country.upper() == self.country else 8


@lru_cache(maxsize=1)
def table() -> dict[str, Any]:
    """The parsed ``actors.json``."""
    return json.loads(DATA_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def actors() -> dict[str, Actor]:
    """Actor id -> Actor."""
    return {
        a["id"]: Actor(
            a["id"],
            a["name"],
            a["type"],
            a.get("country"),
            a.get("inter"),
            a.get("short"),
            a.get("adjective"),
        )
        for a in table()["actors"]
    }


@lru_cache(maxsize=1)
def by_name() -> dict[str, Actor]:
    """Canonical name (case-folded) -> Actor, so an already normalised value maps to itself."""
    return {a.name.casefold(): a for a in actors().values()}


def _morphs() -> tuple[Any, Any]:
    from skylog.nlp.models import morph

    return morph("ru"), morph("uk")


@lru_cache(maxsize=20000)
def _lemmas(token: str) -> frozenset[str]:
    """Every lemma a token may have: itself, and its normal forms in Russian and Ukrainian."""
    low = token.casefold().strip(".’'-")
    out = {low}
    if _CYRILLIC.search(low) or _UK_LETTERS.search(low):
        for m in _morphs():
            for p in m.parse(low)[:3]:
                out.add(p.normal_form)
    elif low.endswith("'s"):
        out.add(low[:-2])
    elif len(low) > 3 and low.endswith("s") and not low.endswith("ss"):
        out.add(low[:-1])
    return frozenset(out)


def _strict_case(token: str) -> bool:
    """Short Latin upper-case aliases (US, IDF, SAF, RSF) match only in upper case: 'us' is a pronoun."""
    return token.isascii() and token.isupper() and len(token.strip(".")) <= 5


@dataclass(frozen=True)
class _Alias:
    actor: str  # actor id, or "@enemy"
    tokens: tuple[str, ...]


@lru_cache(maxsize=1)
def _index() -> dict[str, list[_Alias]]:
    """First-token lemma -> aliases starting with it (longest first)."""
    idx: dict[str, list[_Alias]] = {}
    rows: list[tuple[str, str]] = []
    for a in table()["actors"]:
        for names in a["aliases"].values():
            rows += [(a["id"], n) for n in names]
        rows.append((a["id"], a["name"]))
    for names in table()["enemy"]["aliases"].values():
        rows += [("@enemy", n) for n in names]
    for actor_id, alias in rows:
        toks = tuple(_WORD.findall(alias))
        if not toks:
            continue
        al = _Alias(actor_id, toks)
        for lem in _lemmas(toks[0]):
            idx.setdefault(lem, []).append(al)
    for v in idx.values():
        v.sort(key=lambda al: -len(al.tokens))
    return idx


def _token_match(alias_tok: str, tok: str) -> bool:
    if _strict_case(alias_tok):
        return tok.strip(".") == alias_tok.strip(".")
    return bool(_lemmas(alias_tok) & _lemmas(tok))


def find_actors(text: str) -> list[tuple[int, int, str]]:
    """Every alias found in ``text``: (first token index, token count, actor id or "@enemy"), in text order.

    At each position the longest alias wins; matched tokens are not matched again.
    """
    toks = _WORD.findall(text or "")
    idx = _index()
    out = []
    i = 0
    while i < len(toks):
        best: _Alias | None = None
        for lem in _lemmas(toks[i]):
            for al in idx.get(lem, ()):
                n = len(al.tokens)
                if best is not None and n <= len(best.tokens):
                    continue
                if i + n <= len(toks) and all(
                    _token_match(a, t) for a, t in zip(al.tokens, toks[i : i + n], strict=True)
                ):
                    best = al
        if best is not None:
            out.append((i, len(best.tokens), best.actor))
            i += len(best.tokens)
        else:
            i += 1
    return out


def language_side(text: str | None) -> str | None:
    """The side whose official language the text is in ('UA' for Ukrainian, 'RU' for Russian), else None."""
    if not text:
        return None
    if _UK_LETTERS.search(text):
        return "UA"
    if _CYRILLIC.search(text):
        return "RU"
    return None


def normalise(value: Any, *, side: str | None = None, context: str | None = None) -> Actor | None:
    """The canonical Actor a perpetrator/target value names, or None when it names none.

    ``side`` is the speaker's side ('UA', 'RU', ...) for "enemy" words; without it the
    language of ``context`` (the report text) or of the value itself decides.
    """
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    known = by_name().get(text.casefold())
    if known is not None:
        return known
    for _i, _n, actor_id in find_actors(text):
        if actor_id == "@enemy":
            who = side or language_side(context) or language_side(text)
            opp = table()["enemy"]["opponent"].get(who or "")
            if opp:
                return actors()[opp]
            continue
        return actors()[actor_id]
    return _country_forces(text)


@lru_cache(maxsize=512)
def _country_forces(text: str) -> Actor | None:
    """A bare country name ("Syria") not among the aliases: that country's military forces.

    Only names count (never ISO codes: "us" and "in" are words).
    """
    import pycountry

    if len(text) < 4:
        return None
    try:
        c = pycountry.countries.lookup(text)
    except LookupError:
        return None
    names = {getattr(c, k, "").casefold() for k in ("name", "common_name", "official_name")}
    if text.casefold() not in names:
        return None
    return state_forces(c.alpha_2)


def state_forces(country: str | None) -> Actor | None:
    """The state military forces of ``country`` (ISO alpha-2): the table's row, else a default name."""
    if not country:
        return None
    for a in actors().values():
        if a.type == "state" and a.country == country.upper():
            return a
    name = table()["state_default"].format(country=country_name(country))
    return Actor(f"military_{country.lower()}", name, "state", country.upper(), None)


def civilians(country: str | None) -> Actor | None:
    """ACLED's civilians actor of ``country`` ("Civilians (Ukraine)")."""
    if not country:
        return None
    spec = table()["civilians"]
    return Actor(
        f"civilians_{country.lower()}",
        spec["name"].format(country=country_name(country)),
        "civilians",
        country.upper(),
        spec["inter"],
    )


def unidentified(country: str | None) -> Actor:
    """ACLED's unidentified armed group of ``country`` (for attacks nobody is named for)."""
    spec = table()["unidentified"]
    name = spec["name"].format(country=country_name(country) if country else "International")
    return Actor("unidentified", name, "unidentified", country, spec["inter"])


def claim_actor(value: Any, origin: str | None = None, context: str | None = None) -> str | None:
    """Canonical actor name of one perpetrator claim, for the linker: ``origin`` is the claim's
    origin ('official:UA' gives the speaker's side for "enemy" words), ``context`` the report text."""
    o = origin or ""
    side = o.split(":", 1)[1] if o.startswith("official:") and o[9:] not in ("", "?") else None
    a = normalise(value, side=side, context=context)
    return a.name if a is not None else None


def opponent(side: str | None) -> Actor | None:
    """The actor opposed to ``side`` (an ISO country code) in the covered conflicts, if the table names one."""
    opp = table()["enemy"]["opponent"].get((side or "").upper())
    return actors().get(opp) if opp else None
