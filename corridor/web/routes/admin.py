"""The site's administration (site admins): users, organisations, and the audit trail, read-only,
with its CSV and JSON-lines exports."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import RedirectResponse, StreamingResponse
from pydantic import BaseModel, Field

from corridor.accounts import audit, users
from corridor.accounts.principal import Principal
from corridor.errors import Code, CorridorError
from corridor.web.auth import SITE_ADMIN, PrincipalDep
from corridor.web.deps import SessionDep
from corridor.web.rendering import page
from corridor.web.routes.accounts import send_link

router = APIRouter()
Text = Annotated[str | None, Query(max_length=200)]


def _admin(session) -> dict:
    return {"users": [users.user_record(u) for u in users.list_users(session)], "orgs": users.list_orgs(session)}


@router.get("/admin", include_in_schema=False, dependencies=[SITE_ADMIN])
def admin_page(request: Request, session: SessionDep):
    return page(request, "admin.html", _admin(session))


@router.get("/api/admin", tags=["admin"], dependencies=[SITE_ADMIN], summary="Users and organisations")
def admin_api(session: SessionDep) -> dict:
    return _admin(session)


def _add_user(request: Request, session, who: Principal, email: str, name: str, site_admin: bool) -> dict:
    user = users.add_user(session, who.actor(), email, name, site_admin=site_admin)
    link = send_link(request, session, user, "invitation")
    session.commit()
    return {**_admin(session), "invitation": link, "invited": user.email}


@router.post("/admin/users", include_in_schema=False, dependencies=[SITE_ADMIN])
def add_user_form(request: Request, session: SessionDep, who: PrincipalDep, email: Annotated[str, Form(max_length=320)],
                  name: Annotated[str, Form(max_length=200)] = "", site_admin: Annotated[bool, Form()] = False):
    return page(request, "admin.html", _add_user(request, session, who, email, name, site_admin), status_code=201)


class UserCreate(BaseModel):
    email: str = Field(max_length=320)
    name: str = Field(default="", max_length=200)
    site_admin: bool = False


@router.post("/api/admin/users", tags=["admin"], status_code=201, dependencies=[SITE_ADMIN],
             summary="Add a user; their invitation link is mailed, or returned once")
def add_user_api(request: Request, session: SessionDep, who: PrincipalDep, body: UserCreate) -> dict:
    return _add_user(request, session, who, body.email, body.name, body.site_admin)


Change = Literal["disable", "enable", "reset"]
UserId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def _change(request: Request, session, who: Principal, uid: int, change: str) -> dict:
    user = users.get_user(session, uid)
    link = None
    if change in ("disable", "enable"):
        if user.id == who.user_id:
            raise CorridorError(Code.E602, action="disable your own account")
        users.set_disabled(session, who.actor(), user, change == "disable")
        if change == "disable":
            users.revoke_all_tokens(session, user)
    else:
        link = send_link(request, session, user, "reset")
        audit.record(session, who.actor(), "user.reset_link", "user", user.id, None,
                     {"mailed": link is None})
    session.commit()
    return {**_admin(session), "reset_link": link, "reset_for": user.email if change == "reset" else None}


@router.post("/admin/users/{uid}/{change}", include_in_schema=False, dependencies=[SITE_ADMIN])
def change_user_form(request: Request, session: SessionDep, who: PrincipalDep, uid: UserId, change: Change):
    data = _change(request, session, who, uid, change)
    if change == "reset":
        return page(request, "admin.html", data)
    return RedirectResponse("/admin", status_code=303)


@router.post("/api/admin/users/{uid}/{change}", tags=["admin"], dependencies=[SITE_ADMIN],
             summary="Disable or enable a user (their sessions and tokens end), or make a password-reset link")
def change_user_api(request: Request, session: SessionDep, who: PrincipalDep, uid: UserId, change: Change) -> dict:
    return _change(request, session, who, uid, change)


def _add_org(session, who: Principal, org_id: str, name: str) -> dict:
    users.add_org(session, who.actor(), org_id, name)
    session.commit()
    return _admin(session)


@router.post("/admin/orgs", include_in_schema=False, dependencies=[SITE_ADMIN])
def add_org_form(session: SessionDep, who: PrincipalDep, org: Annotated[str, Form(max_length=40)],
                 name: Annotated[str, Form(max_length=200)] = ""):
    _add_org(session, who, org, name)
    return RedirectResponse(f"/orgs/{org.strip().lower()}", status_code=303)


class OrgCreate(BaseModel):
    org: str = Field(max_length=40, description="3 to 40 lower-case letters, digits and dashes")
    name: str = Field(default="", max_length=200)


@router.post("/api/admin/orgs", tags=["admin"], status_code=201, dependencies=[SITE_ADMIN],
             summary="Add an organisation")
def add_org_api(session: SessionDep, who: PrincipalDep, body: OrgCreate) -> dict:
    return _add_org(session, who, body.org, body.name)


# --- the audit trail -------------------------------------------------------------------------------


def _moment(name: str, value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise CorridorError(Code.E304, name=name, detail="expected a date (YYYY-MM-DD) or a time") from None


def audit_filter(actor: Text = None, action: Text = None, target: Text = None,
                 org: Annotated[str | None, Query(max_length=40)] = None,
                 since: Annotated[str | None, Query(max_length=32, description="YYYY-MM-DD or an ISO time")] = None,
                 until: Annotated[str | None, Query(max_length=32, description="YYYY-MM-DD or an ISO time")] = None,
                 ) -> audit.AuditFilter:
    return audit.AuditFilter(actor=actor or None, action=action or None, target=target or None, org=org or None,
                             since=_moment("since", since), until=_moment("until", until))


PageNo = Annotated[int, Query(alias="page", ge=1, le=100_000)]


def _audit(session, request: Request, page_no: int) -> dict:
    flt = audit_filter(**{k: request.query_params.get(k) for k in ("actor", "action", "target", "org", "since",
                                                                  "until")})
    data = audit.entries(session, flt, page_no, 50)
    data["filters"] = {k: v for k, v in request.query_params.items() if k != "page" and v}
    return data


@router.get("/admin/audit", include_in_schema=False, dependencies=[SITE_ADMIN])
def audit_page(request: Request, session: SessionDep, actor: Text = None, action: Text = None, target: Text = None,
               page_no: PageNo = 1):
    return page(request, "audit.html", _audit(session, request, page_no))


@router.get("/api/admin/audit", tags=["admin"], dependencies=[SITE_ADMIN],
            summary="The audit trail, newest first: who wrote what, when, before and after")
def audit_api(request: Request, session: SessionDep, actor: Text = None, action: Text = None, target: Text = None,
              org: Annotated[str | None, Query(max_length=40)] = None,
              since: Annotated[str | None, Query(max_length=32)] = None,
              until: Annotated[str | None, Query(max_length=32)] = None, page_no: PageNo = 1) -> dict:
    return _audit(session, request, page_no)


@router.get("/admin/audit.{fmt}", include_in_schema=False, dependencies=[SITE_ADMIN],
            summary="The audit trail as CSV (no cell can run as a formula) or JSON lines, oldest first")
def audit_export(request: Request, fmt: Literal["csv", "jsonl"], actor: Text = None, action: Text = None,
                 target: Text = None) -> StreamingResponse:
    flt = audit_filter(**{k: request.query_params.get(k) for k in ("actor", "action", "target", "org", "since",
                                                                  "until")})

    def chunks():
        with request.app.state.sessions() as session:
            out = io.StringIO()
            audit.write(audit.iter_entries(session, flt), out, fmt)
            yield out.getvalue()

    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson; charset=utf-8"
    return StreamingResponse(chunks(), media_type=media,
                             headers={"Content-Disposition": f'attachment; filename="corridor-audit.{fmt}"'})
