"""Response models of the JSON API: they document the API in OpenAPI and check what it returns."""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ErrorBody(BaseModel):
    code: str = Field(description="Stable code from corridor/errors.py (E3xx), or HTTPnnn")
    message: str


class ErrorResponse(BaseModel):
    error: ErrorBody


ERRORS = {400: {"model": ErrorResponse, "description": "Invalid filter or input"},
          404: {"model": ErrorResponse, "description": "Unknown id"},
          422: {"model": ErrorResponse, "description": "A parameter is out of range"}}


class Record(BaseModel):
    """Part of the EVENTS.md record: fields added to the format later pass through."""

    model_config = ConfigDict(extra="allow")


class Plover(Record):
    type: str
    mode: str | None = None
    context: list[str] = []


class Geo(Record):
    lat: float
    lon: float
    admin1: str | None = None
    country: str


class Participant(Record):
    name: str | None = None
    title: str | None = None
    org: str | None = None
    country: str | None = None
    role: str
    kind: str
    actor_id: str | None = None
    sector: str | None = None


class Source(Record):
    doc: str
    quote: str
    start: int
    end: int
    doc_id: str


class Amount(BaseModel):
    value: float
    currency: str | None = None
    text: str | None = None


class Casualties(BaseModel):
    killed: int | None = None
    injured: int | None = None
    hostages: int | None = None
    text: str | None = None


class AttackDetails(BaseModel):
    method: str | None = None
    target: str | None = None
    perpetrator: str | None = None
    claimed: bool = False


class EventRecord(Record):
    """The event record of design/EVENTS.md."""

    id: str
    kind: str
    plover: Plover
    date: str | None = None
    date_precision: str | None = None
    place: str | None = None
    geo: Geo | None = None
    participants: list[Participant]
    countries: list[str]
    sectors: list[str]
    summary: str
    sources: list[Source]
    confidence: float
    name: str | None = None
    amount: Amount | None = None
    casualties: Casualties | None = None
    attack: AttackDetails | None = None
    tense: str | None = None


class EventList(BaseModel):
    filters: dict[str, str]
    events: list[EventRecord]
    total: int
    page: int
    pages: int
    size: int
    sort: str
    choices: dict[str, Any]


class EventSourceInDocument(BaseModel):
    doc: str
    doc_id: str
    title: str | None = None
    published: str | None = None
    quote: str
    start: int
    end: int
    before: str = Field(description="The document's text before the quote")
    after: str = Field(description="The document's text after the quote")
    id: int | None = Field(default=None, description="The report's id (to split it off into an event of its own)")


class RelatedEvent(BaseModel):
    id: str
    kind: str
    date: str | None = None
    summary: str
    shared_actors: list[str]
    same_place: bool


class FieldSource(BaseModel):
    by: str = Field(description="machine or person")
    who: str | None = None
    when: str | None = None
    machine: Any = Field(default=None, description="What the machine had said, where a person changed it")
    verified_by: str | None = None
    verified_at: str | None = None


class Correction(BaseModel):
    action: str
    field: str | None = None
    who: str
    when: str


class Provenance(BaseModel):
    fields: dict[str, FieldSource]
    review: str | None = Field(description="None: unchecked; verified; flagged: the machine now disagrees")
    flags: list[str]
    history: list[Correction]


class EventDetail(BaseModel):
    event: EventRecord
    sources: list[EventSourceInDocument]
    related: list[RelatedEvent]
    confidential: str | None = Field(default=None, description="The organisation it is confidential to")
    provenance: Provenance


class KindCount(BaseModel):
    kind: str
    count: int


class SectorCount(BaseModel):
    sector: str
    count: int


class Week(BaseModel):
    week: str = Field(description="The Monday starting the week, YYYY-MM-DD")
    attacks: int
    other: int


class SectorRow(BaseModel):
    sector: str
    counts: list[int] = Field(description="Events per month, in the order of `months`")


class SectorMonths(BaseModel):
    months: list[str]
    rows: list[SectorRow]


class ReviewProgress(BaseModel):
    events: int
    reviewed: int = Field(description="Events a person accepted or corrected")
    rejected: int = Field(description="Events a person rejected (no longer listed)")
    share_reviewed: float
    machine_precision: float | None = Field(
        description="Of the reviewed events, the share the machine had right (a real event of the kind it said)")


class Overview(BaseModel):
    today: str
    events: int
    documents: int
    review: ReviewProgress
    first: str | None = None
    last: str | None = None
    kinds: list[KindCount]
    sectors: list[SectorCount]
    weeks: list[Week]
    sector_months: SectorMonths
    latest: list[EventRecord]
    upcoming: list[EventRecord] = Field(description="Scheduled events from today on")
    attacks: list[EventRecord] = Field(description="The most recent attacks")


