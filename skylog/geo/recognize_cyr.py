"""Russian/Ukrainian toponym recognition: natasha NER (Russian model) fused with gazetteer
matching over pymorphy3 lemmas, so "в Боровском районе Калужской области" finds "Боровский
район" and "Калужская область"; plus patterns for lists ("Белгородской, Курской и Брянской
областей"), settlements ("с. Р. Лозова"), hromada headings and facilities ("Курская АЭС").
"""

from __future__ import annotations

import re

from natasha import Doc
from razdel import sentenize, tokenize

from skylog.geo.geocoder import Geocoder
from skylog.geo.keys import expand_abbreviations
from skylog.geo.mentions import ADMIN_WORDS_CYR, Mention, list_members, merge, settlement_pattern
from skylog.geo.normalize import norm
from skylog.geo.vocab import alternation, table
from skylog.nlp.models import morph, natasha

Bad = list[tuple[int, int, str]]
_UP = "А-ЯЁІЇЄҐ"
_CYR_WORD = rf"[{_UP}][\w’'-]*"
_AND = alternation("recognize_cyr", "ruuk.LIST_CONJUNCTION")
_LIST_CYR = re.compile(
    rf"((?:{_CYR_WORD}(?:,\s*|\s+(?:{_AND})\s+))+{_CYR_WORD})\s+"
    rf"({alternation('recognize_cyr', 'ruuk.LIST_UNIT')})\b"
)
_SETTLEMENT_CYR = re.compile(
    rf"(?:^|\s)(?:{alternation('recognize_cyr', 'ruuk.SETTLEMENT')})\s+({_CYR_WORD}(?: {_CYR_WORD})?)"
)
_INITIAL_NAME_CYR = re.compile(
    rf"(?:^|\s)(?:{alternation('recognize_cyr', 'ruuk.INITIAL_SETTLEMENT')})\s+([{_UP}]\.\s?{_CYR_WORD})"
)
_HROMADA_HEAD = re.compile(
    rf"(?m)^[ \t]*([{_UP}][\w’'-]*(?:{alternation('recognize_cyr', 'ruuk.HROMADA_ENDING')}))[ \t]*:"
)
# a list's unit noun by its stem: the unit's noun and level (the last, with no stem, is the default)
_LIST_UNIT_LEVELS: list[dict] = table("recognize_cyr")["ruuk"]["list_unit_level"]
_HROMADA = next(u for u in _LIST_UNIT_LEVELS if u["level"] == 6)  # a community's noun and its stem
_LIST_SPLIT_CYR = re.compile(rf",\s*|\s+(?:{_AND})\s+")
_FACILITY_BEFORE = alternation("recognize_cyr", "ruuk.FACILITY_BEFORE")
_FACILITY_CYR = re.compile(
    rf"(?:\b({_CYR_WORD})\s+({alternation('recognize_cyr', 'ruuk.FACILITY')}))"
    rf"|(?:\b({_FACILITY_BEFORE})\s+[«\"]?({_CYR_WORD})[»\"]?)"
)
# a facility word that also stands before a name: «Уражено аеродром Саки» names Saky, not «Уражено»
_FACILITY_WORD_BEFORE = re.compile(rf"(?i:{_FACILITY_BEFORE})$")
_NAME_AFTER = re.compile(rf"\s+[«\"]?({_CYR_WORD})[»\"]?")
_NER_LOC = {"LOC"}
_LEAD_PREP = re.compile(rf"(?:{alternation('recognize_cyr', 'ruuk.LEAD_PREPOSITION')})\s+", re.I)
_NER_BAD = {"PER", "ORG"}
_WATER_WORD = re.compile(rf"^(?:{alternation('recognize_cyr', 'ruuk.WATER')})$", re.I)
_NOMINAL = {"NOUN", "ADJF"}


def _is_person_name(word: str, language: str) -> bool:

    parses = morph(language).parse(word)[:4]
    return bool(parses) and all(any(g in str(p.tag) for g in ("Name", "Surn", "Patr")) for p in parses)


def _is_pronoun(word: str, language: str) -> bool:
    """The text's own dictionary reads the word as a pronoun in one of its first parses (never a
    place's name: «Вона» 'she', «Усім» 'to all')."""
    return any(
        "NPRO" in p.tag.grammemes and "Geox" not in p.tag.grammemes for p in morph(language).parse(word)[:3]
    )


