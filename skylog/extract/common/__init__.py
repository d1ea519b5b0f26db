"""Language-neutral extraction helpers shared by the English and Russian/Ukrainian pipelines.

- ``prefilter``: cheap keyword relevance test over raw text (EN/RU/UK; stems from the packs).
- ``numbers``: the numbers layer (``doc.numbers``): every numeral with its value, qualifier, range,
  "N of M" and whether it is a designation (model number, year, time, date, measure), from pack data.
- ``hedges``: hedge words (each pack's ``[patterns.hedges]``) -> Claim hedge.
- ``quotes``: the quotes-and-speakers stage (quote spans -> ``Quote`` records with speakers); a
  language answers it through a ``SpeechReader``.
- ``timex``: time expressions normalised against ``published_at``.
- ``places``: adapter to ``skylog.geo`` with an unresolved fallback.
- ``assemble``: merge per-sentence event mentions into one event per incident and region.
"""
