"""``skylog extract FILE... [--published DATE] [--json]`` (contract in DESIGN.md).

One object for one report; JSON Lines (with ``file``/``id``) for several files or a ``.jsonl`` file.
An input that fails gives ``{"file", "error"}`` and the batch goes on. Models load once per batch.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any, TextIO

import typer

if TYPE_CHECKING:
    from skylog.extract import Extractor
    from skylog.ingest.inputs import InputItem


def extraction_record(item: InputItem, extractor: Extractor) -> dict[str, Any]:
    """The JSON object for one input item (an extraction, or the error that stopped it)."""
    out: dict[str, Any] = item.envelope()
    if item.error is not None:
        return out
    try:
        result = extractor.extract(item.report)
    except Exception as exc:  # one bad report never stops the batch
        out["error"] = f"extraction failed: {exc.__class__.__name__}: {exc}"
        return out
    out.update(result.to_dict())
    return out


def run_extract(files: list[str], published: str | None, as_json: bool, out: TextIO | None = None) -> int:
    from skylog.extract import Extractor
    from skylog.ingest.inputs import iter_input_files

    out = out or sys.stdout
    try:
        items = iter_input_files(files, published)
        first = next(items, None)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if first is None:
        return 0
    extractor = Extractor()
    multi = len(files) > 1 or any(f.lower().endswith(".jsonl") for f in files)
    failures = 0

    def all_items():
        yield first
        yield from items

    for item in all_items():
        record = extraction_record(item, extractor)
        if "error" in record:
            failures += 1
        if as_json:
            if not multi:
                record.pop("file", None) if "error" not in record else None
                out.write(json.dumps(record, ensure_ascii=False, indent=None) + "\n")
            else:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            _print_summary(record)
    return 1 if failures and failures == _count(files) else 0


def _count(files: list[str]) -> int:
    return len(files)


def _print_summary(record: dict[str, Any]) -> None:
    from rich.markup import escape

    from skylog.term import SafeConsole as Console

    console = Console()
    label = escape(str(record.get("file", ""))) + (
        f" #{escape(str(record['id']))}" if record.get("id") else ""
    )
    if "error" in record:
        console.print(f"[red]{label}: {escape(record['error'])}[/red]")
        return
    rep = record["report"]
    console.print(
        f"[bold]{label}[/bold]  language={rep['language']}  published={rep.get('published_at') or 'unknown'}"
    )
    if not record["events"]:
        console.print("  no attack events found")

    def cv(c):
        if not c:
            return "?"
        q = f"{c['qualifier']} " if c.get("qualifier") else ""
        return escape(f"{q}{c['value']}")

    for e in record["events"]:
        places = "; ".join(
            f"{p['mention']}"
            + (f" ({p['admin1']})" if p.get("admin1") else "")
            + (f" [{p['relation']}]" if p.get("relation") else "")
            for p in e["places"]
        )
        time = e.get("time") or {}
        perp = e.get("perpetrator")
        console.print(
            f"  [bold]{e['type']}[/bold] weapon={e.get('weapon') or '?'} count={cv(e.get('count'))}",
            soft_wrap=True,
        )
        console.print(f"    places: {escape(places) or '?'}", soft_wrap=True)
        console.print(
            f"    time: {escape(str(time.get('start') or time.get('text') or 'unknown'))} ({time.get('precision', 'unknown')})",
            soft_wrap=True,
        )
        console.print(
            f"    killed={cv(e.get('killed'))} injured={cv(e.get('injured'))}"
            + (
                f" damage={escape(json.dumps(e['damage']['value'], ensure_ascii=False))}"
                if e.get("damage")
                else ""
            ),
            soft_wrap=True,
        )
        if perp:
            console.print(
                f"    perpetrator: {escape(str(perp['value']))} ({perp['hedge']}, claimed by {escape(str(perp['claimant']))})",
                soft_wrap=True,
            )
    for q in record["quotes"]:
        who = q.get("speaker") or "?"
        role = f", {q['role']}" if q.get("role") else ""
        text = q["text"] if len(q["text"]) < 100 else q["text"][:97] + "..."
        console.print(
            f"  [cyan]{escape(who + role)}[/cyan] ({escape(q.get('cue') or q['kind'])}): {escape(text)}"
        )


def register(app: typer.Typer) -> None:
    @app.command()
    def extract(
        files: list[str] = typer.Argument(..., help="text files or .jsonl files of reports"),
        published: str = typer.Option(None, "--published", help="publication date/time for plain-text files"),
        json_out: bool = typer.Option(False, "--json", help="JSON (one object, or JSON Lines for several)"),
    ) -> None:
        """Extract attack events, places, times, outcomes, claims and quotes from reports."""
        raise typer.Exit(run_extract(files, published, json_out))
