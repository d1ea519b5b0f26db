"""The words of skylog.provenance are data (skylog/provenance.toml); the patterns built from them find
the same officials, roles and bodies as the hand-written patterns did (probes, answers as before)."""

from __future__ import annotations

import pytest

from skylog import provenance as P


def test_the_lists_are_data():
    assert "reuters" in P._OWN_VOICE and "" in P._OWN_VOICE
    assert P._words("en.SAY", "ruuk.SAY").split("|")[:2] == ["according to", "said"]
    assert P._optional("en.ROLE_MODIFIER") == r"(?:acting\s+)?(?:regional\s+)?"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Governor Vyacheslav Gladkov said two drones were downed.", ("Vyacheslav Gladkov", "Governor")),
        (
            "Maksym Kozytskyy, head of the Lviv regional administration, said",
            ("Maksym Kozytskyy", "head of the Lviv regional administration"),
        ),
        ("Russian defense minister Andrei Belousov said", ("Andrei Belousov", "Russian defense minister")),
        (
            "губернатор Белгородской области Вячеслав Гладков сообщил",
            ("Вячеслав Гладков", "губернатор Белгородской области"),
        ),
        ("начальник Харківської ОВА Олег Синєгубов", ("Олег Синєгубов", "начальник Харківської ОВА")),
        ("The Russian Defense Ministry said 20 drones were downed.", ("The Russian Defense Ministry", None)),
        ("Вночі Повітряні сили ЗСУ збили 20 дронів.", ("Повітряні сили ЗСУ", None)),
        ("Минобороны России сообщило о перехвате.", ("Минобороны России", None)),
        (
            "the regional governor of the Belgorod region said",
            ("the regional governor of the Belgorod region", None),
        ),
        ("Two drones were downed on Saturday.", None),
    ],
)
def test_the_official_a_report_names(text, found):
    assert P.named_official(text) == found


@pytest.mark.parametrize(
    ("evidence", "who"),
    [
        ("Two drones were downed, according to the regional governor.", "the regional governor"),
        ("Two people were hurt, the head of the Kursk region administration said.", None),
        ("Пострадавших нет, по словам губернатора региона.", "the губернатора"),
        ("За даними ОВА, поранено двох.", "ОВА"),
        ("Two drones were downed, Reuters said.", None),
    ],
)
def test_according_to_a_role(evidence, who):
    claims = {"count": {"claims": [{"claimant": "the outlet", "evidence": evidence, "source": "X"}]}}
    assert P.claimant_of(claims)["claimant"] == who


def test_the_role_before_a_name_and_the_own_voice():
    assert (
        P._role_of("Vladislav Shapsha", ["said acting governor Vladislav Shapsha on Monday"])
        == "acting governor"
    )
    assert P._is_own_voice("Reuters", set()) and P._is_own_voice(" ", set())
    assert not P._is_own_voice("Governor", set())
