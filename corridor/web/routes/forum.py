"""Forum pages under /forum and their JSON twins under /api/forum.

Each page renders one data function of ``corridor.forum.views``; the API returns the same dict.
Forms post to /forum/… and redirect back (no script needed); the API takes JSON.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from corridor.errors import Code, CorridorError
from corridor.forum import service, views
from corridor.forum.exporter import export_book
from corridor.forum.ics import agenda_ics
from corridor.forum.importer import ImportReport, import_path
from corridor.forum.queries import get_forum, get_request
from corridor.forum.scheduler import Options
from corridor.forum.sheets import COLUMNS, write_book, write_csv
from corridor.web.deps import SessionDep
from corridor.web.rendering import page

router = APIRouter()
NOT_FOUND = {Code.E501, Code.E503, Code.E504, Code.E505}
Status = Literal["accepted", "declined", "cancelled", "held", "no_show"]
Sheet = Literal["participants", "requests", "meetings", "tables", "sessions", "forum"]
MAX_UPLOAD = 20 * 1024 * 1024  # an organiser's workbook is far smaller


class RequestCreate(BaseModel):
    requester: str = Field(description="Participant id or full name of who asks")
    target: str = Field(description="Participant id or full name of who is asked")
    priority: int = Field(default=2, ge=1, le=5)
    message: str = Field(default="", max_length=2000)


class RequestUpdate(BaseModel):
    status: Status | None = None
    priority: int | None = Field(default=None, ge=1, le=5)
    message: str | None = Field(default=None, max_length=2000)


class ScheduleRun(BaseModel):
    seed: int = 0
    time_limit: float = Field(default=10.0, gt=0, le=300)
    pin_previous: bool = False


def _or_404(fn, *args):
    """Run a view; unknown forums, people and requests become 404s."""
    try:
        return fn(*args)
    except CorridorError as exc:
        if exc.code in NOT_FOUND:
            raise HTTPException(404, str(exc)) from None
        raise


# --- pages -----------------------------------------------------------------------------------


@router.get("/forum", include_in_schema=False)
def forums_page(request: Request, session: SessionDep):
    return page(request, "forum/forums.html", views.forums_view(session))


@router.get("/forum/{fid}", include_in_schema=False)
def dashboard_page(request: Request, session: SessionDep, fid: str):
    return page(request, "forum/dashboard.html", _or_404(views.dashboard_view, session, fid))


@router.get("/forum/{fid}/participants", include_in_schema=False)
def participants_page(request: Request, session: SessionDep, fid: str, q: str = ""):
    data = _or_404(views.participants_view, session, fid, q)
    return page(request, "forum/participants.html", data)


@router.get("/forum/{fid}/participants/{pid}", include_in_schema=False)
def agenda_page(request: Request, session: SessionDep, fid: str, pid: str):
    return page(request, "forum/agenda.html", _or_404(views.agenda_view, session, fid, pid))


@router.get("/forum/{fid}/participants/{pid}/agenda.ics", tags=["forum"],
            summary="A participant's agenda as an iCalendar file")
def agenda_ics_file(session: SessionDep, fid: str, pid: str) -> Response:
    view = _or_404(views.agenda_view, session, fid, pid)
    return Response(
        agenda_ics(view), media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="agenda-{view["participant"]["id"]}.ics"'},
    )


@router.get("/forum/{fid}/participants/{pid}/suggestions", include_in_schema=False)
def suggestions_page(request: Request, session: SessionDep, fid: str, pid: str,
                     limit: Annotated[int, Query(ge=1, le=100)] = 10):
    data = _or_404(views.suggestions_view, session, fid, pid, limit)
    return page(request, "forum/suggestions.html", data)


@router.get("/forum/{fid}/requests", include_in_schema=False)
def requests_page(request: Request, session: SessionDep, fid: str, status: str | None = None):
    data = _or_404(views.requests_view, session, fid, status or None)
    return page(request, "forum/requests.html", data)


@router.get("/forum/{fid}/tables", include_in_schema=False)
def tables_page(request: Request, session: SessionDep, fid: str):
    return page(request, "forum/tables.html", _or_404(views.tables_view, session, fid))


@router.get("/forum/{fid}/tables/{table}", include_in_schema=False)
def table_page(request: Request, session: SessionDep, fid: str, table: str):
    return page(request, "forum/table.html", _or_404(views.table_view, session, fid, table))


@router.get("/forum/{fid}/export/{sheet}.csv", tags=["forum"],
            summary="One sheet of the forum as CSV (re-importable)")
def export_csv(session: SessionDep, fid: str, sheet: Sheet) -> Response:
    book = _or_404(export_book, session, fid)
    return Response(
        write_csv(book[sheet], COLUMNS[sheet]), media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{sheet}.csv"'},
    )


@router.get("/forum/{fid}/export.xlsx", tags=["forum"],
            summary="The whole forum as one workbook (re-importable)")
def export_xlsx(session: SessionDep, fid: str) -> Response:
    book = _or_404(export_book, session, fid)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "forum.xlsx"
        write_book(book, path)
        data = path.read_bytes()
    return Response(
        data, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": 'attachment; filename="forum.xlsx"'},
    )


def _import_upload(session, upload: UploadFile, forum: str) -> ImportReport:
    """Import an uploaded workbook or CSV sheet (named after its sheet, e.g. requests.csv)."""
    name = Path(upload.filename or "upload").name
    data = upload.file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise CorridorError(Code.E509, name, name=f"{name} (larger than {MAX_UPLOAD} bytes)")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        report = import_path(session, path, forum or None)
    session.commit()
    return report


@router.post("/forum/import", include_in_schema=False)
def import_form(session: SessionDep, file: Annotated[UploadFile, File()],
                forum: Annotated[str, Form()] = ""):
    report = _import_upload(session, file, forum)
    return RedirectResponse(f"/forum/{report.forum_id}", status_code=303)


@router.post("/api/forum/import", tags=["forum"],
             summary="Import sheets: an .xlsx workbook or one CSV named after its sheet")
def import_api(session: SessionDep, file: Annotated[UploadFile, File()],
               forum: Annotated[str, Form()] = "") -> dict:
    report = _import_upload(session, file, forum)
    return {"forum": report.forum_id, "added": report.added, "updated": report.updated}


def _back(fid: str, back: str) -> RedirectResponse:
    # Only ever redirect within the forum's own pages.
    target = back if back.startswith(f"/forum/{fid}") and "//" not in back else f"/forum/{fid}"
    return RedirectResponse(target, status_code=303)


@router.post("/forum/{fid}/requests/{rid}/status", include_in_schema=False)
def status_form(session: SessionDep, fid: str, rid: str, status: Annotated[Status, Form()],
                back: Annotated[str, Form()] = ""):
    service.set_status(session, _or_404(get_forum, session, fid), rid, status)
    session.commit()
    return _back(fid, back)


@router.post("/forum/{fid}/requests/{rid}/edit", include_in_schema=False)
def edit_form(session: SessionDep, fid: str, rid: str,
              priority: Annotated[int, Form(ge=1, le=5)],
              message: Annotated[str, Form(max_length=2000)] = "",
              back: Annotated[str, Form()] = ""):
    service.edit_request(session, _or_404(get_forum, session, fid), rid, priority, message)
    session.commit()
    return _back(fid, back)


@router.post("/forum/{fid}/requests", include_in_schema=False)
def request_form(session: SessionDep, fid: str, requester: Annotated[str, Form()],
                 target: Annotated[str, Form()],
                 priority: Annotated[int, Form(ge=1, le=5)] = 2,
                 message: Annotated[str, Form(max_length=2000)] = "",
                 back: Annotated[str, Form()] = ""):
    forum = _or_404(get_forum, session, fid)
    service.create_request(session, forum, requester, target, priority, message)
    session.commit()
    return _back(fid, back)


@router.post("/forum/{fid}/schedule", include_in_schema=False)
def schedule_form(session: SessionDep, fid: str,
                  time_limit: Annotated[float, Form(gt=0, le=120)] = 10.0,
                  pin_previous: Annotated[bool, Form()] = False):
    service.run_schedule(session, _or_404(get_forum, session, fid),
                         Options(time_limit=time_limit, pin_previous=pin_previous))
    session.commit()
    return _back(fid, f"/forum/{fid}")


# --- JSON twins --------------------------------------------------------------------------------


@router.get("/api/forum", tags=["forum"], summary="The forums in the store")
def forums_api(session: SessionDep) -> dict:
    return views.forums_view(session)


@router.get("/api/forum/{fid}", tags=["forum"],
            summary="Organiser dashboard: fill rate, left-out requests and why, no-shows")
def dashboard_api(session: SessionDep, fid: str) -> dict:
    return _or_404(views.dashboard_view, session, fid)


@router.get("/api/forum/{fid}/participants", tags=["forum"], summary="Participants")
def participants_api(session: SessionDep, fid: str, q: str = "") -> dict:
    return _or_404(views.participants_view, session, fid, q)


@router.get("/api/forum/{fid}/participants/{pid}", tags=["forum"],
            summary="A participant's agenda and requests")
def agenda_api(session: SessionDep, fid: str, pid: str) -> dict:
    return _or_404(views.agenda_view, session, fid, pid)


@router.get("/api/forum/{fid}/participants/{pid}/suggestions", tags=["forum"],
            summary="Ranked people to meet, with reasons")
def suggestions_api(session: SessionDep, fid: str, pid: str,
                    limit: Annotated[int, Query(ge=1, le=100)] = 10) -> dict:
    return _or_404(views.suggestions_view, session, fid, pid, limit)


@router.get("/api/forum/{fid}/requests", tags=["forum"], summary="Meeting requests")
def requests_api(session: SessionDep, fid: str, status: str | None = None) -> dict:
    return _or_404(views.requests_view, session, fid, status or None)


@router.get("/api/forum/{fid}/tables", tags=["forum"], summary="Tables and their use")
def tables_api(session: SessionDep, fid: str) -> dict:
    return _or_404(views.tables_view, session, fid)


@router.get("/api/forum/{fid}/tables/{table}", tags=["forum"], summary="One table's sheet")
def table_api(session: SessionDep, fid: str, table: str) -> dict:
    return _or_404(views.table_view, session, fid, table)


@router.post("/api/forum/{fid}/requests", tags=["forum"], status_code=201,
             summary="Request a meeting (pending until the other side accepts)")
def create_request_api(session: SessionDep, fid: str, body: RequestCreate) -> dict:
    forum = _or_404(get_forum, session, fid)
    row = service.create_request(session, forum, body.requester, body.target, body.priority,
                                 body.message)
    session.commit()
    return views.request_record(forum, row)


@router.patch("/api/forum/{fid}/requests/{rid}", tags=["forum"],
              summary="Edit a pending or accepted request, or change its status")
def update_request_api(session: SessionDep, fid: str, rid: str, body: RequestUpdate) -> dict:
    forum = _or_404(get_forum, session, fid)
    if body.priority is not None or body.message is not None:
        _or_404(service.edit_request, session, forum, rid, body.priority, body.message)
    row = _or_404(get_request, session, forum, rid)
    if body.status is not None:
        row = service.set_status(session, forum, rid, body.status)
    session.commit()
    return views.request_record(forum, row)


@router.post("/api/forum/{fid}/schedule", tags=["forum"],
             summary="Schedule the accepted requests; returns the run's figures")
def schedule_api(session: SessionDep, fid: str, body: ScheduleRun) -> dict:
    forum = _or_404(get_forum, session, fid)
    service.run_schedule(session, forum, Options(seed=body.seed, time_limit=body.time_limit,
                                                  pin_previous=body.pin_previous))
    session.commit()
    return views.dashboard_view(session, forum.id)
