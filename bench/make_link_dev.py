"""Generate ``bench/data/link-dev.jsonl``: a labelled set for incident linking.

Every line is one event mention in the extract contract shape (``event``),
with the report facts linking uses (``report_id``, ``source``,
``source_kind``, ``published_at``, ``title``, ``text``) and ``gold``, the id
of the real incident it describes. Texts are written from templates below
(English, Russian, Ukrainian; official posts, outlets relaying them, reposts,
eyewitness posts), with place records from a small hand-made gazetteer of
approximate coordinates. Scenarios and why they are in the set:

- **waves**: one night, interceptions over 3-4 neighbouring regions, each
  reported by its governor, the ministry and outlets with differing counts;
  each region is a separate incident (same night, neighbouring regions);
- **strikes** on a city, reported by officials, outlets and eyewitnesses with
  casualty figures that grow or differ;
- **campaigns**: the same city struck on consecutive nights, one incident
  per night (reports without a time must land on the right night);
- **same-day, same-region strikes** on towns far apart: separate;
- **interception vs strike** on the same night in one region: separate
  unless a text ties them ("debris of a downed drone damaged a house");
- **reposts**: near-identical copies by other channels (one source).

Run ``python bench/make_link_dev.py`` to rewrite the file (seeded, so the
output is the same each time). Gold labels come from the generator's own
incident ids, never from the linker.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "data" / "link-dev.jsonl"

# region code: (English, Russian locative, Ukrainian locative, country, lat, lon,
#   [(settlement en, ru, uk, admin2, lat, lon), ...], neighbours)
REGIONS: dict[str, tuple[Any, ...]] = {
    "RU-KLU": (
        "Kaluga Oblast",
        "Калужской области",
        "Калузькій області",
        "RU",
        54.4,
        35.5,
        [
            ("Kaluga", "Калуга", "Калуга", "Kaluga Urban Okrug", 54.53, 36.27),
            (
                "Maloyaroslavets",
                "Малоярославец",
                "Малоярославець",
                "Maloyaroslavetsky District",
                55.01,
                36.47,
            ),
            ("Lyudinovo", "Людиново", "Людиново", "Lyudinovsky District", 53.87, 34.44),
        ],
    ),
    "RU-BEL": (
        "Belgorod Oblast",
        "Белгородской области",
        "Бєлгородській області",
        "RU",
        50.7,
        37.2,
        [
            ("Belgorod", "Белгород", "Бєлгород", "Belgorod Urban Okrug", 50.60, 36.59),
            ("Shebekino", "Шебекино", "Шебекіне", "Shebekinsky District", 50.41, 36.90),
            ("Grayvoron", "Грайворон", "Грайворон", "Grayvoronsky District", 50.48, 35.68),
            ("Valuyki", "Валуйки", "Валуйки", "Valuysky District", 50.21, 38.10),
        ],
    ),
    "RU-KRS": (
        "Kursk Oblast",
        "Курской области",
        "Курській області",
        "RU",
        51.6,
        36.1,
        [
            ("Kursk", "Курск", "Курськ", "Kursk Urban Okrug", 51.73, 36.19),
            ("Rylsk", "Рыльск", "Рильськ", "Rylsky District", 51.57, 34.68),
            ("Kurchatov", "Курчатов", "Курчатов", "Kurchatovsky District", 51.66, 35.65),
        ],
    ),
    "RU-BRY": (
        "Bryansk Oblast",
        "Брянской области",
        "Брянській області",
        "RU",
        53.0,
        33.4,
        [
            ("Bryansk", "Брянск", "Брянськ", "Bryansk Urban Okrug", 53.25, 34.37),
            ("Klintsy", "Клинцы", "Клинці", "Klintsovsky District", 52.76, 32.24),
            ("Sevsk", "Севск", "Севськ", "Sevsky District", 52.15, 34.49),
        ],
    ),
    "RU-VOR": (
        "Voronezh Oblast",
        "Воронежской области",
        "Воронезькій області",
        "RU",
        50.9,
        40.0,
        [
            ("Voronezh", "Воронеж", "Воронеж", "Voronezh Urban Okrug", 51.67, 39.18),
            ("Liski", "Лиски", "Лиски", "Liskinsky District", 50.98, 39.50),
        ],
    ),
    "RU-ORL": (
        "Oryol Oblast",
        "Орловской области",
        "Орловській області",
        "RU",
        52.8,
        36.4,
        [
            ("Oryol", "Орёл", "Орел", "Oryol Urban Okrug", 52.97, 36.06),
            ("Livny", "Ливны", "Ливни", "Livensky District", 52.42, 37.61),
        ],
    ),
    "RU-TUL": (
        "Tula Oblast",
        "Тульской области",
        "Тульській області",
        "RU",
        53.9,
        37.6,
        [
            ("Tula", "Тула", "Тула", "Tula Urban Okrug", 54.19, 37.62),
            ("Novomoskovsk", "Новомосковск", "Новомосковськ", "Novomoskovsky District", 54.01, 38.29),
        ],
    ),
    "UA-63": (
        "Kharkiv Oblast",
        "Харьковской области",
        "Харківській області",
        "UA",
        49.5,
        36.6,
        [
            ("Kharkiv", "Харьков", "Харків", "Kharkivskyi Raion", 49.99, 36.23),
            ("Chuhuiv", "Чугуев", "Чугуїв", "Chuhuivskyi Raion", 49.84, 36.69),
            ("Kupiansk", "Купянск", "Куп'янськ", "Kupianskyi Raion", 49.71, 37.62),
        ],
    ),
    "UA-51": (
        "Odesa Oblast",
        "Одесской области",
        "Одеській області",
        "UA",
        46.9,
        30.0,
        [
            ("Odesa", "Одесса", "Одеса", "Odeskyi Raion", 46.48, 30.72),
            ("Izmail", "Измаил", "Ізмаїл", "Izmailskyi Raion", 45.35, 28.84),
        ],
    ),
    "UA-12": (
        "Dnipropetrovsk Oblast",
        "Днепропетровской области",
        "Дніпропетровській області",
        "UA",
        48.5,
        34.9,
        [
            ("Dnipro", "Днепр", "Дніпро", "Dniprovskyi Raion", 48.46, 35.05),
            ("Kryvyi Rih", "Кривой Рог", "Кривий Ріг", "Kryvorizkyi Raion", 47.91, 33.39),
            ("Nikopol", "Никополь", "Нікополь", "Nikopolskyi Raion", 47.57, 34.39),
        ],
    ),
    "UA-59": (
        "Sumy Oblast",
        "Сумской области",
        "Сумській області",
        "UA",
        50.9,
        34.0,
        [
            ("Sumy", "Сумы", "Суми", "Sumskyi Raion", 50.91, 34.80),
            ("Shostka", "Шостка", "Шостка", "Shostkynskyi Raion", 51.86, 33.48),
            ("Okhtyrka", "Ахтырка", "Охтирка", "Okhtyrskyi Raion", 50.31, 34.90),
        ],
    ),
    "UA-23": (
        "Zaporizhzhia Oblast",
        "Запорожской области",
        "Запорізькій області",
        "UA",
        47.6,
        35.6,
        [
            ("Zaporizhzhia", "Запорожье", "Запоріжжя", "Zaporizkyi Raion", 47.84, 35.14),
            ("Orikhiv", "Орехов", "Оріхів", "Polohivskyi Raion", 47.57, 35.79),
        ],
    ),
}
NEIGHBOURS = [
    ["RU-BEL", "RU-KRS", "RU-BRY", "RU-VOR"],
    ["RU-KLU", "RU-TUL", "RU-ORL", "RU-BRY"],
    ["UA-63", "UA-59", "UA-12"],
    ["UA-51", "UA-12", "UA-23"],
]
GOVERNORS = {
    "RU-KLU": "Vladislav Shapsha",
    "RU-BEL": "Vyacheslav Gladkov",
    "RU-KRS": "Alexander Khinshtein",
    "RU-BRY": "Alexander Bogomaz",
    "RU-VOR": "Alexander Gusev",
    "RU-ORL": "Andrey Klychkov",
    "RU-TUL": "Dmitry Milyaev",
    "UA-63": "Oleh Syniehubov",
    "UA-51": "Oleh Kiper",
    "UA-12": "Serhiy Lysak",
    "UA-59": "Volodymyr Artiukh",
    "UA-23": "Ivan Fedorov",
}
MEDIA = [
    "Kommersant",
    "RBC",
    "TASS",
    "Ukrainska Pravda",
    "Suspilne",
    "Meduza",
    "Kyiv Independent",
    "Interfax",
    "Ostorozhno Novosti",
    "Novaya Gazeta Europe",
    "RIA",
    "Hromadske",
    "Baza",
    "Astra",
]
SOCIAL = ["@local_news_chat", "@war_monitor", "@frontline_watch", "@city_pulse", "@osint_daily"]
NUM_EN = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}


class Doc:
    """A report text being written, tracking spans of what the event record points at."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.spans: dict[str, list[int]] = {}

    def add(self, s: str, key: str | None = None) -> Doc:
        start = sum(len(p) for p in self.parts)
        self.parts.append(s)
        if key:
            self.spans.setdefault(key, [start, start + len(s)])
        return self

    @property
    def text(self) -> str:
        return "".join(self.parts)


