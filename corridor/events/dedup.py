"""Cross-source deduplication: reports of one event from several documents become one event
with several sources.

Two reports are one event when they agree on kind, date (a day either way, or the same month
when one gives only the month), place, people and amounts, and share at least one identifying
fact. Candidates are found through a blocking key (kind and day), so the work grows linearly
with the number of events, and the result depends only on the order the reports arrive in."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from corridor.events.model import Event

# Kinds whose sectors tell one event from another.
SECTORAL = {"investment_interest", "investment", "agreement"}


def day_of(value: str | None) -> date | None:
    """'2026-03-02' → that day; month or year precision → its first day; None stays None."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _dates_agree(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    if len(a) == len(b) == 10:
        return abs((day_of(a) - day_of(b)).days) <= 1
    shorter = min(len(a), len(b))
    return a[:shorter] == b[:shorter]


def people(event: Event) -> set[str]:
    return {p.key() for p in event.participants if p.kind == "person"}


def same_event(a: Event, b: Event) -> bool:
    """Whether two reports describe one event (see the module's docstring)."""
    if a.kind != b.kind or not _dates_agree(a.date, b.date):
        return False
    if (a.place or b.place) and (a.place != b.place) and (a.kind == "attack" or (a.place and b.place)):
        return False
    pa, pb = people(a), people(b)
    if pa and pb and not pa & pb:
        return False
    if a.countries and b.countries and not set(a.countries) & set(b.countries):
        return False
    if a.kind in SECTORAL and a.sectors and b.sectors and not set(a.sectors) & set(b.sectors):
        return False
    if a.amount and b.amount and a.amount["value"] != b.amount["value"]:
        return False
    if a.name and b.name and a.name != b.name:
        return False
    return _shares_identity(a, b, pa & pb)


def _shares_identity(a: Event, b: Event, shared_people: set[str]) -> bool:
    """Agreeing is not enough: a dated event needs a person, place, name or sum in common (or
    both to name nobody between the same countries); an undated one needs a person and a place
    or a name."""
    same_place = bool(a.place and a.place == b.place)
    same_name = bool(a.name and a.name == b.name)
    same_sum = bool(a.amount and b.amount)
    if a.date and b.date:
        nobody = not people(a) and not people(b) and set(a.countries) == set(b.countries)
        return bool(shared_people) or same_place or same_name or same_sum or nobody
    return (bool(shared_people) and (same_place or same_name)) or same_name


def merge_into(target: Event, report: Event) -> None:
    """Add a report's sources, participants, countries and sectors to the event it repeats."""
    spans = {(s.doc, s.start, s.end) for s in target.sources}
    target.sources += [s for s in report.sources if (s.doc, s.start, s.end) not in spans]
    keys = {p.key() for p in target.participants}
    target.participants += [p for p in report.participants if p.key() not in keys]
    target.countries = list(dict.fromkeys(target.countries + report.countries))
    target.sectors = sorted(set(target.sectors) | set(report.sectors))
    target.date = target.date or report.date
    target.date_precision = target.date_precision or report.date_precision
    target.place, target.geo = (target.place, target.geo) if target.place else (report.place, report.geo)


def blocking_keys(event: Event) -> list[tuple]:
    """Where a report may find its twin: its kind with its day and the days either side (or
    its month), or, undated, its kind with its name."""
    day = day_of(event.date)
    if day is None:
        return [(event.kind, "name", event.name)] if event.name else []
    if event.date_precision == "day":
        return [(event.kind, day + timedelta(days=d)) for d in (-1, 0, 1)]
    return [(event.kind, day)]


def deduplicate(events: Iterable[Event]) -> list[Event]:
    """Reports of one event from different documents merged into the first report of it."""
    merged: list[Event] = []
    index: dict[tuple, list[Event]] = defaultdict(list)
    for event in events:
        twin = next((c for key in blocking_keys(event) for c in index[key]
                     if c.sources[0].doc != event.sources[0].doc and same_event(c, event)), None)
        if twin is not None:
            merge_into(twin, event)
            continue
        merged.append(event)
        for key in _own_keys(event):
            index[key].append(event)
    return merged


def _own_keys(event: Event) -> list[tuple]:
    day = day_of(event.date)
    if day is None:
        return [(event.kind, "name", event.name)] if event.name else []
    return [(event.kind, day)]
