"""English event extraction on varied texts written for these tests (not the dev corpora)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from skylog.extract.en import EnglishPipeline
from skylog.extract.en import triggers as T
from skylog.ingest.common import make_report


def run(nlp: EnglishPipeline, text: str, published: datetime | None = None):
    return nlp(make_report(text, source="test", published_at=published, language="en"))


def types(x) -> list[str]:
    return sorted(e.type for e in x.events)


@pytest.mark.parametrize(
    "text",
    [
        "No drones were shot down over the region last night, the governor said.",
        "Russia could strike Kyiv with new missiles this winter, analysts warned.",
        "The army held exercises near Pskov, firing artillery at practice targets.",
        "India successfully test-fired a ballistic missile from a ship off Odisha on Friday.",
        "The company plans to expand drone deliveries of parcels to rural towns next year.",
        "Airport staff will strike on three dates in November in a dispute over pay, the union said.",
        "Since the start of the war, more than 9,000 drones have been launched at the city, officials said.",
        "A spectacular drone show lit up the sky over the harbour on New Year's Eve.",
        "The minister threatened to launch missile strikes if the talks failed.",
        # a launch aimed at no target: the sea off the launcher's coast, or only a direction
        "The northern republic fired two cruise missiles into the waters off its western coast on Monday.",
        "A ballistic missile was launched from near the capital and flew some 600 km northward, officials said.",
    ],
)
def test_not_events(nlp, text: str) -> None:
    assert run(nlp, text).events == []


def test_interception_with_count_place_and_zero_casualties(nlp) -> None:
    x = run(
        nlp,
        "Air defence forces destroyed 14 Ukrainian drones over the Bryansk region overnight, governor "
        "Alexander Bogomaz said. There were no casualties or damage.",
        datetime(2024, 5, 6, 8, tzinfo=UTC),
    )
    (e,) = x.events
    assert e.type == "interception" and e.weapon == "drone"
    assert e.count.value == 14
    assert e.killed.value == 0 and e.injured.value == 0
    assert e.time.start == "2024-05-06"
    assert any(p.admin1_code == "RU-BRY" for p in e.places)
    assert e.perpetrator.value == "Ukraine"


def test_a_sentence_of_no_fatalities_alone_gives_a_zero_toll(nlp) -> None:
    # the sentence names no weapon or attack: its only cue is the harm word, which makes it worth reading
    x = run(
        nlp,
        "A drone hit a warehouse on the edge of Kherson on Friday, the regional governor said. "
        "So far no fatalities have been recorded, he added.",
    )
    (e,) = x.events
    assert e.killed is not None and e.killed.value == 0


def test_an_anaphor_with_only_a_toll_joins_the_latest_event_whatever_its_weapon_word(nlp) -> None:
    x = run(
        nlp,
        "A missile hit a grain depot in Poltava on Monday, the governor said. "
        "Hours later he said that a man had died as a result of the shelling.",
    )
    (e,) = x.events
    assert e.type == "missile_strike" and e.killed is not None and e.killed.value == 1


@pytest.mark.parametrize(
    "text,count",
    [
        (
            "The air force said Russia launched 40 attack drones overnight, and 31 of those were shot down.",
            31,
        ),
        (
            "Navy ships engaged seven drones over the Black Sea on Friday, destroying six of them, the command said.",
            6,
        ),
    ],
)
def test_the_part_downed_is_the_interception_count_not_the_total_launched(nlp, text: str, count: int) -> None:
    (e,) = [e for e in run(nlp, text).events if e.type == "interception"]
    assert e.count is not None and e.count.value == count


def test_a_second_drone_with_its_own_toll_is_a_separate_incident(nlp) -> None:
    x = run(
        nlp,
        "A drone hit a bus near the village of Glotovo in the Belgorod region, wounding four passengers. "
        "A second drone later hit a lorry on the same road, wounding a man.",
    )
    assert sorted(e.injured.value for e in x.events if e.injured is not None) == [1, 4]


def test_a_placeless_interception_of_another_weapon_is_not_the_latest_interception(nlp) -> None:
    x = run(
        nlp,
        "A drone launched from Yemen at Eilat late on Sunday was intercepted, the army said. Earlier in the day "
        "the rebels fired a missile toward central Israel. The army said the missile was intercepted by its air "
        "defences.",
    )
    assert sorted((e.type, e.weapon) for e in x.events) == [
        ("interception", "drone"),
        ("interception", "missile"),
    ]


def test_a_total_with_a_part_over_one_region_gives_both_counts(nlp) -> None:
    x = run(
        nlp,
        "The defence ministry in Moscow said its air defences destroyed 31 Ukrainian drones overnight, "
        "including seven over the Tula region.",
    )
    got = sorted((e.count.value, [p.admin1_code for p in e.places if p.kind != "country"]) for e in x.events)
    assert got == [(7, ["RU-TUL"]), (31, [])]


def test_a_count_over_one_region_without_a_part_stays_the_regions(nlp) -> None:
    x = run(nlp, "Air defences destroyed 31 Ukrainian drones over the Tula region overnight.")
    (e,) = x.events
    assert e.count.value == 31 and any(p.admin1_code == "RU-TUL" for p in e.places)


def test_per_region_tally_gives_one_event_per_region(nlp) -> None:
    x = run(
        nlp,
        "During the past night, air defence systems intercepted and destroyed 23 drones: 12 over the "
        "Belgorod region, 8 over the Kursk region and 3 over the Voronezh region.",
    )
    assert types(x) == ["interception"] * 3
    counts = {p.admin1_code: e.count.value for e in x.events for p in e.places if p.kind == "region"}
    assert counts == {"RU-BEL": 12, "RU-KRS": 8, "RU-VOR": 3}


def test_tally_lines(nlp) -> None:
    text = (
        "Over the past night, air defence forces intercepted and destroyed 9 Ukrainian UAVs:\n"
        "5 - over the territory of the Kursk region,\n"
        "4 - over the territory of the Oryol region."
    )
    x = run(nlp, text)
    assert sorted(e.count.value for e in x.events) == [4, 5]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Russian troops shelled the town of Nikopol with heavy artillery on Monday, wounding two people.",
            "shelling",
        ),
        (
            "A Russian glide bomb hit an apartment block in Kharkiv, injuring at least 12 people.",
            "air_strike",
        ),
        ("Ukrainian forces fired Grad rockets at Shebekino, damaging a school.", "shelling"),
        ("A ballistic missile struck a port warehouse in Odesa overnight.", "missile_strike"),
        ("A Shahed drone crashed into a high-rise building in Kyiv early on Sunday.", "drone_strike"),
        ("Junta jets bombed a village in Sagaing Region on Tuesday, killing three civilians.", "air_strike"),
        # the harm told as a noun phrase: the strike is what "resulted in the deaths" / "claimed the lives"
        ("A Russian airstrike near Kupiansk on Friday resulted in the deaths of four people.", "air_strike"),
        ("An Israeli airstrike on a house in Tyre claimed the lives of six people on Monday.", "air_strike"),
    ],
)
def test_strike_types(nlp, text: str, expected: str) -> None:
    assert types(run(nlp, text)) == [expected]


def test_debris_with_harm_is_its_own_event(nlp) -> None:
    x = run(
        nlp,
        "Air defences shot down a missile over Sevastopol on Sunday. Falling debris from the intercepted "
        "missile landed on a beach, killing three people and injuring 20.",
    )
    assert types(x) == ["debris_fall", "interception"]
    debris = next(e for e in x.events if e.type == "debris_fall")
    assert (debris.killed.value, debris.injured.value) == (3, 20)


@pytest.mark.parametrize(
    "text",
    [
        # the remains of a downed weapon falling are debris, with no debris word
        "Air defences repelled a drone raid on Saratov overnight; the falling drone set a warehouse on fire.",
        "A blaze broke out at a depot in the Saratov region after one of the downed drones fell on it.",
        # what hit is the debris; the drone named after it is its source, not a strike of its own
        "A depot in the Saratov region caught fire after being hit by debris from a drone attack.",
    ],
)
def test_a_downed_weapon_that_falls_is_debris(nlp, text: str) -> None:
    x = run(nlp, text)
    assert "debris_fall" in types(x) and "drone_strike" not in types(x)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the weapon the debris came from is its source, not a strike of that weapon
        (
            "Debris from one of the drones fell onto a school in Kharkiv, causing a fire, the regional governor "
            "said of the night's attack.",
            ["debris_fall"],
        ),
        (
            "The falling fragments of shot-down missiles left four people injured in Dnipro and damaged a "
            "kindergarten, the mayor said.",
            ["debris_fall"],
        ),
        # another weapon in the sentence still strikes
        (
            "Fragments of a missile fell on a house in the village of Pisky and injured two people, hours after "
            "a Russian drone attack on the district.",
            ["debris_fall", "drone_strike"],
        ),
    ],
)
def test_the_weapon_debris_came_from_is_no_strike(nlp, text: str, expected: list[str]) -> None:
    assert types(run(nlp, text)) == expected


def test_qualified_counts_and_vague_figures(nlp) -> None:
    x = run(nlp, "More than 30 drones were shot down over the Moscow region, the mayor said.")
    assert x.events[0].count.value == 30 and x.events[0].count.qualifier == "more than"
    x = run(nlp, "Dozens of drones were shot down over the Moscow region, the mayor said.")
    assert x.events[0].count is None


def test_two_incidents_in_one_report(nlp) -> None:
    text = (
        "Russian drones attacked the city of Sumy overnight, damaging a school, the regional administration said.\n"
        "Separately, Russian troops shelled the village of Bilopillia in the afternoon, killing one man."
    )
    x = run(nlp, text)
    assert types(x) == ["drone_strike", "shelling"]
    shelling = next(e for e in x.events if e.type == "shelling")
    assert shelling.killed.value == 1


def test_hedged_perpetrator_claim_with_claimant(nlp) -> None:
    x = run(
        nlp,
        "Two drones were shot down near Tula on Monday. According to military analysts, the drones were "
        "probably of Ukrainian origin.",
    )
    perp = x.events[0].perpetrator
    assert (perp.value, perp.hedge, perp.claimant) == ("Ukraine", "likely", "military analysts")


def test_spans_point_into_the_text(nlp) -> None:
    text = "A missile struck a warehouse in Dnipro on Friday, killing two workers, officials said."
    x = run(nlp, text)
    e = x.events[0]
    for s, t in e.spans:
        assert 0 <= s < t <= len(text)
    assert text[slice(*e.killed.spans[0])].startswith("killing two")
    for p in e.places:
        assert text[slice(*p.span)] == p.mention


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "“" * 50 + "drone" + "”" * 3,
        "‘unclosed quote about a drone strike that never ends",
        "Drones drones drones. " * 2000,
        "\u202e\u0000 missile \ufeff attack ✈️ 🚀 на Київ",
    ],
)
def test_odd_input_never_crashes(nlp, text: str) -> None:
    x = run(nlp, text)
    for e in x.events:
        for s, t in e.spans:
            assert 0 <= s <= t <= len(text)
    for q in x.quotes:
        assert 0 <= q.span[0] <= q.span[1] <= len(text)


@pytest.mark.slow
def test_oversized_text_is_bounded(nlp) -> None:
    text = ("Two drones were shot down over the Kursk region. " * 6000)[:300_000]
    x = run(nlp, text)
    assert any("only the first part" in w for w in x.warnings)


def test_statement_day_yields_to_attack_day(nlp) -> None:
    x = run(
        nlp,
        "A glide bomb hit an apartment block in Kharkiv on Wednesday night, injuring five people, "
        "the regional governor said on Thursday.",
        datetime(2024, 10, 3, 9, tzinfo=UTC),  # a Thursday
    )
    assert x.events[0].time.start == "2024-10-02"


def test_same_place_other_day_is_another_incident(nlp) -> None:
    text = (
        "Russian troops shelled the centre of Kherson on Monday, killing two men.\n"
        "On Sunday, February 4, they fired 32 shells into Kherson; there were no casualties."
    )
    x = run(nlp, text, datetime(2024, 2, 5, 18, tzinfo=UTC))
    days = sorted(e.time.start for e in x.events if e.type == "shelling")
    assert days == ["2024-02-04", "2024-02-05"]


def test_launch_tally_and_interception_of_them(nlp) -> None:
    x = run(
        nlp,
        "Russia launched 90 attack drones at Ukraine overnight, the air force said. "
        "Air defence shot down 62 of them over the northern and central regions.",
    )
    interception = next(e for e in x.events if e.type == "interception")
    assert interception.count.value == 62


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # every drone downed, the only harm from their debris: the attack on the city is the interception
        (
            "Russia launched a drone attack on Odesa overnight, with air defence units destroying all the drones "
            "on their approach, officials said. Two houses were damaged by falling drone debris.",
            ["debris_fall", "interception"],
        ),
        (
            "Russia attacked Odesa with drones overnight. All 12 drones were shot down over the Odesa region, "
            "the governor said.",
            ["interception"],
        ),
        # only some downed: the attack on the city may have hit it, and stays a strike
        (
            "Russian drones attacked Odesa overnight. Air defence destroyed six drones over the Odesa region, "
            "the governor said.",
            ["drone_strike", "interception"],
        ),
        # the attack's own sentence tells what it damaged: a strike too
        (
            "Russian drones attacked Odesa overnight, damaging a warehouse in the port. Air defence destroyed "
            "all the other drones, the governor said.",
            ["drone_strike", "interception"],
        ),
    ],
)
def test_an_attack_on_a_place_whose_every_weapon_was_downed_is_the_interception(
    nlp, text: str, expected: list[str]
) -> None:
    assert types(run(nlp, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a harmful attack named by no weapon, in a report whose interceptions name one: that weapon
        (
            "Three people were killed in an attack on the Kyiv region overnight, the rescue service said. The air "
            "force said it shot down 25 Russian drones over seven regions.",
            [("drone_strike", 3), ("interception", None)],
        ),
        (
            "Three people were killed in an attack on the Kyiv region overnight, the rescue service said. The air "
            "force said it shot down 25 Russian missiles over seven regions.",
            [("interception", None), ("missile_strike", 3)],
        ),
        # an attack of another day recalled beside the night's interception is not typed by it
        (
            "Ukraine's air force shot down two of three Russian drones overnight, the military said on Monday. "
            "On March 22, Russian troops carried out an attack on the power grid that killed five people.",
            [("interception", None)],
        ),
    ],
)
def test_an_untyped_harmful_attack_takes_the_weapon_the_report_tells_downed(
    nlp, text: str, expected: list
) -> None:
    x = run(nlp, text, datetime(2024, 3, 25, tzinfo=UTC))
    assert sorted((e.type, e.killed.value if e.killed else None) for e in x.events) == expected


def test_passive_rocket_fire_and_ages(nlp) -> None:
    x = run(
        nlp,
        "About 15 rockets were fired at Sderot on Tuesday afternoon; two children aged 9 and 12 were injured.",
    )
    assert types(x) == ["shelling"]
    assert x.events[0].injured.value == 2
    assert x.events[0].count.value == 15


def test_separate_incident_keeps_its_own_toll(nlp) -> None:
    text = (
        "Two women were killed when a drone struck a van near the village of Shchegolek in the Kursk region.\n"
        "In a separate incident, a man was killed by a drone in the village of Zvannoye in the Kursk region."
    )
    x = run(nlp, text)
    assert sorted(e.killed.value for e in x.events) == [1, 2]


def test_anniversary_retrospective_is_not_an_incident(nlp) -> None:
    text = (
        "Families marked ten years since the airliner was shot down over eastern Ukraine.\n"
        "Investigators concluded in 2016 that a missile fired from separatist-held territory destroyed the plane.\n"
        "In 2022, a court convicted three men in absentia; Moscow has repeatedly denied responsibility.\n"
        "The anniversary ceremony was held at the national monument."
    )
    assert run(nlp, text).events == []


def test_gated_patterns_find_what_the_plain_patterns_find() -> None:
    """The keyword gate in front of a pattern only skips texts where it cannot match."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from skylog.extract.en import casualties, triggers

    words = st.sampled_from(
        "drones were destroyed by air defence the house was hit several buildings damaged damage to "
        "missiles launched fired rockets were dropped knocked out UAV activity eliminated Shahed jammed "
        "roof windows a school , . and in at".split()
    )
    gated = [triggers._DESTROYED_RE, triggers._PASSIVE_LAUNCH, casualties._DAMAGE_OBJ]

    @settings(max_examples=300, deadline=None)
    @given(st.lists(words, min_size=1, max_size=14).map(" ".join))
    def check(text: str) -> None:
        for g in gated:
            plain = g.pattern.search(text)
            got = g.search(text)
            assert (got and got.span()) == (plain and plain.span())
            assert [m.span() for m in g.finditer(text)] == [m.span() for m in g.pattern.finditer(text)]

    check()