def place(doc: Doc, key: str, region: str, s: tuple[Any, ...] | None) -> dict[str, Any]:
    r = REGIONS[region]
    if s is None:
        return {
            "mention": doc.text[slice(*doc.spans[key])],
            "span": doc.spans[key],
            "kind": "region",
            "name": r[0],
            "country": r[3],
            "admin1": r[0],
            "admin1_code": region,
            "admin2": None,
            "lat": r[4],
            "lon": r[5],
            "precision": 3,
            "gazetteer_id": f"a1:{region}",
        }
    return {
        "mention": doc.text[slice(*doc.spans[key])],
        "span": doc.spans[key],
        "kind": "settlement",
        "name": s[0],
        "country": r[3],
        "admin1": r[0],
        "admin1_code": region,
        "admin2": s[3],
        "lat": s[4],
        "lon": s[5],
        "precision": 1,
        "gazetteer_id": f"s:{s[0]}",
    }


def claim(
    doc: Doc, key: str, value: Any, claimant: str | None, hedge: str = "asserted"
) -> dict[str, Any] | None:
    if key not in doc.spans:
        return None
    return {
        "value": value,
        "qualifier": None,
        "claimant": claimant,
        "hedge": hedge,
        "spans": [doc.spans[key]],
    }


class Gen:
    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.rows: list[dict[str, Any]] = []
        self.n_inc = 0
        self.n_rep = 0

    def new_incident(self) -> str:
        self.n_inc += 1
        return f"g{self.n_inc:03d}"

    def emit(
        self,
        gold: str,
        doc: Doc,
        ev: dict[str, Any],
        source: str,
        kind: str,
        pub: datetime,
        title: str | None = None,
    ) -> dict[str, Any]:
        self.n_rep += 1
        rid = f"r{self.n_rep:04d}"
        row = {
            "id": f"{rid}#0",
            "report_id": rid,
            "gold": gold,
            "source": source,
            "source_kind": kind,
            "published_at": pub.isoformat(),
            "title": title,
            "text": doc.text,
            "event": ev,
        }
        self.rows.append(row)
        return row

    def repost(self, row: dict[str, Any], pub: datetime) -> None:
        """A near-identical copy on another channel: a prefix and a tag, spans shifted."""
        prefix = self.rng.choice(["⚡️ ", "BREAKING: ", "Срочно: ", "❗️", "Forwarded: "])
        suffix = self.rng.choice(["\n\nSubscribe: t.me/x", " #news", "\n— via channel", ""])
        shift = len(prefix)
        ev = json.loads(json.dumps(row["event"]))

        def mv(sp: list[int]) -> list[int]:
            return [sp[0] + shift, sp[1] + shift]

        ev["spans"] = [mv(s) for s in ev["spans"]]
        for p in ev["places"]:
            p["span"] = mv(p["span"])
        for k in ("count", "killed", "injured", "damage", "perpetrator"):
            if ev.get(k):
                ev[k]["spans"] = [mv(s) for s in ev[k]["spans"]]
        if ev.get("time") and ev["time"].get("span"):
            ev["time"]["span"] = mv(ev["time"]["span"])
        self.n_rep += 1
        rid = f"r{self.n_rep:04d}"
        self.rows.append(
            {
                **row,
                "id": f"{rid}#0",
                "report_id": rid,
                "source": self.rng.choice(SOCIAL),
                "source_kind": "social",
                "published_at": pub.isoformat(),
                "text": prefix + row["text"] + suffix,
                "event": ev,
            }
        )


