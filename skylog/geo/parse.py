"""Toponym recognition: find every place name in a text, then resolve them together.

English: spaCy NER (GPE/LOC/FAC) fused with gazetteer phrase matching over
capitalised token runs. Russian/Ukrainian: natasha NER (Russian model) fused
with gazetteer matching over pymorphy3 lemmas, so "в Боровском районе
Калужской области" finds "Боровский район" and "Калужская область".
Patterns add what both miss: coordinated lists ("Borovsky and
Maloyaroslavets municipal districts", "Белгородской, Курской и Брянской
областей") and facilities named after a place ("the Belgorod dam",
"Курская АЭС"), which resolve to that place with honest precision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from skylog.geo import frame as F
from skylog.geo import names as N
from skylog.geo.geocoder import Geocoder, expand_abbreviations
from skylog.geo.normalize import norm
from skylog.records import Place

MAX_TEXT = 1_000_000  # characters; longer texts are cut (reports are hostile input)


@dataclass
class Mention:
    start: int
    end: int
    query: str  # what to look up (may differ from the span, e.g. "Borovsky district")
    source: str  # "ner", "gaz", "list", "facility"
    hint: int | None = None
    kind: str | None = None  # "facility" for facilities
    strong: bool = False  # recognised by NER or a pattern (not by the gazetteer alone)
    common: bool = False  # also an ordinary word or an acronym ("Град", "Мирный", "Сили", "АГС")
    person: bool = False  # tagged PERSON by NER, and only a small place bears the name
    famous: bool = False  # a country, first-level unit or city of 100,000+ bears the name


# ---------------------------------------------------------------------- relations
_REL_EN = [
    (re.compile(r"(?:on the )?(?:outskirts|suburbs|edge) of(?: the)?\s*$", re.I), "outskirts"),
    (
        re.compile(
            r"\b(?:near|nearby|close to|not far from|in the vicinity of|around|outside)(?: the)?\s*$", re.I
        ),
        "near",
    ),
    (
        re.compile(
            r"\b(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?(?:ward)?"
            r"|(?:\d[\d,.]*|a few|several|some|tens of|dozens of)\s*-?\s*(?:km|kilometres|kilometers|miles|mi)"
            r"(?:\s+(?:to the\s+)?(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?)?)"
            r" (?:of|from|away from)(?: the)?\s*$",
            re.I,
        ),
        "locator",
    ),
    (re.compile(r"\b(?:over|above)(?: the)?\s*$", re.I), "over"),
    (re.compile(r"\b(?:towards|toward|in the direction of)(?: the)?\s*$", re.I), "direction"),
]
_REL_CYR = [
    (
        re.compile(
            r"(?:на окраин[еаы]\w*|на околиц[іяю]\w*|в окрестност\w+|в пригород\w+|в передмісті)\s*$", re.I
        ),
        "outskirts",
    ),
    (
        re.compile(
            r"(?:^|\s)(?:под|около|возле|вблизи|недалеко от|неподалеку от|в районе|біля|поблизу|неподалік від|під|в районі)\s*$",
            re.I,
        ),
        "near",
    ),
    (
        re.compile(
            r"(?:\d[\d,.]*\s*(?:км|километр\w*|кілометр\w*)\s+(?:\w+\s+)?(?:от|від|до)"
            r"|(?:северо-|юго-)?(?:север|юг|запад|восток)\w*\s+от|(?:северо-|юго-)?(?:северн|южн|западн|восточн)ее"
            r"|(?:північ|південь|захід|схід|північн|південн|західн|східн)\w*\s+від)\s*$",
            re.I,
        ),
        "locator",
    ),
    (re.compile(r"(?:^|\s)(?:над|в небе над|у небі над)\s*$", re.I), "over"),
    (re.compile(r"(?:^|\s)(?:в направлении|в сторону|у напрямку|на)\s+$", re.I), None),
]


def relation_before(text: str, start: int, cyrillic: bool) -> str | None:
    """Spatial relation word(s) right before a mention: near, outskirts, over."""
    left = text[max(0, start - 40) : start]
    for rx, rel in _REL_CYR if cyrillic else _REL_EN:
        if rx.search(left):
            return rel
    return None


# ---------------------------------------------------------------------- English
_ADMIN_TAIL_EN = re.compile(
    r"^\s+(?:(?:municipal|urban|administrative)\s+)?(?:oblast|region|province|krai|kray|district|raion|rayon|county|parish|governorate|territory|hromada|community|township)\b",
    re.I,
)
_NAME = r"[A-Z][\w'’.-]*[\w]"
_LIST_EN = re.compile(
    rf"((?:{_NAME}(?: {_NAME})?(?:,? and |, |,? or | & ))+{_NAME}(?: {_NAME})?)"
    r" (?:(?:municipal|urban|administrative) )?(regions|oblasts|provinces|krais|districts|raions|rayons|counties)\b"
)
_LIST_SPLIT = re.compile(r",? and |, |,? or | & ")
_FACILITY_EN = re.compile(
    rf"\b((?:{_NAME} ){{1,2}})(?:(?:hydroelectric |nuclear |thermal )?power (?:plant|station)|NPP|HPP|TPP|CHP|dam|reservoir"
    r"|airport|airfield|air ?base|oil refinery|refinery|oil depot|fuel depot|bridge|seaport)\b",
)
_DIRECTION_EN = re.compile(
    r"^(?:(?:north|south|east|west|northeast|northwest|southeast|southwest|central|upstate|downstate)(?:ern)?"
    r"|middle|greater|metro) ",
    re.I,
)
_SETTLEMENT_EN = re.compile(
    r"\b(?:village|town|city|settlement|hamlet|township|urban-type settlement) of "
    r"([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)"
)
_CONNECT_EN = {
    "of",
    "de",
    "la",
    "le",
    "du",
    "del",
    "upon",
    "on",
    "am",
    "an",
    "der",
    "da",
    "do",
    "dos",
    "el",
    "al",
}
_ADMIN_WORDS_EN = {
    "oblast",
    "region",
    "province",
    "krai",
    "kray",
    "district",
    "raion",
    "rayon",
    "county",
    "parish",
    "municipal",
    "territory",
    "republic",
    "governorate",
    "sea",
    "hromada",
    "community",
}
_GOOD_ENTS = {"GPE", "LOC", "FAC"}
_BAD_ENTS = {"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE"}


def _en_mentions(text: str, gc: Geocoder) -> list[Mention]:
    from skylog.nlp.models import english

    doc = english()(text, disable=["parser", "lemmatizer"])  # NER + POS is all recognition needs
    out: list[Mention] = []
    bad: list[tuple[int, int, str]] = []
    # tokens of multi-word person names: a later bare "Walsh" is the person, not Walsh, Colorado
    person_words = {
        norm(w)
        for ent in doc.ents
        if ent.label_ == "PERSON" and " " in ent.text and not _tagging_slip(ent)
        for w in ent.text.split()[1:]
    }
    for ent in doc.ents:
        if ent.label_ in _GOOD_ENTS:
            s, e = ent.start_char, ent.end_char
            if "\n" in text[s:e]:
                e = text.index("\n", s)
            if text[s:e].lower().startswith("the "):
                s += 4
            if text[s:e].endswith(("'s", "’s")):
                e -= 2
            m = _ADMIN_TAIL_EN.match(text, e)
            if m and (
                m.group(0).strip()[:1].isupper()
                or gc.gz.has(norm(text[s : m.end()]))
                or _admin_phrase(gc, text[s : m.end()])
            ):
                e = m.end()
            d = _DIRECTION_EN.match(text[s:e])
            if d and not gc.gz.has(norm(text[s:e])) and gc.gz.has(norm(text[s + d.end() : e])):
                s += d.end()  # "Northeast Georgia" -> Georgia
            if e > s:
                out.append(Mention(s, e, text[s:e], "ner", strong=True))
        elif ent.label_ in ("ORG", "FAC"):
            # "Athens Police Department", "Kharkiv Regional Military Administration": the place it is named after
            toks_e = [t for t in ent if not t.is_punct]
            if toks_e and toks_e[0].text.lower() == "the":
                toks_e = toks_e[1:]
            for k in range(min(3, len(toks_e) - 1), 0, -1):
                ps, pe = toks_e[0].idx, toks_e[k - 1].idx + len(toks_e[k - 1].text)
                key = norm(text[ps:pe])
                ids = gc.gz.ids(key)
                if ids and min(src for _, src in ids) <= 2 and key not in N.EN_STOP_PLACES:
                    out.append(Mention(ps, pe, text[ps:pe], "prefix", strong=False))
                    break
            bad.append((ent.start_char, ent.end_char, ent.label_))
        elif ent.label_ == "NORP" and ent.text in N.DEMONYMS:
            country = gc.gz.country_entry(N.DEMONYMS[ent.text])
            if country is not None:
                out.append(
                    Mention(ent.start_char, ent.end_char, country.name, "demonym", hint=0, strong=True)
                )
        elif ent.label_ in _BAD_ENTS:
            if ent.label_ == "PERSON" and _tagging_slip(ent):
                continue  # "Rethinking Egypt": a name with an ordinary word in it is a tagging slip
            if ent.label_ == "NORP" and len(ent) == 1 and not _DEMONYM_SHAPE.search(ent.text):
                continue  # "Greer, South Carolina" tagged NORP: no nationality word is shaped so
            bad.append((ent.start_char, ent.end_char, ent.label_))
    # a bare surname tagged as a place ("Shapsha" after "Vladislav Shapsha") is the person
    out = [m for m in out if not (m.source == "ner" and " " not in m.query and norm(m.query) in person_words)]
    bad_person = {(s, e) for s, e, lab in bad if lab == "PERSON"}
    # gazetteer phrase matching over capitalised token runs that contain a proper noun
    toks = [(t.idx, t.idx + len(t.text), t.text, t.pos_ == "PROPN") for t in doc if not t.is_space]
    i = 0
    while i < len(toks):
        s0, _, w0, _ = toks[i]
        if not w0[:1].isupper():
            i += 1
            continue
        found = None
        for n in range(min(6, len(toks) - i), 0, -1):
            run = toks[i : i + n]
            if not any(t[3] for t in run) and not (n > 1 and run[-1][2].lower() in _UNIT_NOUNS_EN):
                continue  # no proper noun: "Can", "Since", "Add" (but "Shebekino district", tagged NORP)
            words = [t[2] for t in run]
            last = words[-1]
            if last.lower() in _CONNECT_EN or not (last[:1].isupper() or last.lower() in _ADMIN_WORDS_EN):
                continue
            if any(
                not (
                    w[:1].isupper() or w.lower() in _CONNECT_EN or w.lower() in _ADMIN_WORDS_EN or w in ".-'’"
                )
                for w in words
            ):
                continue
            s, e = s0, run[-1][1]
            key = norm(text[s:e])
            if not key:
                continue
            if n == 1 and (key in N.EN_STOP_PLACES or len(key) < 3 or (w0.endswith(".") and len(key) < 4)):
                break
            ids = gc.gz.ids(key)
            if not ids and n > 1 and last.lower() in _UNIT_NOUNS_EN and _admin_phrase(gc, text[s:e]):
                ids = ((0, 3),)  # "Shebekino district": the district named after the town
            if ids:
                if min(src for _, src in ids) == 5:
                    continue  # a bare adjective ("Borovsky") needs its noun
                if n == 1 and key in person_words:
                    break
                if w0.isupper() and len(key) <= 5 and not any(src in (0, 1, 6) for _, src in ids):
                    break  # acronyms: CNN, PKK, ATF
                # tagged PERSON and only a small place has the name: kept only if that
                # place lies in a district the text names ("the Zaporizhzhia district ... Bilenke")
                person = (s, e) in bad_person and not _well_known(gc, key)
                found = (s, e, n, person)
                break
        if found:
            s, e, n, person = found
            famous = _well_known(gc, norm(text[s:e]))
            unit = _UNIT_AFTER_EN.match(text, e)
            if unit and not person:
                # "Kani Township", "Poonch District": the unit named after the place, not the town
                # (the gazetteer may lack the unit; the word still rules out a namesake town abroad)
                hint = 1 if unit.group(1).lower() in ("region", "oblast", "province") else 2
                out.append(Mention(s, unit.end(), text[s : unit.end()], "gaz", hint=hint, strong=False))
                i += n + 1
                continue
            out.append(Mention(s, e, text[s:e], "gaz", strong=False, person=person, famous=famous))
            i += n
        else:
            i += 1
    for m in _LIST_EN.finditer(text):
        noun = m.group(2).lower().rstrip("s")
        noun = {"countie": "county", "raion": "raion"}.get(noun, noun)
        hint = 1 if noun in ("region", "oblast", "province", "krai") else 2
        pos = m.start(1)
        for part in _LIST_SPLIT.split(m.group(1)):
            ps = text.index(part, pos)
            pos = ps + len(part)
            out.append(Mention(ps, ps + len(part), f"{part} {noun}", "list", hint=hint, strong=True))
    out.extend(_settlement_pattern(_SETTLEMENT_EN, text, gc, "en"))
    for m in _FACILITY_EN.finditer(text):
        name = m.group(1).strip()
        s = m.start(1)
        lead = re.match(r"(?:The|This|That|An?|Its|Their|Our|Her|His)(?:\s+|$)", name)
        if lead:  # "The airport", "The Belgorod airport": the article is no name
            name, s = name[lead.end() :], s + lead.end()
            if not name:
                continue
        out.append(Mention(s, m.end(), name, "facility", kind="facility", strong=True))
    return _merge(out, bad)


def _tagging_slip(ent) -> bool:  # noqa: ANN001 - a spaCy Span
    """A multi-word PERSON with an ordinary word in it ("Rethinking Egypt") is no person's name."""
    return len(ent) > 1 and any(t.pos_ not in ("PROPN", "PUNCT") for t in ent)


