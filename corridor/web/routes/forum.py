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

from corridor.accounts.audit import record
from corridor.accounts.principal import Principal
from corridor.errors import Code, CorridorError
from corridor.forum import service, views
from corridor.forum.exporter import export_book
from corridor.forum.ics import agenda_ics
from corridor.forum.importer import ImportReport, import_book, target_forum
from corridor.forum.queries import get_forum, get_request
from corridor.forum.scheduler import Options
from corridor.forum.sheets import COLUMNS, read_book, write_book, write_csv
from corridor.web.auth import EDITOR, FORUM_MEMBER, FORUM_ORGANISER, SIGNED_IN, PrincipalDep
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


def _forums(session, who: Principal) -> dict:
    data = views.forums_view(session, who.visible_orgs)
    data["may_import"] = who.is_at_least("editor")
    data["orgs"] = who.orgs_at_least("editor")
    return data


@router.get("/forum", include_in_schema=False, dependencies=[SIGNED_IN])
def forums_page(request: Request, session: SessionDep, who: PrincipalDep):
    return page(request, "forum/forums.html", _forums(session, who))


@router.get("/forum/{fid}", include_in_schema=False, dependencies=[FORUM_MEMBER])
def dashboard_page(request: Request, session: SessionDep, fid: str):
    return page(request, "forum/dashboard.html", _or_404(views.dashboard_view, session, fid))


@router.get("/forum/{fid}/participants", include_in_schema=False, dependencies=[FORUM_MEMBER])
def participants_page(request: Request, session: SessionDep, fid: str, q: str = ""):
    data = _or_404(views.participants_view, session, fid, q)
    return page(request, "forum/participants.html", data)


@router.get("/forum/{fid}/participants/{pid}", include_in_schema=False, dependencies=[FORUM_MEMBER])
def agenda_page(request: Request, session: SessionDep, who: PrincipalDep, fid: str, pid: str):
    data = _or_404(views.agenda_view, session, fid, pid)
    data["organiser"] = _organiser(session, who, fid)
    return page(request, "forum/agenda.html", data)


def _organiser(session, who: Principal, fid: str) -> bool:
    return who.rank_in(get_forum(session, fid).org_id) >= 2


@router.get("/forum/{fid}/participants/{pid}/agenda.ics", tags=["forum"],
            summary="A participant's agenda as an iCalendar file", dependencies=[FORUM_MEMBER])
def agenda_ics_file(session: SessionDep, fid: str, pid: str) -> Response:
    view = _or_404(views.agenda_view, session, fid, pid)
    return Response(
        agenda_ics(view), media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="agenda-{view["participant"]["id"]}.ics"'},
    )


@router.get("/forum/{fid}/participants/{pid}/suggestions", include_in_schema=False, dependencies=[FORUM_MEMBER])
def suggestions_page(request: Request, session: SessionDep, fid: str, pid: str,
                     limit: Annotated[int, Query(ge=1, le=100)] = 10):
    data = _or_404(views.suggestions_view, session, fid, pid, limit)
    return page(request, "forum/suggestions.html", data)


@router.get("/forum/{fid}/requests", include_in_schema=False, dependencies=[FORUM_MEMBER])
def requests_page(request: Request, session: SessionDep, fid: str, status: str | None = None):
    data = _or_404(views.requests_view, session, fid, status or None)
    return page(request, "forum/requests.html", data)


@router.get("/forum/{fid}/tables", include_in_schema=False, dependencies=[FORUM_MEMBER])
def tables_page(request: Request, session: SessionDep, fid: str):
    return page(request, "forum/tables.html", _or_404(views.tables_view, session, fid))


@router.get("/forum/{fid}/tables/{table}", include_in_schema=False, dependencies=[FORUM_MEMBER])
def table_page(request: Request, session: SessionDep, fid: str, table: str):
    return page(request, "forum/table.html", _or_404(views.table_view, session, fid, table))


@router.get("/forum/{fid}/export/{sheet}.csv", tags=["forum"],
            summary="One sheet of the forum as CSV (re-importable)", dependencies=[FORUM_MEMBER])
def export_csv(session: SessionDep, fid: str, sheet: Sheet) -> Response:
    book = _or_404(export_book, session, fid)
    return Response(
        write_csv(book[sheet], COLUMNS[sheet]), media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{sheet}.csv"'},
    )


@router.get("/forum/{fid}/export.xlsx", tags=["forum"],
            summary="The whole forum as one workbook (re-importable)", dependencies=[FORUM_MEMBER])
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