def test_unknown_village_is_kept_as_a_settlement_in_its_region(nlp) -> None:
    x = run(
        nlp,
        "A drone struck a van near the village of Verkhnyaya Pupyrka in the Kursk region, the governor said.",
    )
    places = [p for e in x.events for p in e.places]
    village = [p for p in places if p.mention == "Verkhnyaya Pupyrka"]
    assert village and village[0].kind == "settlement" and village[0].admin1_code == "RU-KRS"
    # no region named: still kept as a settlement mention, honestly unresolved
    y = run(
        nlp, "Two people were injured when shells hit the village of Pupyrkino overnight, officials said."
    )
    kept = [p for e in y.events for p in e.places if p.mention == "Pupyrkino"]
    assert kept and kept[0].kind == "settlement" and kept[0].lat is None and kept[0].gazetteer_id is None


def test_hyphenated_names_are_read_whole(nlp) -> None:
    x = run(
        nlp, "Two people were killed when a drone hit a market in Kamensk-Shakhtinsky, the governor said."
    )
    mentions = [p.mention for e in x.events for p in e.places]
    assert "Kamensk-Shakhtinsky" in mentions and not any(m.endswith("-") for m in mentions)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Several Ukrainian drones were shot down near Belgorod, the governor said.", "Ukraine"),
        ("Two Russian missiles were intercepted over the Lviv region overnight, officials said.", "Russia"),
        (
            "Ukrainian air defences shot down 12 Russian drones over Kyiv overnight, the air force said.",
            "Russia",
        ),
    ],
)
def test_attacker_named_by_the_weapon_it_sent(nlp, text: str, value: str) -> None:
    x = run(nlp, text)
    assert [e.perpetrator.value for e in x.events if e.perpetrator] == [value]


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        (
            "Russian air defences destroyed 40 Ukrainian drones over annexed Crimea overnight.",
            "Crimea",
            "UA-43",
        ),
        (
            "A missile strike on Russian-occupied Melitopol killed three people, the mayor said.",
            "Melitopol",
            "UA-23",
        ),
        ("Shelling in southern Kherson injured two residents on Sunday, officials said.", "Kherson", "UA-65"),
    ],
)
def test_place_after_a_modifier_word(nlp, text: str, mention: str, code: str) -> None:
    x = run(nlp, text)
    found = [p for e in x.events for p in e.places if p.mention == mention]
    assert found and found[0].admin1_code == code


