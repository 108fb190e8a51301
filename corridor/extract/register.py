"""The register of known actors: exact alias look-up, fuzzy spelling variants, and dated titles."""

from datetime import date
from functools import cache, lru_cache

from rapidfuzz import fuzz, process

from corridor.extract.patterns import register_surfaces

# Similarity (0-100) above which a spelling variant is taken for a known name ("Aurangzaib").
FUZZY_CUTOFF = 88


@lru_cache(maxsize=65536)
def find_person(name: str) -> dict | None:
    people, _ = register_surfaces()
    entry = people.get(name)
    if entry is not None:
        return entry
    if " " not in name and len(name) < 5:
        return None  # short single words match too much by accident
    match = process.extractOne(name, _person_names(), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    return people[match[0]] if match else None


@lru_cache(maxsize=65536)
def find_org(name: str) -> dict | None:
    _, orgs = register_surfaces()
    entry = orgs.get(name)
    if entry is None:
        entry = _orgs_lower().get(name.lower().removeprefix("the "))
    return entry


@cache
def _person_names() -> tuple[str, ...]:
    people, _ = register_surfaces()
    return tuple(people)


@cache
def _orgs_lower() -> dict[str, dict]:
    _, orgs = register_surfaces()
    return {surface.lower(): entry for surface, entry in orgs.items()}


def role_on(entry: dict, when: date | None) -> dict | None:
    """The role a person held on a date (the latest role when the date is unknown)."""
    roles = entry.get("roles") or []
    if not roles:
        return None
    if when is None:
        return roles[0] if roles[0].get("to") is None else max(roles, key=lambda r: str(r.get("from") or ""))
    for role in roles:
        start, end = _as_date(role.get("from"), low=True), _as_date(role.get("to"), low=False)
        if (start is None or start <= when) and (end is None or when <= end):
            return role
    return None


def _as_date(value, low: bool) -> date | None:
    """Register dates may be a day, a month ("2024-03") or a year; widen them to a bound."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    text = str(value)
    parts = text.split("-")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else (1 if low else 12)
    day = int(parts[2]) if len(parts) > 2 else (1 if low else 28)
    return date(year, month, day)
