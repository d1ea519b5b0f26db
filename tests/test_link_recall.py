"""Linking recall mechanisms: one event a report tells twice, and undated reports between two events."""

from __future__ import annotations

from test_link_fixtures import claim, event, place, record

from skylog.link import Linker, MentionRecord


def _day(start: str, text: str = "overnight") -> dict:
    return {"text": text, "start": start, "end": None, "precision": "day", "span": None}


def test_a_report_telling_one_event_twice_keeps_both_mentions_in_its_incident():
    t = "A missile hit a high-rise in Kharkiv overnight, the governor said."
    other = record("other", 0, t, event(t, "missile_strike", "A missile hit", places=[place(t, "Kharkiv", "Kharkiv")],
                                        weapon="missile", time=_day("2025-06-20")),
                   source="Kharkiv News", kind="media", published="2025-06-20T08:00:00+03:00")  # fmt: skip
    t2 = ("Overnight rockets and shells hit Kharkiv and Odesa. In Kharkiv a rocket hit a high-rise, "
          "the governor said.")  # fmt: skip
    both = event(t2, "shelling", "rockets and shells hit", weapon="artillery", time=_day("2025-06-20"),
                 places=[place(t2, "Kharkiv", "Kharkiv"), place(t2, "Odesa", "Odesa")])  # fmt: skip
    kharkiv = event(t2, "missile_strike", "a rocket hit", weapon="missile", time=_day("2025-06-20"),
                    places=[place(t2, "Kharkiv", "Kharkiv", after="In Kharkiv")])  # fmt: skip
    recs = [record("twice", i, t2, ev, source="Wire", kind="media", published="2025-06-20T09:00:00+03:00")
            for i, ev in enumerate((both, kharkiv))]  # fmt: skip
    lk = Linker()
    lk.link([other, *recs])
    inc = lk.by_mention["other#0"]
    assert lk.by_mention["twice#0"] == inc and lk.by_mention["twice#1"] == inc
    reasons = lk.incidents[inc].evidence["twice#1"]["reasons"]
    assert any("one event told twice" in r for r in reasons)


def test_a_report_naming_two_towns_in_two_mentions_keeps_them_apart():
    t = "Overnight a drone hit Kharkiv. Later a drone hit a port in Odesa."
    evs = [event(t, "drone_strike", "a drone hit", time=_day("2025-06-20"), places=[place(t, "Kharkiv", "Kharkiv")]),
           event(t, "drone_strike", "a drone hit a port", time=_day("2025-06-20"),
                 places=[place(t, "Odesa", "Odesa")])]  # fmt: skip
    recs = [record("two", i, t, ev, source="Wire", kind="media", published="2025-06-20T09:00:00+03:00")
            for i, ev in enumerate(evs)]  # fmt: skip
    lk = Linker()
    lk.link(recs)
    assert lk.by_mention["two#0"] != lk.by_mention["two#1"]


def _strike(rid: str, text: str, day: str | None, published: str) -> MentionRecord:
    ev = event(text, "drone_strike", "drone", places=[place(text, "Odesa", "Odesa")],
               time=_day(day, "on Sunday") if day else None)  # fmt: skip
    return record(rid, 0, text, ev, source=f"{rid} outlet", kind="media", published=published)