def test_a_labour_word_far_from_an_untyped_strike_does_not_make_it_a_labour_strike(nlp) -> None:
    # one long sentence (a quote runs on): "union" names a building 100+ characters after the cue
    far = (
        "Four people were killed on Tuesday in Israeli strikes on a residential block in the south of the "
        "city, where families had sheltered for weeks, and \"two houses beside the offices of the farmers' "
        'union were flattened," the civil defence said.'
    )
    assert types(run(nlp, far, datetime(2024, 10, 15, 18, tzinfo=UTC))) == ["air_strike"]
    near = "Dock workers began strikes on Tuesday over pay, and the union said more would follow next week."
    assert run(nlp, near, datetime(2024, 10, 15, 18, tzinfo=UTC)).events == []


@pytest.mark.parametrize(
    "text",
    [
        "The navy tested a new anti-ship missile over the Sea of Japan on Monday, the ministry said.",
        "Officials said the rocket test went as planned and the booster fell into the ocean.",
    ],
)
def test_a_weapons_test_is_no_attack(nlp, text: str) -> None:
    assert types(run(nlp, text)) == []


def test_test_in_its_general_sense_does_not_cancel_an_attack(nlp) -> None:
    # "test" is an exercise cue only when tied to a weapon or a launch ("test-fired", "missile test")
    x = run(
        nlp,
        "The city's shelters faced their hardest test yet as missiles struck two homes in Haifa overnight.",
    )
    assert "missile_strike" in types(x)
    assert not any("exercises or tests" in w for w in x.warnings)


