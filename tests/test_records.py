from skylog.records import Claim, EventMention, Extraction, Place, Report, report_id


def test_report_id_is_stable_and_whitespace_insensitive():
    a = report_id("src", "Drones  were shot down\nover Kursk.")
    b = report_id("src", "Drones were shot down over Kursk.")
    assert a == b
    assert a != report_id("other", "Drones were shot down over Kursk.")
    assert a != report_id("src", "Drones were shot down over Kursk.", version_key="v2")


def test_extraction_serialises_to_contract_shape():
    report = Report(id="r1", text="Two drones were shot down over Kursk.", language="en")
    event = EventMention(
        type="interception",
        spans=[(0, 36)],
        weapon="drone",
        count=Claim(value=2, spans=[(0, 3)]),
        places=[Place(mention="Kursk", span=(31, 36), kind="region")],
    )
    d = Extraction(report=report, events=[event]).to_dict()
    assert d["report"]["text_length"] == len(report.text)
    assert d["events"][0]["count"] == {
        "value": 2,
        "qualifier": None,
        "claimant": "the outlet",
        "hedge": "asserted",
        "spans": [[0, 3]],
    }
    assert d["events"][0]["places"][0]["span"] == [31, 36]