def _common_word(word: str, language: str) -> bool:
    """The dictionary knows the word as an ordinary noun/adjective/verb ('Град', 'Мирный', 'Сили').

    Many villages bear such names, but so do weapons, adjectives and the armed forces; a
    gazetteer-only match of one needs support from the text's other places.
    """

    # the Ukrainian dictionary marks few place names (Geox): a Ukrainian word counts as
    # ordinary only if the Russian dictionary knows it as ordinary too ("Сили", "Град")
    for lang in ("uk", "ru") if language == "uk" else ("ru",):
        parses = morph(lang).parse(word)[:3]
        if not parses or not parses[0].is_known:
            return False
        if any("Geox" in p.tag.grammemes for p in parses):
            return False
        if set(parses[0].tag.grammemes) & {"Name", "Surn", "Patr", "Abbr", "Orgn", "Trad"}:
            return False
    return True


def _is_geox(word: str, language: str) -> bool:

    return any("Geox" in str(p.tag) for p in morph(language).parse(word)[:3])


def _natasha_spans(text: str) -> tuple[list[Mention], list[tuple[int, int, str]]]:

    nat = natasha()
    doc = Doc(text)
    doc.segment(nat["segmenter"])
    doc.tag_ner(nat["ner_tagger"])
    good, bad = [], []
    for sp in doc.spans:
        stop = sp.stop
        cut = text.find("\n", sp.start, stop)
        if cut != -1:  # never across a line break ("Грузское\n\nМирный")
            stop = cut
        if stop <= sp.start:
            continue
        start = sp.start
        lead = _LEAD_PREP.match(text, start, stop)
        if lead and lead.end() < stop:  # "Над Азовским морем": the preposition is not the name
            start = lead.end()
        if sp.type in _NER_LOC:
            good.append(Mention(start, stop, text[start:stop], "ner", strong=True))
        elif sp.type in _NER_BAD:
            bad.append((sp.start, stop, sp.type))
    return good, bad


def cyr_mentions(text: str, language: str, gc: Geocoder) -> list[Mention]:
    """Every candidate toponym span of a Russian or Ukrainian text (before resolution)."""
    out: list[Mention] = []
    bad: Bad = []
    if language == "ru":
        # natasha is Russian-only: on Ukrainian it tags "у Києві та Одесі" as a person
        out, bad = _natasha_spans(text)
    sent_starts = {s.start for s in sentenize(text)}
    for m in out:
        # "Мирный житель ...": a sentence-initial ordinary word tagged LOC needs support too
        w = text[m.start : m.end]
        if (
            m.start in sent_starts
            and " " not in w
            and not _is_geox(w, language)
            and _common_word(w, language)
        ):
            m.strong, m.common = False, True
    out += _gazetteer_runs(text, language, gc)
    out += _list_mentions(text)
    out += settlement_pattern(_SETTLEMENT_CYR, text, gc, language)
    out += _hromada_heads(text, language, gc)
    for m in _INITIAL_NAME_CYR.finditer(text):
        # "с. Р. Лозова": a settlement word, then a name whose first word is cut to its initial
        s, e = m.span(1)
        if gc.candidates(text[s:e], language, 1):
            out.append(Mention(s, e, text[s:e], "pattern", hint=3, strong=True))
    out += _facility_mentions(text, language, gc)
    return merge(out, bad)


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """razdel tokens, with words split at an apostrophe re-joined: Куп'янськ, Слов'янськ, Пов'язане."""
    toks: list[tuple[int, int, str]] = []
    for t in tokenize(text):
        if toks and t.start == toks[-1][1] and (t.text in "'’ʼ" or toks[-1][2][-1:] in "'’ʼ"):
            ps, _, pt = toks.pop()
            toks.append((ps, t.stop, pt + t.text))
        else:
            toks.append((t.start, t.stop, t.text))
    return toks


def _run_at(
    toks: list[tuple[int, int, str]], i: int, text: str, language: str, gc: Geocoder
) -> tuple[int, int, int] | None:
    """(start, end, tokens) of the longest run at ``i`` whose lemmas the gazetteer knows."""
    s0, _, w0 = toks[i]
    for n in range(min(4, len(toks) - i), 0, -1):
        words = [t[2] for t in toks[i : i + n]]
        if any(
            not (w[:1].isupper() or ADMIN_WORDS_CYR.match(w) or _WATER_WORD.match(w) or w == "-")
            for w in words[1:]
        ):
            continue
        s, e = s0, toks[i + n - 1][1]
        if not norm(text[s:e]):
            continue
        srcs = _name_sources(gc, expand_abbreviations(text[s:e]), language)
        if not srcs or min(srcs) >= 5:
            continue  # unknown, or an adjective alone ("Курской") that needs its noun or a list
        if n == 1 and i + 1 < len(toks) and toks[i + 1][2][:1].isupper() and toks[i + 1][0] - e <= 1:
            return None  # "Велика" of an unknown "Велика Бабка": part of a longer name
        if n == 1 and _is_person_name(w0, language):
            return None  # "Сергій": a first name or surname, whatever village shares it
        if n == 1 and _is_pronoun(w0, language):
            return None  # «Вона госпіталізована», «Усім надають допомогу»: a pronoun, not Vaughan or Wuxi
        return s, e, n
    return None


