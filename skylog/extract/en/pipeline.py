"""The English extraction pipeline: small components run in order over one report.

The report is read once into a ``Document`` (``skylog.nlp``): rule-based sentences (the ``en``
pack's abbreviations), tokens, and English lemmas on demand. Components (each a method taking the
shared ``Context``, which holds the document) read it and add their layers:
  1. ``prefilter``  keyword relevance test on raw text (``common.prefilter``); irrelevant reports skip
                    the models and get only regex-level quote finding;
  2. ``ner``        spaCy en_core_web_sm (tok2vec + ner) on the sentences that need names only (quotes,
                    speech cues, titles), offsets mapped back to the report text -> ``doc.entities``;
  3. ``places``     every toponym from ``skylog.geo`` plus facility mentions ("the Belgorod dam")
                    -> ``doc.toponyms``;
  4. ``quotes``     direct quotes and reported speech with speakers (``quotes.QuoteFinder``)
                    -> ``doc.quotes``;
  5. ``times``      each sentence's own time expression, normalised -> ``doc.times``;
  6. ``events``     per-sentence event mentions (``events``), merged by ``common.assemble``.
Only the sentences that need the statistical model go through it, which keeps a ~400-word attack
report well under the 20 ms budget on one core.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from skylog.extract.common import places as geo
from skylog.extract.common.assemble import Mention, assemble, fill_places
from skylog.extract.common.numbers import add_number_layer
from skylog.extract.common.prefilter import check
from skylog.extract.common.quotes import find_quotes
from skylog.extract.en import events as E
from skylog.extract.en import lexicon as L
from skylog.extract.en.definite import definite_single_counts
from skylog.extract.en.downed_harm import fold_downed_strikes
from skylog.extract.en.place_words import find_facilities
from skylog.extract.en.quote_spans import find_quote_spans
from skylog.extract.en.quotes import QuoteFinder
from skylog.extract.en.recalled import set_apart
from skylog.extract.en.restated import count_tolls_once, parts_of_lead_total, superseded_tolls
from skylog.extract.en.salvo import salvo_shares_once
from skylog.extract.en.sentences import split_sentences
from skylog.extract.en.timexpr import add_time_layer, recalled_times, times_by_sentence
from skylog.extract.en.toponyms import resolve_facilities, supplement_toponyms
from skylog.nlp.document import Document, build_document
from skylog.nlp.english import english_morphology
from skylog.nlp.models import english
from skylog.nlp.spans import Entity, Sentence
from skylog.records import EventMention, Extraction, Place, Report, TimeExpr

if TYPE_CHECKING:
    from spacy.language import Language

_NEEDS_NAMES = L.pattern("pipeline.NEEDS_NAMES")


_PERSON = ("PERSON",)
_ORGANISATION = ("ORG", "NORP")


@dataclass
class Context:
    """One report under reading: its document (with the layers the components add) and the verdicts."""

    doc: Document
    events: list[EventMention] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    relevant: bool = True

    def entity_spans(self, kinds: tuple[str, ...]) -> list[tuple[int, int]]:
        """Offsets of the named entities of ``kinds`` (spaCy's labels) found so far."""
        return [(e.start, e.end) for e in self.doc.entities if e.kind in kinds]


class PhraseNER:
    """The statistical NER of one document's speaker phrases: (start, end, label) of each entity.

    Asked one phrase at a time; phrases handed in advance (``many``) are read in one ``nlp.pipe`` batch,
    about three times cheaper a phrase than one by one. The answers live as long as the document's reading.
    """

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.found: dict[str, list[tuple[int, int, str]]] = {}

    def many(self, phrases: list[str]) -> None:
        todo = [p for p in dict.fromkeys(phrases) if p not in self.found]
        for phrase, doc in zip(todo, self.nlp.pipe(todo), strict=True):
            self.found[phrase] = [(e.start_char, e.end_char, e.label_) for e in doc.ents]

    def __call__(self, phrase: str) -> list[tuple[int, int, str]]:
        got = self.found.get(phrase)
        if got is None:
            doc = self.nlp(phrase)
            got = self.found[phrase] = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        return got


class EnglishPipeline:
    """Callable ``(Report) -> Extraction``; loads the spaCy model once per instance."""

    def __init__(
        self, use_model: bool = True, use_geo: bool = True, full_geoparse: bool = False, lazy_ner: bool = True
    ) -> None:
        self.nlp: Language | None = None
        if use_model:
            self.nlp = english(
                ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
            )  # ner has its own tok2vec
        self.use_geo = use_geo
        # geo's own geoparse runs a second spaCy pass and fuzzy search over the whole text (~85 ms a
        # report); by default extraction finds its own candidate spans and has the Geocoder resolve them.
        self.full_geoparse = full_geoparse
        # lazy_ner: the statistical NER runs only on speaker phrases the rules cannot name (fast);
        # otherwise on every sentence with a speech cue before quotes are read (slower, a little more recall)
        self.lazy_ner = lazy_ner
        self.components = [self.ner, self.places, self.quotes, self.times, self.events]

    MAX_CHARS = 200_000  # report text is hostile input: bound the work spent on one report

    def read(self, report: Report) -> Document:
        """The report's document: its text (cut to ``MAX_CHARS``) in sentences and tokens."""
        return build_document(
            report.text[: self.MAX_CHARS],
            "en",
            english_morphology(),
            report.published_at,
            report.source,
            segment=split_sentences,
        )

    def __call__(self, report: Report) -> Extraction:
        ctx = Context(doc=self.read(report))
        if len(report.text) > self.MAX_CHARS:
            ctx.warnings.append(f"text longer than {self.MAX_CHARS} characters: only the first part was read")
        rel = check(ctx.doc.text)
        if not rel.relevant:
            ctx.relevant = False
            self.quotes(ctx)
        else:
            for component in self.components:
                component(ctx)
        return Extraction(
            report=report,
            events=ctx.events,
            quotes=ctx.doc.quotes,
            warnings=ctx.warnings,
            relevant=ctx.relevant and bool(ctx.events),
        )

    # -- components ---------------------------------------------------------
    def ner(self, ctx: Context) -> None:
        if self.nlp is None or self.lazy_ner:
            return
        text = ctx.doc.text
        # only the attribution text: sentences with speech cues, minus the quoted words themselves
        quoted = find_quote_spans(text)
        pieces: list[tuple[Sentence, int, str]] = []
        for sent in ctx.doc.sentences:
            if not _NEEDS_NAMES.search(sent.text):
                continue
            cut = sent.start
            for qs, qe in quoted:
                if qe <= sent.start or qs >= sent.end:
                    continue
                if qs > cut:
                    pieces.append((sent, cut, text[cut:qs]))
                cut = max(cut, qe)
            if cut < sent.end:
                pieces.append((sent, cut, text[cut : sent.end]))
        pieces = [w for p in pieces for w in _cue_windows(*p)]
        pieces = [p for p in pieces if len(p[2].split()) >= 2 and re.search(r"[A-Z]", p[2])]
        for (_sent, off, _t), parsed in zip(
            pieces, self.nlp.pipe([p[2] for p in pieces], batch_size=64), strict=True
        ):
            for ent in parsed.ents:
                s, e = off + ent.start_char, off + ent.end_char
                ctx.doc.entities.append(Entity(s, e, ent.label_, text[s:e], text[s:e]))

    def places(self, ctx: Context) -> None:
        text = ctx.doc.text
        if self.use_geo and self.full_geoparse:
            found = geo.geoparse(text, "en")
        elif self.use_geo:
            found = []
        else:
            found = geo.fallback_places(text)
        found = [p for p in found if p.relation != "adjective"]
        if self.use_geo:
            found = geo.country_parts(supplement_toponyms(found, ctx, text), text)
        facilities = find_facilities(text)
        if facilities and self.use_geo:
            facilities = resolve_facilities(facilities, text)
        # a facility mention replaces the bare toponym inside it ("the Belgorod dam" vs "Belgorod")
        keep = [
            p for p in found if not any(f.span[0] <= p.span[0] and p.span[1] <= f.span[1] for f in facilities)
        ]
        ctx.doc.toponyms = sorted(keep + list(facilities), key=lambda p: p.span[0])

    def quotes(self, ctx: Context) -> None:
        doc = ctx.doc
        ner = PhraseNER(self.nlp) if (self.nlp is not None and self.lazy_ner) else None
        finder = QuoteFinder(
            doc.text,
            doc.sentences,
            ctx.entity_spans(_PERSON),
            ctx.entity_spans(_ORGANISATION),
            ner=ner,
            prefetch=ner.many if ner is not None else None,
        )
        doc.quotes = find_quotes(finder)

    def times(self, ctx: Context) -> None:
        add_time_layer(ctx.doc)

    def events(self, ctx: Context) -> None:
        doc = ctx.doc
        add_number_layer(doc)
        own_times = times_by_sentence(doc)
        mentions: list[Mention] = []
        last_time: TimeExpr | None = None
        last_para = -1
        default_time: TimeExpr | None = None
        exercises = typed = history = attacks = 0
        later: list[tuple[int, list[Place]]] = []  # places of attack sentences that gave no mention
        for sent in doc.sentences:
            own = own_times.get(sent.index)
            known = own if own is not None and own.precision != "unknown" else None
            if doc.per_sentence(E.worth_reading, sent):
                claimant = E.claimant_for(sent, doc.quotes)
                got, reading = E.sentence_mentions(sent, doc.toponyms, own, claimant, doc.numbers)
                exercises += reading.filtered == "exercise"
                history += reading.filtered == "statistics"
                attacks += bool(reading.types)
                typed += any(t[0] for t in reading.types)
                if sent.paragraph != last_para and sent.paragraph - last_para > 1:
                    last_time = last_time if last_time and last_time.precision != "unknown" else None
                if not got and not reading.filtered:
                    sub = [p for p in E.sentence_places(sent, doc.toponyms) if p.kind != "country"]
                    later += [(sent.start, sub)] if sub else []
                recalled = recalled_times(doc, sent) if got else []
                # "Last week, a strike on a school killed 30": another incident, not more of this one
                apart = set_apart(got, sent.text, sent.start, bool(mentions))
                for m in got:
                    trig = getattr(m, "trigger", None)
                    own = next((te for lo, hi, te in recalled if trig and lo <= trig[0] < hi), None)
                    if own is not None:  # the recalled event itself ("after air strikes Friday on ...")
                        m.time = own
                    elif (m.time is None or m.time.precision == "unknown") and not apart:
                        m.context_time = last_time
                mentions.extend(got)
            if known is not None:
                last_time = known
                if default_time is None and sent.index < 4:
                    default_time = known
            last_para = sent.paragraph
        if exercises and exercises >= typed and not _harmed(mentions):
            ctx.warnings.append("report describes exercises or tests; no attack events kept")
            mentions = []
        elif history >= 2 and history > attacks:
            # anniversaries, monthly tallies, retrospectives: the report is about the past, not an incident
            ctx.warnings.append("report is mostly statistics or history; no attack events kept")
            mentions = []
        ctx.events = assemble(mentions, default_time)
        fill_places(ctx.events, later)
        _place_by_target(ctx.events, doc.sentences, doc.toponyms)
        _place_by_territory(ctx.events, doc.sentences, doc.text)
        _place_as_before(ctx.events, doc.sentences)
        _one_country(ctx.events)
        # "… killing two … two were killed when two guided bombs hit": one toll, counted once
        apart = {m.span for m in mentions if m.separate}
        superseded_tolls(ctx.events)  # "an earlier report put the toll at seven"
        count_tolls_once(ctx.events, apart)
        # "Israeli strikes kill 38 … six members of one family were also killed": a part of the lead's toll
        parts_of_lead_total(ctx.events, doc.text, apart)
        fold_downed_strikes(ctx.events, doc.text)
        ctx.warnings += salvo_shares_once(
            ctx.events, doc.text, doc.numbers
        )  # "… and three drones … three UAVs"
        ctx.warnings += definite_single_counts(ctx.events, doc.text)  # "… the drone struck the car"


def _harmed(mentions: list[Mention]) -> bool:
    """An attack told with people killed or injured: a report of it is no report of exercises, whatever
    aside of drills it closes with ("Other developments: … launched a joint exercise")."""
    return any(
        m.type
        and any(isinstance(c.value, int) and c.value > 0 for c in (m.killed, m.injured) if c is not None)
        for m in mentions
    )


def _one_country(events: list[EventMention]) -> None:
    """An incident happens in one country: an event placed below country level in some countries keeps no
    bare mention of another country, which its sentences name as the origin, the attacker or the context
    ("drones launched from Ukraine were downed over Rostov", "a missile from Yemen fell near Eilat")."""
    for ev in events:
        located = {p.country for p in ev.places if p.kind != "country" and p.country}
        if located:
            ev.places = [p for p in ev.places if p.kind != "country" or not p.country or p.country in located]


_TARGET_BEFORE = L.pattern("pipeline.TARGET_BEFORE")


def _place_by_target(events: list[EventMention], sentences: list[Sentence], toponyms: list[Place]) -> None:
    """An event its sentences place nowhere but toward a target ("two drones flying toward Moscow were
    shot down", "missiles fired towards Tel Aviv were intercepted") is placed at that target: where a
    weapon is downed or lands is on its way to, or at, the place it was sent to."""
    for ev in events:
        if ev.places:
            continue
        found: list[Place] = []
        for a, _ in ev.spans:
            sent = next((s for s in sentences if s.start <= a < s.end), None)
            if sent is None:
                continue
            text = sent.text
            for p in toponyms:
                if sent.start <= p.span[0] < sent.end and _TARGET_BEFORE.search(
                    text[max(0, p.span[0] - sent.start - 40) : p.span[0] - sent.start]
                ):
                    found.append(replace(p, relation=p.relation or "toward"))
        if found:
            ev.places = geo.most_specific_first(found)


def _place_by_territory(events: list[EventMention], sentences: list[Sentence], text: str) -> None:
    """An event its sentences place nowhere but on a country's land ("missiles fired at Israeli territory",
    "drones downed over Russian territory") is placed in that country; the land a launch comes from
    ("fired from Lebanese territory") places nothing. Only after assembly, so that a country-wide total
    still folds into the per-region events told with it."""
    if not any(not ev.places for ev in events):
        return
    lands = geo.territory_places(text)
    for ev in events:
        if ev.places:
            continue
        for a, _ in ev.spans:
            sent = next((s for s in sentences if s.start <= a < s.end), None)
            found = [p for p in lands if sent is not None and sent.start <= p.span[0] < sent.end]
            if found:
                ev.places = found[:1]
                break


_SAME_PLACE = L.pattern("pipeline.SAME_PLACE")


def _place_as_before(events: list[EventMention], sentences: list[Sentence]) -> None:
    """ "a separate incident in the same village": an event placed only by reference to the place
    already told takes the places of the event told before it."""
    ordered = sorted((e for e in events if e.spans), key=lambda e: e.spans[0][0])
    for prev, ev in zip(ordered, ordered[1:], strict=False):
        if ev.places or not prev.places:
            continue
        for a, _ in ev.spans:
            sent = next((s for s in sentences if s.start <= a < s.end), None)
            if sent is not None and _SAME_PLACE.search(sent.text):
                ev.places = list(prev.places)
                break


_CUE_WORD = L.pattern("pipeline.CUE_WORD")


def _cue_windows(sent: Sentence, off: int, text: str) -> list[tuple[Sentence, int, str]]:
    """The words around speech cues (where speakers are named), or the whole piece when it is short."""
    if len(text) <= 160:
        return [(sent, off, text)]
    spans: list[tuple[int, int]] = []
    for m in _CUE_WORD.finditer(text):
        a = max(0, m.start() - 110)
        b = min(len(text), m.end() + 110)
        a = text.rfind(" ", 0, a) + 1 if a > 0 else 0
        b2 = text.find(" ", b)
        b = len(text) if b2 < 0 else b2
        if spans and a <= spans[-1][1]:
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    if not spans:
        spans = [(0, min(len(text), 160))]
    return [(sent, off + a, text[a:b]) for a, b in spans]
