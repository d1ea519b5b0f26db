"""English extraction: ``EnglishPipeline()(report) -> Extraction``."""

from skylog.extract.en.pipeline import EnglishPipeline

__all__ = ["EnglishPipeline"]