_DEMONYM_SHAPE = re.compile(r"(?:an|ans|ese|ish|ic|ics|i|is|ch|ian|ians|ite|ites)$")
_UNIT_AFTER_EN = re.compile(r"\s(Township|District|Raion|Rayon|Region|Oblast|Province)\b")
_UNIT_NOUNS_EN = frozenset(
    ("district", "region", "oblast", "raion", "rayon", "province", "krai", "county", "hromada", "community")
)


def _notable(gc: Geocoder, p: Place) -> bool:
    """A region or country of the text's own part of the world, or a city of 100,000+."""
    if p.kind in ("region", "country"):
        return p.country in ("RU", "UA", "BY")
    if p.kind == "settlement" and p.gazetteer_id:
        return any(gc.gz.entry(pid).population >= 100_000 for pid, _ in gc.gz.ids(norm(p.name or "")) if pid)
    return False


def _admin_phrase(gc: Geocoder, phrase: str) -> bool:
    """'Kiev region', 'Shebekino district': the name plus its generic word resolves to a unit."""
    return any(c.entry.level in (1, 2, 6) for c in gc.candidates(phrase, "en", 3))


def _well_known(gc: Geocoder, key: str) -> bool:
    """A name whose best bearer is a country, first-level unit or a city of 100,000+."""
    for pid, src in gc.gz.ids(key):
        if src > 2:
            continue
        e = gc.gz.entry(pid)
        if e.level in (0, 1, 4, 5) or (e.level == 3 and e.population >= 100_000):
            return True
    return False


