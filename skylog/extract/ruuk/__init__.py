"""Russian and Ukrainian extraction (issue 8): native rules over natasha and pymorphy3."""

from skylog.extract.ruuk.pipeline import RuUkPipeline

__all__ = ["RuUkPipeline"]