def test_place_less_event_takes_places_of_a_later_attack_sentence(nlp) -> None:
    # the event's own sentence names no place; a later sentence about the same attack does, without a cue
    # of its own that would make it a mention
    x = run(
        nlp,
        "Air defence units destroyed 40 drones overnight, the ministry said. "
        "Twelve of them were destroyed over the Kursk region, nine over Voronezh.",
    )
    assert x.events
    codes = {p.admin1_code for e in x.events for p in e.places}
    assert {"RU-KRS", "RU-VOR"} <= codes


def test_event_with_its_own_place_keeps_only_it(nlp) -> None:
    x = run(
        nlp,
        "A drone struck a warehouse in Kharkiv overnight, the governor said. "
        "Twelve of them were destroyed over the Kursk region.",
    )
    codes = {p.admin1_code for e in x.events for p in e.places if e.type == "drone_strike"}
    assert codes == {"UA-63"}


def test_part_of_country_becomes_the_unit_named_so(nlp) -> None:
    x = run(nlp, "A rocket fired from Lebanon hit a house in northern Israel on Monday, injuring two people.")
    places = [p for e in x.events for p in e.places]
    unit = [p for p in places if p.admin1_code == "IL-Z"]
    assert unit and unit[0].mention == "northern Israel" and unit[0].kind == "region"
    # a country without a unit called so keeps the country reading
    y = run(nlp, "Three drones struck an airfield in northern Ukraine overnight, officials said.")
    ua = [p for e in y.events for p in e.places if p.country == "UA"]
    assert ua and all(p.kind == "country" and p.admin1_code is None for p in ua)


def test_place_measured_from_is_not_where_the_event_is(nlp) -> None:
    x = run(nlp, "Two drones were shot down over the Tula region, south of Moscow, on Sunday night.")
    codes = {p.admin1_code for e in x.events for p in e.places}
    assert "RU-TUL" in codes and not codes & {"RU-MOW", "RU-MOS"}
    # the only place a sentence names stays, even when measured from
    y = run(nlp, "A missile struck a farm 30 km north of Kharkiv on Friday, the governor said.")
    assert "UA-63" in {p.admin1_code for e in y.events for p in e.places}
    # "in the north of X" is inside X
    z = run(nlp, "A drone hit a warehouse in Sumy and another in the north of Kharkiv overnight.")
    assert {"UA-59", "UA-63"} <= {p.admin1_code for e in z.events for p in e.places}


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv: A drone struck a fuel depot in the Tula region overnight, the regional governor said.",
        "Warsaw (PAP) – A drone struck a fuel depot in the Tula region overnight, the governor said.",
    ],
)
def test_a_title_case_dateline_is_not_where_the_event_is(nlp, text: str) -> None:
    x = run(nlp, text)
    codes = {p.admin1_code for e in x.events for p in e.places}
    assert "RU-TUL" in codes and not codes & {"UA-30", "PL-14"}


@pytest.mark.parametrize(
    "text",
    [
        "A missile hit a warehouse in Tula that stores parts for the Moscow Fleet and the Moscow highway.",
        "A drone was destroyed over Tula, a city that supplies Moscow's military with arms, the governor said.",
    ],
)
def test_a_city_modifying_a_thing_that_is_no_place_is_not_where_the_event_is(nlp, text: str) -> None:
    codes = {p.admin1_code for e in run(nlp, text).events for p in e.places}
    assert "RU-TUL" in codes and "RU-MOW" not in codes


def test_a_headline_opening_on_a_place_keeps_it(nlp) -> None:
    # no full sentence after the colon: a headline's place is where the event is
    x = run(nlp, "Sumy: drone hits apartment block, two injured\nThe strike came at dawn, officials said.")
    assert "UA-59" in {p.admin1_code for e in x.events for p in e.places}


def test_a_fused_airstrike_noun_is_an_attack_cue(nlp) -> None:
    # no verb of harm in the sentence: the noun "airstrike" alone tells of the attack
    x = run(nlp, "A Jordanian airstrike on a warehouse in Irbid left the building in ruins on Tuesday.")
    assert types(x) == ["air_strike"]
    assert x.events[0].places and x.events[0].places[0].country == "JO"


@pytest.mark.parametrize(
    "text",
    [
        # an ordinal or superlative frames a fresh incident with a history phrase
        "Militants attacked the harbour of Mombasa with drones, the first such attack since the conflict"
        " began three years ago.",
        "Rebels launched a second drone strike in two days on Mombasa, hitting a fuel depot.",
        # an attack told for one day, with a trailing clause of history
        "On Thursday rebels shelled the port of Mombasa, a town that has been hit repeatedly since May.",
    ],
)
def test_a_history_phrase_framing_a_fresh_incident_keeps_it(nlp, text: str) -> None:
    x = run(nlp, text)
    assert x.events, text
    assert any(p.country == "KE" for e in x.events for p in e.places)


@pytest.mark.parametrize(
    "text",
    [
        "Since Monday, rebels have shelled the port of Mombasa repeatedly, officials said.",
        "Rebels have fired more than 400 drones at the port of Mombasa over the past two years.",
        # the day is when the remembering is, not the attack
        "Relatives laid flowers on Wednesday for the soldiers killed when a missile was shot down over"
        " their base in Kharkiv in 2014.",
    ],
)
def test_a_history_phrase_over_the_whole_sentence_still_filters_it(nlp, text: str) -> None:
    assert not run(nlp, text).events, text