# ---------------------------------------------------------------------- Russian / Ukrainian
_UP = "А-ЯЁІЇЄҐ"
_CYR_WORD = rf"[{_UP}][\w’'-]*"
_LIST_CYR = re.compile(
    rf"((?:{_CYR_WORD}(?:,\s*|\s+(?:и|і|та|й)\s+))+{_CYR_WORD})\s+"
    r"(областей|областях|областям|областями|області|области|краев|краях|регионов|регионах|регіонів|регіонах"
    r"|районов|районах|районам|районами|районів|районі|громади|громадах|громад|громадам)\b"
)
_SETTLEMENT_CYR = re.compile(
    r"(?:^|\s)(?:сел[оеау]|посел[ке][еа]?|посёлк[еа]|поселок|деревн[еяю]|хутор[еа]?|город[еа]?|пгт\.?|смт\.?|міст[оі]|селі|селищ[еіа]|"
    r"с\.|г\.|м\.|п\.|д\.|"
    r"населен\w+ пункт\w*|населен\w+ пункт\w*)\s+"
    rf"({_CYR_WORD}(?: {_CYR_WORD})?)"
)
_INITIAL_NAME_CYR = re.compile(
    r"(?:^|\s)(?:сел[оеау]|селищ[еіа]|посел[ке][еа]?|посёлк[еа]|деревн[еяю]|смт\.?|пгт\.?|с\.|п\.|д\.)\s+"
    rf"([{_UP}]\.\s?{_CYR_WORD})"
)
_HROMADA_HEAD = re.compile(rf"(?m)^[ \t]*([{_UP}][\w’'-]*(?:ська|цька|зька|ская|цкая))[ \t]*:")
_LIST_SPLIT_CYR = re.compile(r",\s*|\s+(?:и|і|та|й)\s+")
_FACILITY_CYR = re.compile(
    rf"(?:\b({_CYR_WORD})\s+(АЭС|АЕС|ТЭС|ТЕС|ГЭС|ГЕС|ТЭЦ|ТЕЦ|НПЗ|водохранилищ\w*|водосховищ\w*|аэропорт\w*|аеропорт\w*|аэродром\w*|аеродром\w*|нефтебаз\w*|нафтобаз\w*))"
    rf"|(?:\b(аэропорт\w*|аеропорт\w*|аэродром\w*|аеродром\w*)\s+[«\"]?({_CYR_WORD})[»\"]?)"
)
_ADMIN_WORDS_CYR = re.compile(
    r"^(област\w*|кра[йяюеё]\w*|район\w*|округ\w*|регион\w*|регіон\w*|республик\w*|республік\w*|громад\w*"
    r"|муниципальн\w*|городск\w*|міськ\w*|селищн\w*|сільськ\w*|море|моря|морем|мори)$",
    re.I,
)
_NER_LOC = {"LOC"}
_LEAD_PREP = re.compile(
    r"(?:над|под|в|во|у|на|по|из|со|с|к|от|до|за|при|около|возле|близ|біля|під|від|поблизу)\s+", re.I
)
_NER_BAD = {"PER", "ORG"}


