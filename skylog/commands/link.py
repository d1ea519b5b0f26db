"""``skylog link``, ``skylog incidents``, ``skylog incident ID``, ``skylog split`` and ``skylog merge``.

Report text is untrusted: everything printed from it goes through rich's
``escape`` (no markup injection) with control characters removed, and
evidence sentences are cut to a bounded length.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from typing import TYPE_CHECKING, Any

import typer

from skylog.commands.common import open_existing
from skylog.term import echo, json_text

if TYPE_CHECKING:  # the store is imported where it is opened, not at start-up
    from skylog.store import Store

FORMATS = ("table", "json", "csv", "geojson")
GRADE_CHOICES = ("single_source", "several_sources_one_side", "independently_confirmed", "contested")
_CTRL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
CSV_COLUMNS = [
    "id", "type", "acled_sub_event", "start", "end", "time_precision", "place_name", "admin2", "admin1",
    "admin1_code", "country", "lat", "lon", "geo_precision", "grade", "n_sources", "n_reports",
    "n_mentions", "count", "killed", "killed_low", "killed_high", "injured", "conflicts",
    "claimant", "claimant_role", "carrier",
]  # fmt: skip


def _one_id(value: str) -> str:
    """An id given on the command line, shortened for a one-line message."""
    return repr(value if len(value) <= 80 else value[:79] + "…")


def _safe(s: Any, limit: int = 400) -> str:
    from rich.markup import escape

    text = _CTRL.sub(" ", "" if s is None else str(s))
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return escape(text)


def _csv_row(item: dict[str, Any]) -> dict[str, Any]:
    p = item.get("place") or {}
    row = {k: item.get(k) for k in CSV_COLUMNS}
    row.update(
        place_name=p.get("name"),
        admin2=p.get("admin2"),
        admin1=p.get("admin1"),
        admin1_code=p.get("admin1_code"),
        country=p.get("country"),
        lat=p.get("lat"),
        lon=p.get("lon"),
        geo_precision=p.get("precision"),
        conflicts=";".join(item.get("conflicts") or []),
    )
    return row


def register(app: typer.Typer) -> None:
    @app.command("link")
    def link_cmd(
        db: str = typer.Option(None, "--db", help="database file or URL (default $SKYLOG_DB or ./skylog.db)"),
        json_out: bool = typer.Option(False, "--json", help="print the summary as JSON"),
        rebuild: bool = typer.Option(
            False,
            "--rebuild",
            help="drop every incident and link all mentions again (analyst splits/merges kept)",
        ),
    ) -> None:
        """Link every stored mention not linked yet into incidents (incremental)."""
        _link(db, json_out, rebuild)

    @app.command("split")
    def split_cmd(
        incident_id: str = typer.Argument(..., help="incident id"),
        report: str = typer.Option(
            ..., "--report", help="id of the report whose mentions leave the incident"
        ),
        reason: str = typer.Option(None, "--reason", help="why (kept in the incident log)"),
        db: str = typer.Option(None, "--db", help="database file or URL"),
        json_out: bool = typer.Option(False, "--json", help="print the result as JSON"),
    ) -> None:
        """Split a report out of an incident into a new one; later runs keep them apart."""
        _split(incident_id, report, reason, db, json_out)

    @app.command("merge")
    def merge_cmd(
        incident_id: str = typer.Argument(..., help="the incident that stays"),
        other_id: str = typer.Argument(..., help="the incident merged into it"),
        reason: str = typer.Option(None, "--reason", help="why (kept in the incident log)"),
        db: str = typer.Option(None, "--db", help="database file or URL"),
        json_out: bool = typer.Option(False, "--json", help="print the result as JSON"),
    ) -> None:
        """Merge the second incident into the first; later runs keep their reports together."""
        _merge(incident_id, other_id, reason, db, json_out)

    @app.command("incidents")
    def incidents_cmd(
        db: str = typer.Option(None, "--db", help="database file or URL"),
        fmt: str = typer.Option("table", "--format", help="table, json, csv or geojson"),
        since: str = typer.Option(None, "--since", help="from this date (ISO 8601)"),
        until: str = typer.Option(None, "--until", help="up to this date (ISO 8601, whole day)"),
        region: str = typer.Option(
            None,
            "--region",
            help="region: code (RU-BEL), English/Russian/Ukrainian name or prefix (Belgorod)",
        ),
        type_: str = typer.Option(None, "--type", help="event type, e.g. interception"),
        grade: str = typer.Option(None, "--grade", help="|".join(GRADE_CHOICES)),
        limit: int = typer.Option(0, "--limit", help="at most this many (0: all)"),
    ) -> None:
        """List incidents, newest first, with their corroboration grade."""
        _incidents(db, fmt, since, until, region, type_, grade, limit)

    @app.command("incident")
    def incident_cmd(
        incident_id: str = typer.Argument(..., help="incident id (or a unique prefix)"),
        db: str = typer.Option(None, "--db", help="database file or URL"),
        json_out: bool = typer.Option(False, "--json", help="the full incident as JSON"),
    ) -> None:
        """Show one incident: every claim with its source and evidence sentence."""
        _incident(incident_id, db, json_out)


def _link(db: str | None, json_out: bool, rebuild: bool) -> None:
    """``skylog link``: link new mentions (or all, with ``--rebuild``) and print the summary."""
    from skylog.store.linking import link_store, relink_all

    with open_existing(db, create=True) as store:
        summary = relink_all(store) if rebuild else link_store(store)
    if json_out:
        typer.echo(json_text(json.dumps(summary.to_dict(), ensure_ascii=False)))
        return
    typer.echo(
        f"{summary.new_mentions} new mention(s): {summary.created} new incident(s), "
        f"{summary.joined} joined existing, {summary.merged} merge(s), {summary.dropped} dropped; "
        f"{summary.total_incidents} incident(s) in all"
    )
    for err in summary.errors:
        echo(f"warning: {err}", err=True)


def _split(incident_id: str, report: str, reason: str | None, db: str | None, json_out: bool) -> None:
    """``skylog split``: an analyst's split, kept by later runs."""
    from skylog.store.linking import split_incident

    with open_existing(db, create=True) as store:
        try:
            new_id = split_incident(store, incident_id, report_id=report, reason=reason)
        except ValueError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None
    if json_out:
        typer.echo(json.dumps({"incident": incident_id, "new_incident": new_id, "report": report}))
    else:
        typer.echo(f"report {report} split out of {incident_id} into {new_id}")


