"""CLI of the foundation: ``ingest``, ``reports``, ``report``, ``search``, ``reprocess``, ``check``.

Human output goes through rich with report text wrapped in ``Text`` objects
(never parsed as markup: report text is hostile data); ``--json`` prints plain
JSON on stdout; progress and warnings go to stderr.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any

import typer
from rich.table import Table
from rich.text import Text

from skylog.commands.common import open_existing, warnings_to
from skylog.records import Report
from skylog.term import SafeConsole as Console

if TYPE_CHECKING:
    from skylog.ingest import IngestOptions
    from skylog.store import IngestSummary, Store

DB_HELP = "database file or URL (default: $SKYLOG_DB or ./skylog.db)"


def _err() -> Console:
    return Console(stderr=True)


def report_json(r: Report, full: bool = False) -> dict[str, Any]:
    """A report as the read commands print it: ``Report.to_json`` (one shape everywhere)."""
    return r.to_json(full)


def _dump(obj: Any) -> None:
    from skylog.term import dumps

    sys.stdout.write(dumps(obj, indent=1, default=str) + "\n")


def _one_line(text: str, n: int = 70) -> str:
    s = " ".join(text.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _parse_since(since: str | None) -> datetime | None:
    if not since:
        return None
    from skylog.ingest.common import parse_datetime

    try:
        return parse_datetime(since)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--since") from None


def ingest(
    inputs: list[str] = typer.Argument(
        ..., metavar="PATH_OR_URL...", help="files, folders, URLs, feeds, exports"
    ),
    db: str = typer.Option(None, "--db", help=DB_HELP),
    allow_private: bool = typer.Option(
        False, "--allow-private", help="allow URLs on private/loopback addresses and file://"
    ),
    no_extract: bool = typer.Option(False, "--no-extract", help="store reports only; extract later"),
    json_out: bool = typer.Option(False, "--json", help="summary as JSON"),
    max_mb: float = typer.Option(
        10.0,
        "--max-mb",
        help="size limit of one document, response or JSON line, in MB (0 < MB <= 100000)",
    ),
    follow_links: bool = typer.Option(
        False, "--follow-links", help="follow symlinks in a folder that point outside it"
    ),
    engine: str = typer.Option(
        "local", "--engine", help="local (this process) or dask (parse and extract on a Dask cluster)"
    ),
    workers: int = typer.Option(2, "--workers", min=1, help="--engine dask: local cluster size"),
    scheduler: str = typer.Option(
        None, "--scheduler", help="--engine dask: address of a running scheduler (tcp://host:8786)"
    ),
) -> None:
    """Read reports from files, folders, URLs, RSS/Atom feeds, Telegram exports and JSON Lines.

    Exits 1 when any input failed; every good input is stored all the same.
    """
    _check_ingest_options(max_mb, engine, scheduler)
    from skylog.ingest import IngestOptions

    store = open_existing(db, create=True)
    opts = IngestOptions(
        allow_private=allow_private, max_bytes=max(1, int(max_mb * 1_000_000)), follow_links=follow_links
    )
    with _progress_bar(disabled=json_out) as progress:
        summary = _run(
            inputs,
            store,
            opts,
            engine,
            progress,
            extract=not no_extract,
            workers=workers,
            scheduler=scheduler,
        )
    _print_ingest_summary(summary, store.url, json_out)
    raise typer.Exit(1 if summary.failed else 0)


def _check_ingest_options(max_mb: float, engine: str, scheduler: str | None) -> None:
    if not (math.isfinite(max_mb) and 0 < max_mb <= 100_000):
        raise typer.BadParameter(
            f"must be a number of MB above 0 and at most 100000, not {max_mb}", param_hint="--max-mb"
        )
    if engine not in ("local", "dask"):
        _err().print(Text(f"unknown engine {engine!r}: use local or dask", style="red"))
        raise typer.Exit(2)
    if scheduler and engine != "dask":
        _err().print(Text("--scheduler needs --engine dask", style="red"))
        raise typer.Exit(2)


@contextmanager
def _progress_bar(*, disabled: bool) -> Iterator[Callable[[str, int, int, str], None]]:
    """A ``progress(stage, done, total, label)`` callback drawing bars on stderr (when it is a
    terminal), with warnings printed above the bars instead of through them."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    err = _err()
    with (
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("[dim]{task.fields[label]}"),
            console=err,
            transient=True,
            disable=disabled or not err.is_terminal,
        ) as bar,
        warnings_to(bar.console),
    ):
        tasks: dict[str, Any] = {}

        def progress(stage: str, done: int, total: int, label: str) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total, label="")
            bar.update(tasks[stage], completed=done, total=total, label=Text(_one_line(label, 40)))

        yield progress


