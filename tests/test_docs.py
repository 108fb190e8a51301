"""The README documents every command and every setting (a missing line fails the build)."""

from pathlib import Path

import click
import typer

from corridor.cli import app
from corridor.config import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "corridor"):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix} {name}")
        else:
            yield f"{prefix} {name}"


def test_docs_every_command_is_in_the_readme():
    missing = [c for c in _commands(typer.main.get_command(app)) if f"`{c}" not in README]
    assert not missing


def test_docs_every_setting_is_in_the_readme():
    missing = [f"CORRIDOR_{name.upper()}" for name in Settings.model_fields if f"CORRIDOR_{name.upper()}" not in README]
    assert not missing


def test_docs_readme_starts_with_the_two_commands():
    first = README.split("```sh", 1)[1].split("```", 1)[0]
    assert "make demo" in first and "make test" in first
