"""The quotes-and-speakers stage, one for every language: quote spans -> ``Quote`` records with speakers.

The stage is the order in which a quote's speaker is looked for, the same in every language:

1. the quotes: spans inside quote marks (``marked``), then quotes the text sets off without marks
   (``unmarked``: an English "Ministry of Defence:" statement block, a Russian "…, — написал Гладков");
2. reported speech ("X said that …", "according to X", "по словам Гладкова") outside those quotes;
3. for each direct quote, in text order: the attribution after the quote (",” Shapsha wrote"),
   else the one before it ("X said:"), else the speaker carried over from earlier speech ("he
   added", an unattributed quote after an attributed one); a role with no name ("the governor")
   speaks as itself;
4. direct and reported quotes in text order.

A language supplies what needs its words, as a ``SpeechReader``: where its quotes are, how an
attribution phrase names a speaker, and whom it carries a speaker over from. The words themselves
(say-verbs, role nouns, quote marks, "according to" phrases) are its pack's data.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal, Protocol

from skylog.extract.packs import load_pack
from skylog.records import Quote

Span = tuple[int, int]


@dataclass(frozen=True)
class Attributed:
    """What an attribution says about a quote: who speaks, in what role, where the name stands, how, where.

    ``final``: the attribution was read and is the only one (a speaker it leaves unknown is not
    looked for on the quote's other side).
    """

    speaker: str | None = None
    role: str | None = None
    speaker_span: Span | None = None
    cue: str | None = None
    channel: str | None = None
    final: bool = False

    def fill(self, other: Attributed | None) -> Attributed:
        """These fields, each missing one taken from ``other``."""
        if other is None:
            return self
        return replace(
            self,
            speaker=self.speaker or other.speaker,
            role=self.role or other.role,
            speaker_span=self.speaker_span or other.speaker_span,
            cue=self.cue or other.cue,
            channel=self.channel or other.channel,
        )


class SpeechReader(Protocol):
    """A language's reading of one report's speech: its quotes and their attributions."""

    text: str

    def marked(self) -> list[Span]:
        """The content spans of the quotations in quote marks, in text order."""
        ...

    def unmarked(self, marked: list[Span]) -> list[Span]:
        """Quotes set off without marks (statement blocks, dash quotes), not overlapping ``marked``."""
        ...

    def reported(self, marked: list[Span], unmarked: list[Span]) -> list[Quote]:
        """Reported speech outside the quotes, with speakers."""
        ...

    def after(self, span: Span) -> Attributed | None:
        """The attribution after the quote ("…,” she said"), or None."""
        ...

    def before(self, span: Span, floor: int) -> Attributed | None:
        """The attribution before the quote ("X said:"), not reaching back past ``floor``, or None."""
        ...

    def carry(self, span: Span, earlier: list[Quote]) -> Attributed | None:
        """The speaker a quote with no attribution of its own continues (``earlier``: this report's quotes)."""
        ...

    def channel(self, span: Span) -> str | None:
        """Where the quote was published ("Telegram"), when its attribution does not say."""
        ...

    def spoke(self, quote: Quote) -> None:
        """The quote was attributed (a reader keeps the last speaker for pronouns)."""
        ...


def quote_pairs(language: str) -> list[tuple[str, str]]:
    """The language's quotation marks as (opening, closing) pairs, in the order its pack tries them."""
    return [(pair[0], pair[1]) for pair in load_pack(language).words["QUOTE_PAIRS"]]


def unclosed_quote(text: str, i: int, stop: str, longer_than: int) -> tuple[Span | None, int]:
    """An opening mark at ``i`` left unclosed: the quote runs to the next ``stop`` (a line or a paragraph
    break) or the text's end, when that is more than ``longer_than`` characters; and where reading goes on.
    """
    end = text.find(stop, i)
    end = len(text) if end < 0 else end
    return ((i + 1, end) if end - i > longer_than else None), end


def channel_name(word: str, language: str) -> str | None:
    """The channel a channel word of the text names ("телеграм-каналі" -> "Telegram").

    The pack's ``CHANNEL_NAMES`` map word starts to names (an empty name: the word names no one
    channel, "соцсетях"); a word it does not list is the name as written ("Telegram", "AFP").
    """
    low = word.strip().lower()
    for start, name in load_pack(language).maps.get("CHANNEL_NAMES", {}).items():
        if low.startswith(start):
            return name or None
    return word.strip() or None


def quote_of(kind: Literal["direct", "reported"], text: str, span: Span, who: Attributed) -> Quote:
    """The ``Quote`` of ``text`` over ``span`` said by ``who``; one constructor keeps every language's fields alike.

    ``text`` is the quoted words (direct) or the statement without its attribution (reported).
    """
    return Quote(
        text=text,
        span=span,
        speaker=who.speaker,
        role=who.role,
        cue=who.cue,
        channel=who.channel,
        kind=kind,
        speaker_span=who.speaker_span,
    )


def attribute(reader: SpeechReader, spans: list[Span]) -> list[Quote]:
    """Direct quotes over ``spans`` (text order), each with the speaker its attribution or the text before gives."""
    out: list[Quote] = []
    for k, span in enumerate(spans):
        found = reader.after(span)
        if found is None or (found.speaker is None and not found.final):
            floor = spans[k - 1][1] + 1 if k > 0 else 0
            found = (found or Attributed()).fill(reader.before(span, floor))
        if found.speaker is None:
            found = found.fill(reader.carry(span, out))
        if found.speaker is None and found.role:
            found = replace(found, speaker=found.role)  # "the governor" with no name speaks as itself
        if found.channel is None:
            found = replace(found, channel=reader.channel(span))
        quote = quote_of("direct", reader.text[span[0] : span[1]], span, found)
        out.append(quote)
        reader.spoke(quote)
    return out


def find_quotes(reader: SpeechReader) -> list[Quote]:
    """Every quote of the report, direct and reported, with speakers, in text order."""
    marked = reader.marked()
    unmarked = reader.unmarked(marked)
    reported = reader.reported(marked, unmarked)
    direct = attribute(reader, sorted(marked + unmarked))
    return sorted(direct + reported, key=lambda q: q.span[0])
