"""The English pipeline reads one ``Document``: sentences once, entities and places as its layers."""

from __future__ import annotations

from skylog.extract.en import EnglishPipeline
from skylog.extract.en.sentences import split_sentences
from skylog.ingest.common import make_report
from skylog.nlp.english import english_morphology
from skylog.nlp.segment import rule_sentences


def test_rule_sentences_keep_offsets_index_and_abbreviations():
    text = "Gov. Vyacheslav Gladkov said two drones fell.\nA fire broke out. Nobody was hurt."
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "Gov. Vyacheslav Gladkov said two drones fell.",
        "A fire broke out.",
        "Nobody was hurt.",
    ]
    assert [s.index for s in sents] == [0, 1, 2]
    assert [s.paragraph for s in sents] == [0, 1, 1]
    assert all(text[s.start : s.end] == s.text for s in sents)
    # the abbreviations are the caller's: without "gov" the full stop ends a sentence
    assert rule_sentences(text, frozenset())[0].text == "Gov."


def test_english_document_is_read_once_and_annotated():
    pipe = EnglishPipeline(lazy_ner=False)
    report = make_report(
        'Russian drones struck Kharkiv overnight, Mayor Ihor Terekhov said. "Two people were injured," he wrote.',
        source="t",
        language="en",
    )
    doc = pipe.read(report)
    assert doc.language == "en" and [s.index for s in doc.sentences] == list(range(len(doc.sentences)))
    assert doc.tokens_in(doc.sentences[0].start, doc.sentences[0].end)[0].text == "russian"
    ex = pipe(report)
    assert ex.events and ex.quotes
    assert any(q.speaker and "Terekhov" in q.speaker for q in ex.quotes)


def test_english_lemmas_come_from_the_word_tables():
    m = english_morphology()
    assert [m.lemma(w) for w in ("struck", "drones", "injuring", "Shaheds", "12")] == [
        "strike",
        "drone",
        "injure",
        "shahed",
        "12",
    ]


def test_each_sentence_time_is_read_once_into_the_time_layer():
    from datetime import UTC, datetime

    from skylog.extract.en.timexpr import add_time_layer, times_by_sentence

    pipe = EnglishPipeline(use_model=False, use_geo=False)
    report = make_report(
        "Drones attacked Odesa overnight. The governor said on Friday that two people were hurt. No time here.",
        source="t",
        language="en",
        published_at=datetime(2024, 5, 10, 8, tzinfo=UTC),
    )
    doc = pipe.read(report)
    add_time_layer(doc)
    by_sentence = times_by_sentence(doc)
    assert set(by_sentence) == {0, 1}  # the third sentence names no time
    assert by_sentence[0].text.lower().startswith("overnight") and not by_sentence[0].weak
    assert by_sentence[1].weak  # only the day the statement was made
    assert all(
        doc.sentences[i].start <= t.start < doc.sentences[i].end
        for i, t in zip(by_sentence, doc.times, strict=True)
    )


def test_a_sentence_reading_is_computed_once_per_document():
    pipe = EnglishPipeline(use_model=False, use_geo=False)
    report = make_report(
        "Two drones hit a depot on Monday. The mayor spoke at noon.", source="t", language="en"
    )
    calls: list[str] = []

    def read(text: str) -> int:
        calls.append(text)
        return len(calls)

    doc = pipe.read(report)
    first, second = doc.sentences[0], doc.sentences[1]
    assert doc.per_sentence(read, first) == doc.per_sentence(read, first) == 1
    assert doc.per_sentence(read, second) == 2
    assert calls == [first.text, second.text]
    # another document (the next report) reads its sentences afresh
    assert pipe.read(report).per_sentence(read, first) == 3


def test_sentence_times_are_read_once_in_document_offsets():
    from skylog.extract.en import timexpr

    pipe = EnglishPipeline(use_model=False, use_geo=False)
    text = "Drones hit the port on Tuesday. After the strike on Monday, a fire burned until 4:30."
    doc = pipe.read(make_report(text, source="t", language="en"))
    timexpr.add_time_layer(doc)
    _, second = doc.sentences
    assert [text[t.start : t.end] for t in doc.times][:1] == ["on Tuesday"]
    got = timexpr._times_of(doc, second)
    assert got == timexpr.find_times(second.text, second.start)
    assert all(text[s:e].strip() == x for s, e, x, _ in got) and any(x.endswith("Monday") for *_, x, _ in got)
    assert timexpr._times_of(doc, second) == got  # asked again (recalled days): the same, read once


def test_fold_one_character_for_one_and_the_table_bounded() -> None:
    from skylog.nlp import text as T

    raw = "**Ёлка** — Kyiv’s “drone” [map](https://x.ua/a1)\u00a0👍 OK"
    low, keep = T.fold(raw), T.fold(raw, lower=False)
    assert len(low) == len(keep) == len(raw)
    assert low[:26] == "".join(T._fold_char(c) for c in raw[:26])  # the table reads as _fold_char does
    assert "елка" in low and "kyiv's" in low and "https" not in low and "👍" not in low
    assert "Kyiv's" in keep and "Елка" in keep
    many = "".join(chr(i) for i in range(0x4E00, 0x4E00 + T._FOLD_TABLE_MAX + 50))
    assert T.fold(many) == "".join(T._fold_char(c) for c in many)
    assert len(T._FOLD_TABLES[True]) <= T._FOLD_TABLE_MAX