def at(d: date, hour: float) -> datetime:
    return datetime(d.year, d.month, d.day, tzinfo=UTC) + timedelta(minutes=int(hour * 60))


def time_day(doc: Doc, d: date, key: str = "when") -> dict[str, Any]:
    return {
        "text": doc.text[slice(*doc.spans[key])],
        "start": d.isoformat(),
        "end": None,
        "precision": "day",
        "span": doc.spans[key],
    }


def interception(g: Gen, gold: str, region: str, d: date, n: int, *, bridge_debris: bool = False) -> None:
    """One region's overnight air defence: governor, ministry, outlets, reposts."""
    rng = g.rng
    rname, rru, ruk, cc = REGIONS[region][:4]
    towns = rng.sample(REGIONS[region][6], k=min(2, len(REGIONS[region][6])))
    gov = GOVERNORS[region]
    official_role = "Governor" if cc == "RU" else "Head of the regional military administration"
    # 1. the governor's own post (official, own voice)
    doc = Doc()
    if rng.random() < 0.5 or cc == "UA":
        doc.add("Tonight", "when").add(" air defence forces ").add(f"destroyed {n} drones", "anchor")
        doc.add(" over ").add(towns[0][0], "p0").add(" and ").add(
            towns[1][0] if len(towns) > 1 else rname, "p1"
        )
        doc.add(f" in {rname}. ")
    else:
        doc.add("Этой ночью", "when").add(" в ").add(rru, "p1").add(" ").add(
            f"уничтожены {n} беспилотников", "anchor"
        )
        doc.add(", в том числе в районе города ").add(towns[0][1], "p0").add(". ")
    if bridge_debris:
        doc.add("Debris of a downed drone damaged the roof of a private house", "debris")
        doc.add(f" in {towns[0][0]}. ")
    doc.add(rng.choice(["No one was injured.", "There were no casualties.", "Пострадавших нет."]), "killed")
    places = [
        place(doc, "p0", region, towns[0]),
        place(
            doc,
            "p1",
            region,
            towns[1]
            if len(towns) > 1 and "p1" in doc.spans and doc.text[slice(*doc.spans["p1"])] == towns[1][0]
            else None,
        ),
    ]
    ev = {
        "type": "interception",
        "weapon": "drone",
        "places": places,
        "time": time_day(doc, d),
        "count": claim(doc, "anchor", n, "the outlet"),
        "killed": claim(doc, "killed", 0, "the outlet"),
        "damage": claim(doc, "debris", "roof of a house", "the outlet") if bridge_debris else None,
        "claimant": None,
        "spans": [doc.spans["anchor"]],
    }
    src = f"{gov} (Telegram)"
    row = g.emit(gold, doc, ev, src, "official", at(d, rng.uniform(4, 7)))
    if rng.random() < 0.5:
        g.repost(row, at(d, rng.uniform(7, 9)))
    # 2. the ministry's tally for this region (a different, often larger count)
    if cc == "RU" and rng.random() < 0.7:
        m = n + rng.choice([0, 0, 1, 2, 3])
        doc = Doc().add("Overnight", "when").add(", on-duty air defence systems ")
        doc.add(f"intercepted and destroyed {m} Ukrainian unmanned aerial vehicles", "anchor")
        doc.add(" over the territory of ").add(rname, "p1").add(", the Russian Defence Ministry said.")
        ev = {
            "type": "interception",
            "weapon": "drone",
            "places": [place(doc, "p1", region, None)],
            "time": time_day(doc, d),
            "count": claim(doc, "anchor", m, "Russian Defence Ministry"),
            "claimant": "Russian Defence Ministry",
            "spans": [doc.spans["anchor"]],
        }
        g.emit(gold, doc, ev, "Russian Ministry of Defence", "official", at(d, rng.uniform(5, 8)))
    # 3. outlets relaying the governor, some without any time expression
    for _ in range(rng.choice([1, 1, 2, 3])):
        k = max(1, n + rng.choice([0, 0, -1, 1, 2]))
        doc = Doc()
        style = rng.random()
        if style < 0.4:
            doc.add(f"{NUM_EN.get(k, str(k)).capitalize()} drones shot down over {rname}", "anchor")
            doc.add(f", {official_role.lower()} says\n{official_role} {gov} said that air defence units ")
            doc.add(f"downed {k} drones near ")
            doc.add(towns[0][0], "p0").add(" ")
            if rng.random() < 0.5:
                doc.add("overnight", "when").add(". ")
            else:
                doc.add("and the surrounding district. ")
            doc.add("Nobody was hurt, according to the official.", "killed")
        elif style < 0.7:
            doc.add(f"В {rru} ", "p1r").add(f"сбили {k} беспилотников", "anchor")
            doc.add(f", сообщил губернатор {gov}. Обломки упали в окрестностях населённого пункта ")
            doc.add(towns[0][1], "p0").add(", пострадавших нет.", "killed")
        else:
            doc.add(f"У {ruk} ", "p1r").add(f"збито {k} ворожих дронів", "anchor")
            doc.add(" ").add("минулої ночі", "when").add(
                ", повідомив очільник регіону. Уламки впали поблизу "
            )
            doc.add(towns[0][2], "p0").add(". Постраждалих немає.", "killed")
        ps = [place(doc, "p0", region, towns[0])]
        if "p1r" in doc.spans:
            ps.append(place(doc, "p1r", region, None))
        ev = {
            "type": "interception",
            "weapon": "drone",
            "places": ps,
            "time": time_day(doc, d) if "when" in doc.spans else None,
            "count": claim(doc, "anchor", k, f"{official_role} {gov}"),
            "killed": claim(doc, "killed", 0, f"{official_role} {gov}"),
            "claimant": f"{official_role} {gov}",
            "spans": [doc.spans["anchor"]],
        }
        row = g.emit(
            gold,
            doc,
            ev,
            rng.choice(MEDIA),
            "media",
            at(d, rng.uniform(6, 20)),
            title=doc.text.split("\n")[0][:90],
        )
        if rng.random() < 0.25:
            g.repost(row, at(d, rng.uniform(9, 22)))
    # 4. a debris-only report that the bridging text ties to the interception
    if bridge_debris:
        doc = Doc().add("Wreckage fell on a house", "anchor").add(" in ").add(towns[0][0], "p0")
        doc.add(" after drones were shot down overnight; the roof was damaged, residents said.")
        ev = {
            "type": "debris_fall",
            "weapon": "drone",
            "places": [place(doc, "p0", region, towns[0])],
            "time": None,
            "damage": claim(doc, "anchor", "house roof", "residents"),
            "claimant": "residents",
            "spans": [doc.spans["anchor"]],
        }
        g.emit(gold, doc, ev, rng.choice(SOCIAL), "social", at(d, rng.uniform(7, 12)))