def _cyr_mentions(text: str, language: str, gc: Geocoder) -> list[Mention]:
    from razdel import sentenize, tokenize

    out: list[Mention] = []
    bad: list[tuple[int, int, str]] = []
    if language == "ru":
        # natasha is Russian-only: on Ukrainian it tags "у Києві та Одесі" as a person
        try:
            out_ner, bad = _natasha_spans(text)
            out.extend(out_ner)
        except Exception:  # natasha unavailable: the gazetteer still works
            pass
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
    toks: list[tuple[int, int, str]] = []
    for t in tokenize(text):
        # re-join words split at an apostrophe: Куп'янськ, Слов'янськ, Пов'язане
        if toks and t.start == toks[-1][1] and (t.text in "'’ʼ" or toks[-1][2][-1:] in "'’ʼ"):
            ps, _, pt = toks.pop()
            toks.append((ps, t.stop, pt + t.text))
        else:
            toks.append((t.start, t.stop, t.text))
    i = 0
    while i < len(toks):
        s0, _, w0 = toks[i]
        if not w0[:1].isupper() or not any("\u0400" <= ch <= "\u04ff" or ch.isalpha() for ch in w0):
            i += 1
            continue
        found = None
        for n in range(min(4, len(toks) - i), 0, -1):
            words = [t[2] for t in toks[i : i + n]]
            if any(not (w[:1].isupper() or _ADMIN_WORDS_CYR.match(w) or w == "-") for w in words[1:]):
                continue
            s, e = s0, toks[i + n - 1][1]
            surface = norm(text[s:e])
            if not surface:
                continue
            q = expand_abbreviations(text[s:e])
            keys = [norm(q), *gc.lemma_keys(q, language)]
            srcs = [src for k in keys for _, src in gc.gz.ids(k)]
            if not srcs:
                continue
            if min(srcs) >= 5:
                continue  # adjective alone ("Курской") needs its noun or a list
            if n == 1 and i + 1 < len(toks) and toks[i + 1][2][:1].isupper() and toks[i + 1][0] - e <= 1:
                break  # "Велика" of an unknown "Велика Бабка": part of a longer name
            if n == 1 and _is_person_name(w0, language):
                break  # "Сергій": a first name or surname, whatever village shares it
            if n == 1 and s0 in sent_starts and not _is_geox(w0, language):
                # sentence-initial capitalised common word ("Мир", "Орел"?) needs NER support
                found = (s, e, n, False)
                break
            found = (s, e, n, True)
            break
        if found:
            s, e, n, ok = found
            common = n == 1 and (
                (w0.isupper() and len(w0) <= 5) or (not _is_geox(w0, language) and _common_word(w0, language))
            )
            out.append(Mention(s, e, text[s:e], "gaz", strong=False, common=common))
            i += n
        else:
            i += 1
    for m in _LIST_CYR.finditer(text):
        noun = m.group(2).lower()
        hint = 6 if noun.startswith("громад") else 2 if noun.startswith("район") else 1
        sing = {6: "громада", 2: "район", 1: "область"}[hint]
        pos = m.start(1)
        for part in _LIST_SPLIT_CYR.split(m.group(1)):
            ps = text.index(part, pos)
            pos = ps + len(part)
            out.append(Mention(ps, ps + len(part), f"{part} {sing}", "list", hint=hint, strong=True))
    out.extend(_settlement_pattern(_SETTLEMENT_CYR, text, gc, language))
    if "громад" in text.lower():
        # "Есманьська громада: ... Новослобідська: ворог обстріляв громаду": a line headed by a
        # community's bare adjective, in a report that goes community by community
        for m in _HROMADA_HEAD.finditer(text):
            s, e = m.span(1)
            q = f"{m.group(1)} громада"
            if any(c.entry.level == 6 for c in gc.candidates(q, language, 3)):
                # needs another place of its region (as "common" words do): "Українська:" alone is not one
                out.append(Mention(s, e, q, "pattern", hint=6, strong=False, common=True))
    for m in _INITIAL_NAME_CYR.finditer(text):
        # "с. Р. Лозова": a settlement word, then a name whose first word is cut to its initial
        s, e = m.span(1)
        if gc.candidates(text[s:e], language, 1):
            out.append(Mention(s, e, text[s:e], "pattern", hint=3, strong=True))
    for m in _FACILITY_CYR.finditer(text):
        if m.group(1):
            name, s, e = m.group(1), m.start(1), m.end(2)
        else:
            name, s, e = m.group(4), m.start(3), m.end(4)
        out.append(Mention(s, e, name, "facility", kind="facility", strong=True))
    return _merge(out, bad)


