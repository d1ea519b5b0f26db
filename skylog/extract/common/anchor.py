"""Time anchoring of follow-ups: the day a report ties to the attack, not the day it speaks.

A report published after a strike often dates only itself: "as of 15:24 on Monday, 27 May, 18
are known dead after the strike of 25 May", "this morning rescuers recovered a body after the
attack on Kyiv on 7 September", "Kyiv, May 24 - Russian forces struck Kharkiv on Thursday". The
sentence-level extractors take the nearest or most explicit time, which is then the statement
day. This pass reads the whole report once: every day reference (explicit date, weekday,
yesterday/«вчера»/«напередодні», overnight/«вночі») is bound to the attack or air-defence word it
qualifies (the nearest one after it in its sentence, or just before it); recall sentences ("As
reported earlier, ...") and the wire dateline are left out. When the report's bound references
all name one day, that day is the report's *anchor*, and an event whose own time is not bound to
an attack word (a statement day, a status time, "this morning" of a rescue) or that has no time is
re-dated to the anchor, with the reference's text and span as evidence.

A follow-up that names no day ("the toll of the strike on Kharkiv rose to 19") keeps no exact
day: its time is bounded by publication (``end`` = publication day, no ``start``, ``basis``
"on_or_before_published"), so it is never read as an event of its publication day.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from skylog.extract.common.dayparts import part_alone
from skylog.extract.common.recall import recall_region
from skylog.extract.common.sentence import sentence_around
from skylog.extract.common.timex import dateline, normalise_time
from skylog.extract.packs import every_pack, time_words, words_regex
from skylog.records import TimeExpr

_TW = time_words()  # every pack's time words: a report's day references may be in any of its languages
_YEAR = rf"(?:,?\s+\d{{4}}(?:\s*{_TW.regex('YEAR')})?)?"
_MONTH = words_regex(_TW.months)
_NTH = f"{_TW.regex('ORDINAL')}?"  # "4th"
_OF = rf"(?:{_TW.regex('DAY_OF')}\s+)?"  # "4th of May"
# One day reference; the group named ``d`` is what is normalised.
_DAY_REF = re.compile(
    r"(?<![\w-])(?:"
    rf"(?:\d{{1,2}}\s*[-–—]\s*)?(?P<d1>\d{{1,2}}{_NTH}\s+{_OF}{_MONTH}{_YEAR})"
    rf"|(?P<d2>{_MONTH}\s+\d{{1,2}}{_NTH}\b{_YEAR})"
    rf"|(?P<d3>{words_regex(_TW.weekdays)})(?:['’]s)?"
    rf"|(?P<d4>{_TW.regex('DAY_BEFORE_YESTERDAY', 'YESTERDAY', 'EVE')})"
    rf"|(?P<d5>{_TW.regex('ANCHOR_DAY')})"
    r")(?![\w-])",
    re.I,
)


def _every(name: str) -> str:
    """Pattern ``anchor.NAME`` of every pack, as one alternation (a report may mix languages)."""
    return "|".join(pack.text(f"anchor.{name}") for pack in every_pack())


# Words of the attack or of its air defence a day reference can qualify (not its aftermath: the
# toll, the rescue, the statement).
_EVENT_WORD = re.compile(r"(?<![\w-])(?:" + _every("EVENT_WORD") + r")(?![\w-])", re.I)
_RECALL = re.compile(r"[\s\[\]()…\"'«»]*(?:" + _every("RECALL") + ")", re.I)


def opens_on_recall(sentence: str) -> bool:
    """Does ``sentence`` open with a recall cue ("As reported earlier, ...", «Нагадаємо, ...»)?"""
    return bool(_RECALL.match(sentence))


_AFTER_WORDS = 8  # a day reference may follow its attack word by this many words ("attack on Kyiv on 7 ...")
_BEFORE_WORDS = 6  # or precede it by this many ("Overnight into 14 September, air defence destroyed")
# Follow-up cues: the report tells of an attack's aftermath (a toll that rose, a death in hospital,
# a status "as of"). "After"/"following the strike" is not one: it is as often the same night's news.
_FOLLOW_UP = re.compile(_every("FOLLOW_UP"), re.I)
ON_OR_BEFORE_PUBLISHED = "on_or_before_published"
REFERENCE = "reference"
AFTER_RECALLED = "after_recalled"  # undated, after the earlier attack its report recalls
STATEMENT_DAY = "statement"  # the day of a statement about the event: the event was on or before it


@dataclass(frozen=True)
class DayRef:
    """One day reference in a report: where it is, the day it names, and whether an attack word owns it."""

    start: int
    end: int
    text: str
    day: date
    bound: bool
    recall: bool
    relative: bool = False  # "overnight", "today", «вночі»: the report's own day, said vaguely
    # the day of an earlier event a clause recalls ("after the May 4 strike", ``common.recall``) in a
    # report that tells of an attack of its own: no anchor, but the own day of the event it names
    recalled: bool = False


def day_refs(text: str, published: datetime | None, language: str = "en") -> list[DayRef]:
    """Every day reference of ``text`` that can be dated (the dateline left out), with its binding."""
    if not text or published is None:
        return []
    dl = dateline(text, published)
    skip = dl.span if dl is not None and dl.span else None
    events = [(m.start(), m.end()) for m in _EVENT_WORD.finditer(text)]
    found = []
    for m in _DAY_REF.finditer(text):
        if (skip and m.start() < skip[1] + 2 and m.end() > skip[0]) or _is_dateline(text, m.start(), m.end()):
            continue
        if _WINDOW_START.search(text[max(0, m.start() - 40) : m.start()]):
            continue  # "(from 23:50 on 16 May)": when the night's launches began, not the night's date
        group = next(g for g in ("d1", "d2", "d3", "d4", "d5") if m.group(g))
        te = normalise_time(m.group(group), published, language if language in ("en", "ru", "uk") else "en")
        if te.start is None or te.precision not in ("day", "hour"):
            continue
        day = date.fromisoformat(te.start[:10])
        if day > published.date() or _rolled_back(day, published.date(), m.group(0)):
            continue  # a day after publication is an error or a plan, never an anchor
        found.append((m, day, group == "d5"))
    found = [
        f
        for f in found
        if not (f[2] and _names_its_day(text, f[0].end(), found)) and not _night_from(text, f[0], found)
    ]
    bound = _bind(text, events, [(m.start(), m.end()) for m, _, _ in found])
    # days of an earlier event the report recalls ("after the May 4 strike"): recalls when the report
    # tells of an attack outside their words, else the only attack it tells of is the recalled one
    regions = [recall_region(text, m.start(), m.end()) for m, _, _ in found]
    own_attack = any(all(not (r and r[0] <= es < r[1]) for r in regions) for es, _ in events)
    out = []
    for i, (m, day, relative) in enumerate(found):
        s0, s1 = sentence_around(text, m.start())
        recall = opens_on_recall(text[s0:s1])
        clause = regions[i] is not None and own_attack
        out.append(DayRef(m.start(), m.end(), m.group(0), day, i in bound, recall, relative, clause))
    return out


# the words joining a night adverb to the day it names ("overnight on June 9", "overnight into Sunday")
_NIGHT_JOIN = re.compile(rf"\s*,?\s*(?:(?:{_TW.regex('NIGHT_INTO')})\s+)?", re.I)


def _names_its_day(text: str, end: int, found: list[tuple[re.Match[str], date, bool]]) -> bool:
    """A vague reference ("overnight", «ночью») is told with the day it falls on just after it
    ("struck Ukraine overnight on June 9", "overnight Sunday"): that day is the one the words name,
    not a second reference of publication's day."""
    gap = _NIGHT_JOIN.match(text, end)
    at = gap.end() if gap else end
    return any(m.start() == at and not relative for m, _, relative in found)


