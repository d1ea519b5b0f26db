"""Extraction: Report -> Extraction (event mentions, quotes, claims, with spans).

``Extractor`` loads the language models once and routes each report to the pipeline for its
language: English in ``skylog.extract.en``; Russian and Ukrainian in ``skylog.extract.ruuk``,
which reads each report once into a ``skylog.nlp.Document`` and annotates it stage by stage.
The vocabulary of both lives in data files, the language packs of ``skylog.extract.packs``.
Both pipelines return the same records; ``common.anchor`` then re-dates a follow-up's events to the
day the report ties to the attack (not the day it speaks).
"""

from __future__ import annotations

from collections.abc import Callable

from skylog.extract import learned
from skylog.extract.common.anchor import anchor_events, day_refs, mark_statements
from skylog.extract.common.calendar import undated_warning
from skylog.extract.common.clocks import anchor_clocks
from skylog.extract.common.dayparts import mark_parts
from skylog.extract.common.places import recording_geo_failures
from skylog.extract.common.tolls import reconcile_tolls
from skylog.extract.en import EnglishPipeline
from skylog.extract.ruuk import RuUkPipeline
from skylog.records import Extraction, Report

Pipeline = Callable[[Report], Extraction]

SUPPORTED_LANGUAGES = ("en", "ru", "uk")


class Extractor:
    """Holds loaded pipelines; build once per batch, call ``extract`` per report."""

    def __init__(self, learned: bool = True) -> None:
        self._pipelines: dict[str, Pipeline] = {}
        self._learned = learned  # False: the rules' output alone (what the learned models train on)

    def _pipeline(self, language: str) -> Pipeline:
        """The pipeline of a language's family, built (models loaded) on first use."""
        family = "ruuk" if language in ("ru", "uk") else "en"
        if family not in self._pipelines:
            self._pipelines[family] = RuUkPipeline() if family == "ruuk" else EnglishPipeline()
        return self._pipelines[family]

    def extract(self, report: Report) -> Extraction:
        pipeline = self._pipeline(report.language)
        with recording_geo_failures() as geo_failures:
            result = pipeline(report)
        result.warnings.extend(geo_failures)
        # a toll the lead tells and the body's events restate is counted once
        reconcile_tolls(result.events, report.text)
        # a follow-up's events take the day the report ties to the attack, not the day it speaks
        refs = None  # the report's day references, read once for anchoring and statement days
        try:
            refs = day_refs(report.text, report.published_at, report.language)
            anchor_events(result.events, report.text, report.published_at, report.language, refs)
        except Exception as exc:  # odd text never costs the report its events: they keep their own times
            result.warnings.append(f"time anchoring skipped: {exc}")
        # a clock told alone in an event's sentence ("at 19:40 a drone hit"): that hour on the report's day
        anchor_clocks(result.events, report.text, report.published_at, report.language)
        # a day that is only a statement's ("reported on 25 September") bounds the event, never dates it
        if refs is not None:
            mark_statements(result.events, report.text, report.published_at, report.language, refs)
        # the part of the day each event's time names (night, morning, afternoon, evening), beside its date
        mark_parts(result.events, report.text)
        # the learned decisions read the anchored times (time precision is one of their features)
        if self._learned:
            result = learned.apply(result)
        undated = undated_warning(result.events, report.published_at)
        if undated:
            result.warnings.append(undated)
        if report.language not in SUPPORTED_LANGUAGES:
            result.warnings.append(f"language {report.language!r} is not supported; English rules applied")
        return result


_default: Extractor | None = None


def extract(report: Report) -> Extraction:
    """Extract with a process-wide Extractor (models load on first use)."""
    global _default
    if _default is None:
        _default = Extractor()
    return _default.extract(report)