def _settlement_pattern(rx: re.Pattern, text: str, gc: Geocoder, language: str) -> list[Mention]:
    """'the village of X', 'в селе X': X is a settlement, even one the gazetteer lacks."""
    out = []
    for m in rx.finditer(text):
        s, e = m.span(1)
        words = m.group(1).split(" ")
        if len(words) == 2:
            two = text[s:e]
            known = gc.gz.has(norm(two)) or (
                language in ("ru", "uk") and any(gc.gz.has(k) for k in gc.lemma_keys(two, language))
            )
            nxt = text[e : e + 30].split()
            if not known and (
                not nxt or _ADMIN_WORDS_CYR.match(nxt[0].strip(".,;:!?»)")) or language not in ("ru", "uk")
            ):
                e = s + len(
                    words[0]
                )  # "в селе Грузское Белгородского района": the second word is not the name
        out.append(Mention(s, e, text[s:e], "pattern", hint=3, strong=True))
    return out


def _is_person_name(word: str, language: str) -> bool:
    from skylog.nlp.models import morph

    parses = morph(language).parse(word)[:4]
    return bool(parses) and all(any(g in str(p.tag) for g in ("Name", "Surn", "Patr")) for p in parses)


def _common_word(word: str, language: str) -> bool:
    """The dictionary knows the word as an ordinary noun/adjective/verb ('Град', 'Мирный', 'Сили').

    Many villages bear such names, but so do weapons, adjectives and the armed forces; a
    gazetteer-only match of one needs support from the text's other places.
    """
    from skylog.nlp.models import morph

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
    from skylog.nlp.models import morph

    return any("Geox" in str(p.tag) for p in morph(language).parse(word)[:3])