def strike(
    g: Gen,
    gold: str,
    region: str,
    town: tuple[Any, ...],
    d: date,
    *,
    weapon: str = "drone",
    killed: int = 0,
    injured: int = 2,
    target: str = "a residential building",
    nth_night: int = 0,
    hour: float | None = None,
) -> None:
    """A strike on one town: official, outlets (growing tolls), eyewitness, maybe a repost."""
    rng = g.rng
    rname, rru, ruk, cc = REGIONS[region][:4]
    etype = {"drone": "drone_strike", "missile": "missile_strike", "artillery": "shelling"}[weapon]
    wword = {"drone": "drone", "missile": "missile", "artillery": "artillery"}[weapon]
    gov = GOVERNORS[region]
    official = ("Governor " if cc == "RU" else "Regional head ") + gov
    hour_txt = None
    if hour is not None:
        hh, mm = int(hour), int((hour % 1) * 60)
        hour_txt = f"at about {hh:02d}:{mm:02d}"

    def t_hour(doc: Doc) -> dict[str, Any]:
        s = at(d, hour)  # type: ignore[arg-type]
        return {
            "text": hour_txt,
            "start": s.isoformat(),
            "end": (s + timedelta(hours=1)).isoformat(),
            "precision": "hour",
            "span": doc.spans["when"],
        }

    # official
    k0 = max(0, killed - rng.choice([0, 0, 1])) if killed else 0
    doc = Doc()
    if hour_txt:
        doc.add(hour_txt.capitalize(), "when").add(", ")
    else:
        doc.add("Tonight", "when").add(", ")
    doc.add(f"the enemy attacked {town[0]} with {wword}s", "anchor").add(". ")
    doc.add(f"A {wword} hit {target}. ")
    if k0:
        doc.add(f"{k0} people were killed", "killed").add(", ")
    doc.add(f"{injured} were injured", "injured").add(".")
    if nth_night:
        doc.add(
            f" This is the {['', 'second', 'third', 'fourth', 'fifth'][min(nth_night, 4)]} night of attacks in a row."
        )
    ev = {
        "type": etype,
        "weapon": weapon,
        "places": [place(doc, "anchor", region, town)],
        "time": t_hour(doc) if hour_txt else time_day(doc, d),
        "killed": claim(doc, "killed", k0, "the outlet"),
        "injured": claim(doc, "injured", injured, "the outlet"),
        "damage": None,
        "claimant": None,
        "spans": [doc.spans["anchor"]],
    }
    ev["places"][0]["mention"] = town[0]
    s0 = doc.text.find(town[0])
    ev["places"][0]["span"] = [s0, s0 + len(town[0])]
    row = g.emit(gold, doc, ev, f"{gov} (Telegram)", "official", at(d, (hour or 3) + rng.uniform(1, 4)))
    if rng.random() < 0.4:
        g.repost(row, at(d, (hour or 3) + rng.uniform(4, 8)))
    # outlets with their own reporting and growing tolls
    for i in range(rng.choice([1, 2, 2, 3])):
        kk = killed + (i if killed and rng.random() < 0.5 else 0)
        jj = injured + rng.choice([0, 1, 3])
        doc = Doc()
        if rng.random() < 0.5:
            doc.add(f"{wword.capitalize()} attack on {town[0]}", "anchor")
            doc.add(f": {kk} dead, {jj} injured\n" if kk else f": {jj} injured\n")
            doc.add(
                f"A Russian {wword} struck {target} in {town[0]}"
                if cc == "UA"
                else f"A Ukrainian {wword} struck {target} in {town[0]}"
            )
            doc.add(f", {official} said. ")
            if kk:
                doc.add(f"The death toll rose to {kk}", "killed").add("; ")
            doc.add(f"{jj} people were wounded", "injured").add(".")
            claimant = official
        else:
            doc.add(f"Удар по городу {town[1]}", "anchor").add(": ")
            if kk:
                doc.add(f"погибли {kk} человек", "killed").add(", ")
            doc.add(f"ранены {jj}", "injured").add(
                f". Под ударом оказалось {target if cc == 'RU' else 'жилое здание'}."
            )
            claimant = "the outlet"
        ps = [place(doc, "anchor", region, town)]
        nm = town[0] if town[0] in doc.text else town[1]
        s0 = doc.text.find(nm)
        ps[0]["mention"], ps[0]["span"] = nm, [s0, s0 + len(nm)]
        ev = {
            "type": etype,
            "weapon": weapon,
            "places": ps,
            "time": None,
            "killed": claim(doc, "killed", kk, claimant),
            "injured": claim(doc, "injured", jj, claimant),
            "claimant": claimant,
            "spans": [doc.spans["anchor"]],
        }
        g.emit(
            gold,
            doc,
            ev,
            rng.choice(MEDIA),
            "media",
            at(d, (hour or 3) + rng.uniform(3, 14)),
            title=doc.text.split("\n")[0][:90],
        )
    # an eyewitness post
    if rng.random() < 0.6:
        doc = Doc().add(rng.choice(["Just heard a huge blast in ", "Вибух у місті ", "Громкий взрыв в "]))
        doc.add(town[0] if cc == "RU" else town[2], "anchor")
        doc.add(
            rng.choice([", smoke over the district, windows shaking", ", дим над районом", ", видно пожар"])
        )
        ps = [place(doc, "anchor", region, town)]
        ev = {
            "type": etype,
            "weapon": weapon if rng.random() < 0.5 else None,
            "places": ps,
            "time": None,
            "claimant": "a local resident",
            "spans": [doc.spans["anchor"]],
        }
        g.emit(gold, doc, ev, rng.choice(SOCIAL), "social", at(d, (hour or 3) + rng.uniform(0.2, 2)))


