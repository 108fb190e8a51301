"""`corridor forum …` through Typer's CliRunner, on a copy of the demo store."""

import json

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from corridor.forum.cli import app

runner = CliRunner()


def run(*args):
    result = runner.invoke(app, [str(a) for a in args])
    return result


def test_cli_import_into_a_fresh_database_twice(tmp_path):
    from corridor.forum.demo import DEMO

    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    first = run("import", DEMO, "--database", url)
    assert first.exit_code == 0, first.output
    assert "participants +60" in first.output
    again = run("import", DEMO, "--database", url)
    assert "nothing new" in again.output


def test_cli_suggest_prints_reasons(demo_url):
    result = run("suggest", "Zainab Malik", "--limit", "3", "--json", "--database", demo_url)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["suggestions"]) == 3 and data["suggestions"][0]["reasons"]


def test_cli_schedule_reports_value_bound_and_reasons(demo_url):
    result = run("schedule", "--time-limit", "0.5", "--json", "--database", demo_url)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["value"] <= data["bound"]
    assert all(u["reason"] for u in data["unscheduled"])


def test_cli_export_and_agenda(demo_url, tmp_path):
    result = run("export", tmp_path / "out", "--database", demo_url)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "meetings.csv").exists()
    ics = tmp_path / "z.ics"
    assert run("agenda", "Zainab Malik", "--ics", ics, "--database", demo_url).exit_code == 0
    Calendar.from_ical(ics.read_bytes())


def test_cli_status_records_a_no_show_and_refuses_nonsense(demo_url, session, forum):
    from corridor.forum.queries import requests

    rid = requests(session, forum, ("scheduled",))[0].id
    assert run("status", rid, "no-show", "--database", demo_url).exit_code == 0
    bad = run("status", rid, "pending", "--database", demo_url)
    assert bad.exit_code == 1 and "E506" in bad.output


def test_cli_errors_are_clear(tmp_path, demo_url):
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    result = run("schedule", "--database", empty)
    assert result.exit_code == 1
    assert "E401" in result.output or "E503" in result.output
    assert "E504" in run("suggest", "Nobody", "--database", demo_url).output


@pytest.mark.parametrize("command", ["import", "suggest", "schedule", "export", "status", "agenda"])
def test_cli_every_command_documents_an_example(command):
    cmd = next(c for c in app.registered_commands if (c.name or c.callback.__name__) == command
               or c.callback.__name__ == f"{command}_")
    assert "Example: corridor forum " + command in cmd.callback.__doc__
