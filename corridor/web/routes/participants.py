"""A forum participant's own pages, reached through their invitation link, and the organisers' form
that makes the link. JSON twins under /api/forum/{fid}/me."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field

from corridor.accounts import mail
from corridor.accounts import sessions as accounts_sessions
from corridor.accounts.audit import Actor, record
from corridor.accounts.principal import Principal
from corridor.errors import Code, CorridorError
from corridor.forum import links, service, views
from corridor.forum.ics import agenda_ics
from corridor.forum.queries import get_forum, get_participant
from corridor.web.auth import FORUM_ORGANISER, PARTICIPANT, PUBLIC, SESSION_COOKIE, PrincipalDep, set_session_cookie
from corridor.web.deps import SessionDep
from corridor.web.rendering import page

router = APIRouter()
Answer = Literal["accepted", "declined", "cancelled"]


def base_url(request: Request) -> str:
    configured = request.app.state.settings.base_url
    return (configured or str(request.base_url)).rstrip("/")


# --- the organisers' side ------------------------------------------------------------------------


def _invite(request: Request, session, who: Principal, fid: str, pid: str, send: bool) -> dict:
    forum = get_forum(session, fid)
    person = get_participant(session, forum, pid)
    token = links.make_link(session, forum, person.id)
    url = f"{base_url(request)}/invite/{token}"
    mailed = False
    if send:
        if not person.email:
            raise CorridorError(Code.E615, field="email", detail=f"{person.name} has no e-mail address")
        mail.send(person.email, f"Your meetings at {forum.name}",
                  f"Dear {person.name},\n\nYour agenda and meeting requests for {forum.name} are at\n\n{url}\n\n"
                  f"The link is personal and valid for {request.app.state.settings.invitation_days} days.\n")
        mailed = True
    record(session, who.actor(), "forum.invitation", "forum_participant", person.id, None,
           {"mailed_to": person.email if mailed else None}, org_id=forum.org_id)
    session.commit()
    return {"forum": views.forum_record(forum), "participant": views.person_record(person),
            "url": None if mailed else url, "mailed": mailed, "days": request.app.state.settings.invitation_days}


@router.post("/forum/{fid}/participants/{pid}/invitation", include_in_schema=False, dependencies=[FORUM_ORGANISER])
def invitation_form(request: Request, session: SessionDep, who: PrincipalDep, fid: str, pid: str,
                    send: Annotated[bool, Form()] = False):
    return page(request, "forum/invitation.html", _invite(request, session, who, fid, pid, send))


class InvitationRequest(BaseModel):
    send: bool = Field(default=False, description="Mail the link to the participant (needs CORRIDOR_SMTP_HOST)")


@router.post("/api/forum/{fid}/participants/{pid}/invitation", tags=["forum"], dependencies=[FORUM_ORGANISER],
             summary="A new invitation link for a participant (shown once, or mailed); their earlier link ends")
def invitation_api(request: Request, session: SessionDep, who: PrincipalDep, fid: str, pid: str,
                   body: InvitationRequest) -> dict:
    return _invite(request, session, who, fid, pid, body.send)


# --- following a link ----------------------------------------------------------------------------


@router.get("/invite/{token}", include_in_schema=False, dependencies=[PUBLIC])
def invitation_page(request: Request, session: SessionDep, token: str):
    forum_id, participant_id = links.follow(session, token)
    forum = get_forum(session, forum_id)
    person = get_participant(session, forum, participant_id)
    return page(request, "forum/welcome.html", {"forum": views.forum_record(forum), "participant":
                                                views.person_record(person), "token": token})


@router.post("/invite/{token}", include_in_schema=False, dependencies=[PUBLIC])
def invitation_accept(request: Request, session: SessionDep, who: PrincipalDep, token: str):
    forum_id, participant_id = links.follow(session, token)
    new = accounts_sessions.start(session, forum_id=forum_id, participant_id=participant_id,
                                  old_token=request.cookies.get(SESSION_COOKIE))
    record(session, Actor(f"participant:{participant_id}", "web", None, who.address),
           "forum.participant.sign_in", "forum_participant", participant_id)
    session.commit()
    response = RedirectResponse(f"/forum/{forum_id}/me", status_code=303)
    set_session_cookie(request, response, new, request.app.state.settings.session_hours)
    return response


# --- the participant's own pages -----------------------------------------------------------------


def _me(session, who: Principal, fid: str) -> dict:
    data = views.agenda_view(session, fid, who.participant_id)
    mine = service.side_of(session, get_forum(session, fid), who.participant_id)
    for r in data["received"]:
        r["may"] = ["accepted", "declined"] if r["status"] == "pending" else (
            ["declined", "cancelled"] if r["status"] == "accepted" else
            ["cancelled"] if r["status"] == "scheduled" else [])
    for r in data["sent"]:
        r["may"] = ["cancelled"] if r["status"] in ("pending", "accepted", "scheduled") else []
    data["delegation"] = sorted(mine)
    return data


@router.get("/forum/{fid}/me", include_in_schema=False, dependencies=[PARTICIPANT])
def me_page(request: Request, session: SessionDep, who: PrincipalDep, fid: str):
    return page(request, "forum/me.html", _me(session, who, fid))


@router.get("/api/forum/{fid}/me", tags=["participant"], dependencies=[PARTICIPANT],
            summary="The participant's agenda and requests (with the answers they may give)")
def me_api(session: SessionDep, who: PrincipalDep, fid: str) -> dict:
    return _me(session, who, fid)


@router.get("/forum/{fid}/me/agenda.ics", tags=["participant"], dependencies=[PARTICIPANT],
            summary="The participant's agenda as an iCalendar file")
def me_ics(session: SessionDep, who: PrincipalDep, fid: str) -> Response:
    view = views.agenda_view(session, fid, who.participant_id)
    return Response(agenda_ics(view), media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="agenda.ics"'})


@router.get("/forum/{fid}/me/suggestions", include_in_schema=False, dependencies=[PARTICIPANT])
def me_suggestions_page(request: Request, session: SessionDep, who: PrincipalDep, fid: str):
    return page(request, "forum/me_suggestions.html", views.suggestions_view(session, fid, who.participant_id))


@router.get("/api/forum/{fid}/me/suggestions", tags=["participant"], dependencies=[PARTICIPANT],
            summary="People the participant could meet, with the reasons")
def me_suggestions_api(session: SessionDep, who: PrincipalDep, fid: str) -> dict:
    return views.suggestions_view(session, fid, who.participant_id)


def _answer(session, who: Principal, fid: str, rid: str, status: str):
    forum = get_forum(session, fid)
    from corridor.forum.queries import get_request

    before = get_request(session, forum, rid).status
    row = service.participant_status(session, forum, who.participant_id, rid, status)
    record(session, who.actor(), "forum.request.status", "forum_request", rid, {"status": before},
           {"status": row.status}, org_id=forum.org_id)
    session.commit()
    return views.request_record(forum, row)


@router.post("/forum/{fid}/me/requests/{rid}/status", include_in_schema=False, dependencies=[PARTICIPANT])
def me_answer_form(session: SessionDep, who: PrincipalDep, fid: str, rid: str, status: Annotated[Answer, Form()]):
    _answer(session, who, fid, rid, status)
    return RedirectResponse(f"/forum/{fid}/me", status_code=303)


class Answered(BaseModel):
    status: Answer


@router.patch("/api/forum/{fid}/me/requests/{rid}", tags=["participant"], dependencies=[PARTICIPANT],
              summary="Accept or decline a request made to the participant, or cancel their own")
def me_answer_api(session: SessionDep, who: PrincipalDep, fid: str, rid: str, body: Answered) -> dict:
    return _answer(session, who, fid, rid, body.status)


def _ask(session, who: Principal, fid: str, target: str, message: str) -> dict:
    forum = get_forum(session, fid)
    row = service.create_request(session, forum, who.participant_id, target, 2, message)
    record(session, who.actor(), "forum.request.create", "forum_request", row.id, None,
           views.request_record(forum, row), org_id=forum.org_id)
    session.commit()
    return views.request_record(forum, row)


@router.post("/forum/{fid}/me/requests", include_in_schema=False, dependencies=[PARTICIPANT])
def me_ask_form(session: SessionDep, who: PrincipalDep, fid: str, target: Annotated[str, Form(max_length=40)],
                message: Annotated[str, Form(max_length=2000)] = ""):
    _ask(session, who, fid, target, message)
    return RedirectResponse(f"/forum/{fid}/me", status_code=303)


class Ask(BaseModel):
    target: str = Field(max_length=40, description="The participant id of whom to meet")
    message: str = Field(default="", max_length=2000)


@router.post("/api/forum/{fid}/me/requests", tags=["participant"], status_code=201, dependencies=[PARTICIPANT],
             summary="Ask another participant for a meeting")
def me_ask_api(session: SessionDep, who: PrincipalDep, fid: str, body: Ask) -> dict:
    return _ask(session, who, fid, body.target, body.message)


def _available(session, who: Principal, fid: str, text: str) -> dict:
    forum = get_forum(session, fid)
    before = get_participant(session, forum, who.participant_id).availability
    person = service.set_availability(session, forum, who.participant_id, text)
    record(session, who.actor(), "forum.participant.availability", "forum_participant", person.id,
           {"availability": before}, {"availability": person.availability}, org_id=forum.org_id)
    session.commit()
    return views.person_record(person)


@router.post("/forum/{fid}/me/availability", include_in_schema=False, dependencies=[PARTICIPANT])
def me_availability_form(session: SessionDep, who: PrincipalDep, fid: str,
                         availability: Annotated[str, Form(max_length=500)] = ""):
    _available(session, who, fid, availability)
    return RedirectResponse(f"/forum/{fid}/me", status_code=303)


class Availability(BaseModel):
    availability: str = Field(default="", max_length=500,
                              description="`09:00-12:30; 2026-03-31 14:00-16:00`; empty: every session")


@router.put("/api/forum/{fid}/me/availability", tags=["participant"], dependencies=[PARTICIPANT],
            summary="Set the participant's own availability")
def me_availability_api(session: SessionDep, who: PrincipalDep, fid: str, body: Availability) -> dict:
    return _available(session, who, fid, body.availability)