def _merge(incident_id: str, other_id: str, reason: str | None, db: str | None, json_out: bool) -> None:
    """``skylog merge``: an analyst's merge, kept by later runs."""
    from skylog.store.linking import merge_incidents

    with open_existing(db, create=True) as store:
        try:
            kept = merge_incidents(store, incident_id, other_id, reason=reason)
        except ValueError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None
    if json_out:
        typer.echo(json.dumps({"incident": kept, "merged": other_id}))
    else:
        typer.echo(f"{other_id} merged into {kept}")


def _incidents(
    db: str | None,
    fmt: str,
    since: str | None,
    until: str | None,
    region: str | None,
    type_: str | None,
    grade: str | None,
    limit: int,
) -> None:
    """``skylog incidents``: check the filters (usage errors list the valid values), read, print."""
    from skylog import filters
    from skylog.commands.common import choice_or_exit, region_or_exit

    if fmt not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
    grade = choice_or_exit(filters.grade, grade, "--grade")
    type_ = choice_or_exit(filters.event_type, type_, "--type")
    with open_existing(db) as store:
        region = region_or_exit(store, region)
        items = _read_incidents(store, since, until, region, type_, grade, limit)
    _emit_incidents(items, fmt)


def _read_incidents(
    store: Store,
    since: str | None,
    until: str | None,
    region: str | None,
    type_: str | None,
    grade: str | None,
    limit: int,
) -> list[dict[str, Any]]:
    """Every matching incident (at most ``limit``; 0: all), read in pages of 500."""
    from skylog.store.incidents import list_incidents

    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        want = 500 if not limit else min(500, limit - len(items))
        try:
            page = list_incidents(
                store, start=since, end=until, admin1=region, type=type_, grade=grade,
                limit=want, cursor=cursor,
            )  # fmt: skip
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from exc
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor or (limit and len(items) >= limit):
            return items


