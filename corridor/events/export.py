"""Writing events as JSON lines (the EVENTS.md record) or as a flat CSV table."""

import csv
import json
from collections.abc import Iterable
from typing import TextIO

from corridor.events.model import Event
from corridor.spreadsheet import neutralise

CSV_COLUMNS = (
    "id", "kind", "plover_type", "plover_mode", "plover_context", "date", "date_precision", "place", "lat", "lon",
    "admin1", "countries", "sectors", "participants", "summary", "confidence", "sources", "doc", "quote", "start", "end",
    "amount_value", "amount_currency", "killed", "injured", "hostages", "method", "target", "perpetrator", "claimed",
    "tense",
)


def csv_row(event: Event) -> dict[str, object]:
    """One flat row: lists joined with '; ', the first source's quote and offsets."""
    first = event.sources[0]
    people = [
        ", ".join(x for x in (p.name, p.title, p.org, p.country) if x) + f" ({p.role})" for p in event.participants
    ]
    return {
        "id": event.id,
        "kind": event.kind,
        "plover_type": event.plover.type,
        "plover_mode": event.plover.mode or "",
        "plover_context": "; ".join(event.plover.context),
        "date": event.date or "",
        "date_precision": event.date_precision or "",
        "place": event.place or "",
        "lat": event.geo.lat if event.geo else "",
        "lon": event.geo.lon if event.geo else "",
        "admin1": (event.geo.admin1 or "") if event.geo else "",
        "countries": "; ".join(event.countries),
        "sectors": "; ".join(event.sectors),
        "participants": "; ".join(people),
        "summary": event.summary,
        "confidence": event.confidence,
        "sources": len(event.sources),
        "doc": first.doc,
        "quote": first.quote,
        "start": first.start,
        "end": first.end,
        "amount_value": (event.amount or {}).get("value", ""),
        "amount_currency": (event.amount or {}).get("currency") or "",
        **{key: _blank((event.casualties or {}).get(key)) for key in ("killed", "injured", "hostages")},
        **{key: _blank((event.attack or {}).get(key)) for key in ("method", "target", "perpetrator", "claimed")},
        "tense": event.tense or "",
    }


def _blank(value: object) -> object:
    return "" if value is None else value


def write_events(events: Iterable[Event], out: TextIO, fmt: str) -> int:
    """Write every event; return how many were written."""
    count = 0
    writer = None
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
        writer.writeheader()
    for event in events:
        if writer:
            writer.writerow({k: neutralise(v) for k, v in csv_row(event).items()})
        else:
            out.write(json.dumps(event.to_record(), ensure_ascii=False) + "\n")
        count += 1
    return count
