"""Export a forum back to the sheets it was imported from (plus the schedule), as CSV files or
one workbook, and the printed outputs: one .ics agenda per participant, one sheet per table.

``export_book`` → ``importer.import_book`` is a round trip: importing an export into an empty
store and exporting again gives the same files.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from sqlalchemy.orm import Session

from corridor.forum.ics import agenda_ics
from corridor.forum.queries import get_forum, participants, requests
from corridor.forum.service import PLACED, local_time
from corridor.forum.sheets import Book, append_row, write_book
from corridor.forum.views import agenda_view, table_view


def export_book(session: Session, forum_ref: str | None) -> Book:
    forum = get_forum(session, forum_ref)
    book: Book = {
        "forum": [
            {"field": "name", "value": forum.name},
            {"field": "venue", "value": forum.venue or ""},
            {"field": "timezone", "value": forum.timezone},
            {"field": "slot_minutes", "value": str(forum.slot_minutes)},
            {"field": "default_max_meetings", "value": str(forum.default_max_meetings)},
        ],
        "sessions": [
            {"kind": s.kind, "name": s.name, "date": s.day.isoformat() if s.day else "",
             "start": f"{s.start:%H:%M}", "end": f"{s.end:%H:%M}"}
            for s in forum.sessions
        ],
        "tables": [{"name": t.name, "capacity": str(t.capacity)} for t in forum.tables],
        "participants": [
            {"id": p.id, "name": p.name, "organisation": p.organisation, "country": p.country,
             "role": p.role, "title": p.title, "email": p.email, "sectors": p.sectors,
             "offer": p.offer, "seek": p.seek, "availability": p.availability,
             "max_meetings": "" if p.max_meetings is None else str(p.max_meetings),
             "delegation": p.delegation.name if p.delegation else ""}
            for p in participants(session, forum)
        ],
    }
    rows = requests(session, forum)
    book["requests"] = [
        {"id": r.id, "requester": r.requester.name,
         "requester_organisation": r.requester.organisation, "target": r.target.name,
         "target_organisation": r.target.organisation, "priority": str(r.priority),
         "message": r.message, "status": r.status, "reason": r.reason or ""}
        for r in rows
    ]
    placed = [r for r in rows if r.status in PLACED and r.meeting is not None]
    placed.sort(key=lambda r: (r.meeting.start, r.meeting.table_name, r.id))
    book["meetings"] = [
        {"request": r.id, "start": local_time(forum, r.meeting.start).isoformat(),
         "end": local_time(forum, r.meeting.end).isoformat(), "table": r.meeting.table_name}
        for r in placed
    ]
    return book


def export(session: Session, forum_ref: str | None, out: Path, agendas: bool = False) -> list[Path]:
    """Write the forum to ``out`` (a folder of CSV files, or a .xlsx workbook).

    With ``agendas``, also every participant's .ics file and a workbook with a sheet per table
    (beside the workbook, or inside the folder).
    """
    written = write_book(export_book(session, forum_ref), out)
    if agendas:
        folder = out if out.suffix.lower() != ".xlsx" else out.with_suffix("")
        written += write_agendas(session, forum_ref, folder / "agendas")
        written.append(write_table_sheets(session, forum_ref, folder / "tables.xlsx"))
    return written


def write_agendas(session: Session, forum_ref: str | None, folder: Path) -> list[Path]:
    forum = get_forum(session, forum_ref)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for p in participants(session, forum):
        path = folder / f"{p.id}.ics"
        path.write_bytes(agenda_ics(agenda_view(session, forum.id, p.id)))
        out.append(path)
    return out


def write_table_sheets(session: Session, forum_ref: str | None, path: Path) -> Path:
    """A workbook with one sheet per table: each slot, who meets there, and a column to tick."""
    forum = get_forum(session, forum_ref)
    wb = Workbook()
    wb.remove(wb.active)
    for t in forum.tables:
        view = table_view(session, forum.id, t.name)
        ws = wb.create_sheet(_sheet_name(t.name))
        append_row(ws, [f"{forum.name} – table {t.name} (seats {t.capacity})"])
        append_row(ws, ["date", "time", "requester", "organisation", "target", "organisation",
                        "status", "held?"])
        for s in view["slots"]:
            m = s["meeting"]
            if m is None:
                append_row(ws, [s["date"], s["time"], "", "", "", "", "free", ""])
            else:
                append_row(ws, [s["date"], s["time"], m["requester"]["name"],
                                m["requester"]["organisation"], m["target"]["name"],
                                m["target"]["organisation"], m["status"], ""])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _sheet_name(name: str) -> str:
    bad = '[]:*?/\\'
    return "".join("_" if c in bad else c for c in name)[:31] or "table"
