"""Ingest of local files: text, Markdown, HTML, JSON Lines, folders, and bad files."""

import json
import tracemalloc

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skylog.ingest import IngestOptions, expand_inputs, ingest
from skylog.records import IngestError, Report, report_id

EN = "Air defence shot down seven drones over the Bryansk region overnight, the governor said.\n"
RU = (
    "Силы ПВО ночью сбили четыре беспилотника над территорией Курской области, сообщил губернатор. "
    "Пострадавших нет, на месте падения обломков работают оперативные службы.\n"
)
UK = "Уночі сили протиповітряної оборони збили дванадцять ударних дронів над Київщиною, повідомили у ДСНС.\n"


def _one(path, **kw):
    out = list(ingest([str(path)], IngestOptions(**kw)))
    assert len(out) == 1, out
    return out[0]


@pytest.mark.parametrize(("text", "lang"), [(EN, "en"), (RU, "ru"), (UK, "uk")])
def test_utf8_text_kept_exactly(tmp_path, text, lang):
    p = tmp_path / "r.txt"
    body = text + "  second line with  double  spaces\u00a0and e\u0301 (decomposed)\n"
    p.write_bytes(body.encode())
    r = _one(p)
    assert isinstance(r, Report)
    assert r.text == body == p.read_text(encoding="utf-8")  # offsets index the file
    assert r.language == lang and r.language_supported
    assert r.id == report_id("r.txt", body)
    assert r.origin == str(p) and r.published_at is None  # unknown stays unknown


def test_crlf_read_as_python_text_mode(tmp_path):
    p = tmp_path / "w.txt"
    p.write_bytes(EN.replace("\n", "\r\n").encode() * 2)
    with open(p, encoding="utf-8") as fh:
        assert _one(p).text == fh.read()


def test_markdown_title(tmp_path):
    p = tmp_path / "note.md"
    p.write_text("# Debris falls in Belgorod\n\n" + EN, encoding="utf-8")
    r = _one(p)
    assert r.title == "Debris falls in Belgorod" and r.text.startswith("# Debris")


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r"])
def test_legacy_cyrillic_encodings(tmp_path, encoding):
    p = tmp_path / "old.txt"
    p.write_bytes((RU * 3).encode(encoding))
    r = _one(p)
    assert isinstance(r, Report), r
    assert r.text == RU * 3
    assert r.language == "ru"
    assert r.meta["encoding"]


