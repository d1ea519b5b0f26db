"""Patterns behind the gate of their own words: the words every match needs, and the same matches."""

from __future__ import annotations

import re

import pytest

from skylog.extract.common.gated import WordGated, gate_words, word_gated


def test_gate_words_of_an_alternation_and_a_sequence():
    assert gate_words(re.compile(r"(?i)\b(?:shelled|struck|bombed)\b")) == ("bombed", "shelled", "struck")
    # the optional part is not needed; the longest needed stretch is chosen
    assert gate_words(re.compile(r"(?:heavy\s+)?artillery\s+fire", re.I)) == ("artillery",)
    # a stretch with few spellings is spelled out; a word that holds another adds nothing
    assert gate_words(re.compile(r"drones?|uavs?")) == ("drone", "uav")


def test_no_gate_where_a_match_needs_no_word():
    assert gate_words(re.compile(r"(?i)killed|^\W*\d")) is None  # one branch is a digit
    assert gate_words(re.compile(r"\d+\s+\w+")) is None
    assert gate_words(re.compile(r"(?i)a|be|of")) is None  # words too short to gate
    assert word_gated(re.compile(r"\d+")).__class__ is re.Pattern


SENTENCES = [
    "Two people were killed and five wounded when drones struck Kharkiv overnight.",
    "The regional governor said nobody was hurt.",
    "KILLED: 3. The shelling continued into the morning.",
    "\u212ailled in the strike were two men.",  # a Kelvin sign: case-insensitively a "k"
    "Ży\u0301tomyr reported no casualties; the air raid alert ended at 4:30.",
    "",
]
PATTERNS = [
    r"(?i)\b(?:killed|wounded|hurt)\b",
    r"(?i)(?P<n>\d+|two|five)\s+(?:people\s+)?(?:were\s+)?(?:killed|wounded)",
    r"(?:KILLED|shelling)",
    r"(?i)no\s+(?:casualties|injuries)",
]


@pytest.mark.parametrize("source", PATTERNS)
def test_gated_pattern_matches_exactly_as_the_pattern(source):
    plain = re.compile(source)
    gated = WordGated(plain)
    assert gated.words
    for text in SENTENCES:
        assert [m.span() for m in gated.finditer(text)] == [m.span() for m in plain.finditer(text)]
        g, p = gated.search(text), plain.search(text)
        assert (g.span() if g else None) == (p.span() if p else None)
        assert gated.sub("#", text) == plain.sub("#", text)
        assert gated.findall(text) == plain.findall(text)
        assert bool(gated.match(text)) == bool(plain.match(text))
    assert gated.pattern == plain.pattern and gated.groupindex == plain.groupindex


def test_kelvin_sign_text_is_still_scanned():
    gated = WordGated(re.compile(r"(?i)killed"))
    assert gated.search("\u212ailled") is not None  # not skipped for lacking the ASCII word


def test_one_text_through_many_gates_and_the_lowered_copy_bounded():
    from skylog.extract.common.gated import _lowered

    text = "Rockets HIT the depot; Two were Wounded."
    gates = [WordGated(re.compile(p)) for p in (r"(?i)wounded", r"(?i)killed", r"(?i)\bhit\b", r"shelled")]
    assert [bool(g.search(text)) for g in gates] == [True, False, True, False]
    assert [bool(g.search(text)) for g in gates] == [True, False, True, False]  # again, from the lowered copy
    assert _lowered("Kyiv \u00c9tat") is None  # a non-ASCII letter: always scanned
    assert _lowered.cache_info().maxsize is not None


@pytest.mark.parametrize(
    "source",
    [
        r"(?i)drone|missile|shot down|^\W*\d",
        r"(?i)\d|night|day|yesterday",
        r"(?i)a[|]b|c\|d|[]|x]yz|(?:k|q)ill|\bwar\b",
        r"(?i)[^]a]bc|(x|y)z|drone[- ]?s",
        r"KILLED|wounded",  # case-sensitive: searched as it is
    ],
)
def test_presence_answers_as_the_pattern_search(source):
    from skylog.extract.common.gated import Presence

    plain = re.compile(source)
    has = Presence(plain)
    texts = [
        *SENTENCES,
        "Shot DOWN over the sea",
        "a|b",
        "c|d here",
        "]yz",
        "Qill",
        "the war ended",
        "3 of them",
        "  7 drones",
        "Drone-s",
        "DRONE S",
        "killed",
        "\u212aill",
        "x]yz",
        "abc",
        "zbc",
    ]
    for text in texts:
        assert has(text) == bool(plain.search(text)), text
    assert Presence(re.compile(r"(?i)drone|uav|\d")).words == ("drone", "uav")  # the words looked up directly


def test_patterns_with_one_gate_share_its_answer_for_a_text():
    from skylog.extract.common.gated import _lowered

    a = WordGated(re.compile(r"(?i)\b(?:shelled|struck)\s+\w+"))
    b = WordGated(re.compile(r"(?i)(?:shelled|struck)\b"))
    c = WordGated(re.compile(r"(?i)\bkilled\b"))
    assert a.words == b.words and a._key == b._key != c._key
    text = "Artillery shelled the village at dawn, officials said."
    assert a.search(text) and b.search(text) and not c.search(text)
    _, answers = _lowered(text)
    assert answers[a._key] is False and answers[c._key] is True  # asked once, kept with the lowered copy


def test_a_gate_of_many_words_answers_as_the_word_loop():
    words = [f"{w}{k}" for k in range(4) for w in ("drone", "strike", "shell", "a-b", "x.y")]
    gated = WordGated(re.compile("(?i)(?:" + "|".join(re.escape(w) for w in words) + r")\b"))
    assert gated._any is not None  # the trie-shaped gate
    texts = [*SENTENCES, "DRONE3 fell", "a-b2!", "xzy1", "x.y0", "strike", "the shell4s", "drone"]
    for short in texts:
        text = short + " " * 40  # a short text is scanned without its gate
        low = text.lower()
        assert gated._cannot_match(text) == (not any(w in low for w in gated.words) and text.isascii()), text
        assert bool(gated.search(text)) == bool(gated._pattern.search(text))
        if len(short) < 40:
            assert not gated._cannot_match(short)
        assert bool(gated.search(short)) == bool(gated._pattern.search(short))