def test_an_undated_report_between_two_dated_strikes_on_its_town_joins_neither():
    sunday = _strike("sun", "On Sunday a drone hit an air base in Odesa, the army said.", "2025-05-04",
                     "2025-05-04T18:00:00+00:00")  # fmt: skip
    monday = _strike("mon", "On Monday a drone hit fuel depots in Odesa, sources said.", "2025-05-05",
                     "2025-05-05T10:00:00+00:00")  # fmt: skip
    # published the day after the first, the day of the second; its text names no day
    undated = _strike(
        "und", "A drone attack hit Odesa, the military said.", None, "2025-05-05T00:00:00+00:00"
    )
    # a dated report that fits the second strongly and the undated one too: it merges nothing through it
    later = _strike("later", "On Monday a drone attack hit fuel depots in Odesa, the military said.",
                    "2025-05-05", "2025-05-05T12:00:00+00:00")  # fmt: skip
    lk = Linker()
    lk.link([sunday, monday])  # both strikes are known when the undated report comes in
    lk.link([undated, later])
    mine = lk.by_mention["und#0"]
    assert mine not in (lk.by_mention["sun#0"], lk.by_mention["mon#0"])
    assert lk.incidents[mine].reports == {"und"}
    assert any("fit two different events" in r for r in lk.incidents[mine].evidence["und#0"]["reasons"])
    assert lk.by_mention["later#0"] == lk.by_mention["mon#0"]


def _toll(
    rid: str, text: str, killed: int, injured: int, day: str | None, published: str | None
) -> MentionRecord:
    from test_link_fixtures import claim

    ev = event(text, "missile_strike", "A missile hit", weapon="missile", places=[place(text, "Kharkiv", "Kharkiv")],
               time=_day(day) if day else None, killed=claim(text, killed, f"{killed} killed"),
               injured=claim(text, injured, f"{injured} injured"))  # fmt: skip
    return record(rid, 0, text, ev, source=f"{rid} outlet", kind="media", published=published)


def test_a_page_with_no_date_joins_the_strike_whose_toll_it_gives():
    dated = _toll("dated", "A missile hit Kharkiv overnight: 4 killed, 15 injured.", 4, 15, "2025-06-20",
                  "2025-06-20T09:00:00+03:00")  # fmt: skip
    same = _toll("same", "A missile hit a high-rise in Kharkiv; 4 killed, 15 injured, officials said.", 4, 15,
                 None, None)  # fmt: skip
    other = _toll("other", "A missile hit a school in Kharkiv; 2 killed, 15 injured, officials said.", 2, 15,
                  None, None)  # fmt: skip
    unhurt = _toll("unhurt", "A missile hit Kharkiv; 0 killed, 0 injured, officials said.", 0, 0, None, None)
    lk = Linker()
    lk.link([same, other, unhurt])  # the undated pages first: the dated report must find them too
    lk.link([dated])
    inc = lk.by_mention["dated#0"]
    assert lk.by_mention["same#0"] == inc
    assert any("toll" in ev["time"] for ev in lk.incidents[inc].evidence.values())
    assert lk.by_mention["other#0"] != inc  # 2 killed is another toll: no time evidence
    assert lk.by_mention["unhurt#0"] != inc  # no one hurt is no evidence
    # one or two hurt recurs day after day in one town: a small toll alike is no evidence
    small = _toll("small", "A missile hit Kharkiv overnight: 1 killed, 1 injured.", 1, 1, "2025-06-21",
                  "2025-06-21T09:00:00+03:00")  # fmt: skip
    small_undated = _toll("small-u", "A missile hit a shop in Kharkiv; 1 killed, 1 injured, officials said.", 1, 1,
                          None, None)  # fmt: skip
    lk.link([small, small_undated])
    assert lk.by_mention["small-u#0"] != lk.by_mention["small#0"]
    lk2 = Linker()
    lk2.link([dated])
    lk2.link([same])  # and the other way round
    assert lk2.by_mention["same#0"] == lk2.by_mention["dated#0"]


