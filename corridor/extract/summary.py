"""One-line summaries of events, written from their fields and the clause that states them."""

from corridor.events.model import Participant

# Words of the stating clause kept in a summary.
CLAUSE_WORDS = 18
COUNTRY_NAMES = {"PAK": "Pakistan", "USA": "the United States"}


def label(p: Participant) -> str:
    if p.kind == "person":
        return f"{p.title} {p.name}" if p.title else p.name
    if p.kind == "organisation":
        return p.org or "an organisation"
    if p.kind == "group" and p.name:
        return p.name
    return COUNTRY_NAMES.get(p.country, p.country)


def _join(names: list[str]) -> str:
    names = list(dict.fromkeys(names))
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _clause(text: str) -> str:
    words = text.split(None, CLAUSE_WORDS)  # the first words, then the rest in one
    clause = " ".join(words[:CLAUSE_WORDS]).rstrip(",;:")
    return clause if len(words) <= CLAUSE_WORDS else clause + "…"


def summarise(kind: str, participants: list[Participant], countries: list[str], place: str | None,
              date: str | None, clause: str, name: str | None, amount: dict | None) -> str:
    sources = [label(p) for p in participants if p.role == "source"]
    targets = [label(p) for p in participants if p.role != "source"]
    where = f" in {place}" if place else ""
    when = f" on {date}" if date and len(date) == 10 else (f" in {date}" if date else "")
    if kind == "meeting" and sources and targets:
        return f"{_join(sources)} met {_join(targets)}{where}{when}."
    if kind == "attack":
        return f"Attack{where}{when}: {_clause(clause)}"
    if kind == "scheduled_event" and name:
        return f"{name}{where}{when}."
    if kind == "investment" and amount:
        who = _join(sources) or _join([COUNTRY_NAMES.get(c, c) for c in countries])
        return f"{who}: investment of {amount['text']}{where}{when}."
    who = _join(sources) or _join([COUNTRY_NAMES.get(c, c) for c in countries])
    return f"{who}: {_clause(clause)}" if who else _clause(clause)
