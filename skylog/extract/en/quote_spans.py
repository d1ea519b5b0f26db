"""Where quotes are and the attribution frames around them ("…,’ Shapsha wrote", "Quote from X:").

Quote marks are found on the raw text (straight, curly, single ‘…’ and «…»; multi-sentence and
multi-line); a frame is the speaker phrase a quote's attribution names, before or after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from skylog.extract.common.quotes import quote_pairs, unclosed_quote
from skylog.extract.en import lexicon as L

OPEN_CLOSE = dict(quote_pairs("en"))

P = L.stage("quote_spans")  # the pack's [patterns.quote_spans]
_UNCLOSED_LONGER_THAN = 15  # characters: an unclosed mark opens a quote to the end of its line
VERBISH = P.VERBISH  # a verb in a phrase: what is not a speaker (quotes.py trims with it too)
SELF_NAMED = P.SELF_NAMED  # "a resident who identified himself as Ko Lin": the name is the speaker


# the characters the scan below acts on: every other character is stepped over
_MARK = re.compile("[" + re.escape("".join(OPEN_CLOSE) + "\"‘'") + "]")


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation's content (marks excluded), in text order, non-overlapping."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    i = 0
    while i < n:
        mark = _MARK.search(text, i)  # straight to the next mark
        if mark is None:
            break
        i = mark.start()
        ch = text[i]
        if ch in OPEN_CLOSE:
            j = text.find(OPEN_CLOSE[ch], i + 1, min(n, i + 4000))
            nxt_open = text.find(ch, i + 1, j if j > 0 else min(n, i + 4000))
            if j > 0 and (nxt_open < 0 or ch == "„"):
                spans.append((i + 1, j))
                i = j + 1
                continue
            if j > 0 and _reopens_paragraph(text, nxt_open):  # “…¶“…¶“…”: each paragraph reopens
                run, i = unclosed_quote(text, i, "\n", _UNCLOSED_LONGER_THAN)
                spans.extend([run] if run else [])
                continue
            if j < 0:  # unclosed: runs to the end of the line
                run, i = unclosed_quote(text, i, "\n", _UNCLOSED_LONGER_THAN)
                spans.extend([run] if run else [])
                continue
        elif ch == '"':
            line_end = text.find("\n", i)
            line_end = n if line_end < 0 else line_end
            j = text.find('"', i + 1, line_end)
            if j > 0:
                spans.append((i + 1, j))
                i = j + 1
                continue
            run, i = unclosed_quote(text, i, "\n", _UNCLOSED_LONGER_THAN)
            spans.extend([run] if run else [])
            continue
        elif ch in "‘'" and _opens(text, i):
            j = i + 1
            limit = min(n, i + 3000)
            while j < limit:
                if text[j] in "’'" and _closes(text, j):
                    break
                if text[j] == "\n" and j + 1 < n and text[j + 1] == "\n":
                    j = limit
                    break
                j += 1
            if j < limit and j - i > 1:
                spans.append((i + 1, j))
                i = j + 1
                continue
        i += 1
    return [inner for s, e in spans if text[s:e].strip() for inner in _reprinted(text, s, e)]


def _reprinted(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """A quotation over several paragraphs that holds quotes of its own is a reprinted article
    ("SpaceWar.com reports: “… ‘…,’ Zelensky said …”"): its inner quotes are the quotes."""
    if "\n\n" not in text[s:e]:
        return [(s, e)]
    inner = [(a + s, b + s) for a, b in find_quote_spans(text[s:e])]
    return inner or [(s, e)]


def _reopens_paragraph(text: str, k: int) -> bool:
    """The opening mark at ``k`` starts a line: a quotation over several paragraphs opens each of them and
    closes only the last, so the paragraph before it is quoted to its end."""
    return k > 0 and not text[text.rfind("\n", 0, k) + 1 : k].strip() and "\n" in text[:k]


def _opens(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return (prev.isspace() or prev in '([—–-:"“') and not nxt.isspace() and nxt not in "’'"


def _closes(text: str, j: int) -> bool:
    prev = text[j - 1]
    nxt = text[j + 1] if j + 1 < len(text) else " "
    if prev.isspace():
        return False
    if nxt.isalpha() or nxt.isdigit():
        return False
    if prev == "s" and nxt == " " and j + 2 < len(text) and text[j + 2].islower():
        return False  # plural possessive: "citizens’ safety"
    return True


@dataclass
class Frame:
    speaker_text: str | None
    speaker_start: int | None
    cue: str | None


def colon_blocks(text: str, taken: list[tuple[int, int]]) -> dict[tuple[int, int], tuple[str, int]]:
    """Telegram-style statements: a "Russian Ministry of Defense:" line, then the statement block."""
    out: dict[tuple[int, int], tuple[str, int]] = {}
    for m in P.COLON_LINE.finditer(text):
        s, e = m.start("body"), m.end("body")
        if P.COLON_BLOCKS_1.match(m.group("spk")):
            continue
        if any(s < te and e > ts for ts, te in taken):
            continue
        out[(s, e)] = (m.group("spk"), m.start("spk"))
    return out


def reported_frame(t: str) -> tuple[str, int, str, str] | None:
    """(speaker text, its offset, cue, content) for "X said (that) …", "…, X said." and "…, said X."."""
    m = P.REPORTED_FRAME_1.search(t)
    if m:
        return m.group("spk"), m.start("spk"), m.group("cue"), t[: m.start()].strip(" ,.")
    m = P.REPORTED_FRAME_2.search(t)
    rest = P.REPORTED_FRAME_3.sub("", m.group("rest")) if m else ""
    if m and "," not in m.group("rest")[:2] and len(rest.split()) >= 3:  # not "…, X said in a statement."
        spk = _subject(m.group("spk"))
        off = m.start("spk")
        head = spk.rsplit(",", 1)[0]
        if "," in spk and (P.VERBISH.search(head) or P.FRONTED.match(head)):
            cut = spk.rfind(",") + 1
            spk, off = spk[cut:], off + cut
        if re.search(r"[A-Za-z]{2}", spk):
            return spk, off, m.group("cue").split()[0].lower(), rest.strip(" .")
    m = P.REPORTED_FRAME_4.search(t)
    if m:
        who = "cited" if m.group("cited") else "spk"  # "…, the agency reported, citing X": X said it
        return m.group(who), m.start(who), m.group("cue").split()[0].lower(), m.group("rest")
    m = P.REPORTED_FRAME_5.search(t)
    if m:
        return m.group("spk"), m.start("spk"), m.group("cue"), m.group("rest")
    return None


def _subject(spk: str) -> str:
    """A subject without the clause set off by commas before its verb ("X, speaking anonymously, told"),
    unless that clause names the speaker ("A man, who gave his name as Ali, said")."""
    return spk if SELF_NAMED.search(spk) else P.PARENTHETICAL.sub("", spk)


def after_frame(text: str, end: int) -> Frame | None:
    """Attribution after the closing mark: ",’ Shapsha wrote" / ", said Igor Kovalchuk, a …"."""
    tail_end = len(text)
    for stop in ("\n",):
        k = text.find(stop, end)
        if k >= 0:
            tail_end = min(tail_end, k)
    seg = text[end + 1 : min(tail_end, end + 260)]
    base = end + 1
    m = P.AFTER_FRAME_1.match(seg)
    if m and not P.NOT_SPEAKER_START.match(m.group("spk")):
        spk = m.group("spk")
        return Frame(spk, base + m.start("spk"), m.group("cue").lower())
    m = P.AFTER_ACCORDING.match(seg)
    if m:
        return Frame(m.group("spk"), base + m.start("spk"), "according to")
    m = P.AFTER_FRAME_2.match(seg)
    if m and len(m.group("spk").split()) <= 14 and not P.AUX_VERB.search(m.group("spk")):
        return Frame(m.group("spk"), base + m.start("spk"), m.group("cue").lower())
    # "…" there was no activity, she said.
    sent_end = re.search(r"[.!?](?:\s|$)", seg)
    window = seg[: sent_end.end() if sent_end else len(seg)]
    m = P.AFTER_FRAME_3.search(window)
    if m:
        return Frame(m.group("spk"), base + m.start("spk"), m.group("cue").lower())
    return None


def before_frame(text: str, start: int, floor: int, short: bool = False) -> Frame | None:
    """Attribution before the opening mark: "X said:", "A spokesperson … stated, ", "Quote from X:"."""
    line_start = text.rfind("\n", 0, start) + 1
    if not text[line_start : start - 1].strip():  # "X wrote on X:" ending the line above the quote's line
        above = text[:line_start].rstrip()
        if above.endswith(":"):
            line_start = above.rfind("\n") + 1
    lo = max(line_start, floor)
    seg = text[lo : start - 1]
    # keep only the current sentence
    cut = max((m.end() for m in re.finditer(r"[.!?][\"”’»]?\s+(?=[A-Z])", seg)), default=0)
    seg_off = lo + cut
    seg = seg[cut:]
    m = P.BEFORE_FRAME_1.match(seg)
    if m:
        return Frame(m.group("spk"), seg_off + m.start("spk"), "quote")
    m = P.BEFORE_FRAME_2.search(seg)
    if m and (seg.rstrip().endswith((":", ",")) or len(m.group("mid").strip()) < (120 if short else 40)):
        spk = m.group("spk")
        return Frame(spk, seg_off + m.start("spk"), m.group("cue").lower())
    m = P.ACCORDING_TO.search(seg)
    if m:
        return Frame(m.group("spk"), seg_off + m.start("spk"), "according to")
    m = P.BEFORE_FRAME_3.match(seg)
    if m and not P.NOT_SPEAKER_LABEL.match(m.group("spk")):
        return Frame(m.group("spk"), seg_off + m.start("spk"), None)
    return None