def test_two_incidents_merge_when_a_report_is_judged_by_its_mention_that_agrees():
    """A report's two mentions in one incident tell one event: the pair check across two incidents
    judges the report by the one of them that agrees with the other incident's member (its strike),
    not by the one that alone would not (its interception, next to a plain strike report)."""
    from skylog.link.incident import Incident

    t = "A missile hit a warehouse in Kharkiv overnight. Another missile was shot down over Kharkiv."
    strike = event(t, "missile_strike", "A missile hit", weapon="missile", time=_day("2025-06-20"),
                   places=[place(t, "Kharkiv", "Kharkiv")])  # fmt: skip
    downed = event(t, "interception", "was shot down", weapon="missile", time=_day("2025-06-20"),
                   places=[place(t, "Kharkiv", "Kharkiv", after="over Kharkiv")])  # fmt: skip
    t2 = "A missile struck a warehouse in Kharkiv overnight, the governor said."
    other = event(t2, "missile_strike", "A missile struck", weapon="missile", time=_day("2025-06-20"),
                  places=[place(t2, "Kharkiv", "Kharkiv")])  # fmt: skip
    pub = "2025-06-20T09:00:00+03:00"
    recs = [record("both", 0, t, strike, source="Wire", kind="media", published=pub),
            record("both", 1, t, downed, source="Wire", kind="media", published=pub),
            record("other", 0, t2, other, source="Kharkiv News", kind="media", published=pub)]  # fmt: skip
    lk = Linker()
    f_strike, f_downed, f_other = lk.features(recs)
    a, b = Incident(id="a", order=0), Incident(id="b", order=1)
    a.add(f_strike)
    a.add(f_downed)
    b.add(f_other)
    assert lk.assess(f_downed, b) is None  # the interception alone does not join a plain strike report
    assert lk._pairwise(a, b) and lk._pairwise(b, a)
    # its places must agree too: an interception over another town is not carried by the report's strike
    t3 = "A missile struck a warehouse in Odesa overnight, the governor said."
    odesa = event(t3, "missile_strike", "A missile struck", weapon="missile", time=_day("2025-06-20"),
                  places=[place(t3, "Odesa", "Odesa")])  # fmt: skip
    f_odesa = lk.features([record("odesa", 0, t3, odesa, source="Odesa News", kind="media", published=pub)])[
        0
    ]
    f_both = lk.features([record("both", 0, t, {**strike, "places": [*strike["places"], place(t3, "Odesa", "Odesa")]},
                                 source="Wire", kind="media", published=pub)])[0]  # fmt: skip
    c, d = Incident(id="c", order=2), Incident(id="d", order=3)
    c.add(f_both)
    c.add(f_downed)
    d.add(f_odesa)
    assert not lk._pairwise(c, d) and not lk._pairwise(d, c)


def test_an_undated_page_takes_the_day_the_sentence_of_its_time_expression_names():
    """A page with no publication date whose time expression was read as «Ночью» alone: the sentence
    holding it names the day («Ночью 28 ноября ...»), so the mention meets that day's incident when a
    count backs it (``relations.same_monthday``), as if its expression had named the day itself."""
    t = "В Калуге упал беспилотник. Ночью 28 ноября ПВО уничтожили 46 беспилотников над Калужской областью."
    s = t.index("Ночью")
    night = {"text": "Ночью", "start": None, "end": None, "precision": "unknown", "span": [s, s + 5]}
    ev = event(t, "interception", "уничтожили", places=[place(t, "Калужской областью", "Kaluga Oblast")],
               time=night, count=claim(t, 46, "46"))  # fmt: skip
    undated = record("page", 0, t, ev, source="Царьград", kind="media", published=None)
    t2 = "В ночь на 28 ноября над Калужской областью уничтожили 46 беспилотников."
    ev2 = event(t2, "interception", "уничтожили", places=[place(t2, "Калужской областью", "Kaluga Oblast")],
                time=_day("2025-11-28", "В ночь на 28 ноября"), count=claim(t2, 46, "46"))  # fmt: skip
    dated = record(
        "gov", 0, t2, ev2, source="Kaluga.ru", kind="official", published="2025-11-28T09:00:00+03:00"
    )
    lk = Linker()
    assert lk.features([undated])[0].hints.monthday == (11, 28)
    lk.link([dated])
    lk.link([undated])
    assert lk.by_mention["page#0"] == lk.by_mention["gov#0"]


