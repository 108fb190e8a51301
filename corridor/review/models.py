"""People's corrections, kept apart from the machine's output.

A correction is anchored where the machine found the event: a span of a document (the document's id
and the quote's offsets), not the event's id, which is derived from content and changes when a newer
extractor reads the same sentence differently. After every ingest and re-extraction the corrections
are applied again (review/apply.py), each to the event found at its anchor."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, DateTime, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from corridor.store.base import Base

ACTIONS = ("accept", "set", "reject", "merge", "split", "not_news")


class CorrectionRow(Base):
    __tablename__ = "corrections"
    __table_args__ = (Index("ix_corrections_anchor", "doc_id", "start"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    action: Mapped[str] = mapped_column(String(10))  # one of ACTIONS
    field: Mapped[str | None] = mapped_column(String(20))  # for "set": kind, date, place, participants, …
    value: Mapped[dict | list | str | None] = mapped_column(JSON)  # the person's value
    machine: Mapped[dict | list | str | None] = mapped_column(JSON)  # the machine's value when corrected
    record: Mapped[dict | None] = mapped_column(JSON)  # the event as the person left it (to restore it)
    # Anchor: a quote of the event in a document, and the machine's kind there.
    doc_id: Mapped[str | None] = mapped_column(String(40))
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str | None] = mapped_column(String(40))
    event_id: Mapped[str | None] = mapped_column(String(40), index=True)  # where it applies now
    org_id: Mapped[str | None] = mapped_column(String(40), index=True)
    user_id: Mapped[int | None] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(400))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    superseded_by: Mapped[int | None] = mapped_column(Integer)  # a later correction of the same field
    flag: Mapped[str | None] = mapped_column(String(300))  # why it wants a second look
