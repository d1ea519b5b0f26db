"""Claimant and carrier of an incident, from its resolved claims.

The **claimant** is the person or body that made the statement (Governor
Vladislav Shapsha; the Ministry of Defence; the Air Force), with the role the
report gives them; the **carrier** is the outlet or channel that published
it (an official posting on its own channel is both). A report in its own
voice that relays an official ("according to the governor") names that
official as claimant by role. Outlet names, "the outlet" and empty values
are never claimants.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from importlib import resources
from typing import Any

# fields whose claims say who reports the event, in order of weight
_PRIMARY = ("count", "killed", "injured", "damage", "launched")
_SECONDARY = ("perpetrator", "target")
_FIELDS = _PRIMARY + _SECONDARY
# the words (skylog/provenance.toml): lists joined as alternations, in order
_WORDS = tomllib.loads(resources.files("skylog").joinpath("provenance.toml").read_text(encoding="utf-8"))
_OWN_VOICE = set(_WORDS["OWN_VOICE"])
_NOT_A_NAME = tuple(_WORDS["NOT_A_NAME"])


def _list(key: str) -> list[str]:
    """The list ``key`` ("en.ROLE") of the data."""
    language, name = key.split(".")
    return _WORDS[language][name]


def _words(*keys: str) -> str:
    """The lists ``keys`` ("en.ROLE", "ruuk.ROLE") as one alternation, in order."""
    return "|".join(w for key in keys for w in _list(key))


def _optional(key: str, flags: str = "") -> str:
    """Each word of the list ``key`` as an optional word, in order: "(?:acting\\s+)?(?:regional\\s+)?"."""
    return "".join(rf"(?{flags}:{w}\s+)?" for w in _list(key))


ROLE = rf"{_optional('en.ROLE_MODIFIER')}(?:{_words('en.ROLE', 'ruuk.ROLE')})"
_ROLE_RE = re.compile(ROLE, re.I)
_ACCORDING = re.compile(
    rf"(?:{_words('en.SAY', 'ruuk.SAY')})\s+(?:the\s+)?(?P<who>(?:[\w'’-]+\s+){{0,3}}?{ROLE})",
    re.I,
)
_ROLE_BEFORE = re.compile(rf"(?P<role>{ROLE}(?:\s+[\w'’-]+){{0,4}}?)\s+$", re.I)


def _is_own_voice(claimant: Any, carrier_names: set[str]) -> bool:
    c = str(claimant or "").strip()
    return c.casefold() in _OWN_VOICE or c.casefold() in carrier_names


def _role_of(name: str, evidence: list[str]) -> str | None:
    """The role a report gives ``name`` ("governor of Kaluga Oblast"), from the words just before it."""
    if _ROLE_RE.search(name):
        return None  # the claimant is a body or a role already
    last = name.split()[-1] if name.split() else name
    for ev in evidence:
        i = ev.find(name)
        if i < 0:
            i = ev.find(last)
        if i <= 0:
            continue
        m = _ROLE_BEFORE.search(ev[max(0, i - 80) : i])
        if m:
            return " ".join(m.group("role").split())
    return None


_CAP = r"[A-ZА-ЯЁІЇЄҐ][\w'’-]+"
_PERSON = rf"{_CAP}(?:\s+{_CAP}){{1,2}}"
_TITLE_MODIFIER = "|".join(rf"{w}\s+" for w in _list("en.TITLE_MODIFIER"))  # one of them
_EN_ROLE = (
    rf"(?:{_TITLE_MODIFIER})?(?:{_words('en.TITLE')})(?:\s+of\s+(?:the\s+)?[\w'’\s-]{{2,40}}?"
    rf"(?:{_words('en.TITLE_UNIT')}))?|(?:the\s+)?(?:[\w'’-]+\s+){{0,2}}?(?:{_words('en.NAMED_ROLE')})"
)
_RU_ROLE = _words("ruuk.TITLE")
_ROLE_THEN_NAME = re.compile(rf"\b(?P<role>(?i:{_EN_ROLE}|{_RU_ROLE}))\s*,?\s+(?P<name>{_PERSON})")
_NAME_THEN_ROLE = re.compile(rf"(?P<name>{_PERSON}),\s+(?i:the\s+)?(?P<role>(?i:{_EN_ROLE}|{_RU_ROLE}))\b")
_BODY = re.compile(
    rf"(?P<body>(?i:the\s+){_optional('en.BODY_MODIFIER', 'i')}(?i:{_words('en.TITLE')})\s+of\s+[\w'’\s-]{{2,40}}?"
    rf"(?i:{_words('en.BODY_UNIT')})|(?:(?:the\s+)?(?:[A-Z][\w’']+\s+){{0,2}}(?:{_words('en.BODY')}))|"
    rf"{_words('ruuk.BODY')})"
)


def named_official(text: str | None) -> tuple[str, str | None] | None:
    """(claimant, role) of the official a report names as its source, from the text itself.

    A person with a role ("Governor Vyacheslav Gladkov", "губернатор Белгородской области
    Вячеслав Гладков", "Maksym Kozytskyy, head of the Lviv regional administration") first,
    else a body ("the Russian Defense Ministry", «Повітряні сили ЗСУ»). The first one the
    text names wins: reports lead with their source.
    """
    if not text:
        return None
    head = text[:6000]
    best: tuple[int, str, str | None] | None = None
    for rx in (_ROLE_THEN_NAME, _NAME_THEN_ROLE):
        for m in rx.finditer(head):
            name, role = m.group("name"), " ".join(m.group("role").split())
            if _ROLE_RE.fullmatch(name) or name.split()[0].casefold() in _NOT_A_NAME:
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), name, role.removeprefix("the ").removeprefix("The "))
            break
    if best is not None:
        return best[1], best[2]
    m = _BODY.search(head)
    if m:
        body = " ".join(m.group("body").split())
        return body, None
    return None


def claimant_of(
    fields: dict[str, Any], sources: list[dict[str, Any]] | None = None, texts: list[str] | None = None
) -> dict[str, Any]:
    """``{"claimant", "claimant_role", "carrier", "carriers"}`` of one resolved incident.

    ``texts`` (the member reports' texts, when the caller has them) let a report in its own
    voice still name the official it relays.
    """
    carriers, kinds = _source_carriers(sources)
    claims: list[dict[str, Any]] = []
    for name in _FIELDS:
        f = fields.get(name)
        if isinstance(f, dict):
            claims += [dict(c, _field=name) for c in f.get("claims") or [] if isinstance(c, dict)]
    for c in claims:
        src = c.get("source")
        if src and src != "?" and src not in carriers:
            carriers.append(src)
            kinds[src] = c.get("source_kind") or "unknown"
    claimant, role = _Claimants(claims, carriers, kinds).choose(texts or [])
    return {
        "claimant": claimant,
        "claimant_role": role,
        "carrier": carriers[0] if carriers else None,
        "carriers": carriers,
    }


def _source_carriers(sources: list[dict[str, Any]] | None) -> tuple[list[str], dict[str, str]]:
    """The outlets and channels that carried the reports, in order, with their kinds."""
    carriers: list[str] = []
    kinds: dict[str, str] = {}
    for s in sources or []:
        if not isinstance(s, dict):
            continue
        names = s.get("names") if isinstance(s.get("names"), list) else [s.get("name")]
        ks = s.get("kinds") if isinstance(s.get("kinds"), list) else [s.get("kind")]
        for i, n in enumerate(names):
            if n and n != "?" and n not in carriers:
                carriers.append(n)
                kinds[n] = (ks[i] if i < len(ks) else (ks[0] if ks else None)) or "unknown"
    return carriers, kinds


class _Claimants:
    """Who is named as claiming an incident's fields, apart from the carriers speaking in their own voice."""

    def __init__(self, claims: list[dict[str, Any]], carriers: list[str], kinds: dict[str, str]) -> None:
        self.claims = claims
        self.carriers = carriers
        self.kinds = kinds
        self.carrier_names = {c.casefold() for c in carriers}
        self.evidence = [str(c["evidence"]) for c in claims if c.get("evidence")]

    def named_in(self, fields_: tuple[str, ...]) -> Counter[str]:
        return Counter(
            str(c["claimant"]).strip()
            for c in self.claims
            if c.get("_field") in fields_ and not _is_own_voice(c.get("claimant"), self.carrier_names)
        )

    def _most_named(self, fields_: tuple[str, ...]) -> tuple[str, str | None] | None:
        named = self.named_in(fields_)
        if not named:
            return None
        claimant = sorted(named.items(), key=lambda kv: (-kv[1], -len(kv[0])))[0][0]
        return claimant, _role_of(claimant, self.evidence)

    def _official_carrier(self) -> tuple[str, str | None] | None:
        official = [c for c in self.carriers if self.kinds.get(c) == "official"]
        return (official[0], None) if official else None  # an official posting on its own channel

    def _according_to(self) -> tuple[str, str | None] | None:
        for ev in self.evidence:
            m = _ACCORDING.search(ev)
            if m:
                who = " ".join(m.group("who").split())
                return ("the " + who if who[0].islower() else who), None
        return None

    def choose(self, texts: list[str]) -> tuple[str | None, str | None]:
        """Who reports the event itself (counts, casualties, damage) first; who blames whom
        ("defense analysts" on the drones' origin) only when nobody else is named."""
        found = self._most_named(_PRIMARY)
        for t in texts:
            if found is not None:
                break
            found = named_official(t)
        found = found or self._official_carrier() or self._most_named(_SECONDARY) or self._according_to()
        return found if found is not None else (None, None)


def according_to(p: dict[str, Any]) -> str | None:
    """The claimant as a sentence names it: "Governor Vladislav Shapsha", "the Ministry of Defence"."""
    who = p.get("claimant")
    if not who:
        return None
    role = p.get("claimant_role")
    if role:
        return f"{who} ({role})"
    return who
