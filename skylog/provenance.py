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
_FIELDS = ("count", "killed", "injured", "damage", "launched", "perpetrator", "target")
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


def claimant_of(fields: dict[str, Any], sources: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """``{"claimant", "claimant_role", "carrier", "carriers"}`` of one resolved incident."""
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
    claims: list[dict[str, Any]] = []
    for name in _FIELDS:
        f = fields.get(name)
        if isinstance(f, dict):
            claims += [c for c in f.get("claims") or [] if isinstance(c, dict)]
    for c in claims:
        src = c.get("source")
        if src and src != "?" and src not in carriers:
            carriers.append(src)
            kinds[src] = c.get("source_kind") or "unknown"
    carrier_names = {c.casefold() for c in carriers}
    evidence = [str(c["evidence"]) for c in claims if c.get("evidence")]
    named = Counter(
        str(c["claimant"]).strip() for c in claims if not _is_own_voice(c.get("claimant"), carrier_names)
    )
    claimant: str | None = None
    role: str | None = None
    if named:
        claimant = sorted(named.items(), key=lambda kv: (-kv[1], -len(kv[0])))[0][0]
        role = _role_of(claimant, evidence)
    else:
        for ev in evidence:
            m = _ACCORDING.search(ev)
            if m:
                claimant = (
                    "the " + " ".join(m.group("who").split())
                    if m.group("who")[0].islower()
                    else m.group("who")
                )
                break
        if claimant is None:
            official = [c for c in carriers if kinds.get(c) == "official"]
            if official:
                claimant = official[0]  # an official posting on its own channel
    return {
        "claimant": claimant,
        "claimant_role": role,
        "carrier": carriers[0] if carriers else None,
        "carriers": carriers,
    }


def according_to(p: dict[str, Any]) -> str | None:
    """The claimant as a sentence names it: "Governor Vladislav Shapsha", "the Ministry of Defence"."""
    who = p.get("claimant")
    if not who:
        return None
    role = p.get("claimant_role")
    if role:
        return f"{who} ({role})"
    return who
