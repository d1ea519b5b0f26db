"""Synthetic report archives for scale tests and benchmarks (never for accuracy claims).

Reports are built from varied templates — attack and interception reports in English,
Russian and Ukrainian, and unrelated news — with place names, counts, dates and
sources drawn from a seeded RNG, so a run is reproducible. Everything streams: the
generator yields one record at a time and ``write_archive`` writes files as it goes,
so a million-report archive never sits in memory.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # only a type here: the caller opens the store
    from skylog.store import Store

PLACES = {
    "en": [
        "Kharkiv",
        "Odesa",
        "Dnipro",
        "Kyiv",
        "Zaporizhzhia",
        "Belgorod",
        "Kursk",
        "Bryansk",
        "Sumy",
        "Lviv",
    ],
    "ru": ["Белгород", "Курск", "Брянск", "Воронеж", "Ростов-на-Дону", "Таганрог", "Липецк", "Калуга"],
    "uk": ["Харків", "Одеса", "Дніпро", "Київ", "Запоріжжя", "Суми", "Львів", "Миколаїв", "Херсон"],
}
SOURCES = {
    "en": ["Kyiv Independent", "Reuters", "Ukrinform", "regional governor"],
    "ru": ["Губернатор Белгородской области", "Минобороны России", "ТАСС", "РИА Новости"],
    "uk": ["Повітряні сили ЗСУ", "Укрінформ", "Суспільне", "ОВА"],
}
ATTACK = {
    "en": [
        "Air defence forces shot down {n} drones over {place} overnight, the governor said. "
        "Debris damaged {k} houses; {i} people were injured.",
        "{place} came under a missile attack on {date}. According to the regional administration, "
        "{k} residential buildings were damaged and {i} civilians injured.",
        "Russian forces launched {n} Shahed-type drones at {place}; {m} were destroyed by air defence, "
        "the Air Force reported on Telegram.",
        "Shelling of {place} district killed {k} people and injured {i}, local officials said on {date}.",
        "A glide bomb hit an industrial site in {place}. No casualties were reported, the mayor wrote.",
    ],
    "ru": [
        "Над {place} сбиты {n} беспилотников, сообщил губернатор. Пострадавших нет.",
        "В результате атаки БПЛА на {place} повреждены {k} частных домов, ранены {i} человек.",
        "Силами ПВО перехвачены {n} ракет над территорией области. Обломки упали в районе {place}.",
        "Обстрел {place}: по данным оперштаба, погибли {k} человек, ещё {i} получили ранения.",
    ],
    "uk": [
        "Вночі сили ППО збили {n} ударних БпЛА над {place}, повідомили Повітряні сили.",
        "Внаслідок ракетного удару по {place} пошкоджено {k} будинків, поранено {i} людей.",
        "Ворог атакував {place} дронами; уламки впали на території підприємства, постраждалих немає.",
        "Окупанти обстріляли {place}: загинули {k} людей, ще {i} поранені, повідомив очільник ОВА.",
    ],
}
NEWS = {
    "en": [
        "The city council of {place} approved a new budget for school renovations on {date}.",
        "Football: the {place} team won {n}-{k} in the regional cup final on Sunday.",
        "Weather forecast for {place}: light rain, temperatures around {n} degrees.",
        "A new exhibition of {k} contemporary painters opens at the {place} art museum.",
        "Traffic on the main bridge in {place} will be restricted for {n} days of repairs.",
    ],
    "ru": [
        "В {place} открылась выставка современного искусства, представлено {n} работ.",
        "Погода в {place}: ожидается до {n} градусов тепла и небольшой дождь.",
        "Футбольный клуб из {place} выиграл со счётом {n}:{k} в кубке региона.",
    ],
    "uk": [
        "У {place} відкрили новий парк, висадили {n} дерев.",
        "Прогноз погоди для {place}: до {n} градусів, без опадів.",
        "Міська рада {place} затвердила бюджет на ремонт {k} шкіл.",
    ],
}
LANG_WEIGHTS = (("en", 0.4), ("ru", 0.3), ("uk", 0.3))


def _pick_lang(rng: random.Random) -> str:
    x = rng.random()
    for lang, w in LANG_WEIGHTS:
        x -= w
        if x < 0:
            return lang
    return "en"


def generate(n: int, *, seed: int = 0, relevant_share: float = 0.1) -> Iterator[dict[str, Any]]:
    """``n`` report records (``{"id", "text", "published_at", "source", "title", "language"}``), streamed.

    About ``relevant_share`` of them describe attacks; the rest are unrelated news.
    Texts are unique (a serial number is part of each), so no two collapse as duplicates.
    """
    rng = random.Random(seed)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    for i in range(n):
        lang = _pick_lang(rng)
        relevant = rng.random() < relevant_share
        tpl = rng.choice((ATTACK if relevant else NEWS)[lang])
        when = start + timedelta(minutes=rng.randrange(0, 60 * 24 * 700))
        text = tpl.format(
            place=rng.choice(PLACES[lang]),
            n=rng.randint(2, 60),
            m=rng.randint(1, 40),
            k=rng.randint(1, 12),
            i=rng.randint(1, 20),
            date=when.strftime("%d %B %Y") if lang == "en" else when.strftime("%d.%m.%Y"),
        )
        text += f"\n\n#{i}"  # unique, so every record is its own report
        yield {
            "id": f"synth:{seed}/{i}",
            "text": text,
            "published_at": when.isoformat(),
            "source": rng.choice(SOURCES[lang]),
            "title": None,
            "language": lang,
        }


def write_archive(
    folder: str | Path,
    n: int,
    *,
    per_file: int = 1000,
    seed: int = 0,
    relevant_share: float = 0.1,
    kind: str = "jsonl",
) -> list[str]:
    """Write ``n`` generated reports under ``folder`` and return the file paths, streaming.

    ``kind="jsonl"`` writes JSON Lines files of ``per_file`` reports; ``kind="txt"``
    writes one small ``.txt`` file per report (``per_file`` ignored), the shape of a
    folder of saved posts.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[str] = []
    fh = None
    try:
        for j, rec in enumerate(generate(n, seed=seed, relevant_share=relevant_share)):
            if kind == "txt":
                sub = folder / f"{j // 1000:04d}"
                sub.mkdir(exist_ok=True)
                p = sub / f"r{j:07d}.txt"
                p.write_text(rec["text"], encoding="utf-8")
                paths.append(str(p))
                continue
            if j % per_file == 0:
                if fh:
                    fh.close()
                p = folder / f"part-{j // per_file:05d}.jsonl"
                fh = p.open("w", encoding="utf-8")
                paths.append(str(p))
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    finally:
        if fh:
            fh.close()
    return paths