def _emit_incidents(items: list[dict[str, Any]], fmt: str) -> None:
    from skylog.store.incidents import geojson_feature

    if fmt == "json":
        typer.echo(json_text(json.dumps(items, ensure_ascii=False, indent=1)))
    elif fmt == "geojson":
        fc = {"type": "FeatureCollection", "features": [geojson_feature(i) for i in items]}
        typer.echo(json_text(json.dumps(fc, ensure_ascii=False)))
    elif fmt == "csv":
        w = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS, lineterminator="\n")
        w.writeheader()
        for i in items:
            w.writerow(_csv_row(i))
    else:
        _print_table(items)


def _incident(incident_id: str, db: str | None, json_out: bool) -> None:
    """``skylog incident ID``: one incident, as JSON or as a readable page."""
    from skylog.store.incidents import get_incident

    with open_existing(db) as store:
        inc = get_incident(store, incident_id)
    if inc is None:
        echo(f"no incident {_one_id(incident_id)}", err=True)
        raise typer.Exit(1)
    if json_out:
        typer.echo(json_text(json.dumps(inc, ensure_ascii=False, indent=1)))
        return
    _print_incident(inc)


def _print_table(items: list[dict[str, Any]]) -> None:
    from rich.table import Table

    from skylog.term import SafeConsole as Console

    t = Table(title=f"{len(items)} incident(s)", title_justify="left")
    for col in ("id", "when", "type", "place", "region", "count", "killed", "injured", "sources", "grade"):
        t.add_column(col, no_wrap=col in ("id", "when", "type", "region"))
    for i in items:
        p = i.get("place") or {}
        killed = i.get("killed")
        if killed is not None and i.get("killed_high") not in (None, killed):
            killed = f"{killed} ({i['killed_low']}-{i['killed_high']})"
        t.add_row(
            _safe(i["id"]),
            _safe(_when(i)),
            _safe(i["type"]),
            _safe(p.get("name"), 40),
            _safe(p.get("admin1_code") or p.get("admin1"), 30),
            _safe(i.get("count") if i.get("count") is not None else ""),
            _safe(killed if killed is not None else ""),
            _safe(i.get("injured") if i.get("injured") is not None else ""),
            str(i.get("n_sources")),
            _safe(i.get("grade_label") or i.get("grade")) + (" ⚠" if i.get("conflicts") else ""),
        )
    con = Console()
    if not con.is_terminal:
        con = Console(width=160)
    con.print(t)


def _when(i: dict[str, Any]) -> str:
    """The resolved start; else "before" the first report; else unknown (never a guessed date)."""
    if i.get("start"):
        return i["start"][:16]
    if i.get("end"):
        return "≤ " + i["end"][:16]
    return "unknown"


def _print_incident(inc: dict[str, Any]) -> None:
    from skylog.term import SafeConsole as Console

    con = Console()
    if not con.is_terminal:
        con = Console(width=160)
    _print_incident_head(con, inc)
    _print_fields(con, inc.get("fields") or {})
    _print_members(con, inc.get("members") or [])
    if inc.get("related"):
        con.print("\n[bold]related incidents[/bold] (not the same event)")
        for r in inc["related"]:
            con.print(f"  {_safe(r.get('id'))} ({_safe(r.get('relation'))})")
    con.print("\n[bold]sources[/bold]")
    for s in inc.get("sources") or []:
        con.print(
            f"  #{s['group']} {_safe(', '.join(s['names']))} [{_safe(', '.join(s['kinds']))}] "
            f"origin {_safe(s['origin'])}; reports {_safe(', '.join(s['reports']))}"
        )
    _print_log(con, inc.get("log") or [])


def _print_incident_head(con: Any, inc: dict[str, Any]) -> None:
    """What, when, where, grade, who said it and any conflict."""
    p = inc.get("place") or {}
    con.print(f"[bold]{_safe(inc['id'])}[/bold]  {_safe(inc['type'])} ({_safe(inc.get('acled_sub_event'))})")
    con.print(
        f"when: {_safe(inc.get('start') or 'unknown')} .. {_safe(inc.get('end') or '')} "
        f"({_safe(inc.get('time_precision'))})"
    )
    con.print(f"where: {_safe(p.get('name'))}, {_safe(p.get('admin2') or '')} {_safe(p.get('admin1') or '')}")
    con.print(
        f"grade: [bold]{_safe(inc.get('grade_label'))}[/bold] — {_safe(inc.get('grade_reason'))}; "
        f"{inc.get('n_sources')} independent source(s), {inc.get('n_reports')} report(s)"
    )
    if inc.get("claimant") or inc.get("carrier"):
        role = f" ({_safe(inc['claimant_role'])})" if inc.get("claimant_role") else ""
        con.print(
            f"according to: {_safe(inc.get('claimant') or 'not named')}{role}; "
            f"published by: {_safe(inc.get('carrier') or 'unknown')}"
        )
    if inc.get("conflicts"):
        con.print(f"[yellow]conflicting claims: {_safe(', '.join(inc['conflicts']))}[/yellow]")


