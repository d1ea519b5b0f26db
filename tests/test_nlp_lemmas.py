"""The lemma matcher: pack entries in dictionary form found in every inflected form of the text."""

from __future__ import annotations

import pytest

from skylog.extract.packs import load_pack
from skylog.extract.ruuk.weapons import is_weapon_name, weapons_in
from skylog.nlp.document import Document, build_document
from skylog.nlp.english import english_morphology
from skylog.nlp.lemmas import LemmaMatcher, resolve
from skylog.nlp.morphology import morphologies


def _doc(text: str, language: str) -> Document:
    morph = english_morphology() if language == "en" else morphologies()[language]
    return build_document(text, language, morph)


def _found(matcher: LemmaMatcher, text: str, language: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.label) for m in resolve(_doc(text, language).matches(matcher))]


_WEAPONS = LemmaMatcher(
    [
        ("герань", "drone"),
        ("шахед", "drone"),
        ("беспилотник", "drone"),
        ("беспилотный летательный аппарат", "drone"),
        ("дрон-камикадзе", "drone"),
        ("ракета", "missile"),
        ("ракетный", "missile"),
        ("воздушный|вражеский цель", "target"),
    ]
)


@pytest.mark.parametrize(
    ("text", "language", "found"),
    [
        ("Над морем сбиты три «Герани» и пять Гераней.", "ru", [("Герани", "drone"), ("Гераней", "drone")]),
        ("Сили ППО знищили 40 шахедів.", "uk", [("шахедів", "drone")]),
        (
            "Удар нанесён ракетами и беспилотниками.",
            "ru",
            [("ракетами", "missile"), ("беспилотниками", "drone")],
        ),
        (
            "Сбиты 12 беспилотных летательных аппаратов",
            "ru",
            [("беспилотных летательных аппаратов", "drone")],
        ),
        ("Уничтожено восемь беспилотников.", "ru", [("беспилотников", "drone")]),
        ("Запущены дроны-камикадзе", "ru", [("дроны-камикадзе", "drone")]),
        ("ракетно-дроновой удар", "ru", [("ракетно", "missile")]),  # first part of a compound
        ("поражено шесть вражеских целей", "ru", [("вражеских целей", "target")]),
    ],
)
def test_an_entry_finds_its_inflected_forms(text, language, found):
    assert _found(_WEAPONS, text, language) == found


def test_a_russian_post_quoting_a_ukrainian_form_reads_it_with_the_ukrainian_dictionary():
    assert _found(_WEAPONS, "Губернатор: «збито 20 шахедів»", "ru") == [("шахедів", "drone")]


def test_english_entries_find_plurals_possessives_and_verb_forms():
    m = LemmaMatcher([("drone", "drone"), ("missile", "missile"), ("shoot down", "intercept")])
    text = "Air defence shot down drones; the missiles' debris fell."
    assert _found(m, text, "en") == [("shot down", "intercept"), ("drones", "drone"), ("missiles", "missile")]


def test_words_of_a_phrase_are_consecutive_tokens():
    m = LemmaMatcher([("летательный аппарат", "drone")])
    assert _found(m, "летательный, аппарат", "ru") == []
    assert _found(m, "летательного аппарата", "ru") == [("летательного аппарата", "drone")]


def test_a_word_with_another_dictionary_form_is_not_found():
    """A stem pattern ``дрон\\w*`` found «дроновод» (a drone pilot); the lemma "дрон" does not."""
    m = LemmaMatcher([("дрон", "drone"), ("ураган", "rocket")])
    assert _found(m, "Дроновод сообщил о штормовом ураганном ветре", "ru") == []
    assert _found(m, "Дронов и «Ураганов» было много", "ru") == [("Дронов", "drone"), ("Ураганов", "rocket")]


def test_alternatives_of_a_compound_must_have_the_same_parts():
    with pytest.raises(ValueError, match="parts"):
        LemmaMatcher([("дрон-камикадзе|дрон", "drone")])


def test_a_document_is_read_once_per_matcher_and_answers_ranges():
    doc = _doc("Ракета упала. Беспилотник сбит.", "ru")
    everything = doc.matches(_WEAPONS)
    assert [m.label for m in everything] == ["missile", "drone"]
    assert [m.label for m in doc.matches(_WEAPONS, 14)] == ["drone"]
    assert doc.matches(_WEAPONS, 0, 13) == everything[:1]


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Ночью сбиты четыре Герани и две крылатые ракеты", ["drone", "missile"]),
        ("Росіяни атакували шахедами та керованими авіабомбами", ["drone", "glide_bomb"]),
        (
            "Обстріл з мінометів і танків, застосовано РСЗВ «Град»",
            ["artillery", "artillery", "rocket", "rocket"],
        ),
        ("Ворог вдарив ракетою Х-59 та балістичною ракетою", ["missile", "missile"]),
        ("Над областью уничтожены 3 вражеских БПЛА самолетного типа", ["drone"]),
        # air-defence arms are no attacking weapon, in any form
        ("Дронами-перехоплювачами збили три шахеди", ["drone"]),
        ("Зенитным ракетным комплексом сбита крылатая ракета", ["missile"]),
        ("Ракетными войсками и артиллерией поражены объекты", ["artillery"]),
    ],
)
def test_the_weapon_lexicon_reads_every_form(text, labels):
    language = "uk" if any(c in text for c in "іїєґ") else "ru"
    doc = _doc(text, language)
    assert [w[2] for w in weapons_in(doc, 0, len(text))] == labels