def _import_upload(session, who: Principal, upload: UploadFile, forum: str, org: str) -> ImportReport:
    """Import an uploaded workbook or CSV sheet (named after its sheet, e.g. requests.csv) into a forum
    this user organises, or as a new forum of one of their organisations."""
    name = Path(upload.filename or "upload").name
    data = upload.file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise CorridorError(Code.E509, name, name=f"{name} (larger than {MAX_UPLOAD} bytes)")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        book = read_book(path)
    mine = who.visible_orgs
    if "forum" not in book and mine is not None:
        forum = forum or _only_forum(session, mine)
    existing = target_forum(session, book, forum or None)
    if existing is not None:
        rank = who.rank_in(existing.org_id) if (existing.org_id or who.site_admin) else 0
        if rank == 0:
            raise CorridorError(Code.E501, forum=existing.id)
        if rank < 2:
            raise CorridorError(Code.E602, action="change this forum (organisers only)")
        owner = existing.org_id
    else:
        orgs = who.orgs_at_least("editor")
        owner = org or (orgs[0] if orgs else None)
        if owner is not None and owner not in orgs and not who.site_admin:
            raise CorridorError(Code.E602, action=f"organise a forum for {owner!r}")
    report = import_book(session, book, forum or None, owner)
    record(session, who.actor(), "forum.import", "forum", report.forum_id, None,
           {"file": name, "added": report.added, "updated": report.updated}, org_id=owner)
    session.commit()
    return report


def _only_forum(session, orgs: frozenset[str]) -> str:
    found = views.forums_view(session, orgs)["forums"]
    if len(found) != 1:
        raise CorridorError(Code.E502 if found else Code.E503, choices=", ".join(f["id"] for f in found))
    return found[0]["id"]


Org = Annotated[str, Form(max_length=40, description="For a new forum: the organising organisation")]


@router.post("/forum/import", include_in_schema=False, dependencies=[EDITOR])
def import_form(session: SessionDep, who: PrincipalDep, file: Annotated[UploadFile, File()],
                forum: Annotated[str, Form()] = "", org: Org = ""):
    report = _import_upload(session, who, file, forum, org)
    return RedirectResponse(f"/forum/{report.forum_id}", status_code=303)


@router.post("/api/forum/import", tags=["forum"], dependencies=[EDITOR],
             summary="Import sheets: an .xlsx workbook or one CSV named after its sheet")
def import_api(session: SessionDep, who: PrincipalDep, file: Annotated[UploadFile, File()],
               forum: Annotated[str, Form()] = "", org: Org = "") -> dict:
    report = _import_upload(session, who, file, forum, org)
    return {"forum": report.forum_id, "added": report.added, "updated": report.updated}


def _back(fid: str, back: str) -> RedirectResponse:
    # Only ever redirect within the forum's own pages.
    target = back if back.startswith(f"/forum/{fid}") and "//" not in back else f"/forum/{fid}"
    return RedirectResponse(target, status_code=303)


def set_status(session, who: Principal, fid: str, rid: str, status: str):
    forum = _or_404(get_forum, session, fid)
    before = _or_404(get_request, session, forum, rid).status
    row = service.set_status(session, forum, rid, status)
    record(session, who.actor(), "forum.request.status", "forum_request", rid, {"status": before},
           {"status": row.status}, org_id=forum.org_id)
    session.commit()
    return forum, row


def edit_request(session, who: Principal, fid: str, rid: str, priority: int | None, message: str | None):
    forum = _or_404(get_forum, session, fid)
    old = _or_404(get_request, session, forum, rid)
    before = {"priority": old.priority, "message": old.message}
    row = _or_404(service.edit_request, session, forum, rid, priority, message)
    record(session, who.actor(), "forum.request.edit", "forum_request", rid, before,
           {"priority": row.priority, "message": row.message}, org_id=forum.org_id)
    return forum, row


def create_request(session, who: Principal, fid: str, requester: str, target: str, priority: int, message: str):
    forum = _or_404(get_forum, session, fid)
    row = service.create_request(session, forum, requester, target, priority, message)
    record(session, who.actor(), "forum.request.create", "forum_request", row.id, None,
           views.request_record(forum, row), org_id=forum.org_id)
    session.commit()
    return forum, row


def run_schedule(session, who: Principal, fid: str, options: Options):
    forum = _or_404(get_forum, session, fid)
    result = service.run_schedule(session, forum, options)
    record(session, who.actor(), "forum.schedule", "forum", fid, None,
           {"meetings": result.meetings, "value": result.value, "bound": result.bound, "seed": options.seed},
           org_id=forum.org_id)
    session.commit()
    return forum


@router.post("/forum/{fid}/requests/{rid}/status", include_in_schema=False, dependencies=[FORUM_ORGANISER])
def status_form(session: SessionDep, who: PrincipalDep, fid: str, rid: str, status: Annotated[Status, Form()],
                back: Annotated[str, Form()] = ""):
    set_status(session, who, fid, rid, status)
    return _back(fid, back)


@router.post("/forum/{fid}/requests/{rid}/edit", include_in_schema=False, dependencies=[FORUM_ORGANISER])
def edit_form(session: SessionDep, who: PrincipalDep, fid: str, rid: str,
              priority: Annotated[int, Form(ge=1, le=5)],
              message: Annotated[str, Form(max_length=2000)] = "",
              back: Annotated[str, Form()] = ""):
    edit_request(session, who, fid, rid, priority, message)
    session.commit()
    return _back(fid, back)