def test_a_day_after_its_bare_page_date_is_that_day_or_the_page_day():
    """A copy dated 5 May that says "early on Tuesday" (6 May: a zone behind, or a slip) is as near
    Monday's strike as Tuesday's: it joins Monday's alike, and never makes Tuesday's 'two sources'."""
    monday = _strike("mon", "On Monday a drone hit fuel depots in Odesa, sources said.", "2025-05-05",
                     "2025-05-05T00:00:00+00:00")  # fmt: skip
    slip = _strike("slip", "Early on Tuesday a drone hit fuel depots in Odesa, sources said.", "2025-05-06",
                   "2025-05-05T00:00:00+00:00")  # fmt: skip
    lk = Linker()
    lk.link([slip, monday])
    assert lk.by_mention["slip#0"] == lk.by_mention["mon#0"]
    # a page with a clock time is not a bare date: its day after is the day after
    later = _strike("later", "Early on Tuesday a drone hit fuel depots in Odesa, sources said.", "2025-05-06",
                    "2025-05-05T21:00:00+00:00")  # fmt: skip
    lk = Linker()
    lk.link([later, monday])
    assert lk.by_mention["later#0"] != lk.by_mention["mon#0"]


def _at(start: str, text: str) -> dict:
    return {"text": text, "start": start, "end": None, "precision": "hour", "span": None}


def test_two_mentions_of_one_report_at_one_clock_time_tell_one_event():
    from skylog.link.gates import retells, same_moment
    from skylog.link.linker import _alone

    t = ("At 9:22 a missile fired at Kharkiv was intercepted, the army said. At 9:22 a missile hit a road "
         "near the airport in Kharkiv.")  # fmt: skip
    down = event(t, "interception", "was intercepted", weapon="missile", places=[],
                 time=_at("2025-06-20T09:22:00+03:00", "At 9:22"))  # fmt: skip
    hit = event(t, "missile_strike", "a missile hit", weapon="missile", places=[place(t, "Kharkiv", "Kharkiv", after="airport")],
                time=_at("2025-06-20T09:22:00+03:00", "At 9:22"))  # fmt: skip
    later = event(t, "missile_strike", "a missile hit", weapon="missile", places=[place(t, "Kharkiv", "Kharkiv", after="airport")],
                  time=_at("2025-06-20T11:40:00+03:00", "at 11:40"))  # fmt: skip
    recs = [record("one", i, t, ev, source="Wire", kind="media", published="2025-06-20T12:00:00+03:00")
            for i, ev in enumerate((down, hit, later))]  # fmt: skip
    fd, fh, fl = Linker().features(recs)
    assert same_moment(fd, fh) and retells(fd, _alone(fh))
    assert not same_moment(fh, fl) and not retells(fd, _alone(fl))  # another minute: another event


def _kursk(rid: str, t: str, type_: str, anchor: str, published: str) -> MentionRecord:
    ev = event(t, type_, anchor, places=[place(t, "Kursk", "Kursk")], time=_day("2025-06-20"))
    return record(rid, 0, t, ev, source=rid, kind="media", published=published)


def test_a_strike_report_joins_an_incident_whose_member_already_ties_the_downing_to_that_strike():
    intercept = _kursk("gov", "Overnight 6 drones were destroyed over Kursk. No casualties.", "interception",
                       "6 drones were destroyed", "2025-06-20T05:00:00+03:00")  # fmt: skip
    tied = _kursk("tied", "A drone was shot down over Kursk overnight; its debris hit an oil depot and damaged a tank.",
                  "drone_strike", "its debris hit an oil depot", "2025-06-20T06:40:00+03:00")  # fmt: skip
    plain = _kursk("plain", "A drone struck an oil depot in Kursk overnight, a fire broke out at the tank.",
                   "drone_strike", "A drone struck an oil depot", "2025-06-20T07:30:00+03:00")  # fmt: skip
    lk = Linker()
    lk.link([intercept, plain])
    assert lk.by_mention["gov#0"] != lk.by_mention["plain#0"]  # nothing ties the downing to this strike
    lk = Linker()
    lk.link([intercept, tied, plain])
    assert lk.by_mention["gov#0"] == lk.by_mention["tied#0"] == lk.by_mention["plain#0"]


