"""Outcomes of an event: people killed and injured (0 for "пострадавших нет") and damaged objects."""

from __future__ import annotations

import re

from skylog.extract.ruuk import lexicon as L
from skylog.extract.ruuk.counts import numbers_between
from skylog.extract.ruuk.reading import Candidate, Reading, hedge_at, mask
from skylog.nlp.morphology import WordAnalyser
from skylog.nlp.spans import Sentence
from skylog.records import Claim

_CLAUSE_BREAK = L.pattern("outcomes.CLAUSE_BREAK")
# patterns the functions below use
_NO_CASUALTIES_1 = L.pattern("outcomes.NO_CASUALTIES_1")
_NO_CASUALTIES_2 = L.pattern("outcomes.NO_CASUALTIES_2")
_NO_CASUALTIES_3 = L.pattern("outcomes.NO_CASUALTIES_3")
_CASUALTIES_1 = L.pattern("outcomes.CASUALTIES_1")
_CASUALTIES_2 = L.pattern("outcomes.CASUALTIES_2")
_AND = L.pattern("outcomes.AND")
_NOW_THEIR = L.pattern("outcomes.NOW_THEIR")
_AND_WORD = L.pattern("outcomes.AND_WORD")
_ASIDE = L.pattern("outcomes.ASIDE")
_OF_WHOLE = L.pattern("outcomes.OF_WHOLE")
_ADDED = L.pattern("outcomes.ADDED")
_PUNCT_BREAK = L.pattern("outcomes.PUNCT_BREAK")
_AGE_WORD = L.pattern("outcomes.AGE_WORD")
_DASH = re.compile(r"\s[-–—]\s")
# between a list of people and their cue: at most three words, the cue's own («получили осколочные ранения»)
_LIST_TO_CUE = re.compile(r"(?:\s+[^\W\d_][\w'’-]*){0,3}\s*")


def add_outcome(ctx: Reading, s: Sentence, c: Candidate, no_cas: list[tuple[int, int]]) -> None:
    """Set the killed, injured and damage claims that sentence ``s`` states on candidate ``c``."""
    f = ctx.doc.folded
    hedge = hedge_at(f, s.start, s.end)
    _no_casualties(f, c, no_cas, hedge)
    masked = mask(f, no_cas)
    for field_name in ("killed", "injured"):
        old = getattr(c, field_name)
        if old is not None and old.value:
            continue
        found = _casualties(ctx, s, masked, field_name, has_claim=old is not None)
        if found is not None:
            n = ctx.doc.number_at(found[1][0])
            qualifier = n.qualifier_text if n is not None and n.end == found[1][1] else None
            setattr(c, field_name, Claim(found[0], [found[1]], hedge=hedge, qualifier=qualifier))
            if found[0] and told_as_added(f, s, found[1][0]):
                c.added.add(field_name)
    dm = _damage_cue(ctx, s, masked)
    if dm and c.damage is None:
        end = dm[1]
        stop = re.search(r"[.;\n]", f[end : min(s.end, end + 160)])
        stop_at = end + (stop.start() if stop else min(s.end - end, 160))
        obj = ctx.doc.text[dm[0] : stop_at].strip()
        c.damage = Claim(obj, [(dm[0], dm[0] + len(obj))], hedge=hedge)


def told_as_added(f: str, s: Sentence, at: int) -> bool:
    """The toll at ``at`` is told as more people than told before: an ADDED word («ще», «ещё», «також»)
    in its clause (from the punctuation before it) before it."""
    left = max([s.start] + [m.end() for m in _PUNCT_BREAK.finditer(f, s.start, at)])
    return bool(_ADDED.search(f, left, at))


def _damage_cue(ctx: Reading, s: Sentence, masked: str) -> tuple[int, int] | None:
    """The first damage word of the sentence: a DAMAGE stem, or a damage verb in any form («пошкодив»)."""
    dm = L.DAMAGE.search(masked, s.start, s.end)
    verb = next((v for v in L.DAMAGE_VERB.spans(ctx.doc, s.start, s.end) if masked[v[0]] != " "), None)
    found = [x for x in ((dm.start(), dm.end()) if dm else None, verb) if x is not None]
    return min(found) if found else None