def _natasha_spans(text: str) -> tuple[list[Mention], list[tuple[int, int, str]]]:
    from natasha import Doc

    from skylog.nlp.models import natasha

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


# ---------------------------------------------------------------------- fusion
_PRIORITY = {"facility": 4, "list": 3, "pattern": 3, "ner": 2, "demonym": 2, "gaz": 1, "prefix": 1}


def _merge(ms: list[Mention], bad: list[tuple[int, int, str]]) -> list[Mention]:
    """Resolve overlaps: the longer span wins, patterns beat NER beat gazetteer on ties."""
    ms = sorted(ms, key=lambda m: (-(m.end - m.start), -_PRIORITY[m.source], m.start))
    chosen: list[Mention] = []
    for m in ms:
        clash = [c for c in chosen if m.start < c.end and c.start < m.end]
        if clash:
            # an NER span inside a gazetteer span still vouches for it
            for c in clash:
                if m.source == "ner" and c.source == "gaz":
                    c.strong = True
            continue
        if m.source == "gaz":
            hit = [(s, e, lab) for s, e, lab in bad if m.start < e and s < m.end]
            # inside a PERSON/ORG entity: skip, unless it is exactly an ORG span
            # ("Edmonton", "Red Deer" are often tagged ORG by the small model) or
            # carries its own admin word ("Grayvoron district")
            admin_named = any(w.lower() in _ADMIN_WORDS_EN for w in m.query.split()[1:])
            if (
                hit
                and not admin_named
                and not all(
                    (s, e) == (m.start, m.end)
                    and (
                        lab == "ORG"
                        or (lab in ("PERSON", "PER") and " " not in m.query)
                        # "40 km from Kursk" tagged PRODUCT by the small model: a famous place still
                        or (lab in ("PRODUCT", "EVENT") and m.famous)
                    )
                    for s, e, lab in hit
                )
            ):
                continue
        chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)


