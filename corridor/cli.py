"""The `corridor` command: a thin shell over the library (each command calls one function)."""

import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from corridor.accounts.cli import audit_command, orgs_app, tokens_app, users_app
from corridor.config import get_settings
from corridor.errors import CorridorError, unexpected
from corridor.forum.cli import app as forum_app

app = typer.Typer(help="Corridor: source-linked events of the Pakistan–US investment corridor.", no_args_is_help=True)
export_app = typer.Typer(help="Export stored data.", no_args_is_help=True)
db_app = typer.Typer(help="Manage the database.", no_args_is_help=True)
app.add_typer(export_app, name="export")
app.add_typer(db_app, name="db")
app.add_typer(forum_app, name="forum")
app.add_typer(users_app, name="users")
app.add_typer(orgs_app, name="orgs")
app.add_typer(tokens_app, name="tokens")
app.command("audit")(audit_command)
console = Console(stderr=True)

Paths = Annotated[list[str], typer.Argument(help="Files, folders or http(s) URLs of pages and feeds.")]
DatabaseOpt = Annotated[str | None, typer.Option("--database", help="Database URL (default: CORRIDOR_DATABASE_URL).")]


def _fail_on(errors: list[CorridorError]) -> None:
    for error in errors:
        console.print(f"[red]{error}[/red]", markup=True, highlight=False)
    if errors:
        raise typer.Exit(1)


@app.command()
def extract(paths: Paths, fmt: Annotated[str, typer.Option("--format", help="jsonl or table.")] = "jsonl") -> None:
    """Print the events of documents as JSON lines, without touching a database. Reports of one
    event in several documents are printed once, with every source.

    Example: corridor extract article.txt feed.xml --format table
    """
    from corridor.documents.loader import load
    from corridor.events.dedup import deduplicate
    from corridor.extract.pipeline import extract as run

    result = load(paths)
    events = deduplicate(_extracted(result.documents, run, result.errors))
    if fmt == "table":
        _print_table(events)
    else:
        for event in events:
            sys.stdout.write(json.dumps(event.to_record(), ensure_ascii=False) + "\n")
    _fail_on(result.errors)


def _extracted(documents, run, errors: list) -> Iterator:
    """Every document's events; a document the extractor fails on is reported, not fatal."""
    for doc in documents:
        try:
            yield from run(doc)
        except Exception as exc:  # an extractor's bug costs one document, not the batch
            errors.append(unexpected(doc.name, exc))


def _print_table(events) -> None:
    table = Table(show_lines=False)
    table.add_column("kind", no_wrap=True)
    for column in ("date", "place", "participants", "sectors", "summary"):
        table.add_column(column)
    for e in events:
        people = ", ".join(p.name or p.org or p.country or "" for p in e.participants)
        table.add_row(e.kind, e.date or "", e.place or "", people, ", ".join(e.sectors), e.summary)
    Console().print(table)


@app.command()
def ingest(paths: Paths, database: DatabaseOpt = None,
           org: Annotated[str | None, typer.Option(help="Store the documents as confidential to this organisation.")] = None) -> None:
    """Store documents and their events; ingesting the same files again changes nothing (and people's
    corrections stand).

    Example: corridor ingest corpus/ https://example.org/feed.xml
    """
    from corridor.documents.loader import expand
    from corridor.review.apply import reapply
    from corridor.store.batch import ingest as run

    items = list(expand(paths))
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console) as progress:
        task = progress.add_task("ingesting", total=len(items))
        report = run(items, database, on_item=lambda _: progress.advance(task), org_id=org,
                     after=lambda session, ids: reapply(session, ids))
    s = report.stats
    _audit_ingest(database, report, org)
    console.print(f"documents added {s.documents_added}, already stored {s.documents_skipped}; "
                  f"events added {s.events_added}, sources added {s.sources_added}; errors {len(report.errors)}")
    _fail_on(report.errors)


def _audit_ingest(database: str | None, report, org: str | None) -> None:
    from corridor.accounts import audit
    from corridor.store.db import session_scope

    with session_scope(database) as session:
        audit.record(session, audit.cli_actor(), "documents.ingest", "store", None, None,
                     {"documents_added": report.stats.documents_added, "events_added": report.stats.events_added,
                      "errors": len(report.errors), "confidential_to": org}, org_id=org)


