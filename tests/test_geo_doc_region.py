"""The document's own first-level unit (issue #16, one level below the frame's countries): a name
that could lie in many regions leans to the one most other names of the text are read in."""

from __future__ import annotations

from gazetteer_entries import entry

from skylog.geo import joint as J
from skylog.geo.gazetteer import Candidate, Entry
from skylog.records import Place


def _town(i: int, a1: int, lat: float, level: int = 3) -> Entry:
    return entry(i, "US", a1 if level != 1 else None, level, name=f"T{i}", admin1_code=f"US-{a1}",
                 admin1=f"S{a1}", lat=lat, lon=-90.0, population=5_000)  # fmt: skip


def _read(names: list[str], cands: list[list[Candidate]]) -> list[Candidate | None]:
    text = ". ".join(names) + "."
    spans, pos = [], 0
    for n in names:
        spans.append((pos, pos + len(n)))
        pos += len(n) + 2
    mentions = [Place(mention=n, span=s) for n, s in zip(names, spans, strict=True)]
    return J.joint(mentions, cands, text, "en")


def _doc(others: list[int]) -> tuple[list[str], list[list[Candidate]]]:
    # "Kent" is a bigger town in region 100 and a smaller one in region 200; the other names are
    # each read in one region, far apart (no neighbours), as a state-wide report spreads them
    kent = [Candidate(_town(1, 100, 30.0), "kent", 0, 8.0), Candidate(_town(2, 200, 40.0), "kent", 0, 4.0)]
    names, cands = ["Kent"], [kent]
    for k, a1 in enumerate(others):
        names.append(f"Town{k}")
        cands.append([Candidate(_town(10 + k, a1, 42.0 + 2 * k), f"town{k}", 0, 5.0)])
    return names, cands


def test_a_name_of_many_regions_leans_to_the_documents_own_region():
    names, cands = _doc([200, 200, 200])
    assert _read(names, cands)[0].entry.a1 == 200
    # without the document's region the other names' context alone does not outweigh the prior
    w = J.W_DOC_REGION
    try:
        J.W_DOC_REGION = 0.0
        assert _read(*_doc([200, 200, 200]))[0].entry.a1 == 100
    finally:
        J.W_DOC_REGION = w


def test_no_document_region_without_a_clear_lead():
    # two names in region 200, two in region 300: the text has no single home region
    names, cands = _doc([200, 200, 300, 300])
    assert _read(names, cands)[0].entry.a1 == 100


def test_a_region_name_is_not_pulled_to_a_namesake_town_in_the_documents_region():
    # "Texas" in a report on Missouri towns is the state, not Texas County of Missouri
    names, cands = _doc([200, 200, 200])
    state = Candidate(_town(3, 0, 31.0, level=1), "kent", 0, 8.0)
    cands[0] = [state, Candidate(_town(2, 200, 40.0, level=2), "kent", 0, 4.0)]
    assert _read(names, cands)[0].entry.id == 3
