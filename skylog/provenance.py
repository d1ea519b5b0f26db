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
from collections import Counter
from typing import Any

# fields whose claims say who reports the event, in order of weight
_PRIMARY = ("count", "killed", "injured", "damage", "launched")
_SECONDARY = ("perpetrator", "target")
_FIELDS = _PRIMARY + _SECONDARY
_OWN_VOICE = {
    "",
    "the outlet",
    "outlet",
    "the report",
    "report",
    "reporter",
    "correspondent",
    "preliminary data",
    "published",
    "advertisement",
    "updated",
    "reuters",
    "ap",
    "afp",
    "tass",
}
ROLE = (
    r"(?:acting\s+)?(?:regional\s+)?(?:governor|mayor|head of [\w\s'-]{3,40}?(?:administration|region|oblast)|"
    r"(?:defen[cs]e\s+)?minist(?:er|ry)(?:\s+of\s+defen[cs]e)?|spokes(?:man|woman|person)|air force|"
    r"general staff|military administration|emergenc\w+ service|police|prosecutor\w*|"
    r"губернатор\w*|врио губернатора|мэр\w*|глав\w+ (?:\w+\s){0,2}(?:области|района|города|администрации)|"
    r"министерств\w+ обороны|минобороны|пресс-служб\w+|"
    r"голов\w+ (?:\w+\s){0,2}(?:ОВА|ОДА|МВА|громади|ради)|начальник\w* (?:\w+\s){0,2}(?:ОВА|ОДА|МВА)|"
    r"міністерств\w+ оборони|повітрян\w+ сил\w*|командуванн\w+|прес-служб\w+|ДСНС|МЧС|ОВА|ОДА|МВА)"
)
_ROLE_RE = re.compile(ROLE, re.I)
_ACCORDING = re.compile(
    rf"(?:according to|said|says|told|по словам|по данным|сообщил\w*|за словами|за даними|повідомил\w*)\s+"
    rf"(?:the\s+)?(?P<who>(?:[\w'’-]+\s+){{0,3}}?{ROLE})",
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
_EN_ROLE = (
    r"(?:acting\s+|regional\s+|local\s+)?(?:governor|mayor|head)(?:\s+of\s+(?:the\s+)?[\w'’\s-]{2,40}?"
    r"(?:region|oblast|administration|city|district))?|(?:the\s+)?(?:[\w'’-]+\s+){0,2}?"
    r"(?:defen[cs]e\s+minister|air force(?: chief| commander| spokesman| spokesperson)?|spokes(?:man|woman|person))"
)
_RU_ROLE = (
    r"(?:врио\s+)?губернатор\w*(?:\s+\w+){0,2}?\s+(?:области|края|республики)|глав\w+\s+\w+\s+(?:области|района)|"
    r"(?:начальник|голова)\s+(?:\w+\s+){0,2}?(?:ОВА|ОДА|МВА|військової адміністрації)|мэр\w*(?:\s+\w+)?"
)
_ROLE_THEN_NAME = re.compile(rf"\b(?P<role>(?i:{_EN_ROLE}|{_RU_ROLE}))\s*,?\s+(?P<name>{_PERSON})")
_NAME_THEN_ROLE = re.compile(rf"(?P<name>{_PERSON}),\s+(?i:the\s+)?(?P<role>(?i:{_EN_ROLE}|{_RU_ROLE}))\b")
_BODY = re.compile(
    r"(?P<body>(?i:the\s+)(?i:regional\s+)?(?i:governor|mayor|head)\s+of\s+[\w'’\s-]{2,40}?(?i:region|oblast|city)|(?:(?:the\s+)?(?:[A-Z][\w’']+\s+){0,2}(?:Defen[cs]e Ministry|Ministry of Defen[cs]e|"
    r"[Aa]ir [Ff]orce|General Staff|Health Ministry|Emergency Service|Military Administration))|"
    r"Минобороны(?:\s+России|\s+РФ)?|Министерств\w+ обороны(?:\s+\w+){0,2}|Повітрян\w+ сил\w*(?:\s+ЗСУ)?|"
    r"Генштаб\w*(?:\s+ЗСУ)?|ДСНС|МЧС(?:\s+России)?)"
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
            if _ROLE_RE.fullmatch(name) or name.split()[0].casefold() in ("the", "on", "in", "according"):
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
