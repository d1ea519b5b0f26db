"""After a batch, two incidents that every pair of their members allows to be one merge (``link.consolidate``)."""

from __future__ import annotations

from test_link_fixtures import claim, event, place, record

from skylog.link import Linker, MentionRecord
from skylog.link.consolidate import consolidate

DAY = {"text": "overnight", "start": "2025-06-20", "end": None, "precision": "day", "span": None}


def _strike(rid: str, towns: list[str], published: str, time: dict | None = DAY) -> MentionRecord:
    t = f"A drone hit a warehouse in {' and '.join(towns)} overnight, the governor said."
    ev = event(t, "drone_strike", "A drone hit", places=[place(t, town, town) for town in towns], time=time)
    return record(rid, 0, t, ev, source=f"{rid} News", kind="media", published=published)


def _two_incidents(lk: Linker) -> tuple[str, str]:
    """One night's Kaluga strike in two incidents, as one processing order may leave it: a governor's
    post and an undated repost; later a wire report dating the strike, and another outlet's."""
    first = lk.seed("inc-first", [_strike("gov", ["Kaluga"], "2025-06-20T07:00:00+03:00"),
                                  _strike("repost", ["Kaluga"], "2025-06-20T07:30:00+03:00", time=None)])  # fmt: skip
    second = lk.seed("inc-second", [_strike("wire", ["Kaluga"], "2025-06-20T09:00:00+03:00"),
                                    _strike("outlet", ["Kaluga"], "2025-06-20T10:00:00+03:00", time=None)])  # fmt: skip
    return first.id, second.id


def test_two_incidents_of_one_day_and_place_merge_into_the_older_with_the_evidence_logged():
    lk = Linker()
    first, second = _two_incidents(lk)
    consolidate(lk, [second, first])
    assert list(lk.incidents) == [first]  # the older id survives
    assert lk.incidents[first].reports == {"gov", "repost", "wire", "outlet"}
    (merge,) = [e for e in lk.log if e.action == "merge"]
    assert (merge.incident_id, merge.other_id) == (first, second)
    assert merge.detail["pair"] == ["gov#0", "wire#0"]
    assert merge.detail["place"] == "same place" and merge.detail["time"]


def test_no_merge_when_one_member_pair_conflicts():
    """Complete link: a member naming Kaluga and Maloyaroslavets makes the Kaluga incident look like
    Maloyaroslavets's as a whole, but the Kaluga strike and the Maloyaroslavets one are other towns."""
    lk = Linker()
    kaluga = lk.seed("inc-kaluga", [_strike("gov", ["Kaluga"], "2025-06-20T07:00:00+03:00"),
                                    _strike("both", ["Kaluga", "Maloyaroslavets"], "2025-06-20T08:00:00+03:00")])  # fmt: skip
    malo = lk.seed("inc-malo", [_strike("malo", ["Maloyaroslavets"], "2025-06-20T09:00:00+03:00")])
    consolidate(lk, [kaluga.id, malo.id])
    assert sorted(lk.incidents) == ["inc-kaluga", "inc-malo"]
    assert not [e for e in lk.log if e.action == "merge"]


def test_no_merge_without_positive_evidence():
    """Undated reports of one town fit together, but no text dates either incident: no merge."""
    lk = Linker()
    a = lk.seed("inc-a", [_strike("a", ["Kaluga"], "2025-06-20T07:00:00+03:00", time=None)])
    b = lk.seed("inc-b", [_strike("b", ["Kaluga"], "2025-06-20T08:00:00+03:00", time=None)])
    consolidate(lk, [a.id, b.id])
    assert sorted(lk.incidents) == ["inc-a", "inc-b"]


def test_an_analysts_split_is_never_merged_back():
    lk = Linker()
    first, second = _two_incidents(lk)
    consolidate(lk, [first, second])
    moved = lk.split(first, ["wire#0", "outlet#0"], reason="another strike")  # an analyst's split
    lk.link([_strike("late", ["Kaluga"], "2025-06-20T12:00:00+03:00")])  # a later batch touches both
    assert lk.incidents[first].reports & {"wire", "outlet"} == set()
    assert lk.incidents[moved].reports >= {"wire", "outlet"}
    consolidate(lk, [first, moved])
    assert {first, moved} <= set(lk.incidents)


