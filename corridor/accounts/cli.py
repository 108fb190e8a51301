"""`corridor users|orgs|tokens|audit`: a thin shell over the accounts library. Every change is
recorded in the audit trail as made by the command line's operator (`cli:<login>`)."""

from __future__ import annotations

import getpass
import json
import sys
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from corridor.errors import CorridorError

console = Console(stderr=True)
DatabaseOpt = Annotated[str | None, typer.Option("--database", help="Database URL (default: CORRIDOR_DATABASE_URL).")]
users_app = typer.Typer(help="Users: add, list, disable, reset a password.", no_args_is_help=True)
orgs_app = typer.Typer(help="Organisations and their members' roles.", no_args_is_help=True)
tokens_app = typer.Typer(help="API bearer tokens: create (shown once), revoke.", no_args_is_help=True)


@contextmanager
def _session(database: str | None):
    from corridor.store.db import session_scope
    from corridor.store.migrate import upgrade

    try:
        upgrade(database)
        with session_scope(database) as session:
            yield session
    except CorridorError as exc:
        console.print(f"[red]{exc}[/red]", highlight=False)
        raise typer.Exit(1) from None


def _password(given: str | None, generate: bool) -> str | None:
    from corridor.accounts.users import generated_password

    if given:
        return given
    if generate:
        return generated_password()
    if not sys.stdin.isatty():
        return None
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Again: "):
        console.print("[red]the passwords differ[/red]")
        raise typer.Exit(1)
    return first


@users_app.command("add")
def users_add(
    email: Annotated[str, typer.Argument(help="E-mail address (the sign-in name).")],
    name: Annotated[str, typer.Option(help="Full name.")] = "",
    password: Annotated[str | None, typer.Option(help="Password (asked for when not given on a terminal).")] = None,
    generate: Annotated[bool, typer.Option("--generate-password", help="Make a random password and print it.")] = False,
    site_admin: Annotated[bool, typer.Option("--site-admin", help="May administer the whole site.")] = False,
    org: Annotated[str | None, typer.Option(help="Also make them a member of this organisation.")] = None,
    role: Annotated[str, typer.Option(help="Their role there: member, editor or admin.")] = "member",
    database: DatabaseOpt = None,
) -> None:
    """Add a user (without a password they sign in after `reset-password`).

    Example: corridor users add amina@boi.gov.pk --name "Amina Qureshi" --org boi --role editor
    """
    from corridor.accounts import audit, users

    secret = _password(password, generate)
    with _session(database) as session:
        actor = audit.cli_actor()
        user = users.add_user(session, actor, email, name, secret, site_admin)
        if org:
            users.set_member(session, actor, users.get_org(session, org), user, role)
    console.print(f"user {user.email} added (id {user.id})", highlight=False)
    if generate:
        print(secret)