def _said(text: str, said: str, day: str) -> dict:
    s = text.index(said)
    return {"text": said, "start": day, "end": None, "precision": "day", "span": [s, s + len(said)]}


def test_an_older_day_told_after_a_reports_own_event_is_background():
    """A report leads with its own event ("on Friday morning"); a sentence after it dated days earlier
    ("On March 2, a drone hit ...", no recall cue) recalls an earlier event: that mention is no second
    source for the earlier incident (``report_features.mark_recalls``)."""
    t = ("Missiles hit the port of Odesa on Friday morning, killing 14 people. "
         "On March 2, a Russian drone hit a residential building in Odesa, killing 12 people.")  # fmt: skip
    own = event(t, "missile_strike", "Missiles hit", weapon="missile", time=_said(t, "on Friday morning", "2024-03-15"),
                places=[place(t, "Odesa", "Odesa")])  # fmt: skip
    older = event(t, "drone_strike", "a Russian drone hit", time=_said(t, "On March 2", "2024-03-02"),
                  places=[place(t, "Odesa", "Odesa", after="building in")])  # fmt: skip
    src = dict(source="Wire", kind="media", published="2024-03-15T13:47:00+01:00")
    t2 = "Overnight a Russian drone hit a residential building in Odesa, killing three people."
    night = event(t2, "drone_strike", "a Russian drone hit", time=_said(t2, "Overnight", "2024-03-02"),
                  places=[place(t2, "Odesa", "Odesa")])  # fmt: skip
    lk = Linker()
    first = record(
        "night", 0, t2, night, source="Odesa News", kind="media", published="2024-03-02T09:00:00+02:00"
    )
    lk.link([first])
    lk.link([record("later", 0, t, own, **src), record("later", 1, t, older, **src)])
    assert lk.incidents[lk.by_mention["night#0"]].reports == {"night"}
    why = lk.incidents[lk.by_mention["later#1"]].evidence["later#1"]["reasons"]
    assert any("recalls as background" in r for r in why), why


def _yearless(rid: str, text: str, said: str, town: str = "Odesa") -> MentionRecord:
    s = text.index(said)
    when = {"text": said, "start": None, "end": None, "precision": "unknown", "span": [s, s + len(said)]}
    ev = event(text, "drone_strike", "a drone hit", time=when, places=[place(text, town, town)])
    return record(rid, 0, text, ev, source=f"{rid} News", kind="media", published=None)


def test_two_pages_with_no_year_naming_one_day_of_the_month_in_one_town_link():
    """Two pages with no publication date that both name "March 2" and one town: neither gives a year,
    so that day of the month in that place is their time evidence (``relations.same_monthday``);
    another day of the month conflicts, and a dated strike still needs a count to back the day."""
    a = _yearless("a", "On the night of March 2 a drone hit a high-rise in Odesa.", "On the night of March 2")
    b = _yearless(
        "b", "Rescuers searched the rubble in Odesa after a drone hit a building on March 2.", "on March 2"
    )
    c = _yearless("c", "On March 15 a drone hit a building in Odesa.", "On March 15")
    lk = Linker()
    lk.link([a, b, c])
    assert lk.by_mention["a#0"] == lk.by_mention["b#0"]
    assert lk.by_mention["c#0"] != lk.by_mention["a#0"]
    why = lk.incidents[lk.by_mention["a#0"]].evidence
    assert any("neither text giving a year" in r for ev in why.values() for r in ev["reasons"]), why
    t = "Overnight a drone hit a building in Odesa, the governor said."
    dated = record("dated", 0, t, event(t, "drone_strike", "a drone hit", time=_day("2024-03-15"),
                                        places=[place(t, "Odesa", "Odesa")]),
                   source="Odesa Wire", kind="media", published="2024-03-15T09:00:00+02:00")  # fmt: skip
    lk.link([dated])
    assert lk.by_mention["dated#0"] != lk.by_mention["c#0"]  # 15 March of which year? no count says


