"""Russian and Ukrainian extraction: Report -> Extraction, natively (no translation).

The report is read once into a ``Document`` (``skylog.nlp``); the stages read and annotate it:

1. regions and seas (``places``) and time expressions (``timex``) become document layers;
2. each sentence is read for events (``triggers``): interception verbs next to a weapon
   (``interceptions``), strike cues next to a weapon, debris with harm; negated, hypothetical,
   exercise and cumulative-digest sentences are skipped; counts come from ``counts``
   ("45 з 60" tallies, per-region counts of ministry lists) and outcomes from ``outcomes``;
3. the gazetteer's toponyms, named entities, attributions and quotes (``speakers``) are added
   only where events or speech need them;
4. candidates become event mentions with places, time, claimant and perpetrator (``finish``),
   and events of one type about the same place are merged (``merge``), so a headline and its
   body give one event, and a stated total equal to the per-region sum adds nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext

from threadpoolctl import ThreadpoolController

from skylog.extract.common.anchor import opens_on_recall
from skylog.extract.common.numbers import add_number_layer
from skylog.extract.common.quotes import find_quotes
from skylog.extract.common.tolls import lead_end
from skylog.extract.ruuk import lexicon as L
from skylog.extract.ruuk.denial import without_denied
from skylog.extract.ruuk.finish import finish, resolve_generic
from skylog.extract.ruuk.merge import (
    absorb_totals,
    drop_recalled,
    earlier_than_news,
    is_stale,
    merge_events,
    merge_series,
)
from skylog.extract.ruuk.places import PlaceResolver, find_regions
from skylog.extract.ruuk.places_of import plausible_toponym
from skylog.extract.ruuk.reading import Candidate, Reading, blank_except
from skylog.extract.ruuk.speakers import RuUkSpeech, SpeakerFinder, find_attributions, link_surnames
from skylog.extract.ruuk.speech import speech_only
from skylog.extract.ruuk.timex import find_times
from skylog.extract.ruuk.triggers import more_hits, read_sentence
from skylog.nlp.document import Document, build_document
from skylog.nlp.models import natasha
from skylog.nlp.morphology import morphologies
from skylog.records import EventMention, Extraction, Place, Report

MAX_CHARS = 30_000  # posts and articles; longer inputs are cut with a warning


class RuUkPipeline:
    """Callable ``(Report) -> Extraction`` for ``ru`` and ``uk`` reports; loads models once."""

    def __init__(self) -> None:
        self.nat = natasha()
        self.morphology = morphologies()
        self.places = PlaceResolver()
        self._one_thread = _blas_one_thread()

    def __call__(self, report: Report) -> Extraction:
        try:
            with self._one_thread():
                return self._extract(report)
        except Exception as exc:  # one bad report never stops a batch: the failure is its warning
            return Extraction(
                report=report, warnings=[f"ruuk extraction failed: {type(exc).__name__}: {exc}"]
            )

    def read(self, report: Report) -> Document:
        """The report's document with its region and time layers (the text cut to ``MAX_CHARS``)."""
        lang = "uk" if report.language == "uk" else "ru"
        text = (report.text or "")[:MAX_CHARS]
        doc = build_document(text, lang, self.morphology[lang], report.published_at, report.source)
        doc.regions = find_regions(doc.folded)
        doc.times = find_times(doc.folded, text, report.published_at, lang)
        add_number_layer(doc)
        return doc

    def _extract(self, report: Report) -> Extraction:
        warnings: list[str] = []
        if len(report.text or "") > MAX_CHARS:
            warnings.append(f"text truncated to {MAX_CHARS} characters for extraction")
        doc = self.read(report)
        ctx = Reading(doc)
        frontline_cues = len(L.FRONTLINE.spans(doc))
        ctx.digest = bool(L.DIGEST.search(doc.folded)) and frontline_cues >= 1
        ctx.frontline = frontline_cues >= 2
        cands = _read_sentences(ctx)
        harmed = L.HARM.search(doc.folded) or L.HARM_VERB.search(doc) or L.DAMAGE_VERB.search(doc)
        if L.EXERCISE.search(doc) and not harmed:
            cands = []
        cands = without_denied(doc, cands)  # a denial refutes its own sentence's attack, or a harmless report
        self._add_toponyms(ctx, cands)
        self._add_speech(doc)
        cands = resolve_generic(cands, ctx)
        events = finish(ctx, cands, doc.attributions, self.places)
        events = drop_recalled(events, report.published_at)
        events = absorb_totals(_merged(events, doc))
        if report.published_at:
            events = [e for e in events if not is_stale(e, report.published_at)]
        return Extraction(
            report=report, events=events, quotes=doc.quotes, warnings=warnings, relevant=bool(events)
        )

    def _add_toponyms(self, ctx: Reading, cands: list[Candidate]) -> None:
        """Gazetteer toponyms of the sentences with events that need a place.

        The gazetteer runs only when there are such events (an interception already tied to
        its region by the ministry list needs none).
        """
        needs_geo = [
            c
            for c in cands
            if c.type not in ("outcome", "launch") and not (c.type == "interception" and c.regions)
        ]
        # an outcome with casualties may be told of another settlement (``finish._harm_elsewhere``)
        hurt = [c for c in cands if c.type == "outcome" and any(v and v.value for v in (c.killed, c.injured))]
        if not needs_geo:
            return
        doc = ctx.doc
        wanted = {c.sent for c in needs_geo + hurt} | {0}
        # Latin-script words of a Russian or Ukrainian text are model names and brands («FPV», «HIMARS»),
        # never its places: blanked (offsets kept) so that «Нікополь FPV-дронами» is not read as one name
        geo_text = _LATIN_WORD.sub(
            lambda m: " " * len(m.group(0)), blank_except(doc.text, doc.sentences, wanted)
        )
        morph = doc.morphology
        doc.toponyms = [
            p
            for p in self.places.toponyms(geo_text, doc.language)
            if not any(r.start <= p.span[0] < r.end for r in doc.regions)
            and plausible_toponym(p)
            and not (
                len(p.mention.split()) == 1
                and morph.is_adjective(p.mention)
                and not _name_ends(doc, p.span[1])
            )
        ]

    def _add_speech(self, doc: Document) -> None:
        """Entities (NER only on the sentences that quote or attribute speech), attributions, quotes."""
        lang = doc.language
        speech = speech_only(doc.clean, doc.folded, doc.sentences, doc.regions, doc.morphology.is_plain_word)
        doc.entities = SpeakerFinder(self.nat, lang).entities(speech)
        link_surnames(doc.entities)
        doc.attributions = find_attributions(doc.text, doc.folded, doc.entities, lang)
        doc.quotes = find_quotes(RuUkSpeech(doc.text, doc.entities, lang, doc.attributions))