_GEO = [  # (name, kind, country, admin1, admin1_code, lat, lon)
    ("Kharkiv", "settlement", "UA", "Kharkiv Oblast", "UA-63", 49.99, 36.23),
    ("Odesa", "settlement", "UA", "Odesa Oblast", "UA-51", 46.48, 30.73),
    ("Belgorod", "settlement", "RU", "Belgorod Oblast", "RU-BEL", 50.60, 36.59),
    ("Kursk", "settlement", "RU", "Kursk Oblast", "RU-KUR", 51.73, 36.19),
    ("Sumy", "settlement", "UA", "Sumy Oblast", "UA-59", 50.91, 34.80),
]


def stored_mentions_archive(store: Store, n_reports: int, *, seed: int = 0, batch: int = 500) -> int:
    """Fill ``store`` with ``n_reports`` reports, each with one event mention built directly as records.

    For tests and benchmarks of the stages after extraction (linking, export, crash
    tests) where running the extractor itself would only cost time. Returns the count.
    """
    from skylog.records import Claim, EventMention, Extraction, Place, Report, TimeExpr, report_id

    rng = random.Random(seed)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    pending: list[Extraction] = []
    done = 0

    def flush() -> None:
        store.add_reports([ex.report for ex in pending])
        saver = getattr(store, "save_extractions", None)
        if saver is not None:
            saver(pending)
        else:
            for ex in pending:
                store.save_extraction(ex)
        pending.clear()

    for i in range(n_reports):
        name, kind, cc, a1, a1c, lat, lon = rng.choice(_GEO)
        n = rng.randint(1, 40)
        day = start + timedelta(days=rng.randrange(0, 120), hours=rng.randrange(0, 24))
        text = f"Air defence shot down {n} drones over {name} overnight, officials said. (item {i})"
        src = rng.choice(SOURCES["en"])
        rep = Report(
            id=report_id(src, text),
            text=text,
            source=src,
            language="en",
            published_at=day,
            origin=f"synth#{i}",
        )
        p = text.index(name)
        c = text.index(str(n))
        ev = EventMention(
            type="interception",
            weapon="drone",
            spans=[(0, len(text))],
            count=Claim(value=n, spans=[(c, c + len(str(n)))]),
            places=[
                Place(
                    mention=name,
                    span=(p, p + len(name)),
                    kind=kind,
                    name=name,
                    country=cc,
                    admin1=a1,
                    admin1_code=a1c,
                    lat=lat,
                    lon=lon,
                    precision=1,
                )
            ],  # fmt: skip
            time=TimeExpr(
                text="overnight", start=day.date().isoformat(), end=day.date().isoformat(), precision="day"
            ),
        )
        pending.append(Extraction(report=rep, events=[ev]))
        done += 1
        if len(pending) >= batch:
            flush()
    if pending:
        flush()
    return done