def test_a_glide_bomb_phrase_is_one_weapon_with_its_adjective():
    text = "окупанти скинули чотири керовані авіаційні бомби на село"
    doc = _doc(text, "uk")
    [w] = weapons_in(doc, 0, len(text))
    assert text[w[0] : w[1]] == "керовані авіаційні бомби" and w[2] == "glide_bomb"


def test_weapon_names_are_not_toponyms_in_any_form():
    assert is_weapon_name("град") and is_weapon_name("смерчи") and is_weapon_name("ураганы")
    assert not is_weapon_name("градское") and not is_weapon_name("ураганный")


def test_every_pack_weapon_entry_parses_and_is_found_in_its_own_dictionary_form():
    pack = load_pack("ru")
    assert pack.weapon_lemmas.size == sum(len(w.lemmas) for w in pack.weapons) > 50
    for w in pack.weapons:
        for phrase in w.lemmas:
            text = " ".join(word.split("|")[0] for word in phrase.split())
            for language in ("ru", "uk"):
                got = resolve(_doc(text, language).matches(pack.weapon_lemmas))
                assert [(m.start, m.end, m.label) for m in got] == [(0, len(text), w.label)], (
                    phrase,
                    language,
                )


def test_a_homograph_listed_as_not_a_lemma_is_no_match():
    m = LemmaMatcher([("уламок", "debris")], exclude=["уламковий"])
    assert _found(m, "уламкові поранення голови", "uk") == []
    assert _found(m, "падіння уламків на дах", "uk") == [("уламків", "debris")]


@pytest.mark.parametrize(
    ("text", "language", "found"),
    [
        ("Обломками повреждена крыша", "ru", "Обломками"),
        ("Внаслідок падіння уламків пошкоджено будинок", "uk", "падіння"),
        ("уламкові поранення дістав чоловік", "uk", None),
        ("фрагменты ракеты упали во дворе", "ru", "фрагменты"),
        ("опубликован фрагмент видео", "ru", None),
    ],
)
def test_the_debris_lexicon(text, language, found):
    span = load_pack("ru").lexicons["DEBRIS"].search(_doc(text, language))
    assert (text[span[0] : span[1]] if span else None) == found


@pytest.mark.parametrize(
    ("word", "language", "person"),
    [
        ("люди", "ru", True),
        ("детей", "ru", True),
        ("дітей", "uk", True),
        ("мешканку", "uk", True),
        ("детали", "ru", False),  # a stem "дет" took details for children
        ("особливо", "uk", False),  # and "особ" took "especially" for a person
    ],
)
def test_the_person_noun_lexicon_reads_one_word(word, language, person):
    assert load_pack("ru").lexicons["PERSON_NOUN"].has_word(morphologies()[language].lemmas(word)) is person


@pytest.mark.parametrize(
    ("text", "frontline"),
    [
        ("Ударами авиации поражены пункты временной дислокации группировок войск", True),  # «группировок»
        ("Уничтожены огневые позиции и пункт управления", True),
        ("Сбиты четыре беспилотника над Брянской областью", False),
    ],
)
def test_the_frontline_lexicon_reads_forms_a_stem_missed(text, frontline):
    assert bool(load_pack("ru").lexicons["FRONTLINE"].search(_doc(text, "ru"))) is frontline


@pytest.mark.parametrize(
    ("text", "language", "exercise"),
    [
        ("На полигоне прошли учения ПВО", "ru", True),
        ("Військові відпрацювали збиття мішеней під час навчань", "uk", True),
        ("Учений пояснив, як працює ППО", "uk", False),  # a scientist, not an exercise
        ("Сбиты три беспилотника", "ru", False),
    ],
)
def test_the_exercise_lexicon(text, language, exercise):
    assert bool(load_pack("ru").lexicons["EXERCISE"].search(_doc(text, language))) is exercise


def test_an_entry_shorter_than_the_prefix_index_finds_its_longer_forms():
    m = LemmaMatcher([("ус", "short"), ("дрон", "drone")])
    assert _found(m, "с усами и дронами", "ru") == [("усами", "short"), ("дронами", "drone")]


@pytest.mark.parametrize(
    ("text", "events"),
    [
        ("Вночі знищили 12 ворожих шахедів.", [("interception", 12)]),
        ("Вночі знищили 12 ворожих гераней.", [("interception", 12)]),  # the stem list had no «герань»
        ("Вночі знищили 12 гераней.", []),  # no air-defence cue at all
    ],
)
def test_an_enemy_drone_is_an_air_defence_cue_in_any_form(text, events):
    from skylog.extract import Extractor
    from skylog.ingest.common import make_report

    out = Extractor(learned=False).extract(make_report(text, language="uk")).to_dict()
    assert [(e["type"], (e.get("count") or {}).get("value")) for e in out["events"]] == events


