"""Loading the gazetteers and lexicons under extract/data/ once, into the shapes stages use."""

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"


def load_yaml(name: str) -> dict:
    with open(DATA / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def load_csv(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as fh:
        return [row for row in csv.DictReader(line for line in fh if not line.startswith("#"))]


def split_multi(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def alternation(phrases, flexible_space: bool = True) -> str:
    """A regex alternation of literal phrases, longest first so the longest always wins."""
    escaped = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        pattern = re.escape(phrase)
        if flexible_space:
            pattern = pattern.replace(r"\ ", r"\s+")
        escaped.append(pattern)
    return "|".join(escaped)


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    names: tuple[str, ...]  # the name and its aliases ("United States", "US", "America")
    adjectives: tuple[str, ...]  # demonyms and adjectives ("American", "Pakistani")


@cache
def countries() -> dict[str, Country]:
    table = {}
    for row in load_csv("countries.csv"):
        names = (row["name"], *split_multi(row.get("aliases")))
        adjectives = (*split_multi(row.get("demonyms")), *split_multi(row.get("adjectives")))
        table[row["iso3"]] = Country(row["iso3"], row["name"], tuple(dict.fromkeys(names)), tuple(dict.fromkeys(adjectives)))
    return table


@cache
def country_by_surface() -> dict[str, str]:
    """Every way of writing a country (name, alias, demonym, 's form) → ISO3."""
    table: dict[str, str] = {}
    for country in countries().values():
        for surface in (*country.names, *country.adjectives):
            table.setdefault(surface, country.iso3)
            if surface in country.names:
                table.setdefault(surface + "'s", country.iso3)
                table.setdefault(surface + "’s", country.iso3)
    return table


@cache
def titles() -> dict:
    return load_yaml("titles.yaml")


@cache
def lexicon() -> dict:
    return load_yaml("lexicon.yaml")


@cache
def kinds() -> dict:
    return load_yaml("kinds.yaml")


@cache
def sectors() -> dict:
    return load_yaml("sectors.yaml")["sectors"]


@cache
def register() -> dict:
    return load_yaml("actors.yaml")