def _run(
    inputs: list[str],
    store: Store,
    opts: IngestOptions,
    engine: str,
    progress: Callable[[str, int, int, str], None],
    *,
    extract: bool,
    workers: int,
    scheduler: str | None,
) -> IngestSummary:
    """The ingest runner: in this process, or with parsing and extraction on Dask."""
    if engine != "dask":
        from skylog.pipeline import run_ingest

        return run_ingest(inputs, store, extract=extract, progress=progress, options=opts)
    try:
        import distributed  # noqa: F401

        from skylog.engine import run_distributed
    except ImportError as exc:  # an optional extra: say how to install it
        _err().print(Text(f"--engine dask needs Dask: pip install 'skylog[dask]' ({exc})", style="red"))
        raise typer.Exit(2) from None
    return run_distributed(
        inputs,
        store,
        scheduler=scheduler,
        n_workers=workers,
        extract=extract,
        options=opts,
        progress=progress,
    )


def _print_ingest_summary(summary: IngestSummary, database: str, json_out: bool) -> None:
    if json_out:
        out = summary.to_dict()
        out["database"] = database
        _dump(out)
        return
    extracted = (
        f"; {summary.extracted} extracted, {summary.mentions} event mention(s)" if summary.extracted else ""
    )
    Console().print(
        f"{len(summary.new)} new, {len(summary.duplicate)} duplicate, "
        f"{len(summary.updated)} updated, {len(summary.failed)} failed{extracted}",
        markup=False,
    )
    err = _err()
    for e in summary.failed:
        err.print(Text(f"failed: {e.input}: {e.reason}", style="red"), soft_wrap=True)
    for w in summary.warnings:
        err.print(Text(f"warning: {w}", style="yellow"))


def reports(
    db: str = typer.Option(None, "--db", help=DB_HELP),
    json_out: bool = typer.Option(False, "--json", help="JSON array"),
    limit: int = typer.Option(
        None, "--limit", help="at most this many (0: all; default: 50 in the table, all with --json)"
    ),
    language: str = typer.Option(None, "--language", help="only this language (en, ru, uk, ...)"),
    since: str = typer.Option(None, "--since", help="published on or after this date"),
    all_versions: bool = typer.Option(
        False, "--all-versions", help="include superseded versions of edited posts"
    ),
) -> None:
    """List stored reports, newest first.

    JSON is what scripts map report ids with, so it lists every report unless a limit is given;
    the table is for reading and shows the newest 50."""
    if limit is None:
        limit = 0 if json_out else 50
    store = open_existing(db)
    rows = list(
        store.iter_reports(
            language=language,
            since=_parse_since(since),
            limit=limit or None,
            include_superseded=all_versions,
        )
    )
    if json_out:
        _dump([report_json(r) for r in rows])
        return
    table = Table(title=f"{len(rows)} report(s)", title_justify="left")
    for col in ("id", "published", "lang", "source", "title / text"):
        table.add_column(col)
    for r in rows:
        table.add_row(
            r.id[:12],
            r.published_at.strftime("%Y-%m-%d %H:%M") if r.published_at else "unknown",
            r.language,
            Text(_one_line(r.source or "", 24)),
            Text(_one_line(r.title or r.text)),
        )
    Console().print(table)