_LATIN_WORD = re.compile(r"(?<![^\W\d_])[A-Za-z]+(?![^\W\d_])")
_NEXT_WORD = re.compile(r"\s*([^\W\d_][\w'’-]*)")
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "loc2")
_MODIFIED = ("NOUN", "ADJF", "PRTF", "NUMR", "UNKN")  # what an adjective before it may modify (or may be)
_STOP = re.compile(r"\s*(?:[.,;:!?)»\"”]|[-–—]\s|$)")


def _name_ends(doc: Document, end: int) -> bool:
    """What follows a word that reads as an adjective shows it is a place's name in its case: a stop, or a
    word that is no noun or adjective it would modify (a verb, a preposition, an adverb: «у Краматорську.»,
    «у Покровську загинули», «у Краматорську внаслідок удару»), not «Курской области», «Київської міської
    адміністрації»."""
    if _STOP.match(doc.text, end):
        return True
    m = _NEXT_WORD.match(doc.text, end)
    if not m:
        return False
    morph = doc.morphology
    nxt = morph.tags(m.group(1).lower(), 6)
    if not any(x in nxt[0] for x in _MODIFIED):
        return True
    # «атакував Кропивницький дронами»: an adjective agrees in case with the word it modifies
    own = {c for t in morph.tags(doc.text[:end].split()[-1].lower(), 6) if "ADJF" in t for c in _cases(t)}
    return bool(own) and not own & {c for t in nxt for c in _cases(t)}


def _cases(tag: str) -> set[str]:
    return {c for c in _CASES if c in tag}