def test_utf16_with_bom(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes(UK.encode("utf-16"))
    r = _one(p)
    assert r.text == UK and r.language == "uk"


@pytest.mark.parametrize("content", [b"", b"   \n\t\n"])
def test_empty_file(tmp_path, content):
    p = tmp_path / "empty.txt"
    p.write_bytes(content)
    e = _one(p)
    assert isinstance(e, IngestError) and e.input == str(p) and "empty" in e.reason


def test_binary_file(tmp_path):
    p = tmp_path / "photo.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20)
    e = _one(p)
    assert isinstance(e, IngestError) and "binary" in e.reason


def test_invalid_utf8_mostly_text_is_kept_with_warning(tmp_path):
    p = tmp_path / "broken.txt"
    good = (RU * 4).encode()
    p.write_bytes(good[:100] + b"\xff\xfe" + good[100:])  # two stray bytes in a UTF-8 file
    r = _one(p)
    assert isinstance(r, Report)
    assert "invalid UTF-8" in r.meta["decode_warning"] and "\ufffd" in r.text
    assert r.language == "ru"


def test_invalid_utf8_garbage_is_refused(tmp_path):
    p = tmp_path / "garbage.txt"
    p.write_bytes(bytes([0x80 + (i * 37) % 64 for i in range(3000)]))
    e = _one(p)
    assert isinstance(e, IngestError)
    assert "UTF-8" in e.reason or "binary" in e.reason


@pytest.mark.slow
def test_200mb_file_refused_by_size_without_reading(tmp_path):
    p = tmp_path / "huge.txt"
    with p.open("wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # sparse: no disk used, nothing to read
    tracemalloc.start()
    out = list(ingest([str(p), str(tmp_path)]))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert all(isinstance(e, IngestError) and "too large" in e.reason for e in out)
    assert "209.7 MB" in out[0].reason and "10.0 MB limit" in out[0].reason
    assert peak < 20 * 1024 * 1024


def test_missing_path_and_folder_without_files(tmp_path):
    (tmp_path / "empty_dir").mkdir()
    out = list(ingest([str(tmp_path / "nope.txt"), str(tmp_path / "empty_dir")]))
    assert [type(o) for o in out] == [IngestError, IngestError]
    assert "no such file" in out[0].reason and "no files" in out[1].reason


def test_folder_recursive_and_batch_goes_on(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "a" / "b" / "two.md").write_text(UK, encoding="utf-8")
    (tmp_path / "a" / "b" / "bad.txt").write_bytes(b"")
    (tmp_path / "a" / "image.png").write_bytes(b"\x89PNG\x00")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text(EN, encoding="utf-8")
    files = expand_inputs([str(tmp_path)])
    assert [f.split("/")[-1] for f in files] == ["one.txt", "bad.txt", "two.md"]
    out = list(ingest([str(tmp_path)]))
    assert sorted(type(o).__name__ for o in out) == ["IngestError", "Report", "Report"]


HTML = """<!doctype html><html><head><title>Strike on Odesa port | Example</title>
<meta name="author" content="Olena Koval">
<meta property="article:published_time" content="2025-03-02T06:15:00+02:00">
<link rel="canonical" href="https://www.ukrinform.net/news/123"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<div class="cookie">We use cookies. Accept?</div>
<article><h1>Strike on Odesa port</h1>
<p>Russian forces attacked the port infrastructure of Odesa with attack drones overnight, the regional
military administration reported on Sunday morning.</p>
<p>Two people were injured and a warehouse caught fire; firefighters contained the blaze by dawn.</p>
<p>Air defence units destroyed most of the incoming drones over the sea and the coastal districts.</p>
</article><footer>© Example media 2025</footer></body></html>"""


def test_html_file_main_text_and_metadata(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(HTML, encoding="utf-8")
    r = _one(p)
    assert isinstance(r, Report)
    assert "port infrastructure of Odesa" in r.text
    assert "cookies" not in r.text and "Home" not in r.text
    assert r.title == "Strike on Odesa port" and r.author == "Olena Koval"
    assert r.published_at is not None and r.published_at.isoformat().startswith("2025-03-02T06:15")
    assert r.source_kind == "media" and r.language == "en"


def test_html_without_main_text(tmp_path):
    p = tmp_path / "blank.html"
    p.write_text(
        "<html><head><title>Only a title</title></head><body><img src=x></body></html>", encoding="utf-8"
    )
    e = _one(p)
    assert isinstance(e, IngestError) and "main text" in e.reason


def test_jsonl_records_and_bad_lines(tmp_path):
    p = tmp_path / "archive.jsonl"
    lines = [
        json.dumps(
            {"text": EN, "url": "https://www.reuters.com/x", "title": "T1", "published_at": "2025-05-01"}
        ),
        "{not json",
        json.dumps({"text": "", "source": "x"}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"text": RU, "source": "TASS", "published_at": "2025-05-02T10:00:00+03:00", "id": "t-1"}),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = list(ingest([str(p)]))
    reports = [o for o in out if isinstance(o, Report)]
    errors = [o for o in out if isinstance(o, IngestError)]
    assert [r.text for r in reports] == [EN, RU]
    assert reports[0].source == "www.reuters.com" and reports[0].source_kind == "media"
    assert reports[1].external_id == "t-1" and reports[1].published_at.utcoffset().total_seconds() == 3 * 3600
    assert [e.input for e in errors] == [f"{p}:2", f"{p}:3", f"{p}:4"]
    assert "malformed JSON" in errors[0].reason and "text" in errors[1].reason


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.binary(max_size=3000),
    suffix=st.sampled_from([".txt", ".md", ".html", ".xml", ".json", ".jsonl", ".bin"]),
)
def test_any_bytes_never_raise(tmp_path, data, suffix):
    p = tmp_path / f"fuzz{suffix}"
    p.write_bytes(data)
    for item in ingest([str(p)]):
        assert isinstance(item, Report | IngestError)
        if isinstance(item, IngestError):
            assert item.input.startswith(str(p)) and item.reason
            assert not item.reason.startswith("unexpected error"), item.reason
        else:
            assert item.text.strip()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.text(min_size=1, max_size=400).filter(lambda t: t.strip() and "\r" not in t and "\x00" not in t)
)
def test_utf8_text_round_trips_exactly(tmp_path, text):
    p = tmp_path / "t.txt"
    p.write_bytes(text.encode("utf-8"))
    (item,) = list(ingest([str(p)]))
    if isinstance(item, Report):
        assert item.text == text
    else:  # only control-character soup may be refused, as binary
        assert "binary" in item.reason