def _print_fields(con: Any, fields: dict[str, Any]) -> None:
    """Each field's value with every claim behind it, then the places and who named them."""
    for name in ("count", "launched", "killed", "injured", "damage", "perpetrator", "target", "time"):
        f = fields.get(name)
        if not f or not f.get("claims"):
            continue
        rng = ""
        if f.get("low") is not None and f.get("low") != f.get("high"):
            rng = f"  range {f['low']}-{f['high']}"
        con.print(f"\n[bold]{name}[/bold]: {_safe(_fmt_value(f.get('value')))}{rng}")
        for c in f["claims"]:
            _print_claim(con, c)
    places = (fields.get("places") or {}).get("places") or []
    if places:
        con.print("\n[bold]places[/bold]")
        for pl in places:
            con.print(
                f"  {_safe(pl.get('name'))} ({_safe(pl.get('kind'))}), named by {pl.get('n_sources')} source(s)"
            )
            for c in pl.get("claims", [])[:5]:
                _print_claim(con, c, indent="    ")


def _print_members(con: Any, members: list[dict[str, Any]]) -> None:
    """Why each mention was linked: score, time, place, wording, reasons."""
    if not members:
        return
    con.print("\n[bold]members (why linked)[/bold]")
    for m in members:
        ev = m.get("evidence") or {}
        score = ev.get("score")
        sim = ev.get("text_similarity")
        con.print(
            f"  report {_safe(m.get('report_id'))} mention {m.get('mention_id')} "
            f"[{_safe(ev.get('created_by') or 'linker')}] score {_safe('-' if score is None else f'{score:.2f}')}; "
            f"time: {_safe(ev.get('time') or '?', 80)}; place: {_safe(ev.get('place') or '?', 80)}; "
            f"wording {_safe('-' if sim is None else f'{sim:.2f}')}"
        )
        for r in (ev.get("reasons") or [])[:6]:
            con.print(f"    - {_safe(r, 160)}", style="dim")


def _print_log(con: Any, log: list[dict[str, Any]]) -> None:
    if not log:
        return
    con.print("\n[bold]log[/bold]")
    for e in log:
        other = f" <- {e['other_id']}" if e.get("other_id") else ""
        d = e.get("detail") or {}
        why = f" by {d.get('by')}" if d.get("by") else ""
        why += f": {d.get('reason')}" if d.get("reason") else ""
        con.print(
            f"  {_safe(e['at'][:19])} {_safe(e['action'])} mention {e.get('mention_id')}{_safe(other)}"
            f"{_safe(why, 200)}"
        )


def _fmt_value(v: Any) -> str:
    if isinstance(v, dict):
        return " .. ".join(str(v.get(k)) for k in ("start", "end") if v.get(k)) or str(v.get("text") or "?")
    return str(v)


def _print_claim(con: Any, c: dict[str, Any], indent: str = "  ") -> None:
    hedge = c.get("hedge")
    hedge_txt = f" [{hedge}]" if hedge and hedge != "asserted" else ""
    qual = f"{c['qualifier']} " if c.get("qualifier") else ""
    con.print(
        f"{indent}- {_safe(qual)}{_safe(_fmt_value(c.get('value')), 80)}{_safe(hedge_txt)} "
        f"— {_safe(c.get('claimant') or 'the outlet', 80)} via {_safe(c.get('source'), 80)} "
        f"({_safe(c.get('source_kind'))}), report {_safe(c.get('report_id'))} spans {_safe(c.get('spans'))}"
    )
    if c.get("evidence"):
        con.print(f"{indent}  “{_safe(c['evidence'], 300)}”", style="dim")
