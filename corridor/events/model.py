"""The event record of design/EVENTS.md, as Python objects that serialise to it exactly."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

KINDS = (
    "meeting",
    "investment_interest",
    "agreement",
    "scheduled_event",
    "investment",
    "attack",
    "condemnation",
    "assurance",
    "other",
)
SECTORS = (
    "it",
    "mining",
    "energy",
    "agriculture",
    "infrastructure",
    "manufacturing",
    "finance",
    "health",
    "education",
    "defence",
    "trade",
)
ROLES = ("source", "target", "other")
ATTACK_METHODS = ("ied", "suicide", "firing", "grenade", "rocket", "abduction", "arson", "other")
ATTACK_TARGETS = ("security_forces", "civilians", "officials", "infrastructure", "foreigners", "project_staff", "other")
TENSES = ("past", "future", "ongoing")
# Optional fields of the record: left out when the text does not state them.
OPTIONAL = ("name", "amount", "casualties", "attack", "tense")


@dataclass
class Participant:
    name: str | None
    title: str | None = None
    org: str | None = None
    country: str | None = None
    role: str = "other"
    kind: str = "person"  # person | organisation | country | group
    actor_id: str | None = None  # the register's id when resolved, else a key from the raw text
    sector: str | None = None  # the actor's sector: the register's, else a guess from title or name

    def key(self) -> str:
        return self.actor_id or f"{self.kind}:{self.name or self.org or self.country}"


@dataclass
class Source:
    doc: str  # the document's name (file base name, URL)
    quote: str
    start: int
    end: int
    doc_id: str = ""


@dataclass
class Geo:
    lat: float
    lon: float
    admin1: str | None
    country: str


@dataclass
class Plover:
    type: str
    mode: str | None = None
    context: list[str] = field(default_factory=list)


@dataclass
class Event:
    id: str
    kind: str
    plover: Plover
    date: str | None
    date_precision: str | None
    place: str | None
    geo: Geo | None
    participants: list[Participant]
    countries: list[str]
    sectors: list[str]
    summary: str
    sources: list[Source]
    confidence: float
    name: str | None = None  # a scheduled event's proper name ("US-Pakistan Trade and Investment Forum")
    amount: dict[str, Any] | None = None  # an investment's amount: value, currency, text
    # An attack's victims as reported: killed, injured, hostages (None where unsaid), text.
    casualties: dict[str, Any] | None = None
    # An attack's method, target, perpetrator (as named) and whether a group claimed it.
    attack: dict[str, Any] | None = None
    tense: str | None = None  # past | future (scheduled or planned) | ongoing

    def to_record(self) -> dict[str, Any]:
        record = asdict(self)
        for key in OPTIONAL:
            if record[key] is None:
                del record[key]
        return record

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Event:
        data = dict(record)
        data["plover"] = Plover(**data["plover"])
        data["geo"] = Geo(**data["geo"]) if data.get("geo") else None
        data["participants"] = [Participant(**p) for p in data["participants"]]
        data["sources"] = [Source(**s) for s in data["sources"]]
        return cls(**data)
