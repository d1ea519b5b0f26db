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