# ---------------------------------------------------------------------- not places
_OPEN_Q = "«\"“„'‘‹"
_CLOSE_Q = "»\"”“'’›"
_QUOTED_OK = re.compile(
    r"(?i)(?:airport|airfield|air ?base|station|аэропорт\w*|аеропорт\w*|аэродром\w*|аеродром\w*|авиабаз\w*|авіабаз\w*"
    r"|станци\w*|станці\w*|пункт\w*|КПП|пропускн\w*|город\w*|село|селе|поселок\w*|посёлк\w*|місто|селище)\s*$"
)
_NAMED_THING = re.compile(
    r"(?i)(?:\b(?:cruiser|frigate|warship|ship|vessel|tanker|submarine|corvette|destroyer|boat|ferry|operation"
    r"|call[- ]?sign|codenamed|code[- ]?named|brigade|battalion|regiment|unit|group|company|brand|plant|factory"
    r"|крейсер\w*|корабл\w*|фрегат\w*|танкер\w*|подлод\w*|лодк\w*|судн\w*|сухогруз\w*|катер\w*|БДК|МРК|СКР"
    r"|операци\w*|операці\w*|позывн\w*|позивн\w*|бригад\w*|батальон\w*|полк\w*|отряд\w*|загон\w*|групп\w*|груп\w*"
    r"|завод\w*|компани\w*|компані\w*|марк\w*|комплекс\w*|систем\w*|дрон\w*|беспилотник\w*|безпілотник\w*))"
    r"\s*[«\"“„'‘]?\s*$"
)


def not_a_place(text: str, m: Mention) -> str | None:
    """Why a recognised span names no place: a quoted call-sign or brand («Алтай»), a ship or
    operation ("the cruiser Moskva", "операция «Курск»"). None when it may be a place."""
    if m.source == "facility":
        return None
    left = text[max(0, m.start - 40) : m.start]
    if _NAMED_THING.search(left):
        return "named thing (ship, operation, unit, call-sign)"
    before = text[m.start - 1 : m.start] if m.start > 0 else ""
    after = text[m.end : m.end + 1]
    if before and after and before in _OPEN_Q and after in _CLOSE_Q and not _QUOTED_OK.search(left[:-1]):
        return "quoted name (call-sign, brand, unit)"
    return None


# ---------------------------------------------------------------------- public
WEAK_MIN_SCORE = 5.5


def find_mentions(text: str, language: str = "en", geocoder: Geocoder | None = None) -> list[Mention]:
    """Candidate toponym spans (recognition only), in text order."""
    gc = geocoder or Geocoder.default()
    language = (language or "en").lower()[:2]
    if language in ("ru", "uk"):
        return _cyr_mentions(text, language, gc)
    return _en_mentions(text, gc)


def resolve_mentions(
    text: str, ms: list[Mention], language: str = "en", geocoder: Geocoder | None = None
) -> list[Place]:
    """Resolve recognised spans together; drop the unresolvable and weak gazetteer-only ones."""
    if not ms:
        return []
    gc = geocoder or Geocoder.default()
    cyr = language in ("ru", "uk")
    rel = ["adjective" if m.source == "demonym" else relation_before(text, m.start, cyr) for m in ms]
    stubs = [
        Place(
            mention=m.query,
            span=(m.start, m.end),
            kind="facility" if m.kind == "facility" else "other",
            name=text[m.start : m.end] if m.kind == "facility" else None,
            relation=r,
        )
        for m, r in zip(ms, rel, strict=True)
    ]
    resolved = gc.resolve(stubs, text, language, hints=[m.hint for m in ms])
    # regions of the places recognised by NER or patterns: a bare capitalised word that
    # only a small place bears counts when that place lies in one of them
    strong_regions = {
        p.admin1_code
        for m, p in zip(ms, resolved, strict=True)
        if m.strong and p.admin1_code and p.lat is not None
    }
    # regions vouched for by any mention that is not itself an ordinary word
    plain_regions = {
        p.admin1_code
        for m, p in zip(ms, resolved, strict=True)
        if not m.common and p.admin1_code and p.lat is not None
    }
    # districts named by a mention of their own
    named_districts = {
        (p.admin1_code, p.admin2)
        for m, p in zip(ms, resolved, strict=True)
        if p.kind == "district" and p.admin2 and not m.person
    }
    # "X in the Y district", "Y's X", "X near Y": the text itself says X is a place
    linked = {ln.inner for ln in F.links([(m.start, m.end) for m in ms], text)}
    out = []
    for k, (m, p) in enumerate(zip(ms, resolved, strict=True)):
        if p.gazetteer_id is None or p.lat is None:
            continue
        if k in linked and not m.person and not m.common:
            m.strong = True
        if m.person and (p.kind != "settlement" or (p.admin1_code, p.admin2) not in named_districts):
            continue  # a surname, unless a village of that name lies in the district the text names
        if m.common and not m.strong and p.admin1_code not in plain_regions and not _notable(gc, p):
            continue  # an ordinary word that is also a far-away village's name
        if not m.strong:
            single = len(norm(m.query).split()) == 1
            known = not cyr and single and _well_known(gc, norm(m.query))
            if (p.score or 0) < WEAK_MIN_SCORE and not known:
                continue
            if single and not cyr and not known and p.admin1_code not in strong_regions:
                continue
        if not text[m.start : m.start + 1].isupper() and m.source == "ner":
            continue  # lower-case NER spans ("marijuana") are noise
        p.mention = text[m.start : m.end]
        out.append(p)
    return out