@app.command()
def events(
    kind: Annotated[str | None, typer.Option(help="Event kind, e.g. meeting.")] = None,
    plover: Annotated[str | None, typer.Option(help="PLOVER type, e.g. CONSULT.")] = None,
    sector: Annotated[str | None, typer.Option(help="Sector, e.g. mining.")] = None,
    country: Annotated[str | None, typer.Option(help="ISO3 country code, e.g. PAK.")] = None,
    actor: Annotated[str | None, typer.Option(help="Part of a participant's name or organisation.")] = None,
    place: Annotated[str | None, typer.Option(help="Place or province name.")] = None,
    since: Annotated[str | None, typer.Option("--from", help="First date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option("--to", help="Last date, YYYY-MM-DD.")] = None,
    text: Annotated[str | None, typer.Option("--text", help='Full-text search of summaries and quotes: words, "a phrase", or, -word.')] = None,
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 50,
    fmt: Annotated[str, typer.Option("--format", help="table or jsonl.")] = "table",
    database: DatabaseOpt = None,
) -> None:
    """List stored events, newest first, narrowed by filters.

    Example: corridor events --kind attack --country PAK --from 2026-01-01
    """
    from corridor.store.db import session_scope
    from corridor.store.queries import list_events

    flt = _filter(kind, plover, sector, country, actor, place, since, until, text)
    with session_scope(database) as session:
        page = _or_exit(lambda: list_events(session, flt, size=limit))
    if fmt == "jsonl":
        for event in page.events:
            sys.stdout.write(json.dumps(event.to_record(), ensure_ascii=False) + "\n")
    else:
        _print_table(page.events)
        console.print(f"{page.total} events match; showing {len(page.events)}")


def _filter(kind, plover, sector, country, actor, place, since, until, text):
    from corridor.store.queries import EventFilter
    from corridor.store.visibility import EVERYTHING

    # The operator holds the database: the command line reads every record, confidential ones too.
    return EventFilter(kind=kind, plover=plover, sector=sector, country=country, actor=actor, place=place,
                       date_from=_date(since), date_to=_date(until), q=text, visible=EVERYTHING)


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _or_exit(fn):
    try:
        return fn()
    except CorridorError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None


@export_app.command("events")
def export_events(
    fmt: Annotated[str, typer.Option("--format", help="jsonl or csv.")] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: standard output).")] = None,
    kind: Annotated[str | None, typer.Option(help="Event kind.")] = None,
    sector: Annotated[str | None, typer.Option(help="Sector.")] = None,
    country: Annotated[str | None, typer.Option(help="ISO3 country code.")] = None,
    since: Annotated[str | None, typer.Option("--from", help="First date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option("--to", help="Last date, YYYY-MM-DD.")] = None,
    verified: Annotated[bool, typer.Option("--verified", help="Only events a person accepted or corrected.")] = False,
    database: DatabaseOpt = None,
) -> None:
    """Export stored events as JSON lines (the EVENTS.md record) or CSV (no cell can run as a formula).

    Example: corridor export events --format csv -o events.csv --sector energy
    """
    from corridor.events.export import write_events
    from corridor.store.db import session_scope
    from corridor.store.queries import iter_events

    flt = _filter(kind, None, sector, country, None, None, since, until, None)
    flt.verified = verified
    if fmt not in ("jsonl", "csv"):
        raise typer.BadParameter("--format must be jsonl or csv")
    with session_scope(database) as session:
        stream = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            count = _or_exit(lambda: write_events(iter_events(session, flt), stream, fmt))
        finally:
            if output:
                stream.close()
    console.print(f"{count} events exported")


@export_app.command("gold")
def export_gold(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Gold file to write (default: standard output).")] = None,
    corpus: Annotated[Path | None, typer.Option(help="Also write the reviewed documents into this folder, for `corridor eval`.")] = None,
    database: DatabaseOpt = None,
) -> None:
    """Export the events people reviewed in the gold format (docs/gold.md), to measure the extractor
    on what people checked. Only documents whose every event was reviewed are written.

    Example: corridor export gold -o reviewed.events.jsonl --corpus reviewed/ && corridor eval reviewed.events.jsonl --corpus reviewed/
    """
    from corridor.review.gold import export_gold as run
    from corridor.store.db import session_scope

    with session_scope(database) as session:
        stream = output.open("w", encoding="utf-8") if output else sys.stdout
        try:
            result = run(session, stream, corpus)
        finally:
            if output:
                stream.close()
    console.print(f"{result.events} reviewed events from {result.documents} reviewed documents exported")


@app.command()
def reextract(
    document: Annotated[list[str], typer.Option("--document", help="Only this document id (repeatable).")] = (),
    database: DatabaseOpt = None,
) -> None:
    """Read the stored documents again with today's extractor; people's corrections are applied again
    and stand, and events where the machine now disagrees with a person are flagged for a second look.

    Example: corridor reextract
    """
    from corridor.accounts import audit
    from corridor.extract.pipeline import extract as run_extract
    from corridor.review.apply import reapply
    from corridor.store.db import session_scope
    from corridor.store.migrate import upgrade
    from corridor.store.reextract import reextract as run

    upgrade(database)
    with session_scope(database) as session:
        report = run(session, run_extract, list(document) or None)
        again = reapply(session)
        audit.record(session, audit.cli_actor(), "store.reextract", "store", None, None,
                     {"documents": report.documents, "events_added": report.stats.events_added,
                      "corrections": again.corrections, "flagged": again.flagged, "restored": again.restored})
    console.print(f"{report.documents} documents read again; {again.corrections} corrections applied again; "
                  f"{len(again.flagged)} events flagged for a second look, {len(again.restored)} put back")


@app.command("eval")
def evaluate(
    gold: Annotated[Path | None, typer.Argument(help="Gold events, JSON lines (design/EVENTS.md).")] = None,
    corpus: Annotated[Path | None, typer.Option(help="Folder of the documents the gold file names.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    gate: Annotated[bool, typer.Option("--gate", help="Check every corpus of the floors file; exit 1 below a floor.")] = False,
    floors: Annotated[Path | None, typer.Option(help="Floors file for --gate (default quality/floors.json).")] = None,
    update_floors: Annotated[bool, typer.Option("--update-floors", help="With --gate: set floors to today's scores.")] = False,
    allow_lower: Annotated[bool, typer.Option("--allow-lower", help="With --update-floors: let a floor go down.")] = False,
) -> None:
    """Score extraction against gold: recall, precision, F1, per-kind and per-field accuracy.

    Example: corridor eval gold/seeds.events.jsonl --corpus corpus/seeds
    Example: corridor eval --gate   (every corpus against quality/floors.json, as CI does)
    """
    if gate:
        _gate(floors, update_floors, allow_lower)
        return
    if gold is None or corpus is None:
        raise typer.BadParameter("give GOLD and --corpus, or --gate")
    from corridor.evaluation.run import evaluate_corpus

    result = _or_exit(lambda: evaluate_corpus(gold, corpus))
    if as_json:
        sys.stdout.write(json.dumps(result.as_dict(), indent=2) + "\n")
        return
    _print_score(result)


def _gate(floors: Path | None, update: bool, allow_lower: bool) -> None:
    from corridor.evaluation import gate

    path = floors or gate.FLOORS
    if update:
        try:
            changes = gate.update_floors(path, allow_lower=allow_lower)
        except gate.FloorLowered as exc:
            console.print(f"[red]{exc}[/red]")
            raise typer.Exit(1) from None
        console.print(f"floors updated: {json.dumps(changes)}")
        return
    checks, skipped = gate.run_gate(path)
    table = Table("corpus", "metric", "score", "floor", "")
    for check in checks:
        table.add_row(check.corpus, check.metric, f"{check.score:.3f}", f"{check.floor:.2f}",
                      "ok" if check.passed else "[red]BELOW[/red]")
    Console().print(table)
    for name in skipped:
        console.print(f"skipped {name}: its files are absent")
    if not all(c.passed for c in checks):
        raise typer.Exit(1)


def _print_score(result) -> None:
    out = Console()
    out.print(f"recall {result.recall:.3f} ({result.found}/{result.required})   precision {result.precision:.3f} "
              f"({result.correct}/{result.predicted})   F1 {result.f1:.3f}")
    table = Table("kind", "recall", "precision", "f1", "required", "predicted")
    for kind, row in result.kinds.items():
        table.add_row(kind, f"{row['recall']:.3f}", f"{row['precision']:.3f}", f"{row['f1']:.3f}",
                      str(row["required"]), str(row["predicted"]))
    out.print(table)
    out.print("field accuracy: " + ", ".join(f"{k} {v:.3f}" for k, v in result.fields.items()))
    for miss in result.missed:
        out.print(f"  missed {miss['kind']} in {miss['doc']}: {miss['evidence']}", highlight=False)
    for wrong in result.wrong:
        out.print(f"  wrong {wrong['kind']} in {wrong['doc']}: {wrong['quote']}", highlight=False)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Processes serving the port, one per core to use.")] = 1,
    access_log: Annotated[bool, typer.Option(help="Log every request.")] = True,
    database: DatabaseOpt = None,
) -> None:
    """Serve the web app and its JSON API.

    Example: corridor serve --port 8000 --workers 2
    """
    from corridor.store.migrate import upgrade
    from corridor.web.server import serve as run_server

    upgrade(database)
    run_server(database, host, port, workers=workers, access_log=access_log)


@app.command()
def demo(database: DatabaseOpt = None) -> None:
    """Load the bundled illustrative corpus and the demo forum (31 March 2026) into the database.

    Example: corridor demo && corridor serve
    """
    from corridor.demo.load import DEMO_USERS, load_demo

    report = load_demo(database)
    console.print(f"demo loaded: {report.stats.documents_added} new documents, {report.stats.events_added} events; "
                  "demo forum imported and scheduled")
    console.print("demo sign-in (a demo only: never on a server others can reach): "
                  + ", ".join(email for email, *_ in DEMO_USERS) + f", password {report.accounts.password}",
                  highlight=False)
    _fail_on(report.errors)


@db_app.command("upgrade")
def db_upgrade(database: DatabaseOpt = None) -> None:
    """Create or migrate the database schema to the latest version.

    Example: CORRIDOR_DATABASE_URL=postgresql+psycopg://127.0.0.1/test corridor db upgrade
    """
    from corridor.store.migrate import upgrade

    upgrade(database)
    console.print(f"database at the latest schema: {database or get_settings().database_url}")