# between a night's two weekdays ("overnight Tuesday into Wednesday", "Tuesday night to Wednesday", «со среды на четверг»)
_NIGHT_LINK = re.compile(
    rf"\s*(?:{_TW.regex('NIGHT_FORMS')}\s+)?(?:[-–—]|{_TW.regex('RANGE_LINK', 'NIGHT_INTO')})\s*", re.I
)
_NIGHT_FORM = re.compile(_TW.regex("NIGHT_FORMS"), re.I)


def _night_from(text: str, m: re.Match[str], found: list[tuple[re.Match[str], date, bool]]) -> bool:
    """The first day of a night told by its two days ("overnight Tuesday into Wednesday"): the night is
    dated to the morning it ends, so only the second is a reference."""
    gap = _NIGHT_LINK.match(text, m.end())
    if gap is None or not any(n.start() == gap.end() and not rel for n, _, rel in found):
        return False
    return bool(_NIGHT_FORM.search(text[max(0, m.start() - 25) : gap.end()]))


def _rolled_back(day: date, published: date, expr: str) -> bool:
    """A year-less date read as last year's only because it falls just after publication ("Aug. 20"
    in a text of 19 August): an error or a time-zone slip of that week, never a day a year ago."""
    if re.search(r"\d{4}", expr) or (published - day).days < 300:
        return False
    try:
        return 0 < (day.replace(year=day.year + 1) - published).days <= 3
    except ValueError:
        return False