def generate(seed: int = 7) -> list[dict[str, Any]]:
    g = Gen(seed)
    rng = g.rng
    day0 = date(2025, 6, 1)
    for night in range(0, 40, 2):
        d = day0 + timedelta(days=night)
        group = NEIGHBOURS[night // 2 % 2]  # Russian border regions: a wave over neighbours
        for region in rng.sample(group, k=rng.choice([2, 3, 3, 4])):
            interception(g, g.new_incident(), region, d, rng.randint(2, 9), bridge_debris=rng.random() < 0.2)
        # same night, same region as one interception: a separate strike on a far town
        region = rng.choice(group)
        town = rng.choice(REGIONS[region][6])
        if rng.random() < 0.5:
            strike(
                g,
                g.new_incident(),
                region,
                town,
                d,
                weapon=rng.choice(["drone", "artillery"]),
                killed=rng.choice([0, 0, 1]),
                injured=rng.randint(1, 4),
                target="an oil depot",
            )
    # campaigns: one Ukrainian city struck several nights in a row (one incident per night)
    for c in range(5):
        region = list(REGIONS)[7 + c % 5]
        town = REGIONS[region][6][0]
        start = day0 + timedelta(days=3 + 7 * c)
        for k in range(rng.choice([2, 3, 3])):
            strike(
                g,
                g.new_incident(),
                region,
                town,
                start + timedelta(days=k),
                weapon=rng.choice(["drone", "missile"]),
                killed=rng.randint(0, 5),
                injured=rng.randint(1, 12),
                nth_night=k + 1 if k else 0,
                hour=rng.choice([None, rng.uniform(1, 5)]),
            )
    # same day, same region, towns far apart: separate incidents
    for c in range(4):
        region = ["UA-12", "UA-59", "RU-BEL", "UA-63"][c]
        towns = REGIONS[region][6]
        d = day0 + timedelta(days=25 + c)
        strike(
            g,
            g.new_incident(),
            region,
            towns[1],
            d,
            weapon="artillery",
            killed=rng.randint(0, 2),
            injured=rng.randint(1, 5),
            target="a market",
            hour=rng.uniform(8, 12),
        )
        strike(
            g,
            g.new_incident(),
            region,
            towns[2],
            d,
            weapon="drone",
            killed=rng.randint(0, 2),
            injured=rng.randint(1, 5),
            target="a car",
            hour=rng.uniform(15, 19),
        )
    return g.rows


def main() -> None:
    rows = generate()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    golds = {r["gold"] for r in rows}
    print(f"{len(rows)} mentions, {len(golds)} incidents -> {OUT}")


if __name__ == "__main__":
    main()