# English weapon classes ([[weapons]] of the en pack): lemma entries, spelled out for the rules' patterns


def _en_weapons(text: str) -> list[tuple[str, str]]:
    from skylog.extract.en.triggers import _weapons

    return [(text[s:e], cls) for s, e, cls in _weapons(text)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Overnight the army sent 12 UAVs and two Shaheds at the port.",
            [("UAVs", "drone"), ("Shaheds", "drone")],
        ),
        ("One drone and then more drones flew in.", [("drone", "drone"), ("drones", "drone")]),
        (
            "Three cruise missiles and a ballistic missile hit the yard.",
            [("cruise missiles", "missile"), ("ballistic missile", "missile")],
        ),
        (
            "Kamikaze drones and FPV drones were seen.",
            [("Kamikaze drones", "drone"), ("FPV drones", "drone")],
        ),
        (
            "Two Su-34s dropped guided aerial bombs.",
            [("Su-34s", "aircraft"), ("guided aerial bombs", "glide_bomb")],
        ),
        ("Warplanes bombed the market at noon.", [("Warplanes", "aircraft")]),  # a verb is no weapon noun
        ("The gunner fired one round.", []),  # "rounds" only in the plural
    ],
)
def test_english_weapon_entries_find_their_noun_forms(text, found):
    assert _en_weapons(text) == found


def test_english_noun_forms_are_the_plurals_read_back_as_the_word():
    from skylog.nlp.english import noun_forms

    assert set(noun_forms("drone")) == {"drone", "drones"}
    assert "smerchs" in noun_forms("smerch") and "smerches" not in noun_forms("smerch")
    assert noun_forms("geran-2") == ("geran-2",)
    assert "round" not in noun_forms("rounds")


def test_written_forms_inflect_the_head_only_and_the_pattern_prefers_longer_forms():
    import re

    from skylog.nlp.english import noun_forms
    from skylog.nlp.lemmas import words_pattern, written_forms

    forms = written_forms("cruise|ballistic missile|rocket", noun_forms)
    assert sorted(forms) == sorted(
        ["cruise missile", "cruise missiles", "cruise rocket", "cruise rockets"]
        + ["ballistic missile", "ballistic missiles", "ballistic rocket", "ballistic rockets"]
    )
    rx = re.compile(words_pattern([*forms, "cruise"]), re.I)
    assert rx.fullmatch("Ballistic  missiles") and rx.fullmatch("cruise rocket") and rx.fullmatch("cruise")
    assert not rx.fullmatch("cruises missile") and not rx.fullmatch("missiles")
    assert rx.match("cruise missiles hit").group() == "cruise missiles"  # the longer form first


def test_english_weapon_patterns_and_the_lemma_matcher_agree():
    """Every word phrase the rules' spelled-out pattern finds, the pack's lemma matcher finds too."""
    from skylog.extract.en import lexicon as L
    from skylog.nlp.english import noun_lemmas
    from skylog.nlp.text import tokenize

    text = "Russia launched 40 drones, six cruise missiles and multiple rocket launchers; jets and howitzers too."
    words = [(t.text.lower(), t.start, t.end) for t in tokenize(text)]
    by_lemma = [(text[m.start : m.end], m.label) for m in resolve(L.WEAPON_LEMMAS.find(words, noun_lemmas))]
    assert by_lemma == _en_weapons(text)
    assert [w for w, _ in by_lemma] == [
        "drones",
        "cruise missiles",
        "multiple rocket launchers",
        "jets",
        "howitzers",
    ]


@pytest.mark.parametrize(
    ("text", "language", "perpetrator"),
    [
        ("Ночью атака российских дронов повредила склад.", "ru", "российских"),  # the side, not the weapon
        ("Над селом збили російського шахеда.", "uk", "російського"),  # any drone of the lexicon
        ("Украинская крылатая ракета упала в поле.", "ru", "Украинская"),
        ("Украинские военные обстреляли село.", "ru", "Украинские военные"),  # a PERPETRATOR phrase
        ("Российские зенитные ракетные войска отработали.", "ru", None),  # an air-defence arm is no weapon
        ("Российский депутат прокомментировал удар.", "ru", None),  # no weapon after the adjective
    ],
)
def test_a_sides_adjective_before_a_drone_or_missile_names_the_perpetrator(text, language, perpetrator):
    from skylog.extract.ruuk.finish import perpetrator_at

    got = perpetrator_at(_doc(text, language), 0, len(text))
    assert (text[got[0] : got[1]] if got else None) == perpetrator


def test_tokens_of_a_stretch_are_the_tokens_of_its_slice_at_their_offsets():
    from skylog.nlp.text import tokenize

    text = "Hello, world 3,500 drones—x. ёлка 1.2 o'clock well-known"
    for start, end in ((0, None), (7, 20), (13, 17), (5, len(text) - 3)):
        stop = len(text) if end is None else end
        want = [(t.text, t.start + start, t.end + start) for t in tokenize(text[start:stop])]
        assert [(t.text, t.start, t.end) for t in tokenize(text, start, end)] == want