# "from 19:00 on 23 October", "(із 23:50 16 травня)", "since the evening of September 15", "с 20:00 вторника,"
_WINDOW_START = re.compile(r"(?:" + _every("WINDOW_START") + r")(?:[а-яіїєґ]+,?\s+)?$", re.I)
# "Kyiv, May 24 –", "Kharkiv, 3 June (Reuters) -": a title-case dateline the wire form in timex misses
_TITLE_DATELINE = re.compile(r"(?:^|\n)\s*[A-ZА-ЯІЇЄ][\w'’.-]*(?:\s[A-ZА-ЯІЇЄ][\w'’.-]*){0,2},\s*$")


def _is_dateline(text: str, start: int, end: int) -> bool:
    return bool(
        start < 80
        and _TITLE_DATELINE.search(text[:start])
        and re.match(r"\s*(?:\(|/|–|—|-|\.\s*/)", text[end : end + 4])
    )


def _words(s: str) -> int:
    """Words between two points, a parenthesis ("(from 23:50 on 16 May)") not counted."""
    return len(re.findall(r"\w[\w’'-]*", re.sub(r"\([^()]*\)", " ", s)))


def _bind(text: str, events: list[tuple[int, int]], refs: list[tuple[int, int]]) -> set[int]:
    """Which references an attack word owns. Each attack word takes the nearest reference of its
    sentence, after it (within a few words) or before it (within fewer), never across a statement
    ("…, the governor said on Friday") or a toll's rise ("the strike … rose to 40 on Monday"); so in "after the attack on Kyiv on 7 September, this morning
    rescuers ..." the attack owns "7 September", and in "Yesterday a drone attacked Sumy, the
    governor said today" it owns "yesterday"."""
    owned: set[int] = set()
    for es, ee in events:
        s0, s1 = sentence_around(text, es)
        best: tuple[int, int, int] | None = None  # (words between, after first, ref index)
        for i, (rs, re_) in enumerate(refs):
            if ee <= rs < s1:
                gap, limit, side = text[ee:rs], _AFTER_WORDS, 0
            elif s0 <= rs and re_ <= es:
                gap, limit, side = text[re_:es], _BEFORE_WORDS, 1
            else:
                continue
            n = _words(gap)
            held = _STATEMENT.search(gap) or _RISE.search(gap)  # "the strike on X rose to 40 on Monday"
            if n <= limit and not held and (best is None or (n, side) < best[:2]):
                best = (n, side, i)
        if best is not None:
            owned.add(best[2])
    return owned


def report_anchor(text: str, published: datetime | None, language: str = "en") -> DayRef | None:
    """The day the report's attack words agree on (recall sentences aside), or None when they
    name none or several days."""
    bound = [r for r in day_refs(text, published, language) if r.bound and not (r.recall or r.recalled)]
    if not bound or len({r.day for r in bound}) != 1:
        return None
    return bound[0]


def _own_day(t: Any) -> date | None:
    start = t.get("start") if isinstance(t, dict) else getattr(t, "start", None)
    try:
        return date.fromisoformat(str(start)[:10]) if start else None
    except ValueError:
        return None


def _span_of(t: Any) -> tuple[int, int] | None:
    span = t.get("span") if isinstance(t, dict) else getattr(t, "span", None)
    if isinstance(span, list | tuple) and len(span) == 2:
        try:
            return int(span[0]), int(span[1])
        except (TypeError, ValueError):
            return None
    return None


