"""Learned decisions over the rules' output (skylog.extract.learned): features, decisions, confidence."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from types import SimpleNamespace

import jsonschema
import pytest

from skylog.extract import Extractor, learned
from skylog.extract.learned.features import FIELDS, event_features, quote_features, report_features, stems
from skylog.extract.learned.model import MODEL_PATH, Linear, Model, load, sigmoid
from skylog.ingest.common import make_report
from skylog.link.resolve import field_confidence
from skylog.records import Claim, EventMention, Extraction, Place, Quote, Report, TimeExpr

SHARED = Path(__file__).resolve().parents[2] / "shared"
SCHEMA = SHARED / "schema" / "extract.schema.json"
ATTACK = (
    "Russian drones attacked the city of Sumy overnight, killing two people and injuring five, "
    "the regional military administration said.\n"
    "“A school and two houses were damaged,” Governor Oleh Hryhorov wrote on Telegram."
)

# the confidence fields the extract JSON adds (the shared schema allows extra fields; this pins their shape)
CONFIDENCE = {"type": "number", "minimum": 0, "maximum": 1}
CLAIM_WITH_CONFIDENCE = {
    "type": "object",
    "required": ["value", "confidence", "low_confidence"],
    "properties": {"confidence": CONFIDENCE, "low_confidence": {"type": "boolean"}},
}


def _extraction(
    events: list[EventMention], text: str = "Two drones hit Kursk.", lang: str = "en"
) -> Extraction:
    return Extraction(report=Report(id="r", text=text, language=lang), events=events)


def _event(**kw) -> EventMention:
    return EventMention(type=kw.pop("type", "drone_strike"), spans=kw.pop("spans", [(0, 5)]), **kw)


# ---------------------------------------------------------------- features


def test_stems_fold_word_endings_so_one_feature_serves_inflected_forms() -> None:
    assert stems("беспилотники беспилотников") == {"беспил"}
    assert stems("Drones drone 2025") == {"drones", "drone"}
    assert stems("x" * 10 + " tail", limit=5) == {"xxxxx"}  # bounded: report text is untrusted


def test_report_features_say_what_the_rules_found() -> None:
    ex = _extraction([_event(killed=Claim(value=2, spans=[(0, 1)]), places=[Place("Kursk", (15, 20))])])
    f = report_features(ex)
    assert f["ev=drone_strike"] == 1.0 and f["has:killed"] == 1.0 and f["has:place"] == 1.0
    assert f["lang=en"] == 1.0 and "w:drones" in f and "has:injured" not in f
    assert report_features(_extraction([]))["events:log"] == 0.0


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("A museum opened an exhibition of drone fragments from the strike on the dam.", "en"),
        ("Eighty years ago German bombers struck the port; a memorial service was held.", "en"),
        ("В музее открылась выставка обломков ракеты, попавшей в ГЭС.", "ru"),
        ("Уламки збитого дрона стали експонатом у краєзнавчому музеї.", "uk"),
        ("74 года назад при бомбардировке Сталинграда погибли люди.", "ru"),
    ],
)
def test_reports_about_an_exhibit_memorial_or_anniversary_get_one_feature_in_every_language(
    text: str, lang: str
) -> None:
    f = report_features(_extraction([_event()], text=text, lang=lang))
    assert f["retro:lead"] == 1.0 and f["retro:log"] > 0


def test_a_plain_attack_report_has_no_retrospective_feature() -> None:
    f = report_features(_extraction([_event()], text=ATTACK))
    assert "retro:lead" not in f and "retro:log" not in f
    # a cue only past the lead counts in the total, not as the report's subject
    later = ATTACK + " " * 400 + "The strike also damaged a museum."
    f = report_features(_extraction([_event()], text=later))
    assert "retro:lead" not in f and f["retro:log"] > 0


@pytest.mark.parametrize(
    ("frame", "text", "lang"),
    [
        (
            "accident",
            "A passenger jet made an emergency landing after a bird strike; the engine was damaged.",
            "en",
        ),
        (
            "accident",
            "Беспилотник упал на крышу склада из-за технического сбоя, сообщили в администрации.",
            "ru",
        ),
        ("test", "The navy test-fired a new cruise missile from a range off the coast on Tuesday.", "en"),
        ("test", "На полигоне прошли испытания новой ракеты, она поразила учебную цель.", "ru"),
        ("test", "Pilots flew racing drones through the stadium at the national championship.", "en"),
        ("legal", "A court sentenced two men over the missile strike that killed 12 people.", "en"),
        ("legal", "Суд виніс вирок за удар ракетою по житловому будинку, загинули 12 людей.", "uk"),
        ("tally", "Since the start of the war, drones have killed 1,200 civilians in the region.", "en"),
        ("tally", "З початку війни внаслідок обстрілів загинули 300 мешканців області.", "uk"),
    ],
)
def test_reports_of_an_accident_a_test_a_trial_or_a_war_toll_get_their_frame_in_every_language(
    frame: str, text: str, lang: str
) -> None:
    f = report_features(_extraction([_event(spans=[(0, 10)])], text=text, lang=lang))
    assert f[f"{frame}:lead"] == 1.0 and f[f"{frame}:log"] > 0 and f[f"{frame}:event"] == 1.0
    assert f["frame:lead"] == 1.0 and f["frame:event"] == 1.0


def test_a_plain_attack_report_has_no_frame_of_another_story() -> None:
    f = report_features(_extraction([_event(spans=[(0, 30)])], text=ATTACK))
    assert not [k for k in f if k.split(":")[0] in ("accident", "test", "legal", "tally", "frame")]
    # the frame's cue in another sentence than the event's counts for the report, not for the event
    later = ATTACK + " " * 400 + "A court will hear the case of the looted warehouse next week."
    f = report_features(_extraction([_event(spans=[(0, 30)])], text=later))
    assert f["legal:log"] > 0 and "legal:lead" not in f and "legal:event" not in f


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Сбиты два беспилотника. На месте работают сотрудники аварийно-спасательных служб.", "ru"),
        ("Збито дрон. На місці працюють аварійно-рятувальні підрозділи ДСНС.", "uk"),
    ],
)
def test_the_rescue_services_of_an_attack_report_are_no_accident(text: str, lang: str) -> None:
    f = report_features(_extraction([_event(spans=[(0, 10)])], text=text, lang=lang))
    assert not [k for k in f if k.startswith("accident:")]
    crash = report_features(
        _extraction([_event(spans=[(0, 10)])], text="Авария на заводе: " + text, lang=lang)
    )
    assert crash["accident:lead"] == 1.0


def test_share_features_tell_a_strike_told_throughout_from_one_told_in_passing() -> None:
    told = "Drones hit Sumy overnight. A school was damaged in the strike. Two people were hurt by the blast."
    f = report_features(_extraction([_event(spans=[(0, 10), (27, 60), (63, 95)])], text=told))
    assert f["share:sentences"] == 1.0 and f["share:lead"] == 1.0
    passing = (
        "The city council met on Monday to agree the budget for the new year. "
        "Councillors argued over the cost of repairing the old bridge near the river. "
        "The mayor said the park would reopen in spring after the works were finished. "
        "Residents asked for more buses on the route to the hospital and for longer library hours. "
        "A drone strike damaged the depot last spring, one councillor recalled in the debate."
    )
    at = passing.index("A drone strike")
    f = report_features(_extraction([_event(spans=[(at, at + 14)])], text=passing))
    assert f["share:sentences"] == 0.2 and f["share:lead"] == 0.0
    assert "share:sentences" not in report_features(_extraction([]))


def test_event_features_describe_claims_places_and_time() -> None:
    e = _event(
        count=Claim(value=12, spans=[(0, 2)], hedge="alleged", qualifier="at least", claimant="the governor"),
        places=[Place("Kursk", (15, 20), kind="region", precision=3, admin1_code="RU-KRS", country="RU")],
        time=TimeExpr(text="overnight", precision="day", span=(0, 9)),
    )
    f = event_features(_extraction([e]), e)
    assert f["count:hedge=alleged"] == 1.0 and f["count:qualified"] == 1.0 and f["count:outlet"] == 0.0
    assert f["killed:none"] == 1.0 and f["place:kind=region"] == 1.0 and f["place:admin1"] == 1.0
    assert f["time:precision=day"] == 1.0 and f["time:stated"] == 1.0 and f["first"] == 1.0
    q = Quote(text="x", span=(0, 1), speaker="Oleh Hryhorov", role="governor", cue="said")
    qf = quote_features(_extraction([e]), q)
    assert qf["speaker:role"] == 1.0 and qf["speaker:none"] == 0.0 and qf["quote:kind=direct"] == 1.0


# ---------------------------------------------------------------- model and decisions


def test_linear_model_scores_named_features_and_ignores_unknown_ones() -> None:
    lin = Linear.from_dict({"weights": {"bias": 1.0, "a": 2.0}, "platt": [0.5, -1.0]})
    assert lin.score({"bias": 1.0, "a": 1.0, "unseen": 5.0}) == 3.0
    assert lin.probability({"bias": 1.0, "a": 1.0}) == pytest.approx(sigmoid(0.5))
    assert sigmoid(-1000) == 0.0 and sigmoid(1000) == 1.0


def _model(decides: bool, bias: float) -> Model:
    fields = {name: Linear({"bias": -3.0 if name == "killed" else 3.0}) for name in FIELDS}
    return Model(
        relevance=Linear({"bias": bias}), relevance_decides=decides, relevance_threshold=0.5, fields=fields
    )


def test_reports_under_the_relevance_threshold_have_their_events_withheld_not_lost() -> None:
    ex = learned.apply(_extraction([_event()]), _model(decides=True, bias=-2.0))
    assert ex.events == [] and not ex.relevant and len(ex.withheld_events) == 1
    assert "withheld" in ex.warnings[-1]
    d = ex.to_dict()
    assert d["events"] == [] and d["withheld_events"][0]["type"] == "drone_strike"
    assert d["relevance"] == pytest.approx(sigmoid(-2.0), abs=1e-3)


def test_relevance_only_decides_where_the_model_is_enabled_for_it() -> None:
    kept = learned.apply(_extraction([_event()]), _model(decides=False, bias=-2.0))
    assert len(kept.events) == 1 and kept.relevant and kept.withheld_events == []
    assert "low confidence that this is an attack report" in kept.warnings[-1]
    sure = learned.apply(_extraction([_event()]), _model(decides=True, bias=2.0))
    assert len(sure.events) == 1 and sure.warnings == []


def test_low_confidence_values_are_marked_and_kept() -> None:
    e = _event(killed=Claim(value=2, spans=[(0, 1)]), injured=Claim(value=5, spans=[(2, 3)]))
    ex = learned.apply(_extraction([e]), _model(decides=False, bias=2.0))
    (out,) = ex.to_dict()["events"]
    assert out["killed"]["value"] == 2 and out["killed"]["low_confidence"] is True
    assert out["injured"]["low_confidence"] is False and out["injured"]["confidence"] > 0.9
    assert out["low_confidence"] == ["killed"]
    assert set(out["field_confidence"]) == {"type", "killed", "injured"}  # only fields with a value


def test_type_decision_withholds_only_bare_doubted_events() -> None:
    model = _model(decides=False, bias=2.0)
    model.fields["type"] = Linear({"bias": -3.0})
    model.type_decides, model.type_threshold = True, 0.5
    bare, with_toll = _event(), _event(type="shelling", killed=Claim(value=1, spans=[(0, 1)]))
    ex = learned.apply(_extraction([bare, with_toll]), model)
    assert [e.type for e in ex.events] == ["shelling"] and ex.withheld_events == [bare]


def test_retyper_replaces_the_rules_type_only_when_sure() -> None:
    from skylog.extract.learned.model import Retyper

    classes = {"shelling": {"s:mortar": 3.0}, "drone_strike": {"rule=drone_strike": 1.0}}
    feats = {"s:mortar": 1.0, "rule=drone_strike": 1.0}
    assert Retyper(classes, threshold=0.8).choose(feats, "drone_strike") == (
        "shelling",
        pytest.approx(0.881, abs=1e-3),
    )
    assert Retyper(classes, threshold=0.9).choose(feats, "drone_strike")[0] == "drone_strike"
    model = _model(decides=False, bias=2.0)
    text = "Mortar fire hit the village."
    model.retyper = Retyper(classes, threshold=0.9)
    ex = learned.apply(_extraction([_event(spans=[(0, 6)])], text=text), model)
    assert ex.events[0].type == "drone_strike" and ex.warnings == []
    model.retyper = Retyper(classes, threshold=0.8)
    ex = learned.apply(_extraction([_event(spans=[(0, 6)])], text=text), model)
    assert ex.events[0].type == "shelling" and "drone_strike -> shelling" in ex.warnings[-1]


def test_no_model_file_means_no_learned_decisions(tmp_path) -> None:
    empty = load(tmp_path / "absent.json")
    ex = learned.apply(_extraction([_event()]), empty)
    assert len(ex.events) == 1 and ex.relevance is None and ex.events[0].field_confidence == {}


# ---------------------------------------------------------------- the shipped model


def test_shipped_model_scores_every_field_of_a_plain_attack_report() -> None:
    model = load()
    assert model.relevance is not None and set(model.fields) == set(FIELDS)
    rep = make_report(ATTACK, language="en")
    d = Extractor().extract(rep).to_dict()
    assert d["events"] and 0.5 < d["relevance"] <= 1.0
    ev = d["events"][0]
    for name in ("type", "killed", "injured"):
        assert 0.0 <= ev["field_confidence"][name] <= 1.0
    jsonschema.validate(ev["killed"], CLAIM_WITH_CONFIDENCE)
    assert all(0.0 <= q["confidence"] <= 1.0 for q in d["quotes"] if q["speaker"])


def test_extract_json_with_confidence_keeps_the_schema() -> None:
    if not SCHEMA.is_file():
        pytest.skip("shared schema not present")
    d = Extractor().extract(make_report(ATTACK, language="en")).to_dict()
    jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(d)
    for e in d["events"]:
        for name in ("count", "killed", "injured", "perpetrator"):
            if e[name] is not None:
                jsonschema.validate(e[name], CLAIM_WITH_CONFIDENCE)
        jsonschema.validate(e["field_confidence"], {"type": "object", "additionalProperties": CONFIDENCE})


def test_incident_confidence_is_its_surest_member_and_low_only_where_all_say_so() -> None:
    recs = [
        SimpleNamespace(
            event={"field_confidence": {"type": 0.4, "time": 0.3}, "low_confidence": ["type", "time"]}
        ),
        SimpleNamespace(event={"field_confidence": {"type": 0.9}, "low_confidence": []}),
        SimpleNamespace(event={}),
    ]
    assert field_confidence(recs) == {
        "field_confidence": {"time": 0.3, "type": 0.9},
        "low_confidence": ["time"],
    }
    assert field_confidence([SimpleNamespace(event={})]) == {}


@pytest.mark.slow
def test_retraining_gives_the_shipped_model_file(tmp_path) -> None:
    """Same rules, corpus and seed: the same bytes (rebuild with ``python -m build_tools.train_extract``)."""
    shared = SHARED / "bench" / "extract"
    if not (shared / "regions.py").is_file():
        pytest.skip("shared bench folder not present")
    from build_tools.train_extract.__main__ import main

    out = tmp_path / "model.json"
    assert main(["--out", str(out), "--shared", str(shared)]) == 0
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    assert digest == hashlib.sha256(MODEL_PATH.read_bytes()).hexdigest()