def test_a_victims_year_of_birth_is_no_history(nlp) -> None:
    # "born in 2008" tells a victim's age, as officials list them, not a past event: the report keeps
    # its attack (the sentences naming birth years are no "statistics or history")
    x = run(
        nlp,
        "Three people were killed in a Russian missile attack on a cafe in Kramatorsk, officials said."
        " The dead include a girl born in 2008. Among the injured is a child born in 2022.",
    )
    assert types(x) == ["missile_strike"], x.warnings


def test_a_bare_typed_phrase_types_the_untyped_attack_before_it(nlp) -> None:
    x = run(
        nlp,
        "Five people were killed in an attack on a market in Kassala, Sudan, on Monday, the health ministry"
        " said. Witnesses said a warplane hit the market.",
    )
    assert types(x) == ["air_strike"]
    e = x.events[0]
    assert e.killed is not None and e.killed.value == 5
    assert any(p.country == "SD" for p in e.places)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # a place named as the object of a verb of attack
        ("Rebel drones targeted Port Sudan before dawn on Friday, officials said.", "SD"),
        ("Warplanes bombed Kassala twice on Monday, residents said.", "SD"),
        # a name with a lower-case article joined by a hyphen
        ("A drone strike on a bakery in el-Fasher wounded six people on Sunday.", "SD"),
        # a name in the possessive after a preposition ("on Kassala’s outskirts")
        ("A drone strike on Kassala’s eastern outskirts wounded four people on Monday.", "SD"),
        # the target of the attack a toll is "from", not an origin
        (
            "The death toll from a rebel drone attack on Kassala’s main market has risen to nine, medics said.",
            "SD",
        ),
        # a place a weapon is downed above
        ("Late on Friday three drones were destroyed above Kassala, the army said.", "SD"),
    ],
)
def test_places_after_attack_verbs_and_article_names(nlp, text: str, country: str) -> None:
    x = run(nlp, text)
    assert x.events, text
    assert any(p.country == country and p.kind != "country" for e in x.events for p in e.places), text


def test_an_untyped_headline_gives_its_place_to_the_placeless_strike(nlp) -> None:
    x = run(
        nlp,
        "Rebel attack kills nine in Kassala\n"
        "A drone launched by the rebels struck a crowded bus station on Thursday, killing nine people, the"
        " governor said.",
    )
    assert types(x) == ["drone_strike"]
    assert any(p.country == "SD" and p.kind != "country" for p in x.events[0].places)


def test_an_untyped_toll_another_event_holds_is_not_given_again(nlp) -> None:
    x = run(
        nlp,
        "One person was killed and others were injured overnight in Sumy in a new Russian attack, the mayor"
        " said.\nDebris fell on a house in the south of the city, killing one person.\n"
        "Russian forces launched a massive attack on Sumy with drones, which injured a woman.",
    )
    assert types(x) == ["debris_fall", "drone_strike"]
    assert sum(e.killed.value for e in x.events if e.killed is not None) == 1


def test_names_of_a_list_closed_by_a_plural_unit_word_are_regions(nlp) -> None:
    x = run(nlp, "Air defence units shot down 12 drones overnight within the Kyiv, Oryol and Sumy regions.")
    codes = {p.admin1_code for e in x.events for p in e.places if p.admin1_code}
    # Kyiv region (UA-32), not the city of Kyiv (UA-30)
    assert {"UA-32", "RU-ORL", "UA-59"} <= codes
    assert "UA-30" not in codes
    assert all(p.kind == "region" for e in x.events for p in e.places if p.kind != "country")


def test_an_event_placed_nowhere_else_is_placed_at_its_target(nlp) -> None:
    x = run(
        nlp, "Air defences shot down two drones flying toward Voronezh early on Sunday, the governor said."
    )
    assert types(x) == ["interception"]
    assert any(p.country == "RU" and p.kind != "country" for p in x.events[0].places)


def test_a_target_does_not_replace_the_place_of_the_event(nlp) -> None:
    x = run(nlp, "Over Kursk region air defences shot down two drones flying toward Voronezh on Sunday.")
    assert {p.admin1_code for e in x.events for p in e.places} == {"RU-KRS"}


def test_a_per_region_split_of_downed_weapons_told_with_of_them(nlp) -> None:
    x = run(
        nlp,
        "Air defences destroyed 60 drones over Russia overnight, the ministry said.\n"
        "It said 31 of them were destroyed over the Kursk region, 17 over Oryol, 12 over Tambov.",
    )
    counts = {p.admin1_code: e.count.value for e in x.events for p in e.places if e.count and p.admin1_code}
    assert counts == {"RU-KRS": 31, "RU-ORL": 17, "RU-TAM": 12}


def test_buildings_destroyed_of_them_are_no_interception(nlp) -> None:
    x = run(nlp, "Shelling damaged 20 houses in Klintsy on Monday. Three of them were destroyed by fire.")
    assert "interception" not in types(x)


@pytest.mark.parametrize("name", ["“Shahed” drones", '"Geran-2" drones', "«Shahed» drones"])
def test_a_count_before_a_quoted_weapon_name(nlp, name: str) -> None:
    x = run(nlp, f"Air defences shot down 14 {name} over the Odesa region overnight, the governor said.")
    assert [e.count.value for e in x.events if e.count] == [14]


@pytest.mark.parametrize(
    "tail",
    ["the crew are reported safe", "all passengers were unharmed", "everyone on board is said to be safe"],
)
def test_people_said_to_be_safe_is_no_casualties(nlp, tail: str) -> None:
    x = run(nlp, f"A missile struck a cargo ship off Hodeidah on Tuesday; {tail}, the agency said.")
    (e,) = x.events
    assert e.killed is not None and e.killed.value == 0
    assert e.injured is not None and e.injured.value == 0


def test_an_event_in_the_same_village_takes_the_place_told_before(nlp) -> None:
    x = run(
        nlp,
        "A drone struck a tractor near the village of Glotovo in Belgorod region on Monday, injuring the driver.\n"
        "Hours later, in a separate attack in the same village, a drone hit a bus, killing two passengers.",
    )
    assert len(x.events) == 2
    assert all(any(p.admin1_code == "RU-BEL" for p in e.places) for e in x.events)