def anchor_time(
    time: Any, text: str, published: datetime | None, language: str = "en", refs: list[DayRef] | None = None
) -> TimeExpr | None:
    """The time an event should carry when its report anchors it elsewhere, or None to keep its own.

    ``time`` is the event's TimeExpr (or its dict, or None). Only a time that is not the event's
    own is replaced (see :func:`_not_own`): none, a statement time, the start of a night's
    launches, a recalled day, a vague "overnight". It takes the report's anchor; an anchor more
    than a day before publication needs the report to read as a follow-up (toll rose, died in
    hospital, "as of"), else it is background ("the 10 February attack was
    worse"). A follow-up with no anchor whose time is none or the statement's gets an "on or
    before publication" bound instead of its publication day.
    """
    if published is None or not text:
        return None
    refs = day_refs(text, published, language) if refs is None else refs
    follow_up = bool(_FOLLOW_UP.search(text))
    why = _not_own(time, refs, text, follow_up)
    if not why:
        return None
    bound = [r for r in refs if r.bound and not (r.recall or r.recalled)]
    if not bound and follow_up:  # a follow-up recalls the attack it follows: "as reported, on 25 May ..."
        bound = [r for r in refs if r.bound]
    days = {r.day for r in bound}
    if len(days) == 1:
        anchor = bound[0]
        if _own_day(time) == anchor.day or ((published.date() - anchor.day).days > 1 and not follow_up):
            return None
        return TimeExpr(
            text=anchor.text,
            start=anchor.day.isoformat(),
            end=anchor.day.isoformat(),
            precision="day",
            span=(anchor.start, anchor.end),
            basis=REFERENCE,
        )
    if not days and follow_up and why in ("none", "statement"):
        return TimeExpr(
            text=None,
            start=None,
            end=published.date().isoformat(),
            precision="unknown",
            span=None,
            basis=ON_OR_BEFORE_PUBLISHED,
        )
    return None


def _not_own(time: Any, refs: list[DayRef], text: str, follow_up: bool) -> str:
    """Why the event's time is not its own (so the report's anchor may replace it), or "".

    "none": no time; "excluded": its text was left out of the references (the start of a night's
    launches, a dateline, a date just after publication); "recall": a recalled day; "sentence": a
    day no attack word owns in a sentence whose attack word owns another ("launched overnight
    Friday and into Saturday", "after the attack of 7 September, this morning rescuers ...");
    "relative": a vague "overnight"/«вночі» no attack word owns, or a part of the day told alone
    («Утром …»: dated only by publication); "statement": in a follow-up, the day of the statement
    ("reported on 29 May", "as of 27 May") or of a toll's rise ("rose to 40 on Monday"). A day an attack word owns, or any
    other stated day, is the event's own and stays.
    """
    if time is None or _own_day(time) is None:
        return "none"
    span = _span_of(time)
    if span is None:
        return ""
    # its reference: the one it overlaps, or (a time word alone, "вранці") one it directly follows
    own_ref = next((r for r in refs if r.start < span[1] and span[0] < r.end), None)
    if own_ref is None:
        if _DAY_REF.search(text[span[0] : span[1]]):
            return "excluded"
        own_ref = next((r for r in refs if r.end <= span[0] <= r.end + 1), None)
        if own_ref is None:
            # a part of the day alone («Утром взрывы прогремели …»): its day is only publication's
            text_of = time.get("text") if isinstance(time, dict) else getattr(time, "text", None)
            return "relative" if part_alone(text_of) else ""
    if own_ref.recall or own_ref.bound or own_ref.recalled:
        return "recall" if own_ref.recall else ""
    s0, s1 = sentence_around(text, own_ref.start)
    if any(r.bound and s0 <= r.start < s1 for r in refs):
        return "sentence"
    if own_ref.relative:
        return "relative"
    before = text[max(s0, own_ref.start - 80) : own_ref.start]
    after = text[own_ref.end : min(s1, own_ref.end + 40)]  # «Про це 27 травня повідомив …»
    statement = (
        getattr(time, "weak", False)
        or _STATEMENT.search(before)
        or _STATEMENT_AFTER.match(after)
        or _RISE_BEFORE.search(before)
    )
    return "statement" if follow_up and statement else ""


# "as of", «станом на», «по состоянию на», "said on", «повідомляє ... 29 травня»: a statement's time
_STATEMENT = re.compile(r"(?:" + _every("STATEMENT") + r")\b", re.I)
# a toll's rise just before the day, at most three words between ("rose to 40 on Monday", «зросла до 46 у середу»)
_RISE = re.compile(r"(?<![\w-])(?:" + _every("RISE") + r")(?![\w-])", re.I)
_RISE_BEFORE = re.compile(r"(?:" + _every("RISE") + r")(?:[\W_]+\w+){0,3}?[\W_]*$", re.I)
# the statement verb just after the day, at most two words on ("27 травня повідомив", "on Monday told")
_STATEMENT_AFTER = re.compile(r"[\W_]*(?:\w+[\W_]+){0,2}?(?:" + _every("STATEMENT") + r")\b", re.I)