@router.post("/forum/{fid}/requests", include_in_schema=False, dependencies=[FORUM_ORGANISER])
def request_form(session: SessionDep, who: PrincipalDep, fid: str, requester: Annotated[str, Form()],
                 target: Annotated[str, Form()],
                 priority: Annotated[int, Form(ge=1, le=5)] = 2,
                 message: Annotated[str, Form(max_length=2000)] = "",
                 back: Annotated[str, Form()] = ""):
    create_request(session, who, fid, requester, target, priority, message)
    return _back(fid, back)


@router.post("/forum/{fid}/schedule", include_in_schema=False, dependencies=[FORUM_ORGANISER])
def schedule_form(session: SessionDep, who: PrincipalDep, fid: str,
                  time_limit: Annotated[float, Form(gt=0, le=120)] = 10.0,
                  pin_previous: Annotated[bool, Form()] = False):
    run_schedule(session, who, fid, Options(time_limit=time_limit, pin_previous=pin_previous))
    return _back(fid, f"/forum/{fid}")


# --- JSON twins --------------------------------------------------------------------------------


@router.get("/api/forum", tags=["forum"], summary="The forums of your organisations", dependencies=[SIGNED_IN])
def forums_api(session: SessionDep, who: PrincipalDep) -> dict:
    return _forums(session, who)


@router.get("/api/forum/{fid}", tags=["forum"], dependencies=[FORUM_MEMBER],
            summary="Organiser dashboard: fill rate, left-out requests and why, no-shows")
def dashboard_api(session: SessionDep, fid: str) -> dict:
    return _or_404(views.dashboard_view, session, fid)


@router.get("/api/forum/{fid}/participants", tags=["forum"], summary="Participants", dependencies=[FORUM_MEMBER])
def participants_api(session: SessionDep, fid: str, q: str = "") -> dict:
    return _or_404(views.participants_view, session, fid, q)


@router.get("/api/forum/{fid}/participants/{pid}", tags=["forum"], dependencies=[FORUM_MEMBER],
            summary="A participant's agenda and requests")
def agenda_api(session: SessionDep, fid: str, pid: str) -> dict:
    return _or_404(views.agenda_view, session, fid, pid)


@router.get("/api/forum/{fid}/participants/{pid}/suggestions", tags=["forum"], dependencies=[FORUM_MEMBER],
            summary="Ranked people to meet, with reasons")
def suggestions_api(session: SessionDep, fid: str, pid: str,
                    limit: Annotated[int, Query(ge=1, le=100)] = 10) -> dict:
    return _or_404(views.suggestions_view, session, fid, pid, limit)


@router.get("/api/forum/{fid}/requests", tags=["forum"], summary="Meeting requests", dependencies=[FORUM_MEMBER])
def requests_api(session: SessionDep, fid: str, status: str | None = None) -> dict:
    return _or_404(views.requests_view, session, fid, status or None)


@router.get("/api/forum/{fid}/tables", tags=["forum"], summary="Tables and their use", dependencies=[FORUM_MEMBER])
def tables_api(session: SessionDep, fid: str) -> dict:
    return _or_404(views.tables_view, session, fid)


@router.get("/api/forum/{fid}/tables/{table}", tags=["forum"], summary="One table's sheet", dependencies=[FORUM_MEMBER])
def table_api(session: SessionDep, fid: str, table: str) -> dict:
    return _or_404(views.table_view, session, fid, table)


@router.post("/api/forum/{fid}/requests", tags=["forum"], status_code=201, dependencies=[FORUM_ORGANISER],
             summary="Request a meeting (pending until the other side accepts)")
def create_request_api(session: SessionDep, who: PrincipalDep, fid: str, body: RequestCreate) -> dict:
    forum, row = create_request(session, who, fid, body.requester, body.target, body.priority, body.message)
    return views.request_record(forum, row)


@router.patch("/api/forum/{fid}/requests/{rid}", tags=["forum"], dependencies=[FORUM_ORGANISER],
              summary="Edit a pending or accepted request, or change its status")
def update_request_api(session: SessionDep, who: PrincipalDep, fid: str, rid: str, body: RequestUpdate) -> dict:
    forum = _or_404(get_forum, session, fid)
    if body.priority is not None or body.message is not None:
        edit_request(session, who, fid, rid, body.priority, body.message)
    row = _or_404(get_request, session, forum, rid)
    if body.status is not None:
        forum, row = set_status(session, who, fid, rid, body.status)
    session.commit()
    return views.request_record(forum, row)


@router.post("/api/forum/{fid}/schedule", tags=["forum"], dependencies=[FORUM_ORGANISER],
             summary="Schedule the accepted requests; returns the run's figures")
def schedule_api(session: SessionDep, who: PrincipalDep, fid: str, body: ScheduleRun) -> dict:
    forum = run_schedule(session, who, fid, Options(seed=body.seed, time_limit=body.time_limit,
                                                    pin_previous=body.pin_previous))
    return views.dashboard_view(session, forum.id)