@pytest.mark.parametrize(
    ("text", "typ"),
    [
        (
            "A house in Tyre was hit by a missile fired from an Israeli warplane on Monday, killing two.",
            "air_strike",
        ),
        (
            "A drone strike hit a car near Bint Jbeil on Friday, firing two missiles and wounding the driver.",
            "drone_strike",
        ),
    ],
)
def test_a_missile_fired_by_an_aircraft_or_a_drone_is_that_platform_s_strike(
    nlp, text: str, typ: str
) -> None:
    assert types(run(nlp, text)) == [typ]


def test_missiles_sent_beside_drones_have_no_platform() -> None:
    from skylog.extract.en import triggers as T

    assert T.PLATFORM_MUNITION.search("launched 12 drones and three missiles at the port") is None
    assert T.PLATFORM_MUNITION.search("a missile fired from a warplane hit the port") is not None


@pytest.mark.parametrize(
    "text",
    [
        # the strike word elsewhere in the sentence types an attack whose trigger is "targeted"/"struck"
        "The Israeli military conducted a targeted strike on a building in Tyre on Friday, killing two people.",
        # or in a later sentence about the same attack
        "Israel struck a building in Tyre on Friday. The building was hit twice, a warning shot and a final strike.",
        # "bombed" with no weapon named is an air strike in news usage
        "The Israeli military on Wednesday bombed the outskirts of Tyre and struck a nearby town, killing five people.",
    ],
)
def test_an_untyped_attack_takes_the_strike_word_of_its_sentences(nlp, text: str) -> None:
    assert types(run(nlp, text)) == ["air_strike"]


@pytest.mark.parametrize(
    "text",
    [
        "Israel on Friday launched an air strike on Tyre, for the first time since a truce ended the war in November.",
        "Drones attacked the port on Tuesday for the third day running, amid a conflict raging since April 2023.",
    ],
)
def test_history_in_a_clause_of_its_own_leaves_a_dated_attack(nlp, text: str) -> None:
    assert run(nlp, text).events
    # the history itself, with no attack of its own outside the clause, is still statistics
    assert T.read_sentence(
        "On Monday, the ministry said 500 drones had been launched since the start of the war."
    ).filtered


def test_single_zh_spelling_of_a_city_is_the_events_place(nlp: EnglishPipeline):
    x = run(
        nlp,
        "One person was killed when a Russian missile struck a warehouse in Zaporizhia on Friday, "
        "the regional governor said.",
    )
    places = [p for e in x.events for p in e.places]
    assert any(p.mention == "Zaporizhia" and p.admin1_code == "UA-23" for p in places), places


def test_an_untyped_attack_on_another_day_is_its_own_incident(nlp) -> None:
    # "bombed" with no weapon named is an air strike; told for another day than the shelling before it,
    # it is not merged into the shelling (nor its toll added to it)
    text = (
        "Militia shelling of Kadugli on Monday killed four civilians and wounded nine, the governor said.\n"
        "Separately, six farmers were hurt when the army bombed a market near Kadugli on Sunday evening."
    )
    x = run(nlp, text, datetime(2025, 4, 8, 12, tzinfo=UTC))
    assert types(x) == ["air_strike", "shelling"]
    by = {e.type: e for e in x.events}
    assert by["shelling"].injured.value == 9 and by["air_strike"].injured.value == 6
    assert by["air_strike"].time.start[:10] == "2025-04-06"


def test_an_untyped_attack_of_its_own_day_takes_the_reports_one_kind_of_strike(nlp) -> None:
    # "attacks" names no way of attack: in a report of drone strikes only, an earlier day's attacks with
    # their own toll are a drone strike of their own, not lost
    text = (
        "A drone strike on a bus station in Dilling killed seven people on Thursday, medics said.\n"
        "On Tuesday, two drivers were killed in attacks on fuel trucks along the road to Kadugli."
    )
    x = run(nlp, text, datetime(2025, 4, 11, 12, tzinfo=UTC))
    assert types(x) == ["drone_strike", "drone_strike"]
    assert sorted(e.killed.value for e in x.events) == [2, 7]


def test_a_strike_that_was_able_to_get_through_is_not_hypothetical(nlp) -> None:
    # "able to" is a hypothetical cue only where nothing says it happened ("had been able to" did)
    text = (
        "Most drones sent at the port are shot down, but several have been able to evade the defences, "
        "the latest a missile that struck a warehouse in Haifa on June 2."
    )
    assert "missile_strike" in types(run(nlp, text, datetime(2025, 6, 5, 12, tzinfo=UTC)))
    assert types(run(nlp, "Their drones are able to strike a warehouse in Haifa.")) == []


def test_a_reduced_relative_launch_is_an_attack_with_its_count(nlp) -> None:
    # "30 rockets fired from across the border were detected": the launch told in a reduced relative clause
    text = "About 30 rockets fired from across the border were detected over the valley on Friday, the army said."
    x = run(nlp, text, datetime(2025, 6, 8, 12, tzinfo=UTC))
    assert types(x) == ["shelling"] and x.events[0].count.value == 30
    # not where the weapons are only named: "rockets fired in anger" is no launch at a place
    assert types(run(nlp, "Rockets fired in anger make no policy, the editorial said.")) == []


def test_a_datelines_date_is_the_filing_day_not_the_attacks(nlp) -> None:
    text = "KHERSON, Jun 2 (Wire) Russian drones struck a depot in Odesa on Sunday evening, officials said."
    x = run(nlp, text, datetime(2025, 6, 2, 12, tzinfo=UTC))  # a Monday
    assert [e.time.start[:10] for e in x.events] == ["2025-06-01"]
    # a date that is not a dateline's is the attack's own
    x = run(
        nlp, "Russian drones struck a depot in Odesa on Jun 2 (a Monday).", datetime(2025, 6, 3, tzinfo=UTC)
    )
    assert [e.time.start[:10] for e in x.events] == ["2025-06-02"]


def test_an_event_placed_in_one_country_keeps_no_bare_mention_of_another(nlp) -> None:
    text = "Russian air defences downed two drones over the Rostov region, a week after Ukraine's attack on the city."
    x = run(nlp, text, datetime(2025, 6, 3, tzinfo=UTC))
    assert [sorted({p.country for p in e.places}) for e in x.events] == [["RU"]]
    # a country named alone, with no place below it, is kept
    x = run(nlp, "Two drones were shot down over Ukraine on Monday.", datetime(2025, 6, 3, tzinfo=UTC))
    assert [[p.country for p in e.places] for e in x.events] == [["UA"]]


def test_aerial_defence_is_air_defence(nlp) -> None:
    # what is intercepted need not be a weapon word the rules know to be interceptable ("projectiles")
    text = "The army's aerial defense array intercepted several of the projectiles over the valley on Monday."
    assert types(run(nlp, text, datetime(2025, 6, 3, tzinfo=UTC))) == ["interception"]