def test_year_less_pages_that_started_their_own_incident_join_the_dated_one_through_the_page_giving_the_count():
    """Two pages with no publication date form an incident of "March 2" in Odesa before the dated
    reports arrive; the dated ones start their own (the first gives no count). After the batch every
    member of the year-less incident is checked again: the page giving the count joins the dated
    incident, and the page that lacks it rides on its time evidence with that page (``_compatible``)."""
    a = _yearless("a", "On the night of March 2 a drone hit a high-rise in Odesa.", "On the night of March 2")
    tb = "Rescuers searched the rubble in Odesa after a drone hit a building on March 2; 2 drones were launched."
    b = _yearless("b", tb, "on March 2")
    b.event["count"] = claim(tb, 2, "2 drones")
    t1 = "Overnight 2 drones hit a building in Odesa, the governor said."
    t2 = "A drone hit a high-rise in Odesa overnight, rescuers said."
    d1 = record("d1", 0, t1, event(t1, "drone_strike", "drones hit", time=_day("2024-03-02"),
                                   places=[place(t1, "Odesa", "Odesa")], count=claim(t1, 2, "2 drones")),
                source="Odesa Wire", kind="media", published="2024-03-02T09:00:00+02:00")  # fmt: skip
    d2 = record("d2", 0, t2, event(t2, "drone_strike", "drone hit", time=_day("2024-03-02"),
                                   places=[place(t2, "Odesa", "Odesa")]),
                source="Kyiv Paper", kind="media", published="2024-03-02T08:00:00+02:00")  # fmt: skip
    lk = Linker()
    lk.link([a, b, d1, d2])
    assert len({lk.by_mention[r.id] for r in (a, b, d1, d2)}) == 1, lk.by_mention
    c = _yearless("c", "On March 15 a drone hit a building in Odesa.", "On March 15")
    lk.link([c])
    assert lk.by_mention["c#0"] != lk.by_mention["a#0"]


def test_an_undated_page_whose_time_is_a_weekday_takes_the_day_its_lead_names():
    """A page with no publication date whose event's time was read as «Во вторник» alone, in a sentence
    naming no day, while its lead names one («... ударом вечером 27 июня ...»): the mention carries that
    day of the month, and with the weekday it names (27 June 2023 was a Tuesday) it joins the strike
    dated to that day (``relations.same_monthday``); a lead naming another day keeps it apart."""
    t0 = "On Tuesday evening a missile hit a cafe in Kharkiv, the mayor said."
    ev0 = event(t0, "missile_strike", "a missile hit", places=[place(t0, "Kharkiv", "Kharkiv")],
                time=_day("2023-06-27", "On Tuesday evening"))  # fmt: skip
    dated = record(
        "dated", 0, t0, ev0, source="Kharkiv News", kind="media", published="2023-06-27T21:00:00+03:00"
    )
    for lead, joins in (("27 июня", True), ("28 июня", False)):
        t = (f"Число погибших в Харькове в результате удара вечером {lead} возросло до 8. "
             "Во вторник вечером ракета ударила по кафе в Харькове.")  # fmt: skip
        s = t.index("Во вторник")
        said = {"text": "Во вторник", "start": None, "end": None, "precision": "unknown", "span": [s, s + 10]}
        ev = event(t, "missile_strike", "ударила", places=[place(t, "Харькове", "Kharkiv", after="кафе в ")],
                   time=said)  # fmt: skip
        page = record("page", 0, t, ev, source="Cyprus Daily", kind="media", published=None)
        lk = Linker()
        assert lk.features([page])[0].hints.monthday == (6, int(lead[:2]))
        lk.link([dated, page])
        assert (lk.by_mention["page#0"] == lk.by_mention["dated#0"]) is joins, lead
