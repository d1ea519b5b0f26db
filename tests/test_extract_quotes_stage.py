"""The quotes-and-speakers stage every language shares (``common.quotes``), hedges, and pack stages."""

from __future__ import annotations

import re

import pytest

from skylog.extract.common.hedges import hedge_of
from skylog.extract.common.quotes import Attributed, attribute, find_quotes, quote_of
from skylog.extract.en import lexicon as EN
from skylog.extract.packs import load_pack
from skylog.records import Quote

Span = tuple[int, int]


class ToyReader:
    """A reader whose "language" marks quotes with <…> and attributions with "said NAME" / "NAME:"."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spoken: list[Quote] = []
        self.asked_before: list[Span] = []

    def marked(self) -> list[Span]:
        return [(m.start(1), m.end(1)) for m in re.finditer(r"<([^>]*)>", self.text)]

    def unmarked(self, marked: list[Span]) -> list[Span]:
        return [(m.start(1), m.end(1)) for m in re.finditer(r"\[([^\]]*)\]", self.text)]

    def reported(self, marked: list[Span], unmarked: list[Span]) -> list[Quote]:
        out = []
        for m in re.finditer(r"according to (\w+), ([^.]*)\.", self.text):
            if any(s <= m.start() < e for s, e in marked + unmarked):
                continue
            who = Attributed(m.group(1), None, (m.start(1), m.end(1)), "according to")
            out.append(quote_of("reported", m.group(2), (m.start(), m.end()), who))
        return out

    def after(self, span: Span) -> Attributed | None:
        m = re.match(r"[>\]],? said (\w+)", self.text[span[1] :])
        if not m:
            return None
        name = m.group(1)
        if name == "nobody":  # an attribution read, naming no one: the quote's other side is not asked
            return Attributed(cue="said", final=True)
        if name == "someone":  # an attribution naming no one, not final: the other side may name them
            return Attributed(cue="said", channel="radio")
        at = span[1] + m.start(1)
        return Attributed(name, None, (at, at + len(name)), "said")

    def before(self, span: Span, floor: int) -> Attributed | None:
        self.asked_before.append(span)
        m = re.search(r"(\w+) \((\w+)\): <$", self.text[floor : span[0]])
        if not m:
            m2 = re.search(r"the (\w+): <$", self.text[floor : span[0]])
            return Attributed(role=m2.group(1), cue="wrote") if m2 else None
        at = floor + m.start(1)
        return Attributed(m.group(1), m.group(2), (at, at + len(m.group(1))), "wrote")

    def carry(self, span: Span, earlier: list[Quote]) -> Attributed | None:
        return Attributed(earlier[-1].speaker, earlier[-1].role) if earlier else None

    def channel(self, span: Span) -> str | None:
        return "Telegram" if "Telegram" in self.text else None

    def spoke(self, quote: Quote) -> None:
        self.spoken.append(quote)


def _said(quotes: list[Quote]) -> list[tuple[str, str | None, str | None]]:
    return [(q.text, q.speaker, q.role) for q in quotes]


def test_the_attribution_after_a_quote_names_its_speaker_with_the_name_span() -> None:
    text = "<We saw drones>, said Ivan."
    (q,) = find_quotes(ToyReader(text))
    assert (q.text, q.speaker, q.cue, q.kind) == ("We saw drones", "Ivan", "said", "direct")
    assert text[q.speaker_span[0] : q.speaker_span[1]] == "Ivan"
    assert text[q.span[0] : q.span[1]] == q.text


def test_the_attribution_before_is_read_only_when_the_one_after_names_no_one() -> None:
    text = "Olena (mayor): <Two were hurt>. Petro (medic): <One died>, said Ivan."
    reader = ToyReader(text)
    quotes = find_quotes(reader)
    assert _said(quotes) == [("Two were hurt", "Olena", "mayor"), ("One died", "Ivan", None)]
    assert reader.asked_before == [quotes[0].span]  # the second quote had its attribution after it


def test_a_final_attribution_naming_no_one_is_not_completed_from_before_but_carried_over() -> None:
    text = "Olena (mayor): <Two were hurt>. Petro (medic): <One died>, said nobody."
    quotes = find_quotes(ToyReader(text))
    assert _said(quotes) == [("Two were hurt", "Olena", "mayor"), ("One died", "Olena", "mayor")]
    assert quotes[1].cue == "said"


def test_fields_the_attribution_after_leaves_open_are_filled_from_before() -> None:
    text = "Olena (mayor): <Two were hurt>, said someone."
    (q,) = find_quotes(ToyReader(text))
    assert (q.speaker, q.role, q.cue, q.channel) == ("Olena", "mayor", "said", "radio")


def test_a_role_without_a_name_speaks_as_itself() -> None:
    (q,) = find_quotes(ToyReader("As the governor: <Stay inside>."))
    assert (q.speaker, q.role, q.cue) == ("governor", "governor", "wrote")


def test_an_unattributed_quote_takes_the_carried_over_speaker_and_the_readers_channel() -> None:
    text = "Telegram post. <Drones came>, said Ivan. <Then a second wave>."
    quotes = find_quotes(ToyReader(text))
    assert _said(quotes) == [("Drones came", "Ivan", None), ("Then a second wave", "Ivan", None)]
    assert [q.channel for q in quotes] == ["Telegram", "Telegram"]
    assert quotes[1].speaker_span is None  # carried over: the name does not stand at this quote


def test_the_first_quote_with_no_attribution_has_no_speaker() -> None:
    (q,) = find_quotes(ToyReader("<Loud bangs> were heard."))
    assert q.speaker is None and q.cue is None


def test_unmarked_quotes_are_attributed_and_direct_and_reported_come_in_text_order() -> None:
    text = "according to Ivan, two drones fell. [Sirens sounded], said Olena. <Stay inside>."
    reader = ToyReader(text)
    quotes = find_quotes(reader)
    assert [(q.kind, q.speaker) for q in quotes] == [
        ("reported", "Ivan"),
        ("direct", "Olena"),
        ("direct", "Olena"),
    ]
    assert quotes[0].text == "two drones fell" and quotes[0].cue == "according to"
    assert reader.spoken == quotes[1:]  # the reader hears every direct quote, in order


def test_reported_speech_inside_a_quote_is_left_to_the_quote() -> None:
    quotes = find_quotes(ToyReader("<according to Ivan, two drones fell.>, said Olena."))
    assert [(q.kind, q.speaker) for q in quotes] == [("direct", "Olena")]


def test_attribute_reads_no_further_than_the_previous_quote() -> None:
    text = "Olena (mayor): <One>. <Two>."
    reader = ToyReader(text)
    spans = reader.marked()
    quotes = attribute(reader, spans)
    # the second quote's "before" starts after the first quote: Olena is carried over, not re-read
    assert _said(quotes) == [("One", "Olena", "mayor"), ("Two", "Olena", "mayor")]
    assert quotes[1].speaker_span is None


def test_attributed_fill_keeps_what_it_has() -> None:
    a = Attributed("Ivan", None, (0, 4), None, "Telegram")
    b = Attributed("Olena", "mayor", (9, 14), "said", "radio")
    assert a.fill(b) == Attributed("Ivan", "mayor", (0, 4), "said", "Telegram")
    assert a.fill(None) is a


@pytest.mark.parametrize(
    "text,language,hedge",
    [
        ("По предварительным данным, пострадавших нет", "ru", "likely"),
        ("Ймовірно, це був «Шахед»", "uk", "likely"),
        ("Беспилотник сбит над областью", "ru", "asserted"),
        ("The ministry denied the claims", "en", "denied"),
        ("Ukraine was likely behind the strike", "en", "likely"),
    ],
)
def test_hedges_read_each_languages_pack(text: str, language: str, hedge: str) -> None:
    folded = text.lower() if language != "en" else text
    assert hedge_of(folded, language) == hedge


def test_a_hedge_is_read_only_inside_the_given_window() -> None:
    f = "беспилотник сбит. предположительно, обломки упали"
    cut = f.index(".") + 1
    assert hedge_of(f, "ru", 0, cut) == "asserted"
    assert hedge_of(f, "ru", cut, len(f)) == "likely"


def test_every_pack_states_hedges_as_the_same_stage() -> None:
    for language in ("en", "ru"):
        keys = {k for k in load_pack(language).templates if k.startswith("hedges.HEDGE_")}
        assert "hedges.HEDGE_LIKELY" in keys, language
        assert keys <= {"hedges.HEDGE_DENIED", "hedges.HEDGE_LIKELY", "hedges.HEDGE_ALLEGED"}


def test_stage_patterns_compile_a_named_template_once() -> None:
    p = EN.stage("quote_spans")
    rx = p.ACCORDING_TO
    assert rx is p.ACCORDING_TO and rx.pattern == EN.pattern("quote_spans.ACCORDING_TO").pattern
    with pytest.raises(KeyError):
        _ = p.NO_SUCH_PATTERN


@pytest.mark.parametrize("language", ["en", "ru", "uk"])
def test_every_pack_lists_its_quote_marks_once_an_opening_mark(language: str) -> None:
    from skylog.extract.common.quotes import quote_pairs

    pairs = quote_pairs(language)
    assert ("«", "»") in pairs and ("“", "”") in pairs
    openers = [o for o, _ in pairs]
    assert len(openers) == len(set(openers))


def test_the_scanners_read_the_marks_from_the_packs() -> None:
    from skylog.extract.en.quote_spans import find_quote_spans
    from skylog.extract.ruuk.speakers import quote_spans

    text = "„Drones flew over the city at night“, the mayor said."
    assert [text[s:e] for s, e in find_quote_spans(text)] == ["Drones flew over the city at night"]
    ru = "„Беспилотники летели над городом всю ночь“, — написал мэр."
    assert [ru[s:e] for s, e in quote_spans(ru)] == ["Беспилотники летели над городом всю ночь"]


# ------------------------------------------------------------- the languages' readers under the stage
def _per(text: str, name: str, norm: str):
    from skylog.nlp.spans import Entity

    s = text.index(name)
    return Entity(s, s + len(name), "PER", name, norm)


def test_russian_dash_attribution_after_a_quote_names_the_person() -> None:
    from skylog.extract.ruuk.speakers import RuUkSpeech

    text = "«Над Белгородом сбиты два беспилотника», — написал в Telegram губернатор Гладков."
    ent = _per(text, "Гладков", "Вячеслав Гладков")
    (q,) = find_quotes(RuUkSpeech(text, [ent], "ru", []))
    assert (q.text, q.speaker, q.cue, q.kind) == (
        "Над Белгородом сбиты два беспилотника",
        "Вячеслав Гладков",
        "написал",
        "direct",
    )
    assert q.speaker_span == (ent.start, ent.end)
    assert (q.role, q.channel) == ("губернатор", "Telegram")


def test_russian_role_without_a_name_speaks_as_itself() -> None:
    from skylog.extract.ruuk.speakers import RuUkSpeech

    text = "«Над городом ночью сбиты беспилотники», — сообщил губернатор."
    (q,) = find_quotes(RuUkSpeech(text, [], "ru", []))
    assert q.speaker == "губернатор" == q.role and q.speaker_span is None


def test_ukrainian_quote_with_no_attribution_takes_the_last_attributed_speaker() -> None:
    from skylog.extract.ruuk.speakers import RuUkSpeech
    from skylog.nlp.spans import Attribution

    text = "Про атаку повідомив Федоров. Далі в повідомленні: «Уночі над Запоріжжям збито два дрони»."
    s = text.index("Федоров")
    said = Attribution(s, s + 7, "Іван Федоров", "голова ОВА", "Telegram", cue="повідомив")
    quotes = find_quotes(RuUkSpeech(text, [], "uk", [said]))
    assert [(q.kind, q.speaker, q.role) for q in quotes] == [("direct", "Іван Федоров", "голова ОВА")]


def test_english_pronoun_attribution_continues_the_named_speaker_without_a_model() -> None:
    from skylog.extract.en import EnglishPipeline
    from skylog.ingest.common import make_report

    text = (
        "“Two drones were shot down over the city,” Governor Oleh Syniehubov said.\n"
        "“Nobody was hurt in the attack,” he added."
    )
    pipe = EnglishPipeline(use_model=False, use_geo=False)
    quotes = pipe(make_report(text, source="test", language="en")).quotes
    assert [(q.kind, q.speaker, q.cue) for q in quotes] == [
        ("direct", "Oleh Syniehubov", "said"),
        ("direct", "Oleh Syniehubov", "added"),
    ]


def test_an_unclosed_quote_runs_to_its_stop_when_long_enough() -> None:
    from skylog.extract.common.quotes import unclosed_quote

    text = "“We heard blasts all night\nand then silence"
    assert unclosed_quote(text, 0, "\n", 15) == ((1, text.index("\n")), text.index("\n"))
    assert unclosed_quote(text, 0, "\n", 40) == (None, text.index("\n"))
    assert unclosed_quote(text, 0, "\n\n", 15) == ((1, len(text)), len(text))


@pytest.mark.parametrize(
    "word,language,name",
    [
        ("телеграм-каналі", "uk", "Telegram"),
        ("telegram", "ru", "Telegram"),
        ("вконтакте", "ru", "VK"),
        ("max", "ru", "Max"),
        ("соцсетях", "ru", None),  # social networks: no one channel
        ("Telegram", "en", "Telegram"),
        ("the Associated Press ", "en", "the Associated Press"),
    ],
)
def test_a_channel_word_names_the_packs_channel(word: str, language: str, name: str | None) -> None:
    from skylog.extract.common.quotes import channel_name

    assert channel_name(word, language) == name


def test_a_russian_quote_posted_to_social_networks_is_not_said_to_be_on_telegram() -> None:
    from skylog.extract.ruuk.speakers import RuUkSpeech

    text = "«Пострадавших нет, повреждены гараж и забор», — написал в своих соцсетях губернатор."
    (q,) = find_quotes(RuUkSpeech(text, [], "ru", []))
    assert q.channel is None and q.speaker == "губернатор"
    tg = text.replace("в своих соцсетях", "в своем телеграм-канале")
    assert find_quotes(RuUkSpeech(tg, [], "ru", []))[0].channel == "Telegram"