class ActorSummary(BaseModel):
    id: str
    kind: str
    name: str
    country: str | None = None
    known: bool
    events: int
    title: str | None = None


class ActorList(BaseModel):
    filters: dict[str, str]
    actors: list[ActorSummary]
    total: int
    page: int
    pages: int
    size: int
    sort: str


class Actor(BaseModel):
    id: str
    kind: str
    name: str
    country: str | None = None
    known: bool
    aliases: list[str]


class TitleHeld(BaseModel):
    title: str
    org: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None


class Contact(BaseModel):
    id: str
    name: str
    kind: str
    country: str | None = None
    events: int = Field(description="Events both took part in")


class YearCount(BaseModel):
    year: str
    count: int


class ActorDetail(BaseModel):
    actor: Actor
    titles: list[TitleHeld]
    events: list[EventRecord]
    events_total: int
    years: list[YearCount]
    roles: dict[str, int]
    meets_most: list[Contact]


class DocumentSummary(BaseModel):
    id: str
    name: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    format: str
    ingested_at: str | None = None
    chars: int
    events: int
    confidential: str | None = Field(default=None, description="The organisation it is confidential to")
    not_news: bool = False


class DocumentList(BaseModel):
    filters: dict[str, str]
    documents: list[DocumentSummary]
    total: int
    page: int
    pages: int
    size: int
    sort: str


class Document(BaseModel):
    id: str
    name: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    format: str
    body_start: int
    text: str
    confidential: str | None = Field(default=None, description="The organisation it is confidential to")
    not_news: bool = False


class Span(BaseModel):
    start: int
    end: int
    event_id: str
    kind: str
    n: int = Field(description="The event's number on the page, in order of first quote")


class DocumentEvent(BaseModel):
    id: str
    n: int
    kind: str
    date: str | None = None
    summary: str


class DocumentDetail(BaseModel):
    document: Document
    spans: list[Span]
    events: list[DocumentEvent]


class MapPlace(BaseModel):
    id: str
    name: str
    admin1: str | None = None
    country: str
    lat: float
    lon: float
    events: int
    attacks: int
    district: str | None = None
    province: str | None = None


class MapDistrict(BaseModel):
    name: str
    province: str
    events: int
    attacks: int


class OtherPlace(BaseModel):
    id: str
    name: str
    admin1: str | None = None
    country: str
    lat: float
    lon: float
    events: int
    attacks: int


class MapData(BaseModel):
    filters: dict[str, str]
    places: list[MapPlace]
    districts: list[MapDistrict]
    elsewhere: list[OtherPlace] = Field(description="Places off the map of Pakistan")
    events: int
    attacks: int
    choices: dict[str, Any]


class DocumentHit(BaseModel):
    id: str
    name: str
    title: str | None = None
    title_marks: list[list[int]]
    published: str | None = None
    snippet: str
    marks: list[list[int]] = Field(description="[start, end) of matched words in the snippet")


class EventHit(BaseModel):
    id: str
    kind: str
    date: str | None = None
    summary: str
    summary_marks: list[list[int]]
    quote: str | None = None
    marks: list[list[int]]


class DocumentHits(BaseModel):
    total: int = Field(description="How many match; a lower bound when `exact` is false")
    exact: bool
    ranked: int = Field(description="How many of them are ranked and can be paged through")
    hits: list[DocumentHit]


class EventHits(BaseModel):
    total: int = Field(description="How many match; a lower bound when `exact` is false")
    exact: bool
    ranked: int = Field(description="How many of them are ranked and can be paged through")
    hits: list[EventHit]


class SearchResult(BaseModel):
    q: str
    documents: DocumentHits
    events: EventHits
    page: int
    size: int
    pages: int


class JobError(BaseModel):
    code: str
    subject: str | None = None
    message: str


class JobDocument(BaseModel):
    id: str
    name: str
    title: str | None = None
    events: list[DocumentEvent]


class JobItem(BaseModel):
    name: str
    kind: str = Field(description="file | url")
    status: str = Field(description="waiting | reading | done | failed")
    documents: list[JobDocument] = []
    errors: list[JobError] = []


class Job(BaseModel):
    id: str
    status: str = Field(description="queued | running | done")
    created: str
    done: int
    total: int
    documents_added: int
    events_added: int
    items: list[JobItem]


class Health(BaseModel):
    status: str
