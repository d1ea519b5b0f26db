"""Direct quotes and reported speech, with speaker, role, cue verb and channel.

Direct quotes are found on the raw text (straight, curly, single ‘…’ and «…» marks; multi-sentence and
multi-line; ``quote_spans``). The speaker comes from the attribution frame around the quote ("…,’ Shapsha
wrote", "Quote from X:") and is resolved by ``speakers.Speakers``. Reported speech covers "X said
(that) …", "according to X" and "X wrote on Telegram".

``QuoteFinder`` is the English ``SpeechReader`` of the shared quotes-and-speakers stage
(``common.quotes.find_quotes``): the stage decides the order (attribution after, before, carried
over) and builds the records; this module answers in English.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from skylog.extract.common.quotes import Attributed, channel_name, quote_of
from skylog.extract.en import lexicon as L
from skylog.extract.en.quote_spans import (
    Frame,
    after_frame,
    before_frame,
    colon_blocks,
    find_quote_spans,
    reported_frame,
)
from skylog.extract.en.sentences import Sentence
from skylog.extract.en.speakers import Speakers, speaker_phrase
from skylog.records import Quote

P = L.stage("quotes")  # the pack's [patterns.quotes]


class QuoteFinder(Speakers):
    """Finds quotes and reported speech in one report; keeps the speaker state between them."""

    def __init__(
        self,
        text: str,
        sentences: list[Sentence],
        persons: list[tuple[int, int]],
        orgs: list[tuple[int, int]],
        ner: Callable[[str], list[tuple[int, int, str]]] | None = None,
        prefetch: Callable[[list[str]], object] | None = None,
    ) -> None:
        super().__init__(text, persons, ner, prefetch)
        self._frames: dict[int, tuple[str, int, str, str] | None] = {}
        self._marked: list[tuple[int, int]] = []  # the quote marks' spans, once ``reported`` has them
        self.sentences = sentences
        self.org_spans = orgs
        self.source_line: tuple[str, str | None] | None = None
        self.colon: dict[tuple[int, int], tuple[str, int]] = {}

    def model_questions(self) -> list[str]:
        """The speaker phrases of reported speech that may go to the model, read from the text alone.

        What ``reported`` will hand to ``resolve_speaker``, minus what the speaker state decides (persons
        already found, plausibility by a known person): asked of the model in one batch before the first
        phrase is, so most answers are ready (``prefetch``); a phrase missed here is asked on its own.
        """
        out: list[str] = []
        for sent in self.sentences:
            if any(s < sent.end and e > sent.start for s, e in self._marked):
                continue
            got = _according_to(sent)
            if got is not None:
                _, spk_text, off = got
            else:
                found = self._frame(sent)
                if found is None or not self._plausible_speaker(found[0], sent.start + found[1]):
                    continue
                spk_text, off = found[0], sent.start + found[1]
            phrase, pstart, kind = speaker_phrase(spk_text, off)
            if kind == "name" and self._asks_model(phrase, pstart):
                out.append(phrase)
        return out

    def _frame(self, sent: Sentence) -> tuple[str, int, str, str] | None:
        """``reported_frame`` of a sentence, read once per finder."""
        if sent.start not in self._frames:
            self._frames[sent.start] = reported_frame(sent.text)
        return self._frames[sent.start]

    def _channel_in(self, start: int, end: int) -> str | None:
        m = P.CHANNEL_RE.search(self.text, max(0, start), min(len(self.text), end))
        if not m:
            return None
        return channel_name(next((g for g in m.groups() if g), ""), "en")

    # -- the quotes-and-speakers stage's questions (common.quotes.SpeechReader) -----
    def marked(self) -> list[tuple[int, int]]:
        return find_quote_spans(self.text)

    def unmarked(self, marked: list[tuple[int, int]]) -> list[tuple[int, int]]:
        self.colon = colon_blocks(self.text, marked)
        return list(self.colon)

    def after(self, span: tuple[int, int]) -> Attributed | None:
        s, e = span
        self._source_before(s)
        if span in self.colon:  # "Russian Ministry of Defense:" names the statement block's speaker
            spk, at = self.colon[span]
            return self._attributed(Frame(spk, at, None), s)
        frame = after_frame(self.text, e)
        return self._attributed(frame, s) if frame is not None else None

    def before(self, span: tuple[int, int], floor: int) -> Attributed | None:
        s, e = span
        frame = before_frame(self.text, s, floor, short=len(self.text[s:e].split()) <= 6)
        return self._attributed(frame, s) if frame is not None else None

    def _attributed(self, frame: Frame, s: int) -> Attributed:
        speaker = role = sspan = None
        if frame.speaker_text:
            start = frame.speaker_start if frame.speaker_start is not None else s
            speaker, role, sspan = self.resolve_speaker(frame.speaker_text, start)
        return Attributed(speaker, role, sspan, frame.cue, final=True)

    def carry(self, span: tuple[int, int], earlier: list[Quote]) -> Attributed | None:
        """The last quote's speaker when this one follows it closely, else the source line's, else the last named."""
        s = span[0]
        prev_end = earlier[-1].span[1] if earlier else 0
        gap = self.text[prev_end:s]
        rec = self.recent_speaker(s)
        if (
            earlier
            and (len(gap) < 400 or "\n" not in gap)
            and not (rec and rec[0] != earlier[-1].speaker and self._mentioned_between(rec[0], prev_end, s))
        ):
            return Attributed(earlier[-1].speaker, earlier[-1].role)
        if self.source_line:
            return Attributed(*self.source_line)
        if rec:
            return Attributed(*rec)
        return None

    def channel(self, span: tuple[int, int]) -> str | None:
        s, e = span
        line_end = self.text.find("\n", e)
        return self._channel_in(max(0, s - 200), line_end if line_end > 0 else len(self.text))

    def spoke(self, quote: Quote) -> None:
        if quote.speaker:
            self.last = (quote.speaker, quote.role)
        self.done.append(quote)

    def _mentioned_between(self, name: str, start: int, end: int) -> bool:
        last = name.split()[-1] if name else ""
        return bool(last) and last in self.text[start:end]

    def _source_before(self, pos: int) -> None:
        line_start = self.text.rfind("\n", 0, pos)
        for m in P.SOURCE_LINE.finditer(self.text[: max(0, line_start) + 1]):
            src = P.SOURCE_BEFORE_1.sub("", m.group("src")).strip(" .")
            spk, role, _ = self.resolve_speaker(src, m.start("src"))
            if spk:
                self.source_line = (spk, role)

    def reported(self, marked: list[tuple[int, int]], unmarked: list[tuple[int, int]]) -> list[Quote]:
        """ "X said (that) …", "…, X said." and "according to X" in the sentences outside quote marks."""
        out: list[Quote] = []
        self._marked = marked
        for k, sent in enumerate(self.sentences):
            if any(s < sent.end and e > sent.start for s, e in marked):
                continue
            who, content = self._reported_in(sent)
            if who is None or not who.speaker:
                continue
            span = (sent.start, sent.end)
            if P.PREVIOUS_CONTENT.fullmatch(content) and k > 0:
                # "This was reported by X": what X said is the sentence before
                prev = self.sentences[k - 1]
                content, span = prev.text, (prev.start, sent.end)
            q = quote_of("reported", content, span, who)
            out.append(q)
            self.spoke(q)
        self.quote_spans = sorted(
            marked + unmarked
        )  # person names inside them are not speakers of what follows
        return out

    def _reported_in(self, sent: Sentence) -> tuple[Attributed | None, str]:
        t = sent.text
        got = _according_to(sent)
        if got is not None:
            m, spk_text, off = got
            speaker, role, sspan = self.resolve_speaker(spk_text, off)
            content = (t[: m.start()] + t[m.end() :]).strip(" ,.")
            channel = self._channel_in(sent.start, sent.end)
            return Attributed(speaker, role, sspan, "according to", channel), content
        found = self._frame(sent)
        if found is None:
            return None, ""
        spk_text, spk_off, cue, content = found
        if not self._plausible_speaker(spk_text, sent.start + spk_off):
            return None, ""
        speaker, role, sspan = self.resolve_speaker(spk_text, sent.start + spk_off)
        if len(content.split()) < 3 and not P.PREVIOUS_CONTENT.fullmatch(content):
            return None, ""
        return Attributed(speaker, role, sspan, cue, self._channel_in(sent.start, sent.end)), content


def _according_to(sent: Sentence) -> tuple[re.Match[str], str, int] | None:
    """A sentence's "according to X" phrase: its match, the speaker's words (their lead-in trimmed) and
    where those start in the text."""
    m = P.REPORTED_1.search(sent.text)
    if m is None:
        return None
    spk_text = P.REPORTED_2.sub("", m.group("spk"))
    return m, spk_text, sent.start + m.start("spk") + (len(m.group("spk")) - len(spk_text))
