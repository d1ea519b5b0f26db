"""Actor normalisation: every spelling of a side is one ACLED actor, so conflicts are only between actors."""

from __future__ import annotations

import pytest
from test_api_fixtures import claim

from skylog.actors import actors, civilians, normalise, opponent, state_forces, table
from skylog.link.features import MentionRecord
from skylog.link.resolve import resolve

RU = "Military Forces of Russia (2000-)"
UA = "Military Forces of Ukraine (2019-)"


@pytest.mark.parametrize(
    ("value", "side", "expected"),
    [
        ("украинских", None, UA),
        ("украинский", None, UA),
        ("Вооруженных сил Украины (ВСУ)", None, UA),
        ("ВСУ", None, UA),
        ("ЗСУ", None, UA),
        ("киевского режима", None, UA),
        ("Ukrainian forces", None, UA),
        ("Kyiv", None, UA),
        ("российские", None, RU),
        ("російськими окупантами", None, RU),
        ("росіяни", None, RU),
        ("Russian", None, RU),
        ("Russia", None, RU),
        ("Moscow", None, RU),
        ("ворожого", "UA", RU),
        ("противника", "RU", UA),
        ("Israeli jets", None, "Military Forces of Israel (2022-)"),
        ("Hezbollah", None, "Hezbollah"),
        ("хуситы", None, "Houthi Movement"),
        ("Ansar Allah", None, "Houthi Movement"),
        ("RSF", None, "Rapid Support Forces"),
        ("Sudanese army", None, "Military Forces of Sudan (2019-)"),
    ],
)
def test_inflected_and_aliased_forms_normalise(value, side, expected):
    a = normalise(value, side=side)
    assert a is not None and a.name == expected


def test_enemy_words_follow_the_speaker_and_unknown_words_stay_unknown():
    # without a side, the language of the report decides: Ukrainian posts call Russia the enemy
    assert normalise("ворожих", context="Сили ППО збили 12 ворожих дронів").name == RU
    assert normalise("противника", context="Средства ПВО уничтожили БПЛА противника").name == UA
    assert normalise("us", context="they told us") is None  # a pronoun, not the United States
    assert normalise("a plain phrase") is None
    assert normalise(RU).name == RU  # a canonical name maps to itself


def test_inter_codes_and_helpers():
    ru = state_forces("RU")
    assert ru.name == RU and ru.inter_in("RU") == 1 and ru.inter_in("UA") == 8
    assert civilians("UA").name == "Civilians (Ukraine)" and civilians("UA").inter_in("UA") == 7
    assert opponent("UA").name == RU
    assert state_forces("PL").name == "Military Forces of Poland"
    codes = {int(k) for k in table()["inter_codes"]}
    assert all(a.inter is None or a.inter in codes for a in actors().values())


def _rec(i: int, text: str, phrase: str) -> MentionRecord:
    event = {"type": "interception", "perpetrator": claim(text, phrase, phrase), "spans": [[0, 5]]}
    return MentionRecord(
        id=f"m{i}", report_id=f"r{i}", event=event, source=f"outlet{i}", source_kind="media", report_text=text
    )


def test_spellings_of_one_side_do_not_conflict_but_two_sides_do():
    texts = [
        ("Над Курской областью сбиты 7 украинских БПЛА.", "украинских"),
        ("ВСУ атаковали Курскую область беспилотниками.", "ВСУ"),
        ("Ukrainian forces attacked Kursk Oblast with drones.", "Ukrainian forces"),
    ]
    recs = [_rec(i, t, p) for i, (t, p) in enumerate(texts)]
    f = resolve(recs)["fields"]["perpetrator"]
    assert f["value"] == UA and not f["conflict"]
    assert sorted(c["value"] for c in f["claims"]) == sorted(p for _, p in texts)  # the words as written stay
    other = _rec(9, "Russian forces attacked it, Kyiv said.", "Russian forces")
    f2 = resolve([*recs, other])["fields"]["perpetrator"]
    assert f2["conflict"] and f2["value"] == UA
