"""Keyword baseline for extraction: what a few word lists get without any of skylog's rules.

It sets the floor the extractor has to beat on the real corpus (issue 15). Documented behaviour:

- **relevance**: a report is an attack report when it has an attack word (strike, shot down, shelling,
  «обстрел», «сбит», «збито», …) and a weapon or casualty word (drone, missile, rocket, «беспилотник»,
  «ракета», «дрон», killed, «погиб», …);
- **type**: one event per type whose keyword list matches (interception, drone_strike, missile_strike,
  air_strike, shelling, debris_fall); when none matches, ``drone_strike`` if a drone word is present,
  else ``missile_strike``;
- **count**: the first number (digits, or a number word up to twenty) within three words before a weapon
  word, on the first event only;
- **killed / injured**: the first number within three words before a killed / injured word;
- **place**: the first admin1 name of a small built-in gazetteer (Russian and Ukrainian regions in English,
  Russian and Ukrainian stems, and a few other conflict regions), on every event;
- **date**: the publication day, on every event;
- **quotes**: none.
"""

from __future__ import annotations

import re

_NUM_WORDS = {
    w: i
    for i, ws in enumerate(
        [
            "zero ноль нуль",
            "one один одна одного один",
            "two два две двох дві",
            "three три трьох",
            "four четыре чотири",
            "five пять п'ять",
            "six шесть шість",
            "seven семь сім",
            "eight восемь вісім",
            "nine девять дев'ять",
            "ten десять",
            "eleven одиннадцать одинадцять",
            "twelve двенадцать дванадцять",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty двадцать двадцять",
        ]
    )
    for w in ws.split()
}

TYPE_WORDS = {
    "interception": r"shot down|shoot down|downed|intercept|destroyed \d+|air defen[cs]e|сбит|сбил|уничтож|перехвач|"
    r"збит|збил|знищ|перехопл|ппо|пво",
    "drone_strike": r"drone (?:strike|attack|hit)|kamikaze|атак\w* (?:беспилотник|дрон|бпла)|удар\w* (?:дрон|бпла)",
    "missile_strike": r"missile (?:strike|attack|hit)|ballistic|cruise missile|ракетн\w+ удар|ракетн\w+ атак|балісти|баллисти",
    "air_strike": r"air ?strike|bomb|warplane|fighter jet|авиаудар|авіаудар|каб\b|авиабомб|авіабомб",
    "shelling": r"shell|artillery|mortar|mlrs|grad|обстрел|обстріл|артилл|артил|миномет|міномет|рсзо",
    "debris_fall": r"debris|fragments|обломк|уламк",
}
WEAPON = r"drones?|uavs?|missiles?|rockets?|shells?|bombs?|shaheds?|беспилотник\w*|бпла|дрон\w*|ракет\w*|снаряд\w*|шахед\w*"
ATTACK = (
    r"strike|attack|shot down|downed|intercept|shell|bomb|killed|wounded|hit|обстрел|обстріл|атак|удар|сбит|збит|"
    r"уничтож|знищ|погиб|загин|ранен|поранен"
)
KILLED = r"killed|dead|died|погиб\w*|убит\w*|загин\w*|загибл\w*"
INJURED = r"injured|wounded|hurt|ранен\w*|поранен\w*|постраждал\w*|пострадал\w*"
_NUM = r"(\d[\d,]*|[^\W\d_]+)"

# admin1 name stems -> ISO 3166-2 code (scorer keys): a deliberately small gazetteer
GAZETTEER = {
    "RU-BEL": "belgorod|белгород|бєлгород",
    "RU-BRY": "bryansk|брянск|брянськ",
    "RU-KRS": "kursk|курск|курськ",
    "RU-ROS": "rostov|ростов",
    "RU-VOR": "voronezh|воронеж",
    "RU-KLU": "kaluga|калуг|калуз",
    "RU-ORL": "oryol|orel|орл|орел|орел",
    "RU-SMO": "smolensk|смоленск|смоленськ",
    "RU-TUL": "tula|тул",
    "RU-KDA": "krasnodar|краснодар",
    "RU-MOS": "moscow|москв|подмосков",
    "UA-43": "crimea|sevastopol|крым|крим|севастопол",
    "UA-30": "kyiv|kiev|киев|київ|києв",
    "UA-63": "kharkiv|kharkov|харьков|харків|харков",
    "UA-51": "odesa|odessa|одес",
    "UA-12": "dnipro|днепр|дніпр",
    "UA-23": "zaporizhzhia|zaporizhia|запорож|запоріж",
    "UA-59": "sumy|сум",
    "UA-74": "chernihiv|чернигов|чернігів|чернігов",
    "UA-48": "mykolaiv|nikolaev|николаев|миколаїв|миколаєв",
    "UA-65": "kherson|херсон",
    "UA-14": "donetsk|донецк|донецьк",
    "UA-09": "luhansk|lugansk|луганск|луганськ",
    "UA-46": "lviv|львов|львів|львов",
    "UA-53": "poltava|полтав",
    "PS-GZA": "gaza|газ",
    "LB-NA": "nabatieh|набат",
    "SD-KN": "north kordofan",
    "IN-JK": "kashmir|jammu|кашмир",
    "MM-01": "sagaing",
}
_GAZ = [(code, re.compile(rf"(?<![\w-])(?:{stems})", re.I)) for code, stems in GAZETTEER.items()]


def _num(tok: str) -> int | None:
    tok = tok.lower().replace(",", "")
    if tok.isdigit():
        return int(tok)
    return _NUM_WORDS.get(tok)


def _number_before(text: str, words: str) -> int | None:
    # a lookahead, so that a word before the number ("down 25 drones") does not swallow the match
    for m in re.finditer(rf"\b(?={_NUM}(?:\s+\S+){{0,2}}?\s+(?:{words})\b)", text, re.I):
        n = _num(m.group(1))
        if n is not None and not 1900 <= n <= 2100:  # a year is not a count
            return n
    return None


def first_place(text: str) -> dict | None:
    """The earliest gazetteer hit in the text, as a predicted place."""
    best = None
    for code, rx in _GAZ:
        m = rx.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), code, m.group(0))
    if best is None:
        return None
    return {
        "admin1_code": best[1],
        "country": best[1][:2] if best[1][:2] != "PS" else "PS",
        "mention": best[2],
    }


def predict(item: dict) -> dict:
    """Baseline prediction for one corpus item, in the ``skylog extract --json`` record shape."""
    text = item["text"]
    low = text.lower()
    rec: dict = {"id": item["id"], "events": [], "quotes": []}
    if not (re.search(ATTACK, low) and (re.search(WEAPON, low) or re.search(KILLED + "|" + INJURED, low))):
        return rec
    types = [t for t, rx in TYPE_WORDS.items() if re.search(rx, low)]
    if not types:
        types = ["drone_strike" if re.search(r"drone|uav|беспилот|бпла|дрон", low) else "missile_strike"]
    place = first_place(text)
    pub = item.get("published")
    for n, t in enumerate(types):
        rec["events"].append(
            {
                "type": t,
                "places": [place] if place else [],
                "count": _number_before(text, WEAPON) if n == 0 else None,
                "killed": _number_before(text, KILLED) if n == 0 else None,
                "injured": _number_before(text, INJURED) if n == 0 else None,
                "time": {"start": pub} if pub else None,
            }
        )
    return rec