def _name_sources(gc: Geocoder, q: str, language: str) -> list[int]:
    """How the gazetteer attests the name of ``q``'s lemmas, else of their spelling in the other
    language («Новоросійськ» of a Ukrainian text: the index knows Новороссийск)."""
    keys = [norm(q), *gc.lemma_keys(q, language)]
    srcs = [src for k in keys for _, src in gc.gz.ids(k)]
    if not srcs and _nominal(q, language):
        variants = gc.names.orthographic_keys([(k, None) for k in keys])
        srcs = [src for k, _ in variants for _, src in gc.gz.ids(k)]
    return srcs


def _nominal(q: str, language: str) -> bool:
    """Every word of ``q`` reads first as a noun or adjective («Новоросійськ»), as a name does: no
    preposition or other function word («Крім», 'besides', is no respelt «Крым»)."""
    words = [w for w in re.findall(r"[\w’']+", q) if w[:1].isalpha()]
    return bool(words) and all(morph(language).parse(w)[0].tag.POS in _NOMINAL for w in words)


def _gazetteer_runs(text: str, language: str, gc: Geocoder) -> list[Mention]:
    """Capitalised token runs (with unit words) whose lemmas name a place in the gazetteer."""
    toks = _tokens(text)
    out: list[Mention] = []
    i = 0
    while i < len(toks):
        w0 = toks[i][2]
        if not w0[:1].isupper() or not any("\u0400" <= ch <= "\u04ff" or ch.isalpha() for ch in w0):
            i += 1
            continue
        found = _run_at(toks, i, text, language, gc)
        if not found:
            i += 1
            continue
        s, e, n = found
        common = n == 1 and (
            (w0.isupper() and len(w0) <= 5) or (not _is_geox(w0, language) and _common_word(w0, language))
        )
        out.append(Mention(s, e, text[s:e], "gaz", strong=False, common=common))
        i += n
    return out


def _list_mentions(text: str) -> list[Mention]:
    """'Белгородской, Курской и Брянской областей': each member with the list's unit noun."""
    out = []
    for m in _LIST_CYR.finditer(text):
        noun = m.group(2).lower()
        sing, hint = next((u["noun"], u["level"]) for u in _LIST_UNIT_LEVELS if noun.startswith(u["stem"]))
        out += list_members(text, m, _LIST_SPLIT_CYR, sing, hint)
    return out


def _hromada_heads(text: str, language: str, gc: Geocoder) -> list[Mention]:
    """'Есманьська громада: ... Новослобідська: ворог обстріляв громаду': a line headed by a
    community's bare adjective, in a report that goes community by community."""
    if _HROMADA["stem"] not in text.lower():
        return []
    out = []
    for m in _HROMADA_HEAD.finditer(text):
        s, e = m.span(1)
        q = f"{m.group(1)} {_HROMADA['noun']}"
        if any(c.entry.level == 6 for c in gc.candidates(q, language, 3)):
            # needs another place of its region (as "common" words do): "Українська:" alone is not one
            out.append(Mention(s, e, q, "pattern", hint=6, strong=False, common=True))
    return out


def _facility_mentions(text: str, language: str, gc: Geocoder) -> list[Mention]:
    """'Курская АЭС', 'аэродром «Бельбек»': the place a facility is named after; «Уражено аеродром
    Саки»: the airfield named after the word, when the airfield table knows it."""
    out = []
    for m in _FACILITY_CYR.finditer(text):
        after = _NAME_AFTER.match(text, m.end(2)) if m.group(2) else None
        if (
            after
            and _FACILITY_WORD_BEFORE.match(m.group(2))
            and _known_airfield(after.group(1), language, gc)
        ):
            name, s, e = after.group(1), m.start(2), after.end(1)
        elif m.group(1):
            name, s, e = m.group(1), m.start(1), m.end(2)
        else:
            name, s, e = m.group(4), m.start(3), m.end(4)
        out.append(Mention(s, e, name, "facility", kind="facility", strong=True))
    return out


def _known_airfield(name: str, language: str, gc: Geocoder) -> bool:
    keys = (norm(name), *gc.lemma_keys(name, language if language in ("ru", "uk") else "ru"))
    return any(gc.airfields.named(k) for k in keys)
