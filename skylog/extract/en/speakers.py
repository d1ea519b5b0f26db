"""Who spoke: the people of one report, and a speaker phrase read as a name, a role or a pronoun.

The speaker comes from the attribution frame around a quote ("…,’ Shapsha wrote", "said Igor Kovalchuk,
a military expert", "A spokesperson for the ministry stated"); pronouns and "he added" resolve to the
previous speaker, surnames and nominal speakers ("the governor") to a full name seen earlier in the
report. ``Speakers`` keeps that state for the English quote finder (``quotes.QuoteFinder``), which
finds the quotes and the phrases; the statistical NER is asked only where the rules name no one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from skylog.extract.en import lexicon as L
from skylog.extract.en.quote_spans import SELF_NAMED, VERBISH
from skylog.records import Quote

_TITLE_WORDS = {t for t in L.TITLES if " " not in t}
_TITLE_TEXT = L.text("quotes.TITLE_WORDS")
_NOT_NAME: frozenset[str] = L.WORDS["NOT_NAME"]
_PERSON_PRONOUNS: frozenset[str] = L.WORDS["PERSON_PRONOUNS"]

_ORG_WORDS: frozenset[str] = L.WORDS["ORG_WORDS"]
_CUT_WORDS: frozenset[str] = L.WORDS["CUT_WORDS"]
# a speaker phrase about an institution or a group ("the Russian Defence Ministry", "Eyewitnesses")
_NEVER_NAME = _NOT_NAME | _ORG_WORDS | _CUT_WORDS

P = L.stage("quotes")  # the pack's [patterns.quotes]


def _name_like(word: str) -> bool:
    return (
        word[:1].isupper()
        and re.sub(r"[’']s$", "", word) not in _NEVER_NAME
        and word.lower() not in _TITLE_WORDS
    )


def worth_asking_model(phrase: str) -> bool:
    """Whether the statistical NER could name a person the rules missed in a speaker phrase.

    A lone word is already a name or no name to the rules, and a phrase about an institution
    holds a person only when two name-like words stand together ("Muhammad al-Mughayyir of the
    civil defence agency"); skipping the model there saves most of its calls.
    """
    words = P.PHRASE_WORD.findall(phrase)
    if len(words) < 2:
        return False
    pair = any(
        _name_like(a) and (_name_like(b) or P.NAME_PARTICLE.match(b))
        for a, b in zip(words, words[1:], strict=False)
    )
    return pair or not P.INSTITUTIONAL.search(phrase)


@dataclass
class Person:
    name: str
    span: tuple[int, int]
    title: str | None = None


@dataclass
class SpeakerRegistry:
    """Named people seen so far, to expand surnames and resolve "the governor"."""

    persons: list[Person] = field(default_factory=list)

    def add(self, name: str, span: tuple[int, int], title: str | None) -> None:
        for p in self.persons:
            if p.name == name:
                if title and not p.title:
                    p.title = title
                return
        self.persons.append(Person(name, span, title))

    def full_name(self, name: str, before: int) -> str:
        """The latest longer name seen before ending in ``name``'s last word, else (a lone word) one
        beginning with it ("Ri" of "Ri Yong Ho", family name first)."""
        words = name.split()
        best = first = None
        for p in self.persons:
            if p.span[0] > before or len(p.name.split()) <= len(words):
                continue
            if p.name.split()[-1] == words[-1]:
                best = p.name
            elif len(words) == 1 and p.name.split()[0] == name:
                first = p.name
        return best or first or name

    def by_title(self, nominal: str, before: int) -> Person | None:
        words = {w.lower() for w in re.findall(r"[A-Za-z\-]+", nominal)} & (_TITLE_WORDS | {"spokesperson"})
        words -= {"head", "official", "officials", "source", "sources", "the"}
        if not words:
            return None
        best = None
        for p in self.persons:
            if (
                p.span[0] <= before
                and p.title
                and words & {w.lower() for w in re.findall(r"[A-Za-z\-]+", p.title)}
            ):
                best = p
        return best


def _trim_speaker_phrase(phrase: str, pstart: int) -> tuple[str, int]:
    """The speaker phrase without adverbials, trailing clauses and reported content, and where it starts."""
    raw = phrase
    phrase = P.ADVERBIAL.sub("", phrase.strip())
    pstart += len(raw) - len(raw.lstrip()) + (len(raw.strip()) - len(phrase))
    phrase = phrase.strip(" ,;—–-")
    phrase = P.TRIM_SPEAKER_PHRASE_1.split(phrase)[0]
    if "," in phrase and VERBISH.search(phrase.rsplit(",", 1)[0]):
        cut = phrase.rfind(",") + 1
        pstart += cut + (len(phrase[cut:]) - len(phrase[cut:].lstrip()))
        phrase = phrase[cut:].strip()
    return phrase, pstart


def speaker_phrase(phrase: str, pstart: int) -> tuple[str, int, str]:
    """A speaker phrase trimmed, where it starts, and its kind: "none", "pronoun", "document" or "name"."""
    phrase, pstart = _trim_speaker_phrase(phrase, pstart)
    if not phrase:
        return phrase, pstart, "none"
    tail = P.PRONOUN_TAIL.search(phrase)
    if tail:
        phrase = tail.group(1)
    low = phrase.lower()
    if low in L.PRONOUNS or low in ("the latter", "the former") or P.CONJUNCTION.fullmatch(low):
        # "…” and claimed": a bare conjunction continues the last speaker
        return phrase, pstart, "pronoun"
    if low.split()[-1] in L.DOCUMENT_NOUNS or low in ("it", "the statement"):
        return phrase, pstart, "document"
    return phrase, pstart, "name"


class Speakers:
    """The people named in one report and who has spoken so far, to resolve a speaker phrase."""

    def __init__(
        self,
        text: str,
        persons: list[tuple[int, int]],
        ner: Callable[[str], list[tuple[int, int, str]]] | None = None,
        prefetch: Callable[[list[str]], object] | None = None,
    ) -> None:
        self.ner = ner
        self.prefetch = prefetch  # hands the model many phrases at once, ahead of ``ner``'s questions
        self._ner_done: set[tuple[int, int]] = set()
        self.text = text
        self.person_spans = persons
        self.registry = SpeakerRegistry()
        for s, e in persons:
            self._register(s, e)
        for m in P.TITLED_NAME.finditer(text):
            words = m.group("name").split()
            while len(words) > 2 and words[0] in _CUT_WORDS | _ORG_WORDS:
                words = words[1:]
            name = " ".join(words)
            end = m.end("name")
            self.registry.add(name, (end - len(name), end), m.group("title"))
        self.last: tuple[str | None, str | None] = (None, None)
        self.done: list[Quote] = []  # the quotes attributed so far
        self.quote_spans: list[tuple[int, int]] = []

    def model_questions(self) -> list[str]:
        """The speaker phrases to hand the model with its first question (the quote finder reads them)."""
        return []

    def _register(self, s: int, e: int) -> None:
        name = self.text[s:e].strip(" ,.")
        name = re.sub(r"[’']s$", "", name)
        if not name or len(name) < 3:
            return
        name = self.registry.full_name(name, s)
        before = self.text[max(0, s - 60) : s]
        m = re.search(r"((?:[A-Za-z’'\-]+\s+){0,4}?)(?:" + _TITLE_TEXT + r")[\w\s’'\-.]*$", before)
        title = None
        if m:
            title = before[m.start() :].strip(" ,")
        else:
            after = self.text[e : e + 80]
            m2 = P.REGISTER_1.match(after)
            if m2 and P.TITLE_RE.search(m2.group(1)):
                title = m2.group(1)
        self.registry.add(name, (s, e), title)

    def _extend_name(self, span: tuple[int, int]) -> tuple[int, int]:
        """NER often stops early ("Oleksandr" of "Oleksandr Prokudin"): take the following name words too."""
        s, e = span
        while True:
            m = re.match(r"\s([A-Z][a-z’'\-]+)\b", self.text[e : e + 40])
            if not m or m.group(1) in _CUT_WORDS or m.group(1) in _ORG_WORDS or m.group(1) in _NOT_NAME:
                return s, e
            e += m.end()

    def _regex_name(self, phrase: str, pstart: int) -> tuple[int, int] | None:
        """A capitalised personal name in the phrase, titles and organisation words stripped."""
        for m in P.NAME_RE.finditer(phrase):
            tok = m.group(0)
            words = tok.split()
            while words and (words[0] in _NOT_NAME or words[0].lower().rstrip(".") in _TITLE_WORDS):
                words = words[1:]
            if not words:
                continue
            cut = max(
                (i for i, w in enumerate(words) if w in _CUT_WORDS or w.lower().rstrip(".") in _TITLE_WORDS),
                default=-1,
            )
            if cut >= 0 and len(words) - cut - 1 >= 1:
                words = words[cut + 1 :]
            cand = " ".join(words)
            if self._looks_like_place_or_org(cand) or cand in _ORG_WORDS:
                continue
            lead = phrase[: m.start() + tok.index(words[0])].rstrip()
            if P.LEAD_PREPOSITION.search(lead):
                continue
            s = pstart + m.start() + tok.index(words[0])
            return (s, s + len(cand))
        return None

    def _asks_model(self, phrase: str, pstart: int) -> bool:
        """Whether a speaker phrase with no person found in it goes to the model: the rules name no full name."""
        if not re.search(r"\b[A-Z][a-z]", phrase):
            return False
        rx = self._regex_name(phrase, pstart)
        return (rx is None or len(self.text[rx[0] : rx[1]].split()) < 2) and worth_asking_model(phrase)

    def _lazy_persons(self, start: int, phrase: str) -> list[tuple[int, int]]:
        """Run the statistical NER on one speaker phrase only when it is needed (and once)."""
        key = (start, start + len(phrase))
        if key in self._ner_done or self.ner is None:
            return []
        self._ner_done.add(key)
        if self.prefetch is not None:  # the first question: the likely others go to the model with it
            self.prefetch([phrase, *self.model_questions()])
            self.prefetch = None
        found: list[tuple[int, int]] = []
        for s, e, label in sorted(self.ner(phrase)):
            if label != "PERSON":
                continue
            span = (start + s, start + e)
            if found and 0 < span[0] - found[-1][1] <= 1:
                found[-1] = (found[-1][0], span[1])  # "Oleksandr" + "Prokudin"
            else:
                found.append(span)
        found = [self._extend_name(f) for f in found]
        for span in found:
            if span not in self.person_spans:
                self.person_spans.append(span)
                self._register(*span)
        return found

    def _persons_in(self, start: int, end: int) -> list[tuple[int, int]]:
        return [(s, e) for s, e in self.person_spans if s >= start and e <= end]

    def resolve_speaker(
        self, phrase: str, pstart: int
    ) -> tuple[str | None, str | None, tuple[int, int] | None]:
        """Speaker phrase -> (speaker name or nominal, role, speaker span)."""
        named = SELF_NAMED.search(phrase)
        if (
            named
        ):  # "a resident who identified himself as Ko Lin": the name he gave, in the role the phrase says
            return self._self_named(phrase, pstart, named)
        phrase, pstart, kind = speaker_phrase(phrase, pstart)
        if kind == "none":
            return None, None, None
        low = phrase.lower()
        if kind == "pronoun":
            rec = self.recent_speaker(pstart, person=low in _PERSON_PRONOUNS)
            return (rec[0], rec[1], None) if rec else (self.last[0], self.last[1], None)
        if kind == "document":
            # "the statement said": whoever was last reported as speaking, else the last organisation
            rec = self._recent_done(pstart, 400)
            if rec:
                return rec[0], rec[1], None
            org = self._last_org(pstart)
            return (org or phrase), None, None
        name_span = None if P.POSSESSIVE_ORG.match(phrase) else self._name_span(phrase, pstart)
        if name_span:
            return self._named(phrase, pstart, name_span)
        return self._nominal(phrase, pstart)

    def _self_named(
        self, phrase: str, pstart: int, named: re.Match[str]
    ) -> tuple[str | None, str | None, tuple[int, int] | None]:
        name = named.group("name")
        span = (pstart + named.start("name"), pstart + named.end("name"))
        role, _ = _trim_speaker_phrase(phrase[: named.start()], pstart)
        self.registry.add(name, span, role or None)
        return name, role or None, span

    def _name_span(self, phrase: str, pstart: int) -> tuple[int, int] | None:
        """The named person inside a speaker phrase (NER first, then the capitalised-name pattern)."""
        ents = self._persons_in(pstart, pstart + len(phrase))
        if not ents and self.ner is not None and self._asks_model(phrase, pstart):
            ents = self._lazy_persons(pstart, phrase)  # the rules found no full name: ask the model
        if not ents:
            return self._regex_name(phrase, pstart)
        # the person the phrase is about, not one named inside a place or organisation phrase
        plain = [(a, b) for a, b in ents if not P.NAME_SPAN_1.search(self.text[max(0, a - 12) : a])]
        merged: list[tuple[int, int]] = []
        for a, b in sorted(plain or ents):
            if merged and 0 < a - merged[-1][1] <= 1 and not self.text[merged[-1][1] : a].strip():
                merged[-1] = (merged[-1][0], b)  # "Oleksandr" + "Prokudin"
            else:
                merged.append((a, b))
        best = max(merged, key=lambda x: (len(self.text[x[0] : x[1]].split()), -x[0]))
        return self._extend_name(best)

    def _named(
        self, phrase: str, pstart: int, name_span: tuple[int, int]
    ) -> tuple[str | None, str | None, tuple[int, int] | None]:
        """A named speaker: full name (from the registry), role from the words around the name."""
        name = self.text[name_span[0] : name_span[1]].strip()
        name = re.sub(r"[’']s$", "", name)
        role_parts = []
        pre = self.text[pstart : name_span[0]].strip(" ,")
        post = self.text[name_span[1] : pstart + len(phrase)].strip(" ,")
        if pre and not P.CONJUNCTION.fullmatch(pre):
            role_parts.append(pre)
        if post:
            post = P.NAMED_1.split(post)[0]
            if post and not P.POST_PREPOSITION.match(post):
                role_parts.append(post.strip(" ,"))
        full = self.registry.full_name(name, name_span[0])
        role = ", ".join(role_parts) or None
        if role is None:
            for p in self.registry.persons:
                if p.name == full and p.title:
                    role = p.title
        self.registry.add(full, name_span, role)
        return full, role, name_span

    def _nominal(self, phrase: str, pstart: int) -> tuple[str | None, str | None, tuple[int, int] | None]:
        """A nominal speaker: "the governor", "a spokesperson for the Russian Ministry of Defense"."""
        nominal = P.RELATIVE_CUT.split(phrase)[0]
        nominal = P.NOMINAL_1.sub("", nominal)
        apposition, role = P.NOMINAL_APPOSITION.search(nominal), None
        if apposition:
            nominal, role = nominal[: apposition.start()], nominal[apposition.end() :]
        person = self.registry.by_title(nominal, pstart)
        if person and P.DETERMINER_START.match(nominal):
            return person.name, nominal, (pstart, pstart + len(nominal))
        span = (pstart, pstart + len(nominal))
        full = self.registry.full_name(nominal, pstart)  # a short name part ("Ri" of "Ri Yong Ho")
        if full != nominal:
            return full, role or next((p.title for p in self.registry.persons if p.name == full), None), span
        return nominal, role, span

    def _plausible_speaker(self, phrase: str, start: int) -> bool:
        """A reported-speech subject must look like a speaker: a name, a title, an organisation or a pronoun."""
        p = P.ADVERBIAL.sub("", phrase.strip())
        if not p or len(p.split()) > 16:
            return False
        if p.lower() in L.PRONOUNS:
            return True
        if VERBISH.search(p.split(",")[-1]):
            return False
        if self._persons_in(start, start + len(phrase)) or SELF_NAMED.search(p):
            return True
        return bool(
            P.TITLE_RE.search(p)
            or re.search(r"\b(?:[A-Z][a-z’'\-]+\s+){1,3}[A-Z][a-z’'\-]+\b", p)
            or P.PLAUSIBLE_SPEAKER_1.match(p)
        )

    def _looks_like_place_or_org(self, cand: str) -> bool:
        return bool(P.LOOKS_LIKE_PLACE_OR_ORG_1.search(cand))

    def _last_org(self, before: int) -> str | None:
        best = None
        for m in P.LAST_ORG_1.finditer(self.text[:before]):
            best = m.group(0)
        return best

    def recent_speaker(self, pos: int, person: bool = False) -> tuple[str, str | None] | None:
        """The speaker or named person mentioned last before ``pos`` (for "he said", unattributed quotes)."""
        best: tuple[int, str, str | None] | None = None

        def consider(at: int, name: str | None, role: str | None) -> None:
            nonlocal best
            if not name or at >= pos:
                return
            if person and P.RECENT_SPEAKER_1.search(name):
                return
            if best is None or at > best[0]:
                best = (at, name, role)

        for q in self.done:
            consider(q.speaker_span[0] if q.speaker_span else q.span[0], q.speaker, q.role)
        for p in self.registry.persons:
            consider(p.span[0], p.name, p.title)
        for s, e in self.person_spans:
            if any(qs <= s < qe for qs, qe in self.quote_spans):
                continue
            name = self.registry.full_name(re.sub(r"[’']s$", "", self.text[s:e].strip()), s)
            title = next((p.title for p in self.registry.persons if p.name == name), None)
            consider(s, name, title)
        return (best[1], best[2]) if best else None

    def _recent_done(self, pos: int, within: int) -> tuple[str, str | None] | None:
        best = None
        for q in self.done:
            at = q.span[0]
            if q.speaker and at < pos and pos - at <= within and (best is None or at > best[0]):
                best = (at, q.speaker, q.role)
        return (best[1], best[2]) if best else None
