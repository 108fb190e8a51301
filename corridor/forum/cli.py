"""`corridor forum …`: a thin shell over the forum's library functions."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from corridor.errors import Code, CorridorError

app = typer.Typer(
    help="The Trade and Investment Forum: import, suggest, schedule, export.",
    no_args_is_help=True,
)
console = Console(stderr=True)

DatabaseOpt = Annotated[
    str | None, typer.Option("--database", help="Database URL (default: CORRIDOR_DATABASE_URL).")
]
ForumOpt = Annotated[
    str | None,
    typer.Option("--forum", help="Forum id or name (not needed when the store holds one)."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


@contextmanager
def _session(database: str | None, migrate: bool = False):
    """A transaction; forum and database errors end the command with their message."""
    from sqlalchemy.exc import OperationalError, ProgrammingError

    from corridor.store.db import session_scope

    try:
        if migrate:
            from corridor.store.migrate import upgrade

            upgrade(database)
        with session_scope(database) as session:
            yield session
    except CorridorError as exc:
        console.print(f"[red]{exc}[/red]", highlight=False)
        raise typer.Exit(1) from None
    except (OperationalError, ProgrammingError) as exc:
        err = CorridorError(Code.E401, detail=str(exc.orig).splitlines()[0])
        console.print(f"[red]{err}[/red] (run `corridor db upgrade`)", highlight=False)
        raise typer.Exit(1) from None


@app.command("import")
def import_(
    path: Annotated[Path, typer.Argument(help="A folder of CSV files, one .csv or an .xlsx.")],
    forum: ForumOpt = None,
    org: Annotated[str | None, typer.Option(
        help="For a new forum: the organising organisation (its editors run it, its members read it).")] = None,
    database: DatabaseOpt = None,
) -> None:
    """Import a forum's sheets (forum, sessions, tables, participants, requests, meetings).

    Importing the same file again changes nothing; a bad row aborts the whole import.

    Example: corridor forum import corridor/demo/forum/

    Example: corridor forum import late-requests.xlsx --forum "US–Pakistan Trade and Investment Forum 2026"
    """
    from corridor.accounts import audit
    from corridor.forum.importer import import_path

    with _session(database, migrate=True) as session:
        report = import_path(session, path, forum, org)
        audit.record(session, audit.cli_actor(), "forum.import", "forum", report.forum_id, None,
                     {"file": path.name, "added": report.added, "updated": report.updated}, org_id=org)
    console.print(f"imported into {report.forum_id}: {report.summary()}", highlight=False)


@app.command()
def suggest(
    participant: Annotated[str, typer.Argument(help="Participant id or full name.")],
    limit: Annotated[int, typer.Option(help="How many suggestions.", min=1, max=200)] = 10,
    forum: ForumOpt = None,
    database: DatabaseOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Rank the people a participant could meet, with the reasons for each.

    People they already asked, were asked by, declined or met are left out.

    Example: corridor forum suggest "Zainab Malik" --limit 5
    """
    from corridor.forum.views import suggestions_view

    with _session(database) as session:
        view = suggestions_view(session, forum, _pid(session, forum, participant), limit)
    if as_json:
        _print_json(view)
        return
    table = Table("score", "name", "organisation", "country", "role", "why", show_lines=True,
                  title=f"Suggestions for {view['participant']['name']} ({view['method']})")
    for s in view["suggestions"]:
        table.add_row(f"{s['score']:.2f}", s["name"], s["organisation"], s["country"], s["role"],
                      "\n".join(s["reasons"]))
    Console().print(table)