@pytest.mark.parametrize(
    ("text", "downed", "struck"),
    [
        (
            "Air defences shot down a dozen drones over the border overnight, as one attacked a depot near Sumy.",
            12,
            1,
        ),
        ("Air defences shot down 14 drones over Sumy overnight; two of them struck a fuel depot.", 14, 2),
    ],
)
def test_the_figure_that_struck_after_an_interception_is_the_strikes_count(nlp, text, downed, struck) -> None:
    x = run(nlp, text, datetime(2025, 6, 3, tzinfo=UTC))
    counts = {e.type: e.count.value for e in x.events if e.count is not None}
    assert counts == {"interception": downed, "drone_strike": struck}


def test_an_anaphor_naming_drones_retypes_the_air_strike_it_refers_to(nlp) -> None:
    text = (
        "An army air strike on a market in Kadugli killed 12 people, a volunteer group said.\n"
        "The attack, which took place on Monday, involved drones carrying out several strikes on the market in Kadugli."
    )
    x = run(nlp, text, datetime(2025, 6, 3, tzinfo=UTC))
    assert types(x) == ["drone_strike"] and x.events[0].killed.value == 12


def test_a_roundup_of_strikes_keeps_each_strike_and_toll(nlp) -> None:
    # "another strike" with no weapon named is a separate incident; an untyped strike with a toll of its
    # own is not folded into a strike that tells another toll
    text = (
        "Two people were killed in an air strike late on Monday in the Shujaiya area of Gaza City, medics said.\n"
        "Another strike late on Monday hit a house in the city, killing three people, the ministry said.\n"
        "In the south, a strike on a tent early on Tuesday killed six people near Rafah.\n"
        "Another air strike early on Tuesday hit a car near Rafah, killing seven people.\n"
        "The health ministry says the offensive has killed more than 40,000 people in the territory."
    )
    x = run(nlp, text, datetime(2024, 8, 27, 12, tzinfo=UTC))
    assert types(x) == ["air_strike"] * 4
    assert sorted(e.killed.value for e in x.events) == [2, 3, 6, 7]


def test_a_summary_toll_of_several_attacks_is_not_an_incident_of_its_own(nlp) -> None:
    text = (
        "At least three civilians were killed in two separate attacks in the Kursk region, officials said on Monday.\n"
        "Two workers were killed when a drone struck their van near the village of Tetkino on Monday.\n"
        "In a separate incident, a man was killed by a drone in the village of Gordeevka on Monday."
    )
    x = run(nlp, text, datetime(2025, 5, 5, 12, tzinfo=UTC))
    assert sum(e.killed.value for e in x.events if e.killed) == 3


def test_debris_that_pierced_a_roof_is_a_debris_fall(nlp) -> None:
    text = "Fragments of an intercepted rocket pierced the roof of a school in Nahariya on Friday; no one was hurt."
    assert "debris_fall" in types(run(nlp, text, datetime(2025, 5, 3, tzinfo=UTC)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In a fresh attack, the air force early on Saturday targeted three depots near Khan Younis, killing two.",
            ["air_strike"],
        ),
        (
            "The air force struck a house in Rafah on Sunday in an attack that killed four people, medics said.",
            ["air_strike"],
        ),
    ],
)
def test_an_air_force_that_struck_makes_an_air_strike(nlp, text: str, expected: list[str]) -> None:
    assert types(run(nlp, text, datetime(2025, 5, 5, tzinfo=UTC))) == expected


def test_an_air_force_that_reports_an_attack_does_not_type_it() -> None:
    # the air force speaking is no air strike: the attack stays untyped
    assert T.read_sentence("Ukraine's air force said Russia attacked Kyiv overnight.").types[0][0] == ""


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        (
            "Eleven people, among them two rescuers, were injured when a missile hit a school in Kharkiv.",
            "injured",
            11,
        ),
        (
            "A drone hit a house in Sumy; three people, including a child, were wounded, the governor said.",
            "injured",
            3,
        ),
        (
            "At least 24 people, including eight children, have been killed in a drone attack on a bus.",
            "killed",
            24,
        ),
    ],
)
def test_a_part_told_between_the_toll_and_its_verb_leaves_the_toll(
    nlp, text: str, field: str, value: int
) -> None:
    x = run(nlp, text, datetime(2025, 6, 3, tzinfo=UTC))
    assert [getattr(e, field).value for e in x.events if getattr(e, field)] == [value]


@pytest.mark.parametrize(
    ("text", "cumulative"),
    [
        ("More than 35,000 people have been killed since Israel's retaliatory offensive.", True),
        ("Over 11,000 civilians have died since Russia's full-scale invasion, the UN says.", True),
        ("Two people were killed since the drone hit the market at noon.", False),
    ],
)
def test_a_toll_counted_since_a_named_sides_war_is_statistics(text: str, cumulative: bool) -> None:
    assert bool(T._STAT_RE.search(text)) is cumulative


# ---------------------------------------------------------------- the attacking side is not the place
def _countries(x) -> set[str]:
    return {p.country for e in x.events for p in e.places if p.country}


@pytest.mark.parametrize(
    ("text", "attacker"),
    [
        ("A rocket fired by Lebanon's Hezbollah struck a house near Safed, wounding six people.", "LB"),
        ("Four soldiers were wounded in shelling by the Indian Army in the Neelum valley on Sunday.", "IN"),
        ("Drones launched from rebel-held areas of Yemen were shot down over the Red Sea on Friday.", "YE"),
    ],
)
def test_the_attacking_country_is_not_the_place(nlp, text, attacker):
    x = run(nlp, text)
    assert x.events
    assert attacker not in _countries(x)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Tehran fired a barrage of rockets at Israeli territory overnight, and two people were hurt.", "IL"),
        ("Air defence units downed nine drones over Russian territory on Tuesday, the ministry said.", "RU"),
    ],
)
def test_a_country_adjective_before_its_land_places_the_event(nlp, text, country):
    x = run(nlp, text)
    assert x.events and _countries(x) == {country}


def test_the_land_a_launch_comes_from_is_no_place(nlp):
    x = run(nlp, "Three rockets fired from Syrian territory fell in open fields, causing no injuries.")
    assert "SY" not in _countries(x)


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # a city named as the owner of a fleet or an army is the side, not where the attack was
        (
            "Ukrainian sea drones attacked Moscow's Black Sea Fleet in Sevastopol overnight, the governor said.",
            ["Sevastopol"],
        ),
        # a country before its forces may still be the ground: strikes on Yemen's rebels were in Yemen
        (
            "US and British air strikes targeting Yemen's Houthi rebels killed 16 people on Thursday.",
            ["Yemen"],
        ),
    ],
)
def test_a_city_that_owns_the_forces_is_no_place_of_the_attack(nlp, text: str, places: list[str]) -> None:
    x = run(nlp, text)
    assert sorted({p.name for e in x.events for p in e.places}) == places