def _read_sentences(ctx: Reading) -> list[Candidate]:
    """Event candidates of every sentence, in order (a sentence may continue the list before it)."""
    cands: list[Candidate] = []
    prev_intercept = False
    folded = ctx.doc.folded
    attack: Candidate | None = None  # a weaponless attack told without harm, awaiting its harm
    for si, s in enumerate(ctx.doc.sentences):
        got = read_sentence(ctx, si, s, prev_intercept)
        if all(c.type == "outcome" for c in got):
            got = more_hits(ctx, si, s, cands) + got
        prev_intercept = any(c.type == "interception" and not c.implied for c in got) or (
            prev_intercept and not got and not folded[s.start : s.end].strip()
        )
        if got:
            # "Місто було атаковане. […] Пошкоджено вікна.": the harm that follows, with nothing between,
            # is the attack's outcome; the attack sentence gives the event its place and time
            if (
                attack is not None
                and si - attack.sent <= BARE_ATTACK_REACH
                and all(_harm_only(c) for c in got)
            ):
                cands.append(attack)
                for c in got:
                    c.type = "outcome"  # "… произошли попадания, повреждены окна": the hits of that attack
            attack = None
        elif si in ctx.bare_attacks:
            attack = ctx.bare_attacks[si]
        cands.extend(got)
    if any(c.type == "interception" and not c.implied for c in cands):
        # «Ночью над городом работала ПВО, сбито четыре беспилотника»: the downing is told as such
        cands = [c for c in cands if not c.implied]
    return cands


BARE_ATTACK_REACH = 3  # sentences after a bare attack in which its harm may follow


def _harm_only(c: Candidate) -> bool:
    """An outcome, or a weaponless hit told with its harm: what a bare attack just before it led to."""
    return c.type == "outcome" or (c.generic and c.weak and c.weapon is None and c.type == "drone_strike")


def _blas_one_thread() -> Callable[[], AbstractContextManager[object]]:
    """A factory of contexts that keep numpy's BLAS (slovnet's NER convolutions) on one thread.

    The NER model multiplies matrices of a few dozen rows; on such sizes a multi-threaded
    OpenBLAS spends far more CPU starting and spinning its threads than computing (measured
    here: 25x the CPU time per convolution on a loaded two-core machine). Reports are
    processed one per core anyway, so one BLAS thread per report is the efficient setting.
    Where no BLAS library is found the contexts do nothing.
    """
    controller = ThreadpoolController()
    if not controller.select(user_api="blas").lib_controllers:
        return nullcontext
    return lambda: controller.limit(limits=1, user_api="blas")


def _merged(events: list[EventMention], doc: Document) -> list[EventMention]:
    """Events of one type and place merged (``merge_events``), the report's news apart from the earlier
    attacks its recalls tell («Напомним, 5 октября беспилотник атаковал Белгород. … В Белгороде
    беспилотник атаковал автомобиль»): an attack told in a recall sentence and dated more than a day
    before publication is another attack than the news, wherever the recall stands."""
    recalls = [(s.start, s.end) for s in doc.sentences if opens_on_recall(s.text)]
    old = [
        e
        for e in events
        if e.spans
        and earlier_than_news(e.time, doc.published_at)
        and any(a <= min(e.spans)[0] < b for a, b in recalls)
    ]
    news = [e for e in events if not any(e is o for o in old)]
    published = doc.published_at
    lead = lead_end(doc.text)
    unit_of = _community_of(doc)
    merged = merge_events(merge_series(news, doc.folded), published, lead, unit_of) + merge_events(
        old, published, lead, unit_of
    )
    return sorted(merged, key=lambda e: min(e.spans) if e.spans else (0, 0))


def _community_of(doc: Document) -> Callable[[Place], str | None]:
    """A place's key as a community (a district named with the pack's ``COMMUNITY`` word, «Шалигинська
    громада», «Краснопільської громади»: its words' dictionary forms), None for any other place."""
    morph = doc.morphology

    def key(p: Place) -> str | None:
        words = p.mention.lower().split()
        if p.kind != "district" or not any(L.COMMUNITY.has_word(morph.lemmas(w)) for w in words):
            return None
        return " ".join(morph.lemma(w) for w in words)

    return key
