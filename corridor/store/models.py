"""Tables of the store: documents, events and their sources, actors with aliases and titles, places."""

import datetime as dt

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from corridor.events.model import SECTORS
from corridor.store.base import Base


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(1000), index=True)
    title: Mapped[str | None] = mapped_column(String(1000))
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    source: Mapped[str | None] = mapped_column(String(500))
    url: Mapped[str | None] = mapped_column(String(2000))
    format: Mapped[str] = mapped_column(String(20))
    body_start: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)  # documents/fingerprint.py
    duplicate_of: Mapped[str | None] = mapped_column(ForeignKey("documents.id"), index=True)
    # The organisation the document is confidential to; None for news anyone may read (migration 0012).
    org_id: Mapped[str | None] = mapped_column(String(40), index=True)
    not_news: Mapped[bool] = mapped_column(default=False, server_default="0")  # a person said so: no events

    sources: Mapped[list["EventSourceRow"]] = relationship(back_populates="document")


class DocumentBandRow(Base):
    """One LSH band key of a document's MinHash signature, for near-duplicate look-up."""

    __tablename__ = "document_bands"
    __table_args__ = (Index("ix_document_bands_band_key", "band", "key"),)

    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    band: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[int] = mapped_column(BigInteger)


class PlaceRow(Base):
    __tablename__ = "places"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)  # "<country>:<name>"
    name: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[str | None] = mapped_column(String(40))
    admin1: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(3))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)


class EventRow(Base):
    __tablename__ = "events"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    plover_type: Mapped[str] = mapped_column(String(20), index=True)
    plover_mode: Mapped[str | None] = mapped_column(String(40))
    plover_context: Mapped[list] = mapped_column(JSON, default=list)
    date: Mapped[str | None] = mapped_column(String(10))
    date_precision: Mapped[str | None] = mapped_column(String(5))
    day: Mapped[dt.date | None] = mapped_column(Date, index=True)  # first day `date` covers, for range filters
    place_id: Mapped[str | None] = mapped_column(ForeignKey("places.id"), index=True)
    summary: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float)
    name: Mapped[str | None] = mapped_column(String(300))
    amount_value: Mapped[float | None] = mapped_column(Float)
    amount_currency: Mapped[str | None] = mapped_column(String(3))
    amount_text: Mapped[str | None] = mapped_column(String(100))
    # An attack's casualties {killed, injured, hostages, text} and details {method, target,
    # perpetrator, claimed}, as in the event record; past, future or ongoing (migration 0014).
    casualties: Mapped[dict | None] = mapped_column(JSON)
    attack: Mapped[dict | None] = mapped_column(JSON)
    tense: Mapped[str | None] = mapped_column(String(8))
    # The sectors of event_sectors again, as bits (sector_mask), inside the indexes that narrow the
    # events by kind, place or date, so a sector filter costs no lookup per event (migration 0005).
    sector_bits: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Confidential to this organisation (its documents' owner); None for news (migration 0012).
    org_id: Mapped[str | None] = mapped_column(String(40), index=True)
    # None: as the machine left it; "verified": a person accepted or corrected it; "flagged": the
    # machine's newer answer differs from a person's and wants a second look (migration 0013).
    review: Mapped[str | None] = mapped_column(String(10), index=True)

    place: Mapped[PlaceRow | None] = relationship(lazy="joined")
    sources: Mapped[list["EventSourceRow"]] = relationship(back_populates="event", cascade="all, delete-orphan",
                                                           order_by="EventSourceRow.id")
    participants: Mapped[list["ParticipantRow"]] = relationship(back_populates="event", cascade="all, delete-orphan",
                                                                order_by="ParticipantRow.position")
    countries: Mapped[list["EventCountryRow"]] = relationship(cascade="all, delete-orphan")
    sectors: Mapped[list["EventSectorRow"]] = relationship(cascade="all, delete-orphan")


def sector_mask(sectors) -> int:
    """The bits of events.sector_bits: bit i for SECTORS[i]. SECTORS may grow at its end only."""
    return sum(1 << SECTORS.index(s) for s in set(sectors) if s in SECTORS)


class EventCountryRow(Base):
    __tablename__ = "event_countries"

    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    country: Mapped[str] = mapped_column(String(3), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class EventSectorRow(Base):
    __tablename__ = "event_sectors"

    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    sector: Mapped[str] = mapped_column(String(20), primary_key=True, index=True)


class EventSourceRow(Base):
    """One report of an event: a quote and its offsets in a stored document."""

    __tablename__ = "event_sources"
    __table_args__ = (UniqueConstraint("event_id", "document_id", "start", "end", name="uq_event_sources_span"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    quote: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    event: Mapped[EventRow] = relationship(back_populates="sources")
    document: Mapped[DocumentRow] = relationship(back_populates="sources")


class ActorRow(Base):
    """A canonical person or organisation: from the register, or as first written in a document."""

    __tablename__ = "actors"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)  # person | organisation
    name: Mapped[str] = mapped_column(String(300), index=True)
    country: Mapped[str | None] = mapped_column(String(3), index=True)
    sector: Mapped[str | None] = mapped_column(String(20))  # the register's, else a guess
    known: Mapped[bool] = mapped_column(default=False)  # in the curated register

    aliases: Mapped[list["ActorAliasRow"]] = relationship(cascade="all, delete-orphan")
    titles: Mapped[list["ActorTitleRow"]] = relationship(cascade="all, delete-orphan", order_by="ActorTitleRow.first_seen")


class ActorAliasRow(Base):
    __tablename__ = "actor_aliases"

    actor_id: Mapped[str] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True)
    alias: Mapped[str] = mapped_column(String(300), primary_key=True, index=True)


class ActorTitleRow(Base):
    """A title an actor held, and the first and last dates the documents show it held."""

    __tablename__ = "actor_titles"

    actor_id: Mapped[str] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True)
    title: Mapped[str] = mapped_column(String(300), primary_key=True)
    org: Mapped[str | None] = mapped_column(String(300))
    first_seen: Mapped[dt.date | None] = mapped_column(Date)
    last_seen: Mapped[dt.date | None] = mapped_column(Date)


class ParticipantRow(Base):
    __tablename__ = "event_participants"
    __table_args__ = (Index("ix_event_participants_actor_event", "actor_id", "event_id"),
                      Index("ix_event_participants_actor_day", "actor_id", "day", "event_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[str | None] = mapped_column(ForeignKey("actors.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str | None] = mapped_column(String(300))
    title: Mapped[str | None] = mapped_column(String(300))
    org: Mapped[str | None] = mapped_column(String(300))
    country: Mapped[str | None] = mapped_column(String(3))
    role: Mapped[str] = mapped_column(String(10))
    sector: Mapped[str | None] = mapped_column(String(20))
    # The event's day again (it never changes once stored), so an actor's newest events are an
    # index range, not a sort of every event the actor took part in (migration 0005).
    day: Mapped[dt.date | None] = mapped_column(Date)

    event: Mapped[EventRow] = relationship(back_populates="participants")
    actor: Mapped[ActorRow | None] = relationship()


class ActorRedirectRow(Base):
    """An actor a person merged into another: ingest files later mentions of it under the other
    (the merged actor's names stay as aliases of the one it joined)."""

    __tablename__ = "actor_redirects"

    from_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    to_id: Mapped[str] = mapped_column(String(200), index=True)