def test_a_retaliatory_strike_told_as_done_is_an_attack_not_a_threat(nlp) -> None:
    # "retaliatory" is a hypothetical cue ("vowed a retaliatory strike"), except for a retaliatory strike,
    # attack or raid with a past verb of doing in its sentence: the act itself
    done = (
        "The militaries bombed more than a dozen sites in Yemen on Thursday, in a massive retaliatory "
        "strike using warship-launched Tomahawk missiles."
    )
    assert types(run(nlp, done)) == ["missile_strike"]
    after = "Retaliatory strikes with missiles killed five fighters in southern Lebanon on Friday."
    assert types(run(nlp, after)) == ["missile_strike"]
    assert (
        types(run(nlp, "Iran vowed a massive retaliatory strike with ballistic missiles on Tel Aviv.")) == []
    )
    assert types(run(nlp, "Officials fear a retaliatory strike with missiles on the port of Haifa.")) == []


_DEBRIS_AND_DOWNED = (
    "\nFallen debris from downed Ukrainian drones caused a fire at the oil refinery in Volgograd, the governor said. "
    "Air defences destroyed 12 Ukrainian drones over the Volgograd region overnight, the ministry said."
)


@pytest.mark.parametrize(
    "lead,expected",
    [
        # the attack whose drones were downed, its harm the debris's: no strike of its own
        (
            "Fire at a Russian refinery in Volgograd after a Ukrainian drone attack.",
            ["debris_fall", "interception"],
        ),
        # a drone told as hitting is a strike beside the debris
        (
            "A Ukrainian drone struck a Russian refinery in Volgograd.",
            ["debris_fall", "drone_strike", "interception"],
        ),
    ],
)
def test_a_strike_told_only_by_the_debris_of_its_downed_weapons_is_none(
    nlp, lead: str, expected: list[str]
) -> None:
    assert types(run(nlp, lead + _DEBRIS_AND_DOWNED)) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a craft that crashed of its own fault attacked nothing (#15)
        "An Israeli drone crashed due to a technical malfunction and exploded inside a home in the town of Shebaa.",
        "A Ukrainian drone malfunctioned and fell on a house in Belgorod on Monday, damaging the roof.",
        "A Russian drone came down in a field near Chisinau after an engine failure, police said.",
    ],
)
def test_a_crash_of_the_crafts_own_fault_is_no_attack(nlp, text: str) -> None:
    assert run(nlp, text).events == []


def test_an_accident_beside_an_attack_leaves_the_attack(nlp) -> None:
    x = run(
        nlp,
        "An Israeli drone strike killed a man in Nabatieh on Wednesday. In a separate incident, an Israeli drone "
        "crashed due to a technical malfunction in the town of Shebaa.",
    )
    assert [(e.type, e.killed.value if e.killed else None) for e in x.events] == [("drone_strike", 1)]
    # a crash that an attack or a defence caused is none
    assert types(run(nlp, "A Russian drone crashed into a house in Kharkiv after air defences hit it.")) != []


def _region(name: str, code: str, at: int):
    from skylog.records import Place

    return Place(
        mention=name, span=(at, at + len(name)), kind="admin1", name=name, country="RU", admin1_code=code
    )


@pytest.mark.parametrize(
    ("strike_regions", "kept"),
    [
        # the strike is told in a region the debris is not: two places, two events (#15)
        ([("Rostov", "RU-ROS"), ("Voronezh", "RU-VOR")], True),
        # told where the debris fell, with no hit of its own: the downed attack, its harm the debris's
        ([("Voronezh", "RU-VOR")], False),
    ],
)
def test_a_strike_told_in_a_region_of_no_debris_is_kept(strike_regions: list, kept: bool) -> None:
    from skylog.extract.en.downed_harm import fold_downed_strikes
    from skylog.records import EventMention

    text = "A drone attack sparked a fire. Debris fell. Eight drones were destroyed."
    strike = EventMention(
        "drone_strike", [(0, 30)], "drone", places=[_region(n, c, 2) for n, c in strike_regions]
    )
    debris = EventMention("debris_fall", [(31, 43)], places=[_region("Voronezh", "RU-VOR", 31)])
    downed = EventMention("interception", [(44, 72)], "drone", places=[_region("Voronezh", "RU-VOR", 44)])
    events = [strike, debris, downed]
    fold_downed_strikes(events, text)
    assert (strike in events) is kept


@pytest.mark.parametrize(
    "text",
    [
        "A missile hit a market in Kherson on Sunday after air defences failed to intercept it.",
        "Air defences were unable to intercept the missile, which hit a market in Kherson on Sunday.",
        "Despite attempts to intercept it, a missile hit a market in Kherson on Sunday.",
        # no verb of a hit: the failed interception alone tells the missile got through
        "Air defences failed to intercept a missile that fell in a market in Kherson on Sunday.",
    ],
)
def test_a_failed_interception_is_the_strike_that_got_through(nlp, text: str) -> None:
    x = run(nlp, text, datetime(2024, 5, 6, tzinfo=UTC))
    assert types(x) == ["missile_strike"]


def test_a_weapon_named_again_in_an_apposition_keeps_the_strike(nlp) -> None:
    # the sentence names two phrases of one weapon class ("an attack drone, likely a Shahed-136") and one hit
    text = "Overnight on May 4, an attack drone, likely a Shahed-136, hit an apartment block in Sumy."
    x = run(nlp, text, datetime(2024, 5, 4, tzinfo=UTC))
    assert types(x) == ["drone_strike"]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # the place after "against" is the target
        ("Two people were wounded in a missile strike against Zaporizhzhia on Monday.", ["Zaporizhzhya"]),
        # the side's country after its forces ("the rebels of Yemen") is who launched, not where it struck
        ("A drone launched by the rebels of Yemen hit Haifa on Monday, wounding two.", ["Haifa"]),
        (
            "Two were hurt on Monday in a drone strike launched by the Houthis of Yemen against Haifa.",
            ["Haifa"],
        ),
    ],
)
def test_the_target_not_the_launching_sides_country_is_the_place(nlp, text: str, places: list[str]) -> None:
    x = run(nlp, text, datetime(2024, 5, 6, tzinfo=UTC))
    assert [p.name for e in x.events for p in e.places] == places
