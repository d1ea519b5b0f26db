"""Russian and Ukrainian extraction: Report -> Extraction, natively (no translation).

The pipeline reads a post sentence by sentence:

1. triggers: interception verbs ("сбит", "перехвачены", "збито", "знищено/подавлено")
   next to a weapon noun, strike cues ("атака", "удар", "обстріл", "влучання") next to a
   weapon, debris ("обломки", "уламки") with harm; negated, hypothetical, exercise and
   cumulative-digest sentences are skipped;
2. counts: digits or number words in any case form (``numbers``), "45 з 60" tallies
   (intercepted of launched), singular nouns as one;
3. places: region adjectives and seas (``places``) and the gazetteer's toponyms, with
   per-region counts for ministry lists ("10 – над Белгородской областью, 8 – Курской");
4. outcome: killed / injured (0 for "пострадавших нет"), damaged objects;
5. who: perpetrator ("киевский режим", "рашисти"), claimant and quotes (``speakers``);
6. time: windows, nights and dates normalised in Moscow or Kyiv time (``timex``).

Events of one type about the same place are merged, so a headline and its body
give one event, and a stated total equal to the per-region sum adds nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from skylog.extract.ruuk import lexicon as L
from skylog.extract.ruuk.numbers import Number, numbers_in
from skylog.extract.ruuk.places import PlaceResolver, RegionMention, find_regions
from skylog.extract.ruuk.speakers import SpeakerFinder, find_attributions, find_quotes, link_surnames
from skylog.extract.ruuk.text import Sentence, fold, sentences, tokenize
from skylog.extract.ruuk.timex import find_times, rank
from skylog.records import Claim, EventMention, Extraction, Place, Report, TimeExpr

MAX_CHARS = 30_000  # posts and articles; longer inputs are cut with a warning
_SETTLEMENT = re.compile(
    r"(?<!\w)(?:в|у|во|под|біля|возле|около|поблизу)\s+(?:сел[еоіа]|поселк[еа]|посел[еі]нн\w+|хутор[еа]|город[еа]|"
    r"деревн[еи]|місті|селищі|с\.|м\.|смт|пос\.|п\.|х\.|г\.|н\.\s*п\.)\s*"
    r"([А-ЯЁІЇЄҐ][\w'’-]+(?:\s+[А-ЯЁІЇЄҐ][\w'’-]+)?)"
)
_DISTRIBUTIVE = re.compile(r"(?<!\w)по\s+\S+\s*$|(?<!\w)по\s+\S+\s*[-–—]\s*$|(?<!\w)по\s+\S+\s+\S+\s*$")
_OF = re.compile(r"^\s*(?:з|із|зі|из|с)\s*$")
_LAUNCH = L.rx(r"атаков\w*", r"атакув\w*", r"атакува\w*", r"запустил\w*", r"випустил\w*", r"застосува\w*",
               r"применил\w*", r"выпустил\w*", r"застосовува\w*")  # fmt: skip
_CLAUSE_BREAK = re.compile(r"[,;:.()]|\s[-–—]\s|(?<!\w)(?:ще|еще|ещё|также|також)(?!\w)")
_HITS = re.compile(r"(?<!\w)(?:влучан\w*|влучань|попадани\w*|попаданий|прил[её]т\w*|приліт\w*)")
_AIR_ONLY = re.compile(
    r"сбит|збит|перехвач|перехопл|подавл|приземл|локаційно|підтверд|подтвер|отражен|відбит"
)
_OF_DOWNED = re.compile(r"(?<!\w)(?:з|із|зі|из|со)\s+$")
_ALL_RESTRICTED = re.compile(r"^\s*,?\s*(?:виявлен\w*|обнаружен\w*|які|що|которые|що\s+летіли)")
_ALL = re.compile(r"(?<!\w)(?:всі|усі|все|всех|всіх|усіх)(?!\w)")
_ORDINAL_CONTEXT = re.compile(
    r"^\s*(?:лет|года|год|річн|рок|км|м\b|метр|%|процент|відсот|час|годин|минут|хвилин|дн|сут)"
)


@dataclass
class _Cand:
    type: str
    weapon: str | None
    sent: int
    spans: list[tuple[int, int]]
    count: Claim | None = None
    launched: Claim | None = None
    regions: list[RegionMention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    killed: Claim | None = None
    injured: Claim | None = None
    damage: Claim | None = None
    perpetrator: Claim | None = None
    time: TimeExpr | None = None
    claimant: str | None = None
    hedge: str = "asserted"
    generic: bool = False  # no weapon named ("в результате атаки")
    weak: bool = False  # only "attacked/launched", no hit or harm: a strike only if nothing was intercepted
    total_only: bool = False


class RuUkPipeline:
    """Callable ``(Report) -> Extraction`` for ``ru`` and ``uk`` reports; loads models once."""

    def __init__(self) -> None:
        from skylog.nlp.models import morph, natasha

        self.nat = natasha()
        self.morph = {"ru": morph("ru"), "uk": morph("uk")}
        _share_grammemes(self.morph.values())
        self.places = PlaceResolver()
        self._plain_word = {lang: _plain_word_test(m) for lang, m in self.morph.items()}
        self._one_thread = _blas_one_thread()

    def _blas_limited(self):
        """Context in which numpy's BLAS runs on one thread (see ``_blas_one_thread``)."""
        return self._one_thread()

    # ------------------------------------------------------------------ entry
    def __call__(self, report: Report) -> Extraction:
        try:
            with self._blas_limited():
                return self._extract(report)
        except Exception as exc:  # one bad report never stops a batch
            return Extraction(
                report=report, warnings=[f"ruuk extraction failed: {type(exc).__name__}: {exc}"]
            )

    def _extract(self, report: Report) -> Extraction:
        warnings: list[str] = []
        text = report.text or ""
        if len(text) > MAX_CHARS:
            warnings.append(f"text truncated to {MAX_CHARS} characters for extraction")
            text = text[:MAX_CHARS]
        lang = "uk" if report.language == "uk" else "ru"
        folded = fold(text)
        clean = fold(text, lower=False)
        sents = sentences(text)
        regions = find_regions(folded)
        times = find_times(folded, text, report.published_at, lang)
        ctx = _Ctx(text, folded, lang, sents, regions, times, [], report)
        ctx.report_digest = bool(L.DIGEST.search(folded)) and len(L.FRONTLINE.findall(folded)) >= 1
        ctx.report_frontline = len(L.FRONTLINE.findall(folded)) >= 2
        cands: list[_Cand] = []
        prev_intercept = False
        for si, s in enumerate(sents):
            got = self._sentence(ctx, si, s, prev_intercept)
            prev_intercept = any(c.type == "interception" for c in got) or (
                prev_intercept and not got and not folded[s.start : s.end].strip()
            )
            cands.extend(got)
        if (L.EXERCISE.search(folded) and not L.HARM.search(folded)) or L.REPORT_DENIAL.search(folded):
            cands = []
        # the costly models run only where they are needed: the gazetteer when there are events,
        # NER only on the sentences that attribute or quote speech
        # (an interception already tied to its region by the ministry list needs no gazetteer)
        needs_geo = [
            c
            for c in cands
            if c.type not in ("outcome", "launch") and not (c.type == "interception" and c.regions)
        ]
        if needs_geo:
            wanted = {c.sent for c in needs_geo} | {0}
            geo_text = _blank_except(text, sents, wanted)
            ctx.toponyms = [
                p
                for p in self.places.toponyms(geo_text, lang)
                if not any(r.start <= p.span[0] < r.end for r in regions)
                and _plausible_toponym(p)
                and not self._adjective(p.mention, lang)
            ]
        ents = SpeakerFinder(self.nat, lang).entities(
            _speech_only(clean, folded, sents, regions, self._plain_word[lang])
        )
        link_surnames(ents)
        attribs = find_attributions(text, folded, ents, lang)
        quotes = find_quotes(text, ents, lang, attribs)
        cands = self._resolve_generic(cands, ctx)
        events = self._finish(ctx, cands, attribs, quotes)
        events = _merge(events)
        events = _absorb_totals(events)
        if report.published_at:
            events = [e for e in events if not _stale(e, report.published_at)]
        return Extraction(
            report=report, events=events, quotes=quotes, warnings=warnings, relevant=bool(events)
        )

    # ------------------------------------------------------------ sentences
    def _sentence(self, ctx: _Ctx, si: int, s: Sentence, prev_intercept: bool) -> list[_Cand]:
        f = ctx.folded
        a, b = s.start, s.end
        seg = f[a:b]
        if L.DIGEST.search(seg) or L.EXERCISE.search(seg):
            return []
        no_cas = [(m.start() + a, m.end() + a) for m in L.NO_CASUALTIES.finditer(seg)]
        masked = _mask(f, no_cas)[a:b]
        negated = bool(L.NEGATED.search(masked))
        weapons = self._weapons(f, a, b)
        harm = [m for m in L.HARM.finditer(masked)]
        if harm:
            ctx.harm_sents.add(si)
        over_region = [r for r in ctx.regions if a <= r.start < b]
        over = bool(L.OVER.search(seg))
        hypothetical = bool(L.HYPOTHETICAL.search(seg)) and not harm and not L.INTERCEPT_PASSIVE.search(seg)
        if negated or hypothetical:
            return []
        out: list[_Cand] = []
        # ---- interceptions
        icpt: list[tuple[int, int, tuple]] = []
        allow = ("drone", "missile", "rocket", "glide_bomb", "aircraft", "aerial_target")
        for rxp, passive in ((L.INTERCEPT_PASSIVE, True), (L.INTERCEPT_ACTIVE, False)):
            for m in rxp.finditer(seg):
                vs, ve = m.start() + a, m.end() + a
                w = _nearest(weapons, vs, ve, 90, allow=allow)
                attack_word = bool(re.search(r"атак", m.group(0)))
                if w is None and not attack_word and not (prev_intercept and over_region):
                    continue
                if w is None:
                    w = (vs, ve, None, "none")
                if L.DEBRIS.search(f, max(a, vs - 30), vs):
                    continue  # "уламки збитого безпілотника": debris of an earlier interception
                if _OF_DOWNED.search(f, max(a, vs - 12), vs):
                    continue  # "одна зі збитих ракет": one of those already told as downed
                if L.DIGEST_DAY.search(seg) and not over_region:
                    continue
                ad = bool(L.AD_CUE.search(seg)) or over
                if not passive and not ad:
                    continue
                air_verb = bool(_AIR_ONLY.search(m.group(0)))
                subject = w[2] in ("drone", "missile") and abs(w[0] - vs) < 40 and self._nominative(ctx, w)
                if passive and not ad and not air_verb and not subject:
                    continue
                if (ctx.report_digest or ctx.report_frontline) and not (over and over_region):
                    continue
                icpt.append((vs, ve, w))
        if not icpt and L.AD_WORKED.search(seg) and not (ctx.report_digest or ctx.report_frontline):
            m = L.AD_WORKED.search(seg)
            icpt.append((m.start() + a, m.end() + a, (m.start() + a, m.end() + a, None, "none")))
        if not icpt and prev_intercept and over and over_region and weapons and not harm:
            # a list continued in the next sentence: "Еще три беспилотника — над территорией Курской области"
            w = weapons[0]
            icpt.append((w[0], w[1], w))
        used_weapons = set()
        if icpt:
            icpt.sort()
            w = next((x[2] for x in icpt if x[2][2] is not None), icpt[0][2])
            used_weapons.update(x[2] for x in icpt)
            out.extend(self._interceptions(ctx, si, s, icpt, w))
        # ---- debris, strikes
        debris = L.DEBRIS.search(seg)
        if debris and not harm and not icpt:
            # debris whose harm, if any, is told in the next sentences
            out.append(_Cand("debris_fall", None, si, [(debris.start() + a, debris.end() + a)], weak=True))
            used_weapons.update(weapons)
        if debris and harm:
            w = _nearest(weapons, debris.start() + a, debris.end() + a, 60)
            c = _Cand("debris_fall", w[2] if w else None, si, [(debris.start() + a, debris.end() + a)])
            if w:
                c.spans.append((w[0], w[1]))
            out.append(c)
            used_weapons.update(x for x in weapons if abs(x[0] - (debris.start() + a)) < 60)
        strike_cues = [m for m in L.STRIKE_CUE.finditer(masked)]
        cue_spans = [(m.start() + a, m.end() + a) for m in strike_cues] + [
            (m.start() + a, m.end() + a) for m in harm
        ]
        by_type: dict[str, _Cand] = {}
        own_forces = bool(L.FRONTLINE.search(seg))  # "ударными беспилотниками ... группировок войск поражены"
        for w in weapons:
            if own_forces:
                break
            if w in used_weapons or w[3] == "none":
                continue
            if icpt and not harm:
                continue
            if debris and harm and not icpt:
                continue
            near = [cs for cs in cue_spans if abs(cs[0] - w[0]) < 120]
            if not near:
                continue
            stype = w[3]
            if w[2] == "artillery" and _only_shelling_word(f, near):
                stype = "shelling"
            cnt = self._weapon_count(ctx, s, w, strike=True) or self._hit_count(ctx, s)
            if stype in by_type:
                if by_type[stype].count is None:
                    by_type[stype].count = cnt
                continue
            c = _Cand(stype, w[2], si, [(w[0], w[1]), near[0]], count=cnt)
            c.weak = not harm and all(L.WEAK_CUE.match(f[x0:x1]) for x0, x1 in near)
            by_type[stype] = c
        for c in by_type.values():
            # launch tallies ("противник атакував 84 ударними БпЛА") are counts launched, not strikes
            if (
                not harm
                and not over_region
                and _LAUNCH.search(seg)
                and c.count is not None
                and c.type in ("drone_strike", "missile_strike")
                and not any(t for t in ctx.toponyms if a <= t.span[0] < b)
            ):
                c.weak = True
            out.append(c)
        armed = [w for w in weapons if w[3] != "none"]
        if not out and not armed and L.SHELLING_WORD.search(masked):
            m = L.SHELLING_WORD.search(masked)
            out.append(_Cand("shelling", None, si, [(m.start() + a, m.end() + a)], generic=True))
        if not out and harm and strike_cues and not armed:
            m = strike_cues[0]
            out.append(
                _Cand("drone_strike", None, si, [(m.start() + a, m.end() + a)], generic=True, weak=True)
            )
        if not out and (harm or no_cas):
            # outcome-only sentence ("Пострадавших нет."): attach to the previous event later
            out.append(_Cand("outcome", None, si, [(a, b)]))
        for c in out:
            if not c.total_only and (c.type != "interception" or not c.regions):
                c.regions = c.regions or list(over_region)
            self._outcome(ctx, s, c, no_cas)
        return out

    def _weapons(self, f: str, a: int, b: int) -> list[tuple[int, int, str, str]]:
        seg = f[a:b]
        blocked = [(m.start(), m.end()) for m in L.AD_PHRASE.finditer(seg)]
        found: list[tuple[int, int, str, str]] = []
        for rxp, label, stype in L.WEAPONS:
            for m in rxp.finditer(seg):
                if any(not (m.end() <= s or m.start() >= e) for s, e in blocked):
                    continue
                if any(not (m.end() + a <= s or m.start() + a >= e) for s, e, _, _ in found):
                    continue
                found.append((m.start() + a, m.end() + a, label, stype))
        found.sort()
        # "беспилотный летательный аппарат", "балістичної ракети": adjacent parts are one weapon phrase
        merged: list[tuple[int, int, str, str]] = []
        for w in found:
            if (
                merged
                and merged[-1][2] == w[2]
                and re.fullmatch(r"[\s\w]{0,2}", f[merged[-1][1] : w[0]] or "")
            ):
                if not f[merged[-1][1] : w[0]].strip():
                    merged[-1] = (merged[-1][0], w[1], w[2], w[3])
                    continue
            merged.append(w)
        return merged

    # --------------------------------------------------------- interceptions
    def _interceptions(self, ctx: _Ctx, si: int, s: Sentence, icpt: list, w: tuple) -> list[_Cand]:
        f = ctx.folded
        a, b = s.start, s.end
        regs = [r for r in ctx.regions if a <= r.start < b and not _is_admin_title(f, r)]
        first = icpt[0]
        label = w[2]
        total, launched = self._tally(ctx, s, w, first)
        spans = [(first[0], first[1]), (w[0], w[1])]
        if len(regs) <= 1:
            if total is None and regs:
                post = self._post_count(ctx, regs[0], b)
                if post is not None:
                    total = Claim(post.value, [(post.char_start, post.char_end)], hedge=_hedge(f, a, b))
            c = _Cand("interception", label, si, list(spans), count=total, launched=launched, regions=regs)
            return [c]
        # ministry list: groups of regions, each opened by its own count
        # ("10 – над Белгородской областью", or after it: "Белгородской области (11 БПЛА)")
        groups: list[tuple[Number | None, bool, list[RegionMention]]] = []
        prev_end = a
        for r in regs:
            # the launched figure of "сім із восьми" counts no region
            gap_nums = [
                n
                for n in self._numbers(ctx, prev_end, r.start)
                if launched is None or (n.char_start, n.char_end) not in launched.spans
            ]
            post = self._post_count(ctx, r, b) if not gap_nums else None
            if post is not None:
                groups.append((post, False, [r]))
                prev_end = post.char_end
                continue
            if gap_nums:
                n = gap_nums[-1]
                distributive = bool(_DISTRIBUTIVE.search(f[prev_end : n.char_end]))
                groups.append((n, distributive, [r]))
            elif groups:
                groups[-1][2].append(r)
            else:
                groups.append((None, False, [r]))
            prev_end = r.end
        out: list[_Cand] = []
        per_region_sum = 0
        for n, distributive, rs in groups:
            if distributive or len(rs) == 1:
                for r in rs:
                    cnt = (
                        Claim(n.value, [(n.char_start, n.char_end)], hedge=_hedge(f, a, b))
                        if n is not None
                        else (total if len(groups) == 1 and len(rs) == 1 else None)
                    )
                    if cnt is not None:
                        per_region_sum += cnt.value
                    out.append(
                        _Cand("interception", label, si, spans + [(r.start, r.end)], count=cnt, regions=[r])
                    )
            else:
                cnt = (
                    Claim(n.value, [(n.char_start, n.char_end)], hedge=_hedge(f, a, b))
                    if n is not None
                    else None
                )
                if cnt is not None:
                    per_region_sum += cnt.value
                out.append(_Cand("interception", label, si, spans + [(r.start, r.end) for r in rs], count=cnt,
                                 regions=list(rs)))  # fmt: skip
        group_spans = {(n.char_start, n.char_end) for n, _, _ in groups if n is not None}
        if total is not None and total.spans[0] in group_spans:
            total = None  # the nearest count was a list item's, not a stated total
        if total is not None and per_region_sum and per_region_sum != total.value:
            out.append(
                _Cand("interception", label, si, list(spans), count=total, launched=launched, total_only=True)
            )
        elif launched is not None and out:
            out[0].launched = launched
        return out

    def _post_count(self, ctx: _Ctx, r: RegionMention, b: int) -> Number | None:
        """A count written right after its region: "над Белгородской областью — 14", "области (11 БПЛА)"."""
        nums = self._numbers(ctx, r.end, min(b, r.end + 30))
        if nums and re.fullmatch(r"\s*(?:[-–—:]|\()\s*", ctx.folded[r.end : nums[0].char_start]):
            return nums[0]
        return None

    def _numbers(self, ctx: _Ctx, a: int, b: int) -> list[Number]:
        """Numbers in [a, b) that are counts: not clock times, dates, ages or units."""
        toks = tokenize(ctx.folded, a, b)
        nums = numbers_in(toks, ctx.lang)
        out = []
        for n in nums:
            if any(t.start <= n.char_start < t.end for t in ctx.time_spans):
                continue
            if n.value >= 1900 and n.value <= 2100:
                continue
            if _ORDINAL_CONTEXT.match(ctx.folded[n.char_end : n.char_end + 10]):
                continue
            if ctx.folded[n.char_start - 1 : n.char_start] in ("-", "№") or ctx.folded[
                n.char_end : n.char_end + 1
            ] in (
                "-",
                "%",
            ):
                continue
            out.append(n)
        return out

    def _tally(self, ctx: _Ctx, s: Sentence, w: tuple, verb: tuple) -> tuple[Claim | None, Claim | None]:
        """Intercepted count (and launched, from "45 з 60") near the interception verb and weapon."""
        f = ctx.folded
        a, b = s.start, s.end
        lo = min(verb[0], w[0])
        hi = max(verb[1], w[1])
        hedge = _hedge(f, a, b)
        nums = self._numbers(ctx, max(a, lo - 60), min(b, hi + 40))
        # "45 з 60", "сім із восьми"
        for i in range(len(nums) - 1):
            n1, n2 = nums[i], nums[i + 1]
            if _OF.match(f[n1.char_end : n2.char_start]) and n1.value <= n2.value:
                return (
                    Claim(n1.value, [(n1.char_start, n1.char_end)], hedge=hedge),
                    Claim(n2.value, [(n2.char_start, n2.char_end)], hedge=hedge),
                )
        # "две ракеты «Точка-У» и семь ракет «Ольха» уничтожены": coordinated counts add up
        pairs = self._count_weapon_pairs(ctx, s, nums)
        if len(pairs) >= 2 and all(
            re.fullmatch(
                r"[\s,»«\"\w-]*?(?:\s(?:и|і|та|й)\s|,)[\s«»\"]*", f[p1[1][1] : p2[0].char_start] + " "
            )
            is not None
            and not L.INTERCEPT_PASSIVE.search(f[p1[1][1] : p2[0].char_start])
            for p1, p2 in zip(pairs, pairs[1:], strict=False)
        ):
            total_v = sum(p[0].value for p in pairs)
            return Claim(total_v, [(p[0].char_start, p[0].char_end) for p in pairs], hedge=hedge), None
        # the number closest before the weapon, or right after the verb
        before = [n for n in nums if n.char_end <= w[0] and w[0] - n.char_end <= 60]
        if before:
            n = before[-1]
            # not a count belonging to a later region item ("▫️ 9 БПЛА – над ...") — still the nearest count
            return Claim(n.value, [(n.char_start, n.char_end)], hedge=hedge), None
        after = [n for n in nums if n.char_start >= verb[1] and n.char_start - verb[1] <= 25]
        if after:
            n = after[0]
            return Claim(n.value, [(n.char_start, n.char_end)], hedge=hedge), None
        if w[2] not in (None, "aerial_target") and self._singular(ctx, w):
            return Claim(1, [(w[0], w[1])], hedge=hedge), None
        return None, None

    def _count_weapon_pairs(self, ctx: _Ctx, s: Sentence, nums: list[Number]) -> list[tuple[Number, tuple]]:
        """(number, weapon) pairs where the number directly quantifies a weapon noun."""
        weapons = self._weapons(ctx.folded, s.start, s.end)
        out = []
        for n in nums:
            nxt = [w for w in weapons if 0 <= w[0] - n.char_end <= 30]
            if not nxt:
                continue
            w = nxt[0]
            between = tokenize(ctx.folded, n.char_end, w[0])
            if len([t for t in between if t.text.isalpha()]) <= 2 and not any(
                t.text in ".;:-" for t in between
            ):
                out.append((n, w))
        return out

    def _hit_count(self, ctx: _Ctx, s: Sentence) -> Claim | None:
        """ "п'ять влучань", "зафіксовано влучання 23 БпЛА": the number of hits counts the weapons that hit."""
        m = _HITS.search(ctx.folded, s.start, s.end)
        if not m:
            return None
        nums = self._numbers(ctx, max(s.start, m.start() - 20), min(s.end, m.end() + 12))
        near = [n for n in nums if n.char_end <= m.start() or n.char_start >= m.end()]
        if not near:
            return None
        n = min(near, key=lambda x: abs(x.char_start - m.start()))
        return Claim(n.value, [(n.char_start, n.char_end)], hedge=_hedge(ctx.folded, s.start, s.end))

    def _weapon_count(self, ctx: _Ctx, s: Sentence, w: tuple, strike: bool) -> Claim | None:
        f = ctx.folded
        hedge = _hedge(f, s.start, s.end)
        nums = self._numbers(ctx, max(s.start, w[0] - 45), w[0])
        if nums:
            n = nums[-1]
            between = tokenize(f, n.char_end, w[0])
            if len([t for t in between if t.text.isalpha()]) <= 3 and not any(
                t.text in ".;:" for t in between
            ):
                return Claim(n.value, [(n.char_start, n.char_end)], hedge=hedge)
        if strike and w[2] in ("drone", "missile", "glide_bomb") and self._singular(ctx, w):
            return Claim(1, [(w[0], w[1])], hedge=hedge)
        return None

    def _adjective(self, mention: str, lang: str) -> bool:
        """A one-word 'place' that is really an adjective ("Мирный житель", "Ворожий")."""
        words = mention.split()
        if len(words) != 1:
            return False
        tag = str(self.morph[lang].parse(words[0])[0].tag)
        return ("ADJF" in tag or "PRTF" in tag or "adjf" in tag) and "Geox" not in tag

    def _nominative(self, ctx: _Ctx, w: tuple) -> bool:
        """The weapon phrase can be the subject ("Беспилотники уничтожены"), not an instrument ("дронов")."""
        words = re.findall(r"\w+", ctx.folded[w[0] : w[1]])
        if not words:
            return False
        return any("nomn" in str(p.tag) for p in self.morph[ctx.lang].parse(words[-1])[:3])

    def _singular(self, ctx: _Ctx, w: tuple) -> bool:
        """True when the weapon phrase is grammatically singular ("беспилотник", "аппарат уничтожен")."""
        m = self.morph[ctx.lang]
        # "дрони-камікадзе", "ракети-приманки": the first part of a hyphenated noun carries the number
        if ctx.folded[w[1] : w[1] + 1] == "-":
            return False  # "ракетно-дронового обстрілу": the first half of a compound adjective
        abbrevs = ("бпла", "бпл", "бпак", "fpv", "uav", "каб", "уаб", "фаб", "рсзо")
        words = [
            x.split("-")[-1] if x.split("-")[0] in abbrevs else x.split("-")[0]
            for x in re.findall(r"\w+(?:-\w+)*", ctx.folded[w[0] : w[1]])
            if not re.search(r"\d", x)  # "С-300", "Х-101": a model's name, not the noun
        ]
        if not words:
            return False
        head = words[-1]
        if head in abbrevs:
            prev = re.findall(r"\w+", ctx.folded[max(0, w[0] - 30) : w[0]])
            if not prev:
                return False
            head = prev[-1]
        parses = m.parse(head)[:3]
        tags = [str(p.tag) for p in parses]
        if any("plur" in t for t in tags[:1]):
            return False
        return bool(tags) and "NOUN" in tags[0] and "plur" not in tags[0]

    # ----------------------------------------------------------- outcomes
    def _outcome(self, ctx: _Ctx, s: Sentence, c: _Cand, no_cas: list[tuple[int, int]]) -> None:
        f = ctx.folded
        a, b = s.start, s.end
        hedge = _hedge(f, a, b)
        for ns, ne in no_cas:
            phrase = f[ns:ne]
            if not re.search(r"погиб|загибл|жертв", phrase) or re.search(
                r"пострада|постражд|ранен|поранен|жертв", phrase
            ):
                c.injured = c.injured or Claim(0, [(ns, ne)], hedge=hedge)
            if not re.search(r"ранен|поранен|травм", phrase):
                c.killed = c.killed or Claim(0, [(ns, ne)], hedge=hedge)
        masked = _mask(f, no_cas)
        for field_name, rxp in (("killed", L.KILLED), ("injured", L.INJURED)):
            if getattr(c, field_name) is not None and getattr(c, field_name).value:
                continue
            for m in rxp.finditer(masked, a, b):
                if field_name == "injured" and re.search(
                    r"смертельн\w*\s*$", f[max(a, m.start() - 15) : m.start()]
                ):
                    continue  # "смертельні поранення": killed, not injured
                if (
                    field_name == "killed"
                    and re.match(r"жертв", m.group(0))
                    and not self._numbers(ctx, m.start(), m.end() + 25)
                ):
                    continue
                v = self._casualty_value(ctx, s, m.start(), m.end())
                if v is None and getattr(c, field_name) is not None:
                    continue
                if v is not None:
                    setattr(c, field_name, Claim(v[0], [v[1]], hedge=hedge))
                    break
        dm = L.DAMAGE.search(masked, a, b)
        if dm and c.damage is None:
            end = dm.end()
            stop = re.search(r"[.;\n]", f[end : min(b, end + 160)])
            stop_at = end + (stop.start() if stop else min(b - end, 160))
            obj = ctx.text[dm.start() : stop_at].strip()
            c.damage = Claim(obj, [(dm.start(), dm.start() + len(obj))], hedge=hedge)

    def _casualty_value(self, ctx: _Ctx, s: Sentence, cs: int, ce: int) -> tuple[int, tuple[int, int]] | None:
        """How many people a casualty cue counts, from its own clause ("погиб один человек, двое ранены")."""
        f = ctx.folded
        left = max([s.start] + [m.end() for m in _CLAUSE_BREAK.finditer(f, s.start, cs)])
        nxt = _CLAUSE_BREAK.search(f, ce, s.end)
        right = nxt.start() if nxt else s.end
        best = None
        for n in self._numbers(ctx, left, right):
            d = abs(n.char_start - cs)
            if best is None or d < best[0]:
                best = (d, n)
        if best is not None:
            return best[1].value, (best[1].char_start, best[1].char_end)
        m = self.morph[ctx.lang]
        for t in tokenize(f, left, right):
            if L.PERSON_NOUN.match(t.text):
                tag = str(m.parse(t.text)[0].tag)
                if "plur" not in tag and ("sing" in tag or ctx.lang == "uk"):
                    return 1, (t.start, t.end)
                return None
        cue = f[cs:ce]
        tag = str(m.parse(cue)[0].tag)
        if ("VERB" in tag or "PRTS" in tag) and "plur" not in tag and ("sing" in tag or "past" in tag):
            return 1, (cs, ce)
        return None

    # ---------------------------------------------------- generic events
    def _resolve_generic(self, cands: list[_Cand], ctx: _Ctx) -> list[_Cand]:
        """ "В результате атаки ..." without a weapon: an outcome of the report's named attack if there is one.

        A weaponless attack somewhere else ("Нагадаємо, у Херсоні ... обстріл") stays an event of its own.
        """
        named = [c for c in cands if not c.generic and c.type not in ("outcome", "launch")]
        named_places = set().union(set(), *(_sentence_admin1(ctx, c.sent) for c in named))
        shelled = [c for c in cands if c.generic and c.type == "shelling"]
        intercepted = any(c.type == "interception" for c in cands)
        out = []
        for c in cands:
            own = _sentence_admin1(ctx, c.sent)
            elsewhere = bool(own) and named_places and not (own & named_places)
            if c.generic and (named or (c.type == "drone_strike" and shelled)) and not elsewhere:
                c.type = "outcome"
            elif (
                c.weak
                and c.type not in ("debris_fall", "outcome")
                and intercepted
                and (c.sent + 1) not in ctx.harm_sents  # "Атакував дронами. Пошкоджені 6 будинків."
            ):
                c.type = "launch" if c.count is not None and c.type != "shelling" else "outcome"
            out.append(c)
        return out

    # ------------------------------------------------------------ finish
    def _finish(self, ctx: _Ctx, cands: list[_Cand], attribs, quotes) -> list[EventMention]:
        text = ctx.text
        events: list[tuple[_Cand, EventMention]] = []
        launches = [c for c in cands if c.type == "launch"]
        report_regions = [r for r in ctx.regions if r.kind == "region"]
        report_perp = L.PERPETRATOR.search(ctx.folded)
        default_claimant = _default_claimant(ctx, attribs)
        last: _Cand | None = None
        seen: list[_Cand] = []
        for c in cands:
            if c.type == "launch":
                continue
            if c.type == "outcome":
                # a figure belongs to the event told just before; "no casualties" closes every earlier event
                for fld in ("killed", "injured", "damage"):
                    v = getattr(c, fld)
                    if v is None:
                        continue
                    if fld != "damage" and v.value == 0:
                        targets = [x for x in seen if getattr(x, fld) is None and x.type != "interception"]
                        targets = targets or ([last] if last is not None else [])
                    else:
                        targets = [last] if last is not None and last.sent >= c.sent - 6 else []
                    for t in targets:
                        old = getattr(t, fld)
                        if old is None or (
                            isinstance(v.value, int) and isinstance(old.value, int) and v.value > old.value
                        ):
                            setattr(t, fld, v)
                continue
            last = c
            seen.append(c)
        for c in cands:
            if c.type in ("launch", "outcome"):
                continue
            if (
                c.weak
                and c.type == "debris_fall"
                and not (c.damage or (c.killed and c.killed.value) or (c.injured and c.injured.value))
            ):
                continue
            s = ctx.sents[c.sent]
            places = [self.places.region_place(text, r, ctx.lang) for r in c.regions]
            places = _dedupe_places(places)
            local = [p for p in ctx.toponyms if s.start <= p.span[0] < s.end]
            sentence_regions = [r for r in ctx.regions if s.start <= r.start < s.end]
            if c.type == "interception" and len(sentence_regions) > 1:
                local = []  # a list of regions: each event keeps only its own region
            elif not local:
                local = [
                    Place(mention=m.group(1), span=(m.start(1), m.end(1)), kind="settlement", precision=1)
                    for m in _SETTLEMENT.finditer(text, s.start, s.end)
                ]
            if not c.total_only:
                if places:
                    local = [p for p in local if p.kind != "country"]
                places = local + places
            if not any(p.admin1_code or p.kind == "water" for p in places) and not c.total_only:
                inherited = _context_region(ctx, s, report_regions, forward=c.type != "interception")
                if inherited is not None:
                    places.append(self.places.region_place(text, inherited, ctx.lang))
            if not places or c.total_only:
                ctry = _country(ctx, s)
                if ctry and not places:
                    places.append(Place(mention=ctry[1], span=ctry[2], kind="country", name=ctry[0], country=ctry[0],
                                        precision=None))  # fmt: skip
            for p in places:
                if p.country is None and p.admin1_code:
                    p.country = p.admin1_code[:2]
            # time: this sentence, else the nearest before, else the report's first
            t = _time_for(ctx, s)
            claimant = _claimant_for(c, s, attribs, ctx) or default_claimant
            perp = None
            pm = L.PERPETRATOR.search(ctx.folded, s.start, s.end) or (
                report_perp if c.type != "interception" or ctx.lang == "ru" else None
            )
            if pm:
                perp = Claim(text[pm.start() : pm.end()], [(pm.start(), pm.end())], claimant=claimant,
                             hedge=_hedge(ctx.folded, s.start, s.end))  # fmt: skip
            launched = c.launched
            if c.type == "interception" and launched is None and launches:
                same = [x for x in launches if x.weapon == c.weapon] or (launches if c.weapon is None else [])
                if same:
                    lc = min(same, key=lambda x: abs(x.sent - c.sent))
                    launched = (
                        lc.count
                        if lc.count is None or c.count is None or lc.count.value >= c.count.value
                        else None
                    )
            if c.type == "interception" and c.count is None and launched is not None:
                # "знищили всі дрони", "сбиты все беспилотники": as many as were launched
                allm = _ALL.search(ctx.folded, max(s.start, min(x for x, _ in c.spans) - 40), s.end)
                wend = max(y for _, y in c.spans)
                if (
                    allm
                    and any(0 <= x - allm.end() <= 30 for x, _ in c.spans[1:] or c.spans)
                    and not _ALL_RESTRICTED.match(ctx.folded[wend : wend + 30])
                ):
                    c.count = Claim(launched.value, [(allm.start(), allm.end())] + launched.spans,
                                    hedge=launched.hedge)  # fmt: skip
            for cl in (c.count, launched, c.killed, c.injured, c.damage):
                if cl is not None:
                    cl.claimant = claimant
            ev = EventMention(
                type=c.type,
                spans=sorted(set(c.spans)),
                weapon=c.weapon,
                count=c.count,
                launched=launched,
                places=places,
                time=t,
                killed=c.killed,
                injured=c.injured,
                damage=c.damage,
                perpetrator=perp,
                claimant=claimant,
                confidence=0.5 if c.generic or c.total_only else 0.8,
            )
            events.append((c, ev))
        _launch_counts_of_strikes(ctx, events)
        return [e for _, e in events]


