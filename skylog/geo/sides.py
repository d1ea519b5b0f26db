"""A country the text names as the attacking side or as the ground a launch comes from.

"A missile fired by Yemen's Houthis struck a warehouse near Eilat", "shelling by the Pakistan Army in
Poonch district", "drones launched from Houthi-controlled areas of Yemen", "Iran fired missiles at
Tel Aviv", «со стороны Украины», «з території Білорусі», «атака Росії», «ЗС РФ», «РФ обстреляла
Херсон»: the named state is who attacks or where the weapon came from, never where the event is.
Such a mention is still a toponym (it is found and resolved), but it is no context for the other
mentions: it sets no country of the document frame and does not pull the readings of the other
names into its own country (``frame.build_frame``, ``joint``).
"""

from __future__ import annotations

import re

from skylog.geo.names import DEMONYMS

# the weapon or attack words whose agent or origin follows "by"/"from"
_ATTACK_EN = (
    r"fired|launched|sent|shot|attacks?|attacked|strikes?|struck|shelling|shelled|bombardment|bombing|bombed"
    r"|raids?|firing|barrage|drones?|missiles?|rockets?|projectiles?|aggression|incursions?|invasion"
)
# "fired by", "launched from", "drones launched from Houthi-controlled areas of", "attack by the"
_BEFORE_EN = re.compile(
    rf"(?i)\b(?:{_ATTACK_EN})\s+(?:(?:[a-z-]+\s+){{0,2}})?(?:by|from)\s+(?:the\s+)?"
    r"(?:(?:[\w-]+\s+){0,2}(?:areas?|parts?|territory|territories|soil|side|direction)\s+of\s+(?:the\s+)?)?$"
)
# "Iran fired ...", "Russia has launched ...", "Pakistan initiated unprovoked firing"
_AFTER_EN = re.compile(
    r"(?i)(?:['’]s)?\s+(?:(?:has|had|have|again|also|then|reportedly|overnight)\s+)*"
    r"(?:launched|attacked|fired|shelled|struck|targeted|bombed|invaded|initiated|unleashed|retaliated)\b"
)
_BEFORE_CYR = re.compile(
    r"(?i)(?<!\w)(?:(?:со|з|із|зі)\s+(?:стороны|сторони|боку)|(?:с|со|из|з|із|зі)\s+(?:территори[иі]|території"
    r"|земл[иі]|акватори[иі]|акваторії)|из|із|зі|з|атак(?:а|и|у|е|і|ою|ой)?|удар(?:а|у|ом|ы|и|ів|ов)?"
    r"|обстрел(?:а|у|ом|ы|ов)?|обстріл(?:у|ом|и|ів)?|нападени[еяю]|напад(?:у|ом)?|агресси[иі]|агресії|агресія"
    r"|войск\w*|військ\w*|вс|зс|ввс|армии|армія|армії|арми[яю]|вооруженн\w+\s+сил\w*|збройн\w+\s+сил\w*"
    r"|окупант\w*|оккупант\w*)\s+$"
)
_AFTER_CYR = re.compile(
    r"(?i)\s+(?:(?:вновь|снова|знову|ночью|вночі|уночі|вчергове|опять|масовано|массированно)\s+)*"
    r"(?:атаковал\w*|атакувал\w*|атакует|атакуют|атакує|атакують|обстрелял\w*|обстріля\w*|обстреливает"
    r"|обстрілює|ударил\w*|вдарил\w*|нанесл[аи]|нанес|завдал[аи]|завдав|выпустил\w*|випустил\w*|запустил\w*"
    r"|применил\w*|застосувал\w*|направил\w*|спрямувал\w*|сбросил\w*|скинул\w*|бомбил\w*|бомбардировал\w*"
    r"|бомбардувал\w*)(?!\w)"
)
# forces named after the country: "by the Pakistan Army", "by Yemen's Houthis"
_FORCES_AFTER_EN = re.compile(
    r"(?i)(?:['’]s)?\s+(?:army|military|armed forces|forces|troops|navy|air force|houthis?|huthis?|militants?"
    r"|militias?|proxies|rebels)\b"
)
_BY_BEFORE_EN = re.compile(r"(?i)\bby\s+(?:the\s+)?$")


def names_a_side(text: str, span: tuple[int, int]) -> bool:
    """The text names the place at ``span`` as the attacking side or the origin of a launch."""
    a, b = span
    before = text[max(0, a - 60) : a]
    if re.search("[\u0400-\u04ff]", text[a:b]):
        return bool(_BEFORE_CYR.search(before[-40:]) or _AFTER_CYR.match(text, b))
    if text[a:b] in DEMONYMS:
        # "shelling by Ukrainian troops" in a report on Donetsk: an adjective of the attackers names
        # no ground of theirs, and the side's country often is the event's ("Ukrainian-held Kherson")
        return False
    if _BEFORE_EN.search(before) or _AFTER_EN.match(text, b):
        return True
    return bool(_BY_BEFORE_EN.search(before) and _FORCES_AFTER_EN.match(text, b))
