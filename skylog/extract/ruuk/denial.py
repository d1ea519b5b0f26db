"""The scope of a denial («информация … не соответствует действительности», «спростував заяву»).

A denial refutes the attack it is about, not the report that tells it. A report that leads with a
denial, or tells no harm outside its denial's sentences, is a denial report: it keeps no candidates
(«Інформація про нібито влучання ракети в Житомирі не відповідає дійсності»). A later denial in a
report that tells harm elsewhere («… 46 поранених … Генштаб спростував заяву росіян») refutes only
what its own sentence tells: the candidates of that sentence go, the report's attack stays.
"""

from __future__ import annotations

from skylog.extract.ruuk import lexicon as L
from skylog.extract.ruuk.reading import Candidate
from skylog.nlp.document import Document


def denied_sentences(doc: Document) -> set[int]:
    """Indexes of the sentences holding a denial cue (the pack's ``REPORT_DENIAL``)."""
    return {s.index for s in doc.sentences if L.REPORT_DENIAL.search(doc.folded, s.start, s.end)}


def _harm_outside(doc: Document, denied: set[int]) -> bool:
    """Does a sentence without a denial tell harm (killed, injured, damaged)?"""
    for s in doc.sentences:
        if s.index in denied:
            continue
        if (
            L.HARM.search(doc.folded, s.start, s.end)
            or L.HARM_VERB.search(doc, s.start, s.end)
            or L.DAMAGE_VERB.search(doc, s.start, s.end)
        ):
            return True
    return False


def without_denied(doc: Document, cands: list[Candidate]) -> list[Candidate]:
    """The candidates a report's denials leave: none in a denial report, else all but the denial's own."""
    denied = denied_sentences(doc)
    if not denied:
        return cands
    if 0 in denied or not _harm_outside(doc, denied):
        return []
    return [c for c in cands if c.sent not in denied]