def anchor_events(
    events: list[Any],
    text: str,
    published: datetime | None,
    language: str = "en",
    refs: list[DayRef] | None = None,
) -> int:
    """Re-anchor the times of a report's events (EventMentions) in place; how many changed. ``refs``:
    the text's ``day_refs`` when the caller has them."""
    if published is None or not text or not events:
        return 0
    refs = day_refs(text, published, language) if refs is None else refs
    changed = 0
    for ev in events:
        new = anchor_time(ev.time, text, published, language, refs) or after_recalled(
            ev.time, refs, published
        )
        if new is not None:
            ev.time = new
            changed += 1
    return changed


def mark_statements(
    events: list[Any],
    text: str,
    published: datetime | None,
    language: str = "en",
    refs: list[DayRef] | None = None,
) -> int:
    """Mark the times that are only the day of a statement about the event ("..., Israeli television
    reported on September 25", "the rebels said Friday", «заявил 1 октября»): the date stays as read,
    with ``basis`` "statement", so the linker holds the event on or before that day, never on it
    (``link.features``). Only a day the statement word just before it governs is one; a day an attack
    word owns ("struck Eilat on Wednesday, officials said") is the event's own. How many marked."""
    if published is None or not text or not events:
        return 0
    refs = day_refs(text, published, language) if refs is None else refs
    attack_days = {r.day for r in refs if r.bound and not (r.recall or r.recalled)}
    marked = 0
    for ev in events:
        t = ev.time
        if t is None or t.basis or t.precision != "day" or _own_day(t) in attack_days:
            continue
        span = _span_of(t)
        ref = next((r for r in refs if span and r.start < span[1] and span[0] < r.end), None)
        if ref is None or ref.bound or ref.recall or ref.recalled or ref.relative:
            continue
        s0, _ = sentence_around(text, ref.start)
        if _STATEMENT_BEFORE.search(text[max(s0, ref.start - 80) : ref.start]):
            t.basis = STATEMENT_DAY
            marked += 1
    return marked


# a statement word just before the day, at most three words between ("reported on", "said on Telegram on")
_STATEMENT_BEFORE = re.compile(r"(?:" + _every("STATEMENT") + r")\b(?:[\W_]+\w+){0,3}?[\W_]*$", re.I)


def after_recalled(time: Any, refs: list[DayRef], published: datetime) -> TimeExpr | None:
    """An undated event of a report that recalls an earlier attack ("this attack follows Sunday's
    strike"; ``DayRef.recalled``) came after it: when the recalled day is the day before publication,
    the event's day is the publication day. None otherwise (left to publication alone)."""
    if _own_day(time) is not None or (time is not None and _span_of(time) is not None):
        return None
    days = [r.day for r in refs if r.recalled]
    if not days or (published.date() - max(days)).days != 1:
        return None
    day = published.date().isoformat()
    return TimeExpr(text=None, start=day, end=day, precision="day", span=None, basis=AFTER_RECALLED)


@dataclass(frozen=True)
class Told:
    """One time expression as the statement-day pass reads it; the language module says which is which
    (its deictic days, its speech verbs and report cues, its named days)."""

    start: int
    day: date | None  # the day it names
    relative: bool  # a day told relative to its telling ("overnight", «ночью», «вчера», «накануне»)
    stated: (
        bool  # the day a statement was made ("the governor said on Tuesday", «в субботу губернатор сообщил»)
    )
    sentence: int = 0  # the sentence it is in


def statement_days(told: Sequence[Told], published: date) -> dict[int, date]:
    """The day each relative expression (by its index in ``told``, which is in text order) counts from
    when its sentence dates a statement to a day before publication ("Overnight, drones hit Sumy, the
    governor said on Tuesday", «В субботу губернатор сообщил, что ночью …»): the statement's day, not
    publication's. The nearest stated day before it in its sentence, else the first after it."""
    out: dict[int, date] = {}
    for i, t in enumerate(told):
        if not t.relative:
            continue
        days = [
            (s.start, s.day)
            for s in told
            if s.stated
            and not s.relative
            and s.sentence == t.sentence
            and s.day is not None
            and s.day < published
        ]
        before = [d for start, d in days if start < t.start]
        after = [d for start, d in days if start > t.start]
        if before or after:
            out[i] = before[-1] if before else after[0]
    return out