def geoparse(text: str, language: str = "en", geocoder: Geocoder | None = None) -> list[Place]:
    """Every toponym in ``text``, in text order, resolved in context.

    Offsets are Python string indices into ``text``. Mentions the gazetteer
    cannot resolve are left out; weak gazetteer-only matches (a capitalised
    word that happens to be a small village's name) need support from
    context before they count. Country adjectives ("Russian") come back as
    the country with ``relation="adjective"``, as geoparsing corpora count them.
    """
    if not text or not text.strip():
        return []
    text = text[:MAX_TEXT]
    language = (language or "en").lower()[:2]
    gc = geocoder or Geocoder.default()
    ms = [m for m in find_mentions(text, language, gc) if not_a_place(text, m) is None]
    return resolve_mentions(text, ms, language, gc)


def explain(
    name: str, text: str, language: str = "en", geocoder: Geocoder | None = None, limit: int = 10
) -> dict:
    """How ``name`` is read inside ``text``: the report's frame, the chosen reading, and why each
    other candidate lost (outside the frame, not inside the place the text puts it, lower score).

    Used by ``skylog geocode NAME --context FILE``."""
    gc = geocoder or Geocoder.default()
    language = (language or "en").lower()[:2]
    text = (text or "")[:MAX_TEXT]
    all_ms = find_mentions(text, language, gc) if text.strip() else []
    key = norm(name)
    dropped = {id(m): why for m in all_ms if (why := not_a_place(text, m)) is not None}
    target = next(
        (m for m in all_ms if key in (norm(m.query), norm(text[m.start : m.end]))),
        None,
    )
    if target is None:
        pos = text.lower().find(name.lower())
        if pos < 0:
            pos = len(text)
        target = Mention(pos, pos + len(name), name, "query", strong=True)
        all_ms = sorted([*all_ms, target], key=lambda m: m.start)
    out: dict = {"query": name, "span": [target.start, target.end]}
    if id(target) in dropped:
        out.update(frame=None, chosen=None, not_a_place=dropped[id(target)], candidates=[])
        return out
    ms = [m for m in all_ms if id(m) not in dropped]
    k = ms.index(target)
    rel = [
        "adjective" if m.source == "demonym" else relation_before(text, m.start, language in ("ru", "uk"))
        for m in ms
    ]
    stubs = [Place(mention=m.query, span=(m.start, m.end), relation=r) for m, r in zip(ms, rel, strict=True)]
    trace: dict = {}
    resolved = gc.resolve(stubs, text, language, hints=[m.hint for m in ms], trace=trace)
    chosen = resolved[k]
    frame = trace.get("frame")
    names = {}
    if frame is not None:
        names = {r: gc.gz.entry(r).name for r in frame.regions}
    lost = {c.entry.id: why for c, why in trace.get("lost", {}).get(k, [])}
    cands = []
    for c in gc.candidates(target.query, language, limit):
        d = c.to_dict()
        if chosen.gazetteer_id == c.entry.gid and chosen.name == c.entry.name:
            d["status"] = "chosen"
        elif c.entry.id in lost:
            d["status"] = "lost: " + lost[c.entry.id]
        else:
            d["status"] = "lost: scored lower in context than the chosen reading"
        cands.append(d)
    out.update(
        frame=frame.to_dict(names) if frame is not None else None,
        links=[
            {"inner": ms[ln.inner].query, "outer": ms[ln.outer].query, "kind": ln.kind, "phrase": ln.phrase}
            for ln in trace.get("links", [])
            if k in (ln.inner, ln.outer)
        ],
        chosen=chosen.to_dict() if chosen.gazetteer_id else None,
        candidates=cands,
    )
    return out
