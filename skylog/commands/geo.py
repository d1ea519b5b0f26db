"""``skylog geoparse``, ``skylog geocode`` and ``skylog gazetteer build``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from skylog.commands.repository import run_script
from skylog.term import echo, json_text

BUILD_SCRIPT = "scripts/build_gazetteer.py"
NO_CHECKOUT = (
    "the gazetteer builder is part of the skylog repository, not the installed package: "
    f"in a checkout, pip install '.[build]' and run python {BUILD_SCRIPT} [--out PATH]"
)


def _lang(report_language: str | None, override: str | None) -> str:
    if override:
        return override
    return report_language if report_language in ("en", "ru", "uk") else "en"


def _geocode_in_context(name: str, context: str, language: str | None, limit: int, json_out: bool) -> None:
    from skylog.geo.parse import explain

    try:
        body = sys.stdin.read() if context == "-" else Path(context).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        typer.echo(f"{context}: cannot read: {exc}", err=True)
        raise typer.Exit(1) from None
    lang = language or ("ru" if any("\u0400" <= ch <= "\u04ff" for ch in body[:2000]) else "en")
    res = explain(name, body, lang, limit=limit)
    if json_out:
        typer.echo(json.dumps(res, ensure_ascii=False))
        return
    if res.get("not_a_place"):
        typer.echo(f"{name!r} at {res['span']}: not a place ({res['not_a_place']})")
        return
    fr = res.get("frame") or {}
    typer.echo(
        f"frame: countries {', '.join(fr.get('countries') or []) or '-'}; regions {', '.join(fr.get('regions') or []) or '-'}"
    )
    for w in fr.get("why") or []:
        typer.echo(f"  because {w}")
    for ln in res.get("links") or []:
        typer.echo(f"link: {ln['inner']!r} {ln['kind']} {ln['outer']!r} ({ln['phrase']!r})")
    ch = res.get("chosen")
    if ch:
        where = ", ".join(x for x in (ch["admin2"], ch["admin1"], ch["country"]) if x)
        typer.echo(f"chosen: {ch['name']} ({ch['kind']}; {where}) precision {ch['precision']}")
    else:
        typer.echo("chosen: none (left unresolved)")
    for d in res["candidates"]:
        where = ", ".join(x for x in (d["admin2"], d["admin1"], d["country"]) if x and x != d["name"])
        typer.echo(f"{d['score']:7.2f}  {d['name']} ({d['kind']}; {where})  {d['status']}")


def _print_toponyms(label: str, toponyms: list[dict]) -> None:
    echo(f"== {label}: {len(toponyms)} toponyms")
    for p in toponyms:
        where = ", ".join(x for x in (p["admin2"], p["admin1"], p["country"]) if x)
        rel = f" [{p['relation']}]" if p.get("relation") else ""
        echo(
            f"  {p['span'][0]:>6}-{p['span'][1]:<6} {p['mention']!r:32} -> {p['name']} ({p['kind']}; {where})"
            f" {p['lat']:.4f},{p['lon']:.4f} precision {p['precision']}{rel}"
        )


def _geoparse_files(files: list[str], json_out: bool, language: str | None, streets: bool = True) -> None:
    """``skylog geoparse``: one result per input; a bad input is reported and the batch goes on."""
    from skylog.geo import geoparse as _geoparse
    from skylog.ingest.inputs import iter_input_files

    many = len(files) > 1 or any(f.lower().endswith(".jsonl") for f in files)
    failed = 0
    for item in iter_input_files(files):
        out = item.envelope()
        if item.report is not None:
            try:
                places = _geoparse(
                    item.report.text, _lang(item.report.language, language), streets=streets, bare_names=True
                )
                out["toponyms"] = [p.to_dict() for p in places]
            except Exception as exc:  # one bad input never stops the batch
                out["error"] = f"{type(exc).__name__}: {exc}"
        if "error" in out:
            failed += 1
        if json_out:
            if not many:
                out.pop("file", None)
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
            continue
        label = item.file + (f"#{item.id}" if item.id else "")
        if "error" in out:
            echo(f"{label}: error: {out['error']}", err=True)
            continue
        _print_toponyms(label, out["toponyms"])
    if failed and failed == len(files) and not many:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    @app.command()
    def geoparse(
        files: list[str] = typer.Argument(..., help="text files, or .jsonl files with one report per line"),
        json_out: bool = typer.Option(
            False, "--json", help="JSON ({'toponyms': [...]}); JSON Lines for several"
        ),
        language: str = typer.Option(None, "--language", "-l", help="en, ru or uk (default: detected)"),
        streets: bool = typer.Option(
            True, "--streets/--no-streets", help="list named streets and roads (kind 'other', no point)"
        ),
    ) -> None:
        """Every place mention in each text, resolved (settlement, district, region, country).

        Named streets and roads are place mentions too; the gazetteer has no point for them, so they
        come unresolved (the geoparsing corpora count them, extraction never places an event on one)."""
        _geoparse_files(files, json_out, language, streets)

    @app.command()
    def geocode(
        text: str = typer.Argument(
            ..., help="a place name, e.g. 'Kaluga', 'Курской области', 'Kursk region'"
        ),
        language: str = typer.Option(None, "--language", "-l", help="en, ru or uk"),
        limit: int = typer.Option(10, "--limit", "-n"),
        json_out: bool = typer.Option(False, "--json"),
        context: str = typer.Option(
            None, "--context", "-c", help="a text file (or '-' for stdin) the name is read in"
        ),
    ) -> None:
        """Scored gazetteer candidates for a name, with the reasons for each score.

        With --context, the name is read inside that report: the frame it used (the countries
        and regions the report names), the links the text states, and why each candidate lost."""
        from skylog.geo import Geocoder

        if context:
            _geocode_in_context(text, context, language, limit, json_out)
            return
        cands = Geocoder.default().candidates(text, language, limit=limit)
        if json_out:
            typer.echo(
                json_text(
                    json.dumps(
                        {"query": text, "candidates": [c.to_dict() for c in cands]}, ensure_ascii=False
                    )
                )
            )
            return
        if not cands:
            echo(f"no gazetteer entry for {text!r}")
            raise typer.Exit(1)
        for c in cands:
            d = c.to_dict()
            where = ", ".join(x for x in (d["admin2"], d["admin1"], d["country"]) if x and x != d["name"])
            echo(
                f"{d['score']:7.2f}  {d['name']} ({d['kind']}; {where}) {d['lat']},{d['lon']}"
                f"  [{d['gazetteer_id']}, matched '{d['matched']}' as {d['match']}]"
            )
            echo(f"         why: {'; '.join(d['why'])}")

    gaz = typer.Typer(help="The bundled gazetteer.", no_args_is_help=True)

    @gaz.command("build")
    def gazetteer_build(
        out: str = typer.Option(None, "--out", help="where to write (default: the packaged file)"),
    ) -> None:
        """Rebuild the gazetteer from open-data packages (a checkout and the build extra; about 90 s)."""
        argv = [BUILD_SCRIPT] + (["--out", str(Path(out).resolve())] if out else [])
        run_script("gazetteer build", BUILD_SCRIPT, argv, NO_CHECKOUT)

    @gaz.command("info")
    def gazetteer_info() -> None:
        """Counts and build date of the gazetteer in use."""
        from skylog.geo.gazetteer import default_gazetteer

        gz = default_gazetteer()
        typer.echo(json_text(json.dumps({"path": str(gz.path), **gz.meta}, indent=1)))

    app.add_typer(gaz, name="gazetteer")