def _blas_one_thread() -> Callable[[], AbstractContextManager]:
    """A factory of contexts that keep numpy's BLAS (slovnet's NER convolutions) on one thread.

    The NER model multiplies matrices of a few dozen rows; on such sizes a multi-threaded
    OpenBLAS spends far more CPU starting and spinning its threads than computing (measured
    here: 25x the CPU time per convolution on a loaded two-core machine). Reports are
    processed one per core anyway, so one BLAS thread per report is the efficient setting.
    Without threadpoolctl the contexts do nothing.
    """
    try:
        from threadpoolctl import ThreadpoolController

        controller = ThreadpoolController()
    except Exception:  # pragma: no cover - threadpoolctl missing or no BLAS found
        return nullcontext
    if not controller.select(user_api="blas").lib_controllers:
        return nullcontext
    return lambda: controller.limit(limits=1, user_api="blas")


def _plain_word_test(analyzer) -> Callable[[str], bool]:
    """A cached test: is this lower-case word an ordinary dictionary word (not a name or a place)?"""

    @lru_cache(maxsize=50_000)
    def plain(word: str) -> bool:
        parses = analyzer.parse(word)[:3]
        if not parses or not parses[0].is_known:
            return False
        return not any(
            g in str(p.tag) for p in parses for g in ("Name", "Surn", "Patr", "Geox", "Orgn", "Abbr")
        )

    return plain