@app.command()
def schedule(
    seed: Annotated[int, typer.Option(help="Same input and seed give the same schedule.")] = 0,
    time_limit: Annotated[float, typer.Option(help="Seconds of search (a work budget).")] = 10.0,
    pin: Annotated[bool, typer.Option(help="Keep already scheduled meetings where they are.")] = False,
    forum: ForumOpt = None,
    database: DatabaseOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Place the accepted requests in slots and at tables, and store the schedule.

    Re-running after cancellations or late requests moves as few meetings as it can (--pin moves
    none). Prints the value reached, the proven upper bound, and why each request was left out.

    Example: corridor forum schedule --time-limit 30

    Example: corridor forum schedule --pin --seed 1
    """
    from corridor.accounts import audit
    from corridor.forum.queries import get_forum
    from corridor.forum.scheduler import Options
    from corridor.forum.service import run_schedule
    from corridor.forum.views import dashboard_view

    with _session(database) as session:
        row = get_forum(session, forum)
        result = run_schedule(session, row, Options(seed=seed, time_limit=time_limit, pin_previous=pin))
        left = dashboard_view(session, row.id)["unscheduled"]
        audit.record(session, audit.cli_actor(), "forum.schedule", "forum", row.id, None,
                     {"meetings": result.meetings, "value": result.value, "bound": result.bound, "seed": seed},
                     org_id=row.org_id)
    summary = {
        "meetings": result.meetings, "value": result.value, "bound": result.bound,
        "ratio": round(result.ratio, 4), "gaps": result.gaps, "moves": result.moves,
        "left_without": result.left_without, "status": result.status,
        "seconds": round(result.seconds, 2), "deterministic": result.deterministic,
        "unscheduled": [{"id": r["id"], "requester": r["requester"]["name"],
                         "target": r["target"]["name"], "reason": r["reason"]} for r in left],
    }
    if as_json:
        _print_json(summary)
        return
    out = Console()
    out.print(
        f"{result.meetings} meetings placed, value {result.value} of a proven bound "
        f"{result.bound} ({result.ratio:.1%}); {result.gaps} idle gaps; {result.moves} moved; "
        f"{result.seconds:.1f} s", highlight=False,
    )
    if left:
        table = Table("request", "requester", "target", "why not scheduled")
        for r in summary["unscheduled"]:
            table.add_row(r["id"], r["requester"], r["target"], r["reason"])
        out.print(table)


@app.command()
def export(
    out: Annotated[Path, typer.Argument(help="A folder (CSV files) or a file ending in .xlsx.")],
    agendas: Annotated[
        bool, typer.Option(help="Also write each participant's .ics and a sheet per table.")
    ] = False,
    forum: ForumOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Export the forum, its requests and its schedule (re-importable), and optionally agendas.

    Example: corridor forum export out/forum/ --agendas

    Example: corridor forum export forum.xlsx
    """
    from corridor.forum.exporter import export as run

    with _session(database) as session:
        written = run(session, forum, out, agendas)
    console.print(f"wrote {len(written)} files under {out}", highlight=False)


@app.command()
def status(
    request: Annotated[str, typer.Argument(help="Request id.")],
    new: Annotated[str, typer.Argument(
        help="accepted, declined, cancelled, held or no-show.")],
    forum: ForumOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Move a request along its life cycle; record held meetings and no-shows on the day.

    Example: corridor forum status r1a2b3c4d5e6 no-show
    """
    from corridor.accounts import audit
    from corridor.forum.queries import get_forum, get_request
    from corridor.forum.service import set_status

    with _session(database) as session:
        target = get_forum(session, forum)
        before = get_request(session, target, request).status
        row = set_status(session, target, request, new)
        audit.record(session, audit.cli_actor(), "forum.request.status", "forum_request", row.id,
                     {"status": before}, {"status": row.status}, org_id=target.org_id)
        console.print(f"{row.id}: {row.status}", highlight=False)


@app.command()
def agenda(
    participant: Annotated[str, typer.Argument(help="Participant id or full name.")],
    ics: Annotated[Path | None, typer.Option(help="Write the agenda to this .ics file.")] = None,
    forum: ForumOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Print a participant's meetings, or write them as an iCalendar file.

    Example: corridor forum agenda "Zainab Malik" --ics zainab.ics
    """
    from corridor.forum.ics import agenda_ics
    from corridor.forum.views import agenda_view

    with _session(database) as session:
        view = agenda_view(session, forum, _pid(session, forum, participant))
    if ics is not None:
        ics.write_bytes(agenda_ics(view))
        console.print(f"wrote {ics}", highlight=False)
        return
    table = Table("date", "time", "table", "with", title=view["participant"]["name"])
    for m in view["meetings"]:
        who = "; ".join(f"{w['name']} ({w['organisation']})" for w in m["with"])
        table.add_row(m["date"], m["time"], m["table"], who)
    Console().print(table)


def _pid(session, forum: str | None, ref: str) -> str:
    from corridor.forum.queries import get_forum, get_participant

    return get_participant(session, get_forum(session, forum), ref).id


def _print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
