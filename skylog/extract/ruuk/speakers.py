"""Speakers, quotes and claimants in Russian/Ukrainian reports.

Direct quotes are the text between «…», “…”, „…“ or straight double quotes;
the speaker comes from the attribution next to them ("— написал Гладков",
"зазначили у Повітряних силах", "голова ОВА Олег Синєгубов повідомив:"),
with pronouns ("написав він") resolved to the last person named before.
Reported speech ("сообщил губернатор Вячеслав Гладков", "по данным Минобороны",
"за словами Лисака") gives claimants for the events and reported quotes.
People and organisations come from natasha's NER; names are put back in the
nominative with pymorphy3 so "по словам Гусева" gives "Гусев".

``RuUkSpeech`` is the Russian/Ukrainian ``SpeechReader`` of the shared quotes-and-speakers stage
(``common.quotes.find_quotes``), which decides the order and builds the records.
"""

from __future__ import annotations

import re

from skylog.extract.common.quotes import Attributed, channel_name, quote_of, quote_pairs, unclosed_quote
from skylog.extract.ruuk import lexicon as L
from skylog.nlp.spans import Attribution, Entity
from skylog.records import Quote

_QUOTE_PAIRS = quote_pairs("ru")
_UNCLOSED_LONGER_THAN = 80  # characters: an unclosed « or “ opens a quote to the end of its paragraph

P = L.stage("speakers")  # the pack's [patterns.speakers]


class SpeakerFinder:
    """Named people and organisations of one text, and the speaker nearest an offset."""

    def __init__(self, nat: dict, language: str) -> None:
        self.nat = nat
        self.language = language

    def entities(self, clean: str) -> list[Entity]:
        from natasha import Doc

        doc = Doc(clean)
        doc.segment(self.nat["segmenter"])
        doc.tag_ner(self.nat["ner_tagger"])
        out = []
        for sp in doc.spans:
            txt = clean[sp.start : sp.stop]
            stop = sp.stop
            if sp.type == "PER" and not any(o.start >= sp.stop and o.start - sp.stop <= 2 for o in doc.spans):
                stop = _name_end(clean, sp.stop, self.language)  # "Юрій" of "Юрій Ігнат": the words NER left
                txt = clean[sp.start : stop]
            norm = (
                _nominative(txt, self.language) if sp.type == "PER" else _org_nominative(txt, self.language)
            )
            out.append(Entity(sp.start, stop, sp.type, txt, norm))
        return out


_NAME_TAGS = ("Name", "Surn", "Patr")


def _name_reading(word: str, language: str) -> bool:
    """Whether the morphology reads a word as a first name, surname or patronymic."""
    from skylog.nlp.models import morph

    return any(any(g in str(p.tag) for g in _NAME_TAGS) for p in morph(language).parse(word)[:6])


def _name_end(clean: str, end: int, language: str) -> int:
    """Where a person's name ends: NER's end, or past the capitalised name words right after it."""
    while m := P.NEXT_NAME_WORD.match(clean, end):
        if not _name_reading(m.group("word"), language):
            break
        end = m.end()
    return end


def _persons_first(pers: list[Entity], language: str) -> list[Entity]:
    """PER entities, the most name-like first (the share of their words read as names): NER takes "Ради",
    "Міністр оборони України" and "Сумської ОВА" for people too."""

    def share(e: Entity) -> float:
        words = e.text.split()
        return sum(_name_reading(w, language) for w in words) / max(1, len(words))

    return sorted(pers, key=lambda e: -share(e))


def _nominative(name: str, language: str) -> str:
    """'Вячеслава Гладкова' -> 'Вячеслав Гладков'; 'Лисака' -> 'Лисак'."""
    from skylog.nlp.models import morph

    m = morph(language)
    words = []
    for w in name.split():
        if not w[:1].isupper():
            words.append(w)
            continue
        best = None
        for p in m.parse(w)[:6]:
            tag = str(p.tag)
            if any(g in tag for g in ("Name", "Surn", "Patr", "name", "surn", "patr")) and "plur" not in tag:
                # the most likely name reading decides; only an oblique case is put back to nominative; a
                # plural one is none ("Синегубов" read as the plural of "Синегуб": a surname unknown to it)
                if "nomn" in tag:
                    best = w
                else:
                    inf = p.inflect({"nomn"})
                    best = inf.word if inf is not None else w
                break
        if best is None:
            best = w
        words.append(best[:1].upper() + best[1:] if best[:1].islower() else best)
    return " ".join(words)