def _share_grammemes(analyzers) -> None:
    """Make every loaded dictionary's grammemes known to pymorphy3's shared tag class.

    pymorphy3 keeps one tag class per format and resets its known grammemes to those of the
    dictionary loaded last; with both the Russian and the Ukrainian analyzers in one process,
    ``"Geox" in tag`` then raises for the other language (in any stage that asks). Adding the
    union keeps both usable.
    """
    import json
    import os

    for a in analyzers:
        try:
            path = os.path.join(a.dictionary.path, "grammemes.json")
            with open(path, encoding="utf-8") as fh:
                grammemes = json.load(fh)
        except (AttributeError, OSError, ValueError):
            continue
        for name, _parent, alias, _desc in grammemes:
            a.TagClass.add_grammemes_to_known(name, alias, overwrite=False)


@dataclass
class _Ctx:
    text: str
    folded: str
    lang: str
    sents: list[Sentence]
    regions: list[RegionMention]
    times: list
    toponyms: list[Place]
    report: Report
    report_digest: bool = False
    report_frontline: bool = False
    harm_sents: set[int] = field(default_factory=set)

    @property
    def time_spans(self) -> list:
        return self.times


# ---------------------------------------------------------------- helpers
def _mask(f: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return f
    chars = list(f)
    for s, e in spans:
        for i in range(s, e):
            chars[i] = " "
    return "".join(chars)


def _nearest(weapons: list, s: int, e: int, dist: int, allow: tuple[str, ...] | None = None):
    best = None
    for w in weapons:
        if allow and w[2] not in allow:
            continue
        d = w[0] - e if w[0] >= e else s - w[1]
        if d <= dist and (best is None or d < best[0]):
            best = (d, w)
    return best[1] if best else None


def _only_shelling_word(f: str, near: list[tuple[int, int]]) -> bool:
    return any(L.SHELLING_WORD.match(f[s:e]) for s, e in near)


def _hedge(f: str, a: int, b: int) -> str:
    return "likely" if L.HEDGE_LIKELY.search(f, a, b) else "asserted"


def _is_admin_title(f: str, r: RegionMention) -> bool:
    """'Губернатор Белгородской области' names who speaks, not where drones were shot down."""
    before = f[max(0, r.start - 30) : r.start]
    return bool(re.search(r"(губернатор\w*|глав\w+|голов\w+|начальник\w*|врио)\s*$", before))


def _dedupe_places(places: list[Place]) -> list[Place]:
    out, seen = [], set()
    for p in places:
        key = p.admin1_code or p.name or p.mention.lower()
        if key in seen:
            continue
        seen.add(key)
        out.append(p)
    return out


def _context_region(
    ctx: _Ctx, s: Sentence, report_regions: list[RegionMention], forward: bool = True
) -> RegionMention | None:
    """The region a sentence without one is about: the last named before it, else (strikes) the first after.

    A stated total of interceptions does not take the region of the list that follows it.
    """
    before = [r for r in report_regions if r.end <= s.start and not _is_admin_title(ctx.folded, r)]
    before = before or [r for r in report_regions if r.end <= s.start]
    if before:
        return before[-1]
    if not forward:
        return None
    after = [r for r in report_regions if r.start >= s.start]
    return after[0] if after else None


_COUNTRY = [
    (re.compile(r"(?<!\w)(росси[ийюя]\w*|российск\w+\s+федераци\w+|рф\b|росі[ія]\w*)"), "RU"),
    (re.compile(r"(?<!\w)(украин[аеуы]\w*|україн[аиіу]\w*|країни|країну)"), "UA"),
]


def _country(ctx: _Ctx, s: Sentence) -> tuple[str, str, tuple[int, int]] | None:
    for rxp, code in _COUNTRY:
        m = rxp.search(ctx.folded, s.start, s.end)
        if m and not re.search(r"(украинск|українськ)", m.group(0)):
            return code, ctx.text[m.start() : m.end()], (m.start(), m.end())
    return None


def _time_for(ctx: _Ctx, s: Sentence) -> TimeExpr | None:
    inside = [t.expr for t in ctx.times if s.start <= t.start < s.end]
    if inside:
        return min(inside, key=rank)
    before = [t.expr for t in ctx.times if t.start < s.start]
    if before:
        return before[-1]
    return ctx.times[0].expr if ctx.times else None


def _claimant_for(c: _Cand, s: Sentence, attribs, ctx: _Ctx) -> str | None:
    inside = [a for a in attribs if s.start - 5 <= a.start < s.end + 5]
    if inside:
        return inside[0].speaker
    before = [
        a for a in attribs if a.start < s.start and ctx.sents[c.sent].paragraph - 1 <= _para(ctx, a.start)
    ]
    return before[-1].speaker if before else None


def _para(ctx: _Ctx, offset: int) -> int:
    for s in ctx.sents:
        if s.start <= offset < s.end:
            return s.paragraph
    return -1


def _default_claimant(ctx: _Ctx, attribs) -> str | None:
    m = re.search(r"минобороны\s+росс\w*|министерств\w*\s+обороны\s+(?:рф|росс\w*)", ctx.folded)
    if m and m.start() > len(ctx.folded) - 200:
        return ctx.text[m.start() : m.end()]
    if attribs:
        return attribs[0].speaker
    # a signature line ("Повітряні сили ЗС України", "Сумська ОВА") names who posts
    tail = ctx.folded[-80:]
    sig = L.ORG.search(tail)
    if sig and "\n" in ctx.folded[-(80 - sig.start()) - 2 :]:
        off = len(ctx.folded) - 80 + sig.start() if len(ctx.folded) > 80 else sig.start()
        return ctx.text[off : off + len(sig.group(0))]
    return ctx.report.source or "the outlet"


def _admin1s(e: EventMention) -> set[str]:
    return {(p.admin1_code or p.name or "").upper() for p in e.places if p.admin1_code or p.kind == "water"}


def _settlements(e: EventMention) -> set[str]:
    return {(p.name or p.mention).lower() for p in e.places if p.kind == "settlement"}


_SPEECH = re.compile(
    r"[«»“”„\":]|" + L.SAY_VERB + r"|по\s+данным|по\s+словам|за\s+словами|за\s+даними|за\s+інформаці"
)


def _sentence_admin1(ctx: _Ctx, si: int) -> set[str]:
    """First-level codes of the places named in one sentence (regions and resolved toponyms)."""
    s = ctx.sents[si]
    codes = {
        r.code
        for r in ctx.regions
        if s.start <= r.start < s.end and r.code and not _is_admin_title(ctx.folded, r)
    }
    codes |= {p.admin1_code for p in ctx.toponyms if s.start <= p.span[0] < s.end and p.admin1_code}
    return codes


def _blank_except(text: str, sents: list[Sentence], keep: set[int]) -> str:
    """``text`` with the sentences not in ``keep`` blanked (same length, so offsets hold)."""
    chars = list(text)
    for i, s in enumerate(sents):
        if i not in keep:
            for k in range(s.start, s.end):
                if chars[k] != "\n":
                    chars[k] = " "
    return "".join(chars)


_TITLE_WORD = re.compile(r"(?<![\w'-])[А-ЯЁІЇЄҐA-Z][а-яёіїєґa-z'’]+(?:-[А-ЯЁІЇЄҐA-Zа-яёіїєґa-z]+)*")


def _may_name(
    clean: str, s: Sentence, regions: list[RegionMention], is_plain_word: Callable[[str], bool]
) -> bool:
    """Whether a sentence can hold a person's or an organisation's name for NER to find.

    Names are written with a capital: a sentence whose only capitalised words are its first,
    ordinary word and region adjectives ("Вчера ... над территорией Белгородской области")
    has no speaker for the NER model to find, so the model (the costliest step) skips it.
    """
    for m in _TITLE_WORD.finditer(clean, s.start, s.end):
        if any(r.start <= m.start() < r.end for r in regions):
            continue
        if m.start() == s.start + (len(clean[s.start : s.end]) - len(clean[s.start : s.end].lstrip())):
            if is_plain_word(m.group(0).lower()):
                continue
        return True
    return False


def _speech_only(
    clean: str,
    folded: str,
    sents: list[Sentence],
    regions: list[RegionMention] | None = None,
    is_plain_word: Callable[[str], bool] | None = None,
) -> str:
    """``clean`` with every sentence blanked that neither quotes nor attributes speech (same length).

    With ``is_plain_word``, a speech sentence that cannot hold a name (``_may_name``) is blanked too.
    """
    keep = [
        bool(_SPEECH.search(folded, s.start, s.end) or L.ROLE.search(folded, s.start, s.end)) for s in sents
    ]
    for i, k in enumerate(list(keep)):
        if k and i + 1 < len(sents):
            keep[i + 1] = (
                keep[i + 1]
                or "«" in clean[sents[i].start : sents[i].end]
                or clean[sents[i].end - 1 : sents[i].end] == ":"
            )
    if is_plain_word is not None:
        keep = [
            k and _may_name(clean, s, regions or [], is_plain_word) for s, k in zip(sents, keep, strict=True)
        ]
    chars = list(clean)
    for s, k in zip(sents, keep, strict=True):
        if not k:
            for i in range(s.start, s.end):
                if chars[i] != "\n":
                    chars[i] = " "
    return "".join(chars)


def _plausible_toponym(p: Place) -> bool:
    """Drop gazetteer hits that are plainly not places here (across paragraphs, bracketed, country words)."""
    if "\n" in p.mention or "(" in p.mention or ")" in p.mention:
        return False
    if p.kind != "country" and any(rx.match(p.mention.lower()) for rx, _ in _COUNTRY):
        return False
    low = fold(p.mention)
    if any(rx.fullmatch(low) for rx, _, _ in L.WEAPONS) or re.match(r"сил[аиы]?\w*$", low):
        return False  # "Град" (the rocket system), "Сили" (armed forces)
    if p.country and p.country not in ("RU", "UA") and p.kind not in ("country",) and p.precision != 3:
        return False  # a village abroad matched by an abbreviation ("АГС") or a common word
    return True


def _same_toll(a: EventMention, b: EventMention) -> bool:
    """Two accounts of one strike: the same non-zero casualty figures (headline, body and quote)."""
    for fld in ("killed", "injured"):
        x, y = getattr(a, fld), getattr(b, fld)
        if x is not None and y is not None and x.value == y.value and x.value:
            return True
    return False


def _launch_counts_of_strikes(ctx: _Ctx, events: list[tuple[_Cand, EventMention]]) -> None:
    """ "Атакувала 108 БпЛА ... з них збито 55": the attack's figure is how many were launched.

    A drone or missile attack told without harm in its own sentence, in a report that also
    tallies interceptions of no more than that figure, counts weapons launched, not weapons that
    struck: the figure moves to the interception's ``launched`` and the strike keeps no count.
    """
    inter = [e for c, e in events if e.type == "interception" and e.count is not None]
    if not inter:
        return
    for c, e in events:
        if e.type not in ("drone_strike", "missile_strike") or e.count is None or c.sent in ctx.harm_sents:
            continue
        if not isinstance(e.count.value, int) or e.count.value < 2:
            continue
        same = [x for x in inter if x.weapon in (e.weapon, None) and x.count.value <= e.count.value]
        if not same:
            continue
        for x in same:
            if x.launched is None:
                x.launched = e.count
        e.count = None


def _different_counts(a: EventMention, b: EventMention) -> bool:
    """Both events state how many were shot down, and the figures differ."""
    x, y = a.count, b.count
    return (
        x is not None
        and y is not None
        and isinstance(x.value, int)
        and isinstance(y.value, int)
        and x.value != y.value
    )


def _merge(events: list[EventMention]) -> list[EventMention]:
    """One event per type and place: a headline and its body, or two sentences on one strike, become one."""
    out: list[EventMention] = []
    for e in events:
        target = None
        for o in out:
            if o.type != e.type:
                continue
            a1, a2 = _admin1s(o), _admin1s(e)
            if a1 and a2 and a1 != a2:
                continue
            if e.type == "interception" and (bool(a1) != bool(a2)):
                continue
            if e.type == "interception" and _different_counts(o, e):
                continue  # "17 із 22 ... Як повідомляли, напередодні збили 32": two nights, two tallies
            s1, s2 = _settlements(o), _settlements(e)
            if s1 and s2 and not (s1 & s2) and not _same_toll(o, e):
                continue
            target = o
            break
        if target is None:
            out.append(e)
            continue
        target.spans = sorted(set(target.spans) | set(e.spans))
        known = {(p.admin1_code, p.mention.lower()) for p in target.places}
        for p in e.places:
            if (p.admin1_code, p.mention.lower()) not in known and p.kind != "country":
                target.places.append(p)
        target.places.sort(key=lambda p: (p.precision or 9) if p.kind != "country" else 10)
        for fld in ("count", "killed", "injured"):
            a, b = getattr(target, fld), getattr(e, fld)
            if a is None or (
                b is not None and isinstance(b.value, int) and isinstance(a.value, int) and b.value > a.value
            ):
                setattr(target, fld, b if b is not None else a)
        for fld in ("damage", "perpetrator", "launched", "time", "weapon"):
            if getattr(target, fld) is None:
                setattr(target, fld, getattr(e, fld))
    return out


def _absorb_totals(events: list[EventMention]) -> list[EventMention]:
    """A stated total that equals the per-region counts adds no event of its own."""
    inter = [e for e in events if e.type == "interception"]
    with_region = [e for e in inter if _admin1s(e)]
    total = sum(e.count.value for e in with_region if e.count is not None and isinstance(e.count.value, int))
    out = []
    for e in events:
        if (
            e.type == "interception"
            and e.count is not None
            and e not in with_region
            and _breakdown_follows(e, with_region)
        ):
            continue  # a total and its regions right after it, beside another tally told later
        if e.type == "interception" and e.count is None and with_region and e not in with_region:
            # a headline without a figure ("збили всі дрони") told again with its regions below
            for x in with_region:
                if x.launched is None and e.launched is not None:
                    x.launched = e.launched
            continue
        if e.type == "interception" and e.count is not None and with_region and e not in with_region:
            if e.count.value == total or e.count.value in [x.count.value for x in with_region if x.count]:
                for x in with_region:
                    if x.launched is None and e.launched is not None:
                        x.launched = e.launched
                continue
        if e.type == "interception" and len(_admin1s(e)) > 1 and e.count is not None:
            singles = [
                x for x in with_region if len(_admin1s(x)) == 1 and _admin1s(x) <= _admin1s(e) and x.count
            ]
            if singles and sum(x.count.value for x in singles) == e.count.value:
                continue
        out.append(e)
    return out


def _breakdown_follows(total: EventMention, regional: list[EventMention]) -> bool:
    """The regional counts told next to ``total`` (the first few after it, or before it) add up to it."""
    at = min(total.spans)[0] if total.spans else 0
    if not isinstance(total.count.value, int):
        return False
    after = sorted((x for x in regional if x.spans and min(x.spans)[0] > at), key=lambda x: min(x.spans))
    before = sorted((x for x in regional if x.spans and min(x.spans)[0] < at), key=lambda x: -min(x.spans)[0])
    for run in (after, before):
        acc = 0
        for k, x in enumerate(run):
            if x.count is None or not isinstance(x.count.value, int):
                break
            acc += x.count.value
            if acc == total.count.value and k >= 1:
                return True
            if acc > total.count.value:
                break
    return False


def _stale(e: EventMention, published: datetime) -> bool:
    """Anniversaries and retrospectives: an event dated more than 60 days before publication."""
    if e.time is None or not e.time.start:
        return False
    try:
        d = date.fromisoformat(e.time.start[:10])
    except ValueError:
        return False
    return (published.date() - d).days > 60
