"""Telegram Desktop exports: text as string or entity parts, edits as versions, bad exports."""

import json

from skylog.ingest import ingest
from skylog.ingest.sources import kind_for_channel, kind_for_domain
from skylog.records import IngestError, Report


def export(messages, name="Губернатор Белгородской области", **extra):
    return {"name": name, "type": "public_channel", "id": 1234567, **extra, "messages": messages}


MSGS = [
    {"id": 1, "type": "service", "date": "2025-06-01T09:00:00", "action": "pin_message", "text": ""},
    {
        "id": 2,
        "type": "message",
        "date": "2025-06-01T09:05:00",
        "date_unixtime": "1748757900",
        "text": "Над Белгородом сбиты три беспилотника. Пострадавших нет.",
    },
    {
        "id": 3,
        "type": "message",
        "date": "2025-06-01T10:00:00",
        "date_unixtime": "1748761200",
        "edited": "2025-06-01T10:20:00",
        "edited_unixtime": "1748762400",
        "text": [
            "В результате атаки ",
            {"type": "bold", "text": "повреждены два дома"},
            " в Шебекино. Подробности: ",
            {"type": "text_link", "text": "здесь", "href": "https://example.org/x"},
        ],
    },
    {"id": 4, "type": "message", "date": "2025-06-01T11:00:00", "photo": "photos/p.jpg", "text": ""},
]


def _write(tmp_path, doc, name="result.json"):
    p = tmp_path / name
    p.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return p


def test_messages_become_reports(tmp_path):
    p = _write(tmp_path, export(MSGS))
    out = list(ingest([str(p)]))
    assert all(isinstance(o, Report) for o in out) and len(out) == 2
    a, b = out
    assert a.text == MSGS[1]["text"] and a.language == "ru"
    assert a.external_id == "telegram:1234567/2" and a.origin == f"{p}#2"
    # the instant from date_unixtime, in the exporter's offset (local "date" 09:05 = 06:05 UTC)
    assert a.published_at.isoformat() == "2025-06-01T09:05:00+03:00"
    assert a.source == "Губернатор Белгородской области" and a.source_kind == "official"
    assert b.text == "В результате атаки повреждены два дома в Шебекино. Подробности: здесь"
    assert b.meta["edited_at"] == "2025-06-01T10:20:00+03:00" and b.meta["links"] == ["https://example.org/x"]


def test_edit_is_new_version_and_reingest_is_duplicate(tmp_path, store):
    p1 = _write(tmp_path, export(MSGS), "old.json")
    edited = json.loads(json.dumps(MSGS))
    edited[1]["text"] = "Над Белгородом сбиты пять беспилотников. Пострадавших нет."
    p2 = _write(tmp_path, export(edited), "new.json")
    s1 = store.add_reports(ingest([str(p1)]))
    assert len(s1.new) == 2
    s2 = store.add_reports(ingest([str(p2)]))
    assert len(s2.updated) == 1 and len(s2.duplicate) == 1 and s2.new == []
    versions = store.versions("telegram:1234567/2")
    assert [v.version for v in versions] == [1, 2]
    assert "три" in versions[0].text and "пять" in versions[1].text
    s3 = store.add_reports(ingest([str(p2), str(p1)]))
    assert s3.new == [] and s3.updated == [] and len(s3.duplicate) == 4


def test_same_text_in_two_messages_are_two_reports(tmp_path):
    msgs = [
        {"id": i, "type": "message", "date": "2025-06-01T09:00:00", "text": "Отбой воздушной тревоги."}
        for i in (10, 11)
    ]
    out = list(ingest([str(_write(tmp_path, export(msgs)))]))
    assert len({o.id for o in out}) == 2


def test_malformed_json_export(tmp_path):
    p = tmp_path / "result.json"
    p.write_text('{"name": "x", "messages": [{"id": 1, "text": "abc"', encoding="utf-8")
    (e,) = list(ingest([str(p)]))
    assert isinstance(e, IngestError) and e.input == str(p) and "malformed JSON" in e.reason


def test_json_that_is_not_an_export(tmp_path):
    p = _write(tmp_path, {"hello": "world"}, "other.json")
    (e,) = list(ingest([str(p)]))
    assert isinstance(e, IngestError) and "not a Telegram export" in e.reason


def test_bad_message_fails_alone(tmp_path):
    msgs = [
        "not an object",
        {"type": "message", "date": "2025-01-01T00:00:00", "text": "no id here but text"},
        MSGS[1],
    ]
    out = list(ingest([str(_write(tmp_path, export(msgs, name="Random Chat")))]))
    assert [type(o).__name__ for o in out] == ["IngestError", "IngestError", "Report"]
    assert out[2].source_kind == "social"


def test_full_account_export_with_chats_list(tmp_path):
    doc = {
        "chats": {
            "list": [export(MSGS[1:2], name="Повітряні Сили ЗСУ", id=1), export(MSGS[2:3], name="News", id=2)]
        }
    }
    out = list(ingest([str(_write(tmp_path, doc))]))
    assert [o.source_kind for o in out] == ["official", "social"]
    assert [o.external_id for o in out] == ["telegram:1/2", "telegram:2/3"]


def test_source_kind_tables():
    assert kind_for_domain("www.reuters.com") == "media"
    assert kind_for_domain("news.mil.gov.ua") == "official"
    assert kind_for_domain("example.gov") == "official"
    assert kind_for_domain("www.hrw.org") == "ngo"
    assert kind_for_domain("t.me") == "social"
    assert kind_for_domain("my-blog.example") == "unknown"
    assert kind_for_channel("Some channel", "mod_russia") == "official"
    assert kind_for_channel("Минобороны России") == "official"
    assert kind_for_channel("Ирина Петрова") == "social"


def test_one_known_sources_table_gives_kinds_and_sources_add_defaults() -> None:
    """Kinds of domains and channels and the defaults of ``sources add`` come from one data file."""
    from skylog.ingest.known import defaults_for
    from skylog.ingest.sources import known_table

    table = known_table()
    assert kind_for_channel(None, "@GeneralStaffZSU") == "official"  # listed in the table only
    assert kind_for_channel("Random channel", "somebody") == "social"
    assert kind_for_channel("Губернатор Курской области", None) == "official"
    assert kind_for_domain("mobile.twitter.com") == "social"
    assert kind_for_domain("www.unian.net") == "media"
    assert kind_for_domain("kmu.gov.ua") == "official" and kind_for_domain("example.org") == "unknown"
    for handle, entry in table.telegram.items():
        assert kind_for_channel(None, handle) == entry["kind"]
    for host, entry in table.domains.items():
        assert kind_for_domain(host) == entry["kind"]
        assert defaults_for(f"https://{host}/x").known == bool(entry.get("name"))
    assert defaults_for("https://t.me/s/generalstaffzsu").kind == "official"