def report(
    report_id: str = typer.Argument(..., metavar="ID", help="report id (or a unique prefix of it)"),
    db: str = typer.Option(None, "--db", help=DB_HELP),
    json_out: bool = typer.Option(False, "--json", help="as JSON, with the stored extraction"),
) -> None:
    """Show one stored report: metadata, full text, and its extraction when there is one."""
    store = open_existing(db)
    r = store.get_report(report_id)
    if r is None:
        shown = report_id if len(report_id) <= 80 else report_id[:79] + "…"
        _err().print(Text(f"no report with id {shown}", style="red"), soft_wrap=True)
        raise typer.Exit(1)
    ex = store.get_extraction(r.id)
    if json_out:
        d = report_json(r, full=True)
        d["extraction"] = ex
        _dump(d)
        return
    con = Console()
    for k, v in report_json(r).items():
        if v not in (None, ""):
            con.print(Text(f"{k}: {v}"))
    con.print()
    con.print(Text(r.text))
    if ex is not None:
        con.print()
        con.print(Text(f"extraction ({ex.get('extractor_version')}): {len(ex.get('events', []))} event(s)"))
        for ev in ex.get("events", []):
            place = (ev.get("places") or [{}])[0]
            count = (ev.get("count") or {}).get("value")
            con.print(
                Text(f"  - {ev['type']} {ev.get('weapon') or ''} count={count} place={place.get('name')}")
            )


def search(
    query: str = typer.Argument(..., help="words to find (all must occur; word* for prefixes)"),
    db: str = typer.Option(None, "--db", help=DB_HELP),
    limit: int = typer.Option(20, "--limit"),
    json_out: bool = typer.Option(False, "--json"),
) -> None:
    """Full-text search over stored reports."""
    store = open_existing(db)
    hits = store.search(query, limit=limit)
    if json_out:
        _dump([{**report_json(r), "snippet": snip} for r, snip in hits])
        return
    con = Console()
    for r, snip in hits:
        con.print(
            Text(
                f"{r.id[:12]}  {r.source or ''}  {r.published_at.date() if r.published_at else ''}",
                style="bold",
            )
        )
        con.print(Text("  " + _one_line(snip, 200)))
    con.print(Text(f"{len(hits)} hit(s)", style="dim"))


def reprocess(
    db: str = typer.Option(None, "--db", help=DB_HELP),
    language: str = typer.Option(None, "--language"),
    since: str = typer.Option(None, "--since", help="only reports published on or after this date"),
    limit: int = typer.Option(0, "--limit", help="at most this many reports (0: all)"),
    report_ids: list[str] = typer.Option(None, "--id", help="only these report ids (repeatable)"),
    json_out: bool = typer.Option(False, "--json"),
) -> None:
    """Re-run extraction (and linking) on stored reports, e.g. after the extractor improved."""
    from skylog.pipeline import reprocess as run

    store = open_existing(db, create=True)
    summary = run(
        store,
        language=language,
        since=_parse_since(since),
        limit=limit or None,
        report_ids=report_ids or None,
    )
    if json_out:
        _dump({"extracted": summary.extracted, "mentions": summary.mentions, "warnings": summary.warnings})
    else:
        Console().print(f"{summary.extracted} report(s) extracted, {summary.mentions} event mention(s)")
        for w in summary.warnings:
            _err().print(Text(f"warning: {w}", style="yellow"))
    raise typer.Exit(1 if summary.warnings and not summary.extracted else 0)


def check(
    db: str = typer.Option(None, "--db", help=DB_HELP),
    repair: bool = typer.Option(False, "--repair", help="rebuild the full-text index if it is out of sync"),
    json_out: bool = typer.Option(False, "--json"),
) -> None:
    """Check the database: orphan rows, version links, full-text index, SQLite integrity."""
    store = open_existing(db)
    problems = store.check()
    repaired = False
    if problems and repair:
        store.rebuild_fts()
        repaired = True
        problems = store.check()
    if json_out:
        _dump(
            {
                "ok": not problems,
                "problems": problems,
                "reports": store.count_reports(),
                "repaired": repaired,
            }
        )
    else:
        con = Console()
        for p in problems:
            con.print(Text(f"problem: {p}", style="red"))
        con.print(
            Text(
                f"{store.count_reports()} report(s); "
                + ("ok" if not problems else f"{len(problems)} problem(s)")
            )
        )
    raise typer.Exit(1 if problems else 0)


def register(app: typer.Typer) -> None:
    app.command()(ingest)
    app.command()(reports)
    app.command()(report)
    app.command()(search)
    app.command()(reprocess)
    app.command()(check)
