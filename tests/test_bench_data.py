"""Checks on skylog's own labelled extraction corpora (bench/data/*.jsonl).

The labels are the truth the extractor is measured against, so a malformed line, a quote start that does
not occur in its text, or a count stored as a string would silently corrupt every benchmark number.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "bench" / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "bench" / "extract"
FILES = {"extract-dev.jsonl": {"en"}, "ruuk-dev.jsonl": {"ru", "uk"}}

TOP_KEYS = {"id", "source_url", "source_title", "published", "language", "text", "gold"}
OPTIONAL_TOP_KEYS = {"origin"}
GOLD_KEYS = {"is_attack_report", "events", "quotes"}
EVENT_KEYS = {
    "type",
    "country",
    "admin1",
    "admin2",
    "settlement",
    "date",
    "count",
    "killed",
    "injured",
    "perpetrator_claimed",
    "claimed_by",
}
TYPES = {"interception", "drone_strike", "missile_strike", "air_strike", "shelling", "debris_fall"}
ORIGINS = {"real excerpt", "written for skylog"}
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# English admin1 names for Russia and Ukraine, in the forms the shared scorer maps to ISO 3166-2.
RU_UA_ADMIN1 = {
    "Belgorod Oblast",
    "Bryansk Oblast",
    "Kursk Oblast",
    "Crimea",
    "Rostov Oblast",
    "Kaluga Oblast",
    "Krasnodar Krai",
    "Volgograd Oblast",
    "Oryol Oblast",
    "Smolensk Oblast",
    "Voronezh Oblast",
    "Moscow Oblast",
    "Moscow",
    "Tula Oblast",
    "Ryazan Oblast",
    "Saratov Oblast",
    "Samara Oblast",
    "Republic of Tatarstan",
    "Nizhny Novgorod Oblast",
    "Yaroslavl Oblast",
    "Lipetsk Oblast",
    "Vladimir Oblast",
    "Republic of Bashkortostan",
    "Leningrad Oblast",
    "Tambov Oblast",
    "Tver Oblast",
    "Pskov Oblast",
    "Novgorod Oblast",
    "Ivanovo Oblast",
    "Kostroma Oblast",
    "Penza Oblast",
    "Astrakhan Oblast",
    "Kalmykia",
    "Stavropol Krai",
    "Republic of Adygea",
    "Chechnya",
    "Dagestan",
    "Saint Petersburg",
    "Sevastopol",
    "Kyiv",
    "Kyiv Oblast",
    "Kharkiv Oblast",
    "Odesa Oblast",
    "Dnipropetrovsk Oblast",
    "Zaporizhzhia Oblast",
    "Sumy Oblast",
    "Chernihiv Oblast",
    "Mykolaiv Oblast",
    "Kherson Oblast",
    "Donetsk Oblast",
    "Luhansk Oblast",
    "Lviv Oblast",
    "Poltava Oblast",
    "Vinnytsia Oblast",
    "Zhytomyr Oblast",
    "Cherkasy Oblast",
    "Kirovohrad Oblast",
    "Khmelnytskyi Oblast",
    "Rivne Oblast",
    "Volyn Oblast",
    "Ternopil Oblast",
    "Ivano-Frankivsk Oblast",
    "Chernivtsi Oblast",
    "Zakarpattia Oblast",
}
SEAS = {"Black Sea", "Sea of Azov", "Caspian Sea", "Red Sea"}


def _load(name: str) -> list[dict]:
    path = DATA / name
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:  # pragma: no cover - the failure message is the point
            pytest.fail(f"{name}:{n}: not JSON ({exc})")
    return rows


@pytest.fixture(scope="module", params=sorted(FILES))
def corpus(request) -> tuple[str, list[dict]]:
    return request.param, _load(request.param)


def _is_int_or_none(v) -> bool:
    return v is None or (isinstance(v, int) and not isinstance(v, bool) and v >= 0)


def _script_share(text: str) -> tuple[float, float]:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0, 0.0
    latin = sum("a" <= c.lower() <= "z" for c in letters) / len(letters)
    cyr = sum("\u0400" <= c <= "\u04ff" for c in letters) / len(letters)
    return latin, cyr


def test_schema_keys_and_types(corpus):
    name, rows = corpus
    for r in rows:
        where = f"{name}:{r.get('id')}"
        assert TOP_KEYS <= set(r) <= TOP_KEYS | OPTIONAL_TOP_KEYS, where
        assert r["language"] in FILES[name], where
        assert isinstance(r["text"], str) and r["text"].strip(), where
        assert r["published"] is None or DATE_RE.match(r["published"]), where
        assert r["source_url"] is None or r["source_url"].startswith("http"), where
        gold = r["gold"]
        assert set(gold) == GOLD_KEYS, where
        assert isinstance(gold["is_attack_report"], bool), where
        assert gold["is_attack_report"] == bool(gold["events"]), f"{where}: relevance must match events"
        for e in gold["events"]:
            assert set(e) == EVENT_KEYS, where
            assert e["type"] in TYPES, f"{where}: type {e['type']!r}"
            for k in ("count", "killed", "injured"):
                assert _is_int_or_none(e[k]), f"{where}: {k}={e[k]!r}"
            for k in ("country", "admin1", "admin2", "settlement", "perpetrator_claimed", "claimed_by"):
                assert e[k] is None or (isinstance(e[k], str) and e[k].strip()), f"{where}: {k}"
            assert e["country"] is None or re.fullmatch(r"[A-Z]{2}", e["country"]), where
        for q in gold["quotes"]:
            assert set(q) == {"speaker", "text_start"}, where
            assert q["speaker"].strip() and q["text_start"].strip(), where


def test_ids_unique_and_well_formed(corpus):
    name, rows = corpus
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), [i for i, c in Counter(ids).items() if c > 1]
    for r in rows:
        assert re.fullmatch(rf"skl-{r['language']}-\d{{3}}", r["id"]), r["id"]


def test_quote_starts_occur_in_text(corpus):
    name, rows = corpus
    for r in rows:
        for q in r["gold"]["quotes"]:
            assert q["text_start"] in r["text"], f"{name}:{r['id']}: {q['text_start']!r}"


def test_language_matches_script(corpus):
    name, rows = corpus
    for r in rows:
        latin, cyr = _script_share(r["text"])
        where = f"{name}:{r['id']}"
        if r["language"] == "en":
            assert latin > 0.9, where
        else:
            assert cyr > 0.8, where
            if r["language"] == "uk":
                assert re.search(r"[іїєґІЇЄҐ]", r["text"]), f"{where}: no Ukrainian letters"
                assert not re.search(r"[ыэъЫЭЪ]", r["text"]), f"{where}: Russian letters in a uk text"
            else:
                assert not re.search(r"[іїєґІЇЄҐ]", r["text"]), f"{where}: Ukrainian letters in a ru text"


def test_event_dates_are_consistent_with_publication(corpus):
    name, rows = corpus
    for r in rows:
        for e in r["gold"]["events"]:
            if not e["date"]:
                continue
            assert DATE_RE.match(e["date"]), f"{name}:{r['id']}"
            day = dt.date.fromisoformat(e["date"])
            assert dt.date(2022, 1, 1) <= day <= dt.date(2026, 12, 31), f"{name}:{r['id']}"
            if r["published"]:
                pub = dt.date.fromisoformat(r["published"])
                assert dt.timedelta(0) <= pub - day <= dt.timedelta(days=31), (
                    f"{name}:{r['id']}: {day} vs {pub}"
                )


def test_regions_use_scorer_names(corpus):
    """Russian and Ukrainian regions must be the English names the scorer maps; Crimea/Sevastopol are UA."""
    name, rows = corpus
    for r in rows:
        for e in r["gold"]["events"]:
            where = f"{name}:{r['id']}: {e['admin1']!r}"
            if e["country"] in ("RU", "UA") and e["admin1"]:
                assert e["admin1"] in RU_UA_ADMIN1, where
            if e["admin1"] in ("Crimea", "Sevastopol"):
                assert e["country"] == "UA", where
            if e["admin1"] in SEAS:
                assert e["country"] is None, where


def test_provenance_is_marked(corpus):
    name, rows = corpus
    for r in rows:
        where = f"{name}:{r['id']}"
        assert r.get("origin") in ORIGINS, where
        if r["origin"] == "real excerpt":
            assert r["source_url"], where
            assert len(r["text"].split()) <= 130, f"{where}: real excerpts stay short"
        else:
            assert r["source_url"] is None, where


def test_corpus_sizes_and_balance():
    en = _load("extract-dev.jsonl")
    ruuk = _load("ruuk-dev.jsonl")
    assert len(en) >= 110
    assert sum(not r["gold"]["is_attack_report"] for r in en) >= 30
    assert len(ruuk) >= 100
    langs = Counter(r["language"] for r in ruuk)
    assert langs["ru"] >= 40 and langs["uk"] >= 40, langs
    assert sum(not r["gold"]["is_attack_report"] for r in ruuk) >= 20
    for rows in (en, ruuk):
        types = Counter(e["type"] for r in rows for e in r["gold"]["events"])
        assert set(types) >= TYPES - {"air_strike"} and len(types) >= 5, types


def test_no_text_copied_from_shared_evaluation_sets():
    """The shared sets are for evaluation only; none of their passages may appear in ours."""
    files = [SHARED / "reports-dev.jsonl", SHARED / "mod-russia-dev.jsonl"]
    if not all(f.exists() for f in files):
        pytest.skip("shared evaluation sets not present")
    norm = lambda s: re.sub(r"\s+", " ", s)  # noqa: E731
    shared = [
        norm(json.loads(line)["text"]) for f in files for line in f.open(encoding="utf-8") if line.strip()
    ]
    window = 150
    shingles = {t[i : i + window] for t in shared for i in range(0, max(1, len(t) - window), 25)}
    for name in FILES:
        for r in _load(name):
            t = norm(r["text"])
            hits = [
                t[i : i + window] for i in range(0, max(1, len(t) - window)) if t[i : i + window] in shingles
            ]
            assert not hits, f"{name}:{r['id']} repeats a shared passage: {hits[0][:60]!r}"