def test_a_batch_consolidates_what_it_touched():
    """Through ``link``: a later batch's report grows one incident; the pass then merges the two."""
    lk = Linker()
    first, second = _two_incidents(lk)
    lk.link([_strike("late", ["Kaluga"], "2025-06-20T12:00:00+03:00")])
    assert list(lk.incidents) == [first]
    assert {"late", "wire", "gov"} <= lk.incidents[first].reports


def _at(rid: str, where: dict) -> MentionRecord:
    t = f"Drones were shot down over {where['name']} overnight."
    p = {
        "mention": where["name"],
        "span": [t.find(where["name"]), t.find(where["name"]) + len(where["name"])],
        **where,
    }
    ev = event(t, "interception", "Drones were shot down", places=[p], time=DAY)
    return record(rid, 0, t, ev, source=f"{rid} News", kind="media", published="2025-06-20T09:00:00+03:00")


def test_a_city_that_is_its_own_region_is_one_place_a_region_and_a_town_of_it_are_not():
    """Sevastopol the region and Sevastopol the city name one place; Kaluga Oblast and the town of
    Kaluga do not (a region holds other places): only the first is positive evidence for a merge."""
    from skylog.link.consolidate import same_place

    city_region = {"kind": "region", "name": "Sevastopol", "country": "UA", "admin1": "Sevastopol",
                   "admin1_code": "UA-40", "lat": 44.6, "lon": 33.5, "precision": 3}  # fmt: skip
    city = {**city_region, "kind": "settlement", "precision": 1, "gazetteer_id": "694423"}
    oblast = {"kind": "region", "name": "Kaluga Oblast", "country": "RU", "admin1": "Kaluga Oblast",
              "admin1_code": "RU-KLU", "lat": 54.4, "lon": 35.4, "precision": 3}  # fmt: skip
    town = {**oblast, "kind": "settlement", "name": "Kaluga", "precision": 1, "gazetteer_id": "553915"}
    f = Linker().features([_at("r1", city_region), _at("r2", city), _at("r3", oblast), _at("r4", town)])
    assert same_place(f[0], f[1]) and same_place(f[1], f[0])
    assert same_place(f[2], f[3]) == "" and same_place(f[1], f[1])


def _toll_report(rid: str, text: str, type_: str, anchor: str, where: tuple[str, str], published: str | None,
                 time: dict | None = None) -> MentionRecord:  # fmt: skip
    toll = {"killed": claim(text, 12, "12 people")} if "12 people" in text else {}
    ev = event(text, type_, anchor, places=[place(text, *where)], time=time, weapon="missile", **toll)
    return record(rid, 0, text, ev, source=f"{rid} News", kind="media", published=published)


def test_an_older_incident_a_later_report_also_reached_is_judged_again_with_it():
    """A page with no date (its region and its toll only) starts an incident; a dated shelling report of
    a town in that region starts another (no toll: nothing ties it to the page). A report of the
    evening names the town and the toll: it reaches both and joins the better (the town's), so the
    page, whose own evidence falls short of the town's incident as a whole, stays alone, in any batch
    order in which it came first. After the batch the incident that report also reached is judged
    again with its evidence (the toll of the page, the place and time of the town's), as if the page
    had come after it: every member pair agrees, so the two are one, under the older id."""
    t_page = (
        "Flags flew at half-mast across the Kaluga region on Sunday for the 12 people who lost their lives."
    )
    t_wire = (
        "Kaluga came under shelling overnight; according to the mayor's office, there are dead and wounded."
    )
    t_late = "Kaluga came under a missile attack; according to the mayor's office, 12 people were killed."
    recs = [
        _toll_report("page", t_page, "missile_strike", "lost their lives", ("Kaluga region", "Kaluga Oblast"), None),
        _toll_report("wire", t_wire, "shelling", "shelling", ("Kaluga", "Kaluga"), "2025-06-20T12:00:00+03:00", DAY),
        _toll_report("late", t_late, "missile_strike", "missile attack", ("Kaluga", "Kaluga"),
                     "2025-06-20T20:00:00+03:00"),
    ]  # fmt: skip
    lk = Linker()
    lk.link(recs)
    (inc,) = lk.incidents.values()
    assert inc.reports == {"page", "wire", "late"}
    assert inc.members[0].rec.id == "page#0"  # the older incident (the page's) survives
    (merge,) = [e for e in lk.log if e.action == "merge"]
    assert merge.detail["reason"] == "consolidated after the batch"