def _no_casualties(f: str, c: Candidate, no_cas: list[tuple[int, int]], hedge: str) -> None:
    """ "Пострадавших нет", "без жертв": zero injured and/or killed, by what the phrase names."""
    for ns, ne in no_cas:
        phrase = f[ns:ne]
        if not _NO_CASUALTIES_1.search(phrase) or _NO_CASUALTIES_2.search(phrase):
            c.injured = c.injured or Claim(0, [(ns, ne)], hedge=hedge)
        if _NO_CASUALTIES_1.search(phrase) or not _NO_CASUALTIES_3.search(phrase):
            # «раненых нет» says nothing of the dead; «загиблих і поранених немає» names both
            c.killed = c.killed or Claim(0, [(ns, ne)], hedge=hedge)


def cue_spans(ctx: Reading, field_name: str, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Casualty cues of one kind in ``text[start:end]`` (the folded text, maybe masked), in text order.

    The stems of the pack's KILLED/INJURED patterns, and any inflection of the KILLED_WORD/INJURED_WORD
    lemmas («померла», «потерпілих», «травмувалися») that lies outside them and outside a masked phrase.
    """
    rx, lex = (L.KILLED, L.KILLED_WORD) if field_name == "killed" else (L.INJURED, L.INJURED_WORD)
    spans = [(m.start(), m.end()) for m in rx.finditer(text, start, end)]
    spans += [
        (x, y)
        for x, y in lex.spans(ctx.doc, start, end)
        if text[x] != " " and not any(x < e and b < y for b, e in spans)
    ]
    return sorted(spans)


def _casualties(
    ctx: Reading, s: Sentence, masked: str, field_name: str, has_claim: bool
) -> tuple[int, tuple[int, int]] | None:
    """The figure of the first casualty cue of one kind (killed or injured) that states one."""
    f = ctx.doc.folded
    for cs, ce in cue_spans(ctx, field_name, masked, s.start, s.end):
        if field_name == "injured" and _CASUALTIES_1.search(f[max(s.start, cs - 15) : cs]):
            continue  # "смертельні поранення": killed, not injured
        if (
            field_name == "killed"
            and _CASUALTIES_2.match(masked[cs:ce])
            and not numbers_between(ctx, cs, ce + 25)
        ):
            continue
        v = casualty_value(ctx, s, cs, ce)
        if v is None and has_claim:
            continue
        if v is not None:
            return v
    return None


def casualty_value(ctx: Reading, s: Sentence, cs: int, ce: int) -> tuple[int, tuple[int, int]] | None:
    """How many people a casualty cue counts, from its own clause ("погиб один человек, двое ранены"), or as
    the sentence restates it after that («о двух пострадавших, теперь их пять»: five)."""
    found = _cue_value(ctx, s, cs, ce)
    if found is None:
        return None
    now = _NOW_THEIR.search(ctx.doc.folded, found[1][1], s.end)
    n = ctx.doc.number_at(now.end()) if now else None
    return (n.value, (n.start, n.end)) if n is not None and n.is_count and n.start == now.end() else found


def _cue_value(ctx: Reading, s: Sentence, cs: int, ce: int) -> tuple[int, tuple[int, int]] | None:
    """How many people a casualty cue counts, from its own clause."""
    f = ctx.doc.folded
    left = _clause_start(f, s, cs)
    nxt = _CLAUSE_BREAK.search(f, ce, s.end)
    if nxt and nxt.group(0).isalpha() and not f[ce : nxt.start()].strip():
        # «ранив еще 8 человек»: «еще» right after the cue adds its object, it opens no new clause
        nxt = _CLAUSE_BREAK.search(f, nxt.end(), s.end)
    right = nxt.start() if nxt else s.end
    listed = _people_listed(ctx, ce, s.end)
    if listed is not None and not _cue_follows(ctx, listed[1][1], s.end):
        # «ранены 68-летний мужчина и три женщины»: the people listed after the cue (not those another
        # cue's verb follows: «погибла жительница, 28 взрослых и 1 ребенок получили ранения»)
        return listed
    left, right = _between_other_cues(ctx, left, right, cs, ce)
    before = _people_listed_before(ctx, left, cs)
    if before is not None:  # «28 взрослых и 1 ребенок получили ранения»: the people listed up to the cue
        return before
    found = _figure(ctx, left, right, cs)
    if found is None and not f[ce:right].strip() and nxt is not None and right == nxt.start():
        # «убив, по предварительной информации, одного человека», «травми, несумісні з життям, дістав
        # чоловік»: the cue's clause ends at once; its object follows, past an aside
        after = _after_aside(ctx, s, nxt)
        if after is not None:
            found = _figure(ctx, *_between_other_cues(ctx, after[0], after[1], cs, ce), cs)
    if found is None:
        found = _before_dashes(ctx, s, left, cs)
    if found is not None:
        return found
    if any(_of_things(ctx, n.end) for n in numbers_between(ctx, left, right)):
        return None  # «пострадало одно из предприятий»: the singular verb is a thing's, not a person's
    m = ctx.doc.morphology
    tag = m.tags(f[cs:ce], 1)[0]
    if ("VERB" in tag or "PRTS" in tag) and "plur" not in tag and ("sing" in tag or "past" in tag):
        return None if _thing_after(ctx, ce, right) else (1, (cs, ce))
    if _one_person(tag, ctx.doc.language):
        return 1, (cs, ce)  # «есть погибший», «є загиблий», «поранений доставлений до лікарні»
    return None


def _clause_start(f: str, s: Sentence, cs: int) -> int:
    """Where the clause of the cue at ``cs`` begins: after the last clause break before it. An ADDED word
    right before the cue opens no clause of its own: «Ще трьом людям також надали допомогу» — the people
    before «також» are the cue's (as «ранив еще 8 человек» after it)."""
    breaks = list(_CLAUSE_BREAK.finditer(f, s.start, cs))
    while breaks and breaks[-1].group(0).isalpha() and not f[breaks[-1].end() : cs].strip():
        breaks.pop()
    return max([s.start] + [m.end() for m in breaks])


def _before_dashes(ctx: Reading, s: Sentence, left: int, cs: int) -> tuple[int, tuple[int, int]] | None:
    """The figure before an aside set off by two dashes, where the cue's clause opens at the second and
    names no one: «Чотирьом людям – чоловіку 40 років та жінкам 35 і 70 років – медики надали допомогу»,
    «Двум жителям — мужчине 44 лет и женщине 51 года — врачи оказали помощь» (the aside restates the
    people; its ages count no one)."""
    f = ctx.doc.folded
    closing = _DASH.fullmatch(f, max(s.start, left - 3), left)
    if closing is None or numbers_between(ctx, left, cs) or _persons(ctx, left, cs) is not None:
        return None
    breaks = list(_CLAUSE_BREAK.finditer(f, s.start, closing.start()))
    if not breaks or not _DASH.fullmatch(breaks[-1].group(0)):
        return None
    opening = breaks[-1]
    return _figure(ctx, _clause_start(f, s, opening.start()), opening.start(), cs)


def _thing_after(ctx: Reading, ce: int, right: int) -> bool:
    """The first noun after a singular casualty verb is a thing in the nominative, its subject:
    «пострадал частный дом», «постраждав будинок» (a person, «погиб мужчина», is one casualty)."""
    m = ctx.doc.morphology
    for t in ctx.doc.tokens_in(ce, right):
        tag = m.tags(t.text, 1)[0] if t.text.isalpha() else ""
        if "NOUN" in tag:
            return "nomn" in tag and "inan" in tag and "anim" not in tag
    return False


def _one_person(tag: str, language: str) -> bool:
    """A casualty word that names one person: a singular nominative participle, adjective or animate noun.

    Ukrainian tags leave the singular unmarked, so there any form not marked plural is singular;
    an inanimate noun («гибель», «загибель») names no one.
    """
    person = any(x in tag for x in ("ADJF", "PRTF")) or (
        "NOUN" in tag and "anim" in tag and "inan" not in tag
    )
    single = "plur" not in tag and ("sing" in tag or language == "uk")
    return person and single and "nomn" in tag


def _figure(ctx: Reading, left: int, right: int, cs: int) -> tuple[int, tuple[int, int]] | None:
    """The figure of ``[left, right)`` nearest the cue at ``cs``, else the people named there one by one."""
    best = None
    for n in numbers_between(ctx, left, right):
        if _of_things(ctx, n.end):
            continue
        d = abs(n.start - cs)
        if best is None or d < best[0]:
            best = (d, n)
    if best is not None:
        return best[1].value, (best[1].start, best[1].end)
    return _persons(ctx, left, right)


def _of_things(ctx: Reading, end: int) -> bool:
    """The figure ending at ``end`` counts a part of things, not people: «пострадало одно из предприятий»,
    «постраждав один з об'єктів» (the whole an inanimate noun; «один из раненых», «двое из них» are people)."""
    m = _OF_WHOLE.match(ctx.doc.folded, end)
    if m is None:
        return False
    tag = ctx.doc.morphology.tags(m.group(1), 1)
    return bool(tag) and "NOUN" in tag[0] and "inan" in tag[0]


def _between_other_cues(ctx: Reading, left: int, right: int, cs: int, ce: int) -> tuple[int, int]:
    """The cue's clause cut where another casualty cue's words begin.

    «один человек погиб и четверо ранены»: «четверо» is the injured cue's, so «погиб» reads up to the
    conjunction before a figure that another cue follows; «трое ранены и погиб»: what comes before the
    conjunction after another cue is that cue's.
    """
    f = ctx.doc.folded
    others = [
        (x, y)
        for fld in ("killed", "injured")
        for x, y in cue_spans(ctx, fld, f, left, right)
        if (y <= cs and f[y:cs].strip()) or (x >= ce and f[ce:x].strip())
    ]
    before = [sp for sp in others if sp[1] <= cs]
    after = [sp for sp in others if sp[0] >= ce]
    if before:
        a = max(y for _, y in before)
        joins = list(_AND_WORD.finditer(f, a, cs))
        left = joins[-1].end() if joins else a
    if after:
        b = min(x for x, _ in after)
        join = next((j for j in _AND_WORD.finditer(f, ce, b) if numbers_between(ctx, j.end(), b)), None)
        right = join.start() if join else b
    return left, right


def _after_aside(ctx: Reading, s: Sentence, brk: re.Match[str]) -> tuple[int, int] | None:
    """The clause after ``brk`` and any asides («по предварительной информации», «за даними ОВА»)."""
    f = ctx.doc.folded
    for _ in range(3):
        if brk.group(0) in ".;":
            return None
        start = brk.end()
        nxt = _CLAUSE_BREAK.search(f, start, s.end)
        end = nxt.start() if nxt else s.end
        if not _ASIDE.search(f, start, end):
            return start, end
        if nxt is None:
            return None
        brk = nxt
    return None


def _persons(ctx: Reading, left: int, right: int) -> tuple[int, tuple[int, int]] | None:
    """People named one by one in a clause: «погибла женщина» 1, «хлопець та дівчина» 2, «загинуло подружжя» 2.

    Person nouns joined by a conjunction («и», «та», «і», «й») are that many people; one that is not
    joined («цивільний чоловік») is the same person. A plural person noun counts no one here.
    """
    m = ctx.doc.morphology
    toks = ctx.doc.tokens_in(left, right)
    couples = {i for i, t in enumerate(toks) if L.COUPLE.has_word(m.lemmas(t.text))}
    idx = [i for i, t in enumerate(toks) if i in couples or L.PERSON_NOUN.has_word(m.lemmas(t.text))]
    if not idx:
        return None
    n = 0
    prev = None
    for i in idx:
        tag = m.tags(toks[i].text, 1)[0]
        if i not in couples and ("plur" in tag or not ("sing" in tag or ctx.doc.language == "uk")):
            return None if n == 0 else (n, (toks[idx[0]].start, toks[prev].end))
        between = [t.text.lower() for t in toks[(prev + 1 if prev is not None else i) : i]]
        if prev is None or (
            any(_AND.fullmatch(w) for w in between) and not any(_is_verb(m, w) for w in between)
        ):
            # «пострадал ребенок и погибла женщина»: a verb between joins two clauses, not two people;
            # a couple («подружжя», «пожилая пара») is two
            n += 2 if i in couples else 1
        prev = i
    return n, (toks[idx[0]].start, toks[prev].end)


def _people_listed(ctx: Reading, start: int, end: int) -> tuple[int, tuple[int, int]] | None:
    """People listed right after a casualty cue, summed: «68-летний мужчина и три женщины» 4, «76-річний
    чоловік, 88-річна та 66-річна жінки» 3 (each age before a shared noun is one person).

    The list is person nouns, each alone (1), after its figure (the figure) or after its ages (one per
    age), joined by commas and a conjunction; it ends at any other word. None unless at least two items
    are joined with a conjunction among them, or where a plural noun has neither figure nor ages."""
    m = ctx.doc.morphology
    f = ctx.doc.folded
    total = items = ages = 0
    figure: int | None = None
    joined = False
    closed = True  # the list runs to the end of the range or a stop, not into another word
    last = start
    for t in ctx.doc.tokens_in(start, end):
        n = ctx.doc.number_at(t.start)
        if _AGE_WORD.match(f, t.start):
            ages += 1
        elif n is not None and n.is_count and figure is None and t.start >= last:
            figure = n.value
        elif t.text.isalpha() and L.PERSON_NOUN.has_word(m.lemmas(t.text)):
            plural = "plur" in m.tags(t.text, 1)[0]
            if figure is None and plural and ages < 2:
                return None
            total += figure if figure is not None else max(1, ages)
            items, ages, figure, last = items + 1, 0, None, t.end
        elif t.text == "," or _AND.fullmatch(t.text.lower()):
            joined = joined or (items > 0 and t.text != ",")
        elif L.KILLED.match(f, t.start) or L.INJURED.match(f, t.start):
            closed = False  # «одна людина та троє поранені»: another cue's figure begins
            break
        elif t.text in "-–—" and f[t.start - 1 : t.start].isspace():
            closed = False  # «два человека — мужчина и женщина»: the same people named again
            break
        elif t.text in "-–" or (t.text.isalpha() and "ADJF" in m.tags(t.text, 1)[0]):
            continue
        elif t.start >= last and not (n is not None and n.start < last):
            closed = t.text in ".;:!?()"
            break
    if figure is not None and closed:  # «мужчина и трое.»: a figure closing the list counts people itself
        total, items = total + figure, items + 1
    if items < 2 or not joined:
        return None
    return total, (start, last)


def _people_listed_before(ctx: Reading, left: int, cs: int) -> tuple[int, tuple[int, int]] | None:
    """People listed right before a casualty cue, summed: «28 взрослых и 1 ребенок получили ранения» 29,
    «двоє дорослих та троє дітей поранені» 5; the list (as ``_people_listed`` reads one) begins at a
    figure of the cue's clause and runs up to the cue, at most three words between."""
    f = ctx.doc.folded
    for n in numbers_between(ctx, left, cs):
        listed = _people_listed(ctx, n.start, cs)
        if listed is not None and _LIST_TO_CUE.fullmatch(f, listed[1][1], cs):
            return listed
    return None


def _cue_follows(ctx: Reading, start: int, end: int) -> bool:
    """A casualty cue follows ``start`` in its clause, no punctuation between: what came before is its subject."""
    stop = _PUNCT_BREAK.search(ctx.doc.folded, start, end)
    stop_at = stop.start() if stop else end
    return any(cue_spans(ctx, fld, ctx.doc.folded, start, stop_at) for fld in ("killed", "injured"))


def _is_verb(m: WordAnalyser, word: str) -> bool:
    """The word's first reading is a verb form (finite, short participle, gerund or infinitive)."""
    tag = m.tags(word, 1)[0] if word.isalpha() else ""
    return any(x in tag for x in ("VERB", "PRTS", "GRND", "INFN"))