@users_app.command("list")
def users_list(database: DatabaseOpt = None, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List users with their organisations and roles.

    Example: corridor users list --json
    """
    from corridor.accounts import users

    with _session(database) as session:
        rows = [users.user_record(u) for u in users.list_users(session)]
    if as_json:
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return
    table = Table("id", "email", "name", "organisations", "site admin", "disabled", "last sign-in")
    for u in rows:
        table.add_row(str(u["id"]), u["email"], u["name"], ", ".join(f"{o} ({r})" for o, r in u["orgs"].items()),
                      "yes" if u["site_admin"] else "", "yes" if u["disabled"] else "", u["last_login"] or "")
    Console().print(table)


@users_app.command("disable")
def users_disable(
    email: Annotated[str, typer.Argument(help="E-mail address or id.")],
    enable: Annotated[bool, typer.Option("--enable", help="Enable the user again instead.")] = False,
    database: DatabaseOpt = None,
) -> None:
    """Disable a user: their sessions end and their API tokens are revoked.

    Example: corridor users disable former.colleague@example.org
    """
    from corridor.accounts import audit, users

    with _session(database) as session:
        user = users.get_user(session, email)
        users.set_disabled(session, audit.cli_actor(), user, not enable)
        if not enable:
            users.revoke_all_tokens(session, user)
    console.print(f"{user.email} {'enabled' if enable else 'disabled'}", highlight=False)


@users_app.command("reset-password")
def users_reset_password(
    email: Annotated[str, typer.Argument(help="E-mail address or id.")],
    password: Annotated[str | None, typer.Option(help="The new password (asked for when not given on a terminal).")] = None,
    generate: Annotated[bool, typer.Option("--generate-password", help="Make a random password and print it.")] = False,
    database: DatabaseOpt = None,
) -> None:
    """Set a user's password (their sessions end).

    Example: corridor users reset-password amina@boi.gov.pk --generate-password
    """
    from corridor.accounts import audit, users

    secret = _password(password, generate)
    if not secret:
        console.print("[red]give --password or --generate-password[/red]")
        raise typer.Exit(2)
    with _session(database) as session:
        user = users.get_user(session, email)
        users.set_password(session, audit.cli_actor(), user, secret)
    console.print(f"password of {user.email} set", highlight=False)
    if generate:
        print(secret)


@orgs_app.command("add")
def orgs_add(
    org: Annotated[str, typer.Argument(help="Id: 3 to 40 lower-case letters, digits and dashes.")],
    name: Annotated[str, typer.Option(help="Full name.")] = "",
    database: DatabaseOpt = None,
) -> None:
    """Add an organisation.

    Example: corridor orgs add boi --name "Board of Investment"
    """
    from corridor.accounts import audit, users

    with _session(database) as session:
        row = users.add_org(session, audit.cli_actor(), org, name)
    console.print(f"organisation {row.id} added", highlight=False)


@orgs_app.command("members")
def orgs_members(
    org: Annotated[str, typer.Argument(help="Organisation id.")],
    add: Annotated[list[str], typer.Option("--add", help="E-mail address of a user to give --role (repeatable).")] = (),
    role: Annotated[str, typer.Option(help="member, editor or admin.")] = "member",
    remove: Annotated[list[str], typer.Option("--remove", help="E-mail address of a member to remove.")] = (),
    database: DatabaseOpt = None,
) -> None:
    """List an organisation's members, or give users a role there (or remove them).

    Example: corridor orgs members boi --add amina@boi.gov.pk --role admin
    """
    from corridor.accounts import audit, users

    with _session(database) as session:
        row = users.get_org(session, org)
        actor = audit.cli_actor()
        for email in add:
            users.set_member(session, actor, row, users.get_user(session, email), role)
        for email in remove:
            users.set_member(session, actor, row, users.get_user(session, email), None)
        members = users.members(session, row)
    table = Table("email", "name", "role", title=row.name)
    for m in members:
        table.add_row(m["email"], m["name"], m["role"] + (" (disabled)" if m["disabled"] else ""))
    Console().print(table)


@tokens_app.command("create")
def tokens_create(
    email: Annotated[str, typer.Argument(help="The user the token acts for.")],
    scope: Annotated[str, typer.Option(help="read or write.")] = "read",
    name: Annotated[str, typer.Option(help="What it is for.")] = "",
    database: DatabaseOpt = None,
) -> None:
    """Create an API token; it is printed this once (only a hash of it is stored).

    Example: corridor tokens create analyst@example.org --scope read --name "dashboard"
    """
    from corridor.accounts import audit, tokens, users

    with _session(database) as session:
        made = tokens.create(session, audit.cli_actor(), users.get_user(session, email), scope, name)
        token_id = made.row.id
    console.print(f"token {token_id} ({scope}) for {email}; send it as 'Authorization: Bearer <token>':",
                  highlight=False)
    print(made.token)


@tokens_app.command("revoke")
def tokens_revoke(
    token: Annotated[str, typer.Argument(help="The token's id (or the token itself).")],
    database: DatabaseOpt = None,
) -> None:
    """Revoke an API token.

    Example: corridor tokens revoke 3f9c2a1b7d4e5f60
    """
    from corridor.accounts import audit, tokens

    with _session(database) as session:
        row = tokens.revoke(session, audit.cli_actor(), token)
    console.print(f"token {row.id} revoked", highlight=False)


def audit_command(
    actor: Annotated[str | None, typer.Option(help="Part of who wrote (an e-mail, participant:…, cli:…).")] = None,
    action: Annotated[str | None, typer.Option(help="An action or its start, e.g. event. or forum.request.")] = None,
    target: Annotated[str | None, typer.Option(help="The id of a record.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="From this date or time (ISO).")] = None,
    limit: Annotated[int, typer.Option(help="Entries to show (the newest).")] = 50,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or jsonl.")] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write every match to this file.")] = None,
    database: DatabaseOpt = None,
) -> None:
    """Show or export the audit trail: who changed what, when, and the values before and after.

    Example: corridor audit --action event. --since 2026-03-01
    Example: corridor audit --format csv -o audit.csv
    """
    from corridor.accounts import audit

    try:
        flt = audit.AuditFilter(actor=actor, action=action, target=target,
                                since=datetime.fromisoformat(since) if since else None)
    except ValueError:
        raise typer.BadParameter(f"{since!r} is not a date or time") from None
    with _session(database) as session:
        if fmt in ("csv", "jsonl"):
            stream = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
            try:
                count = audit.write(audit.iter_entries(session, flt), stream, fmt)
            finally:
                if output:
                    stream.close()
            console.print(f"{count} entries exported")
            return
        page = audit.entries(session, flt, 1, limit)
    table = Table("id", "when (UTC)", "who", "via", "what", "record", "before → after")
    for e in page["entries"]:
        change = f"{json.dumps(e['before'], ensure_ascii=False)} → {json.dumps(e['after'], ensure_ascii=False)}"
        table.add_row(str(e["id"]), e["at"], e["actor"], e["via"], e["action"],
                      f"{e['target_type']} {e['target_id'] or ''}", change[:200])
    Console().print(table)
    console.print(f"{page['total']} entries match; showing the newest {len(page['entries'])}")
