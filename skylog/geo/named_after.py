"""Places inside the names of organisations and facilities.

"Athens Police Department", "Henderson County Sheriff's Office", "Alexandria City Public
Schools", "City of Richmond", "State of Illinois": the organisation is
named after a place, and news geoparsing counts that place. A name followed by a civic word
(police, council, sheriff, jail...) or governed by "City of", "State of" is the place
itself, recognised by the shape of the organisation's name; a bare prefix without such a word
stays a weak gazetteer match that needs support from the text's other places.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from skylog.geo import names as N
from skylog.geo.mentions import Mention
from skylog.geo.normalize import norm
from skylog.geo.vocab import items

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from skylog.geo.gazetteer import Gazetteer

# the words that place a town inside an organisation's name (geo/data/named_after.toml): a civic
# word after the name, a head before "of X", an institution's head, a direction before the name, a
# unit word the name carries, the last word of a body's or building's name
CIVIC_AFTER = frozenset(items("named_after", "en.CIVIC_AFTER"))
OF_HEADS = frozenset(items("named_after", "en.OF_HEADS"))
INSTITUTION_HEADS = frozenset(items("named_after", "en.INSTITUTION_HEADS"))
DIRECTIONS = frozenset(items("named_after", "en.DIRECTIONS"))
UNIT_WORDS = frozenset(items("named_after", "en.UNIT_WORDS"))
BODY_WORDS = frozenset(items("named_after", "en.BODY_WORDS"))
MAX_NAME_TOKENS = 3


def _known(gz: Gazetteer, key: str) -> bool:
    ids = gz.ids(key)
    return bool(ids) and min(src for _, src in ids) <= 2 and key not in N.EN_STOP_PLACES


def _skip_direction(text: str, toks: list[Token], gz: Gazetteer) -> list[Token]:
    """'Northeast Georgia Medical Center' -> 'Georgia Medical Center' (but 'West Virginia' stays)."""
    if len(toks) < 2 or toks[0].text.lower() not in DIRECTIONS or not toks[1].text[:1].isupper():
        return toks
    for k in range(2, min(MAX_NAME_TOKENS, len(toks)) + 1):
        s, e = _span(text, toks[:k])
        if _known(gz, norm(text[s:e])):
            return toks
    return toks[1:]


def _span(text: str, toks: list[Token]) -> tuple[int, int]:
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _prefix(text: str, toks: list[Token], gz: Gazetteer) -> Mention | None:
    """The longest known name the organisation's name opens with; strong before a civic word."""
    for k in range(min(MAX_NAME_TOKENS, len(toks) - 1), 0, -1):
        ps, pe = _span(text, toks[:k])
        key = norm(text[ps:pe])
        if not _known(gz, key) or any(t.text.lower() in UNIT_WORDS for t in toks[: k - 1]):
            continue  # the unit word closes the name: "Wyandotte County | District Court"
        nxt = toks[k].text.lower()
        # "Dublin City Council", "Fargo City Commissioner": "City" belongs to the body's name
        if k > 1 and toks[k - 1].text == "City" and nxt in CIVIC_AFTER:
            shorter = _span(text, toks[: k - 1])
            if _known(gz, norm(text[shorter[0] : shorter[1]])):
                ps, pe = shorter
        unit = k > 1 and toks[k - 1].text.lower() in UNIT_WORDS
        return Mention(ps, pe, text[ps:pe], "prefix", strong=nxt in CIVIC_AFTER or unit)
    return None


def _of_tail(text: str, toks: list[Token], gz: Gazetteer) -> Mention | None:
    """'University of Rochester', 'Association of Western Pennsylvania': the place after 'of'."""
    for i, t in enumerate(toks[:-1]):
        if t.text != "of" or i == 0:
            continue
        tail = _skip_direction(text, toks[i + 1 :], gz)
        for k in range(min(MAX_NAME_TOKENS, len(tail)), 0, -1):
            if not all(x.text[:1].isupper() for x in tail[:k]):
                continue
            ps, pe = _span(text, tail[:k])
            if _known(gz, norm(text[ps:pe])) and toks[i - 1].text.lower() in OF_HEADS:
                return Mention(ps, pe, text[ps:pe], "prefix", strong=True)
    return None


def named_after_place(ent: Span, text: str, gz: Gazetteer) -> Mention | None:
    """The place an ORG/FAC entity is named after, if any."""
    toks = [t for t in ent if not t.is_punct]
    if toks and toks[0].text.lower() == "the":
        toks = toks[1:]
    if len(toks) < 2:
        return None
    if toks[0].text.lower() in OF_HEADS | INSTITUTION_HEADS and toks[1].text == "of":
        return _of_tail(text, toks, gz)  # "University of X": not the village called University
    return _prefix(text, toks, gz) or _of_tail(text, toks, gz)
