"""Issue #14: the linker's time words and the assembler's strike cues are pack data, not code."""

from __future__ import annotations

import ast
from pathlib import Path

from skylog.extract.common.assemble import _untyped_default
from skylog.extract.packs import load_pack, time_words
from skylog.link.features import time_hints

ROOT = Path(__file__).resolve().parents[1]


def _literals(rel: str) -> list[str]:
    """The string constants of a module, less its docstrings."""
    tree = ast.parse((ROOT / rel).read_text(encoding="utf-8"))
    docs = {id(n.body[0].value) for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.ClassDef | ast.Module)
            and n.body and isinstance(n.body[0], ast.Expr)}  # fmt: skip
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and id(n) not in docs]  # fmt: skip


def test_link_features_spell_no_month_or_night_word():
    literals = _literals("skylog/link/features.py")
    for word in ("jan", "январ", "січ", "листопад", "night", "ночь", "вночі", "until", "мск"):
        assert not any(word in s or word.capitalize() in s for s in literals), (
            f"link/features.py spells {word!r}"
        )


def test_assemble_spells_no_strike_cue():
    literals = _literals("skylog/extract/common/assemble.py")
    for word in ("strike", "strikes", "airstrike", "raid"):
        assert word not in literals, f"assemble.py spells {word!r}"


def test_untyped_strike_cues_come_from_the_pack():
    cues = load_pack("en").maps["UNTYPED_STRIKE_TYPE"]
    assert cues and all(_untyped_default(c) == t for c, t in cues.items())
    assert _untyped_default("attack") is None and _untyped_default(None) is None


def test_time_hints_read_every_packs_months_and_night_forms():
    w = time_words()
    assert w.words("NIGHT_FORMS") and w.words("CLOCK_LINK") and w.words("CLOCK_ZONE")
    assert time_hints("on August 18").monthday == (8, 18)
    assert time_hints("4th of May").monthday == (5, 4)
    assert time_hints("Sept. 3").monthday == (9, 3)
    assert time_hints("18 августа").monthday == (8, 18)
    assert time_hints("у ніч на 3 листопада").monthday == (11, 3)
    assert time_hints("maybe 5").monthday is None  # "may" is a month only as a whole word
    assert time_hints("overnight").night and time_hints("ночью").night and time_hints("вночі").night
    assert not time_hints("this morning").night


def test_time_hints_read_clock_ranges_with_pack_links_and_zones():
    assert time_hints("12:00-20:00 мск").clock == (720, 1200)
    assert time_hints("с 12.00 мск до 14.00").clock == (720, 840)
    assert time_hints("from 10:00 until 11:30").clock == (600, 690)
    assert time_hints("10:00 or 11:30").clock is None


def test_link_features_spell_no_cue_word():
    """The linker's cues (interception, impact, denial, tally, target, recall) are ``[patterns.link]``."""
    literals = _literals("skylog/link/features.py")
    for word in ("shot down", "wreckage", "casualties", "пострадавших", "минобороны", "air\\s+force", "нагадаємо",
                 "ukraine", "област", "recall"):  # fmt: skip
        assert not any(word in s for s in literals), f"link/features.py spells {word!r}"
    for pack in ("en", "ruuk"):
        assert {"INTERCEPT_CUE", "IMPACT_CUE", "UA_BODY", "RU_TARGET", "RECALL"} <= {
            k.split(".", 1)[1]
            for k in load_pack("ru" if pack == "ruuk" else pack).templates
            if k.startswith("link.")
        }


def test_link_cues_of_every_pack_are_read():
    from skylog.link.text_cues import national_lead, type_cues

    assert type_cues("Two drones were shot down; debris damaged a house.") == (True, False)
    assert type_cues("Two drones were shot down, no casualties or damage.") == (False, True)
    assert type_cues("Збито два дрони, уламки пошкодили будинок.") == (True, False)
    assert type_cues("Сбиты два беспилотника, без пострадавших и разрушений.") == (False, True)
    assert national_lead("Russia attacked Ukraine with 86 drones overnight.")
    assert national_lead("Росія атакувала Україну 86 дронами.")
    assert not national_lead("Нагадаємо, Росія атакувала Україну 86 дронами.")
    assert national_lead("Минобороны: над территорией РФ сбиты 20 беспилотников.")


def test_link_resolve_spells_no_speaker_word():
    """Official speakers, their side and the relaying cues are ``[patterns.link]`` too."""
    literals = _literals("skylog/link/resolve.py")
    for word in (
        "governor",
        "губернатор",
        "minist",
        "повітряні сили",
        "kremlin",
        "according to",
        "сообщил",
        "resident",
        "очевид",
    ):
        assert not any(word in s for s in literals), f"link/resolve.py spells {word!r}"


def test_claimant_origin_reads_every_packs_speaker_words():
    from skylog.link.resolve import claimant_origin

    assert claimant_origin("Governor Vyacheslav Gladkov", "media", "RU").startswith("official")
    assert claimant_origin("губернатор Вячеслав Гладков", "media", "RU").startswith("official")
    assert claimant_origin("Повітряні сили ЗСУ", "media", "UA") == "official:UA"
    assert claimant_origin("Минобороны России", "media", "RU") == "official:RU"
    assert claimant_origin("a local resident", "media", "UA") == "eyewitness"
    assert claimant_origin("очевидцы", "media", "UA") == "eyewitness"
