"""Guess a source's kind (official / media / ngo / social) from its domain or channel name.

A deliberately small, documented table: it only labels well-known publishers;
everything else stays ``unknown`` (nothing guessed silently). Extend freely.
"""

from __future__ import annotations

import re

from skylog.records import SourceKind

# Domain (or parent domain) -> kind.
DOMAINS: dict[str, SourceKind] = {
    # official: ministries, governments, armed forces
    "mil.ru": "official",
    "kremlin.ru": "official",
    "government.ru": "official",
    "mchs.gov.ru": "official",
    "mil.gov.ua": "official",
    "mod.gov.ua": "official",
    "president.gov.ua": "official",
    "dsns.gov.ua": "official",
    "gov.uk": "official",
    "defense.gov": "official",
    "nato.int": "official",
    # media
    "reuters.com": "media",
    "apnews.com": "media",
    "bbc.com": "media",
    "bbc.co.uk": "media",
    "theguardian.com": "media",
    "nytimes.com": "media",
    "aljazeera.com": "media",
    "cnn.com": "media",
    "tass.ru": "media",
    "tass.com": "media",
    "ria.ru": "media",
    "interfax.ru": "media",
    "rbc.ru": "media",
    "kommersant.ru": "media",
    "meduza.io": "media",
    "kyivindependent.com": "media",
    "pravda.com.ua": "media",
    "ukrinform.ua": "media",
    "ukrinform.net": "media",
    "unian.ua": "media",
    "unian.net": "media",
    "suspilne.media": "media",
    "rferl.org": "media",
    "kyivpost.com": "media",
    # NGOs and international monitors
    "acleddata.com": "ngo",
    "hrw.org": "ngo",
    "amnesty.org": "ngo",
    "icrc.org": "ngo",
    "ohchr.org": "ngo",
    "bellingcat.com": "ngo",
    # social platforms
    "t.me": "social",
    "telegram.me": "social",
    "twitter.com": "social",
    "x.com": "social",
    "facebook.com": "social",
    "vk.com": "social",
    "youtube.com": "social",
    "instagram.com": "social",
}

# Government top-level suffixes count as official.
OFFICIAL_SUFFIXES = (".gov", ".mil", ".gov.ru", ".gov.ua", ".gov.uk", ".gov.by")

# Telegram channel handles known to be official accounts (lower case).
OFFICIAL_CHANNELS = {
    "mod_russia",  # Russian Ministry of Defence
    "mod_russia_en",
    "kpszsu",  # Ukrainian Air Force
    "dsns_telegram",  # Ukrainian State Emergency Service
    "mchs_official",
    "vvgladkov",  # Belgorod governor
    "shapsha_vv",  # Kaluga governor
    "a_e_bogomaz",  # Bryansk governor
    "gubernator_46",  # Kursk governor
    "synegubov",  # Kharkiv regional administration head
    "zelenskiy_official",
}
# Channel names that say "official": ministries, governors, emergency services, air force.
_OFFICIAL_NAME = re.compile(
    r"минобороны|министерств|губернатор|глава региона|мчс|правительств|администрац|"
    r"міністерств|\bова\b|військов\w* адміністрац|дснс|повітряні сили|генштаб|"
    r"ministry|governor|air force|general staff|emergency service|administration",
    re.IGNORECASE,
)


def kind_for_domain(host: str | None) -> SourceKind:
    """Kind of a publisher from its host name (``www.`` and sub-domains looked through)."""
    if not host:
        return "unknown"
    host = host.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    parts = host.split(".")
    for i in range(len(parts) - 1):
        kind = DOMAINS.get(".".join(parts[i:]))
        if kind:
            return kind
    if host.endswith(OFFICIAL_SUFFIXES):
        return "official"
    return "unknown"


def kind_for_channel(name: str | None, handle: str | None = None) -> SourceKind:
    """A Telegram channel is ``social`` unless it is a known or self-described official account."""
    if handle and handle.lower().lstrip("@") in OFFICIAL_CHANNELS:
        return "official"
    if name and _OFFICIAL_NAME.search(name):
        return "official"
    return "social"
