"""Filters as people type them, for the CLI and the HTTP API: regions, event types, databases.

A region is given as an ISO 3166-2 code (``RU-BEL``), an English name or a
Russian/Ukrainian one, in any case and inflection the gazetteer knows
(``Belgorod``, ``Белгородская``, ``Kharkiv region``), or a prefix of one
(``Belgor``). It resolves to one admin1 code; an unknown or ambiguous value is
an error that lists the valid values, never a silent empty result. A read
command refuses a database file that does not exist instead of creating an
empty one.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

from skylog.records import EVENT_TYPES

if TYPE_CHECKING:
    from skylog.geo.gazetteer import Gazetteer
    from skylog.store import Store

_CODE = re.compile(r"^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$")
GRADES: tuple[str, ...] = (
    "single_source",
    "several_sources_one_side",
    "independently_confirmed",
    "contested",
)


class FilterError(ValueError):
    """A filter value skylog cannot use; the message lists the valid values."""


def _gaz() -> Gazetteer:
    from skylog.geo.gazetteer import default_gazetteer

    return default_gazetteer()


def _regions_for_key(key: str, *, prefix: bool) -> dict[str, tuple[str, int, bool]]:
    """admin1 code -> (name, best name source rank, primary name equals the key) for a name key."""
    rows = _gaz().admin1_names(key, prefix=prefix)
    from skylog.geo.normalize import norm

    out: dict[str, tuple[str, int, bool]] = {}
    for code, name, src in rows:
        if not code:
            continue
        primary = norm(name) == key
        old = out.get(code)
        if old is None or src < old[1] or primary:
            out[code] = (name, min(src, old[1]) if old else src, primary or (old[2] if old else False))
    return out


def _nominative(text: str) -> str:
    """A Russian or Ukrainian name put in the nominative, word by word (gender and number kept)."""
    from skylog.geo.normalize import norm
    from skylog.nlp.models import morph

    lang = "uk" if re.search(r"[іїєґІЇЄҐ]", text) else "ru"
    m = morph(lang)
    words = []
    for w in re.findall(r"\w+", text.lower()):
        p = m.parse(w)[0]
        f = p.inflect({"nomn"}) if p.tag.case and p.tag.case != "nomn" else None
        words.append(norm(f.word if f is not None else w))
    return " ".join(words)


def region_code(value: str, known: list[tuple[str, str]] | None = None) -> str:
    """The admin1 code a region filter means; FilterError (listing valid values) when none or several.

    ``known`` (code, name) pairs are the regions that have data, listed in the error.
    """
    from skylog.geo.normalize import norm

    v = (value or "").strip()
    if not v:
        raise FilterError("empty region")
    if _CODE.match(v):
        code = _gaz().admin1_with_code(v)
        if code:
            return code
    key = norm(v)
    found = _regions_for_key(key, prefix=False) if key else {}
    if not found and re.search(r"[\u0400-\u04ff]", v):
        nominative = _nominative(v)  # «Курской области» -> «курская область»
        if nominative != key:
            found = _regions_for_key(nominative, prefix=False)
            key = nominative if found else key
    if not found and len(key) >= 3:
        found = _regions_for_key(key, prefix=True)
    if len(found) > 1:
        primary = [c for c, (_n, _s, p) in found.items() if p]
        if len(primary) == 1:
            return primary[0]
        if known:  # several units share the name: the one that has data
            with_data = [c for c in found if c in {k for k, _ in known}]
            if len(with_data) == 1:
                return with_data[0]
        choices = ", ".join(f"{c} ({n})" for c, (n, _s, _p) in sorted(found.items())[:12])
        raise FilterError(f"region {value!r} is ambiguous: {choices}")
    if found:
        return next(iter(found))
    listing = (
        ", ".join(f"{c} ({n})" for c, n in (known or [])[:60]) or "none yet (the database has no incidents)"
    )
    raise FilterError(
        f"unknown region {value!r}: give an ISO 3166-2 code, or an English, Russian or Ukrainian name "
        f"or prefix; regions with incidents: {listing}"
    )


def known_regions(store: Store) -> list[tuple[str, str]]:
    """(admin1 code, name) of the regions that have incidents, for error messages (none when
    the database cannot say: the message then lists none, and the command's own query reports it)."""
    try:
        return store.known_regions()
    except SQLAlchemyError:
        return []


def event_type(value: str | None) -> str | None:
    """``value`` when it is an event type; FilterError listing the valid ones otherwise."""
    if value is None or value == "":
        return None
    v = value.strip().lower()
    if v in EVENT_TYPES:
        return v
    raise FilterError(f"unknown event type {value!r}: choose one of {', '.join(EVENT_TYPES)}")


def grade(value: str | None) -> str | None:
    """``value`` when it is a corroboration grade; FilterError listing the valid ones otherwise."""
    if value is None or value == "":
        return None
    v = value.strip().lower()
    if v in GRADES:
        return v
    raise FilterError(f"unknown grade {value!r}: choose one of {', '.join(GRADES)}")


def missing_database(db: str | None) -> str | None:
    """The path of a SQLite database file that does not exist (a read must not create it), else None."""
    from skylog.config import database_url

    url = database_url(db)
    if not url.startswith("sqlite:///"):
        return None  # a server database: its own errors say what is wrong
    path = url[len("sqlite:///") :]
    if path in ("", ":memory:") or Path(path).exists():
        return None
    return path
