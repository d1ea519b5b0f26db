"""``skylog sources add|list|show|remove``: the registry of channels and feeds ``watch`` follows.

Each command parses its options and makes one call on ``Store.sources`` (the SQL
is in ``skylog/store/sources.py``); defaults for well-known channels and outlets
come from ``skylog/ingest/known_sources.json``.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from skylog.commands.common import open_existing

DB_HELP = "database file or URL (default: $SKYLOG_DB or ./skylog.db)"
KIND_HELP = "official, media, ngo or social (default: known table, else guessed from the URL)"


def _err(msg: str) -> None:
    Console(stderr=True).print(Text(msg, style="red"))


def _dump(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=1, default=str) + "\n")


def _ago(v: Any) -> str:
    if v is None:
        return "never"
    from datetime import UTC, datetime

    s = (datetime.now(UTC) - v).total_seconds()
    if s < 0:
        return "in " + _span(-s)
    return _span(s) + " ago"


def _span(s: float) -> str:
    if s < 90:
        return f"{s:.0f} s"
    if s < 5400:
        return f"{s / 60:.0f} min"
    if s < 2 * 86400:
        return f"{s / 3600:.1f} h"
    return f"{s / 86400:.0f} d"


def add(
    url: str = typer.Argument(..., help="https://t.me/s/NAME (or t.me/NAME, @NAME), a feed or page URL"),
    name: str = typer.Option(None, "--name", help="display name (default: known name or channel title)"),
    kind: str = typer.Option(None, "--kind", help=KIND_HELP),
    country: str = typer.Option(None, "--country", help="publisher's home country, ISO 3166-1 (RU, UA)"),
    language: str = typer.Option(None, "--language", help="main language of its posts (ru, uk, en)"),
    official_of: str = typer.Option(
        None, "--official-of", help='the office it speaks for, e.g. "Governor of Kaluga Oblast"'
    ),
    interval: float = typer.Option(None, "--interval", min=0.5, help="seconds between polls (default 60)"),
    backfill: int = typer.Option(
        None, "--backfill", min=0, help="Telegram: older pages (?before=) to read on the first poll"
    ),
    db: str = typer.Option(None, "--db", help=DB_HELP),
    json_out: bool = typer.Option(False, "--json", help="the stored source as JSON"),
) -> None:
    """Follow a source (or change one already followed); well-known ones get sensible defaults."""
    from skylog.ingest import is_url
    from skylog.ingest.known import defaults_for
    from skylog.ingest.tgpreview import canonical_url
    from skylog.store.sources import SOURCE_KINDS

    if canonical_url(url) is None and not is_url(url):
        _err(f"not a URL or Telegram channel: {url!r}")
        raise typer.Exit(2)
    if kind is not None and kind not in SOURCE_KINDS:
        _err(f"unknown kind {kind!r}: use one of {', '.join(SOURCE_KINDS)}")
        raise typer.Exit(2)
    if country is not None and not (len(country) == 2 and country.isalpha()):
        _err(f"--country takes a two-letter ISO 3166-1 code, not {country!r}")
        raise typer.Exit(2)
    d = defaults_for(url)
    store = open_existing(db, create=True)
    reg = store.sources
    existing = reg.get(d.url, include_removed=True)
    if existing is not None and existing.removed_at is None:
        # a known source: change only what was given
        src, created = reg.add(
            d.url,
            name=name or existing.name,
            kind=kind,
            country=country.upper() if country else None,
            language=language,
            official_of=official_of,
            interval_s=interval,
            backfill_pages=backfill,
        )
    else:
        src, created = reg.add(
            d.url,
            name=name or d.name,
            kind=kind or d.kind,
            country=(country or d.country or "").upper() or None,
            language=language or d.language,
            official_of=official_of or d.official_of,
            handle=d.handle,
            interval_s=interval,
            backfill_pages=backfill,
        )
    if json_out:
        _dump(dict(src.to_dict(), created=created, known=d.known))
        return
    what = "added" if created else "updated"
    extra = " (known source: defaults applied)" if d.known and created else ""
    Console().print(Text(f"{what} source #{src.id} {src.name} [{src.kind}] {src.url}{extra}"))


def list_(
    db: str = typer.Option(None, "--db", help=DB_HELP),
    all_: bool = typer.Option(False, "--all", help="include removed sources"),
    json_out: bool = typer.Option(False, "--json", help="JSON array"),
) -> None:
    """Followed sources with their health: last poll, last success, last new item, errors."""
    store = open_existing(db)
    rows = store.sources.list(include_removed=all_)
    if json_out:
        _dump([s.to_dict() for s in rows])
        return
    table = Table(title=f"{len(rows)} source(s)", title_justify="left")
    for col in ("id", "name", "kind", "cc", "health", "last poll", "last new", "items", "every", "error"):
        table.add_column(col)
    style = {"ok": "green", "new": "", "retrying": "yellow", "failing": "red", "removed": "dim"}
    for s in rows:
        table.add_row(
            str(s.id),
            Text(s.name),
            s.kind,
            s.country or "",
            Text(s.health, style=style.get(s.health, "")),
            _ago(s.last_poll_at),
            _ago(s.last_new_at),
            str(s.items),
            _span(s.interval_s),
            Text((s.last_error or "")[:60] if s.failures else ""),
        )
    Console().print(table)


def show(
    ref: str = typer.Argument(..., metavar="ID|URL|NAME"),
    db: str = typer.Option(None, "--db", help=DB_HELP),
    json_out: bool = typer.Option(False, "--json"),
) -> None:
    """One source: its properties, schedule, last poll, last new item and errors."""
    from skylog.ingest.known import defaults_for

    store = open_existing(db)
    src = store.sources.get(ref, include_removed=True) or store.sources.get(
        defaults_for(ref).url, include_removed=True
    )
    if src is None:
        _err(f"no source {ref!r} (see skylog sources list)")
        raise typer.Exit(1)
    d = src.to_dict()
    if json_out:
        _dump(d)
        return
    con = Console()
    for k, v in d.items():
        if v not in (None, ""):
            con.print(Text(f"{k}: {v}"))


def remove(
    ref: str = typer.Argument(..., metavar="ID|URL|NAME"),
    db: str = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Stop following a source (its reports stay, linked to it; adding it again resumes)."""
    from skylog.ingest.known import defaults_for

    store = open_existing(db)
    src = store.sources.remove(ref)
    if src is None and defaults_for(ref).url != ref:
        src = store.sources.remove(defaults_for(ref).url)
    if src is None:
        _err(f"no source {ref!r} (see skylog sources list)")
        raise typer.Exit(1)
    Console().print(Text(f"removed source #{src.id} {src.name} ({src.items} report(s) kept)"))


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        help="Sources that `skylog watch` follows: Telegram channels (t.me/s/NAME), feeds, pages.",
        no_args_is_help=True,
    )
    app.add_typer(group, name="sources")
    group.command("add")(add)
    group.command("list")(list_)
    group.command("show")(show)
    group.command("remove")(remove)
