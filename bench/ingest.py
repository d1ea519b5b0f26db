"""Ingest throughput and peak memory (``skylog bench ingest``).

Generates, in a temporary folder, N plain-text files and an N-message Telegram
export of varied synthetic reports (English, Russian, Ukrainian; generated
here, nothing copied), then times ``run_ingest(..., extract=False)`` into a
fresh SQLite database. Each run is a separate process, so peak memory
(``ru_maxrss``) is that run's own. Full: N=10,000, median of 3; quick: N=1,000, 1 run.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PLACES_EN = [
    "Kursk",
    "Belgorod",
    "Bryansk",
    "Kaluga",
    "Oryol",
    "Kharkiv",
    "Odesa",
    "Dnipro",
    "Sumy",
    "Kherson",
]
PLACES_RU = ["Курской", "Белгородской", "Брянской", "Калужской", "Орловской", "Воронежской", "Тульской"]
PLACES_UK = ["Харківщиною", "Одещиною", "Дніпропетровщиною", "Сумщиною", "Київщиною", "Полтавщиною"]
EN = [
    "Air defence units shot down {n} drones over the {p} region overnight, the governor said on {d}.",
    "A missile strike damaged {n} houses in {p}; {k} people were injured, officials reported.",
    "Debris from a downed drone fell on a warehouse near {p}, causing a fire that was put out by {h}:00.",
    "Shelling of {p} on {d} killed {k} and wounded {n}, the regional administration said.",
    "According to the defence ministry, {n} UAVs were intercepted and destroyed over {p} and nearby districts.",
]
RU = [
    "Силами ПВО над территорией {p} области уничтожены {n} беспилотников, сообщил губернатор.",
    "В результате атаки БПЛА повреждены {n} частных домов, пострадали {k} человек.",
    "Обломки сбитого беспилотника упали на территории предприятия в {p} области, возник пожар.",
    "Минобороны сообщило, что дежурные средства ПВО перехватили {n} беспилотных летательных аппаратов.",
]
UK = [
    "Уночі сили ППО збили {n} ударних дронів над {p}, повідомили у Повітряних силах.",
    "Внаслідок обстрілу пошкоджено {n} будинків, поранено {k} людей, повідомила ОВА.",
    "Уламки ракети впали на околиці міста, виникла пожежа, рятувальники працювали до {h}:00.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _text(rng: random.Random, i: int) -> str:
    lang = rng.choices(("en", "ru", "uk"), weights=(5, 3, 2))[0]
    pool, places = {"en": (EN, PLACES_EN), "ru": (RU, PLACES_RU), "uk": (UK, PLACES_UK)}[lang]
    sentences = [
        rng.choice(pool).format(
            n=rng.randint(1, 60),
            k=rng.randint(0, 9),
            p=rng.choice(places),
            d=rng.choice(DAYS),
            h=rng.randint(1, 23),
        )
        for _ in range(rng.randint(1, 5))
    ]
    return " ".join(sentences) + f" (#{i})\n"


def generate(root: Path, n: int, seed: int = 7) -> tuple[Path, Path]:
    """``root/texts/`` with n .txt files (100 per sub-folder) and ``root/tg/result.json`` with n messages."""
    rng = random.Random(seed)
    texts = root / "texts"
    for i in range(n):
        sub = texts / f"{i // 100:03d}"
        if i % 100 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        (sub / f"r{i:05d}.txt").write_text(_text(rng, i), encoding="utf-8")
    t0 = datetime(2025, 1, 1, tzinfo=UTC)
    messages = []
    for i in range(n):
        when = t0 + timedelta(minutes=7 * i)
        body = _text(rng, i)
        text: object = body
        if i % 3 == 0:  # entity parts, as Telegram Desktop writes formatted text
            cut = len(body) // 3
            text = [body[:cut], {"type": "bold", "text": body[cut : 2 * cut]}, body[2 * cut :]]
        messages.append(
            {
                "id": i + 1,
                "type": "message",
                "date": when.strftime("%Y-%m-%dT%H:%M:%S"),
                "date_unixtime": str(int(when.timestamp())),
                "text": text,
            }
        )
    tg = root / "tg"
    tg.mkdir(parents=True, exist_ok=True)
    export = {"name": "Bench channel", "type": "public_channel", "id": 42, "messages": messages}
    (tg / "result.json").write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    return texts, tg / "result.json"


def _child(inp: str, db: str) -> None:
    """One timed ingest in this process; prints JSON (seconds, reports, peak RSS in MB)."""
    import resource

    from skylog.pipeline import run_ingest
    from skylog.store import Store

    store = Store(db)
    from skylog.nlp.lang import detect_language

    detect_language("warm up the language model once")  # model load is not ingest throughput
    t = time.perf_counter()
    summary = run_ingest([inp], store, extract=False)
    elapsed = time.perf_counter() - t
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "seconds": elapsed,
                "reports": len(summary.new),
                "failed": len(summary.failed),
                "rss_mb": rss_kb / 1024,
            }
        )
    )


def _measure(inp: Path, workdir: Path, runs: int) -> list[dict]:
    out = []
    for r in range(runs):
        db = workdir / f"bench-{inp.name}-{r}.db"
        proc = subprocess.run(
            [sys.executable, "-m", "bench.ingest", "--child", str(inp), str(db)],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        out.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
    return out


def run(quick: bool = False) -> list[dict]:
    n = 300 if quick else 10_000
    runs = 1 if quick else 3
    rows = []
    with tempfile.TemporaryDirectory(prefix="skylog-bench-ingest-") as tmp:
        root = Path(tmp)
        t = time.perf_counter()
        texts, export = generate(root, n)
        gen_s = time.perf_counter() - t
        inputs = [(f"{n:,} text files (folder)", texts), (f"Telegram export, {n:,} messages", export)]
        for label, inp in inputs[:1] if quick else inputs:  # quick: one process start, not two
            res = _measure(inp, root, runs)
            rate = statistics.median(r["reports"] / r["seconds"] for r in res)
            secs = statistics.median(r["seconds"] for r in res)
            rss = statistics.median(r["rss_mb"] for r in res)
            assert all(r["reports"] == n and r["failed"] == 0 for r in res), res
            rows.append([label, n, runs, secs, rate, rss])
    return [
        {
            "title": "Ingest throughput (no extraction, fresh SQLite, language ID included)",
            "columns": [
                "input",
                "reports",
                "runs",
                "seconds (median)",
                "reports/s (median)",
                "peak RSS MB (median)",
            ],
            "rows": rows,
            "notes": [
                f"synthetic EN/RU/UK reports generated in {gen_s:.1f} s; one process per run, model warm-up excluded",
                "peak RSS includes the Python interpreter, SQLAlchemy and the language-ID model",
            ],
        }
    ]


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3])
    else:
        print(json.dumps(run(quick="--quick" in sys.argv), indent=1))