def _org_nominative(text: str, language: str) -> str:
    """'Повітряних силах' -> 'Повітряні сили' (first two inflected words to nominative, number kept)."""
    from skylog.nlp.models import morph

    m = morph(language)
    out = []
    for i, w in enumerate(text.split()):
        if i < 3 and w.isalpha() and not w.isupper():
            p = m.parse(w)[0]
            tag = str(p.tag)
            if (
                ("loct" in tag or "datv" in tag or "ablt" in tag or "gent" in tag)
                and "NOUN" in tag
                or "ADJF" in tag
            ):
                inf = p.inflect({"nomn"})
                if inf is not None:
                    nw = inf.word
                    out.append(nw[:1].upper() + nw[1:] if w[:1].isupper() else nw)
                    continue
        out.append(w)
    return " ".join(out)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the inner text of each quotation.

    Straight double quotes nest ambiguously ("типу Shahed, "Гербера" та ..."), so a
    closing mark followed by an attribution ("", - зазначили") wins over the first one.
    An opening guillemet left unclosed runs to the end of its paragraph block.
    """
    out: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        pair = next((p for p in _QUOTE_PAIRS if p[0] == c), None)
        if pair is None:
            i += 1
            continue
        close = pair[1]
        limit = text.find("\n\n", i)
        limit = n if limit == -1 else limit
        if close == "»":
            limit = n
        labelled = bool(P.SPEECH_LABEL.search(text, max(0, i - 80), i))  # "Пряма мова: "…¶…"": over lines
        if pair[0] == close and text.find("\n", i) != -1 and not labelled:
            # a straight-quoted passage stays on its line: «"Градів". … \n"Місто …», — two quotes
            limit = min(limit, text.find("\n", i))
        closes = [j for j in range(i + 1, limit) if text[j] == close]
        if pair[0] == close:
            j = _straight_close(text, closes)
            if j is None and labelled:  # a labelled quote left unclosed runs to the end of its paragraph
                run, i = unclosed_quote(text, i, "\n\n", _UNCLOSED_LONGER_THAN)
                out.extend([run] if run else [])
                continue
        else:
            depth, j, attributed_close = 0, None, None
            for k in range(i + 1, limit):
                if text[k] == pair[0]:
                    depth += 1
                elif text[k] == close:
                    if depth == 0:
                        j = k
                        break
                    depth -= 1
                    if attributed_close is None and P.AFTER.match(text[k + 1 : k + 200]):
                        attributed_close = k
            # “… “Південь” та “Захід”, – написав він: where inner and outer marks are alike, the mark that
            # an attribution follows closes the outer quote
            j = j if j is not None else attributed_close
            if j is None and c in "«“":  # unclosed: runs to the end of the paragraph
                run, i = unclosed_quote(text, i, "\n\n", _UNCLOSED_LONGER_THAN)
                out.extend([run] if run else [])
                continue
        if j is None:
            i += 1
            continue
        inner = text[i + 1 : j]
        words = len(inner.split())
        attributed = bool(P.AFTER.match(text[j + 1 : j + 200]))
        if (words >= 4 and len(inner) >= 20) or (words >= 2 and attributed):
            out.append((i + 1, j))
            i = j + 1
        else:
            # a name in straight quotes («"Капустин яр"») takes both its marks: the closing one opens nothing
            i = j + 1 if pair[0] == close else i + 1
    return out


def _straight_close(text: str, closes: list[int]) -> int | None:
    """Which of the straight marks after an opening one closes it (None: none does)."""
    attributed = [j for j in closes if P.AFTER.match(text[j + 1 : j + 200])]
    j = attributed[0] if attributed else (closes[0] if closes else None)
    first = next((k for k in closes if _closing_like(text, k)), None)
    if first is not None and not any(_opening_like(text, k) for k in closes if k < first):
        # «"Капустин яр" … "Тополь", - сообщает»: a mark that can only close, with no quote opened
        # before it, closes this one; an attributed mark further on wins only over nested quotes
        j = first
    return j


def _closing_like(text: str, k: int) -> bool:
    """A straight quotation mark after a word or punctuation and before no letter: it closes."""
    return k > 0 and not text[k - 1].isspace() and not (k + 1 < len(text) and text[k + 1].isalnum())


def _opening_like(text: str, k: int) -> bool:
    """A straight quotation mark after a space (or a line start) and before a letter: it opens."""
    return (k == 0 or text[k - 1].isspace()) and k + 1 < len(text) and text[k + 1].isalnum()


def dash_quote_spans(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quotes set off by a dash without quotation marks: "… на месте, — написал Гладков."."""
    out = []
    for m in P.DASH_QUOTE.finditer(text):
        end = m.start()
        if any(s <= end <= e + 2 for s, e in taken):
            continue
        start = text.rfind("\n", 0, end) + 1
        inner = text[start:end].strip()
        if len(inner.split()) >= 3:
            lead = len(text[start:end]) - len(text[start:end].lstrip())
            out.append((start + lead, end))
    return out


def _role_in(text: str) -> str | None:
    m = L.ROLE.search(text.lower())
    return text[m.start() : m.end()] if m else None


def _named_body(text: str, start: int, end: int, language: str) -> tuple[str, tuple[int, int]] | None:
    """The institution the text names nearest a phrase that only points at one ("ведомство"): the
    nearest before it, else the first after it; channels and other pointers are no names."""
    found = [
        m
        for m in L.ORG.finditer(text.lower())
        if (m.end() <= start or m.start() >= end)
        and not P.SPEAKER_FROM_PHRASE_1.search(m.group(0))
        and not _channel(m.group(0))
    ]
    before = [m for m in found if m.end() <= start]
    m = before[-1] if before else (found[0] if found else None)
    return (_org_nominative(text[m.start() : m.end()], language), m.span()) if m else None


def _speaker_from_phrase(
    phrase_start: int,
    phrase: str,
    ents: list[Entity],
    before: int,
    language: str,
    text: str | None = None,
) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """Speaker, role and span from an attribution phrase, falling back to the last person before ``before``.

    ``text``: the report's, where a phrase that only points at an institution ("ведомство") finds it."""
    pe = phrase_start + len(phrase)
    in_phrase = [e for e in ents if e.start >= phrase_start and e.end <= pe and e.kind in ("PER", "ORG")]
    role = _role_in(phrase)
    per = _persons_first([e for e in in_phrase if e.kind == "PER"], language)
    if per:
        return per[0].norm, role, (per[0].start, per[0].end)
    if P.PRONOUN.match(phrase) or (role and not in_phrase):
        prev = [e for e in ents if e.kind == "PER" and e.end <= before]
        if prev:
            return prev[-1].norm, role, (prev[-1].start, prev[-1].end)
    anaphor = P.SPEAKER_FROM_PHRASE_1.search(phrase)
    named = _named_body(text, phrase_start, pe, language) if anaphor and text else None
    if named:  # "— говорится в telegram-канале ведомства": the ministry the text names
        return named[0], re.match(r"\w+", phrase[anaphor.start() :]).group(0), named[1]
    org = L.ORG.search(phrase.lower())
    generic = None if role else P.GENERIC_SPEAKER.search(phrase)
    if generic and P.GENERIC_NOT_AFTER.search(phrase[: generic.start()]):
        generic = None
    if generic and not org and all(e.end <= phrase_start + generic.start() for e in in_phrase):
        # "— сообщили Metro организаторы": the outlet told is no speaker, the noun after it is
        return generic.group(0), None, (phrase_start + generic.start(), phrase_start + generic.end())
    if in_phrase:
        e = in_phrase[0]
        return e.norm, role, (e.start, e.end)
    if org:
        txt = phrase[org.start() : org.end()]
        if P.SPEAKER_FROM_PHRASE_1.match(txt):
            return None, txt, None
        return _org_nominative(txt, language), role, (phrase_start + org.start(), phrase_start + org.end())
    if role:
        return None, role, None
    inst = P.SPEAKER_INSTITUTION.match(phrase)
    if inst and not _channel(inst.group("org").lower()):  # "повідомили в пресслужбі ЦАХАЛу"
        return _org_nominative(inst.group("org"), language), None, (phrase_start + inst.start("org"), pe)
    return None, None, None


class RuUkSpeech:
    """The Russian/Ukrainian answers to the quotes-and-speakers stage (``common.quotes.SpeechReader``)."""

    def __init__(self, text: str, ents: list[Entity], language: str, attribs: list[Attribution]) -> None:
        self.text = text
        self.ents = ents
        self.language = language
        self.attribs = attribs

    def marked(self) -> list[tuple[int, int]]:
        return quote_spans(self.text)

    def unmarked(self, marked: list[tuple[int, int]]) -> list[tuple[int, int]]:
        return dash_quote_spans(self.text, marked)

    def reported(self, marked: list[tuple[int, int]], unmarked: list[tuple[int, int]]) -> list[Quote]:
        """The attributions whose reported content is a clause of its own, outside the quotes and earlier content."""
        quoted = marked + unmarked
        out = []
        for x in self.attribs:
            if any(s <= x.start < e for s, e in quoted) or not x.clause:
                continue
            cs, ce = x.clause
            if any(s < ce and cs < e for s, e in marked):
                continue  # «…», — прокоментував X: the quote is already his words, not a clause of them
            who = Attributed(x.speaker, x.role, (x.start, x.end), x.cue, x.channel)
            out.append(quote_of("reported", self.text[cs:ce], (cs, ce), who))
            quoted.append((cs, ce))  # a cue inside reported content is part of it
        return out

    def after(self, span: tuple[int, int]) -> Attributed | None:
        """ "…», — написал Гладков" / "…», зазначили у Повітряних силах"."""
        text, (qs, qe) = self.text, span
        closed = qe < len(text) and text[qe : qe + 1] in '»”“"'
        base = qe + 1 if closed else qe
        after = text[base : qe + 200]
        m = P.AFTER.match(after)
        if not m:
            return self._signed(base, after, qs)
        cm = re.search(L.SAY_VERB, after)
        speaker, role, sspan = _speaker_from_phrase(
            base + m.start("rest"), m.group("rest"), self.ents, qs, self.language, text
        )
        return Attributed(
            speaker, role, sspan, cm.group(0) if cm else None, _channel(m.group("rest").lower())
        )

    def _signed(self, base: int, after: str, qs: int) -> Attributed | None:
        """A quote signed on the line under it ("…"¶– ЦАХАЛ): the signature is the speaker."""
        m = P.SIGNATURE.match(after)
        if not m:
            return None
        at = base + m.start("who")
        speaker, role, sspan = _speaker_from_phrase(
            at, m.group("who"), self.ents, qs, self.language, self.text
        )
        if speaker is None and role is None:
            speaker, sspan = m.group("who"), (at, base + m.end("who"))
        return Attributed(speaker, role, sspan, final=True)

    def before(self, span: tuple[int, int], floor: int) -> Attributed | None:
        """ "… повідомив у телеграм-каналі:" / "Юрий Криворучко, инженер:" before the quote."""
        text, qs = self.text, span[0]
        lead_start = max(0, qs - 300)
        lead = text[lead_start : max(lead_start, qs - 1)]
        if not (P.BEFORE_COLON.search(lead) or re.search(L.SAY_VERB + r"[^.]*$", lead.lower())):
            return None
        cut = max(lead.rstrip().rstrip(":").rfind(". "), 0)
        label = P.SPEECH_LABEL.search(lead)
        if label and label.group("who").strip():  # "Прямая речь Мрочко:": the label names the speaker
            cut = label.start("who")
        phrase = lead[cut:]
        speaker, role, sspan = _speaker_from_phrase(
            lead_start + cut, phrase, self.ents, qs, self.language, text
        )
        if speaker is None:
            per = [e for e in self.ents if e.kind == "PER" and lead_start <= e.start and e.end <= qs]
            if per:
                speaker, sspan = per[-1].norm, (per[-1].start, per[-1].end)
        mc = re.search(L.SAY_VERB, phrase.lower())
        return Attributed(
            speaker, role, sspan, phrase[mc.start() : mc.end()] if mc else None, _channel(phrase.lower())
        )

    def carry(self, span: tuple[int, int], earlier: list[Quote]) -> Attributed | None:
        """ "— йдеться у повідомленні": whoever the text last said was speaking."""
        prev = [x for x in self.attribs if x.start < span[0]]
        if not prev:
            return None
        # «Про це повідомив … Олег Синєгубов, інформує Цензор.НЕТ»: the message is the official's
        prev = [x for x in prev if not P.RELAY.fullmatch((x.cue or "").lower())] or prev
        return Attributed(prev[-1].speaker, prev[-1].role, (prev[-1].start, prev[-1].end))

    def channel(self, span: tuple[int, int]) -> str | None:
        return None

    def spoke(self, quote: Quote) -> None:
        return None


def _channel(folded: str, start: int = 0, end: int | None = None) -> str | None:
    """The channel the (folded) text names between ``start`` and ``end`` ("у телеграм-каналі": Telegram)."""
    m = L.CHANNEL.search(folded, start, len(folded) if end is None else end)
    return channel_name(m.group(0), "ru") if m else None


def link_surnames(ents: list[Entity]) -> None:
    """'Гусева' / 'Федорова' alone -> the full name given elsewhere ('Александр Гусев')."""
    full = [e for e in ents if e.kind == "PER" and len(e.norm.split()) >= 2]
    for e in ents:
        if e.kind != "PER" or len(e.text.split()) != 1:
            continue
        w = e.text.lower().replace("ё", "е")
        for f in full:
            last = f.norm.split()[-1].lower().replace("ё", "е")
            k = min(len(last), len(w)) - 2
            if k >= 3 and last[:k] == w[:k] and abs(len(last) - len(w)) <= 2:
                e.norm = f.norm
                break


def find_attributions(text: str, folded: str, ents: list[Entity], language: str) -> list[Attribution]:
    """Reported-speech cues with who says it ("сообщил губернатор Вячеслав Гладков", "по данным Минобороны")."""
    out: list[Attribution] = []
    for m in P.ATTRIB.finditer(folded):
        # the speaker is the nearest person/organisation within the clause after (or just before) the cue
        clause_end = len(text)
        for stop in (".", "\n", ";", "«", "“"):
            k = text.find(stop, m.end())
            if k != -1:
                clause_end = min(clause_end, k)
        window_end = min(clause_end, m.end() + 120)
        cands = [e for e in ents if e.kind in ("PER", "ORG") and m.end() <= e.start < window_end]
        org = L.ORG.search(folded, m.end(), window_end)
        role = L.ROLE.search(folded, m.end(), window_end)
        speaker = None
        span = None
        if role:
            after_role = [e for e in cands if e.kind == "PER" and 0 <= e.start - role.end() <= 3]
            if after_role:
                cands = after_role + [e for e in cands if e not in after_role]
        pers = _persons_first([e for e in cands if e.kind == "PER"], language)
        if pers and (not org or pers[0].start <= org.start() + 40):
            cands = pers + [e for e in cands if e not in pers]
        if cands and (not org or cands[0].start <= org.start() + 2 or cands[0].kind == "PER"):
            speaker, span = cands[0].norm, (cands[0].start, cands[0].end)
        elif org and not P.FIND_ATTRIBUTIONS_1.match(org.group(0)):
            speaker, span = _org_nominative(text[org.start() : org.end()], language), (org.start(), org.end())
        elif role:
            speaker, span = text[role.start() : role.end()], (role.start(), role.end())
        elif not P.IMPERSONAL.fullmatch(folded[m.start() : m.end()]):
            # "— написал Гладков" with the name before the cue: nearest person in the 60 chars before
            prev = [e for e in ents if e.kind == "PER" and m.start() - 60 <= e.end <= m.start()]
            if prev:
                speaker, span = prev[-1].norm, (prev[-1].start, prev[-1].end)
        if not speaker:
            continue
        r = text[role.start() : role.end()] if role else None
        channel = _channel(folded, m.start(), window_end + 40)
        # reported content: the rest of the sentence around the cue, without the attribution itself
        dot = text.rfind(". ", 0, m.start())
        sent_start = max(dot + 2 if dot != -1 else 0, text.rfind("\n", 0, m.start()) + 1)
        content = (sent_start, m.start()) if m.start() - sent_start > 25 else (span[1], clause_end)
        content_text = text[content[0] : content[1]].strip(" ,.-–—:")
        clause = None
        if len(content_text.split()) >= 4:
            off = text.find(content_text, content[0])
            clause = (off, off + len(content_text))
        out.append(
            Attribution(
                span[0],
                span[1],
                speaker,
                r,
                channel,
                cue=text[m.start() : m.end()],
                clause=clause,
            )
        )
    return out
