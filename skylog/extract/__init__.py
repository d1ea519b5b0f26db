"""Extraction: Report -> Extraction (event mentions, quotes, claims, with spans).

``Extractor`` loads the language models once and routes each report to the
pipeline for its language. English lives in ``skylog.extract.en``; Russian
and Ukrainian in ``skylog.extract.ruuk``. Both return the same records.
"""

from __future__ import annotations

from skylog.records import Extraction, Report

SUPPORTED_LANGUAGES = ("en", "ru", "uk")


class Extractor:
    """Holds loaded pipelines; build once per batch, call ``extract`` per report."""

    def __init__(self) -> None:
        self._pipelines: dict[str, object] = {}

    def _pipeline(self, language: str):
        family = "ruuk" if language in ("ru", "uk") else "en"
        if family not in self._pipelines:
            if family == "ruuk":
                from skylog.extract.ruuk import RuUkPipeline

                self._pipelines[family] = RuUkPipeline()
            else:
                from skylog.extract.en import EnglishPipeline

                self._pipelines[family] = EnglishPipeline()
        return self._pipelines[family]

    def extract(self, report: Report) -> Extraction:
        pipeline = self._pipeline(report.language)
        result: Extraction = pipeline(report)  # type: ignore[operator]
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
