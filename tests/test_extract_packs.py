"""Language packs: pattern templates name their fragments, and a wrong name fails loudly."""

from __future__ import annotations

import re

import pytest

from skylog.extract.en import lexicon as L
from skylog.extract.packs import Pack, expand_lists, load_pack


def _pack(templates: dict[str, str], fragments: dict[str, str] | None = None) -> Pack:
    return Pack("t", {}, fragments or {}, [], {}, {}, {}, templates)


def test_a_template_is_filled_from_its_stage_then_fragments_then_derived():
    pack = _pack(
        {"s.WORD": "drone|uav", "s.RX": r"(?i)\b(?:${WORD}) ${VERB} ${N}\b"},
        {"VERB": "(?:fell|crashed)"},
    )
    rx = pack.compile("s.RX", {"N": r"\d+"})
    assert rx.pattern == r"(?i)\b(?:drone|uav) (?:fell|crashed) \d+\b"
    assert rx.flags & re.I
    assert rx.search("A DRONE crashed 3 times")


def test_an_unknown_fragment_names_itself():
    with pytest.raises(KeyError, match=r"\$\{MISSING\}"):
        _pack({"s.RX": "a${MISSING}"}).text("s.RX")


def test_a_fragment_that_names_itself_is_refused():
    with pytest.raises(ValueError, match="nests"):
        _pack({"s.LOOP": "x${LOOP}"}).text("s.LOOP")


def test_every_english_template_compiles():
    pack = load_pack("en")
    assert pack.templates
    for key in pack.templates:
        L.pattern(key) if not key.endswith("_GATE") else L.text(key)


def test_every_russian_ukrainian_template_compiles():
    from skylog.extract.ruuk import lexicon as RL

    pack = load_pack("uk")
    assert pack is load_pack("ru") and pack.templates
    for key in pack.templates:
        RL.pattern(key)  # with the fragments the code derives (geo's side words)


def test_the_attack_cue_holds_every_weapon_pattern():
    assert "${" not in L.ATTACK
    assert all(p in L.ATTACK for p in L.WEAPONS.values())


def test_a_list_item_naming_another_list_stands_for_its_items_in_place():
    table = {"A": ["a1", "a2"], "B": ["b1", "${A}", "b2"], "C": ["${B}", "c"]}
    assert expand_lists(table) == {
        "A": ["a1", "a2"],
        "B": ["b1", "a1", "a2", "b2"],
        "C": ["b1", "a1", "a2", "b2", "c"],
    }


def test_a_list_naming_an_unknown_or_its_own_list_is_refused():
    with pytest.raises(KeyError, match=r"\$\{NOPE\}"):
        expand_lists({"A": ["${NOPE}"]})
    with pytest.raises(ValueError, match="itself"):
        expand_lists({"A": ["${B}"], "B": ["${A}"]})


def test_the_harm_words_hold_the_treated_and_life_taken_lists_the_tolls_read():
    harm = load_pack("ru").pattern("HARM")
    for text in ("обратились за медпомощью", "атака забрала життя двох людей", "повредил дом"):
        assert harm.search(text)
    assert load_pack("ru").pattern("KILLED").search("унесла жизни трех человек")
    assert load_pack("uk").pattern("INJURED").search("доставили до лікарні")


def test_the_region_stems_names_and_seas_are_pack_data():
    from skylog.extract.ruuk.places import find_regions

    maps = load_pack("uk").maps
    assert maps["REGION_STEMS_UK"]["харківщин"] == "UA-63" and maps["REGION_STEMS_RU"]["курск"] == "RU-KRS"
    found = {(r.code, r.name) for r in find_regions("над курской областью и черным морем, в крыму")}
    assert {("RU-KRS", None), (None, "Black Sea"), ("UA-43", None)} <= found


def test_a_stage_pattern_is_compiled_once_then_read_as_an_attribute():
    from skylog.extract.packs import StagePatterns

    stage = StagePatterns(_pack({"s.A": "a+", "s.B": "b"}), "s")
    first = stage.A
    assert "A" in vars(stage) and stage.A is first and first.fullmatch("aaa")
    assert "B" not in vars(stage)
    with pytest.raises(KeyError):
        _ = stage.C
