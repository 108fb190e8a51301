"""`corridor users|orgs|tokens|audit` through Typer's runner: each change lands in the audit trail."""

import csv
import io
import json

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from corridor.cli import app
from corridor.web.app import create_app

runner = CliRunner()


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_cli_users_orgs_tokens_and_the_audit(tmp_path):
    db = ["--database", f"sqlite:///{tmp_path / 'cli.db'}"]
    _run("orgs", "add", "boi", "--name", "Board of Investment", *db)
    password = _run("users", "add", "amina@boi.example", "--name", "Amina Qureshi", "--generate-password",
                    "--org", "boi", "--role", "editor", *db).strip()
    assert len(password) >= 20
    _run("users", "add", "sara@risk.example", "--password", "a long enough passphrase", "--site-admin", *db)
    listed = json.loads(_run("users", "list", "--json", *db))
    assert {u["email"]: u["orgs"] for u in listed} == {"amina@boi.example": {"boi": "editor"}, "sara@risk.example": {}}
    members = _run("orgs", "members", "boi", "--add", "sara@risk.example", "--role", "admin", *db)
    assert "sara@risk.example" in members and "admin" in members
    token = _run("tokens", "create", "amina@boi.example", "--scope", "write", "--name", "sheets", *db).strip()
    assert token.startswith("cor_")

    client = TestClient(create_app(db[1]))
    assert client.get("/api/account", headers={"Authorization": f"Bearer {token}"}).json()["user"]["orgs"] == {
        "boi": "editor"}
    login = client.post("/login", data={"email": "amina@boi.example", "password": password,
                                        "csrf_token": _anonymous_csrf(client)},
                        headers={"Origin": "http://testserver"}, follow_redirects=False)
    assert login.status_code == 303

    _run("tokens", "revoke", token.split("_")[1], *db)
    assert client.get("/api/account", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    new = _run("users", "reset-password", "amina@boi.example", "--generate-password", *db).strip()
    assert new != password
    _run("users", "disable", "amina@boi.example", *db)
    assert json.loads(_run("users", "list", "--json", *db))[0]["disabled"] is True

    shown = [json.loads(line) for line in _run("audit", "--action", "user.", "--format", "jsonl", *db).splitlines()]
    assert {"user.add", "user.disable", "user.password", "user.sign_in"} <= {e["action"] for e in shown}
    assert all(e["action"].startswith("user.") for e in shown)
    assert runner.invoke(app, ["audit", "--limit", "3", *db]).exit_code == 0
    exported = list(csv.DictReader(io.StringIO(_run("audit", "--format", "csv", *db))))
    actions = [row["action"] for row in exported]
    assert actions[:2] == ["org.add", "user.add"] and "token.revoke" in actions and "user.sign_in" in actions
    assert all(row["actor"].startswith("cli:") for row in exported if row["via"] == "cli")
    assert all(password not in json.dumps(row) for row in exported)


def _anonymous_csrf(client: TestClient) -> str:
    import re

    page = client.get("/login").text
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_cli_users_refuse_bad_input(tmp_path):
    db = ["--database", f"sqlite:///{tmp_path / 'cli.db'}"]
    bad = runner.invoke(app, ["users", "add", "not-an-address", "--password", "a long enough passphrase", *db])
    assert bad.exit_code == 1 and "E615" in bad.output
    short = runner.invoke(app, ["users", "add", "a@b.example", "--password", "short", *db])
    assert short.exit_code == 1 and "E611" in short.output
    unknown = runner.invoke(app, ["orgs", "members", "nobody", *db])
    assert unknown.exit_code == 1 and "E609" in unknown.output
